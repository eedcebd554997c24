"""Several files per write (`GraphStore.files_per_write`, `merge_patches`): the graph is the
one that writing a file at a time gives, and a file the store rejects fails alone."""
from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest

from bench.corpus import write_corpus
from graph.base import GraphStore, merge_patches
from graph.export import export_document
from graph.memory import MemoryGraphStore
from ingest.pipeline import (FileReport, Pipeline, ingest_paths, list_files, read_file,
                             write_patches)
from schema.errors import StoreError
from schema.labels import Label, RelType
from schema.model import Edge, Evidence, GraphPatch, Node


class FourPerWrite(MemoryGraphStore):
    files_per_write: ClassVar[int] = 4


class CountingWrites(FourPerWrite):
    def __init__(self) -> None:
        super().__init__(None)
        self.writes = 0

    def apply(self, patch: GraphPatch) -> None:
        self.writes += 1
        super().apply(patch)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 10, seed=23)
    return folder


def _one_at_a_time(corpus: Path, store: GraphStore | None = None) -> GraphStore:
    store = store or MemoryGraphStore(None)
    report = ingest_paths([corpus], store)
    assert store.files_per_write == 1 and report.ok
    return store


def _poison(corpus: Path) -> tuple[list[str], Node]:
    """A node with the id of a program of `corpus` but another label, and the files that
    name that program: a store that holds the node must reject those files, and only them."""
    pipeline = Pipeline()
    patches = {str(path): pipeline.run(read_file(path))[0] for path in list_files([corpus])}
    program = next(n for n in patches[sorted(patches)[3]].nodes.values()  # type: ignore[union-attr]
                   if n.label is Label.PROGRAM)
    bad = [path for path, patch in patches.items()
           if patch is not None and program.id in patch.nodes]
    assert 0 < len(bad) < len(patches)
    return bad, Node(program.id, Label.TALENT_GROUP, "某类人才")


def _deep(patches: list[GraphPatch]) -> list[tuple[list[dict], list[dict]]]:
    return [([n.to_dict() for n in p.nodes.values()], [e.to_dict() for e in p.edges.values()])
            for p in patches]


def test_merged_patches_apply_as_one_at_a_time(seed_patches: list[GraphPatch]) -> None:
    one = MemoryGraphStore(None)
    for patch in seed_patches:
        one.apply(patch)
    before = _deep(seed_patches)
    merged = MemoryGraphStore(None)
    merged.apply(merge_patches(seed_patches[:2]))
    merged.apply(merge_patches(seed_patches[2:]))
    assert export_document(merged) == export_document(one)
    # the inputs are not touched: a failed batch is written again file by file
    assert _deep(seed_patches) == before


def _program(name: str, aliases: set[str], evidence: list[Evidence]) -> GraphPatch:
    patch = GraphPatch()
    patch.nodes[PROGRAM_ID] = Node.canonical(PROGRAM_ID, Label.PROGRAM, name, aliases, {},
                                             evidence)  # as given: a patch is input
    return patch


PROGRAM_ID = "prog:00000000000000aa"


def test_batches_keep_what_one_at_a_time_keeps_when_names_differ() -> None:
    """Aliases depend on which name a node has when the next file is merged in: a file
    naming an id of the batch differently starts a new batch."""
    ev = [Evidence(f"src:{k:02d}", 0, 4, "某句") for k in range(30)]
    stored = _program("人才计划", set(), [ev[0]])
    files = [_program("人才 计划", set(), [ev[1]]),
             _program("人才计划", {"人才 计划"}, ev[29:2:-1]),  # evidence not in key order
             _program("人才计划", {"计划"}, [ev[2]]),
             _program("人才计划", set(), [ev[3]])]
    stores = []
    for cls in (MemoryGraphStore, CountingWrites):
        store = cls(None) if cls is MemoryGraphStore else cls()
        store.apply(stored)
        reports = list(write_patches(store, [(p, FileReport(str(i)))
                                             for i, p in enumerate(files)]))
        assert not any(r.error for r in reports)
        stores.append(store)
    assert stores[1].writes == 1 + 2  # the stored node, then [file 0] and [files 1-3]
    assert export_document(stores[1]) == export_document(stores[0])
    node = stores[1].get_node(PROGRAM_ID)
    assert node is not None and node.name == "人才 计划"  # the longer name, in any order
    assert node.aliases == {"人才计划", "计划"}
    with pytest.raises(StoreError, match="人才 计划"):
        merge_patches(files[:2])


def test_patches_that_do_not_combine_are_refused() -> None:
    a, b = GraphPatch(), GraphPatch()
    a.add_node(Node("prog:0000000000000001", Label.PROGRAM, "某某计划"))
    b.add_node(Node("prog:0000000000000001", Label.PLATFORM, "某某计划"))
    with pytest.raises(StoreError, match="prog:0000000000000001"):
        merge_patches([a, b])
    c = GraphPatch()
    c.add_node(Node("grp:0000000000000002", Label.TALENT_GROUP, "青年人才"))
    edge = Edge(RelType.TARGETS, "prog:0000000000000001", "grp:0000000000000002",
                          {}, [])
    c.edges[edge.key] = edge  # by hand: `add_edge` itself refuses an edge without its nodes
    with pytest.raises(StoreError, match="outside its patch"):
        merge_patches([a, c])


def test_batched_ingest_writes_fewer_times_the_same_graph(corpus: Path) -> None:
    batched = CountingWrites()
    report = ingest_paths([corpus], batched)
    assert report.ok and len(report.files) == 10
    assert batched.writes == 3  # 4 + 4 + 2 files
    assert export_document(batched) == export_document(_one_at_a_time(corpus))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_rejected_file_fails_alone_in_its_batch(corpus: Path, workers: int) -> None:
    bad_paths, poison = _poison(corpus)
    stores: list[GraphStore] = [MemoryGraphStore(None), FourPerWrite(None)]
    reports = []
    for store in stores:
        store.upsert_nodes([poison])
        reports.append(ingest_paths([corpus], store, workers=workers))
    one, batched = reports
    assert [(f.path, f.error) for f in batched.files] == [(f.path, f.error) for f in one.files]
    failed = [f for f in batched.files if f.error]
    assert [f.path for f in failed] == bad_paths
    assert all(poison.id in (f.error or "") for f in failed)
    assert export_document(stores[1]) == export_document(stores[0])
    assert stores[1].counts()["nodes"]["Program"] > 0


@pytest.mark.slow
def test_neo4j_ingest_in_batches_matches_the_embedded_store(corpus: Path,
                                                           neo4j_store: Any) -> None:
    assert neo4j_store.files_per_write > 1
    bad_paths, poison = _poison(corpus)
    memory = MemoryGraphStore(None)
    for store in (memory, neo4j_store):
        store.upsert_nodes([poison])
    want = ingest_paths([corpus], memory)
    got = ingest_paths([corpus], neo4j_store)
    assert [(f.path, f.error) for f in got.files] == [(f.path, f.error) for f in want.files]
    assert [f.path for f in got.files if f.error] == bad_paths
    assert export_document(neo4j_store) == export_document(memory)


def test_the_bulk_writer_settles_the_heap_and_writes_the_same(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `SETTLE_EVERY` files the writer freezes what is alive (full collections skip
    it), with the collector still on afterwards; what lands in the store is unchanged."""
    import gc

    import ingest.pipeline as pipeline

    expected = export_document(_one_at_a_time(corpus))
    monkeypatch.setattr(pipeline, "SETTLE_EVERY", 3)
    gc.unfreeze()
    store = MemoryGraphStore(None)
    try:
        assert ingest_paths([corpus], store).ok
        frozen = gc.get_freeze_count()
        assert frozen > 0 and gc.isenabled()
    finally:
        gc.unfreeze()
    assert export_document(store) == expected
