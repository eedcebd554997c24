"""Benchmark: time from navigation to a stabilised, drawn explorer page in headless
Chromium, on synthetic graphs of a few sizes. Prints a Markdown table.

    .venv/bin/python -m visualize.bench [--sizes 50,300,1000] [--runs 3]

Needs Debian's Chromium (/usr/bin/chromium) and Playwright for Python (no browser download).
"in page" is `performance.now()` when the page first reports stable (vis-network's
stabilisation done and the graph drawn), i.e. since navigation start; "wall" adds the
browser round trips as a test sees them.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from schema.ids import make_id
from schema.labels import Label, RelType
from schema.model import Edge, Evidence, Node

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
READY = 'body[data-stable="true"][data-busy="0"]'

#: Share of each label in a synthetic graph (roughly the seed corpus' mix).
MIX = [(Label.REGION, 0.05), (Label.GOV_UNIT, 0.10), (Label.POLICY_DOCUMENT, 0.08),
       (Label.PROGRAM, 0.40), (Label.PLATFORM, 0.22), (Label.TALENT_GROUP, 0.15)]


def synthetic_graph(n: int, seed: int = 7) -> tuple[list[Node], list[Edge]]:
    """`n` nodes with schema-valid edges (about two per node), each with one evidence
    sentence, like an ingested neighbourhood."""
    rng = random.Random(seed)
    by_label: dict[Label, list[Node]] = {label: [] for label, _ in MIX}
    nodes: list[Node] = []
    for i in range(n):
        label = rng.choices([lab for lab, _ in MIX], [w for _, w in MIX])[0]
        if i < len(MIX):
            label = MIX[i][0]  # at least one of each
        name = f"{label.value}{i}号人才工程示例"
        ev = Evidence(f"source:{i % 9:016x}", i, i + 4, f"鄂尔多斯市实施{name}，引进青年人才{i}名。")
        node = Node(make_id(label, name), label, name, {f"别名{i}"}, {"i": i}, [ev])
        by_label[label].append(node)
        nodes.append(node)
    edges: dict[tuple[str, str, str], Edge] = {}

    def link(rel: RelType, head: Node, tail: Node) -> None:
        if head.id != tail.id:
            edges[(rel.value, head.id, tail.id)] = Edge(rel, head.id, tail.id)

    pick = rng.choice
    runners = by_label[Label.REGION] + by_label[Label.GOV_UNIT]
    for node in nodes:
        if node.label is Label.PROGRAM:
            link(RelType.RUNS, pick(runners), node)
            link(RelType.ESTABLISHES, pick(by_label[Label.POLICY_DOCUMENT]), node)
            if rng.random() < 0.3:
                link(RelType.PART_OF, node, pick(by_label[Label.PROGRAM]))
            if rng.random() < 0.5:
                link(RelType.TARGETS, node, pick(by_label[Label.TALENT_GROUP]))
        elif node.label is Label.PLATFORM:
            link(RelType.BUILDS, pick(runners), node)
            link(RelType.LOCATED_IN, node, pick(by_label[Label.REGION]))
        elif node.label is Label.GOV_UNIT:
            link(RelType.LOCATED_IN, node, pick(by_label[Label.REGION]))
            link(RelType.ISSUED, node, pick(by_label[Label.POLICY_DOCUMENT]))
        elif node.label is Label.REGION and by_label[Label.REGION][0] is not node:
            link(RelType.PART_OF, node, by_label[Label.REGION][0])
    return nodes, list(edges.values())


@dataclass
class Result:
    nodes: int
    edges: int
    html_kib: float
    render_ms: float
    in_page_ms: list[float]
    wall_ms: list[float]


def measure(sizes: list[int], runs: int, chromium: str, out_dir: Path) -> list[Result]:
    from playwright.sync_api import sync_playwright

    from visualize.render import render_subgraph

    results = []
    render_subgraph(*synthetic_graph(10), api_base=None)  # warm up: imports, cached assets
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            for n in sizes:
                nodes, edges = synthetic_graph(n)
                t = time.perf_counter()
                html = render_subgraph(nodes, edges, focus_id=nodes[0].id, api_base=None,
                                       title=f"bench {n}")
                render_ms = (time.perf_counter() - t) * 1000
                path = out_dir / f"bench-{n}.html"
                path.write_text(html, encoding="utf-8")
                in_page, wall = [], []
                for _ in range(runs):
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    page = context.new_page()
                    t = time.perf_counter()
                    page.goto(path.as_uri(), wait_until="commit")
                    page.wait_for_selector(READY, state="attached", timeout=300_000)
                    wall.append((time.perf_counter() - t) * 1000)
                    in_page.append(page.evaluate("() => window.policykg.firstStableAt"))
                    context.close()
                results.append(Result(len(nodes), len(edges), len(html.encode()) / 1024,
                                      render_ms, in_page, wall))
        finally:
            browser.close()
    return results


def table(results: list[Result], runs: int) -> str:
    lines = [f"| nodes | edges | page KiB | render (Python) ms | navigation → stable & drawn, "
             f"median of {runs} (in page) ms | min–max ms | wall ms (median) |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.nodes} | {r.edges} | {r.html_kib:.0f} | {r.render_ms:.0f} | "
                     f"{statistics.median(r.in_page_ms):.0f} | {min(r.in_page_ms):.0f}–"
                     f"{max(r.in_page_ms):.0f} | {statistics.median(r.wall_ms):.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,300,1000", help="Node counts, comma-separated.")
    parser.add_argument("--runs", type=int, default=3, help="Page loads per size.")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium binary.")
    parser.add_argument("--keep", type=Path, default=None,
                        help="Directory to keep the generated pages in.")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        print(table(measure(sizes, args.runs, args.chromium, args.keep), args.runs))
        return
    with tempfile.TemporaryDirectory() as tmp:
        print(table(measure(sizes, args.runs, args.chromium, Path(tmp)), args.runs))


if __name__ == "__main__":
    main()
