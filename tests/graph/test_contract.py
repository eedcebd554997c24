"""The `GraphStore` contract, run against every backend.

A backend's test class inherits `GraphStoreContract` and provides the `store` fixture (an
empty store); every test here then runs against it. Plain asserts only.
"""
from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from graph.base import GraphStore
from graph.memory import MemoryGraphStore
from schema.errors import NodeNotFoundError, StoreError
from schema.labels import Label, RelType
from schema.model import Edge, GraphPatch

L, R = Label, RelType


def ids(records: list[Any]) -> list[str]:
    return [r.id for r in records]


def keys(edges: list[Edge]) -> list[tuple[str, str, str]]:
    return [e.key for e in edges]


class GraphStoreContract:
    """Inherit and provide `store` (an empty store of the backend under test)."""

    @pytest.fixture
    def store(self) -> Iterator[GraphStore]:
        raise NotImplementedError("a backend test class provides the store fixture")

    @pytest.fixture
    def loaded(self, store: GraphStore, kg: SimpleNamespace) -> SimpleNamespace:
        patch, nodes = kg.sample()
        store.apply(patch)
        return SimpleNamespace(store=store, n=nodes)

    # -- empty store ---------------------------------------------------------------------

    def test_empty_store_has_nothing(self, store: GraphStore) -> None:
        assert store.counts() == {"nodes": {}, "edges": {}}
        assert store.node_count() == 0 and store.edge_count() == 0
        assert store.get_node("region:0000000000000000") is None
        assert store.find(name="鄂尔多斯市") == []
        assert store.search("鄂尔多斯") == []
        assert list(store.iter_nodes()) == [] and list(store.iter_edges()) == []

    # -- apply -----------------------------------------------------------------------------

    def test_apply_stores_every_node_and_edge(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        assert store.node_count() == len(n)
        assert store.edge_count() == 11
        got = store.get_node(n["ygc"].id)
        assert got is not None
        assert got.to_dict() == n["ygc"].to_dict()

    def test_apply_is_idempotent(self, store: GraphStore, kg: SimpleNamespace) -> None:
        patch, _ = kg.sample()
        store.apply(patch)
        first = kg.snapshot(store)
        store.apply(patch)
        again, _ = kg.sample()
        store.apply(again)
        assert kg.snapshot(store) == first

    def test_apply_does_not_modify_the_patch(self, loaded: SimpleNamespace,
                                             kg: SimpleNamespace) -> None:
        patch = GraphPatch()
        patch.add_node(kg.node(L.PROGRAM, "燕归巢行动", "燕归巢工程", kind="行动"))
        before = copy.deepcopy(patch)
        loaded.store.apply(patch)
        assert patch == before

    def test_apply_merges_aliases_evidence_and_properties(self, loaded: SimpleNamespace,
                                                          kg: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        update = kg.node(L.PROGRAM, "燕归巢行动", "燕归巢计划", kind="计划", scale="千人",
                         evidence=(kg.ev("source:s2", 3, 8, "燕归巢计划"),))
        expected = copy.deepcopy(n["ygc"])
        expected.merge(copy.deepcopy(update))
        store.upsert_nodes([update])
        got = store.get_node(n["ygc"].id)
        assert got is not None
        assert got.to_dict() == expected.to_dict()  # the store merges with Node.merge
        assert got.aliases == {"燕归巢", "燕归巢计划"}
        assert [e.source for e in got.evidence] == ["source:s1", "source:s2"]
        assert got.properties == {"kind": "行动", "scale": "千人"}  # first value seen wins

    def test_apply_merges_indicator_values(self, loaded: SimpleNamespace,
                                           kg: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        store.upsert_nodes([kg.node(L.INDICATOR, "人才资源总量", key="鄂尔多斯市|人才资源总量|万人",
                                    unit="万人", region="鄂尔多斯市",
                                    values=[{"year": 2015, "kind": "baseline", "value": 29.4},
                                            {"year": 2025, "kind": "target", "value": 99}])])
        got = store.get_node(n["total"].id)
        assert got is not None
        assert got.properties["values"] == [{"year": 2015, "kind": "baseline", "value": 29.4},
                                            {"year": 2025, "kind": "target", "value": 53.8}]

    def test_apply_keeps_one_edge_per_key(self, loaded: SimpleNamespace,
                                          kg: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        store.upsert_edges([kg.edge(R.PART_OF, n["ygc"], n["qn"],
                                    evidence=(kg.ev("source:s3", 0, 4),), level="子项")])
        [got] = store.edges(n["ygc"].id, "out", [R.PART_OF])
        assert got.key == ("PART_OF", n["ygc"].id, n["qn"].id)
        assert [e.source for e in got.evidence] == ["source:s1", "source:s3"]
        assert got.properties == {"level": "子项"}
        assert store.edge_count() == 11

    @pytest.mark.parametrize("problem", ["missing_endpoint", "disallowed_endpoints",
                                         "label_conflict", "bad_values"])
    def test_rejected_patch_leaves_store_unchanged(self, loaded: SimpleNamespace,
                                                   kg: SimpleNamespace, problem: str) -> None:
        store, n = loaded.store, loaded.n
        before = kg.snapshot(store)
        patch = GraphPatch()
        fresh = patch.add_node(kg.node(L.PROGRAM, "鸿雁行动", "鸿雁"))
        patch.add_node(kg.node(L.PROGRAM, "燕归巢行动", "燕归巢新别名"))
        if problem == "missing_endpoint":
            ghost = kg.node(L.TALENT_GROUP, "不存在的人才")
            bad = kg.edge(R.TARGETS, fresh, ghost)
        elif problem == "disallowed_endpoints":
            bad = kg.edge(R.TARGETS, n["eeds"], fresh)  # Region -TARGETS-> Program
        elif problem == "label_conflict":
            conflict = kg.node(L.PROGRAM, "青年人才")
            conflict.id = n["young"].id  # same id, another label
            patch.nodes[conflict.id] = conflict
            bad = None
        else:
            patch.add_node(kg.node(L.INDICATOR, "人才资源总量", key="鄂尔多斯市|人才资源总量|万人",
                                   values=[{"value": 1}]))  # no year, no kind
            bad = None
        if bad is not None:
            patch.edges[bad.key] = bad  # bypass GraphPatch's own checks: the store must check
        with pytest.raises(StoreError):
            store.apply(patch)
        assert kg.snapshot(store) == before
        assert store.get_node(fresh.id) is None
        assert store.find(name="燕归巢新别名") == []

    def test_upsert_edges_needs_stored_endpoints(self, loaded: SimpleNamespace,
                                                 kg: SimpleNamespace) -> None:
        before = kg.snapshot(loaded.store)
        ghost = kg.node(L.TALENT_GROUP, "高技能人才")
        with pytest.raises(StoreError):
            loaded.store.upsert_edges([kg.edge(R.TARGETS, loaded.n["qn"], ghost)])
        assert kg.snapshot(loaded.store) == before

    def test_returned_records_are_copies(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        got = store.get_node(n["total"].id)
        assert got is not None
        got.aliases.add("改了")
        got.properties["values"].append({"year": 1999, "kind": "actual", "value": 1})
        for e in store.edges(n["ygc"].id, "both"):
            e.properties["x"] = 1
        again = store.get_node(n["total"].id)
        assert again is not None and "改了" not in again.aliases
        assert len(again.properties["values"]) == 1
        assert all("x" not in e.properties for e in store.edges(n["ygc"].id, "both"))

    def test_store_shares_nothing_with_applied_patch(self, store: GraphStore,
                                                     kg: SimpleNamespace) -> None:
        patch, n = kg.sample()
        store.apply(patch)
        n["total"].properties["values"].append({"year": 2000, "kind": "actual", "value": 0})
        n["ygc"].aliases.add("改了")
        got = store.get_node(n["total"].id)
        assert got is not None and len(got.properties["values"]) == 1
        assert store.find(name="改了") == []

    # -- single reads ----------------------------------------------------------------------

    def test_get_node_missing_is_none(self, loaded: SimpleNamespace) -> None:
        assert loaded.store.get_node("program:ffffffffffffffff") is None

    def test_get_nodes_keeps_order_and_skips_missing(self, loaded: SimpleNamespace) -> None:
        n = loaded.n
        asked = [n["young"].id, "program:ffffffffffffffff", n["nmg"].id, n["young"].id]
        assert ids(loaded.store.get_nodes(asked)) == [n["young"].id, n["nmg"].id]

    def test_edges_direction_is_relative_to_the_node(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        qn, sbqw, ygc, young = n["qn"].id, n["sbqw"].id, n["ygc"].id, n["young"].id
        assert keys(store.edges(qn, "out")) == sorted([("PART_OF", qn, sbqw),
                                                       ("TARGETS", qn, young)])
        assert keys(store.edges(qn, "in")) == [("PART_OF", ygc, qn)]
        assert keys(store.edges(qn, "both")) == sorted([("PART_OF", qn, sbqw),
                                                        ("TARGETS", qn, young),
                                                        ("PART_OF", ygc, qn)])
        assert keys(store.edges(qn)) == keys(store.edges(qn, "out"))

    def test_edges_filter_by_type(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        got = store.edges(n["ygc"].id, "in", types=[R.MENTIONS])
        assert keys(got) == [("MENTIONS", n["src"].id, n["ygc"].id)]
        assert store.edges(n["ygc"].id, "in", types=[R.PART_OF]) == []

    def test_edges_of_unknown_node_is_empty(self, loaded: SimpleNamespace) -> None:
        assert loaded.store.edges("program:ffffffffffffffff", "both") == []

    def test_edges_of_several_nodes_in_one_call(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        qn, ygc, sbqw, young = n["qn"].id, n["ygc"].id, n["sbqw"].id, n["young"].id
        assert keys(store.edges_of([qn, ygc], "out")) == sorted([("PART_OF", qn, sbqw),
                                                                ("TARGETS", qn, young),
                                                                ("PART_OF", ygc, qn)])
        assert keys(store.edges_of([qn, young], "in", [R.PART_OF, R.TARGETS])) == sorted(
            [("PART_OF", ygc, qn), ("TARGETS", qn, young)])
        for direction in ("out", "in", "both"):  # each edge once, as `edges` gives them
            union = {e.key: e for i in (qn, ygc, young) for e in store.edges(i, direction)}
            assert store.edges_of([qn, ygc, young, qn, "program:ffffffffffffffff"],
                                  direction) == [union[k] for k in sorted(union)]
        assert store.edges_of([], "both") == []
        with pytest.raises(ValueError, match="direction"):
            store.edges_of([qn], "sideways")  # type: ignore[arg-type]

    def test_edges_rejects_unknown_direction(self, loaded: SimpleNamespace) -> None:
        with pytest.raises(ValueError, match="direction"):
            loaded.store.edges(loaded.n["qn"].id, "sideways")  # type: ignore[arg-type]

    # -- neighbors -------------------------------------------------------------------------

    def test_neighbors_depth_one_skips_provenance(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        nodes, edges = store.neighbors(n["ygc"].id)
        assert ids(nodes) == [n["ygc"].id, n["qn"].id]  # not the Source that MENTIONS it
        assert keys(edges) == [("PART_OF", n["ygc"].id, n["qn"].id)]

    def test_neighbors_depth_two_walks_both_directions(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        nodes, edges = store.neighbors(n["ygc"].id, depth=2)
        assert ids(nodes)[:2] == [n["ygc"].id, n["qn"].id]
        assert ids(nodes)[2:] == sorted([n["sbqw"].id, n["young"].id])
        assert keys(edges) == sorted([("PART_OF", n["ygc"].id, n["qn"].id),
                                      ("PART_OF", n["qn"].id, n["sbqw"].id),
                                      ("TARGETS", n["qn"].id, n["young"].id)])
        nodes3, edges3 = store.neighbors(n["ygc"].id, depth=3)
        assert {n["doc"].id, n["eeds"].id} <= set(ids(nodes3))
        assert all(e.type not in (R.MENTIONS, R.AUTHORED) for e in edges3)

    def test_neighbors_filters_types_labels_and_limit(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        nodes, edges = store.neighbors(n["ygc"].id, types=[R.MENTIONS])
        assert ids(nodes) == [n["ygc"].id, n["src"].id]
        assert keys(edges) == [("MENTIONS", n["src"].id, n["ygc"].id)]
        nodes, _ = store.neighbors(n["qn"].id, depth=2, labels=[L.PROGRAM])
        assert set(ids(nodes)) == {n["qn"].id, n["ygc"].id, n["sbqw"].id}
        nodes, edges = store.neighbors(n["qn"].id, depth=2, limit=2)
        assert len(nodes) == 2 and nodes[0].id == n["qn"].id
        assert all(e.source in ids(nodes) and e.target in ids(nodes) for e in edges)
        nodes, edges = store.neighbors(n["qn"].id, depth=0)
        assert ids(nodes) == [n["qn"].id] and edges == []

    def test_neighbors_of_unknown_node_raises(self, loaded: SimpleNamespace) -> None:
        with pytest.raises(NodeNotFoundError) as info:
            loaded.store.neighbors("program:ffffffffffffffff")
        assert "program:ffffffffffffffff" in str(info.value)

    # -- adjacency and paths ---------------------------------------------------------------

    def test_most_connected_counts_like_a_pass_over_every_edge(
            self, loaded: SimpleNamespace, kg: SimpleNamespace) -> None:
        from graph.base import PROVENANCE_TYPES

        store, n = loaded.store, loaded.n

        def by_hand(exclude: frozenset[RelType]) -> list[tuple[str, int]]:
            counts: dict[str, int] = {}
            for e in store.iter_edges():
                if e.type not in exclude:
                    for end in {e.source, e.target}:  # a self-loop once
                        counts[end] = counts.get(end, 0) + 1
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

        every = by_hand(PROVENANCE_TYPES)
        assert len(every) > 3 and every != by_hand(frozenset())  # the limits and `exclude` cut
        for limit in (1, 3, 100):
            assert store.most_connected(limit) == every[:limit]
        assert store.most_connected(100, exclude=()) == by_hand(frozenset())
        assert store.most_connected(0) == []
        assert GraphStore.most_connected(store, 100) == every[:100]  # the contract's default
        # a write after a call is counted (a backend may keep the counts between writes),
        # and a self-loop counts once
        patch = GraphPatch()
        for key in ("qn", "gov", "src"):
            patch.add_node(copy.deepcopy(n[key]))
        patch.add_edge(kg.edge(R.PART_OF, n["qn"], n["qn"]))
        patch.add_edge(kg.edge(R.RUNS, n["gov"], n["qn"]))
        patch.add_edge(kg.edge(R.MENTIONS, n["src"], n["qn"]))
        store.apply(patch)
        assert store.most_connected(100) == by_hand(PROVENANCE_TYPES) != every
        assert dict(store.most_connected(100))[n["qn"].id] == dict(every)[n["qn"].id] + 2

    def test_adjacent_and_edges_among(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        got = keys(store.adjacent([n["qn"].id, n["young"].id]))
        assert got == sorted([("PART_OF", n["qn"].id, n["sbqw"].id),
                              ("PART_OF", n["ygc"].id, n["qn"].id),
                              ("TARGETS", n["qn"].id, n["young"].id)])
        assert keys(store.adjacent([n["ygc"].id], [R.MENTIONS])) == [
            ("MENTIONS", n["src"].id, n["ygc"].id)]
        assert store.adjacent([]) == [] and store.adjacent(["program:ffffffffffffffff"]) == []
        among = keys(store.edges_among([n["doc"].id, n["gov"].id, n["sbqw"].id]))
        assert among == sorted([("ISSUED", n["gov"].id, n["doc"].id),
                                ("ESTABLISHES", n["doc"].id, n["sbqw"].id)])

    def test_paths_are_shortest_and_walk_both_directions(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        paths = store.paths(n["eeds"].id, n["ygc"].id)
        assert [ids(nodes) for nodes, _ in paths] == [
            [n["eeds"].id, n["sbqw"].id, n["qn"].id, n["ygc"].id]]
        _, via = paths[0]
        assert keys(via) == [("RUNS", n["eeds"].id, n["sbqw"].id),
                             ("PART_OF", n["qn"].id, n["sbqw"].id),
                             ("PART_OF", n["ygc"].id, n["qn"].id)]

    def test_paths_lists_every_shortest_path_up_to_limit(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        # gov -> eeds -> sbqw and gov -> doc -> sbqw: two paths of two edges
        paths = store.paths(n["gov"].id, n["sbqw"].id)
        assert sorted(ids(nodes) for nodes, _ in paths) == sorted([
            [n["gov"].id, n["eeds"].id, n["sbqw"].id], [n["gov"].id, n["doc"].id, n["sbqw"].id]])
        assert len(store.paths(n["gov"].id, n["sbqw"].id, limit=1)) == 1

    def test_paths_bounds_and_unknown_ids(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        assert store.paths(n["eeds"].id, n["ygc"].id, max_depth=2) == []
        assert [ids(p) for p, _ in store.paths(n["qn"].id, n["qn"].id)] == [[n["qn"].id]]
        assert store.paths(n["src"].id, n["young"].id, types=[R.MENTIONS]) == []
        with pytest.raises(NodeNotFoundError):
            store.paths(n["qn"].id, "program:ffffffffffffffff")
        with pytest.raises(ValueError):
            store.paths(n["qn"].id, n["ygc"].id, max_depth=-1)

    def test_clear_empties_the_store(self, loaded: SimpleNamespace) -> None:
        loaded.store.clear()
        assert loaded.store.counts() == {"nodes": {}, "edges": {}}
        assert loaded.store.search("燕归巢") == []

    # -- find and search -------------------------------------------------------------------

    @pytest.mark.parametrize("name", ["燕归巢行动", "燕归巢", " 燕归巢 ", "燕 归 巢"])
    def test_find_matches_name_or_alias(self, loaded: SimpleNamespace, name: str) -> None:
        assert ids(loaded.store.find(name=name)) == [loaded.n["ygc"].id]

    def test_find_filters_by_label(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        assert store.find(L.REGION, "燕归巢") == []
        assert ids(store.find(L.PROGRAM, "燕归巢")) == [n["ygc"].id]
        assert ids(store.find(L.REGION)) == sorted([n["nmg"].id, n["eeds"].id])
        assert store.find(name="燕归") == []  # exact, not substring

    def test_find_forgets_replaced_index_entries_only(self, loaded: SimpleNamespace,
                                                      kg: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        store.upsert_nodes([kg.node(L.PROGRAM, "燕归巢行动", "燕归巢计划")])
        assert ids(store.find(name="燕归巢")) == [n["ygc"].id]
        assert ids(store.find(name="燕归巢计划")) == [n["ygc"].id]

    def test_search_ranks_exact_alias_prefix_substring(self, store: GraphStore,
                                                       kg: SimpleNamespace) -> None:
        made = {
            "exact": kg.node(L.TALENT_GROUP, "人才"),
            "alias": kg.node(L.TALENT_GROUP, "高层次人才", "人才"),
            "prefix_short_b": kg.node(L.PLATFORM, "人才驿站"),
            "prefix_short_a": kg.node(L.PLATFORM, "人才公寓"),
            "prefix_long": kg.node(L.INDICATOR, "人才资源总量"),
            "sub_short": kg.node(L.TALENT_GROUP, "青年人才"),
            "sub_alias": kg.node(L.TALENT_GROUP, "乡村振兴带头者", "乡村人才"),
            "none": kg.node(L.REGION, "鄂尔多斯市"),
        }
        store.upsert_nodes(reversed(list(made.values())))
        prefix_short = sorted([made["prefix_short_a"], made["prefix_short_b"]],
                              key=lambda x: x.name)
        expected = [made["exact"], made["alias"], *prefix_short, made["prefix_long"],
                    made["sub_short"], made["sub_alias"]]
        assert ids(store.search("人才")) == ids(expected)
        assert ids(store.search("人才", limit=3)) == ids(expected[:3])
        assert ids(store.search("人才", label=L.PLATFORM)) == ids(prefix_short)
        assert store.search("") == [] and store.search("   ") == []
        assert store.search("人才", limit=0) == []

    def test_search_chinese_program_by_alias_and_prefix(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        assert ids(store.search("燕归巢"))[0] == n["ygc"].id
        assert ids(store.search("燕归")) == [n["ygc"].id]
        assert ids(store.search("人才计划")) == [n["sbqw"].id]

    # -- bulk reads and counts -------------------------------------------------------------

    def test_iter_filters_by_label_and_type(self, loaded: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        assert sorted(ids(list(store.iter_nodes(L.PROGRAM)))) == sorted(
            [n["sbqw"].id, n["qn"].id, n["ygc"].id])
        assert sorted(keys(list(store.iter_edges(R.PART_OF)))) == sorted([
            ("PART_OF", n["eeds"].id, n["nmg"].id), ("PART_OF", n["qn"].id, n["sbqw"].id),
            ("PART_OF", n["ygc"].id, n["qn"].id)])

    def test_counts_are_per_label_and_type_non_zero_only(self, loaded: SimpleNamespace) -> None:
        assert loaded.store.counts() == {
            "nodes": {"Region": 2, "GovUnit": 1, "PolicyDocument": 1, "Program": 3,
                      "TalentGroup": 1, "Indicator": 1, "Source": 1},
            "edges": {"PART_OF": 3, "LOCATED_IN": 1, "ISSUED": 1, "ESTABLISHES": 1, "RUNS": 1,
                      "TARGETS": 1, "HAS_INDICATOR": 1, "AUTHORED": 1, "MENTIONS": 1},
        }
        assert loaded.store.node_count() == 10 and loaded.store.edge_count() == 11

    def test_counts_follow_writes(self, loaded: SimpleNamespace, kg: SimpleNamespace) -> None:
        store, n = loaded.store, loaded.n
        before = store.counts()
        before["nodes"]["Program"] = 99  # a caller's copy: the store's answer stays
        assert store.counts()["nodes"]["Program"] == 3
        patch = GraphPatch()
        new = kg.node(L.PROGRAM, "鸿雁行动")
        patch.add_node(new)
        patch.add_node(copy.deepcopy(n["qn"]))
        patch.add_edge(kg.edge(R.PART_OF, new, n["qn"]))
        store.apply(patch)
        after = store.counts()
        assert after["nodes"]["Program"] == 4 and after["edges"]["PART_OF"] == 4
        store.clear()
        assert store.counts() == {"nodes": {}, "edges": {}}

    def test_context_manager_closes(self, store: GraphStore) -> None:
        with store as same:
            assert same is store
        store.close()  # closing twice is harmless


class TestMemoryStore(GraphStoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[GraphStore]:
        with MemoryGraphStore(tmp_path / "graph.json") as store:
            yield store


class _ReloadingMemoryStore(MemoryGraphStore):
    """A memory store that saves after every write and reads its file back: its records are
    then always the ones loaded from the file (evidence as table rows until read)."""

    def apply(self, patch: GraphPatch) -> None:
        super().apply(patch)
        self.save()
        loaded = MemoryGraphStore(self.path)
        vars(self).update({k: v for k, v in vars(loaded).items() if k != "_lock"})


class TestReloadedMemoryStore(GraphStoreContract):
    """The contract on records read from the file rather than kept from `apply`."""

    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[GraphStore]:
        with _ReloadingMemoryStore(tmp_path / "graph.json") as store:
            yield store


class TestNeo4jStore(GraphStoreContract):
    """The same contract on a real Neo4j 5 server (see tests/conftest.py)."""

    @pytest.fixture
    def store(self, neo4j_store: GraphStore) -> Iterator[GraphStore]:
        yield neo4j_store
