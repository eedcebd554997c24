"""Talent groups (invented programs, real places): a program's brand (`“泉乡英才”计划`) named
again only inside a document's title or a platform's name still only brands, so it is no
group of people; and modifiers joined before a category share its head
(`高层次、急需紧缺人才` names 高层次人才 too)."""
from __future__ import annotations

from ingest.extract.talent import find_talent_groups
from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

BRANDED = """临泉县“泉乡英才”计划政策解读

近日,县委办公室、县政府办公室联合印发了《临泉县“泉乡英才”十条措施》。
问:“泉乡英才”计划有哪些支持政策?
答:深入实施“泉乡英才”计划,在县城集中建设泉乡英才公寓,为引进人才提供住房保障。
"""


def test_resolve_a_brand_inside_a_title_or_a_platform_is_no_group() -> None:
    patch = run_pipeline(BRANDED, "jiedu.txt")
    groups = {n.name for n in nodes_of(patch, Label.TALENT_GROUP)}
    assert "泉乡英才" not in groups, groups
    assert "泉乡英才计划" in {n.name for n in nodes_of(patch, Label.PROGRAM)}


def test_resolve_a_brand_said_of_people_is_a_group() -> None:
    # the seed convention: a brand given to people (`评选“X英才”20名`) is a group too
    text = BRANDED + "2023年,全县评选“泉乡英才”20名。\n"
    patch = run_pipeline(text, "jiedu.txt")
    assert "泉乡英才" in {n.name for n in nodes_of(patch, Label.TALENT_GROUP)}


def names(text: str) -> list[tuple[str, str]]:
    return sorted((m.name, m.text) for m in find_talent_groups(text))


def test_talent_modifiers_share_the_head_of_a_known_category() -> None:
    assert names("重点引进高层次、急需紧缺人才。") == [("急需紧缺人才", "急需紧缺人才"),
                                                   ("高层次人才", "高层次")]
    assert names("培养高层次和高技能人才。") == [("高层次人才", "高层次"),
                                             ("高技能人才", "高技能人才")]


def test_talent_a_shared_head_makes_no_unknown_category() -> None:
    # 使用人才, 北京人才: no categories, so nothing is read before the join
    assert names("在发现、培养、使用、激励人才上下功夫。") == []
    assert names("瞄准北京、上海和高层次人才集聚地。") == [("高层次人才", "高层次人才")]


def test_resolve_a_program_targets_both_shared_head_groups() -> None:
    text = ("临泉县人才工作要点\n\n实施“泉乡英才”计划,面向高层次、急需紧缺人才给予安家补贴。\n")
    targets = edge_names(run_pipeline(text, "yd.txt"), RelType.TARGETS)
    assert {("泉乡英才计划", "高层次人才"), ("泉乡英才计划", "急需紧缺人才")} <= targets, targets
