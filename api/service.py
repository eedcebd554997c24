"""The analyst questions, answered over any `GraphStore` (the API's routes are thin wrappers).

Nothing here knows which backend it reads: every answer is built from the contract's
operations, so the embedded store and Neo4j answer identically.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.base import PROVENANCE_TYPES, AsyncReader, GraphStore, name_key
from schema.errors import AmbiguousReferenceError, NodeNotFoundError
from schema.labels import Label, RelType
from schema.model import Edge, Node

R = RelType

#: Weight of each kind of reason in a related program's score (see `related_programs`).
WEIGHTS: dict[str, float] = {
    "part_of": 3.0,            # one program is a component of the other
    "same_parent": 2.0,        # both are components of one program
    "same_document": 1.5,      # one policy document establishes both
    "shared_talent_group": 1.5,
    "same_runner": 1.0,        # one region or unit runs both
    "similar_name": 1.0,       # the same quoted core or name, usually in another region
    "co_mention": 0.5,         # named in the same source (article)
    "shared_platform_kind": 0.5,  # sources naming both also name platforms of one kind
    "same_kind": 0.25,         # both are 行动 (or 工程, 计划 …): only added to related ones
}

_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "(": "〔", ")": "〕",
                           "（": "〔", "）": "〕", "【": "〔", "】": "〕", "{": "〔", "}": "〕"})


def node_or_404(store: GraphStore, node_id: str) -> Node:
    node = store.get_node(node_id)
    if node is None:
        raise NodeNotFoundError(node_id)
    return node


def degree(store: GraphStore, node_id: str) -> int:
    walk = frozenset(RelType) - PROVENANCE_TYPES
    return len(store.edges(node_id, "both", walk))


def resolve_ref(store: GraphStore, ref: str, label: Label | None = None) -> Node:
    """A node by id, or else by exact name, or else by alias; `AmbiguousReferenceError`
    when that names several (`全市` may be an alias of every city)."""
    node = store.get_node(ref)
    if node is not None and (label is None or node.label is label):
        return node
    from ingest.normalise import query_forms

    for query in query_forms(ref):  # `“燕归巢”行动` names 燕归巢行动
        found = store.find(label, query)
        if not found:
            continue
        named = [n for n in found if name_key(n.name) == name_key(query)]
        pool = named or found
        if len(pool) > 1:
            raise AmbiguousReferenceError(ref, [n.id for n in pool])
        return pool[0]
    raise NodeNotFoundError(ref)


def search(store: GraphStore, text: str, label: Label | None, limit: int) -> list[Node]:
    """The store's search for each of the query's forms (`query_forms`), best form first,
    each entity once: `“燕归巢”行动` finds the Program 燕归巢行动, and a source's title
    quoted as it is written finds the source."""
    return _first_found([store.search(form, label, limit=limit) for form in _forms(text)],
                        limit)


async def asearch(reader: AsyncReader, text: str, label: Label | None,
                  limit: int) -> list[Node]:
    """`search` through a store's `AsyncReader`, on an event loop."""
    return _first_found([await reader.search(form, label, limit=limit)
                         for form in _forms(text)], limit)


def _forms(text: str) -> list[str]:
    from ingest.normalise import query_forms

    return query_forms(text)


def _first_found(found: list[list[Node]], limit: int) -> list[Node]:
    """The hits of each form in turn, each entity once (at its best form), `limit` in all."""
    if len(found) == 1:
        return found[0]
    hits: dict[str, Node] = {}
    for nodes in found:
        for node in nodes:
            hits.setdefault(node.id, node)
    return list(hits.values())[:limit]


# -- related programs ---------------------------------------------------------------------

@dataclass
class Related:
    node: Node
    reasons: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(sum(WEIGHTS[kind] for kind, _, _ in self.reasons), 3)


def _program_core(node: Node) -> str:
    kind = str(node.properties.get("kind") or "")
    name = node.name
    return name[: -len(kind)] if kind and name.endswith(kind) and len(name) > len(kind) else name


def related_programs(store: GraphStore, program_id: str) -> list[Related]:
    """Programs related to `program_id`, best first, each with its reasons as data.

    Reasons: `part_of` (one contains the other), `same_parent`, `same_document` (established
    by one document), `shared_talent_group` (both TARGET a group), `same_runner`,
    `similar_name` (same core name, e.g. one program run in two regions), `co_mention`
    (one source names both), `shared_platform_kind` (sources naming them name platforms of
    the same kind), and `same_kind` (both 行动, …) for programs related in another way. Score = sum of `WEIGHTS`; ties by name, then id.

    Reads in a fixed number of batched calls (the program and its edges; the edges of its
    neighbours; their nodes; a name search; the candidates), not one per neighbour: on a
    remote store each call is a round trip.
    """
    me = node_or_404(store, program_id)
    if me.label is not Label.PROGRAM:
        raise NodeNotFoundError(program_id)
    mine = store.edges(me.id, "both")

    # the second ring: edges into a parent or talent group of this program, and out of a
    # document, runner or source of it, by (that end, type)
    inward = [e.target for e in mine if e.type is R.PART_OF and e.source == me.id] + \
        [e.target for e in mine if e.type is R.TARGETS]
    outward = [e.source for e in mine if e.type in (R.ESTABLISHES, R.RUNS, R.MENTIONS)]
    into: dict[tuple[str, RelType], list[Edge]] = defaultdict(list)
    out_of: dict[tuple[str, RelType], list[Edge]] = defaultdict(list)
    if inward:
        for e in store.edges_of(set(inward), "in", [R.PART_OF, R.TARGETS]):
            into[e.target, e.type].append(e)
    if outward:
        for e in store.edges_of(set(outward), "out", [R.ESTABLISHES, R.RUNS, R.MENTIONS]):
            out_of[e.source, e.type].append(e)

    sources = [e.source for e in mine if e.type is R.MENTIONS]
    platforms = {e.target for s in sources for e in out_of[s, R.MENTIONS]
                 if e.target.startswith("platform:")}
    children = [e.source for e in mine if e.type is R.PART_OF and e.target == me.id]
    named = {n.id: n for n in store.get_nodes([*inward, *outward, *children,
                                               *sorted(platforms)])}

    def name(node_id: str) -> str:
        node = named.get(node_id)
        return node.name if node is not None else node_id

    # reasons in the order they are found; kept for the candidates that are programs
    reasons: list[tuple[str, str, str, str | None]] = []

    def add(other_id: str, kind: str, detail: str, via: str | None) -> None:
        if other_id != me.id:
            reasons.append((other_id, kind, detail, via))

    for e in mine:
        if e.type is R.PART_OF and e.source == me.id:  # me -> parent
            add(e.target, "part_of", f"{me.name} is part of {name(e.target)}", e.target)
            for sib in into[e.target, R.PART_OF]:
                add(sib.source, "same_parent", f"both are part of {name(e.target)}", e.target)
        elif e.type is R.PART_OF:  # child -> me
            add(e.source, "part_of", f"{name(e.source)} is part of {me.name}", me.id)
        elif e.type is R.ESTABLISHES:
            for other in out_of[e.source, R.ESTABLISHES]:
                add(other.target, "same_document", f"both established by {name(e.source)}",
                    e.source)
        elif e.type is R.TARGETS:
            for other in into[e.target, R.TARGETS]:
                add(other.source, "shared_talent_group", f"both target {name(e.target)}",
                    e.target)
        elif e.type is R.RUNS:
            for other in out_of[e.source, R.RUNS]:
                add(other.target, "same_runner", f"both run by {name(e.source)}", e.source)

    # co-mention and platform kinds, through the sources that mention this program
    my_kinds: set[str] = set()
    mentioned: dict[str, set[str]] = defaultdict(set)  # program -> sources
    kinds_of: dict[str, set[str]] = defaultdict(set)   # source -> platform kinds
    for source in sources:
        for e in out_of[source, R.MENTIONS]:
            if e.target.startswith("program:"):
                mentioned[e.target].add(source)
            elif e.target.startswith("platform:"):
                platform = named.get(e.target)
                if platform is not None and platform.properties.get("kind"):
                    kinds_of[source].add(str(platform.properties["kind"]))
        my_kinds |= kinds_of[source]
    for other, where in sorted(mentioned.items()):
        title = name(sorted(where)[0])
        add(other, "co_mention", f"named together in {len(where)} source(s), e.g. {title}",
            sorted(where)[0])
        # platform kinds named alongside the other program elsewhere are not fetched (cost);
        # the shared kinds are those of the shared sources
        shared = sorted(set().union(*(kinds_of[s] for s in where)) & my_kinds)
        if shared:
            add(other, "shared_platform_kind",
                f"sources naming both also name {'、'.join(shared[:3])}", sorted(where)[0])

    core = _program_core(me)
    if len(core) >= 2:
        for hit in store.search(core, Label.PROGRAM, limit=50):
            if hit.id != me.id and (_program_core(hit) == core or core in hit.aliases):
                region = hit.properties.get("region")
                where = f" in {region}" if region else ""
                add(hit.id, "similar_name", f"same name {core}{where}", None)

    found: dict[str, Related] = {}
    programs = {n.id: n for n in store.get_nodes(r[0] for r in reasons)
                if n.label is Label.PROGRAM}
    for other_id, kind, detail, via in reasons:
        if other_id in programs:
            entry = found.get(other_id)
            if entry is None:
                entry = found[other_id] = Related(programs[other_id])
            if (kind, detail, via) not in entry.reasons:
                entry.reasons.append((kind, detail, via))

    my_kind = me.properties.get("kind")
    if my_kind:
        for entry in found.values():
            if entry.node.properties.get("kind") == my_kind:
                entry.reasons.append(("same_kind", f"both are a {my_kind}", None))
    return sorted(found.values(), key=lambda r: (-r.score, r.node.name, r.node.id))


# -- documents ------------------------------------------------------------------------------

def canonical_doc_number(text: str) -> str | None:
    """`鄂府发[2022]38号`, `鄂府发（2022）38号` … → `鄂府发〔2022〕38号`; None if not a number."""
    from ingest.extract import lexicon as lx
    from ingest.normalise import normalise_query

    candidate = normalise_query(text).translate(_BRACKETS).replace(" ", "")
    m = lx.doc_number_regex().fullmatch(candidate) if candidate else None
    if m is None:
        m2 = re.fullmatch(r"(\D+?)〔(\d{4})〕(\d+)号", candidate or "")
        return f"{m2.group(1)}〔{m2.group(2)}〕{int(m2.group(3))}号" if m2 else None
    from ingest.extract.quoted import canonical_doc_number as canon

    return canon(m)


def find_document(store: GraphStore, ref: str) -> Node:
    node = store.get_node(ref)
    if node is not None and node.label is Label.POLICY_DOCUMENT:
        return node
    from ingest.normalise import query_forms

    number = canonical_doc_number(ref)
    for key in dict.fromkeys(filter(None, (number, *query_forms(ref)))):  # 《title》 too
        found = store.find(Label.POLICY_DOCUMENT, key)
        if found:
            return found[0]
    raise NodeNotFoundError(ref)


def document_links(store: GraphStore, doc: Node) -> dict[str, list[Node]]:
    out: dict[str, list[str]] = {"issuers": [], "cites": [], "cited_by": [], "establishes": [],
                                 "indicators": []}
    for e in store.edges(doc.id, "both"):
        if e.type is R.ISSUED and e.target == doc.id:
            out["issuers"].append(e.source)
        elif e.type is R.CITES and e.source == doc.id:
            out["cites"].append(e.target)
        elif e.type is R.CITES:
            out["cited_by"].append(e.source)
        elif e.type is R.ESTABLISHES:
            out["establishes"].append(e.target)
        elif e.type is R.HAS_INDICATOR:
            out["indicators"].append(e.target)
    return {k: sorted(store.get_nodes(v), key=lambda n: (n.name, n.id)) for k, v in out.items()}


# -- regions --------------------------------------------------------------------------------

def subregions(store: GraphStore, region: Node, include: bool) -> list[Node]:
    """The region and (if `include`) every region PART_OF it, transitively; sorted by path."""
    found = {region.id: region}
    ring = [region.id]
    while include and ring:
        nxt = []
        for e in store.adjacent(ring, [R.PART_OF]):
            if e.target in ring and e.source not in found:
                nxt.append(e.source)
        for node in store.get_nodes(sorted(set(nxt))):
            if node.label is Label.REGION:
                found[node.id] = node
        ring = [i for i in sorted(set(nxt)) if i in found]
    return sorted(found.values(), key=lambda n: (str(n.properties.get("path", n.name)), n.id))


def region_names(store: GraphStore, ref: str) -> set[str] | None:
    """Names of the region `ref` (id, name or alias) and of all its subregions; `None` if
    `ref` names no region or several."""
    try:
        region = resolve_ref(store, ref, Label.REGION)
    except (NodeNotFoundError, AmbiguousReferenceError):
        return None
    return {r.name for r in subregions(store, region, True)}


def region_programs(store: GraphStore, regions: Iterable[Node]) -> tuple[list[Node], list[Node]]:
    """Programs run and platforms built in `regions`: by the region itself, by its
    government units (LOCATED_IN it), or platforms located in it."""
    region_ids = [r.id for r in regions]
    actors = set(region_ids)
    for e in store.adjacent(region_ids, [R.LOCATED_IN]):
        if e.target in region_ids:
            actors.add(e.source)
    programs: set[str] = set()
    platforms: set[str] = set()
    for e in store.adjacent(sorted(actors), [R.RUNS, R.BUILDS, R.LOCATED_IN]):
        if e.type is R.RUNS and e.source in actors:
            programs.add(e.target)
        elif e.type is R.BUILDS and e.source in actors:
            platforms.add(e.target)
        elif e.type is R.LOCATED_IN and e.target in region_ids and \
                e.source.startswith("platform:"):
            platforms.add(e.source)
    key = lambda n: (n.name, n.id)  # noqa: E731
    return (sorted(store.get_nodes(programs), key=key),
            sorted(store.get_nodes(platforms), key=key))


# -- indicators -----------------------------------------------------------------------------

KIND_ORDER = {"baseline": 0, "actual": 1, "target": 2}


def series(node: Node) -> list[dict]:
    values = node.properties.get("values") or []
    good = [v for v in values if isinstance(v, dict) and isinstance(v.get("year"), int)
            and v.get("kind") in KIND_ORDER]
    return sorted(good, key=lambda v: (v["year"], KIND_ORDER[v["kind"]]))
