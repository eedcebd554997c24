"""explore_page over a store: focus resolution, the capped neighbourhood, filters, the page
without a focus, and the `GET /explore` route that serves it."""
from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.settings import get_settings
from graph.memory import MemoryGraphStore
from schema.errors import NodeNotFoundError
from schema.labels import Label, RelType
from schema.model import Evidence, GraphPatch, Node
from tests.graph.conftest import sample_patch
from tests.visualize.conftest import node
from visualize.explorer import build_view, explore_page, resolve_focus, top_nodes
from visualize.style import node_size

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def payload(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="pk-data">(.*?)</script>', page, re.S)
    assert m is not None
    return json.loads(m.group(1))


@pytest.fixture
def sample() -> tuple[MemoryGraphStore, dict[str, Node]]:
    store = MemoryGraphStore()
    patch, nodes = sample_patch()
    store.apply(patch)
    return store, nodes


@pytest.mark.parametrize("focus, key", [
    ("燕归巢行动", "ygc"),      # exact name
    ("燕归巢", "ygc"),          # exact alias
    ("燕歸巢行動", "ygc"),      # Traditional, normalised like documents
    (" 十百千万人才计划 ", "sbqw"),
    ("归巢", "ygc"),            # no exact match: the best search hit
    ("青年人才", "young"),      # exact name beats the name prefix of 青年人才引育工程
])
def test_resolve_focus_by_name_alias_or_search(sample: Any, focus: str, key: str) -> None:
    store, nodes = sample
    assert resolve_focus(store, focus.strip()).id == nodes[key].id


def test_resolve_focus_by_id(sample: Any) -> None:
    store, nodes = sample
    assert resolve_focus(store, nodes["doc"].id).name == nodes["doc"].name


def test_resolve_focus_prefers_an_exact_name_to_an_alias() -> None:
    store = MemoryGraphStore()
    patch = GraphPatch()
    named = node(Label.PROGRAM, "人才计划")
    aliased = node(Label.PROGRAM, "鄂尔多斯人才计划", "人才计划")
    patch.add_node(aliased)
    patch.add_node(named)
    store.apply(patch)
    assert resolve_focus(store, "人才计划").id == named.id


@pytest.mark.parametrize("focus", ["不存在的实体", "program:0000000000000000"])
def test_resolve_focus_names_what_it_could_not_find(sample: Any, focus: str) -> None:
    store, _ = sample
    with pytest.raises(NodeNotFoundError) as info:
        explore_page(store, focus=focus)
    assert info.value.node_id == focus


def test_explore_page_draws_the_neighbourhood_the_store_gives(sample: Any) -> None:
    store, nodes = sample
    want_nodes, want_edges = store.neighbors(nodes["ygc"].id, 2)
    data = payload(explore_page(store, focus="燕归巢", depth=2))
    assert data["focus"] == nodes["ygc"].id and data["mode"] == "api" and data["apiBase"] == ""
    assert [n["id"] for n in data["nodes"]] == [n.id for n in want_nodes]
    assert {e["id"] for e in data["edges"]} == {f"{e.type.value}|{e.source}|{e.target}"
                                                for e in want_edges}
    assert data["omitted"] == 0 and data["spec"] == {"depth": 2, "maxNodes": 300,
                                                     "labels": None, "types": None}


def test_explore_page_sizes_nodes_by_their_degree_in_the_store(sample: Any) -> None:
    store, nodes = sample
    data = payload(explore_page(store, focus=nodes["ygc"].id, depth=1))
    items = {n["id"]: n for n in data["nodes"]}
    qn = items[nodes["qn"].id]  # PART_OF sbqw, PART_OF from ygc, TARGETS young: 3, not 1 here
    assert qn["entity"]["degree"] == 3 and qn["size"] == node_size(3)
    assert items[nodes["ygc"].id]["entity"]["degree"] == 1  # MENTIONS is provenance


def test_explore_page_caps_nodes_and_counts_what_it_left_out(sample: Any) -> None:
    store, nodes = sample
    everything, _ = store.neighbors(nodes["ygc"].id, 3)
    page = explore_page(store, focus="燕归巢", depth=3, max_nodes=3)
    data = payload(page)
    assert [n["id"] for n in data["nodes"]] == [n.id for n in everything[:3]]
    drawn = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in drawn and e["to"] in drawn for e in data["edges"])
    assert data["omitted"] == len(everything) - 3 > 0
    assert f"{len(everything) - 3} more were left out" in page


def test_explore_page_passes_label_and_type_filters(sample: Any) -> None:
    store, nodes = sample
    data = payload(explore_page(store, focus="十百千万", depth=3,
                                labels=[Label.PROGRAM, Label.TALENT_GROUP],
                                types=[RelType.PART_OF, RelType.TARGETS]))
    assert {n["group"] for n in data["nodes"]} == {"Program", "TalentGroup"}
    assert {n["id"] for n in data["nodes"]} == {nodes[k].id for k in ("sbqw", "qn", "ygc", "young")}
    assert {e["label"] for e in data["edges"]} == {"PART_OF", "TARGETS"}
    assert data["spec"]["labels"] == ["Program", "TalentGroup"]
    assert data["spec"]["types"] == ["PART_OF", "TARGETS"]


def test_explore_page_names_the_sources_of_evidence(sample: Any) -> None:
    store, nodes = sample
    src = nodes["src"]
    ev = Evidence(src.id, 0, 4, "实施燕归巢行动")
    patch = GraphPatch()
    patch.add_node(Node(nodes["ygc"].id, Label.PROGRAM, "燕归巢行动", evidence=[ev]))
    store.apply(patch)
    data = payload(explore_page(store, focus="燕归巢", depth=1))
    assert data["sources"][src.id] == src.name
    title = next(n["title"] for n in data["nodes"] if n["id"] == nodes["ygc"].id)
    assert f"— {src.name} ({src.id})" in title


def test_explore_page_without_focus_offers_search_and_top_nodes(sample: Any) -> None:
    store, nodes = sample
    data = payload(explore_page(store))
    assert data["focus"] is None and data["nodes"] == [] and data["edges"] == []
    tops = top_nodes(store)
    assert [s["id"] for s in data["suggestions"]] == [n.id for n, _ in tops]
    assert tops[0][1] >= tops[-1][1]
    assert nodes["src"].id not in {s["id"] for s in data["suggestions"]}  # provenance only


def test_build_view_refuses_a_zero_cap(sample: Any) -> None:
    with pytest.raises(ValueError, match="max_nodes"):
        build_view(sample[0], "燕归巢", max_nodes=0)


# -- GET /explore ------------------------------------------------------------------------------

@pytest.fixture
def client(sample: Any, tmp_path: Path) -> Iterator[TestClient]:
    store, _ = sample
    app = create_app(get_settings(data_dir=tmp_path, store="memory"), store=store)
    with TestClient(app) as c:
        yield c


def test_explore_route_serves_the_page(client: TestClient, sample: Any) -> None:
    r = client.get("/explore", params={"focus": "燕归巢", "depth": 1, "labels": "Program,TalentGroup"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    data = payload(r.text)
    assert data["focus"] == sample[1]["ygc"].id and data["apiBase"] == ""
    assert {n["group"] for n in data["nodes"]} <= {"Program", "TalentGroup"}
    assert "connect-src &#39;self&#39;" in r.text


def test_explore_route_answers_404_for_an_unknown_focus(client: TestClient) -> None:
    r = client.get("/explore", params={"focus": "不存在的实体"})
    assert r.status_code == 404 and r.json()["code"] == "node_not_found"
    assert "不存在的实体" in r.json()["detail"]
