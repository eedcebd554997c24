"""The graph store contract: one abstract `GraphStore` whose docstrings are the semantics
every backend (embedded networkx today, Neo4j later) must honour.

Contract in brief:

* Records are `schema.model.Node` / `Edge`. A node is identified by its `id`; an edge by
  its key `(type, source, target)` — there is at most one edge per key.
* Writing is `apply(patch)`: all or nothing, idempotent, merging with `Node.merge` /
  `Edge.merge` (aliases and evidence are unions, properties are updated key by key).
* Reading never fails for a missing id (`get_node` returns `None`, `edges` returns `[]`),
  except `neighbors`, which raises `NodeNotFoundError` because "the neighbourhood of
  nothing" is a caller error worth naming.
* Records returned by a store are copies: mutating them does not change the store.
* Names are compared after `name_key` (NFKC, no white space, case-folded), the same in
  every backend.

Batch operations (`upsert_nodes`, `get_nodes`, ...) have naive defaults built on the
primitives; a backend may override them for speed, never to change their meaning.
"""
from __future__ import annotations

import heapq
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator
from types import TracebackType
from typing import ClassVar, Literal, Protocol, Self

from schema.errors import NodeNotFoundError, StoreError
from schema.ids import canonical_key
from schema.labels import Label, RelType, allows
from schema.model import Edge, GraphPatch, Node, copy_value

logger = logging.getLogger(__name__)

Direction = Literal["out", "in", "both"]

#: Relationship types `neighbors` does not walk unless asked: provenance, not content.
PROVENANCE_TYPES: frozenset[RelType] = frozenset({RelType.MENTIONS, RelType.AUTHORED})

#: Ranks of a search hit, best first (see `GraphStore.search`).
RANK_EXACT_NAME, RANK_EXACT_ALIAS, RANK_NAME_PREFIX, RANK_SUBSTRING = range(4)


def name_key(text: str) -> str:
    """The form names and queries are compared in: NFKC, no white space, case-folded."""
    return canonical_key(text).casefold()


def search_rank(query_key: str, node: Node) -> tuple[int, int, str, str] | None:
    """Sort key of `node` as a hit for the (already `name_key`-ed) query, or `None` if it is
    no hit. Shared by every backend so that all of them rank identically:
    (rank, length of the name, name, id) — exact name, exact alias, name prefix, substring
    of the name or of an alias; shorter names first; then name and id for determinism."""
    if not query_key:
        return None
    return rank_keys(query_key, name_key(node.name), {name_key(a) for a in node.aliases},
                     node.name, node.id)


def rank_keys(query_key: str, name: str, aliases: Collection[str], raw_name: str,
              node_id: str) -> tuple[int, int, str, str] | None:
    """`search_rank` on keys already computed (`name_key` of the name and of each alias)."""
    if name == query_key:
        rank = RANK_EXACT_NAME
    elif query_key in aliases:
        rank = RANK_EXACT_ALIAS
    elif name.startswith(query_key):
        rank = RANK_NAME_PREFIX
    elif query_key in name or any(query_key in a for a in aliases):
        rank = RANK_SUBSTRING
    else:
        return None
    return (rank, len(raw_name), raw_name, node_id)


def top_degrees(counts: dict[str, int], n: int) -> list[tuple[str, int]]:
    """The `n` (id, degree) of `counts` with the highest degree, ties by id."""
    return heapq.nsmallest(n, counts.items(), key=lambda kv: (-kv[1], kv[0]))


class AsyncReader(Protocol):
    """A store's reads for an event loop, answering as the store's own methods do (see
    `GraphStore.async_reader`). Bound to the loop it is first used on; its owner closes it
    there."""

    async def search(self, q: str, label: Label | None = None,
                     limit: int = 20) -> list[Node]:
        """`GraphStore.search`, awaited."""

    async def close(self) -> None:
        """Release its connections."""


def check_direction(direction: str) -> Direction:
    if direction not in ("out", "in", "both"):
        raise ValueError(f"direction must be 'out', 'in' or 'both', not {direction!r}")
    return direction  # type: ignore[return-value]


def copy_node(node: Node) -> Node:
    """A copy that shares nothing mutable with `node` (evidence items are frozen). `node`
    must be canonical (every `Node` is, unless its fields were assigned by hand)."""
    return Node.canonical(node.id, node.label, node.name, set(node.aliases),
                          copy_value(node.properties), list(node.evidence))


def copy_edge(edge: Edge) -> Edge:
    return Edge.canonical(edge.type, edge.source, edge.target, copy_value(edge.properties),
                          list(edge.evidence))


def _recanonical_node(node: Node) -> Node:
    return Node(node.id, node.label, node.name, set(node.aliases), copy_value(node.properties),
                list(node.evidence))


def _recanonical_edge(edge: Edge) -> Edge:
    return Edge(edge.type, edge.source, edge.target, copy_value(edge.properties),
                list(edge.evidence))


def stage_patch(patch: GraphPatch, stored_node: Callable[[str], Node | None],
                stored_edge: Callable[[Edge], Edge | None]) -> tuple[list[Node], list[Edge]]:
    """Validate `patch` against what a store holds and compute the merged records to write,
    without touching anything: the one implementation of `GraphStore.apply`'s merge and
    validation rules, shared by every backend so that all of them accept, reject and merge
    identically. `stored_node(id)` / `stored_edge(edge)` return the stored record (or
    `None`); they are only read. Raises `StoreError` naming the record at fault."""
    staged: dict[str, Node] = {}
    try:
        for node_id, node in patch.nodes.items():
            if not isinstance(node.label, Label) or not node.id or node.id != node_id:
                raise StoreError(f"patch rejected: malformed node {node_id!r}")
            node = _recanonical_node(node)  # a patch is input: not trusted to be canonical
            have = stored_node(node.id)
            if have is None:
                staged[node.id] = node
                continue
            if have.label is not node.label:
                raise StoreError(f"patch rejected: node {node.id!r} is a {have.label.value}, "
                                 f"the patch makes it a {node.label.value}")
            merged = copy_node(have)
            merged.merge(node)  # a copy: the store shares nothing with the patch
            staged[node.id] = merged
        out_edges: list[Edge] = []
        for key, edge in patch.edges.items():
            if not isinstance(edge.type, RelType) or edge.key != key:
                raise StoreError(f"patch rejected: malformed edge {key!r}")
            head = staged.get(edge.source) or stored_node(edge.source)
            tail = staged.get(edge.target) or stored_node(edge.target)
            for end, endpoint in ((edge.source, head), (edge.target, tail)):
                if endpoint is None:
                    raise StoreError(f"patch rejected: edge {edge.type.value} "
                                     f"{edge.source!r} -> {edge.target!r} names the missing "
                                     f"node {end!r}")
            assert head is not None and tail is not None
            if not allows(edge.type, head.label, tail.label):
                raise StoreError(f"patch rejected: {edge.type.value} is not allowed from "
                                 f"{head.label.value} {edge.source!r} to "
                                 f"{tail.label.value} {edge.target!r}")
            edge = _recanonical_edge(edge)
            have_edge = stored_edge(edge)
            if have_edge is None:
                out_edges.append(edge)
            else:
                merged_edge = copy_edge(have_edge)
                merged_edge.merge(edge)
                out_edges.append(merged_edge)
    except StoreError:
        raise
    except Exception as e:  # a malformed record (bad indicator values, ...)
        raise StoreError(f"patch rejected: {type(e).__name__}: {e}") from e
    return list(staged.values()), out_edges


def merge_patches(patches: Iterable[GraphPatch]) -> GraphPatch:
    """One patch with every record of `patches`, merged as applying them one after another
    would merge them: for a store that writes several files in one `apply`. Shares nothing
    mutable with `patches`, and takes them as input (re-canonicalised, as `stage_patch`
    does with one patch).

    Merging properties and evidence does not depend on grouping (`merge_properties` and
    `merge_evidence` are commutative and associative); names and aliases do, so the
    patches must agree on the name of every id they share (`joins`). Raises `StoreError`
    where they do not combine the way applying them in turn would: an id with two labels
    or two names, or an edge whose endpoint is not in its own patch (it would depend on
    which file came first)."""
    merged = GraphPatch()
    try:
        for patch in patches:
            for node_id, node in patch.nodes.items():
                if node.id != node_id:
                    raise StoreError(f"malformed node {node_id!r}")
                have = merged.nodes.get(node.id)
                if have is not None and (have.label, have.name) != (node.label, node.name):
                    raise StoreError(f"node {node.id!r} is the {have.label.value} "
                                     f"{have.name!r} in one patch and the "
                                     f"{node.label.value} {node.name!r} in another")
                merged.add_node(_recanonical_node(node))
            for key, edge in patch.edges.items():
                if edge.key != key:
                    raise StoreError(f"malformed edge {key!r}")
                if edge.source not in patch.nodes or edge.target not in patch.nodes:
                    raise StoreError(f"edge {edge.type.value} {edge.source!r} -> "
                                     f"{edge.target!r} names a node outside its patch")
                merged.add_edge(_recanonical_edge(edge))
    except StoreError:
        raise
    except Exception as e:  # a malformed record: the caller applies the patches one by one
        raise StoreError(f"patches do not merge: {type(e).__name__}: {e}") from e
    return merged


def joins(names: dict[str, tuple[Label, str]], patch: GraphPatch) -> bool:
    """Whether `patch` can be merged (`merge_patches`) with patches whose nodes are `names`
    ({id: (label, name)}): none of its ids has another label or name there."""
    return all(names.get(node.id, (node.label, node.name)) == (node.label, node.name)
               for node in patch.nodes.values())


class GraphStore(ABC):
    """A property graph of policykg nodes and edges.

    Use it as a context manager (`with open_store(settings) as store:`); leaving the block
    calls `close()`, which does *not* save — call `save()` to persist. Stores are not
    thread-safe for concurrent writers unless a backend says otherwise.
    """

    #: Backend name, as in `Settings.store`.
    kind: ClassVar[str]

    #: How many files' patches `ingest_paths` merges into one `apply` (`merge_patches`).
    #: 1 where a write costs what its records cost; more for a store whose every write
    #: pays round trips and a commit (the graph is the same either way).
    files_per_write: ClassVar[int] = 1

    # -- writing ---------------------------------------------------------------------------

    @abstractmethod
    def apply(self, patch: GraphPatch) -> None:
        """Merge every node and edge of `patch` into the store, or none of them.

        * A node whose id is new is inserted; a node whose id exists is merged into the
          stored one with `Node.merge` (a different label for the same id is an error).
        * An edge is keyed by `(type, source, target)` and merged with `Edge.merge`.
          Both endpoints must exist in the store or in the patch, and the schema must allow
          the edge (`schema.labels.allows`).
        * Applying the same patch twice leaves the store as after the first time.
        * On any failure a `StoreError` is raised naming the node or edge at fault, and the
          store is exactly as it was before the call. The patch itself is not modified.
        """

    def upsert_nodes(self, nodes: Iterable[Node]) -> None:
        """Merge `nodes` into the store (one `apply`, so all or nothing)."""
        patch = GraphPatch()
        for node in nodes:
            patch.add_node(copy_node(node))
        self.apply(patch)

    def upsert_edges(self, edges: Iterable[Edge]) -> None:
        """Merge `edges` into the store; their endpoints must already be stored."""
        patch = GraphPatch()
        for edge in edges:
            have = patch.edges.get(edge.key)
            if have is None:
                patch.edges[edge.key] = copy_edge(edge)
            else:
                have.merge(edge)
        self.apply(patch)

    # -- reading single records ------------------------------------------------------------

    @abstractmethod
    def get_node(self, node_id: str) -> Node | None:
        """The node with id `node_id`, or `None` if there is none."""

    def get_nodes(self, node_ids: Iterable[str]) -> list[Node]:
        """The nodes that exist among `node_ids`, in the order asked; missing ids are
        skipped, a repeated id is returned once."""
        out: list[Node] = []
        seen: set[str] = set()
        for node_id in node_ids:
            if node_id in seen:
                continue
            seen.add(node_id)
            node = self.get_node(node_id)
            if node is not None:
                out.append(node)
        return out

    @abstractmethod
    def edges(self, node_id: str, direction: Direction = "out",
              types: Collection[RelType] | None = None) -> list[Edge]:
        """The edges at `node_id`, sorted by key.

        `direction` is relative to `node_id`: "out" = the node is the edge's source, "in" =
        it is the target, "both" = either (a self-loop is listed once). `types` keeps only
        edges of those types (`None` = every type). An unknown id has no edges (`[]`).
        Raises `ValueError` for another direction.
        """

    def edges_of(self, node_ids: Collection[str], direction: Direction = "out",
                 types: Collection[RelType] | None = None) -> list[Edge]:
        """`edges(node_id, direction, types)` of every id in `node_ids`, each edge once,
        sorted by key: one call, so a remote backend answers it in one round trip."""
        direction = check_direction(direction)
        found: dict[tuple[str, str, str], Edge] = {}
        for node_id in node_ids:
            for edge in self.edges(node_id, direction, types):
                found[edge.key] = edge
        return [found[k] for k in sorted(found)]

    # -- graph queries ---------------------------------------------------------------------

    def adjacent(self, node_ids: Collection[str],
                 types: Collection[RelType] | None = None) -> list[Edge]:
        """Every edge (of `types`; `None` = all) with at least one end in `node_ids`, each
        once, sorted by key: one ring of a breadth-first walk in one call, so a remote
        backend answers it in one round trip."""
        found: dict[tuple[str, str, str], Edge] = {}
        for node_id in node_ids:
            for edge in self.edges(node_id, "both", types):
                found[edge.key] = edge
        return [found[k] for k in sorted(found)]

    def most_connected(self, n: int,
                       exclude: Collection[RelType] = PROVENANCE_TYPES) -> list[tuple[str, int]]:
        """The `n` nodes with the most edges whose type is not in `exclude` (default: the
        provenance types), as (id, degree), most first, ties by id; a self-loop counts once,
        nodes without such an edge are left out. One pass over every edge here; a backend
        answers it without building edge records."""
        if n < 1:
            return []
        skip = frozenset(exclude)
        counts: dict[str, int] = {}
        for e in self.iter_edges():
            if e.type not in skip:
                counts[e.source] = counts.get(e.source, 0) + 1
                if e.target != e.source:
                    counts[e.target] = counts.get(e.target, 0) + 1
        return top_degrees(counts, n)

    def _ring_ids(self, node_ids: Collection[str], types: Collection[RelType]) -> set[str]:
        """Ids at the other end of `adjacent(node_ids, types)` (and the ids themselves): one
        breadth-first ring. A backend may answer it without building edge records."""
        return {end for edge in self.adjacent(node_ids, types)
                for end in (edge.source, edge.target)}

    def edges_among(self, node_ids: Collection[str],
                    types: Collection[RelType] | None = None) -> list[Edge]:
        """Every edge (of `types`) whose both ends are in `node_ids`, sorted by key."""
        ids = set(node_ids)
        found: dict[tuple[str, str, str], Edge] = {}
        for node_id in ids:
            for edge in self.edges(node_id, "out", types):
                if edge.target in ids:
                    found[edge.key] = edge
        return [found[k] for k in sorted(found)]

    def paths(self, source_id: str, target_id: str, max_depth: int = 4,
              types: Collection[RelType] | None = None,
              limit: int = 10) -> list[tuple[list[Node], list[Edge]]]:
        """The shortest paths (at most `max_depth` edges, walked in either direction)
        between two nodes, at most `limit` of them, each as (nodes from source to target,
        the edges between consecutive nodes). All returned paths have the same, minimal
        length; they are sorted by their node ids. `types` as in `neighbors`. No path
        within `max_depth` gives `[]`; a node to itself gives one path of one node.
        Raises `NodeNotFoundError` for an unknown id, `ValueError` for a bad bound."""
        if max_depth < 0:
            raise ValueError(f"max_depth must be >= 0, not {max_depth}")
        if limit < 1:
            raise ValueError(f"limit must be >= 1, not {limit}")
        ends = {n.id: n for n in self.get_nodes([source_id, target_id])}
        for node_id in (source_id, target_id):
            if node_id not in ends:
                raise NodeNotFoundError(node_id)
        if source_id == target_id:
            return [([ends[source_id]], [])]
        walk = frozenset(types) if types is not None else frozenset(RelType) - PROVENANCE_TYPES
        # breadth first from the source; parents[n] = the edges that reach n on a shortest path
        parents: dict[str, list[tuple[str, Edge]]] = {source_id: []}
        ring = [source_id]
        for _ in range(max_depth):
            reached: dict[str, list[tuple[str, Edge]]] = {}
            in_ring = set(ring)
            for edge in self.adjacent(ring, walk):
                for here, other in ((edge.source, edge.target), (edge.target, edge.source)):
                    if here in in_ring and other not in parents:
                        reached.setdefault(other, []).append((here, edge))
            if not reached:
                return []
            parents.update(reached)
            if target_id in reached:
                break
            ring = sorted(reached)
        if target_id not in parents:
            return []
        # every shortest path, walked back from the target; at most `limit`, deterministic
        routes: list[tuple[list[str], list[Edge]]] = []

        def back(node_id: str, ids: list[str], via: list[Edge]) -> None:
            if len(routes) >= limit:
                return
            if node_id == source_id:
                routes.append((ids[::-1], via[::-1]))
                return
            for parent, edge in sorted(parents[node_id], key=lambda p: (p[0], p[1].key)):
                back(parent, ids + [parent], via + [edge])

        back(target_id, [target_id], [])
        nodes = {n.id: n for n in self.get_nodes({i for ids, _ in routes for i in ids})}
        routes.sort(key=lambda r: r[0])
        return [([nodes[i] for i in ids], via) for ids, via in routes]

    def neighbors(self, node_id: str, depth: int = 1,
                  types: Collection[RelType] | None = None,
                  labels: Collection[Label] | None = None,
                  limit: int | None = None) -> tuple[list[Node], list[Edge]]:
        """The subgraph around `node_id`, walked breadth first in both directions.

        * `depth` — how many hops (0 = the node alone).
        * `types` — the relationship types walked; `None` means every type except the
          provenance types MENTIONS and AUTHORED (ask for them explicitly).
        * `labels` — only nodes with these labels are returned *and walked through*; the
          start node is always returned.
        * `limit` — at most this many nodes (the start node included), nearest first.

        Returns (nodes, edges): nodes in BFS order (start first; each ring sorted by id) and
        every edge of a walked type between two returned nodes, sorted by key.
        Raises `NodeNotFoundError` for an unknown `node_id`, `ValueError` for a negative
        depth or limit.
        """
        if depth < 0:
            raise ValueError(f"depth must be >= 0, not {depth}")
        if limit is not None and limit < 1:
            raise ValueError(f"limit must be >= 1, not {limit}")
        start = self.get_node(node_id)
        if start is None:
            raise NodeNotFoundError(node_id)
        walk = frozenset(types) if types is not None else frozenset(RelType) - PROVENANCE_TYPES
        keep = frozenset(labels) if labels is not None else None
        cap = limit if limit is not None else float("inf")

        found: dict[str, Node] = {start.id: start}
        ring = [start.id]
        for _ in range(depth):
            if len(found) >= cap:
                break
            candidates = sorted(self._ring_ids(ring, walk) - found.keys())
            ring = []
            for i in range(0, len(candidates), 256):  # fetch only what the cap can take
                for node in self.get_nodes(candidates[i:i + 256]):
                    if len(found) >= cap:
                        break
                    if keep is None or node.label in keep:
                        found[node.id] = node
                        ring.append(node.id)
                if len(found) >= cap:
                    break
            if not ring:
                break

        edges = {e.key: e for e in self.edges_among(list(found), walk)}
        return list(found.values()), [edges[k] for k in sorted(edges)]

    @abstractmethod
    def find(self, label: Label | None = None, name: str | None = None) -> list[Node]:
        """Nodes whose name or one of whose aliases equals `name` (after `name_key`), of
        `label` if given, sorted by id. `name=None` lists every node (of `label`)."""

    @abstractmethod
    def search(self, q: str, label: Label | None = None, limit: int = 20) -> list[Node]:
        """At most `limit` nodes whose name or an alias contains `q` (after `name_key`),
        ranked by `search_rank`: exact name, exact alias, name prefix, substring; shorter
        names first; ties broken by name then id. An empty query finds nothing."""

    def async_reader(self) -> AsyncReader | None:
        """A new `AsyncReader` on this store for a server's event loop, or None when the
        store has none: its callers then run the blocking methods in a worker thread. A
        store that waits on a server offers one (no thread hop per call); an in-process
        store does not. The caller closes it (`await reader.close()`) on the same loop."""
        return None

    # -- bulk reading ----------------------------------------------------------------------

    @abstractmethod
    def iter_nodes(self, label: Label | None = None) -> Iterator[Node]:
        """Every node (of `label`), in no particular order."""

    @abstractmethod
    def iter_edges(self, type: RelType | None = None) -> Iterator[Edge]:
        """Every edge (of `type`), in no particular order."""

    def counts(self) -> dict[str, dict[str, int]]:
        """`{"nodes": {label: n}, "edges": {type: n}}` with only non-zero counts, keys in
        schema order (plain strings)."""
        nodes = {label.value: 0 for label in Label}
        for node in self.iter_nodes():
            nodes[node.label.value] += 1
        edges = {rel.value: 0 for rel in RelType}
        for edge in self.iter_edges():
            edges[edge.type.value] += 1
        return {"nodes": {k: v for k, v in nodes.items() if v},
                "edges": {k: v for k, v in edges.items() if v}}

    def node_count(self) -> int:
        return sum(1 for _ in self.iter_nodes())

    def edge_count(self) -> int:
        return sum(1 for _ in self.iter_edges())

    @abstractmethod
    def clear(self) -> None:
        """Remove every node and edge (a persisted store is emptied at the next `save`)."""

    # -- lifecycle -------------------------------------------------------------------------

    @abstractmethod
    def save(self) -> None:
        """Make every applied patch durable (a no-op for a store that writes through).
        Raises `StoreError` if that fails; what was durable before stays intact."""

    def apply_and_save(self, patch: GraphPatch) -> None:
        """`apply` then `save`, as one step for a long-lived process (the API's uploads):
        if saving fails, the patch is taken back out, so what is served is what is durable.
        Here: for a store that writes through, whose `save` has nothing left to do."""
        self.apply(patch)
        self.save()

    def close(self) -> None:
        """Release connections or handles. Does not save. Closing twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
