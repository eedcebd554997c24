"""Lists of platforms (the annex of a 认定名单 notice; invented platforms and firms, real
places): a table of 平台名称 / 依托单位 / 合作单位 / 所在县市区, flattened one cell a line
with section rows between its rows, or written as `|` rows. Each platform is where its place
column says and cooperates with the organisation of its partner column."""
from __future__ import annotations

from ingest.extract.rosters import platform_rows
from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

FLAT = """阜阳市人才工作领导小组办公室关于公布2023年度市级人才平台认定名单的通知

各县市区委组织部:
经单位申报、专家评审和社会公示,认定市级院士工作站2家、技能大师工作室1家,现予公布。

附件
2023年度市级人才平台认定名单
序号
平台名称
依托单位
合作单位
所在县市区
一、院士工作站(2家)
1
阜阳新型建材院士工作站
安徽青禾建材有限公司
合肥工业大学
临泉县
2
阜阳生物育种院士工作站
安徽沃禾种业有限公司
安徽农业大学
太和县
二、技能大师工作室(1家)
1
周林技能大师工作室(数控加工)
界首市职业技术学校
——
界首市
"""


def test_platform_rows_read_across_section_rows() -> None:
    rows = [(n.text, p.text if p else None, q.text if q else None)
            for n, p, q in platform_rows(FLAT)]
    assert rows == [("阜阳新型建材院士工作站", "临泉县", "合肥工业大学"),
                    ("阜阳生物育种院士工作站", "太和县", "安徽农业大学"),
                    ("周林技能大师工作室(数控加工)", "界首市", "——")]


def test_platform_rows_of_pipe_rows() -> None:
    text = ("序号 | 平台名称 | 所在地区 | 合作高校\n"
            "1 | 阜阳新型建材院士工作站 | 临泉县 | 合肥工业大学\n")
    assert [(n.text, p.text) for n, p, _ in platform_rows(text)] == [
        ("阜阳新型建材院士工作站", "临泉县")]


def test_platform_rows_need_a_place_or_partner_column() -> None:
    text = "序号\n平台名称\n依托单位\n1\n阜阳新型建材院士工作站\n安徽青禾建材有限公司\n"
    assert list(platform_rows(text)) == []


def test_resolve_a_listed_platform_is_in_its_county_and_cooperates_with_its_partner() -> None:
    patch = run_pipeline(FLAT, "list.txt")
    located = edge_names(patch, RelType.LOCATED_IN)
    assert {("阜阳新型建材院士工作站", "临泉县"), ("阜阳生物育种院士工作站", "太和县")} <= located
    # the name's city is not where it is: its row says the county
    assert ("阜阳新型建材院士工作站", "阜阳市") not in located
    partners = edge_names(patch, RelType.COOPERATES_WITH)
    assert {("阜阳新型建材院士工作站", "合肥工业大学"),
            ("阜阳生物育种院士工作站", "安徽农业大学")} <= partners, partners
    # the host firm (依托单位) is no partner
    assert not {p for p in partners if p[1] in ("安徽青禾建材有限公司", "安徽沃禾种业有限公司")}


def test_counties_building_one_platform_together_share_it() -> None:
    # an item's number before 支持; 共建: one platform built by both, not one each and not
    # the city's
    text = ("阜阳市人才新政解读\n阜阳市出台人才新政,支持县市区建设人才平台。\n"
            "2. 支持临泉县、界首市共建“绿色食品人才驿站”。\n"
            "3. 支持太和县、阜南县分别建设“医药人才驿站”。\n")
    patch = run_pipeline(text, "fuyang_jiedu.txt")
    builds = edge_names(patch, RelType.BUILDS)
    assert {("临泉县", "绿色食品人才驿站"), ("界首市", "绿色食品人才驿站")} <= builds
    assert ("阜阳市", "绿色食品人才驿站") not in builds
    shared = [n for n in patch.nodes.values() if n.name == "绿色食品人才驿站"]
    assert len(shared) == 1
    each = [n for n in patch.nodes.values() if n.name == "医药人才驿站"]
    assert sorted(n.properties["region"] for n in each) == ["太和县", "阜南县"]


def test_resolve_a_platform_named_in_a_cited_title_is_none_the_text_builds() -> None:
    """`按照《阜阳市人才驿站建设管理办法(试行)》`: the 人才驿站 is what the cited document is
    about; the stations the text builds itself (`新建人才驿站3个`) are the platforms."""
    text = ("临泉县人才驿站建设情况\n临泉县按照《阜阳市人才驿站建设管理办法(试行)》要求,"
            "今年新建乡镇人才驿站3个。\n")
    patch = run_pipeline(text, "stations.txt")
    builds = edge_names(patch, RelType.BUILDS)
    assert ("阜阳市", "人才驿站") not in builds
    assert any(a == "临泉县" for a, _ in builds)


def test_resolve_a_generic_kind_s_instances_in_one_place_are_the_kind_s_node() -> None:
    """A text about one county's 人才驿站 says `县人才驿站`, `镇人才驿站`, `本办法所称人才驿站`,
    `三星级人才驿站`, `“一站一品”人才驿站`: all are the county's one 人才驿站 node."""
    text = ("临泉县人才驿站管理办法\n第一条 本办法所称人才驿站,是为人才提供服务的综合性平台。"
            "县人才驿站设在县人才服务中心,各镇人才驿站设在镇党群服务中心。\n"
            "第二条 对三星级人才驿站给予5万元奖励,打造“一站一品”人才驿站。\n")
    patch = run_pipeline(text, "stations.txt")
    stations = [n for n in nodes_of(patch, Label.PLATFORM) if n.name.endswith("人才驿站")]
    assert [n.name for n in stations] == ["人才驿站"]
    assert {"县人才驿站", "三星级人才驿站"} <= stations[0].aliases
