"""A quoted brand (invented names, real places) names the program it brands and the
programs of an event's kind (`“某某”夜校`, `“某某恳谈会”`, `“人才贷”“人才险”等金融产品`);
it is no group of people where it only modifies a group or a program right after it
(`“某某英才”领军人才`, `“某某工匠”培训班`)."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

DIGEST = """阜阳市一周人才动态
全年实施“颍淮英才”计划,遴选第三批“颍淮英才”领军人才28名、青年拔尖人才65名。
临泉县人力资源和社会保障局举办“泉乡工匠”培育行动第三期培训班。“泉乡工匠”培训班开班。
太和县“农技人才”夜校在县城开课。春节前举办“乡贤回乡恳谈会”。探索“人才贷”“人才险”等金融产品。
"""


def test_resolve_a_brand_before_a_group_or_a_kind_is_no_group() -> None:
    patch = run_pipeline(DIGEST, "digest.txt")
    groups = {n.name for n in nodes_of(patch, Label.TALENT_GROUP)}
    assert "领军人才" in groups
    assert not groups & {"颍淮英才", "泉乡工匠", "农技人才"}
    assert ("颍淮英才计划", "领军人才") in edge_names(patch, RelType.TARGETS)


def test_resolve_quoted_events_and_products_are_programs() -> None:
    programs = {n.name for n in nodes_of(run_pipeline(DIGEST, "digest.txt"), Label.PROGRAM)}
    assert {"农技人才夜校", "乡贤回乡恳谈会", "人才贷", "人才险"} <= programs
