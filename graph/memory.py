"""The embedded store: a networkx MultiDiGraph in memory, persisted as one JSON file.

The graph's nodes carry the `Node` record under the attribute "node"; its edges are keyed by
relationship type (so one edge per (type, source, target)) and carry the `Edge` under
"edge". A dict from `name_key(name or alias)` to node ids serves `find`. The file is
written atomically (temp file in the same directory, fsync, `os.replace`, fsync of the
directory) and read back on construction; a file that cannot be read is an error, never
an empty graph.
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
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, ClassVar

import networkx as nx
import orjson

from graph.base import (Direction, GraphStore, check_direction, copy_edge, copy_node,
                        name_key, rank_keys, stage_patch)
from schema.errors import StoreCorruptError, StoreError
from schema.labels import Label, RelType
from schema.model import MAX_EVIDENCE, Edge, Evidence, GraphPatch, Node, merge_evidence

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
    keys = [e[:3] for e in evidence]
    return all(map(operator.lt, keys, keys[1:]))


def _read_evidence_table(doc: dict[str, Any]) -> Callable[[Any], list[Evidence]]:
    """Loading v2: the evidence table as `Evidence` items (each built once, shared by
    every record that cites it), and a function from a record's indices to its list."""
    sources, sentences, rows = doc.pop("sources"), doc.pop("sentences"), doc.pop("evidence")
    if not all(isinstance(x, str) for x in sources) or \
            not all(isinstance(x, str) for x in sentences):
        raise ValueError("source ids and sentences must be strings")
    # checked in C (~3M rows in a big graph): six fields each, all integers (array('q')
    # refuses anything else), source and sentence indices not negative; then built with
    # tuple.__new__, which skips the named tuple's Python-level __new__
    if sum(map(len, rows)) != 6 * len(rows) or any(len(row) != 6 for row in rows):
        raise ValueError("evidence rows must have 6 fields")
    numbers = array("q", chain.from_iterable(rows))
    if rows and min(min(numbers[0::6]), min(numbers[5::6])) < 0:
        raise ValueError("evidence rows must not hold negative indices")
    del numbers
    new = tuple.__new__
    items = [new(Evidence, (sources[source], start, end, sentences[sentence], orig_start,
                            orig_end))
             for source, start, end, orig_start, orig_end, sentence in rows]
    del rows
    keys = [e[:3] for e in items]
    # rows in strictly increasing key order (as saved): increasing row numbers are then
    # a canonical list (sorted by key, no key twice)
    rows_in_order = sources == sorted(sources) and all(map(operator.lt, keys, keys[1:]))
    item = items.__getitem__

    # every record's references, at once: integers, none negative, none past the table
    refs = array("q", chain.from_iterable(chain(map(itemgetter("evidence"), doc["nodes"]),
                                                map(itemgetter(4), doc["edges"]))))
    if refs and (min(refs) < 0 or max(refs) >= len(items)):
        raise ValueError("an evidence reference is outside the evidence table")
    del refs

    def evidence_of(refs: Any) -> list[Evidence]:
        if len(refs) < 2:
            return [item(refs[0])] if refs else []
        out = list(map(item, refs))
        if not (len(out) <= MAX_EVIDENCE and (
                (rows_in_order and all(map(operator.lt, refs, refs[1:])))
                or _in_key_order(out))):
            out = merge_evidence([], out)  # not in canonical order: not written by this store
        return out

    return evidence_of


def _add_edges(graph: nx.MultiDiGraph,
               edges: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
    """`graph.add_edge(u, v, key=k, **data)` for each edge, both ends already nodes:
    networkx's per-call argument handling and cache clearing cost more than the edge
    itself at a million edges, so this writes the same adjacency networkx builds — one
    key dict per (u, v), shared by `_succ[u][v]` and `_pred[v][u]` — and clears the
    cache once. Graphs with other dict factories go through `add_edge`."""
    if graph.edge_key_dict_factory is not dict or graph.edge_attr_dict_factory is not dict:
        for u, v, k, data in edges:
            graph.add_edge(u, v, key=k, **data)
        return
    succ, pred = graph._succ, graph._pred
    for u, v, k, data in edges:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        keydict[k] = data
    nx._clear_cache(graph)


def _post(table: dict[str, set[str]], entries: Collection[str], node_id: str) -> None:
    """Add `node_id` to the postings of `entries` (no throw-away set per existing entry)."""
    get = table.get
    for entry in entries:
        ids = get(entry)
        if ids is None:
            table[entry] = {node_id}
        else:
            ids.add(node_id)


def _bigrams(keys: set[str]) -> set[str]:
    return {key[i:i + 2] for key in keys for i in range(len(key) - 1)}


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
        self._grams: dict[str, set[str]] = {}  # character bigram of a key -> node ids
        self._keys: dict[str, tuple[str, frozenset[str]]] = {}  # id -> (name key, alias keys)
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
            logger.debug("applied %d nodes, %d edges", len(nodes), len(edges))

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
        keys = {own, *alias_keys}
        _post(self._index, keys, node.id)
        _post(self._grams, _bigrams(keys), node.id)

    def _unindex(self, node: Node) -> None:
        keys = {name_key(node.name), *(name_key(a) for a in node.aliases)}
        for table, entries in ((self._index, keys), (self._grams, _bigrams(keys))):
            for entry in entries:
                ids = table.get(entry)
                if ids is not None:
                    ids.discard(node.id)
                    if not ids:
                        del table[entry]

    # -- reading ---------------------------------------------------------------------------

    def _node(self, node_id: str) -> Node | None:
        """The stored record itself (not a copy), for internal use."""
        data = self._graph.nodes.get(node_id)
        return data["node"] if data is not None else None

    def _edge(self, source: str, target: str, rel: RelType) -> Edge | None:
        data = self._graph.get_edge_data(source, target, key=rel.value)
        return data["edge"] if data is not None else None

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
            found: dict[tuple[str, str, str], Edge] = {}
            if direction in ("out", "both"):
                for _, _, key, edge in self._graph.out_edges(node_id, keys=True, data="edge"):
                    if wanted is None or key in wanted:
                        found[edge.key] = edge
            if direction in ("in", "both"):
                for _, _, key, edge in self._graph.in_edges(node_id, keys=True, data="edge"):
                    if wanted is None or key in wanted:
                        found[edge.key] = edge
            return [copy_edge(found[k]) for k in sorted(found)]

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

    def edges_among(self, node_ids: Collection[str],
                    types: Collection[RelType] | None = None) -> list[Edge]:
        wanted = {t.value for t in types} if types is not None else None
        ids = set(node_ids)
        g = self._graph
        with self._lock:
            found = [e for node_id in ids if node_id in g
                     for _, target, key, e in g.out_edges(node_id, keys=True, data="edge")
                     if target in ids and (wanted is None or key in wanted)]
            return [copy_edge(e) for e in sorted(found, key=lambda e: e.key)]

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
            hits = []
            for node in self._candidates(query):
                if label is not None and node.label is not label:
                    continue
                own, alias_keys = self._keys[node.id]
                rank = rank_keys(query, own, alias_keys, node.name, node.id)
                if rank is not None:
                    hits.append((rank, node))
            best = heapq.nsmallest(limit, hits, key=lambda h: h[0])
            return [copy_node(node) for _, node in best]

    def _candidates(self, query: str) -> Iterator[Node]:
        """Nodes that may contain `query` in a key: those holding every bigram of it (an
        inverted index, so search does not scan the graph); every node for a 1-char query."""
        if len(query) < 2:
            yield from (n for _, n in self._graph.nodes(data="node"))
            return
        postings = []
        for gram in _bigrams({query}):
            ids = self._grams.get(gram)
            if not ids:
                return
            postings.append(ids)
        postings.sort(key=len)
        found = set(postings[0]).intersection(*postings[1:])
        nodes = self._graph.nodes
        yield from (nodes[i]["node"] for i in found)

    def iter_nodes(self, label: Label | None = None) -> Iterator[Node]:
        with self._lock:  # snapshot, so a concurrent apply cannot break the iteration
            nodes = [n for _, n in self._graph.nodes(data="node")
                     if label is None or n.label is label]
        return (copy_node(n) for n in nodes)

    def iter_edges(self, type: RelType | None = None) -> Iterator[Edge]:
        with self._lock:
            edges = [e for _, _, k, e in self._graph.edges(keys=True, data="edge")
                     if type is None or k == type.value]
        return (copy_edge(e) for e in edges)

    def counts(self) -> dict[str, dict[str, int]]:
        with self._lock:  # same result as the base method, without copying records
            nodes = {label.value: 0 for label in Label}
            for _, node in self._graph.nodes(data="node"):
                nodes[node.label.value] += 1
            edges = {rel.value: 0 for rel in RelType}
            for _, _, key in self._graph.edges(keys=True):
                edges[key] += 1
        return {"nodes": {k: v for k, v in nodes.items() if v},
                "edges": {k: v for k, v in edges.items() if v}}

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
            edges = sorted((e for _, _, e in self._graph.edges(data="edge")), key=lambda e: e.key)
            table = _EvidenceTable([*(n.evidence for n in nodes), *(e.evidence for e in edges)])
            node_docs = [{"id": n.id, "label": n.label.value, "name": n.name,
                          "aliases": sorted(n.aliases), "properties": n.properties,
                          "evidence": table.refs(n.evidence)} for n in nodes]
            edge_docs = [[e.type.value, e.source, e.target, e.properties,
                          table.refs(e.evidence)] for e in edges]
            return {"format": FORMAT, "version": VERSION, "sources": table.sources,
                    "sentences": table.sentences, "evidence": table.rows,
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
            self._grams.clear()
            self._keys.clear()

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
                self._read_records(doc["nodes"], doc["edges"], _EvidenceReader())
            else:
                self._read_records(doc["nodes"], doc["edges"], _read_evidence_table(doc))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
            raise StoreCorruptError(f"{path}: bad record: {type(e).__name__}: {e}") from e
        if logger.isEnabledFor(logging.DEBUG):  # counting edges walks the whole graph
            logger.debug("loaded %d nodes, %d edges from %s", self.node_count(),
                         self.edge_count(), path)

    def _read_records(self, raw_nodes: list[Any], raw_edges: list[Any],
                      evidence_of: Callable[[Any], list[Evidence]]) -> None:
        """Build the graph from a parsed file (v1 records are dicts; v2 edges are arrays
        `[type, source, target, properties, evidence]`). The file is this store's own
        output, so records are taken as canonical where that is cheap to check (evidence
        sorted and unique, else re-merged), and edges go into networkx in bulk."""
        labels = {label.value: label for label in Label}
        records: dict[str, Node] = {}
        for item in raw_nodes:
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
                                  evidence_of(item.get("evidence", ())))
            records[node_id] = node
            self._put_node(node)
        _add_edges(self._graph, _edge_records(raw_edges, records, evidence_of))


def _edge_records(raw_edges: list[Any], records: dict[str, Node],
                  evidence_of: Callable[[Any], list[Evidence]]
                  ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(source, target, key, data) of each edge of a parsed file, consuming the list (each
    parsed record is freed as it is read, for a lower peak); raises on a bad record."""
    rels = {rel.value: (rel, rel.value) for rel in RelType}
    canonical = Edge.canonical
    for i, item in enumerate(raw_edges):
        raw_edges[i] = None  # free each parsed record as it is read: a lower peak
        if type(item) is dict:
            type_, source, target = item["type"], item["source"], item["target"]
            properties, evidence = item.get("properties", {}), item.get("evidence", ())
        else:
            type_, source, target, properties, evidence = item
        if source not in records or target not in records:
            raise ValueError(f"edge {(type_, source, target)} names a missing node")
        rel, key = rels[type_]
        if type(properties) is not dict:  # the parsed dict is this record's own
            properties = dict(properties)
        yield source, target, key, {"edge": canonical(rel, source, target, properties,
                                                      evidence_of(evidence))}
