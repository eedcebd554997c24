"""Where a unit's name ends (invented names, real places): not inside a join to the next
unit (`县委组织部联合县教科体局`), and a platform's name starts after the unit and its
modal verb (`县住房和城乡建设局要倒排人才公寓工期`)."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

NEWS = """临泉县人才工作情况
县委组织部联合县教科体局实施“名师名医”引进专项。县住房和城乡建设局要倒排人才公寓工期。
"""


def test_resolve_a_joined_unit_is_its_own() -> None:
    patch = run_pipeline(NEWS, "news.txt")
    units = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    assert {"中共临泉县委组织部", "临泉县教育科技体育局"} <= units
    assert not any("联合" in u for u in units)
    assert ("临泉县教育科技体育局", "名师名医引进专项") in edge_names(patch, RelType.RUNS)


def test_resolve_a_platform_starts_after_a_units_modal_verb() -> None:
    platforms = {n.name for n in nodes_of(run_pipeline(NEWS, "news.txt"), Label.PLATFORM)}
    assert platforms == {"人才公寓"}


def test_resolve_names_start_after_a_verb_of_placing_or_bringing_about() -> None:
    text = ("临泉县人才评选结果\n入选对象同时纳入临泉县高层次人才库。"
            "联谊会组织开展座谈活动4场,促成安徽泉禾农业开发有限公司与12户乡贤合作。\n")
    patch = run_pipeline(text, "t.txt")
    platforms = {n.name for n in nodes_of(patch, Label.PLATFORM)}
    assert not any("纳入" in p or "同时" in p for p in platforms)
    orgs = {n.name for n in nodes_of(patch, Label.ORGANIZATION)}
    assert "安徽泉禾农业开发有限公司" in orgs
