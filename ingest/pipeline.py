"""The ingest run: files → stages → one GraphPatch per file → the store.

Each file goes through decode → normalise → split → extract → resolve on its own; a file
that fails at any stage is reported by name with the reason and contributes nothing, the
others go on. A file's patch is applied whole or not at all, and the store is saved once,
atomically, at the end of the run (so an interrupted run leaves the previous graph).
"""
from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from graph.base import GraphStore, joins, merge_patches
from ingest.decode import MAX_FILE_BYTES, Decoder
from ingest.extract import Extractor
from ingest.normalise import Normaliser
from ingest.resolve import Resolver
from ingest.split import split
from ingest.types import RawFile, display_path
from schema.errors import IngestError, PolicyKGError, UnsupportedFileError
from schema.labels import Label, RelType
from schema.model import GraphPatch

log = logging.getLogger(__name__)

#: Files written between two `settle_heap` calls of the bulk writer.
SETTLE_EVERY = 256
TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".md", ""}


@dataclass
class FileReport:
    path: str
    sources: int = 0
    nodes: int = 0
    relations: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class IngestReport:
    files: list[FileReport] = field(default_factory=list)

    @property
    def ok(self) -> list[FileReport]:
        return [f for f in self.files if f.error is None]

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.error is not None]

    @property
    def total_files(self) -> int:
        return len(self.files)


def list_files(paths: Iterable[Path]) -> list[Path]:
    """Files named, and files under folders named (sorted, hidden files skipped)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if _listed(f)
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)
                              and f.suffix.lower() in TEXT_SUFFIXES))
        else:
            out.append(p)
    return out


def _listed(path: Path) -> bool:
    """A file to ingest; one that cannot even be looked at (under a folder that can be read
    but not entered) is listed too, so that reading it names it with the reason."""
    try:
        return path.is_file()
    except OSError:
        return True


class Pipeline:
    """The five stages, loaded once and reused for every file."""

    def __init__(self) -> None:
        self.decoder = Decoder()
        self.normaliser = Normaliser()
        self.extractor = Extractor()
        self.resolver = Resolver()

    def run(self, raw: RawFile) -> tuple[GraphPatch, FileReport]:
        report = FileReport(raw.path)
        decoded = self.decoder.run(raw)
        norm = self.normaliser.run(decoded)
        report.warnings.extend(norm.warnings)  # includes the decoder's
        sources = split(norm)
        patch = GraphPatch()
        for source in sources:
            patch.extend(self.resolver.run(self.extractor.run(source)))
        report.sources = len(sources)
        report.nodes = len(patch.nodes)
        report.relations = sum(1 for e in patch.edges.values()
                               if e.type not in (RelType.MENTIONS, RelType.AUTHORED))
        return patch, report


def internal_error(path: Path | str, exc: BaseException) -> str:
    """A bug's report for one file, on one line (the traceback goes to the log)."""
    return " ".join(f"{display_path(path)}: internal error: {type(exc).__name__}: {exc}"
                    .split())[:500]


def read_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> RawFile:
    """The file's bytes; a file over `max_bytes` is refused before it is read into memory
    (the decoder would refuse it anyway)."""
    name = display_path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(name, "is a directory")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise UnsupportedFileError(name, "not a regular file (a pipe, socket or device)")
        if info.st_size > max_bytes:
            raise UnsupportedFileError(name, f"file too large ({info.st_size:,} bytes; at "
                                       f"most {max_bytes:,} per file: split it)")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)  # the file may have grown since stat
        if len(data) > max_bytes:
            raise UnsupportedFileError(name, f"file too large (over {max_bytes:,} bytes: "
                                       "split it)")
        return RawFile.from_bytes(path, data)
    except FileNotFoundError:
        raise IngestError(name, "file not found (deleted or moved before it could be read)") from None
    except IsADirectoryError:
        raise IngestError(name, "is a directory") from None
    except OSError as exc:
        raise IngestError(name, f"cannot be read: {exc.strerror or exc}") from None


def _ingest_one(pipeline: Pipeline, path: Path) -> tuple[GraphPatch | None, FileReport]:
    """decode → resolve for one file; a failure becomes the file's report, never raises."""
    try:
        return pipeline.run(read_file(path))
    except PolicyKGError as exc:
        return None, FileReport(display_path(path), error=str(exc))
    except Exception as exc:  # a bug in a stage must not lose the other files
        log.exception("unexpected failure on %s", path)
        return None, FileReport(display_path(path), error=internal_error(path, exc))


_WORKER_PIPELINE: Pipeline | None = None


def _worker_run(path: Path) -> tuple[GraphPatch | None, FileReport]:
    """In a worker process: the process's own pipeline, built on first use."""
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        _WORKER_PIPELINE = Pipeline()
    return _ingest_one(_WORKER_PIPELINE, path)


def _patches_in_parallel(files: Sequence[Path], workers: int
                         ) -> Iterator[tuple[GraphPatch | None, FileReport]]:
    """(patch, report) per file, in file order, computed by `workers` processes.

    Processes are spawned (not forked: the caller may run threads, e.g. a progress bar);
    each loads its own pipeline. At most `4 × workers` files are in flight, so a slow
    writer does not make finished patches pile up in memory."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    window = 4 * workers
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool, \
            _cancelled_on_exit(pool):
        pending: deque[tuple[Path, Future]] = deque()
        todo = iter(files)
        for path in itertools.islice(todo, window):
            pending.append((path, pool.submit(_worker_run, path)))
        while pending:
            path, future = pending.popleft()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_worker_run, nxt)))
            try:
                yield future.result()
            except Exception as exc:  # the worker died or the result could not be sent back
                log.exception("worker failed on %s", path)
                yield None, FileReport(display_path(path), error=internal_error(path, exc))


@contextlib.contextmanager
def _cancelled_on_exit(pool: Executor) -> Iterator[None]:
    """On an interrupt (Ctrl-C, SIGTERM) or an early close: drop the files not started, so
    the workers finish the one in hand and exit with the run instead of working on."""
    try:
        yield
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _write_one(store: GraphStore, patch: GraphPatch | None, report: FileReport) -> FileReport:
    if patch is None:
        return report
    try:
        store.apply(patch)
    except PolicyKGError as exc:
        return FileReport(report.path, error=str(exc))
    except Exception as exc:
        log.exception("unexpected failure on %s", report.path)
        return FileReport(report.path, error=internal_error(report.path, exc))
    return report


def settle_heap(files_written: int) -> None:
    """Every `SETTLE_EVERY` files of a bulk ingest, move what is alive to the cyclic
    collector's permanent generation, where it is never traversed again.

    A bulk ingest keeps nearly everything it builds (the store's records) and each full
    collection traverses all of it, so their total cost grows with the square of the
    corpus: 20 % of a 4,000-file ingest. The young generations are collected first, so
    only garbage cycles that outlived two collections could be frozen with the rest: 88
    objects over 2,000 files, measured with `gc.unfreeze(); gc.collect()` at the end.
    Reference counting still frees frozen objects that are dropped."""
    if files_written and files_written % SETTLE_EVERY == 0:
        gc.collect(1)
        gc.freeze()


def write_patches(store: GraphStore, patches: Iterable[tuple[GraphPatch | None, FileReport]]
                  ) -> Iterator[FileReport]:
    """Write each file's patch into `store`, up to `store.files_per_write` files per
    `apply`, and yield each file's report, in order: an error where the store refused the
    file. A file that names an id of the batch differently (`joins`) starts a new batch.
    The heap is settled every `SETTLE_EVERY` files (`settle_heap`)."""
    files_per_write = max(1, store.files_per_write)
    batch: list[tuple[GraphPatch | None, FileReport]] = []
    names: dict[str, tuple[Label, str]] = {}
    for seen, (patch, report) in enumerate(patches):
        settle_heap(seen)
        if batch and (len(batch) >= files_per_write
                      or (patch is not None and not joins(names, patch))):
            yield from _write_batch(store, batch)
            batch, names = [], {}
        batch.append((patch, report))
        if patch is not None and files_per_write > 1:
            for node in patch.nodes.values():
                names.setdefault(node.id, (node.label, node.name))
    if batch:
        yield from _write_batch(store, batch)


def _write_batch(store: GraphStore, batch: Sequence[tuple[GraphPatch | None, FileReport]]
                 ) -> list[FileReport]:
    """Several files in one `apply`. If that write fails, nothing of it is in the store, and
    the files are written one by one: each file lands or fails on its own, with its own
    error, exactly as with one file per write."""
    patches = [patch for patch, _ in batch if patch is not None]
    if len(patches) > 1:
        try:
            store.apply(merge_patches(patches))
        except Exception as exc:  # noqa: BLE001 - which file is at fault is found below
            log.info("writing %d files together failed (%s); writing them one by one",
                     len(patches), exc)
        else:
            return [report for _, report in batch]
    return [_write_one(store, patch, report) for patch, report in batch]


def ingest_paths(paths: Sequence[Path], store: GraphStore,
                 on_file: Callable[[FileReport], None] | None = None,
                 workers: int = 1) -> IngestReport:
    """Ingest files and folders into `store`, then save it once.

    With `workers > 1` the CPU-bound stages (decode → resolve) run in that many processes
    and this process is the single writer: patches are applied in file order, so the
    graph is the same as with one worker."""
    result = IngestReport()
    if isinstance(paths, (str, Path)):  # one path, not a sequence of its characters
        paths = [Path(paths)]
    files = list_files(paths)
    if not files:
        return result
    workers = max(1, min(workers, len(files)))
    if workers == 1:
        pipeline = Pipeline()
        patches: Iterable[tuple[GraphPatch | None, FileReport]] = (
            _ingest_one(pipeline, path) for path in files)
    else:
        patches = _patches_in_parallel(files, workers)
    for report in write_patches(store, patches):
        result.files.append(report)
        if on_file is not None:
            on_file(report)
    if result.ok:
        store.save()
    return result
