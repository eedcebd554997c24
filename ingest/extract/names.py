"""Name grammar: a head noun found in the text, extended leftwards to its name.

Chinese has no spaces, so a name's left edge is where a word that cannot be part of a name
ends (a verb of doing, an adverb, a preposition, a measure phrase: ingest/data/
left_boundaries.txt) or punctuation. `建设` and other verbs that also stand inside names
(`人才培养计划`) are stripped only at the very start of a candidate (leading_verbs.txt).
"""
from __future__ import annotations

import contextlib
import functools
import io
import re
from collections.abc import Iterator

from ingest.extract import lexicon as lx
from ingest.types import Mention
from ingest.vocab import load_set
from schema.labels import Label

_NAME_CHAR = re.compile(rf"[{lx.CJK}0-9A-Za-z&+·\-—]")
_QUOTES = re.compile(r"[“”‘’「」『』\"《》]")
#: after a program head, only these may follow inside a sentence (else it is a compound:
#: 工程师, 计划生育, 机制改革)
_PROGRAM_FOLLOW = set("的和、等及为中是在以与并将已由对从向被把于也都还,，。;；:：!！?？)）》”’\n 　|") 
_BAD_PLATFORM_FOLLOW = set("化师")


def left_extent(text: str, head_start: int, max_len: int = 22) -> int:
    """Index where the name whose head starts at `head_start` begins."""
    i = head_start
    while i > 0 and head_start - i < max_len:
        if lx.ends_with_boundary(text, i):
            break
        ch = text[i - 1]
        if ch in "”’」』":  # a quoted part inside a name: jump over it
            j = text.rfind("“", max(0, i - 14), i - 1)
            if j < 0:
                break
            i = j
            continue
        if not _NAME_CHAR.match(ch):
            break
        i -= 1
    return i


def strip_leading_verbs(name: str, min_rest: int) -> tuple[str, int]:
    """Drop predicate verbs from the start of `name`; returns (name, chars dropped)."""
    dropped = 0
    changed = True
    while changed:
        changed = False
        for verb in lx.leading_verbs():
            if name.startswith(verb) and len(name) - len(verb) >= min_rest:
                name = name[len(verb):]
                dropped += len(verb)
                changed = True
                break
    return name, dropped


@functools.cache
def _tagger():
    """jiojio (jionlp's segmenter) with part-of-speech tags, loaded on first use; it only
    ever sees short candidate names, never whole documents."""
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner
        import jiojio

        jiojio.init(pos=True)
    return jiojio


#: parts of speech that do not start a name: verbs, adverbs, prepositions, conjunctions,
#: particles, numerals, measure words, pronouns, locatives, time words
_PREDICATE_POS = {"v", "vd", "d", "p", "c", "u", "m", "q", "r", "f", "t", "ad"}


def trim_predicate(raw: str, keep: int) -> tuple[str, int]:
    """Drop leading predicate words (by part of speech) while `keep` characters remain;
    a known talent category at the start is never cut (`领军人才引育工程`)."""
    talent = lx.talent_regex()
    pos = 0
    for word, tag in _tagger().cut(raw):
        if talent.match(raw, pos) or tag not in _PREDICATE_POS or len(raw) - pos - len(word) < keep:
            break
        pos += len(word)
    return raw[pos:], pos


def clean(name: str) -> str:
    """Canonical form of a name: no quotation marks or 《》, no white space."""
    return "".join(_QUOTES.sub("", name).split())


def _span_name(text: str, head_start: int, head_end: int, min_rest: int) -> tuple[int, str] | None:
    start = left_extent(text, head_start)
    raw = text[start:head_end]
    raw = raw.lstrip("—-·+&")
    start = head_end - len(raw)
    raw, dropped = strip_leading_verbs(raw, head_end - head_start + min_rest)
    start += dropped
    if head_start - start < min_rest:
        return None
    return start, raw


#: heads so common in prose (`健全…机制`) that an unquoted name needs a verb of doing
#: right before it (`实施人才服务专员制度`)
_WEAK_HEADS = {"机制", "工作机制", "制度", "模式", "工作模式", "活动", "系列活动", "主题活动"}
_TRIGGERS = {"实施", "推行", "建立", "落实", "实行", "推进", "启动", "开展"}


def find_programs(text: str) -> Iterator[Mention]:
    """Unquoted `X…计划/工程/行动/制度/机制…` names (quoted ones: `quoted.py`)."""
    heads = lx.program_heads()
    pattern = re.compile("|".join(re.escape(h) for h in heads))
    for m in pattern.finditer(text):
        nxt = text[m.end():m.end() + 1]
        if nxt and nxt not in _PROGRAM_FOLLOW:
            continue
        got = _span_name(text, m.start(), m.end(), min_rest=3)
        if got is None:
            continue
        start, raw = got
        if any(q in raw for q in "“”‘’\""):
            continue  # quoted names are quoted.py's
        raw, cut = trim_predicate(raw, len(m.group()) + 3)
        start += cut
        if m.group() in _WEAK_HEADS and text[max(0, start - 4):start][-2:] not in _TRIGGERS:
            continue
        yield Mention(Label.PROGRAM, raw, start, m.end(), clean(raw), {"kind": m.group()})


def find_platforms(text: str) -> Iterator[Mention]:
    """Names ending in a platform kind (`…院士专家工作站`, `人才公寓`)."""
    for m in lx.head_regex("platform_kinds").finditer(text):
        if text[m.end():m.end() + 1] in _BAD_PLATFORM_FOLLOW:
            continue
        start = left_extent(text, m.start())
        raw = text[start:m.end()]
        raw, dropped = strip_leading_verbs(raw, len(m.group()))
        start += dropped
        raw, cut = trim_predicate(raw, len(m.group()))
        start += cut
        if raw == m.group() and raw not in lx.standalone_kinds():
            continue
        yield Mention(Label.PLATFORM, raw, start, m.end(), clean(raw),
                      {"kind": m.group(), "count": _count_near(text, start, m.end())})


def find_organizations(text: str) -> Iterator[Mention]:
    """Names ending in an organisation suffix (大学, 银行, 公司...), with a trailing
    `(北京)`-style campus qualifier kept."""
    for m in lx.head_regex("org_suffixes").finditer(text):
        if text[m.end():m.end() + 1] in ("生", "门"):
            continue
        end = m.end()
        tail = re.match(rf"[(（][{lx.CJK}]{{2,4}}[)）]", text[end:end + 7])
        if tail:
            end += tail.end()
        got = _span_name(text, m.start(), m.end(), min_rest=2)
        if got is None:
            continue
        start, raw = got
        raw = text[start:end]
        if not _proper(raw[:m.start() - start]):
            continue
        yield Mention(Label.ORGANIZATION, raw, start, end, clean(raw).replace("（", "(")
                      .replace("）", ")"), {"kind": m.group()})


def find_talent_groups(text: str) -> Iterator[Mention]:
    """Known categories (`高技能人才`) and `<modifier>人才/农牧民/工作者...` phrases."""
    canon = lx.talent_canon()
    seen: set[tuple[int, int]] = set()
    for m in lx.talent_regex().finditer(text):
        seen.add((m.start(), m.end()))
        yield Mention(Label.TALENT_GROUP, m.group(), m.start(), m.end(), canon[m.group()],
                      {"known": True})
    for m in lx.head_regex("talent_heads").finditer(text):
        start = left_extent(text, m.start(), max_len=10)
        raw, dropped = strip_leading_verbs(text[start:m.end()], len(m.group()) + 2)
        start += dropped
        if m.start() - start < 2 or (start, m.end()) in seen:
            continue
        nxt = text[m.end():m.end() + 2]
        if nxt[:1] not in _PROGRAM_FOLLOW and nxt not in ("队伍", "团队"):
            continue
        name = clean(raw)
        known = _known_suffix(name)
        if known is not None:
            yield Mention(Label.TALENT_GROUP, raw, start, m.end(), canon[known], {"qualified": True})
            continue
        modifier = name[:-len(m.group())]
        if re.search(r"\d", name) or modifier in _region_names() or modifier in lx.leading_verbs():
            continue
        yield Mention(Label.TALENT_GROUP, raw, start, m.end(), canon.get(name, name), {})


def _known_suffix(name: str) -> str | None:
    """The known category a qualified phrase names (`优秀社会工作者` → `社会工作者`)."""
    canon = lx.talent_canon()
    for known in sorted(canon, key=len, reverse=True):
        if name.endswith(known) and len(name) > len(known):
            prefix = name[:-len(known)]
            if prefix in load_set("talent_qualifiers") or all(
                    tag in ("a", "ad", "d", "m", "b", "z", "q", "r") for _, tag in _tagger().cut(prefix)):
                return known
            return None
    return None


def _region_names() -> frozenset[str]:
    from ingest.gazetteer import get_gazetteer

    return frozenset(get_gazetteer().surfaces())


def _proper(modifier: str) -> bool:
    """Whether an organisation's name carries a proper name (a place, a brand, an
    abbreviation), as `清华大学` does and `一流大学` does not."""
    if not modifier:
        return False
    if modifier.startswith(("中国", "中科", "国家")) or any(modifier.startswith(r) for r in _region_names()
                                                      if len(r) >= 2 and modifier.startswith(r[:2])):
        return True
    return any(tag in ("ns", "nz", "nt", "nr", "j", "nrt", "nrf") for _, tag in _tagger().cut(modifier))


_COUNT = re.compile(r"(\d+(?:\.\d+)?)(余|多)?(?:个|家|套|支|所|处)")


def _count_near(text: str, start: int, end: int) -> int | None:
    """`260余个人才驿站` / `人才公寓300套`: a count written right before or after."""
    before = re.search(r"(\d+)(余|多)?(?:个|家|套|支|所|处)[^\d,，。；;]{0,8}$", text[max(0, start - 12):start])
    if before:
        return int(before.group(1))
    after = _COUNT.match(text[end:end + 8])
    return int(float(after.group(1))) if after else None
