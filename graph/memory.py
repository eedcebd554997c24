"""The embedded store: a graph of plain dicts and tuples in memory, persisted as one JSON file.

Nodes are rows `(label, name, aliases, properties, evidence)` by id; edges sit in two
adjacency dicts (source -> target -> rows, target -> source -> the same rows), a row being
`(type, properties or None, evidence)`, so one edge per (type, source, target). Records
are built from rows when read, always as copies. A dict from `name_key(name or alias)` to
node ids serves `find`; `search` scans one string of every node's keys. The file is
written atomically (temp file in the same directory, fsync, `os.replace`, fsync of the
directory) and read back on construction; a file that cannot be read is an error, never
an empty graph.

Compact, because a million relationships must load in seconds and well under 2 GB (a
networkx MultiDiGraph of `Node`/`Edge` records took ~15 s and ~1.9 GB): an edge row holds
no dict of its own (networkx kept two per edge, plus the `Edge`), edge ends are the node's
own id strings, and edges read from a version-2 file keep their evidence as row numbers of
the file's evidence table (`_Table`, one flat integer array) until read or changed.
"""
from __future__ import annotations

import gc
import heapq
import json
import logging
import operator
import os
import tempfile
import threading
from array import array
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from itertools import accumulate, chain
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, ClassVar, TypeAlias

import orjson

from graph.base import Direction, GraphStore, check_direction, name_key, rank_keys, stage_patch
from schema.errors import StoreCorruptError, StoreError
from schema.labels import Label, RelType
from schema.model import (EVIDENCE_KEY, MAX_EVIDENCE, Edge, Evidence, GraphPatch, Node,
                          copy_value, merge_evidence)

logger = logging.getLogger(__name__)

FORMAT = "policykg-graph"
#: Version 2 stores each distinct evidence item once, in a table (sources and sentences in
#: tables of their own), and records refer to it by index: a graph file repeats one span's
#: evidence for the node, its MENTIONS edge and every relation read there, and a million-
#: relationship file shrinks ~3x and loads several times faster. Version 1 (evidence
#: inline) is still read.
VERSION = 2
READABLE_VERSIONS = (1, 2)


def write_atomically(path: Path, write: Callable[[IO[Any]], None], *, binary: bool = False) -> None:
    """Write `path` through `write(file)` so that readers see the old or the new content,
    never a mix: temp file in the same directory, flush + fsync, `os.replace`, fsync of the
    directory. On failure the temp file is removed, `path` is untouched and `StoreError`
    (for `OSError`, `TypeError`, `ValueError`) or the original exception propagates."""
    path = Path(path)
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise StoreError(f"cannot write {path}: {e}") from e
    tmp = Path(tmp_name)
    try:
        with (open(fd, "wb") if binary else open(fd, "w", encoding="utf-8", newline="")) as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, (OSError, TypeError, ValueError)):
            raise StoreError(f"cannot write {path}: {e}") from e
        raise
    _fsync_dir(parent)


#: A temp file of `write_atomically` this old was left by a killed process, not a save in
#: progress (saving even a 1M-relationship graph takes well under a minute).
STALE_TEMP_SECONDS = 600


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete the temp files a killed writer left beside `path` (`.{name}.*.tmp` older than
    `STALE_TEMP_SECONDS`); the removed paths. Never touches `path` itself."""
    import time

    removed = []
    cutoff = time.time() - STALE_TEMP_SECONDS
    for tmp in Path(path).parent.glob(f".{Path(path).name}.*.tmp"):
        try:
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            pass
    if removed:
        logger.info("removed %d stale temp file(s) beside %s", len(removed), path)
    return removed


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # e.g. Windows cannot open directories; the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _EvidenceReader:
    """Evidence items of a graph file as canonical lists, sharing equal items (they are
    immutable) and equal sentences between records."""

    def __init__(self) -> None:
        self._items: dict[tuple[Any, ...], Evidence] = {}
        self._sentences: dict[str, str] = {}

    def __call__(self, raw: Any) -> list[Evidence]:
        items, sentences = self._items, self._sentences
        out = []
        for d in raw:
            key = (d["source"], d["start"], d["end"], d.get("sentence", ""),
                   d.get("orig_start", -1), d.get("orig_end", -1))
            e = items.get(key)
            if e is None:
                e = Evidence.from_dict(d)
                e = items[key] = e._replace(sentence=sentences.setdefault(e.sentence,
                                                                          e.sentence))
            out.append(e)
        if len(out) > 1 and not (len(out) <= MAX_EVIDENCE and _in_key_order(out)):
            out = merge_evidence([], out)  # a file not written by this store
        return out


class _EvidenceTable:
    """Saving: the distinct evidence items of all records, sorted, as rows `[source,
    start, end, orig_start, orig_end, sentence]` (source and sentence as indices into
    tables of their own; sources sorted, so row order is evidence order). A record's
    canonical evidence list then refers to increasing row numbers, which loading checks
    in C instead of comparing items."""

    def __init__(self, evidence_lists: Iterable[list[Evidence]]) -> None:
        distinct: set[Evidence] = set()
        for evidence in evidence_lists:
            distinct.update(evidence)
        items = sorted(distinct)
        self.sources = sorted({e.source for e in items})
        source_index = {source: i for i, source in enumerate(self.sources)}
        sentence_index: dict[str, int] = {}
        self.rows = [[source_index[e.source], e.start, e.end, e.orig_start, e.orig_end,
                      sentence_index.setdefault(e.sentence, len(sentence_index))]
                     for e in items]
        self.sentences = list(sentence_index)
        self._index = {e: i for i, e in enumerate(items)}

    def refs(self, evidence: list[Evidence]) -> list[int]:
        return [self._index[e] for e in evidence]


def _in_key_order(evidence: list[Evidence]) -> bool:
    keys = list(map(EVIDENCE_KEY, evidence))
    return all(map(operator.lt, keys, keys[1:]))


#: A stored record's evidence: a canonical list of items, or — for an edge read from a
#: version-2 file and not changed since — the numbers of its rows in the file's evidence
#: table (`_Table`), made into items only when the edge is read.
_Evidence: TypeAlias = "list[Evidence] | tuple[int, ...]"
#: A node as stored, by id: (label, name, aliases, properties, evidence).
_NodeRow: TypeAlias = "tuple[Label, str, set[str], dict[str, Any], _Evidence]"
#: An edge as stored, under both its ends: (type value, properties or None, evidence).
_EdgeRow: TypeAlias = "tuple[str, dict[str, Any] | None, _Evidence]"
#: One end's adjacency: the other end -> the rows of the edges between them (usually one).
_Adjacency: TypeAlias = "dict[str, dict[str, tuple[_EdgeRow, ...]]]"


class _Table:
    """The evidence table of a version-2 file as read: one flat integer array, six per row
    (source index, start, end, orig_start, orig_end, sentence index; a row's numbers side by
    side, which reads twice as fast as six columns), and the source and sentence strings.
    Checked whole when read, so that building an item later cannot fail. Items are built
    when a record citing them is read, and not kept: `Evidence` is a tuple subclass, which
    the cyclic GC never stops tracking, and a growing cache of them made every full
    collection slower (reading a record back costs ~1 µs per item instead)."""

    __slots__ = ("numbers", "sources", "sentences", "size")

    def __init__(self, doc: dict[str, Any]) -> None:
        sources, sentences, rows = doc.pop("sources"), doc.pop("sentences"), doc.pop("evidence")
        if not all(isinstance(x, str) for x in sources) or \
                not all(isinstance(x, str) for x in sentences):
            raise ValueError("source ids and sentences must be strings")
        # checked in C (~3M rows in a big graph): six fields each, all integers (array
        # refuses anything else), source and sentence indices inside their tables
        if set(map(len, rows)) - {6}:
            raise ValueError("evidence rows must have 6 fields")
        try:  # half the memory of 64 bits; text offsets fit in practice
            numbers = array("i", chain.from_iterable(rows))
        except OverflowError:
            numbers = array("q", chain.from_iterable(rows))
        self.size = len(rows)
        del rows
        if numbers:
            source_rows, sentence_rows = numbers[0::6], numbers[5::6]
            if min(min(source_rows), min(sentence_rows)) < 0:
                raise ValueError("evidence rows must not hold negative indices")
            if max(source_rows) >= len(sources) or max(sentence_rows) >= len(sentences):
                raise ValueError("an evidence row names a source or sentence not in the file")
        self.numbers, self.sources, self.sentences = numbers, sources, sentences

    def items(self) -> list[Evidence]:
        """Every row's item, in row order."""
        n, sources, sentences, new = self.numbers, self.sources, self.sentences, tuple.__new__
        return [new(Evidence, (sources[source], start, end, sentences[sentence], orig_start,
                               orig_end))
                for source, start, end, orig_start, orig_end, sentence
                in zip(n[0::6], n[1::6], n[2::6], n[3::6], n[4::6], n[5::6])]

    def reader(self, shared: list[Evidence] | None = None
               ) -> Callable[[_Evidence], list[Evidence]]:
        """A function from the evidence of a stored record to a new canonical list of items:
        a copy of a kept list, or the items of the rows it cites, built (or taken from
        `shared`, `items()`)."""
        n, sources, sentences, new = self.numbers, self.sources, self.sentences, tuple.__new__

        def evidence(stored: _Evidence) -> list[Evidence]:
            if type(stored) is not tuple:
                return list(stored)
            if shared is not None:
                out = list(map(shared.__getitem__, stored))
            else:
                out = []
                for row in stored:
                    b = 6 * row
                    out.append(new(Evidence, (sources[n[b]], n[b + 1], n[b + 2],
                                              sentences[n[b + 5]], n[b + 3], n[b + 4])))
            if len(out) > 1 and not (len(out) <= MAX_EVIDENCE and _in_key_order(out)):
                out = merge_evidence([], out)  # not in canonical order: not written by this store
            return out

        return evidence


def _check_refs(doc: dict[str, Any], table: _Table) -> None:
    """Every record's references, at once: integers, none negative, none past the table."""
    refs = array("q", chain.from_iterable(chain(map(itemgetter("evidence"), doc["nodes"]),
                                                map(itemgetter(4), doc["edges"]))))
    if refs and (min(refs) < 0 or max(refs) >= table.size):
        raise ValueError("an evidence reference is outside the evidence table")


def _kept_evidence(stored: _Evidence) -> list[Evidence]:
    """The evidence of a record kept from `apply` (a store without an evidence table)."""
    assert type(stored) is not tuple, "evidence rows without an evidence table"
    return list(stored)


def _node_record(node_id: str, row: _NodeRow,
                 evidence: Callable[[_Evidence], list[Evidence]]) -> Node:
    """The record of a stored node: a copy that shares nothing mutable with the store."""
    label, name, aliases, properties, stored = row
    return Node.canonical(node_id, label, name, set(aliases), copy_value(properties),
                          evidence(stored))


def _edge_record(rel: RelType, source: str, target: str, properties: dict[str, Any] | None,
                 stored: _Evidence, evidence: Callable[[_Evidence], list[Evidence]]) -> Edge:
    return Edge.canonical(rel, source, target,
                          copy_value(properties) if properties else {}, evidence(stored))


def _post(table: dict[str, set[str]], entries: Collection[str], node_id: str) -> None:
    """Add `node_id` to the postings of `entries` (no throw-away set per existing entry)."""
    get = table.get
    for entry in entries:
        ids = get(entry)
        if ids is None:
            table[entry] = {node_id}
        else:
            ids.add(node_id)


class _SearchText:
    """Every node's keys in one string — a segment `name key<TAB>alias key...` per node,
    segments joined by newlines (keys hold no white space, so neither can a match) — and
    where each segment starts: `str.find` over it finds the nodes a query is a substring
    of, in C, with no index to build at load or keep up to date on writes."""

    __slots__ = ("text", "starts", "ids")

    def __init__(self, keys: dict[str, tuple[str, frozenset[str]]]) -> None:
        self.ids = list(keys)
        segments = ["\t".join((own, *aliases)) for own, aliases in keys.values()]
        self.text = "\n".join(segments)
        # segment i is text[starts[i]:starts[i + 1] - 1]; the last start is past the end
        self.starts = array("q", accumulate((len(s) + 1 for s in segments), initial=0))

    def matching(self, query: str) -> list[str]:
        """Ids of the nodes with `query` inside one of their keys, each once."""
        find, starts, ids = self.text.find, self.starts, self.ids
        out = []
        at = find(query)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            out.append(ids[i])
            at = find(query, starts[i + 1])  # one hit per node is enough
        return out


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block: building millions of objects none of
    which is garbage (a graph loaded or saved), the collector would traverse the growing
    heap again and again — more than half of the time of a load, or of a save."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class MemoryGraphStore(GraphStore):
    """A `GraphStore` held in memory and persisted to `path` (a JSON file) by `save()`.

    `path=None` gives a store that is never persisted (`save()` is a no-op). Every instance
    owns its graph; two stores in one process share nothing. A lock serialises writers and
    readers within the process; two processes writing one file: the last `save()` wins.
    """

    kind: ClassVar[str] = "memory"

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else None
        self._nodes: dict[str, _NodeRow] = {}
        self._succ: _Adjacency = {}  # source -> target -> rows; every node has an entry
        self._pred: _Adjacency = {}  # target -> source -> the same rows
        self._edge_total = 0
        self._table: _Table | None = None  # the loaded file's evidence table, if v2
        self._evidence = _kept_evidence
        self._rels = {rel.value: rel for rel in RelType}
        self._index: dict[str, set[str]] = {}  # name_key(name or alias) -> node ids
        self._keys: dict[str, tuple[str, frozenset[str]]] = {}  # id -> (name key, alias keys)
        self._text: _SearchText | None = None  # built on the first search after a change
        self._lock = threading.RLock()
        self._closed = False
        if self.path is not None and self.path.exists():
            self._load(self.path)

    def __repr__(self) -> str:
        return f"MemoryGraphStore({str(self.path)!r})"

    # -- writing ---------------------------------------------------------------------------

    def apply(self, patch: GraphPatch) -> None:
        with self._lock:
            if self._closed:
                raise StoreError(f"{self!r} is closed")
            nodes, edges = self._stage(patch)
            for node in nodes:  # nothing below can fail: the store changes only here
                self._put_node(node)
            for edge in edges:
                self._put_edge(edge)
            logger.debug("applied %d nodes, %d edges", len(nodes), len(edges))

    def _stage(self, patch: GraphPatch) -> tuple[list[Node], list[Edge]]:
        """Validate `patch` and compute the merged records, without touching the store."""
        return stage_patch(patch, self._node,
                           lambda e: self._edge(e.source, e.target, e.type))

    def _put_node(self, node: Node) -> None:
        """Store `node` (a record the store may keep: `stage_patch` made it)."""
        old = self._nodes.get(node.id)
        self._nodes[node.id] = (node.label, node.name, node.aliases, node.properties,
                                node.evidence)
        if old is None:
            self._succ[node.id] = {}
            self._pred[node.id] = {}
        elif old[1] == node.name and old[2] == node.aliases:
            return  # same keys: the index stands
        else:
            self._unindex(node.id)
        own = name_key(node.name)
        alias_keys = frozenset(name_key(a) for a in node.aliases)
        self._keys[node.id] = (own, alias_keys)
        _post(self._index, {own, *alias_keys}, node.id)
        self._text = None

    def _unindex(self, node_id: str) -> None:
        own, alias_keys = self._keys.pop(node_id)
        for key in {own, *alias_keys}:
            ids = self._index.get(key)
            if ids is not None:
                ids.discard(node_id)
                if not ids:
                    del self._index[key]

    def _put_edge(self, edge: Edge) -> None:
        """Store `edge` (a record the store may keep), replacing the one with its key."""
        key = edge.type.value
        row = (key, edge.properties or None, edge.evidence)
        rows = self._succ[edge.source].get(edge.target, ())
        kept = tuple(r for r in rows if r[0] != key)
        self._edge_total += len(kept) == len(rows)
        self._succ[edge.source][edge.target] = self._pred[edge.target][edge.source] = \
            (*kept, row)

    # -- reading ---------------------------------------------------------------------------

    def _node(self, node_id: str) -> Node | None:
        row = self._nodes.get(node_id)
        return _node_record(node_id, row, self._evidence) if row is not None else None

    def _edge(self, source: str, target: str, rel: RelType) -> Edge | None:
        for key, properties, evidence in self._succ.get(source, {}).get(target, ()):
            if key == rel.value:
                return _edge_record(rel, source, target, properties, evidence, self._evidence)
        return None

    def get_node(self, node_id: str) -> Node | None:
        with self._lock:
            return self._node(node_id)

    def edges(self, node_id: str, direction: Direction = "out",
              types: Collection[RelType] | None = None) -> list[Edge]:
        direction = check_direction(direction)
        wanted = {t.value for t in types} if types is not None else None
        with self._lock:
            if node_id not in self._nodes:
                return []
            found: dict[tuple[str, str, str], _EdgeRow] = {}
            if direction in ("out", "both"):
                for target, rows in self._succ[node_id].items():
                    for row in rows:
                        if wanted is None or row[0] in wanted:
                            found[row[0], node_id, target] = row
            if direction in ("in", "both"):
                for source, rows in self._pred[node_id].items():
                    for row in rows:
                        if wanted is None or row[0] in wanted:
                            found[row[0], source, node_id] = row
            return self._edge_records(found)

    def _edge_records(self, found: dict[tuple[str, str, str], _EdgeRow]) -> list[Edge]:
        """Records of `found` (key -> row), sorted by key."""
        rels, evidence = self._rels, self._evidence
        return [_edge_record(rels[k[0]], k[1], k[2], found[k][1], found[k][2], evidence)
                for k in sorted(found)]

    def _ring_ids(self, node_ids: Collection[str], types: Collection[RelType]) -> set[str]:
        wanted = {t.value for t in types}
        out: set[str] = set()
        with self._lock:
            for adjacency in (self._succ, self._pred):
                for node_id in node_ids:
                    for other, rows in adjacency.get(node_id, {}).items():
                        if other not in out and any(row[0] in wanted for row in rows):
                            out.add(other)
        return out

    def edges_among(self, node_ids: Collection[str],
                    types: Collection[RelType] | None = None) -> list[Edge]:
        wanted = {t.value for t in types} if types is not None else None
        ids = set(node_ids)
        succ = self._succ
        with self._lock:
            found = {(row[0], source, target): row
                     for source in ids if source in succ
                     for target, rows in succ[source].items() if target in ids
                     for row in rows if wanted is None or row[0] in wanted}
            return self._edge_records(found)

    def find(self, label: Label | None = None, name: str | None = None) -> list[Node]:
        with self._lock:
            nodes = self._nodes
            ids: Iterable[str] = nodes if name is None else self._index.get(name_key(name), ())
            return [_node_record(i, nodes[i], self._evidence)
                    for i in sorted(i for i in ids if label is None or nodes[i][0] is label)]

    def search(self, q: str, label: Label | None = None, limit: int = 20) -> list[Node]:
        query = name_key(q)
        if not query or limit <= 0:
            return []
        with self._lock:
            if self._text is None:
                self._text = _SearchText(self._keys)
            nodes, keys = self._nodes, self._keys
            hits = []
            for node_id in self._text.matching(query):
                row = nodes[node_id]
                if label is not None and row[0] is not label:
                    continue
                own, alias_keys = keys[node_id]
                rank = rank_keys(query, own, alias_keys, row[1], node_id)
                if rank is not None:
                    hits.append(rank)
            return [_node_record(rank[3], nodes[rank[3]], self._evidence)
                    for rank in heapq.nsmallest(limit, hits)]

    def iter_nodes(self, label: Label | None = None) -> Iterator[Node]:
        with self._lock:  # snapshot, so a concurrent apply cannot break the iteration
            rows = [item for item in self._nodes.items() if label is None or item[1][0] is label]
            evidence = self._evidence
        return (_node_record(node_id, row, evidence) for node_id, row in rows)

    def iter_edges(self, type: RelType | None = None) -> Iterator[Edge]:
        with self._lock:
            rows = [(source, target, row) for source, out in self._succ.items()
                    for target, rows in out.items() for row in rows
                    if type is None or row[0] == type.value]
            rels, evidence = self._rels, self._evidence
        return (_edge_record(rels[row[0]], source, target, row[1], row[2], evidence)
                for source, target, row in rows)

    def counts(self) -> dict[str, dict[str, int]]:
        with self._lock:  # same result as the base method, without building records
            nodes = {label.value: 0 for label in Label}
            for row in self._nodes.values():
                nodes[row[0].value] += 1
            edges = {rel.value: 0 for rel in RelType}
            for out in self._succ.values():
                for rows in out.values():
                    for row in rows:
                        edges[row[0]] += 1
        return {"nodes": {k: v for k, v in nodes.items() if v},
                "edges": {k: v for k, v in edges.items() if v}}

    def node_count(self) -> int:
        return len(self._nodes)

    def edge_count(self) -> int:
        return self._edge_total

    # -- persistence -----------------------------------------------------------------------

    def to_document(self) -> dict[str, Any]:
        """The persisted form: nodes sorted by id, edges by key, evidence items in a table
        in order of first use, so equal graphs give equal files."""
        with self._lock:
            # one item per table row, shared by every record citing it
            # one item per table row, shared by every record citing it
            evidence = (self._table.reader(self._table.items()) if self._table is not None
                        else self._evidence)
            nodes = sorted(self._nodes.items())
            edges = sorted(((row[0], source, target), row[1], row[2])
                           for source, out in self._succ.items()
                           for target, rows in out.items() for row in rows)
            node_evidence = [evidence(row[4]) for _, row in nodes]
            edge_evidence = [evidence(stored) for _, _, stored in edges]
            table = _EvidenceTable([*node_evidence, *edge_evidence])
            node_docs = [{"id": node_id, "label": label.value, "name": name,
                          "aliases": sorted(aliases), "properties": properties,
                          "evidence": table.refs(items)}
                         for (node_id, (label, name, aliases, properties, _)), items
                         in zip(nodes, node_evidence)]
            edge_docs = [[*key, properties or {}, table.refs(items)]
                         for (key, properties, _), items in zip(edges, edge_evidence)]
            return {"format": FORMAT, "version": VERSION, "sources": table.sources,
                    "sentences": table.sentences, "evidence": table.rows,
                    "nodes": node_docs, "edges": edge_docs}

    def save(self) -> None:
        with self._lock:
            if self._closed:
                raise StoreError(f"{self!r} is closed")
            if self.path is None:
                return
            with _gc_paused():  # the document is millions of new objects, none garbage
                doc = self.to_document()
            try:
                data = orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
            except orjson.JSONEncodeError:  # e.g. an integer property over 64 bits
                data = json.dumps(doc, ensure_ascii=False, sort_keys=True,
                                  separators=(",", ":")).encode("utf-8")
            write_atomically(self.path, lambda f: f.write(data), binary=True)
            remove_stale_temp_files(self.path)
            logger.info("saved %d nodes, %d edges to %s",
                        len(doc["nodes"]), len(doc["edges"]), self.path)

    def clear(self) -> None:
        with self._lock:
            for table in (self._nodes, self._succ, self._pred, self._index, self._keys):
                table.clear()
            self._edge_total = 0
            self._table, self._evidence, self._text = None, _kept_evidence, None

    def close(self) -> None:
        self._closed = True

    def _load(self, path: Path) -> None:
        with _gc_paused():
            self._load_records(path)
        # Afterwards every full collection would traverse the loaded graph: seconds of pause
        # on a request at a million relationships. Frozen, the collector skips them; rows
        # hold no reference cycles, so reference counting still frees what is replaced.
        gc.freeze()

    def _load_records(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise StoreError(f"cannot read {path}: {e}") from e
        try:
            doc = orjson.loads(data)
        except orjson.JSONDecodeError as e:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as bad:
                raise StoreCorruptError(f"{path}: not UTF-8 ({bad})") from bad
            raise StoreCorruptError(f"{path}: not a JSON document ({e}); the file may be "
                                    "truncated — restore it or re-ingest") from e
        del data
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise StoreCorruptError(f"{path}: not a policykg graph file")
        if doc.get("version") not in READABLE_VERSIONS:
            raise StoreError(f"{path}: graph file version {doc.get('version')!r} is not "
                             f"supported (this policykg reads {READABLE_VERSIONS})")
        try:
            if doc["version"] == 1:
                read = _EvidenceReader()
                self._read_records(doc["nodes"], doc["edges"], read, read)
            else:
                table = _Table(doc)
                _check_refs(doc, table)
                reader = table.reader()
                # nodes (a tenth of the records, read most often) get their items now,
                # edges when read
                self._read_records(doc["nodes"], doc["edges"],
                                   lambda refs: reader(tuple(refs)), tuple)
                self._table, self._evidence = table, reader
        except (KeyError, TypeError, ValueError, AttributeError, IndexError,
                OverflowError) as e:
            raise StoreCorruptError(f"{path}: bad record: {type(e).__name__}: {e}") from e
        logger.debug("loaded %d nodes, %d edges from %s", self.node_count(),
                     self.edge_count(), path)

    def _read_records(self, raw_nodes: list[Any], raw_edges: list[Any],
                      node_evidence: Callable[[Any], _Evidence],
                      edge_evidence: Callable[[Any], _Evidence]) -> None:
        """Fill the empty store from a parsed file (v1 records are dicts; v2 edges are arrays
        `[type, source, target, properties, evidence]`), consuming the lists (each parsed
        record is freed as it is read, for a lower peak). The file is this store's own
        output, so records are taken as canonical where that is cheap to check (evidence is
        checked when read); raises on a bad record."""
        labels = {label.value: label for label in Label}
        nodes, succ, pred, keys, index = (self._nodes, self._succ, self._pred, self._keys,
                                          self._index)
        ids: dict[str, str] = {}  # each id once in memory, not once per edge end
        for i, item in enumerate(raw_nodes):
            raw_nodes[i] = None
            node_id, name = item["id"], item["name"]
            if not isinstance(node_id, str) or not node_id or not isinstance(name, str):
                raise ValueError(f"node id and name must be strings: {node_id!r}")
            if node_id in nodes:
                raise ValueError(f"duplicate node {node_id!r}")
            aliases = set(item.get("aliases", ()))
            aliases.discard(name)
            properties = item.get("properties", {})
            nodes[node_id] = (labels[item["label"]], name, aliases,
                              properties if type(properties) is dict else dict(properties),
                              node_evidence(item.get("evidence", ())))
            succ[node_id] = {}
            pred[node_id] = {}
            ids[node_id] = node_id
            own = name_key(name)
            alias_keys = frozenset(map(name_key, aliases))
            keys[node_id] = (own, alias_keys)
            _post(index, {own, *alias_keys}, node_id)
        rel_keys = {rel.value: rel.value for rel in RelType}
        total = 0
        for i, item in enumerate(raw_edges):
            raw_edges[i] = None
            if type(item) is dict:
                type_, source, target = item["type"], item["source"], item["target"]
                properties, evidence = item.get("properties", {}), item.get("evidence", ())
            else:
                type_, source, target, properties, evidence = item
            head, tail = ids.get(source), ids.get(target)
            if head is None or tail is None:
                raise ValueError(f"edge {(type_, source, target)} names a missing node")
            out, into = succ[head], pred[tail]
            key = rel_keys[type_]
            if type(properties) is not dict:  # the parsed dict is this record's own
                properties = dict(properties)
            row = (key, properties or None, edge_evidence(evidence))
            rows = out.get(tail)
            if rows is None:
                out[tail] = into[head] = (row,)
                total += 1
            else:  # another type between the same ends, or the same key again (last wins)
                kept = tuple(r for r in rows if r[0] != key)
                total += len(kept) == len(rows)
                out[tail] = into[head] = (*kept, row)
        self._edge_total = total
