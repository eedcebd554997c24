"""Neo4j write throughput and API overhead (issues 3 and 4), against baselines measured in
the same run on the same server.

* Writes: the seed corpus and a 10x synthetic copy of it (each copy's ids and names made
  distinct) written through `Neo4jGraphStore.apply` (one managed transaction per file, reads
  of the stored records, merging, batched UNWIND MERGE per label and type), against a
  hand-written single-statement `UNWIND` of exactly the same final rows (one statement for
  all nodes, one for all relationships, one transaction, no reads). rows = nodes + edges.
* API overhead: GET /search, /entities/{id}/neighbors?depth=2 and /programs/{id}/related
  through the app (TestClient, in process) against the store call that answers them.

Usage: python -m bench.neo4j_bench  (needs POLICYKG_TEST_NEO4J_URI / _USER / _PASSWORD, or
NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD). Prints one JSON line.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"POLICYKG_TEST_{name}") or os.environ.get(name) or default


def seed_patches() -> list:
    from ingest.pipeline import Pipeline, list_files, read_file

    pipeline = Pipeline()
    return [pipeline.run(read_file(p))[0] for p in list_files([ROOT / "data" / "corpus"])]


def copies(patches: list, n: int) -> list:
    """`n` synthetic copies of the patches: ids, names and aliases suffixed per copy, so the
    copies are distinct rows with the same shape."""
    from schema.model import Edge, GraphPatch, Node

    out = []
    for k in range(n):
        tag = f"~{k}"
        for patch in patches:
            p = GraphPatch()
            for node in patch.nodes.values():
                p.nodes[node.id + tag] = Node(node.id + tag, node.label, node.name + tag,
                                              {a + tag for a in node.aliases},
                                              dict(node.properties), list(node.evidence))
            for e in patch.edges.values():
                edge = Edge(e.type, e.source + tag, e.target + tag, dict(e.properties),
                            list(e.evidence))
                p.edges[edge.key] = edge
            out.append(p)
    return out


def final_rows(patches: list) -> tuple[list[dict], list[dict]]:
    """The rows the store ends up writing (patches merged in order), in the store's format."""
    from graph.memory import MemoryGraphStore
    from graph.neo4j_store import _edge_row, _node_row

    mem = MemoryGraphStore(None)
    for p in patches:
        mem.apply(p)
    nodes = [{**_node_row(n), "label": n.label.value} for n in mem.iter_nodes()]
    edges = [{**_edge_row(e), "type": e.type.value} for e in mem.iter_edges()]
    return nodes, edges


def write_bench(store: Any, patches: list) -> dict:
    import cypher

    nodes, edges = final_rows(patches)
    rows = len(nodes) + len(edges)
    store.clear()
    t = time.perf_counter()
    for p in patches:
        store.apply(p)
    ours = time.perf_counter() - t
    assert store.counts()["nodes"] and sum(store.counts()["edges"].values()) == len(edges)
    store.clear()
    driver = store._driver  # noqa: SLF001 - the baseline uses the same connection pool

    def baseline(tx: Any) -> None:
        tx.run(cypher.query("bench_baseline_nodes"), rows=nodes).consume()
        tx.run(cypher.query("bench_baseline_edges"), rows=edges).consume()

    t = time.perf_counter()
    with driver.session(database=store.database) as session:
        session.execute_write(baseline)
    base = time.perf_counter() - t
    store.clear()
    return {"files": len(patches), "nodes": len(nodes), "edges": len(edges), "rows": rows,
            "store_seconds": ours, "baseline_seconds": base,
            "store_rows_per_s": rows / ours, "baseline_rows_per_s": rows / base,
            "ratio": (rows / ours) / (rows / base)}


def _pcts(samples: list[float]) -> dict:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": 1000 * statistics.median(samples), "p99_ms": 1000 * qs[98]}


def api_overhead(store: Any, patches: list, repeats: int = 30) -> dict:
    from api.app import create_app
    from api.service import related_programs
    from api.settings import get_settings
    from schema.labels import Label

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    store.clear()
    for p in patches:
        store.apply(p)
    programs = sorted(store.iter_nodes(Label.PROGRAM), key=lambda n: n.id)[:10]

    class Shared:
        def __init__(self, s: Any) -> None:
            self._s = s

        def __getattr__(self, name: str) -> Any:
            return getattr(self._s, name)

        def close(self) -> None:
            pass

    ops = {
        "search": (lambda n: store.search(n.name[:2], limit=20),
                   lambda c, n: c.get("/search", params={"q": n.name[:2], "limit": 20})),
        "neighbors_d2": (lambda n: store.neighbors(n.id, 2, limit=300),
                         lambda c, n: c.get(f"/entities/{n.id}/neighbors",
                                            params={"depth": 2, "limit": 299})),
        "related_programs": (lambda n: related_programs(store, n.id),
                             lambda c, n: c.get(f"/programs/{n.id}/related")),
    }
    settings = get_settings(data_dir=ROOT / "out" / "bench-neo4j", store="neo4j")
    out = {}
    with TestClient(create_app(settings, store=Shared(store))) as client:
        for name, (direct, api) in ops.items():
            d, a = [], []
            for _ in range(repeats):
                for node in programs:
                    t = time.perf_counter()
                    direct(node)
                    d.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    r = api(client, node)
                    a.append(time.perf_counter() - t)
                    assert r.status_code == 200, r.text
            out[name] = {"direct": _pcts(d), "api": _pcts(a),
                         "ratio_p50": statistics.median(a) / statistics.median(d)}
    store.clear()
    return out


def main() -> None:
    from graph.neo4j_store import Neo4jGraphStore

    uri = _env("NEO4J_URI")
    if not uri:
        print(json.dumps({"available": False, "why": "no NEO4J_URI"}))
        return
    store = Neo4jGraphStore.connect(uri, _env("NEO4J_USER", "neo4j") or "neo4j",
                                    _env("NEO4J_PASSWORD"), _env("NEO4J_DATABASE", "neo4j")
                                    or "neo4j")
    patches = seed_patches()
    write_bench(store, patches)  # warm-up: plans, caches, JIT
    result = {"available": True,
              "seed": write_bench(store, patches),
              "synthetic_10x": write_bench(store, copies(patches, 10)),
              "api": api_overhead(store, patches)}
    store.close()
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
