"""What only the embedded store has: its file (round trip, atomic save, corruption) and its
independence from other instances. The shared contract is in test_contract.py."""
from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from graph.memory import FORMAT, VERSION, MemoryGraphStore
from schema.errors import StoreCorruptError, StoreError
from schema.labels import Label


def test_memory_round_trip_keeps_everything(tmp_path: Path, kg: SimpleNamespace) -> None:
    path = tmp_path / "graph.json"
    store = MemoryGraphStore(path)
    patch, n = kg.sample()
    store.apply(patch)
    store.save()
    reopened = MemoryGraphStore(path)
    assert kg.snapshot(reopened) == kg.snapshot(store)
    assert [x.id for x in reopened.find(name="燕归巢")] == [n["ygc"].id]
    assert reopened.search("人才资源")[0].id == n["total"].id


def test_memory_file_format_is_versioned_and_deterministic(tmp_path: Path,
                                                           kg: SimpleNamespace) -> None:
    paths = [tmp_path / "a" / "graph.json", tmp_path / "b" / "graph.json"]
    for path, reverse in zip(paths, (False, True)):
        store = MemoryGraphStore(path)
        store.apply(kg.sample(reverse=reverse)[0])
        store.save()  # creates the missing directory
    doc = json.loads(paths[0].read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == (FORMAT, VERSION)
    assert [x["id"] for x in doc["nodes"]] == sorted(x["id"] for x in doc["nodes"])
    assert "燕归巢行动" in paths[0].read_text(encoding="utf-8")  # not \\u-escaped
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_memory_save_leaves_no_temp_files(tmp_path: Path, kg: SimpleNamespace) -> None:
    store = MemoryGraphStore(tmp_path / "graph.json")
    store.apply(kg.sample()[0])
    store.save()
    store.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]


def test_memory_failed_save_keeps_old_file(tmp_path: Path, kg: SimpleNamespace,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "graph.json"
    store = MemoryGraphStore(path)
    store.apply(kg.sample()[0])
    store.save()
    old = path.read_bytes()
    store.upsert_nodes([kg.node(Label.PROGRAM, "鸿雁行动")])

    def disk_full(fd: int) -> None:  # the new document is written, flushing it fails
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        store.save()
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]
    monkeypatch.undo()
    store.save()  # the store itself is still fine
    assert MemoryGraphStore(path).find(name="鸿雁行动")


@pytest.mark.parametrize("content", [
    '{"format": "policykg-graph", "version": 1, "nodes": [{"id": "reg',  # truncated
    "",
    "[]",
    '{"format": "something-else", "version": 1, "nodes": [], "edges": []}',
    '{"format": "policykg-graph", "version": 1, "nodes": [{"id": "x"}], "edges": []}',
    '{"format": "policykg-graph", "version": 1, "nodes": [], "edges": '
    '[{"type": "PART_OF", "source": "region:a", "target": "region:b"}]}',
])
def test_memory_corrupt_file_raises_naming_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / "graph.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreCorruptError) as info:
        MemoryGraphStore(path)
    assert str(path) in str(info.value)


def test_memory_not_utf8_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    path.write_bytes("鄂尔多斯".encode("gb18030"))
    with pytest.raises(StoreCorruptError):
        MemoryGraphStore(path)


def test_memory_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 99, "nodes": [], "edges": []}))
    with pytest.raises(StoreError, match="version"):
        MemoryGraphStore(path)


def test_memory_stores_are_independent(tmp_path: Path, kg: SimpleNamespace) -> None:
    first = MemoryGraphStore(tmp_path / "one" / "graph.json")
    second = MemoryGraphStore(tmp_path / "two" / "graph.json")
    first.apply(kg.sample()[0])
    assert second.node_count() == 0 and second.find(name="燕归巢") == []
    second.upsert_nodes([kg.node(Label.PROGRAM, "鸿雁行动")])
    assert first.find(name="鸿雁行动") == []
    first.save()
    assert not (tmp_path / "two").exists()


def test_memory_without_path_never_writes(tmp_path: Path, kg: SimpleNamespace,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = MemoryGraphStore(None)
    store.apply(kg.sample()[0])
    store.save()
    assert list(tmp_path.iterdir()) == []


def test_memory_closed_store_refuses_writes(tmp_path: Path, kg: SimpleNamespace) -> None:
    store = MemoryGraphStore(tmp_path / "graph.json")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.apply(kg.sample()[0])
    with pytest.raises(StoreError, match="closed"):
        store.save()


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

_CHARS = st.sampled_from(list("人才计划工程行动青年燕归巢市区ab"))


@hsettings(max_examples=60, deadline=None)
@given(names=st.lists(st.text(_CHARS, min_size=1, max_size=6), min_size=1, max_size=12),
       queries=st.lists(st.text(_CHARS, min_size=1, max_size=3), min_size=1, max_size=6))
def test_search_index_answers_like_a_full_scan(names: list[str], queries: list[str]) -> None:
    """The key scan only narrows candidates: results equal ranking every node."""
    from graph.base import name_key, search_rank
    from schema.ids import make_id
    from schema.labels import Label
    from schema.model import GraphPatch, Node

    store = MemoryGraphStore(None)
    patch = GraphPatch()
    for i, name in enumerate(names):
        alias = name[::-1] + "甲"
        patch.add_node(Node(make_id(Label.PROGRAM, f"{name}#{i}"), Label.PROGRAM, name, {alias}))
    store.apply(patch)
    if len(names) > 2:  # renamed aliases must leave the index too
        first = next(iter(patch.nodes.values()))
        store.apply(GraphPatch({first.id: Node(first.id, first.label, first.name, {"新别名"})}))
    for q in queries:
        key = name_key(q)
        every = sorted((r, n.id) for n in store.iter_nodes()
                       if (r := search_rank(key, n)) is not None)
        for limit in (100, 1, 2, 3):  # a search stops early: small limits must still be right
            assert [n.id for n in store.search(q, limit=limit)] == [i for _, i in every][:limit]


@hsettings(max_examples=60, deadline=None)
@given(names=st.lists(st.tuples(st.text(_CHARS, min_size=1, max_size=5), st.booleans()),
                      min_size=1, max_size=15),
       query=st.text(_CHARS, min_size=1, max_size=2), limit=st.integers(1, 4))
def test_search_with_a_label_stops_at_the_best_of_that_label(
        names: list[tuple[str, bool]], query: str, limit: int) -> None:
    from graph.base import name_key, search_rank
    from schema.ids import make_id
    from schema.labels import Label
    from schema.model import GraphPatch, Node

    store = MemoryGraphStore(None)
    patch = GraphPatch()
    for i, (name, is_program) in enumerate(names):
        label = Label.PROGRAM if is_program else Label.PLATFORM
        patch.add_node(Node(make_id(label, f"{name}#{i}"), label, name))
    store.apply(patch)
    key = name_key(query)
    for label in (Label.PROGRAM, Label.PLATFORM):
        every = sorted((r, n.id) for n in store.iter_nodes(label)
                       if (r := search_rank(key, n)) is not None)
        assert [n.id for n in store.search(query, label, limit)] == \
            [i for _, i in every][:limit]


def test_save_removes_temp_files_left_by_a_killed_writer(tmp_path) -> None:
    import os
    import time

    from graph.memory import STALE_TEMP_SECONDS

    path = tmp_path / "graph.json"
    stale = tmp_path / ".graph.json.abc123.tmp"
    fresh = tmp_path / ".graph.json.def456.tmp"  # another process saving right now
    for tmp in (stale, fresh):
        tmp.write_text("{half a graph", encoding="utf-8")
    old = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(stale, (old, old))
    MemoryGraphStore(path).save()
    assert not stale.exists() and fresh.exists() and path.exists()


def _store_with_shared_evidence(path: Path) -> MemoryGraphStore:
    """Two nodes, an edge and a MENTIONS edge, all read from the same spans (as ingest
    makes them), one node with evidence from several places."""
    from schema.ids import make_id
    from schema.labels import RelType
    from schema.model import Edge, Evidence, GraphPatch, Node

    s1 = "实施“燕归巢”行动，吸引人才返乡。"
    ev = [Evidence("source:a", 2, 9, s1, 12, 19), Evidence("source:a", 0, 20, s1, 10, 30),
          Evidence("source:b", 5, 9, "“燕归巢”行动成效明显。", 5, 9)]
    src = Node("source:a", Label.SOURCE, "通知", set(), {"chars": 20}, ev[:1])
    prog = Node(make_id(Label.PROGRAM, "燕归巢行动"), Label.PROGRAM, "燕归巢行动", {"燕归巢"},
                {"kind": "行动"}, ev)
    group = Node(make_id(Label.TALENT_GROUP, "返乡人才"), Label.TALENT_GROUP, "返乡人才", set(),
                 {}, ev[1:2])
    patch = GraphPatch()
    for n in (src, prog, group):
        patch.add_node(n)
    patch.add_edge(Edge(RelType.TARGETS, prog.id, group.id, {}, ev[1:2]))
    patch.add_edge(Edge(RelType.MENTIONS, src.id, prog.id, {}, ev[:2]))
    store = MemoryGraphStore(path)
    store.apply(patch)
    return store


def test_memory_file_stores_each_evidence_item_once(tmp_path: Path,
                                                    kg: SimpleNamespace) -> None:
    store = _store_with_shared_evidence(tmp_path / "graph.json")
    store.save()
    doc = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    refs = sum(len(n["evidence"]) for n in doc["nodes"]) + sum(len(e[4]) for e in doc["edges"])
    assert (doc["evidence"]["rows"], refs) == (3, 8)
    assert len(doc["sentences"]) == 2 and doc["sources"] == ["source:a", "source:b"]
    reopened = MemoryGraphStore(tmp_path / "graph.json")
    assert kg.snapshot(reopened) == kg.snapshot(store)
    program = reopened.find(Label.PROGRAM, "燕归巢行动")[0]
    assert [(e.source, e.start, e.orig_start) for e in program.evidence] == [
        ("source:a", 0, 10), ("source:a", 2, 12), ("source:b", 5, 5)]


def test_memory_reads_version_1_files(tmp_path: Path, kg: SimpleNamespace) -> None:
    store = _store_with_shared_evidence(tmp_path / "new.json")
    v1 = {"format": FORMAT, "version": 1,
          "nodes": [n.to_dict() for n in store.iter_nodes()],
          "edges": [e.to_dict() for e in store.iter_edges()]}
    v1["nodes"][0]["evidence"].reverse()  # out of order in the file: put in order on load
    (tmp_path / "old.json").write_text(json.dumps(v1, ensure_ascii=False), encoding="utf-8")
    old = MemoryGraphStore(tmp_path / "old.json")
    assert kg.snapshot(old) == kg.snapshot(store)
    old.save()  # rewritten in the current version
    assert json.loads((tmp_path / "old.json").read_text(encoding="utf-8"))["version"] == VERSION


def _as_version_2(doc: dict[str, Any]) -> dict[str, Any]:
    """A version-3 file's document rewritten as version 2 (the evidence table as a JSON
    array of rows), independently of the store's code."""
    import base64
    import struct

    packed = doc["evidence"]
    fmt = "<" + ("i" if packed["bytes"] == 4 else "q") * 6 * packed["rows"]
    numbers = struct.unpack(fmt, base64.b64decode(packed["data"]))
    doc["evidence"] = [list(numbers[i:i + 6]) for i in range(0, len(numbers), 6)]
    doc["version"] = 2
    return doc


def test_memory_reads_version_2_files(tmp_path: Path, kg: SimpleNamespace) -> None:
    path = tmp_path / "graph.json"
    store = _store_with_shared_evidence(path)
    store.save()
    doc = _as_version_2(json.loads(path.read_text(encoding="utf-8")))
    assert doc["evidence"][0] == [0, 0, 20, 10, 30, 0]  # source a, [0, 20), orig [10, 30)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert kg.snapshot(MemoryGraphStore(path)) == kg.snapshot(store)


@pytest.mark.parametrize("damage", [
    lambda d: d["evidence"].__setitem__("data", "not base64!"),
    lambda d: d["evidence"].__setitem__("data", d["evidence"]["data"][:-8]),  # short
    lambda d: d["evidence"].__setitem__("rows", 4),                           # count wrong
    lambda d: d["evidence"].__setitem__("bytes", 2),
    lambda d: d["evidence"].pop("rows"),
    lambda d: d.__setitem__("evidence", [[0, 0, 3, 10, 13, 0]]),              # v2 rows in v3
    lambda d: d["nodes"][0]["evidence"].append(99),            # no such evidence item
])
def test_memory_damaged_version_3_file_is_corrupt(tmp_path: Path, damage: Any) -> None:
    path = tmp_path / "graph.json"
    _store_with_shared_evidence(path).save()
    doc = json.loads(path.read_text(encoding="utf-8"))
    damage(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StoreCorruptError) as info:
        MemoryGraphStore(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("damage", [
    lambda d: d["evidence"][0].__setitem__(0, -1),           # negative source index
    lambda d: d["evidence"][0].__setitem__(1, "2"),          # start not an integer
    lambda d: d["evidence"][0].pop(),                        # short row
    lambda d: d["nodes"][0]["evidence"].append(99),          # no such evidence item
    lambda d: d["edges"][0][4].__setitem__(0, -1),           # negative reference
    lambda d: d["sentences"].__setitem__(0, 7),              # sentence not a string
    lambda d: d["edges"][0].__setitem__(1, "program:nope"),  # edge to a missing node
    lambda d: d["evidence"][0].__setitem__(0, 9),            # no such source
    lambda d: d["evidence"][0].__setitem__(5, 9),            # no such sentence
    lambda d: d["evidence"][0].__setitem__(1, 2**70),        # start past 64 bits
])
def test_memory_damaged_version_2_file_is_corrupt(tmp_path: Path, damage: Any) -> None:
    path = tmp_path / "graph.json"
    _store_with_shared_evidence(path).save()
    doc = _as_version_2(json.loads(path.read_text(encoding="utf-8")))
    damage(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StoreCorruptError) as info:
        MemoryGraphStore(path)
    assert str(path) in str(info.value)


def _read_everything(store: MemoryGraphStore) -> dict[str, Any]:
    """What every reading method returns for every node of `store`, as plain data."""
    from schema.labels import RelType

    ids = sorted(n.id for n in store.iter_nodes())
    out: dict[str, Any] = {"counts": store.counts(), "n": (store.node_count(),
                                                           store.edge_count())}
    for node_id in ids:
        node = store.get_node(node_id)
        assert node is not None
        out[node_id] = {
            "node": node.to_dict(),
            "edges": [e.to_dict() for e in store.edges(node_id, "both")],
            "in": [e.key for e in store.edges(node_id, "in", [RelType.MENTIONS])],
            "find": [n.to_dict() for n in store.find(name=node.name)],
            "search": [n.id for n in store.search(node.name[:2], limit=50)],
            "neighbors": [[x.to_dict() for x in part]
                          for part in store.neighbors(node_id, depth=2)]}
    out["among"] = [e.to_dict() for e in store.edges_among(ids)]
    return out


def test_memory_loaded_records_read_like_the_saved_ones(tmp_path: Path,
                                                         kg: SimpleNamespace) -> None:
    """Records read from the file (evidence as table rows, built when read) answer every
    reading method as the records the store was given, and save to the same bytes."""
    path = tmp_path / "graph.json"
    store = _store_with_shared_evidence(path)
    store.apply(kg.sample()[0])
    store.save()
    loaded = MemoryGraphStore(path)
    assert _read_everything(loaded) == _read_everything(store)
    assert kg.snapshot(loaded) == kg.snapshot(store)
    before = path.read_bytes()
    loaded.save()
    assert path.read_bytes() == before


def test_memory_loaded_evidence_merges_like_kept_evidence(tmp_path: Path,
                                                          kg: SimpleNamespace) -> None:
    """A write merging into a record read from the file gives what the same write gives
    on the store that wrote the file."""
    from schema.labels import RelType
    from schema.model import Edge, Evidence

    path = tmp_path / "graph.json"
    kept = _store_with_shared_evidence(path)
    kept.save()
    loaded = MemoryGraphStore(path)
    program = kept.find(Label.PROGRAM, "燕归巢行动")[0]
    group = kept.find(Label.TALENT_GROUP, "返乡人才")[0]
    more = Evidence("source:a", 1, 3, "实施“燕归巢”行动，吸引人才返乡。", 11, 13)
    for store in (kept, loaded):
        store.upsert_nodes([kg.node(Label.PROGRAM, "燕归巢行动", "归巢行动", evidence=(more,))])
        store.upsert_edges([Edge(RelType.TARGETS, program.id, group.id, {"year": 2024},
                                 [more])])
    assert kg.snapshot(loaded) == kg.snapshot(kept)
    assert [e.start for e in loaded.get_node(program.id).evidence] == [0, 1, 2, 5]
    assert [x.id for x in loaded.search("归巢行")] == [program.id]


def test_memory_evidence_out_of_order_in_the_file_is_put_in_order(tmp_path: Path) -> None:
    """References a writer other than this store left unsorted, repeated or too many are
    merged into a canonical list when the record is read."""
    from schema.model import MAX_EVIDENCE

    path = tmp_path / "graph.json"
    _store_with_shared_evidence(path).save()
    doc = json.loads(path.read_text(encoding="utf-8"))
    program = next(n for n in doc["nodes"] if n["name"] == "燕归巢行动")
    program["evidence"] = [2, 0, 1, 0]
    doc["edges"][0][4] = [1, 0] * MAX_EVIDENCE
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    store = MemoryGraphStore(path)
    evidence = store.get_node(program["id"]).evidence
    assert [(e.source, e.start) for e in evidence] == [("source:a", 0), ("source:a", 2),
                                                      ("source:b", 5)]
    edge = next(e for e in store.iter_edges() if e.key == tuple(doc["edges"][0][:3]))
    assert [(e.source, e.start) for e in edge.evidence] == [("source:a", 0), ("source:a", 2)]


def test_memory_file_with_several_types_between_two_nodes(tmp_path: Path,
                                                          kg: SimpleNamespace) -> None:
    """Two relationship types between the same ends (no schema allows it, a file may hold
    it) are two edges; the same key twice in a file is one edge, the later record."""
    from schema.labels import RelType

    path = tmp_path / "graph.json"
    a, b = kg.node(Label.PROGRAM, "甲计划"), kg.node(Label.PROGRAM, "乙计划")
    store = MemoryGraphStore(path)
    store.upsert_nodes([a, b])
    store.upsert_edges([kg.edge(RelType.PART_OF, a, b), kg.edge(RelType.PART_OF, b, a)])
    store.save()
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["edges"].append(["CITES", a.id, b.id, {}, []])
    doc["edges"].append(["PART_OF", a.id, b.id, {"note": "later"}, []])
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    loaded = MemoryGraphStore(path)
    assert loaded.edge_count() == 3
    assert [(e.type.value, e.properties) for e in loaded.edges(a.id)] == [
        ("CITES", {}), ("PART_OF", {"note": "later"})]
    assert [e.key for e in loaded.edges(b.id, "in")] == [("CITES", a.id, b.id),
                                                         ("PART_OF", a.id, b.id)]
    loaded.upsert_edges([kg.edge(RelType.PART_OF, a, b, note="x")])
    assert loaded.edge_count() == 3 and loaded.counts()["edges"] == {"CITES": 1, "PART_OF": 2}
    assert [e.properties for e in loaded.edges(a.id)] == [{}, {"note": "later"}]


def test_memory_apply_and_save_takes_the_patch_back_when_saving_fails(
        tmp_path: Path, kg: SimpleNamespace, seed_patches: list,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The API's upload: if the file cannot be saved, what is served stays what is on
    disk — nodes, edges, merged evidence and aliases, and the name index behind search."""
    path = tmp_path / "graph.json"
    store = MemoryGraphStore(path)
    for patch in seed_patches[:2]:
        store.apply(patch)
    store.save()
    reference = MemoryGraphStore(None)
    for patch in seed_patches[:2]:
        reference.apply(patch)
    before = kg.snapshot(store)
    names = sorted({n.name for p in seed_patches for n in p.nodes.values()})

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    for patch in seed_patches[2:]:  # new nodes, and merges into stored ones
        with pytest.raises(StoreError, match="No space left"):
            store.apply_and_save(patch)
        assert kg.snapshot(store) == before
    assert [[n.id for n in store.search(q)] for q in names] == \
        [[n.id for n in reference.search(q)] for q in names]
    assert store.counts() == reference.counts()
    monkeypatch.undo()
    for patch in seed_patches[2:]:
        store.apply_and_save(patch)
        reference.apply(patch)
    assert kg.snapshot(store) == kg.snapshot(reference) == kg.snapshot(MemoryGraphStore(path))
