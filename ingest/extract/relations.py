"""Relation candidates between mentions of one source.

Heads and tails are indexes into the mention list; two pseudo-mentions stand for the
source's context and are resolved later: `JURISDICTION` (the region the source is about)
and `MAIN_DOC` (the policy document the source is, when it is one).
"""
from __future__ import annotations

import re

from ingest.types import Mention, RelationMention
from schema.labels import Label, RelType

JURISDICTION = -1
MAIN_DOC = -2

_ISSUE_VERB = re.compile(r"制定|印发|出台|颁布|下发|发布|修订|联合")
_COOP_VERB = re.compile(r"合作|推出|共建|联合|签约|对接|携手|战略")
_BUILD_AT = re.compile(r"在([\u4e00-\u9fff、,，]{2,24}?)(?:等地)?(?:设立|建立|建设|组建|布局)")
_ENUM_TOTAL = re.compile(r"等([一二三四五六七八九十两\d]+)(?:大|项|个)")
_COUNTED = re.compile(r"^[一二三四五六七八九十两\d]+(?:大|项|个)")
_BOX = re.compile(r"^专栏\s*\d+")


def _in(a: Mention, b: Mention) -> bool:
    return b.start <= a.start and a.end <= b.end


class RelationFinder:
    def __init__(self, text: str, mentions: list[Mention], sentences: list[tuple[int, int]],
                 is_document: bool):
        self.text = text
        self.m = mentions
        self.sentences = sentences
        self.is_document = is_document
        self.out: list[RelationMention] = []

    def add(self, rel: RelType, head: int, tail: int, span: tuple[int, int]) -> None:
        self.out.append(RelationMention(rel, head, tail, span[0], span[1]))

    def of(self, *labels: Label) -> list[int]:
        return [i for i, m in enumerate(self.m) if m.label in labels]

    def sentence(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return (s, e)
        return (0, len(self.text))

    def run(self) -> list[RelationMention]:
        progs = self.of(Label.PROGRAM)
        self._runs_and_builds(progs)
        self._targets(progs)
        self._program_parts(progs)
        self._documents(progs)
        self._cooperation()
        self._members()
        self._located()
        return self.out

    # -- who runs / builds ------------------------------------------------------------
    def _qualifier_region(self, i: int) -> int:
        """A region mention right before mention i (`全市“百千万”人才工程`)."""
        start = self.m[i].start
        for j in self.of(Label.REGION):
            if 0 <= start - self.m[j].end <= 1:
                return j
        return JURISDICTION

    def _runs_and_builds(self, progs: list[int]) -> None:
        for i in progs:
            self.add(RelType.RUNS, self._qualifier_region(i), i, (self.m[i].start, self.m[i].end))
        for i in self.of(Label.PLATFORM):
            p = self.m[i]
            self.add(RelType.BUILDS, JURISDICTION, i, (p.start, p.end))
            s, e = self.sentence(p.start)
            for where in _BUILD_AT.finditer(self.text, s, p.start):
                for j in self.of(Label.REGION):
                    if where.start(1) <= self.m[j].start < where.end(1):
                        self.add(RelType.LOCATED_IN, i, j, (s, e))

    # -- programs -----------------------------------------------------------------------
    def _targets(self, progs: list[int]) -> None:
        talents = self.of(Label.TALENT_GROUP)
        for i in progs:
            p = self.m[i]
            lo = p.start - len(p.attrs.get("qualifier", ""))
            for t in talents:
                tm = self.m[t]
                if lo <= tm.start and tm.end <= p.end:
                    self.add(RelType.TARGETS, i, t, (lo, p.end))

    def _item_programs(self, line_start: int, line_end: int, progs: list[int]) -> list[int]:
        """Programs that open an item of a box: `名称:说明`."""
        items = []
        for i in progs:
            p = self.m[i]
            if line_start <= p.start < line_end and self.text[p.end:p.end + 1] in (":", "："):
                items.append(i)
        return items

    def _program_parts(self, progs: list[int]) -> None:
        text = self.text
        # boxes: 专栏N <title program> / items `X工程:…` / programs inside an item's text
        pos = 0
        lines = text.split("\n")
        offsets = []
        for line in lines:
            offsets.append((pos, pos + len(line)))
            pos += len(line) + 1
        for n, (s, e) in enumerate(offsets):
            if not _BOX.match(text[s:e]):
                continue
            title_progs = [i for i in progs if s <= self.m[i].start < e]
            k = n + 1
            while k < len(offsets) and text[offsets[k][0]:offsets[k][1]].rstrip().endswith("|") is False \
                    and k < n + 2:
                k += 1
            if k >= len(offsets):
                continue
            bs, be = offsets[k]
            items = self._item_programs(bs, be, progs)
            for it in items:
                for t in title_progs:
                    self.add(RelType.PART_OF, it, t, (bs, be))
            for idx, it in enumerate(items):
                end = self.m[items[idx + 1]].start if idx + 1 < len(items) else be
                for j in progs:
                    if j != it and self.m[it].end < self.m[j].start < end:
                        self.add(RelType.PART_OF, j, it, (self.m[it].start, end))
                for t in self.of(Label.TALENT_GROUP):
                    if self.m[it].end < self.m[t].start < end:
                        self.add(RelType.TARGETS, it, t, (self.m[it].start, end))
        # enumerations closed by a total: A、B、C等三大工程
        for i in progs:
            p = self.m[i]
            before = text[max(0, p.start - 6):p.start]
            tot = _ENUM_TOTAL.search(before)
            if not tot or tot.end() != len(before) and not before.endswith(tot.group()):
                continue
            s, _ = self.sentence(p.start)
            for j in progs:
                if j != i and s <= self.m[j].start and self.m[j].end <= p.start - len(tot.group()):
                    self.add(RelType.PART_OF, j, i, (s, p.end))
        # a counted program (“五项计划”) followed by programs of the same head in its paragraph
        for i in progs:
            p = self.m[i]
            if not _COUNTED.match(p.name):
                continue
            head = p.attrs.get("kind", "")
            para_end = text.find("\n", p.end)
            para_end = len(text) if para_end < 0 else para_end
            for j in progs:
                q = self.m[j]
                if j != i and p.end < q.start < para_end and q.attrs.get("kind") == head \
                        and not _COUNTED.match(q.name):
                    self.add(RelType.PART_OF, j, i, (p.start, para_end))

    # -- documents ----------------------------------------------------------------------
    def _documents(self, progs: list[int]) -> None:
        docs = self.of(Label.POLICY_DOCUMENT)
        if self.is_document:
            for i in progs:
                self.add(RelType.ESTABLISHES, MAIN_DOC, i, (self.m[i].start, self.m[i].end))
            for d in docs:
                self.add(RelType.CITES, MAIN_DOC, d, (self.m[d].start, self.m[d].end))
        for d in docs:
            title = self.m[d].name
            for i in progs:
                core = self.m[i].attrs.get("quoted") or self.m[i].name
                if len(core) >= 3 and core in title and not _in(self.m[i], self.m[d]):
                    self.add(RelType.ESTABLISHES, d, i, (self.m[d].start, self.m[d].end))
                elif _in(self.m[i], self.m[d]):
                    self.add(RelType.ESTABLISHES, d, i, (self.m[d].start, self.m[d].end))
        units_ = self.of(Label.GOV_UNIT)
        for d in docs:
            s, e = self.sentence(self.m[d].start)
            verb = _ISSUE_VERB.search(self.text, s, self.m[d].start)
            if not verb:
                continue
            for u in units_:
                if s <= self.m[u].start < verb.start():
                    self.add(RelType.ISSUED, u, d, (s, e))

    def _cooperation(self) -> None:
        orgs = self.of(Label.ORGANIZATION)
        for s, e in self.sentences:
            sent = self.text[s:e]
            for yu in re.finditer("与", sent):
                clause_end = s + len(re.split(r"[,，;；。]", sent[yu.end():], maxsplit=1)[0]) + yu.end()
                if not _COOP_VERB.search(self.text, s + yu.end(), clause_end + 4):
                    continue
                partners = [o for o in orgs if s + yu.end() <= self.m[o].start < clause_end]
                if not partners:
                    continue
                subjects = [u for u in self.of(Label.GOV_UNIT)
                            if s <= self.m[u].start < s + yu.start()]
                for o in partners:
                    for u in subjects or [JURISDICTION]:
                        self.add(RelType.COOPERATES_WITH, u, o, (s, e))

    def _members(self) -> None:
        for p in self.of(Label.PERSON):
            pm = self.m[p]
            best = None
            for u in self.of(Label.GOV_UNIT):
                gap = pm.start - self.m[u].end
                if 0 <= gap <= 6:
                    best = u
            if best is not None:
                self.add(RelType.MEMBER_OF, p, best, (self.m[best].start, pm.end))

    def _located(self) -> None:
        for i in self.of(Label.ORGANIZATION, Label.PLATFORM):
            for j in self.of(Label.REGION):
                if self.m[j].start == self.m[i].start and "candidates" in self.m[j].attrs:
                    self.add(RelType.LOCATED_IN, i, j, (self.m[i].start, self.m[i].end))


def find_relations(text: str, mentions: list[Mention], sentences: list[tuple[int, int]],
                   is_document: bool) -> list[RelationMention]:
    return RelationFinder(text, mentions, sentences, is_document).run()
