"""A city's report that tells, a paragraph each, what its counties did (invented programs,
real places): a paragraph opening with a county and a verb of doing (`临泉县实施“X”,…;建成Y`)
is about that county. The county runs its programs and builds its platforms (a generic one,
人才公寓, is the county's own), not the city that reports them."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

REPORT = """关于2023年度阜阳市各县(市、区)人才工作目标责任考核结果的通报

各县(市、区)委组织部:
2023年,各县(市、区)认真落实市委人才工作部署,人才引育成效明显。
临泉县实施“泉乡英才回归工程”,全年吸引在外人才返乡创业就业1260人;建成临泉县人才创业孵化园,入驻创业项目43个。
太和县深入实施“太和工匠培育计划”,评选“太和工匠”15名,新建人才公寓200套。
全市将继续实施“颍州英才”计划。
"""


def test_resolve_a_paragraph_about_a_county_gives_it_the_programs_and_platforms() -> None:
    patch = run_pipeline(REPORT, "tongbao.txt")
    runs = edge_names(patch, RelType.RUNS)
    assert {("临泉县", "泉乡英才回归工程"), ("太和县", "太和工匠培育计划")} <= runs, runs
    assert ("阜阳市", "泉乡英才回归工程") not in runs
    assert ("阜阳市", "颍州英才计划") in runs  # a paragraph without a county: the city's
    builds = edge_names(patch, RelType.BUILDS)
    # after the semicolon the paragraph still speaks of 临泉县
    assert ("临泉县", "临泉县人才创业孵化园") in builds, builds
    assert ("太和县", "人才公寓") in builds and ("阜阳市", "人才公寓") not in builds, builds
    apartments = [n for n in nodes_of(patch, Label.PLATFORM) if n.name == "人才公寓"]
    assert [n.properties.get("region") for n in apartments] == ["太和县"]


def test_resolve_a_place_that_is_no_subject_makes_no_topic() -> None:
    # `在临泉县召开…`: the county is where, not who; the city runs what it reports
    text = REPORT.replace("临泉县实施“泉乡英才回归工程”", "在临泉县召开现场会,推广“泉乡英才回归工程”")
    runs = edge_names(run_pipeline(text, "tongbao.txt"), RelType.RUNS)
    assert ("临泉县", "泉乡英才回归工程") not in runs, runs


YEARBOOK = """阜阳年鉴·人才工作
【县域人才工作】　临泉县实施“泉乡英才”计划,引进高层次人才团队9个。太和县持续推进“药都英才”计划,与阜阳师范大学共建中药材人才实践基地,全年培训技术骨干1200人次。界首市建成界首市人才驿站。
"""


def test_resolve_a_yearbook_entry_s_counties_after_its_heading() -> None:
    patch = run_pipeline(YEARBOOK, "yearbook.txt")
    runs = edge_names(patch, RelType.RUNS)
    assert {("临泉县", "泉乡英才计划"), ("太和县", "药都英才计划")} <= runs
    assert ("临泉县", "药都英才计划") not in runs
    assert ("太和县", "中药材人才实践基地") in edge_names(patch, RelType.BUILDS)


PROVINCIAL = """阜南县人才新政
为加快人才集聚,制定本办法。
入选人才优先推荐申报省“江淮英才”计划。
全面落实省“徽匠培育”工程,县人社局负责实施。
阜南县“淮河英才”计划每年评选50名。
"""


def test_resolve_a_bare_province_before_a_quoted_program_runs_it() -> None:
    """`推荐申报省“X”计划` on a county's page: the province runs X (the page only applies to
    it), not the county; a program the county names as its own stays the county's."""
    runs = edge_names(run_pipeline(PROVINCIAL, "provincial.txt"), RelType.RUNS)
    assert {("安徽省", "江淮英才计划"), ("安徽省", "徽匠培育工程"), ("阜南县", "淮河英才计划")} <= runs
    assert not {("阜南县", "江淮英才计划"), ("阜南县", "徽匠培育工程")} & runs


COUNTIES = """阜阳市推进县域人才振兴
为加快人才集聚,阜阳市出台了系列政策。
界首市重点围绕再生资源产业实施“界首工匠”培育行动,培养技能人才。
太和县则与安徽农业大学共建中药材专家服务站。
推动颍上县与合肥工业大学共建煤电研究院。
阜阳市支持临泉县实施“临泉英才”计划。
"""


def test_resolve_the_county_opening_a_clause_is_its_actor() -> None:
    """On a city's page, a county that opens its clause runs or builds what the clause
    names, across an adverbial (`A市重点围绕X产业实施“Y”`), a 则, or a lead verb of the
    city's (`推动A县与某大学共建Z`); a clause whose subject names another place before the
    verb (`阜阳市支持临泉县实施`) is that place's, not the city's."""
    patch = run_pipeline(COUNTIES, "counties.txt")
    runs = edge_names(patch, RelType.RUNS)
    builds = edge_names(patch, RelType.BUILDS)
    coop = edge_names(patch, RelType.COOPERATES_WITH)
    assert ("界首市", "界首工匠培育行动") in runs and ("阜阳市", "界首工匠培育行动") not in runs
    assert {("太和县", "中药材专家服务站"), ("颍上县", "煤电研究院")} <= builds
    assert {("太和县", "安徽农业大学"), ("颍上县", "合肥工业大学")} <= coop
    assert not {b for b in builds if b[0] == "阜阳市"}
    assert ("临泉县", "临泉英才计划") in runs and ("阜阳市", "临泉英才计划") not in runs


DIGEST = """市县联动抓人才——我市各县(市、区)人才工作亮点扫描
今年以来,阜阳市坚持市县两级联动,以“颍淮英才”计划为牵引,推动各县(市、区)打造人才工作品牌。
临泉县:“临泉名匠”传承传统技艺
围绕杂技、毛笔制作等产业评选技能大师42名,建成临泉县杂技人才实训基地,年培训文旅人才2000余人次。
太和县:中药产业汇聚乡土人才
太和县探索“专家+合作社+农户”人才服务模式,与安徽中医药大学签订合作协议,共建太和中药专家大院。
颍上县:“管仲英才”回引成效明显
颍上县以“管仲英才”回引工程为抓手,建成人才驿站3个,建立在外颍上籍人才信息库。
据统计,今年上半年阜阳市累计引进各类人才3860名,新建市级人才平台26个。
阜阳市委组织部相关负责人表示,全市将持续完善市县两级人才工作协同机制。
"""


def test_resolve_a_city_digest_credits_each_county_section() -> None:
    """A city's digest with a `某县:标题` headline over each county's paragraph: what the
    paragraph runs, builds and signs belongs to that county, whether its sentences name it
    (`某县以“X”为抓手`, `某县探索“Y”模式,与某大学…`) or not; the paragraph after the last
    section is the city's again."""
    patch = run_pipeline(DIGEST, "digest.txt")
    runs = edge_names(patch, RelType.RUNS)
    builds = edge_names(patch, RelType.BUILDS)
    coop = edge_names(patch, RelType.COOPERATES_WITH)
    assert {("太和县", "专家+合作社+农户人才服务模式"), ("颍上县", "管仲英才回引工程"),
            ("阜阳市", "颍淮英才计划")} <= runs
    assert {("临泉县", "临泉县杂技人才实训基地"), ("颍上县", "人才驿站")} <= builds
    assert ("太和县", "安徽中医药大学") in coop
    assert not {b for b in builds | coop if b[0] == "阜阳市"}


def test_resolve_a_level_unit_under_a_county_headline_is_that_county_s() -> None:
    """`县委组织部牵头开展“X”` in the paragraph under `某县:标题`: the county's organisation
    department runs X, not a unit of the city whose digest it is."""
    text = DIGEST.replace("共建太和中药专家大院。", "共建太和中药专家大院。县委组织部牵头开展“田间课堂”活动。")
    patch = run_pipeline(text, "digest.txt")
    units = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    assert "中共太和县委组织部" in units and "中共阜阳市委组织部" in units
    assert ("中共太和县委组织部", "田间课堂") in edge_names(patch, RelType.RUNS)
