"""Compiled vocabularies and regular expressions of the extractors, built once, lazily."""
from __future__ import annotations

import functools
import re

from ingest.vocab import _lines, load_aliases, load_list, load_set

CJK = "\u4e00-\u9fff"
OPEN_Q, CLOSE_Q = "“‘「『\"", "”’」』\""
NUM_MEASURE = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)(?:余|多)?[个家名支所批项次套处座条]{1,2}$")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def boundaries() -> tuple[frozenset[str], int]:
    words = load_set("left_boundaries")
    return words, max(map(len, words))


@functools.cache
def leading_verbs() -> tuple[str, ...]:
    return tuple(sorted(load_set("leading_verbs"), key=lambda w: (-len(w), w)))


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
    """Whether a boundary word (or a number + measure word) ends at `i`."""
    words, longest = boundaries()
    for n in range(min(longest, i), 0, -1):
        if text[i - n:i] in words:
            return True
    return bool(NUM_MEASURE.search(text[max(0, i - 8):i]))
