"""The visual explorer over a `GraphStore`: resolve a focus, take its capped neighbourhood
and render it (visualize/render.py) as one self-contained page.

`explore_page` serves `GET /explore`; `build_view` + `render_view` serve `policykg viz`.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from graph.base import PROVENANCE_TYPES, GraphStore, name_key, search_rank
from schema.errors import NodeNotFoundError
from schema.labels import Label, RelType
from schema.model import Edge, Node
from visualize.render import ViewSpec, render_subgraph

__all__ = ["View", "build_view", "explore_page", "render_subgraph", "render_view",
           "resolve_focus", "top_nodes"]

logger = logging.getLogger(__name__)

#: How many nodes beyond the cap are fetched to count what was left out; past that the
#: note says "at least". Bounds the cost of a page on a huge neighbourhood.
COUNT_BEYOND_CAP = 2000
#: Entities offered on the page without a focus.
SUGGESTIONS = 12


@dataclass(slots=True)
class View:
    """A page's content: the subgraph around `focus`, what the cap left out, and what the
    page needs to draw it (degrees for sizes, names of evidence sources)."""

    spec: ViewSpec
    focus: Node | None = None
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    omitted: int = 0
    omitted_at_least: bool = False
    degrees: dict[str, int] = field(default_factory=dict)
    source_names: dict[str, str] = field(default_factory=dict)
    suggestions: list[tuple[Node, int]] = field(default_factory=list)


def resolve_focus(store: GraphStore, focus: str) -> Node:
    """The node `focus` names: an id, else an exact name or alias (normalised like the
    documents: Traditional → Simplified), else the best search hit. Raises
    `NodeNotFoundError(focus)` when nothing matches."""
    node = store.get_node(focus)
    if node is not None:
        return node
    from ingest.normalise import normalise_query

    q = normalise_query(focus)
    if q:
        found = store.find(None, q)
        if found:  # an exact name before an exact alias, then shorter names, then id
            key = name_key(q)
            return min(found, key=lambda n: search_rank(key, n) or (9, 0, n.name, n.id))
        hits = store.search(q, None, limit=1)
        if hits:
            return hits[0]
    raise NodeNotFoundError(focus)


def degrees(store: GraphStore, node_ids: Collection[str]) -> dict[str, int]:
    """Relationships at each node (provenance excluded, as in the API's `degree`), from
    one `adjacent` call."""
    walk = frozenset(RelType) - PROVENANCE_TYPES
    ids = set(node_ids)
    counts: Counter[str] = Counter()
    for e in store.adjacent(ids, walk):
        for end in {e.source, e.target}:
            if end in ids:
                counts[end] += 1
    return {i: counts[i] for i in ids}


def top_nodes(store: GraphStore, n: int = SUGGESTIONS) -> list[tuple[Node, int]]:
    """The `n` most connected nodes (provenance excluded) with their degrees."""
    best = store.most_connected(n)
    by_id = {node.id: node for node in store.get_nodes([i for i, _ in best])}
    return [(by_id[i], d) for i, d in best if i in by_id]


def _source_names(store: GraphStore, nodes: Sequence[Node], edges: Sequence[Edge]) -> dict[str, str]:
    ids = {ev.source for n in nodes for ev in n.evidence}
    ids |= {ev.source for e in edges for ev in e.evidence}
    return {n.id: n.name for n in store.get_nodes(sorted(ids))}


def build_view(store: GraphStore, focus: str | None = None, depth: int = 2,
               labels: Sequence[Label] | None = None, types: Sequence[RelType] | None = None,
               max_nodes: int = 300) -> View:
    """The content of a page on `focus` (id or name): its neighbourhood within `depth` hops
    along `types` through `labels` (as `GraphStore.neighbors`), nearest `max_nodes` first.
    Without a focus: no graph, the most connected nodes as suggestions."""
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be >= 1, not {max_nodes}")
    spec = ViewSpec(depth=depth, labels=tuple(labels) if labels else None,
                    types=tuple(types) if types else None, max_nodes=max_nodes)
    if focus is None or not focus.strip():
        return View(spec=spec, suggestions=top_nodes(store))
    node = resolve_focus(store, focus.strip())
    found, edges = store.neighbors(node.id, depth, spec.types, spec.labels,
                                   limit=max_nodes + COUNT_BEYOND_CAP)
    shown = found[:max_nodes]  # BFS order: the nearest first, as a smaller limit would give
    ids = {n.id for n in shown}
    kept = [e for e in edges if e.source in ids and e.target in ids]
    omitted = len(found) - len(shown)
    logger.debug("view on %s: %d nodes, %d edges, %d left out", node.id, len(shown),
                 len(kept), omitted)
    return View(spec=spec, focus=node, nodes=shown, edges=kept, omitted=omitted,
                omitted_at_least=len(found) >= max_nodes + COUNT_BEYOND_CAP,
                degrees=degrees(store, ids), source_names=_source_names(store, shown, kept))


def render_view(view: View, api_base: str | None = "", title: str | None = None) -> str:
    """`view` as a page; `api_base=None` makes an offline file (see `render_subgraph`)."""
    if title is None:
        title = f"policykg · {view.focus.name}" if view.focus else "policykg explorer"
    return render_subgraph(view.nodes, view.edges, focus_id=view.focus.id if view.focus else None,
                           omitted=view.omitted, omitted_at_least=view.omitted_at_least,
                           api_base=api_base, title=title, spec=view.spec, degrees=view.degrees,
                           source_names=view.source_names, suggestions=view.suggestions)


def explore_page(store: GraphStore, focus: str | None = None, depth: int = 2,
                 labels: Sequence[Label] | None = None, types: Sequence[RelType] | None = None,
                 max_nodes: int = 300, api_base: str | None = "") -> str:
    """The explorer page (`GET /explore`) on `focus` (an id or a name; `None` = a search
    page). Raises `NodeNotFoundError` for a focus that names nothing."""
    view = build_view(store, focus, depth, labels, types, max_nodes)
    return render_view(view, api_base=api_base)
