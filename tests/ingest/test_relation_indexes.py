"""The relation rules and the overlap filter find partners through position indexes, not by
comparing every mention with every other (a page listing hundreds of names made that
quadratic, a clause of many `A与B合作` cubic). Each is checked against the plain definition
it replaced, on random mention lists."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.pipeline import _outermost
from ingest.extract.relations import JURISDICTION, RelationFinder
from ingest.types import Mention
from schema.labels import Label

_COOP = ("合作", "共建", "签约")


def _mention(label: Label, start: int, length: int, quoted: bool = False) -> Mention:
    text = "名" * length
    return Mention(label, text, start, start + length, text, {"quoted": text} if quoted else {})


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentences ending at 。 (the rules only need their bounds)."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "。":
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# -- overlaps: outermost mentions ------------------------------------------------------------

def _outermost_by_definition(ms: list[Mention]) -> list[Mention]:
    taken: list[Mention] = []
    for m in ms:
        if not any(t.start <= m.start and m.end <= t.end for t in taken):
            taken.append(m)
    return taken


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12), st.booleans()), max_size=40))
def test_outermost_equals_the_pairwise_definition(spans: list[tuple[int, int, bool]]) -> None:
    ms = [_mention(Label.PROGRAM, s, n, q) for s, n, q in spans]
    ms.sort(key=lambda m: (-(m.end - m.start), "quoted" not in m.attrs, m.start))
    assert _outermost(ms) == _outermost_by_definition(ms)


# -- cooperation ------------------------------------------------------------------------------

def _cooperation_by_definition(f: RelationFinder) -> set[tuple[int, int, int, int]]:
    """For each joining word (与, 携手, 联合; 和 only right after a unit): units before it
    in the sentence (else the jurisdiction) × organisations after it up to the clause end,
    when a verb of cooperation follows within the clause; and a unit right after it × the
    organisations before it in its clause (`A大学、B大学分别与某区签署…`)."""
    import re

    out = set()
    units = [i for i, m in enumerate(f.m) if m.label is Label.GOV_UNIT]
    for s, e in f.sentences:
        sent = f.text[s:e]
        for yu in re.finditer("与|携手|联合|和", sent):
            if yu.group() == "和" and not any(f.m[u].end == s + yu.start() for u in units):
                continue
            clause_end = s + yu.end() + len(re.split(r"[,，;；。]", sent[yu.end():], maxsplit=1)[0])
            if not re.search("|".join(_COOP + ("联合", "携手")),
                             f.text[s + yu.end():clause_end + 4]):
                continue
            partners = [i for i, m in enumerate(f.m) if m.label is Label.ORGANIZATION
                        and s + yu.end() <= m.start < clause_end]
            subjects = [i for i, m in enumerate(f.m) if m.label is Label.GOV_UNIT
                        and s <= m.start < s + yu.start()] or [JURISDICTION]
            out |= {(u, o, s, e) for o in partners for u in subjects}
            after = [u for u in units if f.m[u].start == s + yu.end()]
            if after:
                clause_start = s + max((m.end() for m in re.finditer(r"[,，;；。]",
                                                                      sent[:yu.start()])),
                                       default=0)
                before = [i for i, m in enumerate(f.m) if m.label is Label.ORGANIZATION
                          and clause_start <= m.start and m.end <= s + yu.start()]
                out |= {(after[0], o, s, e) for o in before}
    return out


_PIECES = st.sampled_from(["与", "联合", "和", "，", "。", "甲", "乙", *_COOP])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=60), st.data())
def test_cooperation_equals_the_per_yu_definition(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    sentences = _sentences(text)
    spots = [i for i, ch in enumerate(text) if ch in "甲乙"]
    labels = data.draw(st.lists(st.sampled_from([Label.GOV_UNIT, Label.ORGANIZATION]),
                                min_size=len(spots), max_size=len(spots)))
    ms = [_mention(label, at, 1) for at, label in zip(spots, labels)]
    finder = RelationFinder(text, ms, sentences, is_document=False)
    finder._cooperation()
    got = [(r.head, r.tail, r.start, r.end) for r in finder.out]
    assert len(got) == len(set(got))  # each pair once per sentence
    assert set(got) == _cooperation_by_definition(finder)


def test_a_clause_of_many_pairs_gives_each_pair_once() -> None:
    """k units and k organisations in one clause: the candidates are the k² distinct pairs
    at most, not one per pair and per 与 (k³)."""
    k = 30
    text = "组与校合作" * k + "。"
    ms = []
    for n in range(k):
        ms.append(_mention(Label.GOV_UNIT, 5 * n, 1))
        ms.append(_mention(Label.ORGANIZATION, 5 * n + 2, 1))
    finder = RelationFinder(text, ms, [(0, len(text))], is_document=False)
    finder._cooperation()
    # the clause never ends before the last 合作: every unit before a 与 pairs with every
    # organisation after it
    assert len(finder.out) == k * (k + 1) // 2


# -- documents: which programs a document establishes, which units issue it -----------------

def _documents_by_definition(f: RelationFinder) -> list[tuple[str, int, int, int, int]]:
    import re

    def inside(a: Mention, b: Mention) -> bool:
        return b.start <= a.start and a.end <= b.end

    out = []
    docs = [i for i, m in enumerate(f.m) if m.label is Label.POLICY_DOCUMENT]
    progs = [i for i, m in enumerate(f.m) if m.label is Label.PROGRAM]
    for d in docs:
        for i in progs:
            core = f.m[i].attrs.get("quoted") or f.m[i].name
            if (len(core) >= 3 and core in f.m[d].name) or inside(f.m[i], f.m[d]):
                out.append(("ESTABLISHES", d, i, f.m[d].start, f.m[d].end))
    for d in docs:
        s, e = next(((s, e) for s, e in f.sentences if s <= f.m[d].start < e), (0, len(f.text)))
        # every unit before the last verb of issuing before the document
        verb = ([None] + list(re.compile("制定|印发|发布").finditer(f.text, s, f.m[d].start)))[-1]
        if verb:
            out += [("ISSUED", u, d, s, e) for u, m in enumerate(f.m)
                    if m.label is Label.GOV_UNIT and s <= m.start < verb.start()]
    for d in docs:
        # the units written right before a title (`A、B《X》`), the nearest first
        at = f.m[d].start
        while True:
            u = next((u for u, m in enumerate(f.m)
                      if m.label is Label.GOV_UNIT and m.end == at), None)
            if u is None:
                break
            out.append(("ISSUED", u, d, f.m[u].start, f.m[d].end))
            at = f.m[u].start - 1
            if at < 0 or f.text[at] != "、":
                break
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["组", "印发", "发布", "《甲乙丙计划》", "《丁》", "甲乙丙计划", "，", "。",
                                 "、"]),
                min_size=1, max_size=40))
def test_documents_equal_the_pairwise_definition(pieces: list[str]) -> None:
    text = "".join(pieces)
    ms, pos = [], 0
    for piece in pieces:
        if piece.startswith("《"):
            ms.append(Mention(Label.POLICY_DOCUMENT, piece, pos, pos + len(piece), piece[1:-1]))
            if "计划" in piece:  # the program named inside the title
                ms.append(Mention(Label.PROGRAM, piece[1:-1], pos + 1, pos + len(piece) - 1,
                                  piece[1:-1]))
        elif piece == "甲乙丙计划":
            ms.append(Mention(Label.PROGRAM, piece, pos, pos + len(piece), piece))
        elif piece == "组":
            ms.append(Mention(Label.GOV_UNIT, piece, pos, pos + 1, piece))
        pos += len(piece)
    ms.sort(key=lambda m: (m.start, m.end, m.label.value))
    sentences = _sentences(text)
    finder = RelationFinder(text, ms, sentences, is_document=False)
    finder._documents([i for i, m in enumerate(ms) if m.label is Label.PROGRAM])
    got = [(r.type.name, r.head, r.tail, r.start, r.end) for r in finder.out]
    assert got == _documents_by_definition(finder)
