"""TARGETS (ingest/extract/relations.py `_targets`): the talent groups a program names, and
those the clause after it turns to (`实施X工程,引导青年人才返乡`)."""
from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from ingest.types import RawFile
from schema.labels import RelType


def targets(line: str) -> set[tuple[str, str]]:
    patch, report = Pipeline().run(RawFile.from_bytes("t.txt", f"工作动态\n{line}\n".encode()))
    assert report.error is None
    names = {n.id: n.name for n in patch.nodes.values()}
    return {(names[e.source], names[e.target]) for e in patch.edges.values()
            if e.type is RelType.TARGETS}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("深入实施“春苗”工程,引导青年人才返乡创业。", {("春苗工程", "青年人才")}),
        ("实施“银杏”计划,面向高校毕业生开展技能培训。", {("银杏计划", "高校毕业生")}),
        # the talent group the program's own name holds
        ("实施青年人才托举工程。", {("青年人才托举工程", "青年人才")}),
        # a clause break, no turning verb, or another program between: not its target
        ("实施“春苗”工程;高层次人才享受补贴。", set()),
        ("实施“春苗”工程,高层次人才享受补贴。", set()),
        ("实施“春苗”工程和“秋实”计划,引进高层次人才。", {("秋实计划", "高层次人才")}),
    ],
)
def test_targets(line: str, expected: set[tuple[str, str]]) -> None:
    assert targets(line) == expected
