"""`policykg bench` / `python -m bench`: run the benchmarks, write docs/benchmarks.md.

Each measurement runs in a child process of its own (peak memory per corpus size, a
clean heap for the store at scale). Numbers are throughputs and ratios against baselines
measured in the same run (jieba.posseg on the same text); the machine is shared, so
absolute times vary between runs.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return (f"{cpu}; {os.cpu_count()} cores; {ram} RAM; Python {platform.python_version()} "
            f"({platform.system()} {platform.release()})")


def _child(module: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def ingest_table(results: list[dict]) -> list[str]:
    rows = ["| docs | norm. text | stage | seconds | KB/s | docs/s | ms/doc |",
            "|---:|---:|---|---:|---:|---:|---:|"]
    for r in results:
        kb = r["norm_bytes"] / 1024
        for stage, sec in [*r["seconds"].items(), ("**end to end**", r["total_seconds"])]:
            rows.append(f"| {r['docs']:,} | {kb:,.0f} KB | {stage} | {sec:.2f} | "
                        f"{kb / sec if sec else float('inf'):,.0f} | "
                        f"{r['docs'] / sec if sec else float('inf'):,.1f} | "
                        f"{1000 * sec / r['docs']:.2f} |")
    return rows


def summary_table(results: list[dict]) -> list[str]:
    rows = ["| docs | failed | nodes | edges | end to end KB/s | chars/s | jieba.posseg chars/s "
            "| policykg ÷ jieba | start-up s | peak RSS MB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        cps = r["norm_chars"] / r["total_seconds"]
        j = r["jieba"]
        jcps = j["chars"] / j["seconds"] if j.get("available") and j["seconds"] else None
        rows.append(f"| {r['docs']:,} | {r['failed']} | {r['nodes']:,} | {r['edges']:,} | "
                    f"{r['norm_bytes'] / 1024 / r['total_seconds']:,.0f} | {cps:,.0f} | "
                    f"{f'{jcps:,.0f}' if jcps else 'n/a'} | "
                    f"{f'{cps / jcps:.2f}×' if jcps else 'n/a'} | "
                    f"{r['startup_seconds']:.1f} | {r['peak_rss_mb']:,.0f} |")
    return rows


def latency_rows(name: str, lat: dict) -> list[str]:
    rows = []
    for op in ("search", "neighbors_d2", "related_programs"):
        d, a = lat["direct"][op], lat["api"][op]
        rows.append(f"| {name} | {op} | {d['p50_ms']:.2f} | {d['p99_ms']:.2f} | "
                    f"{a['p50_ms']:.2f} | {a['p99_ms']:.2f} | {a['p50_ms'] / d['p50_ms']:.2f} |")
    return rows


def neo4j_section(r: dict) -> list[str]:
    """The Neo4j part of the report from `bench.neo4j_bench`'s JSON line."""
    lines = ["## Neo4j (the test server: Neo4j 5.26 Community, embedded, same machine)", ""]
    if not r.get("available"):
        return lines + [f"Not measured: {r.get('why', 'no server')} (set NEO4J_URI, or run "
                        "under scripts/test.sh's server).", ""]
    lines += ["Writes: as `policykg ingest` writes (`write_patches`: one managed transaction "
              f"per {r.get('files_per_write', '?')} files: reads, merge, batched UNWIND MERGE "
              "of nodes, then of relationships) against a raw "
              "`UNWIND` of the same final rows through the same two statements in one "
              "transaction, with no reads or merging. "
              "rows = nodes + relationships; with several rounds, the two alternate and the "
              "medians are shown.", "",
              "| corpus | files | rows | rounds | store rows/s | baseline rows/s "
              "| store ÷ baseline |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, key in (("seed", "seed"), ("10× synthetic copy of the seed", "synthetic_10x")):
        w = r[key]
        lines.append(f"| {name} | {w['files']} | {w['rows']:,} | {w.get('rounds', 1)} "
                     f"| {w['store_rows_per_s']:,.0f} | {w['baseline_rows_per_s']:,.0f} "
                     f"| {w['ratio']:.2f} |")
    from bench.neo4j_bench import API_MODES

    lines += ["", "API against the store call that runs the same named Cypher through the "
              "driver, seed graph on Neo4j (ms). Direct and API calls alternate on the same "
              "program, so machine noise hits both. The API is called these ways:", ""]
    lines += [f"* `{mode}`: {API_MODES.get(mode, '?')}." for mode in r["api"]]
    lines += ["", "| mode | query | samples | direct p50 | direct p99 | API p50 | API p99 "
              "| API ÷ direct (p50) |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for mode, ops in r["api"].items():
        for op, v in ops.items():
            lines.append(f"| {mode} | {op} | {v['api']['n']} | {v['direct']['p50_ms']:.2f} | "
                         f"{v['direct']['p99_ms']:.2f} | {v['api']['p50_ms']:.2f} | "
                         f"{v['api']['p99_ms']:.2f} | {v['ratio_p50']:.2f} |")
    return lines


def run(sizes: list[int], store_rels: int, output: Path, seed: int = 0,
        log=print, workers: int = 2) -> str:
    lines = ["# Benchmarks", "",
             f"Generated by `policykg bench` on {date.today().isoformat()}.", "",
             f"Machine: {machine()}. The machine is shared with other work: compare ratios "
             "and rows of one run, not absolute times across runs.", "",
             "## Ingest into the embedded store (synthetic corpus, `bench/corpus.py`)", "",
             "One process, one core; the pipeline is loaded before the clock starts "
             "(start-up reported apart). KB are UTF-8 KB of normalised text; `store` includes "
             "the final save. jieba.posseg runs on (up to 400k characters of) the same "
             "normalised text in the same process.", ""]
    results = []
    for n in sizes:
        log(f"ingest: {n} documents…")
        results.append(_child("bench.ingest_bench", str(n), str(seed)))
    lines += summary_table(results) + [""] + ingest_table(results) + [""]
    if workers > 1 and sizes:
        n = max(sizes)
        log(f"policykg ingest --workers {workers}: {n} documents…")
        cli = _child("bench.ingest_bench", "cli", str(n), str(seed), str(workers))
        lines += [f"The command a user runs, `policykg ingest DIR --workers {workers}`, on the "
                  f"{n:,} files (wall clock from start to exit: start-up of every process, "
                  "parallel decode→resolve, the single writer, the save):", "",
                  "| docs | workers | exit | wall clock s | docs/s | largest process RSS MB |",
                  "|---:|---:|---:|---:|---:|---:|",
                  f"| {cli['docs']:,} | {cli['workers']} | {cli['exit']} | "
                  f"{cli['seconds']:.1f} | {cli['docs'] / cli['seconds']:.1f} | "
                  f"{cli['peak_process_rss_mb']:,.0f} |", ""]
    log("API latency on the seed corpus…")
    seed_lat = _child("bench.store_bench", "seed", str(ROOT / "data" / "corpus"))
    lines += [f"## Embedded store at {store_rels:,} relationships", ""]
    big = None
    if store_rels:
        log(f"store at {store_rels:,} relationships…")
        big = _child("bench.store_bench", str(store_rels), str(seed))
        lines += ["| nodes | relationships | file MB | load s | RSS MB (process) | store MB |",
                  "|---:|---:|---:|---:|---:|---:|",
                  f"| {big['nodes']:,} | {big['edges']:,} | {big['file_mb']:,.0f} | "
                  f"{big['load_seconds']:.1f} | {big['rss_mb']:,.0f} | "
                  f"{big['store_rss_mb']:,.0f} |", ""]
    lines += ["## Query latency (ms): the store directly and through the API (TestClient)", "",
              "| graph | query | direct p50 | direct p99 | API p50 | API p99 | API ÷ direct (p50) |",
              "|---|---|---:|---:|---:|---:|---:|"]
    lines += latency_rows(f"seed ({seed_lat['nodes']} nodes, {seed_lat['edges']} rels)",
                          seed_lat["latency"])
    if big:
        lines += latency_rows(f"synthetic ({big['nodes']:,} nodes, {big['edges']:,} rels)",
                              big["latency"])
    log("Neo4j writes and API overhead…")
    lines += ["", *neo4j_section(_child("bench.neo4j_bench")), ""]
    text = "\n".join(lines)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--sizes", default="100,1000,10000", help="corpus sizes, comma-separated")
    p.add_argument("--store-rels", type=int, default=1_000_000,
                   help="relationships of the synthetic store graph (0: skip)")
    p.add_argument("--quick", action="store_true", help="--sizes 100 --store-rels 20000")
    p.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                   help="also time `policykg ingest --workers N` on the largest size (1: skip)")
    a = p.parse_args(argv)
    sizes = [100] if a.quick else [int(s) for s in a.sizes.split(",") if s.strip()]
    rels = 20_000 if a.quick else a.store_rels
    print(run(sizes, rels, a.output, a.seed, log=lambda m: print(m, file=sys.stderr),
              workers=a.workers))
