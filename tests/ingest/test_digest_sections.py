"""A city's digest of its counties' news (invented programs and people, real places): each
`【某县】` section's items are that county's, its bare `县委人才办` is that county's, the page
is the city's, and the 公众号's links to earlier posts are furniture."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

DIGEST = """阜阳人才　　点击蓝字关注我们
一周人才动态|临泉、太和、界首人才工作亮点纷呈
　　本周,阜阳市各县(市、区)围绕人才引育、平台建设持续发力。
【临泉县】“泉乡英才”计划第二批人选出炉
　　11月14日,临泉县公布第二批“泉乡英才”计划入选名单,共有高层次人才15名入选。临泉县委组织部相关负责人表示,今年已引进急需紧缺人才126名。临泉县还将举办人才招聘会。
【太和县】药都人才驿站揭牌
　　11月16日,太和县首个药都人才驿站在城关镇揭牌运行。驿站由县委人才办与本地企业共建,为返乡大学生提供服务。
【界首市】再生资源人才实训基地投用
　　11月19日,界首市再生资源人才实训基地正式投入使用。界首市将深入实施“界首工匠”培养计划。界首市委副书记、市长张明在仪式上讲话。
往期推荐
▶ 阜阳市举办2023年“颍州人才周”活动
▶ 招聘|阜阳市事业单位公开招聘工作人员公告
"""


def test_resolve_a_digest_of_counties_is_the_citys() -> None:
    patch = run_pipeline(DIGEST, "digest.txt")
    (source,) = nodes_of(patch, Label.SOURCE)
    assert source.properties["jurisdiction"].endswith("/阜阳市")


def test_resolve_each_section_is_its_countys() -> None:
    patch = run_pipeline(DIGEST, "digest.txt")
    builds = edge_names(patch, RelType.BUILDS)
    assert ("太和县", "药都人才驿站") in builds
    assert ("阜阳市", "药都人才驿站") not in builds
    runs = edge_names(patch, RelType.RUNS)
    assert ("界首市", "界首工匠培养计划") in runs
    assert ("阜阳市", "界首工匠培养计划") not in runs
    platforms = {n.name for n in nodes_of(patch, Label.PLATFORM)}
    assert not any("首个" in p for p in platforms)
    units = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    assert "中共太和县委人才工作领导小组办公室" in units  # (`县委人才办` in 太和县's section)


def test_resolve_links_to_earlier_posts_are_furniture() -> None:
    programs = {n.name for n in nodes_of(run_pipeline(DIGEST, "digest.txt"), Label.PROGRAM)}
    assert "颍州人才周" not in programs


def test_resolve_places_that_each_make_a_program_run_their_own() -> None:
    text = ("阜阳市人才工作\n全市新培育高技能人才5100人。临泉县、界首市分别打造“临泉服装工匠”"
            "“界首匠人”劳务品牌,带动当地用工。\n")
    runs = edge_names(run_pipeline(text, "work.txt"), RelType.RUNS)
    assert ("临泉县", "临泉服装工匠") in runs and ("界首市", "界首匠人劳务品牌") in runs
    assert ("临泉县", "界首匠人劳务品牌") not in runs
    assert not {("阜阳市", "临泉服装工匠"), ("阜阳市", "界首匠人劳务品牌")} & runs
