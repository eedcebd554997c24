"""Graph records shared by resolve, every store and the exports.

`Node` and `Edge` carry their provenance as `Evidence` (source id, character span,
sentence). Merging two records with the same id (or the same edge key) is defined here,
once, so every backend merges the same way: aliases are a set union, evidence a union
keyed by (source, start, end), properties are updated key by key except the list-valued
`values` of indicators, which is a union of observations.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

from schema.errors import SchemaViolationError
from schema.labels import Label, RelType, allows

#: Evidence kept per node or edge; more is counted, not stored (keeps big graphs small).
MAX_EVIDENCE = 20


class Evidence(NamedTuple):
    """Where a fact was read: `source` id, span [start, end) in that source's normalised
    text, the same span in the decoded file (`orig_start`, `orig_end`) and the sentence.

    Immutable and ordered field by field. A named tuple rather than a frozen dataclass:
    a big graph holds millions of these, and a tuple is built, hashed and compared in C
    (loading a million-relationship graph spent a fifth of its time in `__init__`)."""

    source: str
    start: int
    end: int
    sentence: str
    orig_start: int = -1
    orig_end: int = -1

    def key(self) -> tuple[str, int, int]:
        return (self.source, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "start": self.start, "end": self.end,
                "orig_start": self.orig_start, "orig_end": self.orig_end,
                "sentence": self.sentence}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Evidence":
        return cls(d["source"], int(d["start"]), int(d["end"]), d.get("sentence", ""),
                   int(d.get("orig_start", -1)), int(d.get("orig_end", -1)))


#: `Evidence.key()` as a C-level getter: merging sorts by it (the key is unique within one
#: list, so this is the same order as comparing whole items).
EVIDENCE_KEY = itemgetter(0, 1, 2)


def merge_evidence(a: list[Evidence], b: list[Evidence]) -> list[Evidence]:
    """The union of `a` and `b` keyed by (source, start, end) — of two items with one key
    the last in `a`, else the first in `b` — sorted by key, at most `MAX_EVIDENCE`. A new list.
    `a` is canonical (sorted by key, no key twice, at most `MAX_EVIDENCE`) where `b` has one
    item — as every record's evidence is."""
    if not b and len(a) <= 1:
        return list(a)
    if len(b) == 1:  # the common case (one more mention): an insertion into sorted `a`
        if not a:
            return list(b)
        e = b[0]
        k = EVIDENCE_KEY(e)
        i = bisect_left(a, k, key=EVIDENCE_KEY)
        if i < len(a) and EVIDENCE_KEY(a[i]) == k:
            return list(a)
        return [*a[:i], e, *a[i:MAX_EVIDENCE - 1]] if i < MAX_EVIDENCE else list(a)
    seen: dict[tuple[str, int, int], Evidence] = {}
    key = EVIDENCE_KEY
    for e in a:
        seen[key(e)] = e
    for e in b:
        seen.setdefault(key(e), e)
    return sorted(seen.values(), key=key)[:MAX_EVIDENCE]


def _merge_values(a: list[dict], b: list[dict]) -> list[dict]:
    """Indicator observations: one per (year, kind); of two different observations for one
    (year, kind) the lesser by `_preference` is kept, whichever came first."""
    out: dict[tuple[Any, Any], dict] = {}
    for v in (*a, *b):
        key = (v["year"], v["kind"])
        have = out.get(key)
        out[key] = v if have is None else min(have, v, key=_preference)
    return [out[k] for k in sorted(out, key=lambda k: (k[0], k[1]))]


def _preference(value: Any) -> tuple[bool, str, str]:
    """A total order on property values: a stated value before None, then by type and text."""
    return (value is None, type(value).__name__, repr(value))


def merge_properties(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Key by key; where both records state a different value, the same one wins whichever
    record came first (the lesser by `_preference`), so merging is commutative and
    associative and a graph does not depend on the order its files were ingested in."""
    merged = dict(b)
    for key, value in a.items():
        if key in merged and _preference(merged[key]) != _preference(value):  # 0 vs False
            if key == "values" and isinstance(value, list) and isinstance(merged[key], list):
                merged[key] = _merge_values(value, merged[key])
            else:
                merged[key] = min(value, merged[key], key=_preference)
        else:
            merged[key] = value
    return merged


_SCALARS = (str, int, float, bool, type(None))


def copy_value(value: Any) -> Any:
    """A deep copy of a JSON-like property value (dicts, lists, scalars) — several times
    faster than `copy.deepcopy`, which a store pays on every record it hands out; anything
    else falls back to `copy.deepcopy`."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k: copy_value(v) for k, v in value.items()}
    if kind is list:
        return [copy_value(v) for v in value]
    import copy

    return copy.deepcopy(value)


def _name_preference(name: str) -> tuple[int, int, str]:
    """The more descriptive name first: more Chinese characters (a document's title over
    its number 固政发〔2023〕5号), then longer, then the lesser."""
    return (-sum(1 for ch in name if "\u3400" <= ch <= "\u9fff"), -len(name), name)


@dataclass(slots=True)
class Node:
    id: str
    label: Label
    name: str
    aliases: set[str] = field(default_factory=set)
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def __post_init__(self) -> None:
        # one canonical form, so a node built whole equals the same node built by merging
        self.aliases = set(self.aliases) - {self.name}
        self.evidence = merge_evidence([], self.evidence)

    @classmethod
    def canonical(cls, id: str, label: Label, name: str, aliases: set[str],
                  properties: dict[str, Any], evidence: list[Evidence]) -> "Node":
        """A node from parts already in canonical form (taken from another node, or from a
        store's own file): skips `__post_init__`. The parts are used as given, not copied."""
        node = object.__new__(cls)
        node.id, node.label, node.name = id, label, name
        node.aliases, node.properties, node.evidence = aliases, properties, evidence
        return node

    def merge(self, other: "Node") -> None:
        """Fold `other` (same id) into this node; idempotent, and commutative: of two
        names the more descriptive (`_name_preference`) is the name, the other an alias —
        a document's title over its number, `a.txt#0` over `b.txt#0` — whichever came
        first."""
        if other.id != self.id:
            raise SchemaViolationError(f"cannot merge node {other.id!r} into {self.id!r}")
        self.aliases |= other.aliases
        if other.name != self.name:
            self.aliases |= {self.name, other.name}
            self.name = min(self.name, other.name, key=_name_preference)
        self.aliases.discard(self.name)
        self.properties = merge_properties(self.properties, other.properties)
        self.evidence = merge_evidence(self.evidence, other.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label.value, "name": self.name,
                "aliases": sorted(self.aliases), "properties": self.properties,
                "evidence": [e.to_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Node":
        return cls(d["id"], Label(d["label"]), d["name"], set(d.get("aliases", [])),
                   dict(d.get("properties", {})),
                   [Evidence.from_dict(e) for e in d.get("evidence", [])])


@dataclass(slots=True)
class Edge:
    """`source -[type]-> target`; one edge per (type, source, target)."""

    type: RelType
    source: str
    target: str
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.evidence = merge_evidence([], self.evidence)

    @classmethod
    def canonical(cls, type: RelType, source: str, target: str, properties: dict[str, Any],
                  evidence: list[Evidence]) -> "Edge":
        """`Node.canonical` for edges."""
        edge = object.__new__(cls)
        edge.type, edge.source, edge.target = type, source, target
        edge.properties, edge.evidence = properties, evidence
        return edge

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type.value, self.source, self.target)

    def merge(self, other: "Edge") -> None:
        if other.key != self.key:
            raise SchemaViolationError(f"cannot merge edge {other.key} into {self.key}")
        self.properties = merge_properties(self.properties, other.properties)
        self.evidence = merge_evidence(self.evidence, other.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type.value, "source": self.source, "target": self.target,
                "properties": self.properties,
                "evidence": [e.to_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Edge":
        return cls(RelType(d["type"]), d["source"], d["target"], dict(d.get("properties", {})),
                   [Evidence.from_dict(e) for e in d.get("evidence", [])])


@dataclass(slots=True)
class GraphPatch:
    """What one file adds to the graph: applied to a store all at once, or not at all."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)

    def add_node(self, node: Node) -> Node:
        have = self.nodes.get(node.id)
        if have is None:
            self.nodes[node.id] = node
            return node
        have.merge(node)
        return have

    def add_edge(self, edge: Edge) -> None:
        head, tail = self.nodes.get(edge.source), self.nodes.get(edge.target)
        if head is None or tail is None:
            raise SchemaViolationError(f"edge {edge.key} names a node not in the patch")
        if not allows(edge.type, head.label, tail.label):
            raise SchemaViolationError(
                f"{edge.type.value} is not allowed from {head.label.value} to {tail.label.value}")
        have = self.edges.get(edge.key)
        if have is None:
            self.edges[edge.key] = edge
        else:
            have.merge(edge)

    def extend(self, other: "GraphPatch") -> None:
        for node in other.nodes.values():
            self.add_node(node)
        for edge in other.edges.values():
            self.add_edge(edge)
