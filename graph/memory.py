"""The embedded store: a networkx MultiDiGraph in memory, persisted as one JSON file.

The graph's nodes carry the `Node` record under the attribute "node"; its edges are keyed by
relationship type (so one edge per (type, source, target)) and carry under "edge" either the
`Edge` record or, for an edge read from a version-2 or -3 file and not changed since, the pair
`(properties, evidence row numbers)`: the record is built when the edge is read (a million
`Edge`s and their evidence items, built at load, were half of the load time and a third of
the memory). A dict from `name_key(name or alias)` to node ids serves `find`; `search`
scans one string of every node's keys. The file is written atomically (temp file in the
same directory, fsync, `os.replace`, fsync of the directory) and read back on construction;
a file that cannot be read is an error, never an empty graph.
"""
from __future__ import annotations

import base64
import binascii
import gc
import heapq
import json
import logging
import operator
import os
import tempfile
import sys
import threading
from array import array
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import accumulate, chain
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, ClassVar, TypeAlias

import networkx as nx
import orjson

from graph.base import (PROVENANCE_TYPES, RANK_NAME_PREFIX, RANK_SUBSTRING, Direction,
                        GraphStore, check_direction, copy_edge, copy_node, name_key, rank_keys,
                        stage_patch, top_degrees)
from schema.errors import StoreCorruptError, StoreError
from schema.labels import Label, RelType
from schema.model import MAX_EVIDENCE, Edge, Evidence, GraphPatch, Node, merge_evidence

logger = logging.getLogger(__name__)

FORMAT = "policykg-graph"
#: Version 2 stores each distinct evidence item once, in a table (sources and sentences in
#: tables of their own), and records refer to it by index: a graph file repeats one span's
#: evidence for the node, its MENTIONS edge and every relation read there, and a million-
#: relationship file shrinks ~3x and loads several times faster. Version 1 (evidence
#: inline) is still read. Version 3 writes that table as one block of binary integers
#: (base64 in the JSON) instead of a JSON array per row: a million-relationship graph has
#: ~3M rows, and parsing, checking and freeing 16M JSON integers was a third of its load.
VERSION = 3
READABLE_VERSIONS = (1, 2, 3)


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

    def packed(self) -> dict[str, Any]:
        """The rows as version 3 stores them: `{"rows": N, "bytes": 4 or 8, "data": base64
        of the rows' numbers, row after row, as little-endian signed integers}`."""
        numbers = chain.from_iterable(self.rows)
        try:
            packed = array("i", numbers)
        except OverflowError:
            packed = array("q", chain.from_iterable(self.rows))
        if sys.byteorder != "little":
            packed.byteswap()
        return {"rows": len(self.rows), "bytes": packed.itemsize,
                "data": base64.b64encode(packed.tobytes()).decode("ascii")}

    def refs(self, evidence: list[Evidence]) -> list[int]:
        return [self._index[e] for e in evidence]


def _unpack(packed: Any) -> tuple[array, int]:
    """The numbers of a version-3 evidence table (`_EvidenceTable.packed`) and its row
    count; raises `ValueError` when the block is not what it says."""
    if type(packed) is not dict or set(packed) != {"rows", "bytes", "data"}:
        raise ValueError("the evidence table must be {rows, bytes, data}")
    rows, size, data = packed["rows"], packed["bytes"], packed["data"]
    if type(rows) is not int or rows < 0 or size not in (4, 8) or type(data) is not str:
        raise ValueError("bad evidence table header")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, UnicodeEncodeError) as e:
        raise ValueError(f"evidence table is not base64: {e}") from None
    if len(raw) != 6 * size * rows:
        raise ValueError(f"evidence table holds {len(raw)} bytes, not {rows} rows of six "
                         f"{size}-byte integers")
    numbers = array("i" if size == 4 else "q")
    if numbers.itemsize != size:  # a platform whose C int is not 32 bits
        numbers = array(next(c for c in "ilq" if array(c).itemsize == size))
    numbers.frombytes(raw)
    if sys.byteorder != "little":
        numbers.byteswap()
    return numbers, rows


def _in_key_order(evidence: list[Evidence]) -> bool:
    keys = [e[:3] for e in evidence]
    return all(map(operator.lt, keys, keys[1:]))


#: What an edge holds under "edge": its record, or — read from a version-2/3 file and not
#: changed since — its properties and the numbers of its rows in the file's evidence table.
_Stored: TypeAlias = "Edge | tuple[dict[str, Any], list[int]]"


class _Table:
    """The evidence table of a version-2 or -3 file as read: one flat integer array, six per
    row (source index, start, end, orig_start, orig_end, sentence index), and the source and
    sentence strings. Checked whole when read, so that building an item later cannot fail.
    Items are built when a record citing them is read, and not kept: `Evidence` is a tuple,
    which the cyclic GC tracks, and millions of them made every full collection slower."""

    __slots__ = ("numbers", "sources", "sentences", "size")

    def __init__(self, doc: dict[str, Any]) -> None:
        sources, sentences, rows = doc.pop("sources"), doc.pop("sentences"), doc.pop("evidence")
        if not all(isinstance(x, str) for x in sources) or \
                not all(isinstance(x, str) for x in sentences):
            raise ValueError("source ids and sentences must be strings")
        if doc["version"] >= 3:
            numbers, self.size = _unpack(rows)
        else:
            # checked in C (~3M rows in a big graph): six fields each, all integers (array
            # refuses anything else)
            if set(map(len, rows)) - {6}:
                raise ValueError("evidence rows must have 6 fields")
            try:  # half the memory of 64 bits; text offsets fit in practice
                numbers = array("i", chain.from_iterable(rows))
            except OverflowError:
                numbers = array("q", chain.from_iterable(rows))
            self.size = len(rows)
        del rows
        # source and sentence indices inside their tables
        if numbers:
            source_rows, sentence_rows = numbers[0::6], numbers[5::6]
            if min(min(source_rows), min(sentence_rows)) < 0:
                raise ValueError("evidence rows must not hold negative indices")
            if max(source_rows) >= len(sources) or max(sentence_rows) >= len(sentences):
                raise ValueError("an evidence row names a source or sentence not in the file")
        self.numbers, self.sources, self.sentences = numbers, sources, sentences

    def check_refs(self, doc: dict[str, Any]) -> None:
        """Every record's references, at once: integers, none negative, none past the table."""
        refs = array("q", chain.from_iterable(chain(map(itemgetter("evidence"), doc["nodes"]),
                                                    map(itemgetter(4), doc["edges"]))))
        if refs and (min(refs) < 0 or max(refs) >= self.size):
            raise ValueError("an evidence reference is outside the evidence table")

    def evidence(self, refs: list[int]) -> list[Evidence]:
        """The canonical list of items of the rows `refs` (checked by `check_refs`)."""
        n, sources, sentences, new = self.numbers, self.sources, self.sentences, tuple.__new__
        out = []
        for row in refs:
            b = 6 * row
            out.append(new(Evidence, (sources[n[b]], n[b + 1], n[b + 2], sentences[n[b + 5]],
                                      n[b + 3], n[b + 4])))
        if len(out) > 1 and not (len(out) <= MAX_EVIDENCE and _in_key_order(out)):
            out = merge_evidence([], out)  # not in canonical order: not written by this store
        return out


#: relationship type by its value (an edge's key in the graph)
_RELS = {rel.value: rel for rel in RelType}


def _edge_record(table: _Table | None, source: str, target: str, key: str,
                 stored: _Stored) -> Edge:
    """The record of an edge as stored (see the module docstring); a record built from rows
    shares its properties with the store."""
    if type(stored) is Edge:
        return stored
    assert table is not None, "evidence rows without an evidence table"
    properties, refs = stored
    return Edge.canonical(_RELS[key], source, target, properties, table.evidence(refs))


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
    """Every node's keys in one string, for `search`: a segment `name key<TAB>alias key...`
    per node, each segment after a newline (keys hold no white space, so a match never
    spans two segments), segments in the order search ranks ties — length of the name,
    name, id. `str.find` walks it in C: `query` finds the nodes holding it in a key,
    newline + `query` those whose name key starts with it, both best first, so a search
    stops after `limit` of each instead of ranking every hit (a two-character query hits
    a fifth of the nodes of a big graph). Built on the first search after a change."""

    __slots__ = ("text", "starts", "ids")

    def __init__(self, keys: dict[str, tuple[str, frozenset[str]]], order: list[str]) -> None:
        self.ids = order
        segments = ["\t".join((keys[i][0], *keys[i][1])) for i in order]
        self.text = "\n" + "\n".join(segments)
        # segment i is text[starts[i]:starts[i + 1] - 1]; the last start is past the end
        self.starts = array("q", accumulate((len(s) + 1 for s in segments), initial=1))

    def scan(self, needle: str) -> Iterator[str]:
        """Ids of the nodes whose segment holds `needle` (a newline counting as the start
        of the segment after it), in segment order, each once."""
        find, starts, ids = self.text.find, self.starts, self.ids
        at = find(needle)
        while at >= 0:
            i = bisect_right(starts, at) - 1  # a leading newline: the segment after it
            if needle[0] == "\n":
                i += 1
            yield ids[i]
            at = find(needle, starts[i + 1] - 1)  # one hit per node is enough


class MemoryGraphStore(GraphStore):
    """A `GraphStore` held in memory and persisted to `path` (a JSON file) by `save()`.

    `path=None` gives a store that is never persisted (`save()` is a no-op). Every instance
    owns its graph; two stores in one process share nothing. A lock serialises writers and
    readers within the process; two processes writing one file: the last `save()` wins.
    """

    kind: ClassVar[str] = "memory"

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else None
        self._graph = nx.MultiDiGraph()
        self._index: dict[str, set[str]] = {}  # name_key(name or alias) -> node ids
        self._keys: dict[str, tuple[str, frozenset[str]]] = {}  # id -> (name key, alias keys)
        self._text: _SearchText | None = None  # built by the first search after a change
        self._table: _Table | None = None  # the evidence table of the file loaded
        # What reads derive from the whole graph (counts; most_connected's degrees per
        # excluded set), computed by the first such read after a write
        self._derived: dict[Any, Any] = {}
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
                self._graph.add_edge(edge.source, edge.target, key=edge.type.value, edge=edge)
            if nodes or edges:
                self._derived.clear()
            logger.debug("applied %d nodes, %d edges", len(nodes), len(edges))

    def apply_and_save(self, patch: GraphPatch) -> None:
        """Apply, save, and on a failed save put back every record the patch touched: the
        served graph never holds what the file on disk lacks."""
        with self._lock:
            if self._closed:
                raise StoreError(f"{self!r} is closed")
            nodes, edges = self._stage(patch)
            old_nodes = [(n.id, self._node(n.id)) for n in nodes]
            old_edges = []
            for e in edges:
                data = self._graph.get_edge_data(e.source, e.target, key=e.type.value)
                old_edges.append((e.source, e.target, e.type.value,
                                  data["edge"] if data is not None else None))
            self.apply(patch)
            try:
                self.save()
            except BaseException:
                self._restore(old_nodes, old_edges)
                raise

    def _restore(self, nodes: list[tuple[str, Node | None]],
                 edges: list[tuple[str, str, str, Any]]) -> None:
        """Put back records as they were before an apply (`None`: it was not there)."""
        for source, target, key, stored in edges:
            if stored is None:
                self._graph.remove_edge(source, target, key=key)
            else:
                self._graph.edges[source, target, key]["edge"] = stored
        for node_id, node in nodes:
            if node is not None:
                self._put_node(node)
                continue
            new = self._node(node_id)
            if new is not None:
                self._unindex(new)
                self._keys.pop(node_id, None)
                self._graph.remove_node(node_id)
        self._derived.clear()
        self._text = None

    def _stage(self, patch: GraphPatch) -> tuple[list[Node], list[Edge]]:
        """Validate `patch` and compute the merged records, without touching the store."""
        return stage_patch(patch, self._node,
                           lambda e: self._edge(e.source, e.target, e.type))

    def _put_node(self, node: Node) -> None:
        old = self._node(node.id)
        if old is not None:
            if old.name == node.name and old.aliases == node.aliases:
                self._graph.nodes[node.id]["node"] = node  # same keys: the index stands
                return
            self._unindex(old)
        self._graph.add_node(node.id, node=node)
        own = name_key(node.name)
        alias_keys = frozenset(name_key(a) for a in node.aliases)
        self._keys[node.id] = (own, alias_keys)
        _post(self._index, {own, *alias_keys}, node.id)
        self._text = None

    def _unindex(self, node: Node) -> None:
        for entry in {name_key(node.name), *(name_key(a) for a in node.aliases)}:
            ids = self._index.get(entry)
            if ids is not None:
                ids.discard(node.id)
                if not ids:
                    del self._index[entry]
        self._text = None

    # -- reading ---------------------------------------------------------------------------

    def _node(self, node_id: str) -> Node | None:
        """The stored record itself (not a copy), for internal use."""
        data = self._graph.nodes.get(node_id)
        return data["node"] if data is not None else None

    def _edge(self, source: str, target: str, rel: RelType) -> Edge | None:
        """The stored record, or one built from what is stored (for internal use: its
        properties are the store's own)."""
        data = self._graph.get_edge_data(source, target, key=rel.value)
        return self._record(source, target, rel.value, data["edge"]) if data is not None \
            else None

    def _record(self, source: str, target: str, key: str, stored: _Stored) -> Edge:
        return _edge_record(self._table, source, target, key, stored)

    def get_node(self, node_id: str) -> Node | None:
        with self._lock:
            node = self._node(node_id)
            return copy_node(node) if node is not None else None

    def edges(self, node_id: str, direction: Direction = "out",
              types: Collection[RelType] | None = None) -> list[Edge]:
        direction = check_direction(direction)
        wanted = {t.value for t in types} if types is not None else None
        with self._lock:
            if node_id not in self._graph:
                return []
            found: dict[tuple[str, str, str], _Stored] = {}
            if direction in ("out", "both"):
                for u, v, key, stored in self._graph.out_edges(node_id, keys=True, data="edge"):
                    if wanted is None or key in wanted:
                        found[key, u, v] = stored
            if direction in ("in", "both"):
                for u, v, key, stored in self._graph.in_edges(node_id, keys=True, data="edge"):
                    if wanted is None or key in wanted:
                        found[key, u, v] = stored
            return [copy_edge(self._record(k[1], k[2], k[0], found[k])) for k in sorted(found)]

    def _ring_ids(self, node_ids: Collection[str], types: Collection[RelType]) -> set[str]:
        wanted = {t.value for t in types}
        g = self._graph
        out: set[str] = set()
        with self._lock:
            for node_id in node_ids:
                if node_id not in g:
                    continue
                for _, other, key in g.out_edges(node_id, keys=True):
                    if key in wanted:
                        out.add(other)
                for other, _, key in g.in_edges(node_id, keys=True):
                    if key in wanted:
                        out.add(other)
        return out

    def most_connected(self, n: int,
                       exclude: Collection[RelType] = PROVENANCE_TYPES) -> list[tuple[str, int]]:
        if n < 1:
            return []
        skip = frozenset(RelType(t).value for t in exclude)
        with self._lock:
            counts = self._derived.get(skip)
            if counts is None:  # one pass over the adjacency: no edge records built
                counts = {}
                get = counts.get
                for u, targets in self._graph.adjacency():
                    for v, by_type in targets.items():
                        k = len(by_type) if skip.isdisjoint(by_type) else \
                            sum(1 for t in by_type if t not in skip)
                        if k:
                            counts[u] = get(u, 0) + k
                            if v != u:
                                counts[v] = get(v, 0) + k
                self._derived[skip] = counts
            return top_degrees(counts, n)

    def edges_among(self, node_ids: Collection[str],
                    types: Collection[RelType] | None = None) -> list[Edge]:
        wanted = {t.value for t in types} if types is not None else None
        ids = set(node_ids)
        g = self._graph
        with self._lock:
            found = sorted((key, node_id, target, stored) for node_id in ids if node_id in g
                           for _, target, key, stored in g.out_edges(node_id, keys=True,
                                                                     data="edge")
                           if target in ids and (wanted is None or key in wanted))
            return [copy_edge(self._record(u, v, key, stored)) for key, u, v, stored in found]

    def find(self, label: Label | None = None, name: str | None = None) -> list[Node]:
        with self._lock:
            if name is None:
                ids: Collection[str] = list(self._graph.nodes)
            else:
                ids = self._index.get(name_key(name), set())
            nodes = (self._node(i) for i in ids)
            return [copy_node(n) for n in sorted((n for n in nodes if n is not None
                                                  and (label is None or n.label is label)),
                                                 key=lambda n: n.id)]

    def search(self, q: str, label: Label | None = None, limit: int = 20) -> list[Node]:
        query = name_key(q)
        if not query or limit <= 0:
            return []
        with self._lock:
            nodes, keys = self._graph.nodes, self._keys
            if self._text is None:
                self._text = _SearchText(keys, sorted(keys, key=lambda i: (
                    len(nodes[i]["node"].name), nodes[i]["node"].name, i)))
            ranked: dict[str, tuple[tuple[int, int, str, str], Node] | None] = {}

            def rank(node_id: str) -> int | None:
                if node_id not in ranked:
                    node = nodes[node_id]["node"]
                    own, alias_keys = keys[node_id]
                    r = None if label is not None and node.label is not label else \
                        rank_keys(query, own, alias_keys, node.name, node_id)
                    ranked[node_id] = (r, node) if r is not None else None
                hit = ranked[node_id]
                return hit[0][0] if hit is not None else None

            for node_id in self._index.get(query, ()):  # exact name or alias
                rank(node_id)
            # name prefixes, then substrings, best first: `limit` of each is enough
            for needle, wanted in (("\n" + query, RANK_NAME_PREFIX), (query, RANK_SUBSTRING)):
                found = 0
                for node_id in self._text.scan(needle):
                    if rank(node_id) == wanted:
                        found += 1
                        if found == limit:
                            break
            best = heapq.nsmallest(limit, filter(None, ranked.values()), key=itemgetter(0))
            return [copy_node(node) for _, node in best]

    def iter_nodes(self, label: Label | None = None) -> Iterator[Node]:
        with self._lock:  # snapshot, so a concurrent apply cannot break the iteration
            nodes = [n for _, n in self._graph.nodes(data="node")
                     if label is None or n.label is label]
        return (copy_node(n) for n in nodes)

    def iter_edges(self, type: RelType | None = None) -> Iterator[Edge]:
        with self._lock:  # what is stored is never changed in place: a snapshot
            table = self._table
            edges = [(u, v, k, stored) for u, v, k, stored
                     in self._graph.edges(keys=True, data="edge")
                     if type is None or k == type.value]
        return (copy_edge(_edge_record(table, *edge)) for edge in edges)

    def counts(self) -> dict[str, dict[str, int]]:
        with self._lock:  # same result as the base method, without copying records
            found = self._derived.get("counts")
            if found is None:  # once per write: a pass over a million edges takes ~0.4 s
                nodes = {label.value: 0 for label in Label}
                for _, node in self._graph.nodes(data="node"):
                    nodes[node.label.value] += 1
                edges = {rel.value: 0 for rel in RelType}
                for _, _, key in self._graph.edges(keys=True):
                    edges[key] += 1
                found = self._derived["counts"] = (
                    {k: v for k, v in nodes.items() if v}, {k: v for k, v in edges.items() if v})
        return {"nodes": dict(found[0]), "edges": dict(found[1])}

    def node_count(self) -> int:
        return self._graph.number_of_nodes()

    def edge_count(self) -> int:
        return self._graph.number_of_edges()

    # -- persistence -----------------------------------------------------------------------

    def to_document(self) -> dict[str, Any]:
        """The persisted form: nodes sorted by id, edges by key, evidence items in a table
        in order of first use, so equal graphs give equal files."""
        with self._lock:
            nodes = sorted((n for _, n in self._graph.nodes(data="node")), key=lambda n: n.id)
            edges = sorted((self._record(u, v, k, stored) for u, v, k, stored
                            in self._graph.edges(keys=True, data="edge")),
                           key=lambda e: e.key)
            table = _EvidenceTable([*(n.evidence for n in nodes), *(e.evidence for e in edges)])
            node_docs = [{"id": n.id, "label": n.label.value, "name": n.name,
                          "aliases": sorted(n.aliases), "properties": n.properties,
                          "evidence": table.refs(n.evidence)} for n in nodes]
            edge_docs = [[e.type.value, e.source, e.target, e.properties,
                          table.refs(e.evidence)] for e in edges]
            return {"format": FORMAT, "version": VERSION, "sources": table.sources,
                    "sentences": table.sentences, "evidence": table.packed(),
                    "nodes": node_docs, "edges": edge_docs}

    def save(self) -> None:
        with self._lock:
            if self._closed:
                raise StoreError(f"{self!r} is closed")
            if self.path is None:
                return
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
            self._graph.clear()
            self._index.clear()
            self._keys.clear()
            self._text = None
            self._table = None
            self._derived.clear()

    def close(self) -> None:
        self._closed = True

    def _load(self, path: Path) -> None:
        # Millions of new objects and none of them garbage: the cyclic collector would
        # traverse the growing heap again and again (more than half of the load time).
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._load_records(path)
        finally:
            if gc_was_enabled:
                gc.enable()
        # ...and afterwards every full collection would traverse them all: seconds of pause
        # on a request at a million relationships. Frozen, the collector skips them; records
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
                table = self._table = _Table(doc)
                table.check_refs(doc)
                # nodes (a tenth of the records, read most often) get their items now,
                # edges keep row numbers until read
                self._read_records(doc["nodes"], doc["edges"], table.evidence, None)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError,
                OverflowError) as e:
            raise StoreCorruptError(f"{path}: bad record: {type(e).__name__}: {e}") from e
        if logger.isEnabledFor(logging.DEBUG):  # counting edges walks the whole graph
            logger.debug("loaded %d nodes, %d edges from %s", self.node_count(),
                         self.edge_count(), path)

    def _read_records(self, raw_nodes: list[Any], raw_edges: list[Any],
                      node_evidence: Callable[[Any], list[Evidence]],
                      edge_evidence: Callable[[Any], list[Evidence]] | None) -> None:
        """Build the graph from a parsed file (v1 records are dicts; v2 edges are arrays
        `[type, source, target, properties, evidence]`), consuming the lists (each parsed
        record is freed as it is read, for a lower peak). The file is this store's own
        output, so records are taken as canonical where that is cheap to check (evidence
        sorted and unique, else re-merged), and edges go into networkx in bulk."""
        labels = {label.value: label for label in Label}
        records: dict[str, Node] = {}
        for i, item in enumerate(raw_nodes):
            raw_nodes[i] = None
            node_id, name = item["id"], item["name"]
            if not isinstance(node_id, str) or not node_id or not isinstance(name, str):
                raise ValueError(f"node id and name must be strings: {node_id!r}")
            if node_id in records:
                raise ValueError(f"duplicate node {node_id!r}")
            aliases = set(item.get("aliases", ()))
            aliases.discard(name)
            properties = item.get("properties", {})
            node = Node.canonical(node_id, labels[item["label"]], name, aliases,
                                  properties if type(properties) is dict else dict(properties),
                                  node_evidence(item.get("evidence", ())))
            records[node_id] = node
            self._put_node(node)
        _read_edges(self._graph, raw_edges, records, edge_evidence)


def _read_edges(graph: nx.MultiDiGraph, raw_edges: list[Any], records: dict[str, Node],
                evidence: Callable[[Any], list[Evidence]] | None) -> None:
    """Add the edges of a parsed file to `graph` (v1 edges are dicts; v2 edges are arrays
    `[type, source, target, properties, evidence]`), consuming the list (each parsed
    record is freed as it is read, for a lower peak); raises on a bad record. With
    `evidence` (v1) an edge gets its `Edge`; without (v2), `(properties, row numbers)`.

    networkx's `add_edge` (argument handling, cache clearing per call) costs more than the
    edge itself at a million edges, so this writes the adjacency networkx builds — one key
    dict per (u, v), shared by `_succ[u][v]` and `_pred[v][u]` — and clears the cache once.
    The ends are the nodes' own id strings: one string per node in memory, not per end."""
    assert graph.edge_key_dict_factory is dict and graph.edge_attr_dict_factory is dict
    succ, pred = graph._succ, graph._pred
    rels = {rel.value: (rel, rel.value) for rel in RelType}
    get = records.get
    canonical = Edge.canonical
    for i, item in enumerate(raw_edges):
        raw_edges[i] = None
        if type(item) is dict:
            type_, source, target = item["type"], item["source"], item["target"]
            properties, refs = item.get("properties", {}), item.get("evidence", ())
        else:
            type_, source, target, properties, refs = item
        head, tail = get(source), get(target)
        if head is None or tail is None:
            raise ValueError(f"edge {(type_, source, target)} names a missing node")
        rel, key = rels[type_]
        if type(properties) is not dict:  # the parsed dict is this record's own
            properties = dict(properties)
        u, v = head.id, tail.id
        out = succ[u]
        keydict = out.get(v)
        if keydict is None:
            keydict = out[v] = pred[v][u] = {}
        keydict[key] = {"edge": (properties, refs) if evidence is None else
                        canonical(rel, u, v, properties, evidence(refs))}
    nx._clear_cache(graph)
