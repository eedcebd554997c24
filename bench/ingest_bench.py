"""Ingest throughput per stage on a synthetic corpus, and jieba.posseg on the same text.

Run in its own process per corpus size (`python -m bench.ingest_bench N SEED`, prints one
JSON object) so that the peak resident memory is that size's own. The pipeline is loaded
(and warmed on one document) before the clock starts; its start-up is reported apart.
"""
from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("decode", "normalise", "split", "extract", "resolve", "store")
#: jieba is given at most this many characters (it runs at a fraction of policykg's speed)
JIEBA_MAX_CHARS = 400_000


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int, seed: int = 0) -> dict:
    from bench.corpus import generate
    from graph.memory import MemoryGraphStore
    from ingest.pipeline import Pipeline, settle_heap
    from ingest.split import split
    from ingest.types import RawFile
    from schema.model import GraphPatch

    docs = generate(n, seed)
    raws = [RawFile.from_bytes(d.name, d.data) for d in docs]
    t0 = time.perf_counter()
    pipeline = Pipeline()
    pipeline.run(RawFile.from_bytes("warmup.txt", generate(1, seed + 1)[0].data))  # lazy loads
    startup = time.perf_counter() - t0

    spent = dict.fromkeys(STAGES, 0.0)
    texts: list[str] = []
    failed = 0
    clock = time.perf_counter
    with tempfile.TemporaryDirectory() as tmp:
        store = MemoryGraphStore(Path(tmp) / "graph.json")
        for i, raw in enumerate(raws):
            g = clock()
            settle_heap(i)  # as `policykg ingest`'s writer does
            spent["store"] += clock() - g
            try:
                a = clock()
                decoded = pipeline.decoder.run(raw)
                b = clock()
                norm = pipeline.normaliser.run(decoded)
                c = clock()
                sources = split(norm)
                d = clock()
                spent["decode"] += b - a
                spent["normalise"] += c - b
                spent["split"] += d - c
                patch = GraphPatch()
                for source in sources:
                    e = clock()
                    extraction = pipeline.extractor.run(source)
                    f = clock()
                    patch.extend(pipeline.resolver.run(extraction))
                    spent["extract"] += f - e
                    spent["resolve"] += clock() - f
                g = clock()
                store.apply(patch)
                spent["store"] += clock() - g
                texts.append(norm.text)
            except Exception:  # counted: the benchmark corpus should ingest cleanly
                failed += 1
        g = clock()
        store.save()
        spent["store"] += clock() - g
        nodes, edges = store.node_count(), store.edge_count()

    out = {"docs": n, "failed": failed, "input_bytes": sum(len(d.data) for d in docs),
           "norm_chars": sum(map(len, texts)),
           "norm_bytes": sum(len(t.encode("utf-8")) for t in texts),
           "seconds": spent, "total_seconds": sum(spent.values()), "startup_seconds": startup,
           "nodes": nodes, "edges": edges, "peak_rss_mb": peak_rss_mb()}
    out["jieba"] = jieba_baseline(texts)
    return out


def jieba_baseline(texts: list[str]) -> dict:
    """jieba.posseg over (a prefix of) the same normalised texts: characters per second."""
    try:
        import jieba
        import jieba.posseg as pseg
    except ImportError:
        return {"available": False}
    import logging

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    sample, total = [], 0
    for t in texts:
        if total >= JIEBA_MAX_CHARS:
            break
        sample.append(t)
        total += len(t)
    start = time.perf_counter()
    tokens = sum(1 for t in sample for _ in pseg.cut(t))
    seconds = time.perf_counter() - start
    return {"available": True, "chars": total, "seconds": seconds, "tokens": tokens}


def run_cli(n: int, seed: int = 0, workers: int = 2) -> dict:
    """What a user waits for: `policykg ingest DIR --workers N` on `n` synthetic files, wall
    clock from the command's start to its exit (start-up of every process, parsing, the
    single writer, the save), and the largest resident memory of a process."""
    import subprocess

    from bench.corpus import write_corpus

    cli = Path(sys.executable).with_name("policykg")
    with tempfile.TemporaryDirectory() as tmp:
        docs = write_corpus(Path(tmp) / "corpus", n, seed)
        start = time.perf_counter()
        done = subprocess.run([str(cli), "ingest", str(Path(tmp) / "corpus"), "--data-dir",
                               str(Path(tmp) / "kg"), "--workers", str(workers)],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"docs": n, "workers": workers, "exit": done.returncode, "seconds": seconds,
            "input_bytes": sum(len(d.data) for d in docs), "peak_process_rss_mb": peak,
            "stderr_tail": done.stderr[-500:] if done.returncode else ""}


if __name__ == "__main__":
    if sys.argv[1] == "cli":
        print(json.dumps(run_cli(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))))
    else:
        print(json.dumps(run(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0)))
