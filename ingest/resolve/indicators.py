"""Indicator nodes from table rows: one node per (region, name, unit), all observations.

The same indicator in two tables of one document is one node. Rows match when their
canonical names agree (talent categories through the talent vocabulary:
`经营管理人才` = `企业经营管理人才`), or when they share unit, a name prefix of four or more
characters and a value that links the tables (one table's actual of a year is the next
table's baseline of that year).
"""
from __future__ import annotations

import os
import re

from ingest.extract import lexicon as lx
from ingest.extract.names import clean
from ingest.types import Extraction, IndicatorRow
from schema.ids import make_id
from schema.labels import Label, RelType
from schema.model import Edge, GraphPatch, Node


def _linked(a: IndicatorRow, b: IndicatorRow) -> bool:
    if a.unit != b.unit or len(os.path.commonprefix([a.name, b.name])) < 4:
        return False
    actual = {(v["year"], v["value"]) for v in a.values if v["kind"] == "actual"}
    base = {(v["year"], v["value"]) for v in b.values if v["kind"] == "baseline"}
    return bool(actual & base)


def _platform_name(name: str) -> str | None:
    first = name.split("、")[-1] if name.startswith(("国家级", "省级", "自治区级")) else name.split("、")[0]
    first = re.sub(r"^(?:国家级|省级|自治区级|市级|区级|县级|旗级)+", "", first)
    for kind in sorted(lx.platform_kinds(), key=lambda w: (-len(w), w)):
        if first.endswith(kind):
            return first
    return None


def indicator_nodes(resolver, patch: GraphPatch, ex: Extraction, ctx, main_doc: Node | None,
                    jur_node: Node | None, whole) -> None:
    canon = lx.talent_canon()
    region = ctx.jurisdiction
    groups: list[tuple[str, IndicatorRow, list[IndicatorRow]]] = []
    for row in ex.indicators:
        name = clean(row.name)
        cname = canon.get(name, name)
        for key, first, members in groups:
            if key == cname and first.unit == row.unit or any(_linked(m, row) for m in members):
                members.append(row)
                break
        else:
            groups.append((cname, row, [row]))
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
        if cname in canon.values():
            tnode = patch.add_node(Node(make_id(Label.TALENT_GROUP, cname), Label.TALENT_GROUP,
                                        cname, set(), {}, [ev]))
            patch.add_edge(Edge(RelType.MEASURES, node.id, tnode.id, {}, [ev]))
        pname = _platform_name(clean(first.name))
        if pname and jur_node is not None:
            pkey = f"{region.path}|{pname}"
            pnode = patch.add_node(Node(make_id(Label.PLATFORM, pkey), Label.PLATFORM, pname,
                                        set(), {"region": region.name}, [ev]))
            patch.add_edge(Edge(RelType.BUILDS, jur_node.id, pnode.id, {}, [ev]))
