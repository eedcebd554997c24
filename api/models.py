"""The API's response models: one set, derived from `schema/`, used by every endpoint so
that field names are the same everywhere (`id`, `label`, `name`, `aliases`, `properties`,
`evidence`; edges `type`, `source`, `target`). Lists are pages: `items` + `next_cursor`.
"""
from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from schema.labels import Label, RelType
from schema.model import Edge, Evidence, Node

T = TypeVar("T")

LabelName = Literal[tuple(label.value for label in Label)]  # type: ignore[valid-type]
TypeName = Literal[tuple(rel.value for rel in RelType)]  # type: ignore[valid-type]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceOut(Model):
    """One sentence that supports a node or relationship."""

    source: str = Field(description="Id of the Source node (an article or a file).")
    start: int = Field(description="Start of the span in the source's normalised text.")
    end: int = Field(description="End of the span (exclusive).")
    sentence: str = Field(description="The sentence the fact was read from.")

    @classmethod
    def of(cls, e: Evidence) -> "EvidenceOut":
        return cls(source=e.source, start=e.start, end=e.end, sentence=e.sentence)

    @staticmethod
    def row(e: Evidence) -> dict[str, Any]:
        """`of(e)` as the plain data it serialises to (see `api.app._json_rows`)."""
        return {"source": e.source, "start": e.start, "end": e.end, "sentence": e.sentence}


class NodeOut(Model):
    """A node without its evidence list (see `EntityOut`)."""

    id: str
    label: LabelName  # type: ignore[valid-type]
    name: str
    aliases: list[str]
    properties: dict[str, Any]

    @classmethod
    def of(cls, n: Node) -> "NodeOut":
        return cls(id=n.id, label=n.label.value, name=n.name, aliases=sorted(n.aliases),
                   properties=n.properties)

    @staticmethod
    def row(n: Node) -> dict[str, Any]:
        """`of(n)` as the plain data it serialises to (see `api.app._json_rows`)."""
        return {"id": n.id, "label": n.label.value, "name": n.name,
                "aliases": sorted(n.aliases), "properties": n.properties}


class SubgraphNodeOut(NodeOut):
    """A node of a subgraph, with the sentences that support it (its degree, which would
    cost a count per node, is on `/entities/{id}`)."""

    evidence: list[EvidenceOut]

    @classmethod
    def of(cls, n: Node) -> "SubgraphNodeOut":
        return cls.model_validate(SubgraphNodeOut.row(n))

    @staticmethod
    def row(n: Node) -> dict[str, Any]:
        """The plain data a subgraph node serialises to (see `api.app._json_rows`)."""
        row = NodeOut.row(n)
        row["evidence"] = [EvidenceOut.row(e) for e in n.evidence]
        return row


class EntityOut(SubgraphNodeOut):
    """A node with the sentences that support it and its degree."""

    degree: int = Field(description="Relationships at this node, provenance excluded.")

    @classmethod
    def full(cls, n: Node, degree: int) -> "EntityOut":
        return cls(id=n.id, label=n.label.value, name=n.name, aliases=sorted(n.aliases),
                   properties=n.properties, evidence=[EvidenceOut.of(e) for e in n.evidence],
                   degree=degree)



class EdgeOut(Model):
    type: TypeName  # type: ignore[valid-type]
    source: str
    target: str
    properties: dict[str, Any]
    evidence: list[EvidenceOut]

    @classmethod
    def of(cls, e: Edge) -> "EdgeOut":
        return cls(type=e.type.value, source=e.source, target=e.target,
                   properties=e.properties, evidence=[EvidenceOut.of(x) for x in e.evidence])

    @staticmethod
    def row(e: Edge) -> dict[str, Any]:
        """`of(e)` as the plain data it serialises to (see `api.app._json_rows`)."""
        return {"type": e.type.value, "source": e.source, "target": e.target,
                "properties": e.properties, "evidence": [EvidenceOut.row(x) for x in e.evidence]}


class Page(Model, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` to get the next page; null on the last page.")


class Health(Model):
    status: Literal["ok"]
    store: str


class Stats(Model):
    store: str
    nodes: dict[str, int]
    edges: dict[str, int]


class Subgraph(Model):
    """A neighbourhood: nodes (start first, nearest first) and the edges between them."""

    focus: str
    nodes: list[SubgraphNodeOut]
    edges: list[EdgeOut]
    truncated: bool = Field(description="True if `limit` cut nodes off.")
    next_cursor: str | None = None


class PathOut(Model):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class Paths(Model):
    source: str
    target: str
    length: int | None = Field(description="Edges per path; null when none was found.")
    items: list[PathOut]
    next_cursor: str | None = None


class Reason(Model):
    """Why a program is related: `kind` is one of shared_talent_group, part_of,
    same_parent, same_document, same_runner, co_mention, shared_platform_kind,
    similar_name, same_kind."""

    kind: str
    detail: str = Field(description="Human-readable explanation.")
    via: str | None = Field(None, description="Id of the node the reason goes through.")
    weight: float


class RelatedProgram(Model):
    program: NodeOut
    score: float
    reasons: list[Reason]


class DocumentOut(Model):
    document: EntityOut
    doc_number: str | None
    date: str | None
    issuers: list[NodeOut]
    cites: list[NodeOut]
    cited_by: list[NodeOut]
    establishes: list[NodeOut]
    indicators: list[NodeOut]
    totals: dict[str, int] = Field(description="The full length of each list above; the "
                                               "lists show a window of at most `limit`.")
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next window of "
                                                      "every list; null when all are complete.")


class RegionProgramsOut(Model):
    region: NodeOut
    regions: list[NodeOut] = Field(description="The region and the subregions included.")
    programs: Page[NodeOut]
    platforms: Page[NodeOut]


class Observation(Model):
    year: int
    kind: Literal["baseline", "target", "actual"]
    value: float | None


class IndicatorOut(Model):
    indicator: NodeOut
    unit: str | None
    region: str | None
    series: list[Observation] = Field(description="Observations sorted by year, then kind.")
    documents: list[NodeOut]
    measures: list[NodeOut]


class CypherRequest(Model):
    query: str = Field(min_length=1, max_length=20_000)
    parameters: dict[str, Any] = Field(default_factory=dict)
    limit: int = Field(1000, ge=1, le=10_000, description="Row cap.")
    timeout: float = Field(10.0, gt=0, le=60, description="Seconds before the query is stopped.")


class CypherResponse(Model):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


class Added(Model):
    nodes: dict[str, int] = Field(description="New nodes per label.")
    edges: dict[str, int] = Field(description="New relationships per type.")


class IngestResponse(Model):
    file: str
    sources: int = Field(description="Sources (articles) found in the file.")
    nodes: int = Field(description="Nodes extracted from the file, new or already known.")
    relations: int = Field(description="Relationships extracted from the file (provenance "
                                       "excluded), new or already known.")
    warnings: list[str]
    added: Added = Field(description="What the store did not hold before: zero everywhere "
                                     "when the file was ingested already.")
    counts: Stats = Field(description="The store after the upload.")


class ErrorOut(Model):
    """Every error answer: a stable `code` and a message naming what was wrong."""

    code: str
    detail: Any
