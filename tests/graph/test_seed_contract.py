"""Both stores on the real seed corpus: every `GraphStore` operation answers the same.

The corpus (data/corpus) is run through the ingest pipeline once; its patches are applied to
an embedded store and to a Neo4j store on the test server, and every read operation is
compared over every node. The CLI test at the bottom checks the user-visible promise:
`policykg export` from either store gives the same bytes.
"""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.base import GraphStore
from graph.memory import MemoryGraphStore
from schema.labels import Label, RelType
from schema.model import GraphPatch

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
CLI = Path(sys.executable).with_name("policykg")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def patches(seed_patches: list[GraphPatch]) -> list[GraphPatch]:
    return seed_patches


@pytest.fixture(scope="module")
def memory(patches: list[GraphPatch]) -> MemoryGraphStore:
    store = MemoryGraphStore(None)
    for patch in patches:
        store.apply(patch)
    return store


@pytest.fixture(scope="module")
def neo4j(patches: list[GraphPatch], neo4j_server: object) -> Iterator[GraphStore]:
    from tests.conftest import connect_test_store

    store = connect_test_store(neo4j_server)  # type: ignore[arg-type]
    store.clear()  # type: ignore[attr-defined]
    for patch in patches:
        store.apply(patch)
    yield store
    store.clear()
    store.close()


def dicts(records: list) -> list[dict]:
    return [r.to_dict() for r in records]


def test_same_nodes_edges_and_counts(memory: GraphStore, neo4j: GraphStore) -> None:
    assert neo4j.counts() == memory.counts()
    assert memory.node_count() > 100  # the corpus really was ingested
    assert sorted(dicts(list(neo4j.iter_nodes())), key=lambda d: d["id"]) == \
        sorted(dicts(list(memory.iter_nodes())), key=lambda d: d["id"])
    assert sorted(dicts(list(neo4j.iter_edges())), key=lambda d: (d["type"], d["source"],
                                                                   d["target"])) == \
        sorted(dicts(list(memory.iter_edges())), key=lambda d: (d["type"], d["source"],
                                                                 d["target"]))
    for label in Label:
        assert sorted(n.id for n in neo4j.iter_nodes(label)) == \
            sorted(n.id for n in memory.iter_nodes(label))
    for rel in RelType:
        assert sorted(e.key for e in neo4j.iter_edges(rel)) == \
            sorted(e.key for e in memory.iter_edges(rel))


def test_same_single_reads_for_every_node(memory: GraphStore, neo4j: GraphStore) -> None:
    ids = sorted(n.id for n in memory.iter_nodes())
    assert dicts(neo4j.get_nodes(ids)) == dicts(memory.get_nodes(ids))
    for node_id in ids:
        for direction in ("out", "in", "both"):
            assert dicts(neo4j.edges(node_id, direction)) == \
                dicts(memory.edges(node_id, direction)), (node_id, direction)


def test_same_neighbourhoods(memory: GraphStore, neo4j: GraphStore) -> None:
    starts = sorted(n.id for n in memory.iter_nodes() if n.label is not Label.SOURCE)
    for node_id in starts:
        for depth, limit in ((1, None), (2, None), (2, 25)):
            m_nodes, m_edges = memory.neighbors(node_id, depth=depth, limit=limit)
            n_nodes, n_edges = neo4j.neighbors(node_id, depth=depth, limit=limit)
            assert [n.id for n in n_nodes] == [n.id for n in m_nodes], (node_id, depth)
            assert [e.key for e in n_edges] == [e.key for e in m_edges], (node_id, depth)
    program = starts[len(starts) // 2]
    assert neo4j.neighbors(program, 2, types=[RelType.PART_OF, RelType.TARGETS],
                           labels=[Label.PROGRAM, Label.TALENT_GROUP])[0] == \
        memory.neighbors(program, 2, types=[RelType.PART_OF, RelType.TARGETS],
                         labels=[Label.PROGRAM, Label.TALENT_GROUP])[0]


def test_same_find_and_search(memory: GraphStore, neo4j: GraphStore) -> None:
    for node in memory.iter_nodes():
        for name in (node.name, *sorted(node.aliases)):
            assert [n.id for n in neo4j.find(name=name)] == [n.id for n in memory.find(name=name)]
        for q in (node.name[:2], node.name[-2:], node.name):
            assert [n.id for n in neo4j.search(q, limit=10)] == \
                [n.id for n in memory.search(q, limit=10)], q
    for label in Label:
        assert [n.id for n in neo4j.find(label)] == [n.id for n in memory.find(label)]
        assert [n.id for n in neo4j.search("人才", label, limit=50)] == \
            [n.id for n in memory.search("人才", label, limit=50)]


def test_same_paths(memory: GraphStore, neo4j: GraphStore) -> None:
    regions = sorted(n.id for n in memory.iter_nodes(Label.REGION))
    programs = sorted(n.id for n in memory.iter_nodes(Label.PROGRAM))
    pairs = [(r, p) for r in regions[:6] for p in programs[::9]]
    assert pairs
    for a, b in pairs:
        m = [([n.id for n in ns], [e.key for e in es]) for ns, es in memory.paths(a, b)]
        n = [([n.id for n in ns], [e.key for e in es]) for ns, es in neo4j.paths(a, b)]
        assert n == m, (a, b)


def test_reapplying_the_corpus_changes_nothing(patches: list[GraphPatch],
                                               neo4j: GraphStore) -> None:
    before = neo4j.counts()
    nodes = sorted(dicts(list(neo4j.iter_nodes())), key=lambda d: d["id"])
    for patch in patches:
        neo4j.apply(patch)
    assert neo4j.counts() == before
    assert sorted(dicts(list(neo4j.iter_nodes())), key=lambda d: d["id"]) == nodes


def test_fulltext_index_finds_chinese_names(memory: GraphStore, neo4j: GraphStore) -> None:
    program = next(n for n in sorted(memory.iter_nodes(Label.PROGRAM), key=lambda n: n.id)
                   if len(n.name) >= 4)
    hits = neo4j.fulltext(program.name, Label.PROGRAM)  # type: ignore[attr-defined]
    assert program.id in [node_id for node_id, _ in hits]


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200", **env}, timeout=900)


def test_cli_exports_from_both_stores_are_byte_identical(tmp_path: Path,
                                                         neo4j_server: object) -> None:
    s = neo4j_server
    neo = {"POLICYKG_STORE": "neo4j", "NEO4J_URI": s.uri, "NEO4J_USER": s.user,  # type: ignore[attr-defined]
           "NEO4J_PASSWORD": s.password, "NEO4J_DATABASE": s.database}  # type: ignore[attr-defined]
    mem = {"POLICYKG_STORE": "memory", "POLICYKG_DATA_DIR": str(tmp_path / "kg")}
    for env in (neo, mem):
        if env is neo:
            done = _cli("init-db", "--reset", env=env)
            assert done.returncode == 0, done.stderr
        done = _cli("ingest", str(CORPUS), env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    for fmt in ("json", "graphml"):
        outs = []
        for name, env in (("neo4j", neo), ("memory", mem)):
            out = tmp_path / f"{name}.{fmt}"
            done = _cli("export", "--format", fmt, "--output", str(out), env=env)
            assert done.returncode == 0, done.stderr
            outs.append(out.read_bytes())
        assert outs[0] == outs[1], fmt
    done = _cli("init-db", "--reset", env=neo)
    assert done.returncode == 0 and "0 nodes" in done.stdout
