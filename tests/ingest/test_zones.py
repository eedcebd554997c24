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


ZONE_NEWS = """首页 > 新闻中心 > 开发区要闻
阜阳开发区出台人才新政10条
发布时间:2023-09-12 08:30　来源:阜阳经济技术开发区党工委组织部
9月11日,阜阳经济技术开发区党工委、管委会联合印发《阜阳经济技术开发区支持人才创新创业十条措施》(阜开党发〔2023〕21号)。
第一条,实施“颍淮青才”工程。对来区就业的全日制博士给予每月3000元生活补贴。
第二条,新建开发区人才公寓1500套,依托阜阳开发区人才发展服务中心提供“一站式”服务。
"""


@pytest.fixture(scope="module")
def zone_news():
    return run_pipeline(ZONE_NEWS, "fuyang_kaifa.txt")


def test_a_zone_s_party_working_committee_and_its_committee_written_together(zone_news) -> None:
    """`某开发区党工委、管委会联合印发`: the zone's party working committee (中共某开发区工作
    委员会, 党工委 for short) and its committee both issue; a department of the party's
    committee (党工委组织部) is its part."""
    units = {n.name: n for n in nodes_of(zone_news, Label.GOV_UNIT)}
    party = "中共阜阳经济技术开发区工作委员会"
    assert {party, "阜阳经济技术开发区管理委员会", f"{party}组织部"} <= set(units)
    assert "阜阳经济技术开发区党工委" in units[party].aliases
    doc = "阜阳经济技术开发区支持人才创新创业十条措施"
    assert {(party, doc), ("阜阳经济技术开发区管理委员会", doc)} <= edge_names(zone_news, RelType.ISSUED)
    assert (f"{party}组织部", party) in edge_names(zone_news, RelType.PART_OF)


def test_a_page_of_the_zone_s_party_organs_credits_the_zone_s_committee(zone_news) -> None:
    """Published by the 党工委组织部: what the page says the zone does, its committee does,
    not the city around it; 开发区 opens a name (开发区人才公寓) with no verb 开发 cut off;
    the zone's short name (阜阳开发区) is its full one's alias."""
    committee = "阜阳经济技术开发区管理委员会"
    assert (committee, "颍淮青才工程") in edge_names(zone_news, RelType.RUNS)
    builds = edge_names(zone_news, RelType.BUILDS)
    assert {(committee, "阜阳开发区人才发展服务中心")} <= builds
    assert not {b for b in builds if b[0] == "阜阳市"}
    platforms = {n.name: n for n in nodes_of(zone_news, Label.PLATFORM)}
    assert not any(name.startswith("区") for name in platforms)
    assert "阜阳开发区" in platforms["阜阳经济技术开发区"].aliases
