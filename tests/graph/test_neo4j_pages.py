"""Reading every node or relationship from Neo4j goes page by page (one record per page):
with pages of two or three nodes, the answers must be those of one big page."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from schema.labels import Label, RelType


@pytest.mark.parametrize("page", [1, 2, 3])
def test_small_pages_read_the_same_graph(neo4j_store: Any, kg: SimpleNamespace,
                                         monkeypatch: pytest.MonkeyPatch, page: int) -> None:
    import graph.neo4j_store as module

    neo4j_store.apply(kg.sample()[0])
    want = kg.snapshot(neo4j_store)
    by_label = {label: [n.id for n in neo4j_store.iter_nodes(label)] for label in Label}
    by_type = {rel: sorted(e.key for e in neo4j_store.iter_edges(rel)) for rel in RelType}
    assert len(want["nodes"]) > 3 * page and len(want["edges"]) > 3 * page

    monkeypatch.setattr(module, "PAGE", page)
    assert kg.snapshot(neo4j_store) == want
    assert [n.id for n in neo4j_store.iter_nodes()] == sorted(n["id"] for n in want["nodes"])
    assert {label: [n.id for n in neo4j_store.iter_nodes(label)] for label in Label} == by_label
    assert {rel: sorted(e.key for e in neo4j_store.iter_edges(rel)) for rel in RelType} == \
        by_type
    assert [n.id for n in neo4j_store.find(Label.PROGRAM)] == by_label[Label.PROGRAM]
