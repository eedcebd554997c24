"""What a source is about: its jurisdiction and the divisions its region mentions mean.

The jurisdiction is the division the source speaks for: the region most mentioned, with
extra weight for the title, the publisher and the bylines, preferring the more specific of
a county and its own city (a county page mentions its city in passing). Deictic mentions
(`我市`, `全旗`, one-character `市委`) resolve against it: to the jurisdiction itself when
the level matches, else to its ancestor of that level (`全市` on a county page is the city).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from ingest.gazetteer import Division, Gazetteer
from ingest.types import Extraction
from schema.labels import Label

_LEVEL_OF_CHAR = {"省": "province", "自治区": "province", "市": "city", "州": "city",
                  "盟": "city", "区": "county", "县": "county", "旗": "county",
                  "镇": "town", "乡": "town"}


@dataclass
class SourceContext:
    gaz: Gazetteer
    jurisdiction: Division | None
    mentioned: set[str] = field(default_factory=set)  # paths of resolved region mentions

    def division_for_level(self, char: str) -> Division | None:
        """The division a one-character region part (`市`, `区`, `自治区`) names."""
        j = self.jurisdiction
        if j is None:
            return None
        level = _LEVEL_OF_CHAR.get(char)
        if char == "区" and j.level == "province" and j.name.endswith("自治区"):
            return j
        if level == j.level and (len(char) > 1 or j.name.endswith(char)):
            return j
        if char == "市" and j.level == "county" and j.name.endswith("市"):
            return j  # a county-level city's own 市政府, not its prefecture's
        if level is None:
            return j
        if level == "town":
            return None  # (`镇党委` on a page that is not a town's: which town is not said)
        for path in reversed(j.ancestors()):
            div = self.gaz.by_path[path]
            if div.level == level:
                if char == "自治区" and not div.name.endswith("自治区"):
                    return None
                return div
        if level == "county" and j.level == "county":
            # `区教育局` in a county's (某县) text that names one district: that district's
            # (a county has no 区 of its own; a text of two partners names both)
            if char != j.name[-1]:
                named = {d.path for p in self.mentioned if (d := self.gaz.by_path.get(p))
                         and d.level == "county" and d.name.endswith(char)}
                if len(named) == 1:
                    return self.gaz.by_path[named.pop()]
            return j
        if char == "市" and j.ancestors():
            top = self.gaz.by_path[j.ancestors()[0]]
            if top.name.endswith("市"):
                return top  # a municipality's district: its 市委 is the municipality's
        return None


def _resolve_mention(gaz: Gazetteer, paths: list[str], context: set[str]) -> Division:
    cands = [gaz.by_path[p] for p in paths]
    if len(cands) == 1:
        return cands[0]
    return gaz.resolve(cands, context)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted, non-nested `spans`."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def build_context(gaz: Gazetteer, ex: Extraction) -> tuple[SourceContext, dict[int, Division]]:
    """The source's context and the division of every non-deictic region mention."""
    src = ex.source
    region_ms = [(i, m) for i, m in enumerate(ex.mentions)
                 if m.label is Label.REGION and "candidates" in m.attrs]
    unambiguous = {m.attrs["candidates"][0] for _, m in region_ms if len(m.attrs["candidates"]) == 1}
    # the header/byline text may name regions too (publisher, author units)
    extra = " ".join(filter(None, [src.title, src.publisher,
                                   *(" ".join(b.units) for b in src.bylines)]))
    extra_paths: list[str] = []
    if extra:
        from ingest.extract.units import region_regex

        for m in region_regex().finditer(extra):
            cands = gaz.lookup(m.group())
            if len(cands) == 1:
                extra_paths.append(cands[0].path)
    context = unambiguous | set(extra_paths)
    resolved: dict[int, Division] = {}
    for i, m in region_ms:
        cands = m.attrs["candidates"]
        if len(cands) > 1 and not any(a in context for c in cands for a in gaz.by_path[c].ancestors()):
            continue  # `新城区` with nothing around it saying which one: not a region mention
        resolved[i] = _resolve_mention(gaz, cands, context)
    # weights; a place inside an organisation's name (`清华大学深圳国际研究生院`, a visiting
    # university) says where the organisation is, not whose document this is
    orgs = sorted((m.start, m.end) for m in ex.mentions if m.label is Label.ORGANIZATION)
    votes: Counter[str] = Counter()
    for i, div in resolved.items():
        if not _inside(orgs, ex.mentions[i].start, ex.mentions[i].end):
            votes[div.path] += 1
    for p in extra_paths:
        votes[p] += 3
    title = src.title or ""
    for i, m in region_ms:
        if i in resolved and m.start < max(len(title), 1) + 2 and not _inside(orgs, m.start,
                                                                               m.end):
            votes[resolved[i].path] += 2
    jurisdiction = None
    if votes:
        best_path, best = votes.most_common(1)[0]
        # prefer a descendant that is nearly as present (a county over its own city), and
        # far more present than any other of its descendants (a city's digest of its
        # counties' news is the city's)
        top = best_path
        for path, n in votes.most_common():
            if path.startswith(top + "/") and n * 2 >= best:
                others = max((v for p, v in votes.items() if p.startswith(top + "/")
                              and p != path and not path.startswith(p + "/")
                              and not p.startswith(path + "/")), default=0)
                if n >= 2 * others:
                    best_path = path
                break
        jurisdiction = gaz.by_path[best_path]
    ctx = SourceContext(gaz, jurisdiction, {d.path for d in resolved.values()})
    # a town is the one of the county that the source is about or names (no vote of its
    # own: a county's text names its towns more often than itself)
    for i, m in enumerate(ex.mentions):
        if m.label is Label.REGION and "town" in m.attrs:
            div = town_division(ctx, m.attrs["town"])
            if div is not None:
                resolved[i] = div
                # a page whose title opens with a town (`某镇:“X”工程引来…`) is that town's
                if title.lstrip().startswith(m.text) and jurisdiction is not None \
                        and jurisdiction.path in div.ancestors():
                    ctx.jurisdiction = div
    return ctx, resolved


def town_division(ctx: SourceContext, paths: list[str]) -> Division | None:
    """The town of those named `paths` whose county the source is about or names."""
    known = ctx.mentioned | ({ctx.jurisdiction.path} if ctx.jurisdiction else set())
    found = [p for p in paths if p.rsplit("/", 1)[0] in known]
    return ctx.gaz.by_path[found[0]] if len(found) == 1 else None
