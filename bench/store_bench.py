"""The embedded store at scale, and API latency, on a synthetic graph.

`python -m bench.store_bench RELS [SEED]` writes a graph file of ~RELS relationships
(≥ RELS/10 nodes, label and type mix of an ingested corpus: most edges are MENTIONS
from sources), then, in this process, times `MemoryGraphStore(path)` (load), reads the
resident memory, and times search, neighbors depth 2 and related programs — directly on
the store and through the FastAPI app (TestClient) — printing one JSON object.
"""
from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: node count per label, as a share of all nodes
_MIX = {"Source": 0.30, "Program": 0.25, "Platform": 0.12, "GovUnit": 0.10,
        "PolicyDocument": 0.12, "Region": 0.03, "TalentGroup": 0.005, "Indicator": 0.02,
        "Organization": 0.055}
#: (type, head label, tail label, share of edges)
_EDGES = (("MENTIONS", "Source", None, 0.55), ("RUNS", "GovUnit", "Program", 0.08),
          ("TARGETS", "Program", "TalentGroup", 0.08), ("BUILDS", "GovUnit", "Platform", 0.06),
          ("ESTABLISHES", "PolicyDocument", "Program", 0.06),
          ("ISSUED", "GovUnit", "PolicyDocument", 0.04),
          ("LOCATED_IN", "Platform", "Region", 0.04), ("CITES", "PolicyDocument", "PolicyDocument", 0.04),
          ("PART_OF", "Program", "Program", 0.03), ("HAS_INDICATOR", "PolicyDocument", "Indicator", 0.02))


def synthetic_graph_document(rels: int, seed: int = 0) -> dict:
    """A graph file with `rels` relationships, in graph/memory.py's version-1 layout
    (records with their evidence inline; `convert` rewrites it as the store saves it)."""
    from graph.memory import FORMAT

    rng = random.Random(seed)
    n_nodes = max(rels // 9, 100)
    ids: dict[str, list[str]] = {}
    nodes = []
    parts = ("启航", "英才", "星火", "领航", "沃土", "聚智", "引凤", "筑梦", "金桥", "青苗")
    # sentences of ingested text are 20-300 characters; a span's evidence repeats its
    # sentence, and one sentence supports several facts
    words = ("实施", "人才", "计划", "建设", "平台", "引进", "高层次", "创新", "团队", "支持",
             "重点", "产业", "领域", "工作站", "服务", "政策", "年度", "培养", "青年", "项目")
    pool = ["".join(rng.choice(words) for _ in range(rng.randint(5, 30))) + "。"
            for _ in range(max(rels // 20, 50))]
    n_sources = max(int(n_nodes * _MIX["Source"]), 5)

    def evidence(k: int) -> list[dict]:
        out = {}
        for _ in range(k):  # one span, one sentence: what a span reads is fixed by its text
            source, start = rng.randrange(n_sources), rng.randrange(0, 20_000)
            out[(source, start)] = {
                "source": f"source:{source:07d}", "start": start, "end": start + 2 + start % 11,
                "orig_start": start + 3, "orig_end": start + 5 + start % 11,
                "sentence": pool[(source * 7919 + start) % len(pool)]}
        return [out[k] for k in sorted(out)]

    for label, share in _MIX.items():
        bucket = ids.setdefault(label, [])
        for i in range(max(int(n_nodes * share), 5)):
            node_id = f"{label.lower()}:{i:07d}"
            name = f"{rng.choice(parts)}{rng.choice(parts)}{label}{i}"
            bucket.append(node_id)
            nodes.append({"id": node_id, "label": label, "name": name, "aliases": [name[:4]],
                          "properties": {}, "evidence": evidence(rng.randint(1, 3))})
    everything = [i for label, b in ids.items() if label != "Source" for i in b]
    edges, seen = [], set()
    for rel, head, tail, share in _EDGES:
        want = int(rels * share)
        heads, tails = ids[head], ids[tail] if tail else everything
        while want:
            h, t = rng.choice(heads), rng.choice(tails)
            if h == t or (h, t, rel) in seen:
                continue
            seen.add((h, t, rel))
            edges.append({"type": rel, "source": h, "target": t, "properties": {},
                          "evidence": evidence(rng.randint(1, 4))})
            want -= 1
    return {"format": FORMAT, "version": 1, "nodes": nodes, "edges": edges}


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(fn: Callable[[object], object], args: list, warm: int = 3) -> dict:
    for a in args[:warm]:
        fn(a)
    times = []
    for a in args:
        t = time.perf_counter()
        fn(a)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"n": len(times), "p50_ms": statistics.median(times),
            "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))]}


def latency(store, queries: int = 200, seed: int = 0) -> dict:
    """search, neighbors depth 2, related programs: on the store and through the API."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.service import related_programs
    from api.settings import Settings
    from schema.labels import Label

    rng = random.Random(seed)
    # ids and names only: a copy of every node held while timing (111k records at 1M
    # relationships) is the benchmark's garbage, not the store's, and made every full
    # collection of the cyclic GC inside a timed query cost ~200 ms
    ids, names, program_ids = [], [], []
    for n in store.iter_nodes():
        ids.append(n.id)
        names.append(n.name)
        if n.label is Label.PROGRAM:
            program_ids.append(n.id)
    program_ids = program_ids or ids
    any_ids = [rng.choice(ids) for _ in range(queries)]
    prog_ids = [rng.choice(program_ids) for _ in range(queries)]
    terms = [rng.choice(names)[:2] for _ in range(queries)]
    out = {"direct": {
        "search": percentiles(lambda q: store.search(q, limit=20), terms),
        "neighbors_d2": percentiles(lambda i: store.neighbors(i, depth=2, limit=500), any_ids),
        "related_programs": percentiles(lambda i: related_programs(store, i), prog_ids)}}
    app = create_app(Settings(data_dir=Path(tempfile.gettempdir())), store=store)
    with TestClient(app) as client:
        def get(url: str) -> None:
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code, r.text[:200])

        out["api"] = {
            "search": percentiles(lambda q: get(f"/search?q={q}&limit=20"), terms),
            "neighbors_d2": percentiles(
                lambda i: get(f"/entities/{i}/neighbors?depth=2&limit=500"), any_ids),
            "related_programs": percentiles(lambda i: get(f"/programs/{i}/related"), prog_ids)}
    return out


def run(rels: int, seed: int = 0, queries: int = 60) -> dict:
    # the API's modules are imported before the store loads, as in `policykg serve`: the
    # load freezes what exists then out of the cyclic GC's way, and objects made after it
    # (FastAPI's, pydantic's) are traversed again by every full collection, inside a query
    import api.app  # noqa: F401
    import api.service  # noqa: F401
    import fastapi.testclient  # noqa: F401
    from graph.memory import MemoryGraphStore

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        # written in a child process, so that this one's memory is the loaded store's alone
        done = subprocess.run([sys.executable, "-m", "bench.store_bench", "write", str(path),
                               str(rels), str(seed)], check=True, capture_output=True,
                              text=True, cwd=Path(__file__).resolve().parents[1])
        n_nodes, n_edges = json.loads(done.stdout.strip().splitlines()[-1])
        size_mb = path.stat().st_size / 2**20
        before = rss_mb()
        t = time.perf_counter()
        store = MemoryGraphStore(path)
        load = time.perf_counter() - t
        after = rss_mb()
    return {"nodes": n_nodes, "edges": n_edges, "file_mb": size_mb, "load_seconds": load,
            "rss_mb": after, "store_rss_mb": after - before,
            "latency": latency(store, queries, seed)}


def run_seed(corpus: Path, queries: int = 200) -> dict:
    """API latency on the graph of the seed corpus (ingested here, in memory)."""
    from graph.memory import MemoryGraphStore
    from ingest.pipeline import ingest_paths

    store = MemoryGraphStore(None)
    ingest_paths([corpus], store)
    return {"nodes": store.node_count(), "edges": store.edge_count(),
            "latency": latency(store, queries)}


def write(path: Path, rels: int, seed: int) -> tuple[int, int]:
    """The synthetic graph, saved by the store to `path`: (nodes, edges)."""
    doc = synthetic_graph_document(rels, seed)
    counts = len(doc["nodes"]), len(doc["edges"])
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    del doc
    convert(path)
    return counts


def convert(path: Path) -> None:
    """Load a graph file and save it again: in the store's current file version."""
    from graph.memory import MemoryGraphStore

    MemoryGraphStore(path).save()


if __name__ == "__main__":
    if sys.argv[1] == "write":
        print(json.dumps(write(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))))
    elif sys.argv[1] == "convert":
        convert(Path(sys.argv[2]))
    elif sys.argv[1] == "seed":
        print(json.dumps(run_seed(Path(sys.argv[2]))))
    else:
        print(json.dumps(run(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0)))
