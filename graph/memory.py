"""The embedded store: a networkx MultiDiGraph in memory, persisted as one JSON file.

The graph's nodes carry the `Node` record under the attribute "node"; its edges are keyed by
relationship type (so one edge per (type, source, target)) and carry the `Edge` under
"edge". A dict from `name_key(name or alias)` to node ids serves `find`. The file is
written atomically (temp file in the same directory, fsync, `os.replace`, fsync of the
directory) and read back on construction; a file that cannot be read is an error, never
an empty graph.
"""
from __future__ import annotations

import heapq
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import IO, Any, ClassVar

import networkx as nx

from graph.base import (Direction, GraphStore, check_direction, copy_edge, copy_node,
                        name_key, rank_keys, stage_patch)
from schema.errors import StoreCorruptError, StoreError
from schema.labels import Label, RelType
from schema.model import Edge, GraphPatch, Node

logger = logging.getLogger(__name__)

FORMAT = "policykg-graph"
VERSION = 1


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
        for key in keys:
            self._index.setdefault(key, set()).add(node.id)
        for gram in _bigrams(keys):
            self._grams.setdefault(gram, set()).add(node.id)

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
        """The persisted form: nodes sorted by id, edges by key, so equal graphs give
        equal files."""
        with self._lock:
            nodes = sorted((n for _, n in self._graph.nodes(data="node")), key=lambda n: n.id)
            edges = sorted((e for _, _, e in self._graph.edges(data="edge")), key=lambda e: e.key)
            return {"format": FORMAT, "version": VERSION,
                    "nodes": [n.to_dict() for n in nodes],
                    "edges": [e.to_dict() for e in edges]}

    def save(self) -> None:
        with self._lock:
            if self._closed:
                raise StoreError(f"{self!r} is closed")
            if self.path is None:
                return
            doc = self.to_document()
            # dumps, not dump: json.dump streams through the pure-Python encoder (~10x slower)
            text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            write_atomically(self.path, lambda f: f.write(text))
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
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise StoreCorruptError(f"{path}: not UTF-8 ({e})") from e
        except OSError as e:
            raise StoreError(f"cannot read {path}: {e}") from e
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise StoreCorruptError(f"{path}: not a JSON document ({e}); the file may be "
                                    "truncated — restore it or re-ingest") from e
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise StoreCorruptError(f"{path}: not a policykg graph file")
        if doc.get("version") != VERSION:
            raise StoreError(f"{path}: graph file version {doc.get('version')!r} is not "
                             f"supported (expected {VERSION})")
        try:
            for item in doc["nodes"]:
                node = Node.from_dict(item)
                if node.id in self._graph:
                    raise ValueError(f"duplicate node {node.id!r}")
                self._put_node(node)
            for item in doc["edges"]:
                edge = Edge.from_dict(item)
                if edge.source not in self._graph or edge.target not in self._graph:
                    raise ValueError(f"edge {edge.key} names a missing node")
                self._graph.add_edge(edge.source, edge.target, key=edge.type.value, edge=edge)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise StoreCorruptError(f"{path}: bad record: {type(e).__name__}: {e}") from e
        logger.debug("loaded %d nodes, %d edges from %s", self.node_count(),
                     self.edge_count(), path)
