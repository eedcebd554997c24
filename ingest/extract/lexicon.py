"""Compiled vocabularies and regular expressions of the extractors, built once, lazily."""
from __future__ import annotations

import functools
import re

from ingest.vocab import _lines, load_aliases, load_list, load_set

CJK = "\u4e00-\u9fff"
OPEN_Q, CLOSE_Q = "“‘「『\"", "”’」』\""
NUM_MEASURE = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)(?:余|多)?[个家名支所批项次套处座条]{1,2}$")


def _alternation(words) -> str:
    """A regex matching any of `words`, the longest first where several match.

    Built as a trie (`鄂(?:尔多斯(?:市)?|州市)`): it matches exactly what the flat
    longest-first alternation `鄂尔多斯市|鄂尔多斯|鄂州市` matches (words that match at the
    same position are prefixes of one another, and the trie's greedy optional suffixes try
    the longer first), but Python's `re` no longer tries thousands of branches at every
    position (the gazetteer's 3,800 surfaces: ~3x faster)."""
    root: dict = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(root)


def _trie_regex(node: dict) -> str:
    alts = [re.escape(ch) + _trie_regex(node[ch]) for ch in sorted(k for k in node if k)]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return (body if len(alts) > 1 else "(?:" + body + ")") + "?"
    return body


@functools.cache
def boundaries() -> tuple[frozenset[str], int]:
    words = load_set("left_boundaries")
    return words, max(map(len, words))


@functools.cache
def _boundary_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in boundaries()[0] if w}, reverse=True))


@functools.cache
def leading_verbs() -> tuple[str, ...]:
    return tuple(sorted(load_set("leading_verbs"), key=lambda w: (-len(w), w)))


@functools.cache
def leading_verb_lengths() -> tuple[frozenset[str], tuple[int, ...]]:
    """The leading verbs as a set, and their lengths, longest first (a prefix test per
    length instead of one per verb)."""
    verbs = load_set("leading_verbs")
    return verbs, tuple(sorted({len(v) for v in verbs if v}, reverse=True))


@functools.cache
def surnames() -> frozenset[str]:
    return frozenset(w for line in _lines("surnames") for w in line.split())


@functools.cache
def head_regex(name: str) -> re.Pattern[str]:
    """A regex matching any entry of ingest/data/`name`.txt, longest first."""
    return re.compile(_alternation(load_list(name)))


@functools.cache
def talent_canon() -> dict[str, str]:
    return load_aliases("talent_groups")


@functools.cache
def talent_regex() -> re.Pattern[str]:
    """Known talent categories, longest first."""
    return re.compile(_alternation(talent_canon()))


@functools.cache
def standalone_kinds() -> frozenset[str]:
    return load_set("standalone_kinds")


@functools.cache
def platform_kinds() -> frozenset[str]:
    return load_set("platform_kinds")


@functools.cache
def platform_kinds_longest_first() -> tuple[str, ...]:
    return tuple(sorted(platform_kinds(), key=lambda k: (-len(k), k)))


@functools.cache
def program_heads() -> tuple[str, ...]:
    return tuple(sorted(load_set("program_heads"), key=lambda w: (-len(w), w)))


@functools.cache
def doc_heads() -> tuple[str, ...]:
    return tuple(sorted(load_set("doc_heads"), key=lambda w: (-len(w), w)))


@functools.cache
def party_departments() -> dict[str, str]:
    return load_aliases("party_departments")


@functools.cache
def gov_departments() -> dict[str, str]:
    return load_aliases("gov_departments")


@functools.cache
def doc_number_regex() -> re.Pattern[str]:
    """`鄂府发〔2022〕38号` in its bracket spellings 〔〕 [] ［］ （） () 【】."""
    return re.compile(
        rf"(?P<prefix>[{CJK}]{{1,8}}?(?:发|办发|办|函|字|令|文|通|党发|政发|府发|府办发))"
        r"\s*[〔\[［（(【]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］）)】]\s*"
        r"(?P<serial>\d{1,4})\s*号")


def ends_with_boundary(text: str, i: int) -> bool:
    """Whether a boundary word (or a number + measure word) ends at `i`; not when it is
    the end of a word that holds it (`碳中和研究院`: 和 is no conjunction there)."""
    words = boundaries()[0]
    for n in _boundary_lengths():
        if n <= i and text[i - n:i] in words:
            return not _inside_word(text, i)
    return bool(NUM_MEASURE.search(text[max(0, i - 8):i]))


def ends_with_verb_word(text: str, i: int) -> bool:
    """Whether a boundary word of two characters or more that is a verb of fostering or
    gathering (`集聚`, `引育`) ends at `i`: before a program's head it names the program's
    aim (`人才集聚工程`)."""
    return any(text.endswith(w, 0, i) for w in _HEAD_VERBS)


_HEAD_VERBS = ("集聚", "聚集", "汇聚", "引育", "培育", "培养", "引进", "引领", "振兴", "提升")


@functools.cache
def _unbroken() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Words that hold a boundary character, by that character: those ending in it
    (`碳中和`) and those starting with it (`在外`)."""
    ends: dict[str, list[str]] = {}
    starts: dict[str, list[str]] = {}
    single = {w for w in boundaries()[0] if len(w) == 1}
    for w in load_list("unbroken_words"):
        (starts if w[0] in single and w[-1] not in single else ends).setdefault(
            w[0] if w[0] in single and w[-1] not in single else w[-1], []).append(w)
    return ({ch: tuple(ws) for ch, ws in ends.items()},
            {ch: tuple(ws) for ch, ws in starts.items()})


def _inside_word(text: str, i: int) -> bool:
    """Whether the boundary character before `i` is part of a word (`碳中和|研究院`,
    `在|外人才`)."""
    ends, starts = _unbroken()
    ch = text[i - 1:i]
    return any(text.endswith(w, 0, i) for w in ends.get(ch, ())) or any(
        text.startswith(w, i - 1) for w in starts.get(ch, ()))


def _first_of_sequence(items) -> tuple[set[str] | None, bool]:
    """(characters a match of the parsed sequence can start with — None: any —, whether
    it can match the empty string)."""
    from re import _constants as sre

    first: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            return first | {chr(av)}, False
        if op is sre.IN:
            chars: set[str] = set()
            for item_op, item_av in av:
                if item_op is sre.LITERAL:
                    chars.add(chr(item_av))
                elif item_op is sre.RANGE and item_av[1] - item_av[0] < 0x10000:
                    chars.update(map(chr, range(item_av[0], item_av[1] + 1)))
                else:  # negated sets, categories (\s, \w): anything
                    return None, False
            return first | chars, False
        if op is sre.BRANCH:
            nullable = False
            for alt in av[1]:
                got, empty = _first_of_sequence(alt)
                if got is None:
                    return None, False
                first |= got
                nullable = nullable or empty
            if not nullable:
                return first, False
            continue
        if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
            got, empty = _first_of_sequence(av[-1] if op is sre.SUBPATTERN else av)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            got, empty = _first_of_sequence(av[2])
            empty = empty or av[0] == 0
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the next item starts the match
        else:  # any character, back-references, ...
            return None, False
        if got is None:
            return None, False
        first |= got
        if not empty:
            return first, False
    return first, True


@functools.cache
def _start_regex(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-character-class regex finding where a match of `pattern` can start, or None
    when that is anywhere (the pattern can match the empty string or any character, or
    ignores case)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:  # re's own parser, a private module: if it ever changes, fall back to finditer
        from re import _parser

        first, nullable = _first_of_sequence(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001
        return None
    if first is None or nullable or not first:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(first)) + "]")


def finditer(pattern: re.Pattern[str], text: str):
    """`pattern.finditer(text)` — the same matches — for patterns whose alternatives begin
    inside groups (`(?P<zg>中共)?(?P<r>鄂尔多斯市|…)…`): Python's `re` tries such a pattern in
    full at every position, ~1,000 alternatives each time, while a character class of the
    characters a match can start with skips the other positions in C."""
    start = _start_regex(pattern)
    if start is None:
        yield from pattern.finditer(text)
        return
    search, match, pos = start.search, pattern.match, 0
    while True:
        at = search(text, pos)
        if at is None:
            return
        m = match(text, at.start())
        if m is None:
            pos = at.start() + 1
        else:
            yield m
            pos = m.end() if m.end() > at.start() else at.start() + 1

