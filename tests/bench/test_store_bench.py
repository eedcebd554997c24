"""The store benchmark's graph: realistic records, in the file version the store writes."""
from __future__ import annotations

import json
from pathlib import Path

from bench.store_bench import convert, run, synthetic_graph_document
from graph.memory import VERSION, MemoryGraphStore


def test_synthetic_graph_has_evidence_like_an_ingested_one(tmp_path: Path) -> None:
    doc = synthetic_graph_document(3000, seed=1)
    assert len(doc["edges"]) == 3000
    assert all(1 <= len(n["evidence"]) <= 3 and n["properties"] == {} for n in doc["nodes"])
    spans = {}
    for record in [*doc["nodes"], *doc["edges"]]:
        for e in record["evidence"]:  # one span reads one sentence, as in a real graph
            assert spans.setdefault((e["source"], e["start"]), e) == e
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    convert(path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == VERSION
    store = MemoryGraphStore(path)
    assert (store.node_count(), store.edge_count()) == (len(doc["nodes"]), 3000)


def test_store_bench_runs_end_to_end() -> None:
    out = run(2000, seed=0, queries=5)
    assert out["edges"] == 2000 and out["load_seconds"] > 0
    for where in ("direct", "api"):
        assert set(out["latency"][where]) == {"search", "neighbors_d2", "related_programs"}
