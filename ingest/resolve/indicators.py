"""Indicator nodes from table rows: one node per (region, name, unit), all observations.

The same indicator in two tables of one document is one node. Rows match when their
canonical names agree (talent categories through the talent vocabulary:
`经营管理人才` = `企业经营管理人才`), or when they share unit, a name prefix of four or more
characters and a value that links the tables (one table's actual of a year is the next
table's baseline of that year).
"""
from __future__ import annotations

import re

from ingest.extract import lexicon as lx
from ingest.extract.names import clean
from ingest.types import Extraction, IndicatorRow
from schema.ids import make_id
from schema.labels import Label, RelType
from schema.model import Edge, GraphPatch, Node


def _link_keys(row: IndicatorRow, kind: str) -> list[tuple]:
    """`row`'s link keys for its values of `kind`: (unit, first four characters of the
    raw name, year, value). An earlier row links to a later one when one of its actual
    keys is one of the later row's baseline keys: same unit, a common name prefix of four
    or more characters, and an actual of a year that is the baseline of that year."""
    if len(row.name) < 4:
        return []
    return [(row.unit, row.name[:4], v["year"], v["value"]) for v in row.values if v["kind"] == kind]


def _group(rows: list[IndicatorRow], canon: dict[str, str]) -> list[tuple[str, IndicatorRow, list[IndicatorRow]]]:
    """Rows grouped into indicators, in order: a row joins the earliest group whose first
    row has its canonical name and unit, or that has a member linked to it; else it
    starts a group. Indexed by those keys, so a table of n rows takes O(n) look-ups (a scan
    of every member of every earlier group was quadratic: 4,000 rows took 40 s)."""
    groups: list[tuple[str, IndicatorRow, list[IndicatorRow]]] = []
    by_name: dict[tuple[str, str], int] = {}  # (canonical name, unit) → its group
    by_actual: dict[tuple, int] = {}  # link key of a member's actual → earliest group
    for row in rows:
        name = clean(row.name)
        cname = canon.get(name, name)
        found = [i for i in (by_name.get((cname, row.unit)),
                             *(by_actual.get(k) for k in _link_keys(row, "baseline"))) if i is not None]
        if found:
            gi = min(found)
            groups[gi][2].append(row)
        else:
            gi = len(groups)
            groups.append((cname, row, [row]))
            by_name[(cname, row.unit)] = gi
        for k in _link_keys(row, "actual"):
            by_actual[k] = min(gi, by_actual.get(k, gi))
    return groups


#: what an indicator's name says of its platforms before naming them: a verb of adding
#: (`新建`, `新认定`) and levels (`省级`, `市级以上`)
_PLATFORM_LEAD = re.compile(r"^(?:新建|新增|新认定|认定|建成|新获批|获批|新设)?"
                            r"(?:(?:国家|省|自治区|市|区|县|旗)级(?:及?以上)?)*")
#: a count of a talent group (`高层次人才数量`): the indicator measures the group
_COUNT_OF = re.compile(r"(?:数量|总量|总数|人数)$")
#: ...and a flow of one (`新增高技能人才`, `新引进博士`)
_FLOW_OF = re.compile(r"^(?:新增|新引进|新培育|引进|培育|培养)")


def _platform_name(name: str) -> str | None:
    first = name.split("、")[-1] if name.startswith(("国家级", "省级", "自治区级")) else name.split("、")[0]
    first = _PLATFORM_LEAD.sub("", first)
    for kind in sorted(lx.platform_kinds(), key=lambda w: (-len(w), w)):
        if first.endswith(kind):
            return first
    return None


def indicator_nodes(resolver, patch: GraphPatch, ex: Extraction, ctx, main_doc: Node | None,
                    jur_node: Node | None, whole) -> None:
    canon = lx.talent_canon()
    region = ctx.jurisdiction
    groups = _group(ex.indicators, canon)
    for cname, first, members in groups:
        ev = resolver._evidence(ex, first.start, first.end)
        values = list({(v["year"], v["kind"]): v for m in reversed(members) for v in m.values}.values())
        values.sort(key=lambda v: (v["year"], v["kind"]))
        aliases = {clean(m.name) for m in members} - {cname}
        props = {"unit": first.unit, "region": region.name if region else None,
                 "category": first.category, "values": values}
        key = f"{region.path if region else ''}|{cname}|{first.unit}"
        node = patch.add_node(Node(make_id(Label.INDICATOR, key), Label.INDICATOR, cname,
                                   aliases, props, [ev]))
        if main_doc is not None:
            patch.add_edge(Edge(RelType.HAS_INDICATOR, main_doc.id, node.id, {}, [ev]))
        group = cname if cname in canon.values() else _COUNT_OF.sub("", _FLOW_OF.sub("", cname))
        if group in canon.values():
            tnode = patch.add_node(Node(make_id(Label.TALENT_GROUP, group), Label.TALENT_GROUP,
                                        group, set(), {}, [ev]))
            patch.add_edge(Edge(RelType.MEASURES, node.id, tnode.id, {}, [ev]))
        pname = _platform_name(clean(first.name))
        if pname and jur_node is not None:
            pkey = f"{region.path}|{pname}"
            pnode = patch.add_node(Node(make_id(Label.PLATFORM, pkey), Label.PLATFORM, pname,
                                        set(), {"region": region.name}, [ev]))
            patch.add_edge(Edge(RelType.BUILDS, jur_node.id, pnode.id, {}, [ev]))
