"""Stage 5, resolve: `Extraction -> GraphPatch` with canonical names, aliases and
deterministic ids (schema.ids), every node and edge carrying its evidence."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ingest.extract import lexicon as lx
from ingest.extract.names import clean
from ingest.extract.quoted import canonical_doc_number
from ingest.extract.relations import JURISDICTION, MAIN_DOC
from ingest.extract.units import unit_regex
from ingest.gazetteer import Division, get_gazetteer
from ingest.resolve.context import SourceContext, build_context, town_division
from ingest.resolve.indicators import indicator_nodes
from ingest.resolve.units import UnitName, classify_bare, name_unit, national, section
from ingest.split import interpreted_title
from ingest.types import Extraction, Mention
from schema.ids import make_id
from schema.labels import Label, RelType, allows
from schema.model import Edge, Evidence, GraphPatch, Node, merge_evidence

_LEVEL_PREFIX = re.compile(r"^(?:国家级|国家|省级|自治区级|市级|区级|县级|旗级|盟级|[、和及]|国家、自治区级)+")
#: what may stand before a generic platform kind in a text about the kind's instances in
#: one place: a level alone (`县`, `镇`, `乡镇`), a rating (`三星级`), a definition (`本办法
#: 所称`), `各`; and a quoted slogan (`“一站一品”人才驿站`)
_INSTANCE_MODIFIER = re.compile(r"本?办法所称|所称|[县市区镇乡村]|乡镇|村级|镇级|各|各级|[一二三四五两\d]星级")
_SLOGAN_BEFORE = re.compile(r"[“\"][^”\"]{2,8}[”\"]")
#: a title this short after the full one in the same source is a back-reference to it
_SHORT_TITLE = 8
#: a section's name after its unit in a signature (`职业能力建设科`)
_SECTION = re.compile(r"[\u4e00-\u9fff]{2,10}(?:科|室|股|处|中心)")
#: a note that the page gives part of the document: the document is still the whole one
_EXCERPT_NOTE = re.compile(r"[(（](?:节选|摘要|摘编|全文|简版)[)）]$")
_DEICTIC_DOC = re.compile(r"本(?:规划|办法|意见|方案|纲要|措施|通知|条例|规定)")



#: how far into a source a doc number on a line of its own is still the source's own: below
#: an issuer line and a long title (`中共X委组织部 X农业农村局` / `关于…的通知` / `X组通〔2024〕9号`)
_HEAD = 400


def _own_line(text: str, m: Mention) -> bool:
    """Whether the doc-number mention `m` stands alone on its line in the source's head."""
    if m.start >= _HEAD:
        return False
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    return text[start:end if end >= 0 else len(text)].strip() == text[m.start:m.end].strip()

#: a report's title (`关于2023年度人才工作情况的总结`, `…工作报告`, the reply to a deputy's
#: proposal `关于…建议的答复`): it reports on programs (a government's work report sets
#: the year's tasks: not one of them)
_REPORT = re.compile(r"(?:总结|(?<!政府工作)报告|汇报|情况通报|答复)$"
                     # a notice that sets up a leading group or changes its members
                     r"|(?:调整|成立|组建)[^,，。]{0,30}(?:领导小组|委员会|工作组)(?:组成人员|成员)?的通知$"
                     # a reply to a deputy's proposal, a call for applicants or a list made
                     # public, a compilation of others' documents: they apply or collect
                     # programs, they set none up
                     r"|(?:答复|建议|提案)[^,，。]{0,6}函$|招聘[^,，。]{0,40}(?:公告|简章|启事)$|公示$"
                     r"|汇编(?:\s*[(（][^()（）]{1,12}[)）])?$")
#: program heads of events a program holds, apart from the program of the same quoted core
_EVENT_KINDS = frozenset({"招聘会", "专场招聘会", "招聘活动", "大赛", "人才周", "创新创业周", "活动周",
                          "宣传周", "人才节", "论坛"})


def _names_short(title: str, short: str, gaz) -> bool:
    """Whether `title` is the declared short name `short`, alone or after a division's name
    (`某市新政十条` for `新政十条`)."""
    return title == short or (title.endswith(short)
                              and bool(gaz.lookup(title[:-len(short)])))


#: the years a title may end with: `(2024—2026年)`, `(2021-2025年)`
_TRAILING_YEARS = re.compile(r"[(（]\d{4}\s*[—–\-~至]+\s*\d{4}年?[)）]$")


def _without_place(name: str, place: Division | None) -> str:
    """`name` without the name of `place` (full or short) it starts with, if a name of three
    characters or more is left."""
    if place is not None:
        for lead in sorted((place.name, *place.aliases), key=len, reverse=True):
            if lead and name.startswith(lead) and len(name) - len(lead) >= 3:
                return name[len(lead):]
    return name


def _near_region(ctx: SourceContext, near: Division | None, level: str,
                 default: Division | None) -> Division | None:
    """`near` (a region of the `level` char that a unit's sentence names before it:
    `阜南县…由县委组织部设立`) for a unit named by that level alone, if it is the page's place,
    below it, or beside it under one parent (a city's report on its counties); else
    `default`."""
    j = ctx.jurisdiction
    if near is None or j is None or not near.name.endswith(level):
        return default
    if near.path == j.path or near.path.startswith(j.path + "/") or (
            near.parent_path is not None and near.parent_path == j.parent_path):
        return near
    return default


class Resolver:
    """Turns one source's extraction into nodes and edges."""

    def __init__(self) -> None:
        self.gaz = get_gazetteer()

    # ----------------------------------------------------------------------- helpers
    def _evidence(self, ex: Extraction, start: int, end: int) -> Evidence:
        """Evidence of [start, end) with the sentences that hold the whole span (a table
        row or a name holding `?` runs over several), capped at `SENTENCE_CAP` chars."""
        o1, o2 = ex.source.to_original(start, end)
        return Evidence(ex.source.id, start, end, ex.sentence_text(start, end), o1, o2)

    def _region_node(self, patch: GraphPatch, div: Division, ev: Evidence,
                     surface: str | None = None) -> Node:
        """The region of `div`, its ancestors and the PART_OF edges up the chain, each
        with `ev`. Regions are only made here, from the gazetteer, so a region already in
        the patch has this name, aliases and properties: it takes the new evidence and
        surface form without building a node to merge (a source names its regions dozens of
        times; merging built nodes was a tenth of resolve)."""
        nid = make_id(Label.REGION, div.path)
        node = patch.nodes.get(nid)
        if node is None:
            node = patch.add_node(Node(
                nid, Label.REGION, div.name,
                {a for a in (*div.aliases, surface) if a and a != div.name},
                {"path": div.path, "level": div.level, "code": div.code}, [ev]))
        else:
            node.evidence = merge_evidence(node.evidence, [ev])
            if surface and surface != node.name:
                node.aliases.add(surface)
        parent = div.parent_path
        if parent:
            pnode = self._region_node(patch, self.gaz.by_path[parent], ev)
            edge = patch.edges.get((RelType.PART_OF.value, nid, pnode.id))
            if edge is None:
                patch.add_edge(Edge(RelType.PART_OF, nid, pnode.id, {}, [ev]))
            else:
                edge.evidence = merge_evidence(edge.evidence, [ev])
        return node

    def _unit_node(self, patch: GraphPatch, unit: UnitName, ev: Evidence, surface: str = "") -> Node:
        node = patch.add_node(Node(
            make_id(Label.GOV_UNIT, unit.name), Label.GOV_UNIT, unit.name,
            set(unit.aliases) | ({clean(surface)} if surface else set()),
            {"region": unit.region.name if unit.region else None}, [ev]))
        if unit.region is not None:
            rnode = self._region_node(patch, unit.region, ev)
            patch.add_edge(Edge(RelType.LOCATED_IN, node.id, rnode.id, {}, [ev]))
        if unit.parent is not None and unit.name != unit.parent.name and \
                unit.name.startswith(unit.parent.name) and \
                unit.name[len(unit.parent.name):] not in lx.gov_departments().values():
            pnode = self._unit_node(patch, unit.parent, ev)
            patch.add_edge(Edge(RelType.PART_OF, node.id, pnode.id, {}, [ev]))
        return node

    def _region_of_surface(self, ctx: SourceContext, surface: str) -> Division | None:
        if not surface:
            return ctx.jurisdiction
        if len(surface) == 1 or surface in ("自治区", "省"):
            return ctx.division_for_level(surface)
        from ingest.extract.units import region_regex

        last = None
        for m in region_regex().finditer(surface):
            cands = self.gaz.lookup(m.group())
            if cands:
                context = ctx.mentioned | ({last.path} if last else set())
                last = cands[0] if len(cands) == 1 else self.gaz.resolve(cands, context)
        return last

    def _zone_region(self, ctx: SourceContext, zone: str) -> Division | None:
        """The division a high-tech zone is named after (`界首高新区`: 界首市), if any."""
        from ingest.extract.units import zone_place

        place = zone_place(zone)
        for surface in (place, f"{place}市", f"{place}县", f"{place}区") if place else ():
            cands = self.gaz.lookup(surface)
            if cands:
                return cands[0] if len(cands) == 1 else self.gaz.resolve(cands, ctx.mentioned)
        return None

    def parse_unit(self, ctx: SourceContext, text: str, parent: UnitName | None = None) -> UnitName | None:
        """A unit written in a header or byline (`中共乌海市委组织部`, `人才科`, `民政局`)."""
        text = clean(text)
        m = unit_regex().fullmatch(text)
        head = None if m else unit_regex().match(text)
        if head and head.group("r") and _SECTION.fullmatch(text, head.end()):
            # `市人社局职业能力建设科`: a section with a long name, under its unit
            unit = self.parse_unit(ctx, text[:head.end()], parent)
            return section(unit, text[head.end():]) if unit is not None else None
        if m and m.group("r"):
            for mention in _units_in(text):
                div = self._region_of_surface(ctx, mention.attrs["region"])
                if div is not None:
                    return name_unit(self.gaz, div, mention.attrs["kind"], mention.attrs["dept"],
                                     mention.attrs["via_gov"], mention.attrs["section"])
        whole = [u for u in _units_in(text) if (u.start, u.end) == (0, len(text))
                 and u.attrs["kind"] in ("zone", "national")]
        if whole:  # `某高新技术产业开发区管理委员会`, `人力资源社会保障部` signing a document
            unit = whole[0].attrs
            if unit["kind"] == "national":
                return national(unit["dept"])
            div = self._zone_region(ctx, unit["dept"].removesuffix("管理委员会")) \
                or self._region_of_surface(ctx, unit["region"])
            return name_unit(self.gaz, div, "zone", unit["dept"]) if div is not None else None
        bare = classify_bare(text)
        if bare is None:
            return None
        kind, dept, sect = bare
        if kind == "section":
            from ingest.extract.units import region_regex

            place = region_regex().match(text)
            if place:  # `某县融媒体中心` under `某县委组织部`: an organ of the county, no section
                div = self._region_of_surface(ctx, place.group())
                rest = text[place.end():]
                return UnitName(self.gaz.qualified_name(div) + rest, frozenset({text}), div) \
                    if div is not None and len(rest) >= 2 else None
            return section(parent, sect) if parent is not None else None
        if ctx.jurisdiction is None:
            return None
        return name_unit(self.gaz, ctx.jurisdiction, kind, dept, sect=sect)

    # --------------------------------------------------------------------------- run
    def run(self, ex: Extraction) -> GraphPatch:
        src = ex.source
        patch = GraphPatch()
        ctx, regions = build_context(self.gaz, ex)
        whole = Evidence(src.id, 0, min(len(src.text), 60), src.title or src.text[:60].strip(),
                         *src.to_original(0, min(len(src.text), 60)))
        source_node = patch.add_node(Node(
            src.id, Label.SOURCE, src.title or f"{Path(src.file.path).name}#{src.index}", set(),
            {"file": Path(src.file.path).name, "sha256": src.file.sha256, "index": src.index,
             "title": src.title, "kind": src.kind, "date": src.date, "issue": src.issue,
             "publisher": src.publisher, "jurisdiction": ctx.jurisdiction.path if ctx.jurisdiction else None,
             "chars": len(src.text)}, [whole]))
        jur_node = self._region_node(patch, ctx.jurisdiction, whole) if ctx.jurisdiction else None
        publisher = self.parse_unit(ctx, src.publisher) if src.publisher else None
        main_doc = self._main_doc(patch, ex, publisher, whole, ctx) \
            if src.kind == "document" else self._interpreted_doc(patch, ex, whole) \
            if src.kind == "interpretation" else None

        nodes: dict[int, Node] = {}
        program_groups: dict[tuple[str, str], Node] = {}
        long_forms = _platform_long_forms(ex.mentions)
        # documents the text gives a short name (`以下简称“X”`) with their full title
        declared = [m for m in ex.mentions if m.label is Label.POLICY_DOCUMENT
                    and m.attrs.get("short") and m.attrs.get("title")]
        builders = _subregion_builders(ex, ctx, regions)
        # a generic platform that regions within the jurisdiction build is one per region
        # (`支持A、B建设院士工作站`: A's and B's): mention index -> {region mention: node}
        per_region: dict[int, dict[int, Node]] = {}
        for i, m in enumerate(ex.mentions):
            ev = self._evidence(ex, m.start, m.end)
            if m.name in long_forms and m.label is Label.PLATFORM:
                m = replace(m, name=long_forms[m.name])  # (its surface stays an alias)
            if i in builders:
                per_region[i] = {j: self._platform_node(patch, ctx, m, ev, div)
                                 for j, div in builders[i].items()}
                continue
            node = self._mention_node(patch, ctx, regions, i, m, ev, main_doc, program_groups,
                                      declared)
            if node is not None:
                nodes[i] = node
        self._bylines(patch, ctx, ex, source_node, publisher, whole)
        self._signers(patch, ex, nodes, publisher)
        indicator_nodes(self, patch, ex, ctx, main_doc, jur_node, whole)

        reports = bool(_REPORT.search(src.title or ""))
        # a development zone's page: what no one is said to do, its committee does (the
        # zone is no division: the city around it does not run the zone's programs)
        if publisher is not None and publisher.name.endswith(_ZONE_COMMITTEE):
            jur_node = self._unit_node(patch, publisher, whole)
        elif publisher is not None and (zone := _ZONE_PARTY.match(publisher.name)):
            # (a page its party's working committee or a department of that publishes)
            committee = f"{zone.group(1)}管理委员会"
            jur_node = self._unit_node(patch, name_unit(
                self.gaz, publisher.region, "zone", committee), whole)
        for rel in ex.relations:
            if reports and rel.type is RelType.ESTABLISHES and rel.head == MAIN_DOC:
                continue  # a report tells what programs did; it establishes none
            head = jur_node if rel.head == JURISDICTION else main_doc if rel.head == MAIN_DOC else nodes.get(rel.head)
            tail = main_doc if rel.tail == MAIN_DOC else nodes.get(rel.tail)
            pairs = [(head, tail)]
            if rel.tail in per_region:  # its builders build their own; the rest, each
                own = per_region[rel.tail]
                pairs = [] if rel.head == JURISDICTION and rel.type is RelType.BUILDS else \
                    [(head, own[rel.head])] if rel.head in own else \
                    [(head, node) for node in own.values()]
            elif rel.head in per_region:  # (not in the region it is scoped to: that is said)
                pairs = [] if rel.tail in per_region[rel.head] else \
                    [(node, tail) for node in per_region[rel.head].values()]
            for head, tail in pairs:
                if head is None or tail is None or head.id == tail.id:
                    continue
                if tail.label is Label.PLATFORM and head.name == f"{tail.name}管理委员会":
                    continue  # a zone is not built by its own committee: it is where it acts
                if not allows(rel.type, head.label, tail.label):
                    continue
                patch.add_edge(Edge(rel.type, head.id, tail.id, {},
                                    [self._evidence(ex, rel.start, rel.end)]))
        self._unit_hierarchy(patch)
        for node in list(patch.nodes.values()):
            if node.label is not Label.SOURCE and node.evidence:
                mine = [e for e in node.evidence if e.source == src.id]
                if mine:
                    patch.add_edge(Edge(RelType.MENTIONS, src.id, node.id, {}, mine))
        return patch

    # ------------------------------------------------------------------- per label
    def _mention_node(self, patch, ctx, regions, i, m: Mention, ev, main_doc, program_groups,
                      declared=()):
        if m.label is Label.REGION:
            div = regions.get(i) or (ctx.division_for_level(m.attrs["deictic"])
                                     if "deictic" in m.attrs else None)
            # 我市 / 全旗 stand for a region in this source only: evidence, not an alias (as
            # an alias it would name every city whose documents say 我市)
            surface = None if "deictic" in m.attrs else m.text
            return self._region_node(patch, div, ev, surface) if div else None
        if m.label is Label.GOV_UNIT:
            if m.attrs["kind"] == "self":  # `我局`: the page's publisher
                unit = self.parse_unit(ctx, m.attrs["publisher"])
                return self._unit_node(patch, unit, ev) if unit is not None else None
            if m.attrs["kind"] == "national":
                return self._unit_node(patch, national(m.attrs["dept"]), ev, m.text)
            div = town_division(ctx, m.attrs["town"]) if m.attrs.get("town") else \
                self._region_of_surface(ctx, m.attrs["region"]) if m.attrs["region"] \
                else m.attrs["kind"] == "zone" and self._zone_region(
                    ctx, m.attrs["dept"].removesuffix("管理委员会")) or ctx.jurisdiction
            if m.attrs.get("level_region"):
                div = _near_region(ctx, self._region_of_surface(ctx, m.attrs["level_region"]),
                                   m.attrs["region"], div)
            if div is None:
                return None
            unit = name_unit(self.gaz, div, m.attrs["kind"], m.attrs["dept"], m.attrs["via_gov"],
                             m.attrs["section"])
            # a head's title (`县长`) stands for the unit but is no name of it
            return self._unit_node(patch, unit, ev, "" if m.attrs.get("implied")
                                   or m.attrs.get("shared") else m.text)
        if m.label is Label.PERSON:
            return patch.add_node(Node(make_id(Label.PERSON, m.name), Label.PERSON, m.name, set(),
                                       {"title": m.attrs.get("title")}, [ev]))
        if m.label is Label.POLICY_DOCUMENT:
            return self._doc_node(patch, m, ev, main_doc, declared)
        if m.label is Label.PROGRAM:
            return self._program_node(patch, m, ev, program_groups, ctx.jurisdiction)
        if m.label is Label.PLATFORM:
            return self._platform_node(patch, ctx, m, ev)
        if m.label is Label.ORGANIZATION:
            return patch.add_node(Node(make_id(Label.ORGANIZATION, m.name), Label.ORGANIZATION,
                                       m.name, {clean(m.text)} - {m.name},
                                       {"kind": m.attrs.get("kind")}, [ev]))
        if m.label is Label.TALENT_GROUP:
            return patch.add_node(Node(make_id(Label.TALENT_GROUP, m.name), Label.TALENT_GROUP,
                                       m.name, {clean(m.text)} - {m.name}, {}, [ev]))
        return None

    def _doc_node(self, patch, m: Mention, ev, main_doc: Node | None, declared=()) -> Node:
        number = m.attrs.get("doc_number")
        title = m.attrs.get("title") or (m.name if not number or m.name != number else None)
        if title and not number:
            # `《某市新政十条》` where the text declares `《X》(某发〔2023〕5号,以下简称“新政十条”)`
            full = next((d for d in declared if d is not m
                         and _names_short(title, d.attrs["short"], self.gaz)), None)
            if full is not None:
                m = replace(m, attrs={**full.attrs, "short": title})
                number, title = full.attrs.get("doc_number"), full.attrs["title"]
        if main_doc is not None and (
                (number and number in main_doc.aliases | {main_doc.properties.get("doc_number")})
                or (title and (title == main_doc.name or title in main_doc.aliases
                              or (len(title) >= 6 and main_doc.name.endswith(title))))):
            main_doc.evidence = merge_evidence(main_doc.evidence, [ev])
            return main_doc
        if title and not number:
            # `《X》(某发〔2022〕3号)…按照《X》`: the document the source numbered, named again
            numbered = next((n for n in patch.nodes.values() if n.label is Label.POLICY_DOCUMENT
                             and n.properties.get("doc_number")
                             and (n.name == title or title in n.aliases)), None)
            if numbered is not None:
                numbered.evidence = merge_evidence(numbered.evidence, [ev])
                return numbered
        if title and not number and len(title) <= _SHORT_TITLE:
            # `根据《实施办法》` after `《某市人才引进实施办法》`: the same document, named short
            # (its years after the title: `《某市…三年行动方案(2024—2026年)》`, then `《行动方案》`)
            full = next((n for n in patch.nodes.values() if n.label is Label.POLICY_DOCUMENT
                         and len(n.name) > len(title) and _TRAILING_YEARS.sub(
                             "", n.name).endswith(title)), None)
            if full is not None:
                full.evidence = merge_evidence(full.evidence, [ev])
                full.aliases = full.aliases | {title}
                return full
        key = number or title or m.name
        props = {k: m.attrs[k] for k in ("doc_number", "prefix", "year", "serial") if k in m.attrs}
        aliases = {a for a in (number, title, clean(m.text), m.attrs.get("short")) if a}
        name = title or number or m.name
        return patch.add_node(Node(make_id(Label.POLICY_DOCUMENT, key), Label.POLICY_DOCUMENT,
                                   name, aliases - {name}, props, [ev]))

    def _interpreted_doc(self, patch, ex: Extraction, ev) -> Node | None:
        """The document an interpretation page explains (`《X》政策解读`): what the page says
        it cites and establishes, X does. Its number is the one the page gives with its
        title (`《X》(某府办〔2023〕45号)`); its issuer and date are not the page's."""
        title = clean(interpreted_title(ex.source.title) or "")
        if not title:
            return None
        number = next((m.attrs["doc_number"] for m in ex.mentions
                       if m.label is Label.POLICY_DOCUMENT and m.attrs.get("doc_number")
                       and clean(m.attrs.get("title") or "") == title), None)
        aliases = {number} if number else set()
        if number is None:
            # the page names the document by the short name the text declares for it
            # (`《X》(某发〔2023〕5号,以下简称“新政十条”)` under `《某市新政十条》政策解读`)
            declared = next((m for m in ex.mentions if m.label is Label.POLICY_DOCUMENT
                             and m.attrs.get("short") and m.attrs.get("title")
                             and _names_short(title, m.attrs["short"], self.gaz)), None)
            if declared is not None:
                number = declared.attrs.get("doc_number")
                aliases = {a for a in (number, title, declared.attrs["short"]) if a}
                title = declared.attrs["title"]
        props = {"doc_number": number} if number else {}
        return patch.add_node(Node(make_id(Label.POLICY_DOCUMENT, number or title),
                                   Label.POLICY_DOCUMENT, title, aliases - {title},
                                   props, [ev]))

    def _main_doc(self, patch, ex: Extraction, publisher: UnitName | None, ev,
                  ctx: SourceContext) -> Node | None:
        src = ex.source
        given = lx.doc_number_regex().search(src.doc_number) if src.doc_number else None
        number = canonical_doc_number(given) if given else None
        for m in ex.mentions if number is None else ():
            if m.label is Label.POLICY_DOCUMENT and "doc_number" in m.attrs \
                    and "title" not in m.attrs and (m.start < 40 or _own_line(src.text, m)):
                number = m.attrs["doc_number"]
                break
        title = _EXCERPT_NOTE.sub("", clean(src.title)) or None if src.title else None
        if title and "|" in title:  # `口号 | 某某公告`: the document is what follows the bar
            title = title.rsplit("|", 1)[1] or None
        head, about, rest = (title or "").partition("关于")
        issuers = src.title.partition("关于")[0].split() if about and head else []
        if len(issuers) > 1 and all(self.parse_unit(ctx, part) is not None for part in issuers):
            # `中共某县委办公室 某县人民政府办公室关于…的通知`: the joint issuers before the
            # title (the whole line stays a name of it; one organ glued to 关于 is kept, the
            # way a bulletin's title is printed)
            title = about + rest
        if number is None and title is None:
            return None  # a document with neither title nor number has no name to go by
        key = number or title
        aliases = {a for a in (number, src.title and src.title.strip(), title) if a}
        aliases |= set(_DEICTIC_DOC.findall(src.text))
        props = {"doc_number": number, "date": src.date,
                 "issuer": publisher.name if publisher else None}
        node = patch.add_node(Node(make_id(Label.POLICY_DOCUMENT, key), Label.POLICY_DOCUMENT,
                                   title or number, aliases - {title}, props, [ev]))
        if publisher is not None:
            unode = self._unit_node(patch, publisher, ev, src.publisher or "")
            patch.add_edge(Edge(RelType.ISSUED, unode.id, node.id, {}, [ev]))
        for text in src.co_publishers:  # a joint document's other issuers
            other = self.parse_unit(ctx, text)
            if other is not None:
                onode = self._unit_node(patch, other, ev, text)
                patch.add_edge(Edge(RelType.ISSUED, onode.id, node.id, {}, [ev]))
        return node

    def _program_node(self, patch, m: Mention, ev, groups,
                      place: Division | None = None) -> Node:
        core = m.attrs.get("quoted")
        kind = m.attrs.get("kind", "")
        aliases = set(m.attrs.get("aliases", [])) | {clean(m.text)}
        if core and kind not in _EVENT_KINDS:
            aliases.add(core)
        elif core:
            aliases.discard(core)  # `春风` names the action, not its job fair
        # one quoted core is one program in any of its forms (`“春风”行动`, `“春风”活动`),
        # except a job fair: an event that the program holds (`“春风”人才招聘会`)
        # (the page's own place before it is no other program: `“某市人才服务卡”`, then
        # `“人才服务卡”`)
        group_key = (_without_place(core or m.name, place),
                     kind if not core or kind in _EVENT_KINDS else "")
        have = groups.get(group_key)
        name = have.name if have is not None else m.name
        node = patch.add_node(Node(make_id(Label.PROGRAM, name), Label.PROGRAM, name,
                                   (aliases | {m.name}) - {name}, {"kind": kind}, [ev]))
        groups.setdefault(group_key, node)
        return node

    def _platform_node(self, patch, ctx: SourceContext, m: Mention, ev,
                       region: Division | None = None) -> Node:
        """`region`: the one it is scoped to, if not the source's jurisdiction."""
        from ingest.extract.units import zone_name

        name = zone_name(m.name)  # (`某某高新区` is the 高新技术产业开发区: its short name)
        props: dict = {"kind": m.attrs.get("kind")}
        if m.attrs.get("count"):
            props["count"] = m.attrs["count"]
        region = region or ctx.jurisdiction
        from ingest.extract.units import region_regex

        lead = region_regex().match(name)
        # a place before a generic kind (ranked or not) is the region of that kind's node
        # (`临河区人才驿站`, `湘潭市国家级技能大师工作室`); before any other kind it is part
        # of a proper name (`某市高新区`)
        if lead:
            rank = _LEVEL_PREFIX.match(name, lead.end())
            if name[rank.end() if rank else lead.end():] in lx.standalone_kinds():
                cands = self.gaz.lookup(lead.group())
                region = cands[0] if len(cands) == 1 else region
                name = name[lead.end():]
        level = _LEVEL_PREFIX.match(name)
        if level and len(name) - level.end() >= 3:
            props["level"] = level.group()
            name = name[level.end():]
        kind = m.attrs.get("kind") or ""
        if kind in lx.standalone_kinds() and name.endswith(kind) and name != kind and (
                _INSTANCE_MODIFIER.fullmatch(name[:-len(kind)])
                or _SLOGAN_BEFORE.fullmatch(m.text[:-len(kind)])):
            name = kind  # `县人才驿站`, `三星级人才驿站`, `“一站一品”人才驿站`: the kind's node
        props["region"] = region.name if region else None
        key = f"{region.path if region else ''}|{name}"
        return patch.add_node(Node(make_id(Label.PLATFORM, key), Label.PLATFORM, name,
                                   {clean(m.text), m.name} - {name}, props, [ev]))

    def _bylines(self, patch, ctx, ex: Extraction, source_node: Node, publisher, ev) -> None:
        src = ex.source
        if publisher is not None:
            unode = self._unit_node(patch, publisher, ev, src.publisher or "")
            if not any(b.units for b in src.bylines):  # (an author alone: the page's unit)
                patch.add_edge(Edge(RelType.AUTHORED, unode.id, source_node.id, {}, [ev]))
        for byline in src.bylines:
            pos = src.text.rfind(byline.raw) if byline.raw else -1
            bev = self._evidence(ex, pos, pos + len(byline.raw)) if pos >= 0 else Evidence(
                src.id, 0, 0, byline.raw, -1, -1)
            # (where each is written in the signature: `A 某 B 某某` pairs each unit with
            # the names after it; otherwise every name is of every unit)
            placed = [(byline.raw.find(t), self._unit_node(patch, u, bev, t))
                      for t in byline.units if (u := self.parse_unit(ctx, t, publisher))]
            for _, un in placed:
                patch.add_edge(Edge(RelType.AUTHORED, un.id, source_node.id, {}, [bev]))
            at = [byline.raw.find(p) for p in byline.persons]
            paired = bool(at) and any(pos > min(at) for pos, _ in placed)
            for person, ppos in zip(byline.persons, at):
                pnode = patch.add_node(Node(make_id(Label.PERSON, person), Label.PERSON, person,
                                            set(), {}, [bev]))
                patch.add_edge(Edge(RelType.AUTHORED, pnode.id, source_node.id, {}, [bev]))
                before = [un for pos, un in placed if pos < ppos]
                for un in (before[-1:] if paired and before else [un for _, un in placed]):
                    patch.add_edge(Edge(RelType.MEMBER_OF, pnode.id, un.id, {}, [bev]))

    def _signers(self, patch, ex: Extraction, nodes: dict[int, Node], publisher) -> None:
        """The official who signed a document off (`签发人:某某` by its number) is a member
        of its issuer."""
        if publisher is None:
            return
        for i, m in enumerate(ex.mentions):
            if m.label is Label.PERSON and m.attrs.get("title") == "签发人" and i in nodes:
                ev = self._evidence(ex, m.start, m.end)
                unode = self._unit_node(patch, publisher, ev, ex.source.publisher or "")
                patch.add_edge(Edge(RelType.MEMBER_OF, nodes[i].id, unode.id, {}, [ev]))

    def _unit_hierarchy(self, patch: GraphPatch) -> None:
        """A department PART_OF its committee or government when both are in the patch."""
        units = {n.name: n for n in patch.nodes.values() if n.label is Label.GOV_UNIT}
        for name, node in units.items():
            for other_name, other in units.items():
                if other is node or not name.startswith(other_name) or len(name) <= len(other_name):
                    continue
                rest = name[len(other_name):]
                if other_name.endswith(("委员会", "人民政府", "部")) or rest.endswith(("科", "室", "中心")):
                    ev = node.evidence[:1]
                    patch.add_edge(Edge(RelType.PART_OF, node.id, other.id, {}, ev))
                    break


#: how long a modifier a generic kind may have and stay generic (`青年人才驿站`,
#: `科技企业孵化器`): one node per region, not a proper name
_GENERIC_MODIFIER = 4


def _generic_platform(name: str) -> bool:
    """Whether a platform name is a generic kind (possibly with a short modifier, never
    with a place before it)."""
    from ingest.extract.units import region_regex

    if region_regex().match(name):
        return False
    return any(name.endswith(kind) and len(name) - len(kind) <= _GENERIC_MODIFIER
               for kind in lx.standalone_kinds())


def _subregion_builders(ex: Extraction, ctx: SourceContext,
                        regions: dict[int, Division]) -> dict[int, dict[int, Division]]:
    """Platform mentions that regions within the jurisdiction are said to build (BUILDS
    from a region mention), each its own: a generic kind (`支持A建设院士工作站`: A's), or
    any platform several of them build (`A、B分别建成人才服务中心`: one each). Mention
    index -> {region mention: its division}."""
    jur = ctx.jurisdiction
    if jur is None:
        return {}
    out: dict[int, dict[int, Division]] = {}
    for rel in ex.relations:
        if rel.type is not RelType.BUILDS or rel.head < 0 or rel.tail < 0:
            continue
        div = regions.get(rel.head)
        if div is None or ex.mentions[rel.tail].label is not Label.PLATFORM \
                or div.path == jur.path or jur.path not in div.ancestors():
            continue
        out.setdefault(rel.tail, {})[rel.head] = div
    return {i: divs for i, divs in out.items() if not ex.mentions[i].attrs.get("joint")
            and (len(divs) > 1 or _generic_platform(ex.mentions[i].name))}


#: how a development zone's committee's name ends (`units.zone_name` + 管理委员会)
_ZONE_COMMITTEE = tuple(f"{kind}管理委员会" for kind in (
    "高新技术产业开发区", "经济技术开发区", "经济开发区", "开发区", "经开区", "新区", "工业园区",
    "产业园区", "试验区", "示范区", "保税区"))


#: a development zone's party working committee or a department of it (`中共某开发区工作委员会…`)
_ZONE_PARTY = re.compile(rf"^中共(.+?(?:{'|'.join(k.removesuffix('管理委员会') for k in _ZONE_COMMITTEE)}))"
                         r"工作委员会")


def _units_in(text: str) -> list[Mention]:
    from ingest.extract.units import find_units

    return list(find_units(text))


def resolve(ex: Extraction) -> GraphPatch:
    return Resolver().run(ex)


def _platform_long_forms(mentions: list[Mention]) -> dict[str, str]:
    """Short names of platforms that the same source also names with their place before
    them (`贡柑产业专家工作站` and `仁化县贡柑产业专家工作站`): short name -> the long one, so
    both are one node. Not for a generic kind: a place before it is the kind's region."""
    from ingest.extract.units import region_regex

    names = {m.name for m in mentions if m.label is Label.PLATFORM}
    out: dict[str, str] = {}
    for name in sorted(names):
        lead = region_regex().match(name)
        rest = name[lead.end():] if lead else ""
        if rest in names and rest not in lx.standalone_kinds() and len(rest) >= 4:
            out.setdefault(rest, name)
    # a zone's short name (`某某开发区`) beside its full one (`某某经济技术开发区`)
    for name in sorted(names):
        if name.endswith("开发区") and len(name) >= 5 and not name.endswith(_ZONE_FULL):
            full = [n for n in names if n.startswith(name[:-3]) and n.endswith(_ZONE_FULL)]
            if len(full) == 1:
                out.setdefault(name, full[0])
    return out


_ZONE_FULL = ("经济技术开发区", "经济开发区", "高新技术产业开发区")
