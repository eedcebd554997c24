"""A 工作要点's layout (invented names, real places): a note naming who leads an item on a
line of its own under it (`牵头单位:A、B`), for a program and for a platform the item builds;
several regions sharing one unit's head (`临泉县、太和县、界首市人社局`)."""
from __future__ import annotations

from ingest.extract.units import find_units
from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

POINTS = """阜阳市2024年人才工作要点

一、实施“颍水英才”计划。围绕主导产业引进高层次人才50名。
牵头单位:市委组织部、市人社局
二、建设阜阳人才驿站。在重点园区建设人才驿站10个。
牵头单位:市人社局
责任单位:各县市区
三、临泉县、太和县、界首市人社局要积极推进“乡村巧匠”培育工程,培养高素质农民500人。
"""


def test_resolve_a_lead_note_under_an_item_names_who_runs_or_builds_it() -> None:
    patch = run_pipeline(POINTS, "points.txt")
    runs, builds = edge_names(patch, RelType.RUNS), edge_names(patch, RelType.BUILDS)
    assert {("中共阜阳市委组织部", "颍水英才计划"),
            ("阜阳市人力资源和社会保障局", "颍水英才计划")} <= runs
    assert ("阜阳市人力资源和社会保障局", "人才驿站") in builds
    # the note runs only its own item's program
    assert not {u for u, p in runs if p == "乡村巧匠培育工程"} & {
        "中共阜阳市委组织部", "阜阳市人力资源和社会保障局"}


def test_extract_regions_listed_before_a_unit_share_its_head() -> None:
    units = [(m.text, m.attrs["region"], m.attrs["dept"])
             for m in find_units("临泉县、太和县、界首市人社局要积极推进。")]
    assert sorted(units) == sorted([("临泉县", "临泉县", "人力资源和社会保障局"),
                                    ("太和县", "太和县", "人力资源和社会保障局"),
                                    ("界首市人社局", "界首市", "人力资源和社会保障局")])
    # a unit after other units is no shared head of theirs
    assert len(list(find_units("市委组织部、界首市人社局牵头。"))) == 2


def test_resolve_each_region_of_a_shared_head_runs_the_program() -> None:
    patch = run_pipeline(POINTS, "points.txt")
    bureaus = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    expected = {f"{county}人力资源和社会保障局" for county in ("临泉县", "太和县", "界首市")}
    assert expected <= bureaus
    runs = edge_names(patch, RelType.RUNS)
    assert {(b, "乡村巧匠培育工程") for b in expected} <= runs
    # the region's own name is no alias of its bureau
    assert not any("临泉县" in n.aliases for n in nodes_of(patch, Label.GOV_UNIT))


ITEMS = """临泉县乡村人才振兴实施方案

(一)实施“泉乡头雁”工程。每年选派10名优秀村党组织书记外出学习。由县委组织部牵头实施。
(二)实施“柳编巧匠”培育计划。每年开展技能培训1000人次。由县文体广电旅游局、县教育和科技局负责。
(三)举办“泉乡杯”返乡创业大赛。15个项目进入决赛。大赛由县人社局、团县委联合主办。
"""


def test_resolve_the_units_a_numbered_item_ends_with_run_its_program() -> None:
    runs = edge_names(run_pipeline(ITEMS, "items.txt"), RelType.RUNS)
    expected = {("中共临泉县委组织部", "泉乡头雁工程"),
                ("临泉县文体广电旅游局", "柳编巧匠培育计划"),
                ("临泉县教育和科技局", "柳编巧匠培育计划"),
                ("临泉县人力资源和社会保障局", "泉乡杯返乡创业大赛")}
    assert expected <= runs, expected - runs


def test_extract_merged_bureaus_keep_their_own_names() -> None:
    depts = [m.attrs["dept"] for m in find_units("县教育和科技局、县文体广电旅游局、市科学技术工业信息化局")]
    assert depts == ["教育和科技局", "文体广电旅游局", "科学技术工业信息化局"]


NOTES = """阜阳市2024年人才工作要点
9.提升创新平台能级。新增院士专家工作站3家、博士后科研工作站5家。(牵头单位:市科技局、市人社局;责任单位:阜阳高新区)
12.强化人才安居保障。全年筹集人才公寓1000套,对来阜就业的全日制硕士研究生、全日制博士研究生分别发放安居补贴。(牵头单位:市住房和城乡建设局)
13.营造爱才氛围。办好第二届“颍州人才日”活动,落实市领导联系专家制度。(牵头单位:市委组织部)
"""


def test_resolve_a_lead_note_leads_every_program_and_platform_of_its_item() -> None:
    patch = run_pipeline(NOTES, "notes.txt")
    builds, runs = edge_names(patch, RelType.BUILDS), edge_names(patch, RelType.RUNS)
    for unit in ("阜阳市科学技术局", "阜阳市人力资源和社会保障局"):
        assert {(unit, "院士专家工作站"), (unit, "博士后科研工作站")} <= builds
    assert ("阜阳市住房和城乡建设局", "人才公寓") in builds
    assert {("中共阜阳市委组织部", "颍州人才日活动"),
            ("中共阜阳市委组织部", "市领导联系专家制度")} <= runs


def test_resolve_a_full_time_degree_is_the_degree() -> None:
    groups = {n.name for n in nodes_of(run_pipeline(NOTES, "notes.txt"), Label.TALENT_GROUP)}
    assert {"硕士研究生", "博士研究生"} <= groups
    assert not {"全日制硕士研究生", "全日制博士研究生"} & groups
