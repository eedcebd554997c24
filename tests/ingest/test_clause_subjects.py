"""A county that opens its own clause of a city's report builds what that clause builds
(invented names, real places): counties after 其中 and between semicolons, each with its own
platform; a base it builds on (`依托某园`) is no part of the name and not built; counties
listed together; a county with a university partner (`某县与某大学签订协议,共建X`)."""
from __future__ import annotations

from ingest.extract.names import find_platforms
from schema.labels import RelType
from tests.ingest.test_resolve import edge_names, run_pipeline

REPORT = """阜阳市人才驿站建设情况

2024年,全市新建人才驿站6家。其中,临泉县依托临泉现代农业产业园建设农技人才驿站,服务人才300余人;太和县依托中药文化园建设中医药人才驿站;界首市依托再生资源公司建设循环经济人才驿站。
阜南县与安徽农业大学签订合作协议,共建阜南柳编产业研究院。颍上县建设电商人才孵化基地,阜南县建设青年创业基地。
临泉县、太和县率先建成人才社区。
"""


def test_extract_the_base_before_a_verb_of_building_is_no_part_of_the_name() -> None:
    names = [m.name for m in find_platforms("太和县依托中药文化园建设中医药人才驿站;")]
    assert names == ["中医药人才驿站"]


def test_resolve_each_county_builds_its_own_clauses_platform_not_the_city() -> None:
    builds = edge_names(run_pipeline(REPORT, "report.txt"), RelType.BUILDS)
    expected = {("临泉县", "农技人才驿站"), ("太和县", "中医药人才驿站"),
                ("界首市", "循环经济人才驿站"), ("阜南县", "阜南柳编产业研究院"),
                ("颍上县", "电商人才孵化基地"), ("阜南县", "青年创业基地"),
                ("临泉县", "人才社区"), ("太和县", "人才社区")}
    assert expected <= builds, expected - builds
    county_built = {name for _, name in expected}
    assert not {(c, p) for c, p in builds if c == "阜阳市" and p in county_built}, builds
    # one clause's subject is not the next one's
    assert ("颍上县", "青年创业基地") not in builds and ("临泉县", "中医药人才驿站") not in builds
    # the park a station is built on is not built by the county there
    assert ("临泉县", "临泉现代农业产业园") not in builds


def test_resolve_a_county_and_its_university_partner() -> None:
    coop = edge_names(run_pipeline(REPORT, "report.txt"), RelType.COOPERATES_WITH)
    assert ("阜南县", "安徽农业大学") in coop, coop
    assert ("阜阳市", "安徽农业大学") not in coop, coop


def test_resolve_a_county_that_opens_its_clause_runs_the_program_it_holds() -> None:
    page = ("阜阳市人才周开幕\n发布时间:2024-05-20\n"
            "人才周期间将举办12项活动,临泉县、界首市同步设立分会场,界首市还将举办“界首人才服务月”系列活动。\n")
    runs = edge_names(run_pipeline(page, "page.txt"), RelType.RUNS)
    assert ("界首市", "界首人才服务月系列活动") in runs
    assert ("阜阳市", "界首人才服务月系列活动") not in runs
