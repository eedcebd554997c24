"""Node labels and relationship types of design.md §2–§3: the one allow-list.

Everything that writes or queries the graph (extraction, resolve, stores, export, Cypher)
takes its labels and relationship types from here, never from a literal of its own.
"""
from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    REGION = "Region"
    GOV_UNIT = "GovUnit"
    ORGANIZATION = "Organization"
    PERSON = "Person"
    POLICY_DOCUMENT = "PolicyDocument"
    PROGRAM = "Program"
    PLATFORM = "Platform"
    TALENT_GROUP = "TalentGroup"
    INDICATOR = "Indicator"
    SOURCE = "Source"


class RelType(StrEnum):
    PART_OF = "PART_OF"
    LOCATED_IN = "LOCATED_IN"
    ISSUED = "ISSUED"
    CITES = "CITES"
    ESTABLISHES = "ESTABLISHES"
    RUNS = "RUNS"
    BUILDS = "BUILDS"
    TARGETS = "TARGETS"
    HAS_INDICATOR = "HAS_INDICATOR"
    MEASURES = "MEASURES"
    COOPERATES_WITH = "COOPERATES_WITH"
    MEMBER_OF = "MEMBER_OF"
    AUTHORED = "AUTHORED"
    MENTIONS = "MENTIONS"


L, R = Label, RelType

#: Which (from label, to label) pairs each relationship type allows (design.md §3).
ENDPOINTS: dict[RelType, frozenset[tuple[Label, Label]]] = {
    R.PART_OF: frozenset({(L.REGION, L.REGION), (L.GOV_UNIT, L.GOV_UNIT), (L.PROGRAM, L.PROGRAM)}),
    R.LOCATED_IN: frozenset({(L.GOV_UNIT, L.REGION), (L.PLATFORM, L.REGION), (L.ORGANIZATION, L.REGION)}),
    R.ISSUED: frozenset({(L.GOV_UNIT, L.POLICY_DOCUMENT)}),
    R.CITES: frozenset({(L.POLICY_DOCUMENT, L.POLICY_DOCUMENT)}),
    R.ESTABLISHES: frozenset({(L.POLICY_DOCUMENT, L.PROGRAM)}),
    R.RUNS: frozenset({(L.REGION, L.PROGRAM), (L.GOV_UNIT, L.PROGRAM)}),
    R.BUILDS: frozenset({(L.REGION, L.PLATFORM), (L.GOV_UNIT, L.PLATFORM)}),
    R.TARGETS: frozenset({(L.PROGRAM, L.TALENT_GROUP)}),
    R.HAS_INDICATOR: frozenset({(L.POLICY_DOCUMENT, L.INDICATOR)}),
    R.MEASURES: frozenset({(L.INDICATOR, L.TALENT_GROUP)}),
    R.COOPERATES_WITH: frozenset({(a, L.ORGANIZATION) for a in (L.REGION, L.GOV_UNIT, L.PLATFORM)}),
    R.MEMBER_OF: frozenset({(L.PERSON, L.GOV_UNIT)}),
    R.AUTHORED: frozenset({(L.GOV_UNIT, L.SOURCE), (L.PERSON, L.SOURCE)}),
    R.MENTIONS: frozenset({(L.SOURCE, lab) for lab in Label if lab is not L.SOURCE}),
}

#: Id prefixes: readable in URLs and logs, one per label.
ID_PREFIX: dict[Label, str] = {
    L.REGION: "region",
    L.GOV_UNIT: "govunit",
    L.ORGANIZATION: "org",
    L.PERSON: "person",
    L.POLICY_DOCUMENT: "doc",
    L.PROGRAM: "program",
    L.PLATFORM: "platform",
    L.TALENT_GROUP: "talent",
    L.INDICATOR: "indicator",
    L.SOURCE: "source",
}

INDICATOR_KINDS = ("baseline", "target", "actual")


def parse_label(value: str) -> Label:
    """The `Label` named by `value`; raises `UnknownLabelError` for anything else."""
    from schema.errors import UnknownLabelError

    try:
        return Label(value)
    except ValueError:
        raise UnknownLabelError(value) from None


def parse_rel_type(value: str) -> RelType:
    """The `RelType` named by `value`; raises `UnknownRelTypeError` for anything else."""
    from schema.errors import UnknownRelTypeError

    try:
        return RelType(value)
    except ValueError:
        raise UnknownRelTypeError(value) from None


def allows(rel: RelType, head: Label, tail: Label) -> bool:
    """Whether design.md permits `head -[rel]-> tail`."""
    return (head, tail) in ENDPOINTS[rel]
