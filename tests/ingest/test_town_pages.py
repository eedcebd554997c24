"""A town's news (invented programs and people, real places): a page whose title opens
with a town is that town's, so its programs and platforms are the town's; the town's party
committee, government and Youth League committee are units of the town, by full name or by
level (`镇党委`); a county's page says no town by `镇党委` alone."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

NEWS = """仙居新闻网 > 乡镇动态
白塔镇:“乡贤回归·同心兴塔”工程引来“金凤凰”
2024-06-12 09:35:21 来源:仙居新闻网
初夏时节,走进仙居县白塔镇高迁村,修缮一新的古民居里游客络绎不绝。
去年以来,白塔镇党委、镇政府把乡贤作为推动乡村振兴的重要人才资源,实施“乡贤回归·同心兴塔”工程,累计吸引在外乡贤回归168人。
镇里组织各村对在外创业人士进行全面摸排,建立“白塔乡贤人才库”,目前入库乡贤426人。镇里主动对接县农业农村局,争取农业补助政策。
针对在外青年乡贤,镇团委开展“青春回白塔”暑期实践活动,今年已有63名大学生报名。
“下一步,我们将把乡贤回归与共同富裕结合起来。”白塔镇党委书记陈立国表示。
"""

COUNTY = """仙居县人才工作动态
仙居县实施“神仙英才”计划,引进高层次人才50名。各镇党委要落实人才工作责任。
"""


def test_resolve_a_towns_page_is_the_towns() -> None:
    patch = run_pipeline(NEWS, "town.txt")
    (source,) = nodes_of(patch, Label.SOURCE)
    assert source.properties["jurisdiction"].endswith("/仙居县/白塔镇")
    runs = edge_names(patch, RelType.RUNS)
    assert ("白塔镇", "乡贤回归·同心兴塔工程") in runs
    assert ("仙居县", "乡贤回归·同心兴塔工程") not in runs
    assert ("白塔镇", "白塔乡贤人才库") in edge_names(patch, RelType.BUILDS)


def test_resolve_a_towns_organs_are_units_of_the_town() -> None:
    patch = run_pipeline(NEWS, "town.txt")
    units = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    assert {"中共白塔镇委员会", "白塔镇人民政府", "共青团白塔镇委员会",
            "仙居县农业农村局"} <= units
    assert ("中共白塔镇委员会", "白塔镇") in edge_names(patch, RelType.LOCATED_IN)
    assert ("陈立国", "中共白塔镇委员会") in edge_names(patch, RelType.MEMBER_OF)
    assert ("共青团白塔镇委员会", "青春回白塔暑期实践活动") in edge_names(patch, RelType.RUNS)


def test_resolve_a_countys_page_names_no_town_by_its_level() -> None:
    patch = run_pipeline(COUNTY, "county.txt")
    (source,) = nodes_of(patch, Label.SOURCE)
    assert source.properties["jurisdiction"].endswith("/仙居县")
    assert not [n for n in nodes_of(patch, Label.GOV_UNIT) if "镇" in n.name]
