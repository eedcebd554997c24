"""Crash safety and idempotence of `policykg ingest` on a synthetic corpus (bench/corpus.py).

`kill -9` at random moments of an ingest run, on both stores:

- embedded store: the store file is, after every kill, byte for byte the graph before the
  run or the graph of the complete run (one atomic save at the end); two kills are aimed
  at the save itself (when its temporary file appears, and a random moment after);
- Neo4j: one transaction per document, so after a kill the store holds the old graph plus
  complete documents only — a prefix of the files in ingest order, each with all its nodes
  and relationships;

and re-running the ingest afterwards yields exactly the export of an uninterrupted run.
The same corpus ingested twice, or in another order, yields the same export.

Documents per run: POLICYKG_CRASH_DOCS (default 100, so that the module stays within a few
minutes on two cores; the closing note of issue 7 used 1000); kill moments per store:
POLICYKG_CRASH_MOMENTS (default 3, plus two aimed at the save); the random moments come
from POLICYKG_CRASH_SEED (default: a fresh seed, printed).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.export import export_document
from graph.memory import MemoryGraphStore
from schema.ids import make_id
from schema.labels import Label, RelType
from schema.model import Edge, Evidence, GraphPatch, Node

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("policykg")
DOCS = int(os.environ.get("POLICYKG_CRASH_DOCS", "100"))
MOMENTS = int(os.environ.get("POLICYKG_CRASH_MOMENTS", "3"))
SEED = int(os.environ.get("POLICYKG_CRASH_SEED", str(random.SystemRandom().randrange(10**6))))


def old_patch() -> GraphPatch:
    """The graph in the store before the run (it must survive every kill)."""
    src = Node(make_id(Label.SOURCE, "earlier.txt#0"), Label.SOURCE, "earlier.txt#0", set(),
               {"file": "earlier.txt", "kind": "article"})
    ev = Evidence(src.id, 0, 6, "某市实施“旧日”计划。")
    prog = Node(make_id(Label.PROGRAM, "旧日计划"), Label.PROGRAM, "旧日计划", {"旧日"},
                {"kind": "计划"}, [ev])
    patch = GraphPatch()
    patch.add_node(src)
    patch.add_node(prog)
    patch.add_edge(Edge(RelType.MENTIONS, src.id, prog.id, {}, [ev]))
    return patch


def write_old_graph(data_dir: Path) -> bytes:
    store = MemoryGraphStore(data_dir / "graph.json")
    store.apply(old_patch())
    store.save()
    return (data_dir / "graph.json").read_bytes()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from bench.corpus import write_corpus  # the benchmark's generator (issue 6)

    directory = tmp_path_factory.mktemp("synthetic")
    docs = write_corpus(directory, DOCS, seed=7)
    return [directory / d.name for d in docs]


def ingest_command(files: list[Path], data_dir: Path, store: str = "memory") -> list[str]:
    return [str(CLI), "ingest", *map(str, files), "--data-dir", str(data_dir), "--store", store]


def run_ingest(files: list[Path], data_dir: Path, env: dict[str, str] | None = None,
               store: str = "memory") -> float:
    started = time.monotonic()
    done = subprocess.run(ingest_command(files, data_dir, store), capture_output=True,
                          text=True, timeout=1800, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return time.monotonic() - started


def kill_at(command: list[str], env: dict[str, str] | None, *, after: float | None = None,
            when: Callable[[], bool] | None = None, extra: float = 0.0,
            poll: float = 0.005) -> str:
    """Start `command` and SIGKILL its process group `after` seconds, or `extra` seconds
    after `when()` first holds (polled); returns what happened."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT, env=env, start_new_session=True)
    try:
        if after is not None:
            try:
                proc.wait(timeout=after)
                return "finished before the kill"
            except subprocess.TimeoutExpired:
                pass
        else:
            assert when is not None
            while proc.poll() is None and not when():
                time.sleep(poll)
            time.sleep(extra)
            if proc.poll() is not None:
                return "finished before the kill"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        return "killed"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)


@pytest.fixture(scope="module")
def uninterrupted(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory
                  ) -> tuple[dict[str, Any], bytes, float]:
    """The export and store file of an uninterrupted run on the old graph, and its time."""
    data_dir = tmp_path_factory.mktemp("reference")
    write_old_graph(data_dir)
    took = run_ingest(corpus, data_dir)
    graph = (data_dir / "graph.json").read_bytes()
    return export_document(MemoryGraphStore(data_dir / "graph.json")), graph, took


def moments(took: float) -> list[float]:
    rng = random.Random(SEED)
    return sorted(rng.uniform(0.15, 1.0) * took for _ in range(MOMENTS))


def test_crash_kill_9_leaves_old_or_new_store_file_and_rerun_completes(
        corpus: list[Path], uninterrupted: tuple[dict[str, Any], bytes, float],
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected, new_bytes, took = uninterrupted
    data_dir = tmp_path / "kg"
    old_bytes = write_old_graph(data_dir)
    command = ingest_command(corpus, data_dir)
    outcomes = []
    def saving() -> bool:
        return any(p.name.endswith(".tmp") for p in data_dir.iterdir())

    # None: when the save's temp file appears, then at once or a random 0-1 s later
    save_delays = iter([0.0, random.Random(SEED).uniform(0, 1.0)])
    for at in [*moments(took), None, None]:
        what = (kill_at(command, None, after=at) if at is not None
                else kill_at(command, None, when=saving, extra=next(save_delays)))
        now = (data_dir / "graph.json").read_bytes()
        state = "old" if now == old_bytes else "new" if now == new_bytes else "CORRUPT"
        outcomes.append(f"{'save' if at is None else f'{at:.1f}s'}: {what}, store {state}")
        assert state != "CORRUPT", outcomes
        MemoryGraphStore(data_dir / "graph.json")  # loads
    stale = [p.name for p in data_dir.iterdir() if p.name != "graph.json"]
    run_ingest(corpus, data_dir)
    with capsys.disabled():
        print(f"\nkill -9, embedded store, {len(corpus)} documents, seed {SEED}, uninterrupted "
              f"run {took:.0f}s: " + "; ".join(outcomes)
              + f"; temp files left by the kills: {len(stale)}")
    assert export_document(MemoryGraphStore(data_dir / "graph.json")) == expected


def test_crash_same_corpus_twice_or_shuffled_gives_the_same_export(
        corpus: list[Path], uninterrupted: tuple[dict[str, Any], bytes, float]) -> None:
    """In this process (another string-hash seed than the CLI's): the corpus' patches
    applied once, twice, and in a shuffled order, on the old graph, all export the same as
    the uninterrupted CLI run."""
    from ingest.pipeline import Pipeline, read_file

    expected, _, _ = uninterrupted
    pipeline = Pipeline()
    patches = [pipeline.run(read_file(p))[0] for p in corpus]
    order = list(range(len(patches)))
    random.Random(SEED).shuffle(order)
    for sequence in (range(len(patches)), [*range(len(patches))] * 2, order):
        store = MemoryGraphStore(None)
        store.apply(old_patch())
        for i in sequence:
            store.apply(patches[i])
        assert export_document(store) == expected


# -- Neo4j -----------------------------------------------------------------------------------

@pytest.fixture
def neo4j_env(neo4j_server: Any) -> Iterator[dict[str, str]]:
    """The environment that points the CLI at the (emptied) Neo4j test server."""
    from tests.conftest import connect_test_store

    with connect_test_store(neo4j_server) as store:  # type: ignore[attr-defined]
        store.clear()
    env = {**os.environ, "NEO4J_URI": neo4j_server.uri, "NEO4J_USER": neo4j_server.user,
           "NEO4J_PASSWORD": neo4j_server.password, "NEO4J_DATABASE": neo4j_server.database,
           "POLICYKG_STORE": "neo4j"}
    yield env
    with connect_test_store(neo4j_server) as store:  # type: ignore[attr-defined]
        store.clear()


def per_file(export: dict[str, Any]) -> dict[str, tuple[set[str], set[str], set[tuple]]]:
    """From a complete export: each file's source ids, the ids of the nodes its sources
    mention, and the relationships its evidence supports (evidence lists are capped, so
    these are subsets of what the file's patch wrote)."""
    sources: dict[str, str] = {}
    out: dict[str, tuple[set[str], set[str], set[tuple]]] = {}
    for n in export["nodes"]:
        if n["label"] == "Source":
            file = Path(n["properties"]["file"]).name
            sources[n["id"]] = file
            out.setdefault(file, (set(), set(), set()))[0].add(n["id"])
    for e in export["edges"]:
        if e["type"] == "MENTIONS" and e["source"] in sources:
            out[sources[e["source"]]][1].add(e["target"])
        for ev in e["properties"].get("evidence", []):
            if ev["source"] in sources:
                out[sources[ev["source"]]][2].add((e["type"], e["source"], e["target"]))
    return out


def test_crash_kill_9_on_neo4j_leaves_only_complete_documents(
        corpus: list[Path], uninterrupted: tuple[dict[str, Any], bytes, float],
        neo4j_server: Any, neo4j_env: dict[str, str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import connect_test_store

    expected, _, _ = uninterrupted
    files = per_file(expected)
    order = [p.name for p in corpus]  # the CLI ingests files in the order given
    with connect_test_store(neo4j_server) as store:  # type: ignore[attr-defined]
        store.apply(old_patch())
        old_nodes = {n["id"] for n in export_document(store)["nodes"]}
    command = ingest_command(corpus, tmp_path, "neo4j")
    outcomes = []
    rng = random.Random(SEED + 1)
    probe = connect_test_store(neo4j_server)
    for target in sorted(rng.randrange(1, len(corpus)) for _ in range(MOMENTS)):
        # kill a random 0-0.5 s after the run has committed `target` sources
        def progressed() -> bool:
            return probe.counts()["nodes"].get("Source", 0) >= target + 1  # + the old one

        what = kill_at(command, neo4j_env, when=progressed, extra=rng.uniform(0, 0.5),
                       poll=0.05)
        with connect_test_store(neo4j_server) as store:  # type: ignore[attr-defined]
            now = export_document(store)
        node_ids = {n["id"] for n in now["nodes"]}
        edge_keys = {(e["type"], e["source"], e["target"]) for e in now["edges"]}
        present = [f for f in order if files[f][0] & node_ids]
        assert present == order[:len(present)], "documents are written in order"
        for f in present:  # every document present is there whole
            source_ids, mentioned, edges = files[f]
            assert source_ids | mentioned <= node_ids, f
            assert edges <= edge_keys, f
        assert old_nodes <= node_ids, "the old graph survives"
        allowed = old_nodes.union(*(files[f][0] | files[f][1] for f in present))
        assert node_ids <= allowed, "nodes of a document not (yet) committed"
        outcomes.append(f"after {target} sources: {what}, {len(present)} complete documents")
    probe.close()
    took = run_ingest(corpus, tmp_path, neo4j_env, "neo4j")
    with capsys.disabled():
        print(f"\nkill -9, Neo4j, {len(corpus)} documents, seed {SEED}: " + "; ".join(outcomes)
              + f"; re-run {took:.0f}s")
    with connect_test_store(neo4j_server) as store:  # type: ignore[attr-defined]
        assert export_document(store) == expected

