"""The `policykg` command line: ingest, export, stats, evaluate.

Settings come from `api.settings.get_settings` (environment), with `--data-dir` and
`--store` overriding them. Logging is configured here and only here (`--verbose` = DEBUG).
Any `PolicyKGError` ends the command with `error: <code>: <message>` on stderr and exit
status 1 — never a traceback. Exit status 2 is a usage error (click's, or no files found).
"""
from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional, TypeVar

import typer
from rich.console import Console
from rich.table import Column, Table

from api.settings import Settings, get_settings
from schema.errors import PolicyKGError

if TYPE_CHECKING:
    from graph.base import GraphStore

logger = logging.getLogger(__name__)

app = typer.Typer(name="policykg", help="Knowledge graph of Chinese talent-policy documents.",
                  no_args_is_help=True, add_completion=False,
                  pretty_exceptions_show_locals=False)

DataDirOption = Annotated[Optional[Path], typer.Option(
    "--data-dir", file_okay=False, help="Data directory (env POLICYKG_DATA_DIR).")]
StoreOption = Annotated[Optional[Literal["memory", "neo4j"]], typer.Option(
    "--store", help="Store backend (env POLICYKG_STORE; default memory).")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

F = TypeVar("F", bound=Callable[..., Any])


def _stdout() -> Console:
    return Console(highlight=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def reports_errors(command: F) -> F:
    """Turn a `PolicyKGError` into `error: code: message` on stderr and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PolicyKGError as e:
            logger.debug("command failed", exc_info=True)
            typer.echo(f"error: {e.code}: {e.message}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _settings(data_dir: Path | None, store: str | None) -> Settings:
    return get_settings(data_dir=data_dir, store=store)


def _open(settings: Settings) -> GraphStore:
    from graph.factory import open_store

    return open_store(settings)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                               help="Log debugging details.")] = False) -> None:
    """Knowledge graph of Chinese talent-policy documents."""
    from rich.logging import RichHandler

    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(name)s: %(message)s", datefmt="[%X]", force=True,
                        handlers=[RichHandler(console=_stderr(), show_path=False)])


@app.command()
@reports_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(
        exists=True, readable=False,  # an unreadable file is reported by name, the rest go on
        help="Files or directories.")],
    data_dir: DataDirOption = None,
    store: StoreOption = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Processes for decode→resolve (one writer applies "
        "patches in file order: the same graph as one worker).")] = 1,
) -> None:
    """Ingest files (or every file under directories) into the store.

    Exit status: 0 every file ingested; 1 a file failed (each named on stderr with its
    reason; the others are in the store) or the store failed; 2 nothing to ingest or a
    bad option; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM): the store is left as
    it was before the run."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from ingest.pipeline import ingest_paths  # heavy (spaCy...): imported only when needed

    settings = _settings(data_dir, store)
    out = _stdout()
    _exit_on_sigterm()
    with _open(settings) as graph:
        with Progress(SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(),
                      MofNCompleteColumn(), console=out, transient=True) as progress:
            task = progress.add_task("ingesting", total=None)

            def on_file(file_report: Any) -> None:
                progress.update(task, advance=1, description=str(file_report.path))

            report = ingest_paths(list(paths), graph, on_file=on_file, workers=workers)
        counts = graph.counts()

    if report.total_files == 0:
        typer.echo("error: no_files: no files to ingest in "
                   + ", ".join(str(p) for p in paths), err=True)
        raise typer.Exit(2)
    table = Table(Column("file", overflow="fold"), "sources", "nodes", "relations", "warnings",
                  "status")
    for fr in report.files:
        if fr.error:
            table.add_row(_escape(fr.path), "", "", "", "", f"[red]{_escape(fr.error)}[/red]")
        else:
            table.add_row(_escape(fr.path), str(fr.sources), str(fr.nodes), str(fr.relations),
                          str(len(fr.warnings)), "[green]ok[/green]")
        for warning in fr.warnings:
            logger.info("%s: %s", fr.path, warning)
    out.print(table)
    out.print(f"{len(report.ok)} file(s) ingested, {len(report.failed)} failed; store: "
              f"{sum(counts['nodes'].values())} nodes, {sum(counts['edges'].values())} edges "
              f"in {settings.data_dir}", markup=False)
    for fr in report.failed:  # one unwrapped line per bad file, whatever the terminal width
        typer.echo(f"failed: {fr.error}", err=True)
    if report.failed:
        raise typer.Exit(1)


def _exit_on_sigterm() -> None:
    """SIGTERM (`kill`, systemd, `docker stop`) ends the run the way Ctrl-C does: unwinding,
    so `--workers` processes are told to stop and nothing half-done is saved."""
    import signal
    import threading

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    if threading.current_thread() is threading.main_thread():  # only it may set handlers
        signal.signal(signal.SIGTERM, stop)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@app.command()
@reports_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o",
                                         help="Output file (a directory for csv).")],
    fmt: Annotated[Literal["json", "graphml", "csv"], typer.Option(
        "--format", "-f", help="json (design.md §4), graphml (Gephi), csv (neo4j-admin).")]
    = "json",
    data_dir: DataDirOption = None,
    store: StoreOption = None,
) -> None:
    """Export the graph as JSON, GraphML or CSV."""
    from graph.export import export_csv, export_graphml, export_json

    writers = {"json": export_json, "graphml": export_graphml, "csv": export_csv}
    settings = _settings(data_dir, store)
    with _open(settings) as graph:
        if graph.node_count() == 0:
            _stderr().print(f"warning: the store in {settings.data_dir} is empty", markup=False)
        writers[fmt](graph, output)
        nodes, edges = graph.node_count(), graph.edge_count()
    _stdout().print(f"wrote {nodes} nodes, {edges} edges to {output} ({fmt})", markup=False)


@app.command()
@reports_errors
def stats(data_dir: DataDirOption = None, store: StoreOption = None,
          as_json: JsonFlag = False) -> None:
    """Count nodes per label and edges per relationship type."""
    settings = _settings(data_dir, store)
    with _open(settings) as graph:
        counts = graph.counts()
    if as_json:
        typer.echo(json.dumps(counts, ensure_ascii=False, indent=1))
        return
    out = _stdout()
    for title, section in (("label", "nodes"), ("relationship type", "edges")):
        table = Table(title, "count")
        for name, n in counts[section].items():
            table.add_row(name, str(n))
        table.add_row("[bold]total[/bold]", f"[bold]{sum(counts[section].values())}[/bold]")
        out.print(table)


@app.command()
@reports_errors
def serve(
    data_dir: DataDirOption = None,
    store: StoreOption = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the HTTP API and the explorer (uvicorn) on the store."""
    import uvicorn

    from api.app import create_app

    settings = _settings(data_dir, store)
    _stderr().print(f"policykg API on http://{host}:{port}/docs, explorer on "
                    f"http://{host}:{port}/explore ({settings.store} store)", markup=False)
    # "auto" takes uvloop and httptools (dependencies of policykg) where they are installed,
    # asyncio and h11 elsewhere.
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                loop="auto", http="auto")


@app.command("init-db")
@reports_errors
def init_db(
    data_dir: DataDirOption = None,
    store: StoreOption = None,
    reset: Annotated[bool, typer.Option("--reset", help="Delete every node and relationship "
                                        "first (asks nothing: be sure).")] = False,
) -> None:
    """Create the store's constraints and indexes (idempotent); with --reset, empty it."""
    settings = _settings(data_dir, store)
    with _open(settings) as graph:  # opening a Neo4j store applies cypher/schema.cypher
        if reset:
            graph.clear()
        graph.save()
        counts = graph.counts()
    _stdout().print(f"{settings.store} store ready: {sum(counts['nodes'].values())} nodes, "
                    f"{sum(counts['edges'].values())} edges", markup=False)


@app.command()
@reports_errors
def evaluate(
    export_file: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                                help="A JSON export (design.md §4).")],
    gold_files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False,
                                                     help="Gold annotation files.")],
    as_json: JsonFlag = False,
    details: Annotated[bool, typer.Option("--details",
                                          help="List every miss and spurious item.")] = False,
) -> None:
    """Score an export against gold annotations (the same numbers as kgeval.py)."""
    from api.evaluate import evaluate as score
    from api.evaluate import load_export, load_gold

    report = score(load_export(export_file), load_gold(gold_files), verbose=details)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return
    out = _stdout()
    table = Table("", "tp", "fp", "fn", "P", "R", "F1")
    for section in (report.labels, report.types):
        for name, s in section.items():
            if s.tp or s.fp or s.fn:
                table.add_row(name, str(s.tp), str(s.fp), str(s.fn),
                              f"{s.p:.3f}", f"{s.r:.3f}", f"{s.f1:.3f}")
    out.print(table)
    got, want = report.indicator_values
    lines = [f"indicator values: {got}/{want}",
             f"sources: {report.sources[0]} found, {report.sources[1]} in gold"]
    if details:
        lines += [f"missed   {line}" for line in report.missed]
        lines += [f"spurious {line}" for line in report.spurious]
    n, e, o = report.nodes_micro, report.edges_micro, report.overall_micro
    lines += [f"nodes P={n.p:.3f} R={n.r:.3f} F1={n.f1:.3f} | "
              f"relations P={e.p:.3f} R={e.r:.3f} F1={e.f1:.3f}",
              f"overall F1={o.f1:.3f}"]
    for line in lines:
        out.print(line, markup=False)


@app.command()
def bench(
    sizes: Annotated[str, typer.Option("--sizes", help="Corpus sizes, comma-separated.")]
    = "100,1000,10000",
    store_rels: Annotated[int, typer.Option("--store-rels", min=0, help="Relationships of the "
                                            "synthetic store graph (0: skip).")] = 1_000_000,
    quick: Annotated[bool, typer.Option("--quick", help="--sizes 100 --store-rels 20000.")]
    = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", dir_okay=False,
                                                   help="Markdown file (docs/benchmarks.md).")]
    = None,
) -> None:
    """Benchmark ingest, the store and the API; write docs/benchmarks.md and print it."""
    from bench.runner import main as bench_main

    argv = ["--sizes", sizes, "--store-rels", str(store_rels)] + (["--quick"] if quick else [])
    bench_main(argv + (["--output", str(output)] if output else []))


@app.command()
@reports_errors
def viz(
    focus: Annotated[str, typer.Option("--focus", help="An entity id or name (e.g. 燕归巢).")],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False,
                                         help="HTML file to write.")],
    depth: Annotated[int, typer.Option("--depth", min=0, max=3,
                                       help="Hops around the focus.")] = 2,
    labels: Annotated[Optional[list[str]], typer.Option(
        "--labels", help="Only these node labels (repeat or comma-separate).")] = None,
    types: Annotated[Optional[list[str]], typer.Option(
        "--types", help="Only these relationship types (repeat or comma-separate); default: "
                        "all but MENTIONS and AUTHORED.")] = None,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1, max=5000,
                                           help="Node cap; the page says what it left out.")]
    = 300,
    data_dir: DataDirOption = None,
    store: StoreOption = None,
) -> None:
    """Write an interactive, self-contained HTML page of an entity's neighbourhood (opens
    offline: search and expand work on the data in the file)."""
    from graph.memory import write_atomically
    from schema.labels import parse_label, parse_rel_type
    from visualize.explorer import build_view, render_view

    def split(values: list[str] | None) -> list[str]:
        return [p.strip() for v in values or [] for p in v.split(",") if p.strip()]

    if not focus.strip():
        raise typer.BadParameter("give an entity id or name", param_hint="--focus")
    wanted_labels = [parse_label(x) for x in split(labels)] or None
    wanted_types = [parse_rel_type(x) for x in split(types)] or None
    settings = _settings(data_dir, store)
    with _open(settings) as graph:
        view = build_view(graph, focus, depth, wanted_labels, wanted_types, max_nodes)
    html = render_view(view, api_base=None)

    def write(f: Any) -> None:
        f.write(html)

    write_atomically(output, write)
    assert view.focus is not None  # a non-blank focus resolves or raises
    left_out = (f"; {'at least ' if view.omitted_at_least else ''}{view.omitted} more left out "
                f"(--max-nodes {max_nodes})" if view.omitted else "")
    _stdout().print(f"wrote {len(view.nodes)} nodes, {len(view.edges)} edges around "
                    f"{view.focus.name} ({view.focus.id}) to {output}{left_out}", markup=False,
                    soft_wrap=True)
