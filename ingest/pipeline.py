"""The ingest run: files → stages → one GraphPatch per file → the store.

Each file goes through decode → normalise → split → extract → resolve on its own; a file
that fails at any stage is reported by name with the reason and contributes nothing, the
others go on. A file's patch is applied whole or not at all, and the store is saved once,
atomically, at the end of the run (so an interrupted run leaves the previous graph).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.base import GraphStore
from ingest.decode import Decoder
from ingest.extract import Extractor
from ingest.normalise import Normaliser
from ingest.resolve import Resolver
from ingest.split import split
from ingest.types import RawFile
from schema.errors import IngestError, PolicyKGError
from schema.labels import RelType
from schema.model import GraphPatch

log = logging.getLogger(__name__)

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
            out.extend(sorted(f for f in p.rglob("*") if f.is_file()
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)
                              and f.suffix.lower() in TEXT_SUFFIXES))
        else:
            out.append(p)
    return out


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


def read_file(path: Path) -> RawFile:
    try:
        return RawFile.from_bytes(path, path.read_bytes())
    except FileNotFoundError:
        raise IngestError(str(path), "file not found (deleted or moved before it could be read)") from None
    except IsADirectoryError:
        raise IngestError(str(path), "is a directory") from None
    except OSError as exc:
        raise IngestError(str(path), f"cannot be read: {exc.strerror or exc}") from None


def ingest_paths(paths: Sequence[Path], store: GraphStore,
                 on_file: Callable[[FileReport], None] | None = None) -> IngestReport:
    """Ingest files and folders into `store`, then save it once."""
    result = IngestReport()
    files = list_files(paths)
    if not files:
        return result
    pipeline = Pipeline()
    for path in files:
        try:
            patch, report = pipeline.run(read_file(path))
            store.apply(patch)
        except PolicyKGError as exc:
            report = FileReport(str(path), error=str(exc))
        except Exception as exc:  # a bug in a stage must not lose the other files
            log.exception("unexpected failure on %s", path)
            report = FileReport(str(path), error=f"{path}: internal error: {type(exc).__name__}: {exc}")
        result.files.append(report)
        if on_file is not None:
            on_file(report)
    if result.ok:
        store.save()
    return result
