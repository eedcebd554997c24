"""The spaCy pipeline of the extract stage.

A blank Chinese pipeline (character tokens; no model is downloaded) with policykg's own
components, each reading `doc.text` and adding `Mention`s to `doc.user_data["mentions"]`:

    policykg_sentences   sentence spans (。！？；and line breaks; not a ！？； inside 《a title》)
    policykg_gazetteer   regions (jionlp divisions) and deictic 我市/全旗
    policykg_units       government units (unit-name grammar) and persons
    policykg_documents   doc numbers and 《titles》
    policykg_quoted      quoted core + head noun names (programs, documents, platforms)
    policykg_heads       unquoted names by head noun (programs, platforms, organisations,
                         talent groups)
    policykg_overlaps    one mention per label and span: contained mentions of a label go
    policykg_rows        a platform in a list's row learns its row's place and partner cells

Components are registered when the pipeline is built (`build_nlp()`), not on import.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import re

from ingest.extract import names, quoted, rosters, talent, units
from ingest.extract.names import clean
from ingest.types import Mention
from schema.labels import Label

_SENTENCE_END = re.compile(r"[。！？!?；;]|\n")

COMPONENTS = ("policykg_sentences", "policykg_gazetteer", "policykg_units", "policykg_documents",
              "policykg_quoted", "policykg_heads", "policykg_overlaps", "policykg_rows")


def _text(doc) -> str:
    """`doc.text`, computed once per doc (spaCy joins every token on each access)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def _add(doc, mentions) -> None:
    doc.user_data.setdefault("mentions", []).extend(mentions)


#: a title on one line: a ？/！/； inside it (《奋斗吧！青年》) does not end the sentence
_TITLE = re.compile(r"《[^《》\n]{1,80}》")


def sentences(doc):
    spans, start = [], 0
    text = _text(doc)
    titles = iter(_TITLE.finditer(text))
    title = next(titles, None)
    for m in _SENTENCE_END.finditer(text):
        while title is not None and title.end() <= m.start():
            title = next(titles, None)
        if title is not None and title.start() < m.start():
            continue  # inside the title (a line break never is: titles hold none)
        if m.end() > start:
            spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    doc.user_data["sentences"] = spans
    return doc


def gazetteer(doc):
    _add(doc, units.find_regions(_text(doc)))
    return doc


def unit_grammar(doc):
    _add(doc, units.find_units(_text(doc)))
    towns = [m for m in doc.user_data.get("mentions", []) if "town" in m.attrs]
    _add(doc, units.find_town_units(_text(doc), towns))
    _add(doc, units.find_self_references(_text(doc), doc.user_data.get("publisher")))
    _add(doc, units.find_persons(_text(doc)))
    _add(doc, rosters.find_roster_persons(_text(doc)))
    return doc


def documents(doc):
    _add(doc, quoted.find_doc_numbers(_text(doc)))
    _add(doc, quoted.find_titles(_text(doc)))
    return doc


def quoted_names(doc):
    _add(doc, quoted.find_quoted(_text(doc)))
    return doc


def head_names(doc):
    text = _text(doc)
    _add(doc, names.find_programs(text))
    _add(doc, names.find_dotted_parts(text))
    _add(doc, names.find_platforms(text))
    _add(doc, names.find_organizations(text))
    _add(doc, talent.find_talent_groups(text))
    return doc


_PRIORITY = {"quoted": 0}


def overlaps(doc):
    """Keep, per label, the longest of mentions that contain one another (a quoted
    mention wins a tie); mentions of different labels may overlap (an organisation inside
    a platform's name, a talent group inside a program's). Regions, units and persons do
    not overlap at all: of two, the earlier (then the longer) stays.

    n log n per label: a page listing hundreds of names must not compare each with all."""
    kept: list[Mention] = []
    by_label: dict[Label, list[Mention]] = {}
    for m in doc.user_data.get("mentions", []):
        by_label.setdefault(m.label, []).append(m)
    for label, ms in by_label.items():
        if label in (Label.REGION, Label.GOV_UNIT, Label.PERSON):
            ms.sort(key=lambda m: (m.start, -(m.end - m.start)))
            reach = -1  # the furthest end of those taken (they start at or before m)
            for m in ms:
                if m.start < reach or m.end <= reach:
                    continue
                kept.append(m)
                reach = m.end
        else:
            ms.sort(key=lambda m: (-(m.end - m.start), "quoted" not in m.attrs, m.start))
            kept.extend(_outermost(ms))
    # a name that ends in both a platform kind and an organisation's suffix (`某某产业学院`):
    # one thing, the platform (the kind is the more particular ending)
    platform_spans = {(m.start, m.end) for m in kept if m.label is Label.PLATFORM}
    if platform_spans:
        kept = [m for m in kept if m.label is not Label.ORGANIZATION
                or (m.start, m.end) not in platform_spans]
    # a quoted item of a program list (`“首席技师”“特聘专家”等专项`) names the program, not a
    # talent group, even when its words look like one
    quoted_programs: dict[str, list[Mention]] = {}
    for m in kept:
        if m.label is Label.PROGRAM and "quoted" in m.attrs:
            quoted_programs.setdefault(m.name, []).append(m)
    if quoted_programs:
        kept = [m for m in kept if m.label is not Label.TALENT_GROUP or not any(
            p.start <= m.start and m.end <= p.end for p in quoted_programs.get(clean(m.text), ()))]
    # a quoted brand with a talent head (`“花乡英才”计划`, `“墨江工匠”培育计划`) names the
    # program; it is a group of people only where the text also says it outside the names
    # of the programs it brands (`对97名“市中英才”授予称号`, `选拔金融商务人才`)
    branded: dict[str, list[Mention]] = {}
    for m in kept:
        if m.label is Label.PROGRAM and m.attrs.get("quoted"):
            branded.setdefault(m.attrs["quoted"], []).append(m)
    brands = {t.text for t in kept if t.label is Label.TALENT_GROUP and t.text in branded
              and "known" not in t.attrs and "qualified" not in t.attrs}
    # (inside another name, the brand still brands: `《某县“X英才”十条措施》`, `X英才公寓`)
    named = [m for m in kept if m.label in (Label.POLICY_DOCUMENT, Label.PLATFORM,
                                            Label.ORGANIZATION)]
    group_starts = {m.start for m in kept if m.label is Label.TALENT_GROUP}
    unused = {b for b in brands if not _said_apart(
        _text(doc), b, branded[b] + [m for m in named if b in m.text], group_starts)}
    if unused:
        kept = [m for m in kept if m.label is not Label.TALENT_GROUP or m.text not in unused]
    # a program that is the whole of a document's title (`《某市人才振兴五年行动计划》`) is the
    # document, not also a program of the same name that the document would establish
    titles = {(m.start, m.name) for m in kept if m.label is Label.POLICY_DOCUMENT}
    kept = [m for m in kept if m.label is not Label.PROGRAM
            or (m.start - 1, m.name) not in titles]
    # a platform named inside a cited title (`按照《某市人才驿站建设管理办法》`) is the
    # subject of that document, not one this text builds
    cited = [(m.start, m.end) for m in kept
             if m.label is Label.POLICY_DOCUMENT and m.text.startswith("《")]
    if cited:
        kept = [m for m in kept if m.label is not Label.PLATFORM
                or not any(s < m.start and m.end < e for s, e in cited)]
    kept.sort(key=lambda m: (m.start, m.end, m.label.value))
    _level_regions(kept, doc.user_data.get("sentences") or [], _text(doc))
    doc.user_data["mentions"] = kept
    return doc


def _level_regions(mentions: list[Mention], sentences: list[tuple[int, int]], text: str) -> None:
    """A unit named by its level alone (`县委组织部`, `县人社局`) after a region of that level
    in its sentence (`阜南县人才服务中心由县委组织部设立`, `临泉县科技局牵头,县农业农村局配合`),
    or else in the heading of its section (`【某县】…`, `某县:标题` over a paragraph), may be that region's: `level_region`
    names it (resolve decides, by the page's place)."""
    ends = [e for _, e in sentences]
    last: dict[str, tuple[int, str]] = {}  # level char → (sentence, the region's text)
    heading: dict[str, str] = {}  # level char → the region of the section's heading
    section, until = -1, len(text)  # (a headline's section is the paragraph under it)
    for m in mentions:
        k = bisect.bisect_right(ends, m.start)
        line = text.rfind("\n", 0, m.start) + 1
        if line > section and text.startswith("【", line) or m.start > until:
            section, heading, until = line, {}, len(text)  # a new section: its heading's place
        if m.label is Label.REGION and "candidates" in m.attrs:
            last[m.text[-1]] = (k, m.text)
            if m.start == line + 1 and text.startswith("】", m.end):
                heading = {m.text[-1]: m.text}
            elif m.start == line and (h := units.PLACE_HEADLINE.match(text, line)) \
                    and h.end(1) == m.end:  # `某县:“X”助力产业升级` over its paragraph
                section, heading = line, {m.text[-1]: m.text}
                para = text.find("\n", h.end() + 1)
                until = len(text) if para < 0 else para
        elif m.label is Label.GOV_UNIT and len(m.attrs.get("region") or "") == 1 \
                and not m.attrs.get("implied"):
            near = last.get(m.attrs["region"])
            if near is not None and near[0] == k:
                m.attrs["level_region"] = near[1]
            elif m.attrs["region"] in heading:
                m.attrs["level_region"] = heading[m.attrs["region"]]


def table_rows(doc):
    """A platform named in the name cell of a list of platforms (`平台名称 | 所在县市区 |
    合作单位`) gets its row's place and partner cells (`place_cell`, `partner_cell`); the
    cells of a kind column (`平台类型`) are no platforms."""
    text = _text(doc)
    kinds = {(c.start, c.end) for c in rosters.type_cells(text)}
    if kinds:  # a kind column's cells name no platform (`平台类型 | 专家服务基地`)
        doc.user_data["mentions"] = [
            m for m in doc.user_data.get("mentions", [])
            if m.label is not Label.PLATFORM or (m.start, m.end) not in kinds]
    _runner_cells(doc, text)
    rows = [(name, place, partner) for name, place, partner in rosters.platform_rows(text)]
    if not rows:
        return doc
    cells = sorted((name.start, name.end, place, partner) for name, place, partner in rows)
    starts = [c[0] for c in cells]
    out = []
    for m in doc.user_data.get("mentions", []):
        if m.label is Label.PLATFORM:
            k = bisect.bisect_right(starts, m.start) - 1  # the last name cell starting at or before
            row = cells[k] if k >= 0 and m.end <= cells[k][1] else None
            if row is not None:
                extra = {key: (cell.start, cell.end) for key, cell in
                         (("place_cell", row[2]), ("partner_cell", row[3])) if cell is not None}
                m = dataclasses.replace(m, attrs={**m.attrs, **extra})
        out.append(m)
    doc.user_data["mentions"] = out
    return doc


def _runner_cells(doc, text: str) -> None:
    """A program or a platform in the name cell of a table of items and who carries them
    out (`项目名称 | 实施单位`) gets its row's unit cell (`runner_cell`); a name cell naming
    neither, in words of doing (`乡土人才培训`), names a program."""
    rows = sorted((name.start, name.end, unit) for name, unit in rosters.runner_rows(text))
    if not rows:
        return
    starts = [r[0] for r in rows]
    mentions, named = [], set()
    for m in doc.user_data.get("mentions", []):
        k = bisect.bisect_right(starts, m.start) - 1
        if m.label in (Label.PROGRAM, Label.PLATFORM) and k >= 0 and m.end <= rows[k][1]:
            unit = rows[k][2]
            m = dataclasses.replace(m, attrs={**m.attrs, "runner_cell": (unit.start, unit.end)})
            named.add(rows[k][0])
        mentions.append(m)
    for start, end, unit in rows:
        cell = text[start:end]
        if start not in named and _DOING_CELL.search(cell) and 4 <= len(cell) <= 16:
            mentions.append(Mention(Label.PROGRAM, cell, start, end, clean(cell),
                                    {"kind": "", "runner_cell": (unit.start, unit.end)}))
    mentions.sort(key=lambda m: (m.start, m.end, m.label.value))
    doc.user_data["mentions"] = mentions


#: a name cell of such a table that names a program by what it does (`乡土人才培训`)
_DOING_CELL = re.compile(r"(?:人才|专家|工匠|人员).{0,4}(?:培训|培养|引进|评选|奖励|资助|补贴)$")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
#: what a quoted brand names right after it, other than a group of people: a program's kind
#: (`培训班`, `培育行动`, `计划`)
_BRANDED_HEADS = ("培训班", "研修班", "培育", "培养", "计划", "工程", "行动", "夜校", "评选", "品牌")


def _said_apart(text: str, phrase: str, programs: list[Mention],
                group_starts: set[int] = frozenset()) -> bool:
    """Whether `phrase` occurs in `text` outside the spans of `programs` (and of the other
    names given with them), and not as the start of a longer quoted name (`“某某英才服务卡”`
    is a card), nor as the brand of a group or a program right after its quotation
    (`遴选第三批“某某英才”领军人才`, `“某某工匠”培训班开班`)."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        nxt = text[end:end + 1]
        longer = text[start - 1:start] == "“" and _CJK_CHAR.match(nxt)
        after = end + 1 if nxt in "”\"" and nxt else end
        branding = after in group_starts or text.startswith(_BRANDED_HEADS, after)
        if not any(p.start <= start < p.end for p in programs) and not longer and not branding:
            return True
        start = text.find(phrase, start + 1)
    return False


def _outermost(ms: list[Mention]) -> list[Mention]:
    """Of `ms` (longest first), those not inside one kept before them. A Fenwick tree
    over the start positions holds the furthest end kept among starts up to each: `m` is
    inside a kept mention exactly when that reaches `m.end` at `m.start`."""
    starts = sorted({m.start for m in ms})
    rank = {start: i + 1 for i, start in enumerate(starts)}
    tree = [-1] * (len(starts) + 1)
    taken = []
    for m in ms:
        i, reach = rank[m.start], -1
        while i:
            reach = max(reach, tree[i])
            i -= i & -i
        if reach >= m.end:
            continue
        taken.append(m)
        i = rank[m.start]
        while i < len(tree):
            tree[i] = max(tree[i], m.end)
            i += i & -i
    return taken


_FUNCS = {"policykg_sentences": sentences, "policykg_gazetteer": gazetteer,
          "policykg_units": unit_grammar, "policykg_documents": documents,
          "policykg_quoted": quoted_names, "policykg_heads": head_names,
          "policykg_overlaps": overlaps, "policykg_rows": table_rows}


#: a non-space character and the one plain space after it, or a run of other white space
_CHAR_TOKEN = re.compile(r"(\S)( ?)|(\s+)")


def char_words(text: str) -> tuple[list[str], list[bool]]:
    """spaCy's Chinese character segmentation (`words, spaces` for a `Doc`): one token per
    character, a single plain space after it as its trailing space, other white space as
    tokens of its own. The same tokens as `spacy.util.get_words_and_spaces(list(text),
    text)`, in linear time: that function re-slices the rest of the text for every
    character, quadratic in the document's length."""
    words: list[str] = []
    spaces: list[bool] = []
    for ch, space, blank in _CHAR_TOKEN.findall(text):
        words.append(ch or blank)
        spaces.append(bool(space))
    return words, spaces


class CharTokenizer:
    """The pipeline's tokenizer: `char_words` into a `Doc`."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        words, spaces = char_words(text)
        return Doc(self.vocab, words=words, spaces=spaces)


@functools.cache
def build_nlp():
    """The blank-Chinese pipeline with policykg's components (built once per process)."""
    import spacy
    from spacy.language import Language

    for name, func in _FUNCS.items():
        if not Language.has_factory(name):
            Language.component(name, func=func)
    nlp = spacy.blank("zh")
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
