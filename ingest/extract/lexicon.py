"""Compiled vocabularies and regular expressions of the extractors, built once, lazily."""
from __future__ import annotations

import bisect
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
def national_units() -> dict[str, str]:
    """Central party and state organs, which have no region part: surface → canonical."""
    return load_aliases("national_units")


@functools.cache
def doc_number_regex() -> re.Pattern[str]:
    """`鄂府发〔2022〕38号` in its bracket spellings 〔〕 [] ［］ （） () 【】; also a talent
    leading group's (`某人才〔2024〕3号`), a normative document's (`某政规〔2023〕2号`) and a
    telegram's (`某政明电〔2023〕5号`)."""
    return re.compile(
        rf"(?P<prefix>[{CJK}]{{1,8}}?(?:发|办发|办|函|字|令|文|通|党发|政发|府发|府办发|人才|规|电))"
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


_HEAD_VERBS = ("集聚", "聚集", "汇聚", "引育", "培育", "培养", "引进", "引领", "振兴", "提升",
               "突破")


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
    `在|外人才`), or opens a division's name (`和|政县人民医院`)."""
    ends, starts = _unbroken()
    ch = text[i - 1:i]
    return any(text.endswith(w, 0, i) for w in ends.get(ch, ())) or any(
        text.startswith(w, i - 1) for w in starts.get(ch, ())) or any(
        text.startswith(w, i - 1) for w in _places_opening().get(ch, ()))


@functools.cache
def _places_opening() -> dict[str, tuple[str, ...]]:
    """Full names of divisions that open with a one-character boundary word (和政县, 和平区),
    by that character."""
    from ingest.gazetteer import get_gazetteer

    single = {w for w in boundaries()[0] if len(w) == 1}
    found: dict[str, list[str]] = {}
    for name in get_gazetteer().surfaces():
        if len(name) >= 3 and name[0] in single and name[-1] in "省市县区旗州盟":
            found.setdefault(name[0], []).append(name)
    return {ch: tuple(names) for ch, names in found.items()}


#: the length of the literal prefixes a pattern's matches are found by (`Anchors`)
PREFIX_LEN = 2
#: above this many prefixes, or characters in one class, a pattern is not anchored
_MAX_PREFIXES = 50_000
_MAX_CLASS = 256


def _class_chars(av) -> set[str] | None:
    """The characters of a parsed character class, or None when there are too many to
    list (a range of all CJK) or they cannot be listed (negated sets, `\\s`)."""
    from re import _constants as sre

    chars: set[str] = set()
    for op, arg in av:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < _MAX_CLASS:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:
            return None
    return chars if len(chars) <= _MAX_CLASS else None


def _prefixes(items, k: int) -> set[tuple[str, bool]]:
    """Literal prefixes of the matches of a parsed sequence: pairs (prefix, whole) where
    every match starts with some prefix, at most `k` characters long; `whole` says that the
    prefix is the whole match of the sequence (so what follows it in an enclosing sequence
    extends it), else the match goes on with characters not listed. Cutting a prefix short
    is always safe (a shorter prefix finds more places); zero-width items (look-arounds,
    anchors) are left out, which only finds more places too."""
    from re import _constants as sre

    current = {("", True)}
    for op, av in items:
        if op is sre.LITERAL:
            item = {(chr(av), True)}
        elif op is sre.IN:
            chars = _class_chars(av)
            item = {("", False)} if chars is None else {(c, True) for c in chars}
        elif op is sre.BRANCH:
            item = set().union(*(_prefixes(alt, k) for alt in av[1]))
        elif op is sre.SUBPATTERN:
            item = _prefixes(av[-1], k)
        elif op is sre.ATOMIC_GROUP:
            item = _prefixes(av, k)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            # the first repetition, cut there unless it is the only one (what follows it is
            # not known); none at all when the minimum is 0
            item = _prefixes(av[2], k)
            if av[1] != 1:
                item = {(p, False) for p, _ in item}
            if av[0] == 0:
                item.add(("", True))
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        else:  # any character, a category, a back-reference: the prefix ends here
            item = {("", False)}
        grown: set[tuple[str, bool]] = set()
        for prefix, whole in current:
            if not whole or len(prefix) >= k:
                grown.add((prefix, False))
                continue
            for more, more_whole in item:
                joined = prefix + more
                grown.add((joined[:k], more_whole and len(joined) <= k))
        if len(grown) > _MAX_PREFIXES:
            return {("", False)}
        current = grown
    return current


class Anchors:
    """Where a match of `pattern` can start in a text, found in one pass of an Aho-Corasick
    automaton over the pattern's literal prefixes (`_prefixes`): Python's `re` tries a
    pattern with ~4,000 alternatives (the gazetteer's surfaces) at every position, and
    even a trie of them scans a branch per first character at each; most positions start
    no prefix at all. `None` from `build` when the pattern has an empty prefix (it can
    start anywhere) or ignores case."""

    def __init__(self, pattern: re.Pattern[str], prefixes: set[str]) -> None:
        import ahocorasick

        self.pattern = pattern
        self.automaton = ahocorasick.Automaton()
        for prefix in prefixes:
            self.automaton.add_word(prefix, len(prefix) - 1)
        self.automaton.make_automaton()

    @classmethod
    def build(cls, pattern: re.Pattern[str]) -> "Anchors | None":
        if pattern.flags & re.IGNORECASE:
            return None
        try:  # re's own parser, a private module: if it ever changes, scan without anchors
            from re import _parser

            found = _prefixes(_parser.parse(pattern.pattern, pattern.flags), PREFIX_LEN)
        except Exception:  # noqa: BLE001
            return None
        prefixes = {p for p, _ in found}
        if not prefixes or "" in prefixes:
            return None
        return cls(pattern, prefixes)

    def starts(self, text: str) -> list[int]:
        """The positions of `text` where a prefix starts, ascending."""
        return sorted({end - back for end, back in self.automaton.iter(text)})

    def searcher(self, text: str):
        """`search(pos)`: `pattern.search(text, pos)`, trying only the anchored positions."""
        starts, match = self.starts(text), self.pattern.match
        count = len(starts)

        def search(pos: int = 0) -> re.Match[str] | None:
            i = bisect.bisect_left(starts, pos)
            while i < count:
                m = match(text, starts[i])
                if m is not None:
                    return m
                i += 1
            return None

        return search


@functools.cache
def anchors(pattern: re.Pattern[str]) -> Anchors | None:
    return Anchors.build(pattern)


def search_all(pattern: re.Pattern[str], text: str):
    """`search(pos)` over `text`: `pattern.search(text, pos)`, by its anchors when it has
    them."""
    found = anchors(pattern)
    if found is None:
        return functools.partial(pattern.search, text)
    return found.searcher(text)


def finditer(pattern: re.Pattern[str], text: str):
    """`pattern.finditer(text)` — the same matches — for patterns whose alternatives begin
    inside groups (`(?P<zg>中共)?(?P<r>鄂尔多斯市|…)…`), by the pattern's anchors."""
    found = anchors(pattern)
    if found is None:
        yield from pattern.finditer(text)
        return
    search, pos = found.searcher(text), 0
    while (m := search(pos)) is not None:
        yield m
        pos = m.end()  # (an anchored match is never empty: it holds its prefix)


