"""A counted program and its parts one a line after a colon (invented names, real places):
`实施“五大行动”:` / `一是A行动,…;` / `二是“B”回引行动,…`, up to the count; a verb of aim before
the head is the name's (`顶尖人才突破行动`)."""
from __future__ import annotations

from schema.labels import RelType
from tests.ingest.test_resolve import edge_names, run_pipeline

SPEECH = """在全市人才工作会议上的讲话
围绕这一目标,阜阳市将实施“三大行动”:
一是顶尖人才突破行动,面向海内外引进院士等顶尖人才;
二是“颍州学子”回引行动,每年回引高校毕业生1000人;
三是“候鸟人才”引智行动,柔性引进候鸟型专家。
四是加强人才服务保障,建设人才公寓。
"""


def test_resolve_the_items_after_a_counted_program_are_its_parts() -> None:
    parts = {p for p, whole in edge_names(run_pipeline(SPEECH, "speech.txt"), RelType.PART_OF)
             if whole == "三大行动"}
    assert parts == {"顶尖人才突破行动", "颍州学子回引行动", "候鸟人才引智行动"}


ITEMS = """雷山县乡村人才振兴实施方案
(一)实施“苗乡头雁”工程。每年选派10名优秀村党组织书记到外地跟班学习。
二是“东坡学子”回引行动,建立在外学子人才库,每年回引高校毕业生1000人以上;
通过“农户下单+驿站派单”的服务模式,选派100余名农技专家深入田间地头。
"""


def test_resolve_a_program_targets_whom_its_item_sends_or_calls_back() -> None:
    targets = edge_names(run_pipeline(ITEMS, "items.txt"), RelType.TARGETS)
    assert {("苗乡头雁工程", "村党组织书记"), ("东坡学子回引行动", "高校毕业生")} <= targets
    # a way of working does not target whom the clause after it sends
    assert not any(group == "农技专家" for _, group in targets)


def test_resolve_a_program_targets_the_groups_its_item_adds_or_selects() -> None:
    page = ("阜阳市2024年人才工作要点\n"
            "1.深入实施“颍州智造英才”计划。全年遴选支持青年英才100名、拔尖人才20名。\n"
            "2.实施“技能阜阳”行动。新增技能人才2万人。\n")
    targets = edge_names(run_pipeline(page, "points.txt"), RelType.TARGETS)
    assert {("颍州智造英才计划", "青年英才"), ("颍州智造英才计划", "拔尖人才"),
            ("技能阜阳行动", "技能人才")} <= targets
