"""Builders shared by the graph tests: Chinese sample records and a sample patch."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from graph.base import GraphStore
from schema.ids import make_id
from schema.labels import Label, RelType
from schema.model import Edge, Evidence, GraphPatch, Node


def ev(source: str = "source:0000000000000001", start: int = 0, end: int = 2,
       sentence: str = "") -> Evidence:
    return Evidence(source, start, end, sentence)


def node(label: Label, name: str, *aliases: str, key: str | None = None,
         evidence: tuple[Evidence, ...] = (), **properties: Any) -> Node:
    return Node(make_id(label, key or name), label, name, set(aliases), dict(properties),
                list(evidence))


def edge(rel: RelType, head: Node, tail: Node, evidence: tuple[Evidence, ...] = (),
         **properties: Any) -> Edge:
    return Edge(rel, head.id, tail.id, dict(properties), list(evidence))


def sample_nodes() -> dict[str, Node]:
    """A small graph after design.md's seed 003: names are the short keys used in tests."""
    L = Label
    return {
        "nmg": node(L.REGION, "内蒙古自治区", "内蒙古", key="内蒙古自治区"),
        "eeds": node(L.REGION, "鄂尔多斯市", "鄂尔多斯", key="内蒙古自治区/鄂尔多斯市"),
        "gov": node(L.GOV_UNIT, "鄂尔多斯市人民政府", "市政府"),
        "doc": node(L.POLICY_DOCUMENT, "鄂尔多斯市十四五人才发展规划",
                    key="鄂府发〔2022〕38号", doc_number="鄂府发〔2022〕38号"),
        "sbqw": node(L.PROGRAM, "十百千万人才计划", "十百千万", kind="计划"),
        "qn": node(L.PROGRAM, "青年人才引育工程", kind="工程"),
        "ygc": node(L.PROGRAM, "燕归巢行动", "燕归巢", kind="行动",
                    evidence=(ev("source:s1", 10, 15, "实施燕归巢行动"),)),
        "young": node(L.TALENT_GROUP, "青年人才"),
        "total": node(L.INDICATOR, "人才资源总量", key="鄂尔多斯市|人才资源总量|万人",
                      unit="万人", region="鄂尔多斯市",
                      values=[{"year": 2025, "kind": "target", "value": 53.8}]),
        "src": node(L.SOURCE, "鄂尔多斯市“十四五”人才发展规划", key="abc#0"),
    }


def sample_edges(n: dict[str, Node]) -> list[Edge]:
    R = RelType
    return [
        edge(R.PART_OF, n["eeds"], n["nmg"]),
        edge(R.LOCATED_IN, n["gov"], n["eeds"]),
        edge(R.ISSUED, n["gov"], n["doc"]),
        edge(R.ESTABLISHES, n["doc"], n["sbqw"]),
        edge(R.PART_OF, n["qn"], n["sbqw"]),
        edge(R.PART_OF, n["ygc"], n["qn"], evidence=(ev("source:s1", 10, 20),)),
        edge(R.TARGETS, n["qn"], n["young"]),
        edge(R.RUNS, n["eeds"], n["sbqw"]),
        edge(R.HAS_INDICATOR, n["doc"], n["total"]),
        edge(R.MENTIONS, n["src"], n["ygc"], evidence=(ev(n["src"].id, 10, 15),)),
        edge(R.AUTHORED, n["gov"], n["src"]),
    ]


def sample_patch(reverse: bool = False) -> tuple[GraphPatch, dict[str, Node]]:
    """The sample as one patch (fresh objects each call); `reverse` inserts in the
    opposite order, to check that order does not matter."""
    nodes = sample_nodes()
    edges = sample_edges(nodes)
    patch = GraphPatch()
    for n in (reversed(list(nodes.values())) if reverse else nodes.values()):
        patch.add_node(n)
    for e in (reversed(edges) if reverse else edges):
        patch.add_edge(e)
    return patch, nodes


def snapshot(store: GraphStore) -> dict[str, Any]:
    """Everything observable about a store's content, in a comparable form."""
    return {"nodes": sorted((n.to_dict() for n in store.iter_nodes()), key=lambda d: d["id"]),
            "edges": sorted((e.to_dict() for e in store.iter_edges()),
                            key=lambda d: (d["type"], d["source"], d["target"]))}


@pytest.fixture
def kg() -> SimpleNamespace:
    """The builders, for tests: `kg.node(...)`, `kg.edge(...)`, `kg.ev(...)`,
    `kg.sample()` -> (patch, nodes by short key), `kg.snapshot(store)`."""
    return SimpleNamespace(node=node, edge=edge, ev=ev, sample=sample_patch, snapshot=snapshot)
