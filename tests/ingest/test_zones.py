"""Development zones (高新区, 开发区): a zone is a Platform known by several names, governed by
a committee (管委会) that issues the zone's documents and does what they say the zone does.

The places are real divisions (the gazetteer's); the documents, programs and platforms are
invented.
"""
from __future__ import annotations

import pytest

from ingest.extract.units import zone_name
from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline


@pytest.mark.parametrize(("name", "full"), [
    ("界首高新区", "界首高新技术产业开发区"),
    ("界首市高新区", "界首高新技术产业开发区"),
    ("界首国家级高新区", "界首高新技术产业开发区"),
    ("安徽界首高新技术产业开发区", "界首高新技术产业开发区"),  # the province before it
    ("界首高新技术产业开发区", "界首高新技术产业开发区"),
    ("高新区", "高新区"),  # no zone's name: a kind
    ("界首经济开发区", "界首经济开发区"),  # other kinds as they are
])
def test_zone_name_is_the_full_name_whatever_form_is_written(name: str, full: str) -> None:
    assert zone_name(name) == full


MEASURES = """界首高新区管委会关于印发《界首高新区人才引育十条措施》的通知
界高管发〔2024〕3号

各部门、各园区,区内各企业:
现将《界首高新区人才引育十条措施》印发给你们,请认真贯彻执行。

安徽界首高新技术产业开发区管理委员会
2024年3月1日

界首高新区人才引育十条措施
为加快人才集聚,结合高新区实际,制定以下措施。
1.实施“颍河英才”计划。每年遴选领军人才10名,给予最高50万元奖励。
2.建设青年人才驿站,为来界首高新区求职的高校毕业生提供7天免费住宿。
3.对带项目落户界首高新区的创新创业团队,给予最高100万元资助。
本措施由界首高新区管委会负责解释。
"""


@pytest.fixture(scope="module")
def measures():
    return run_pipeline(MEASURES, "jieshou_gaoxin.txt")


def test_the_committee_signing_a_cover_letter_issues_the_document(measures) -> None:
    # its signature's date was taken as the page's date: the signature still names the issuer
    (doc,) = [n for n in nodes_of(measures, Label.POLICY_DOCUMENT)]
    assert doc.name == "界首高新区人才引育十条措施"
    assert edge_names(measures, RelType.ISSUED) == {
        ("界首高新技术产业开发区管理委员会", "界首高新区人才引育十条措施")}
    (committee,) = [n for n in nodes_of(measures, Label.GOV_UNIT)]
    assert {"界首高新区管委会", "安徽界首高新技术产业开发区管理委员会"} <= committee.aliases
    assert edge_names(measures, RelType.LOCATED_IN) >= {("界首高新技术产业开发区管理委员会", "界首市")}


def test_on_a_zone_page_its_committee_runs_and_builds_not_the_city_around_it(measures) -> None:
    committee = "界首高新技术产业开发区管理委员会"
    assert (committee, "颍河英才计划") in edge_names(measures, RelType.RUNS)
    assert (committee, "青年人才驿站") in edge_names(measures, RelType.BUILDS)
    doers = {a for a, _ in edge_names(measures, RelType.RUNS) | edge_names(measures, RelType.BUILDS)}
    assert doers == {committee}


def test_a_zone_is_one_platform_by_all_its_names_and_not_built_by_its_committee(measures) -> None:
    zones = [n for n in nodes_of(measures, Label.PLATFORM) if "高新" in n.name]
    assert [z.name for z in zones] == ["界首高新技术产业开发区"]
    assert "界首高新区" in zones[0].aliases
    assert not any(b == "界首高新技术产业开发区" for _, b in edge_names(measures, RelType.BUILDS))
    # `带项目落户界首高新区`: 落户 ends the name on its left
    assert not any(n.name.startswith("项目") for n in nodes_of(measures, Label.PLATFORM))


def test_a_city_page_naming_a_zone_still_credits_the_city() -> None:
    patch = run_pipeline("界首市人才工作情况\n界首市实施“颍河英才”计划,在界首高新区建设青年人才驿站。\n",
                         "jieshou_city.txt")
    assert ("界首市", "颍河英才计划") in edge_names(patch, RelType.RUNS)
    assert not any("管理委员会" in n.name for n in nodes_of(patch, Label.GOV_UNIT))
