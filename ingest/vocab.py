"""Generic vocabularies shipped with policykg (ingest/data/*.txt), loaded lazily.

These are field vocabularies, not facts about any one document: department names and
their abbreviations, platform kinds, talent categories, program head nouns, the words
that end a name on its left. One entry per line; `#` starts a comment; a tab separates a
canonical form from its aliases (`canonical<TAB>alias|alias`).
"""
from __future__ import annotations

import functools
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("ingest.data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


@functools.cache
def load_set(name: str) -> frozenset[str]:
    """The entries of `name`.txt (first column only)."""
    return frozenset(line.split("\t", 1)[0].strip() for line in _lines(name))


@functools.cache
def load_list(name: str) -> tuple[str, ...]:
    """The entries of `name`.txt in file order (first column only)."""
    return tuple(line.split("\t", 1)[0].strip() for line in _lines(name))


@functools.cache
def load_aliases(name: str) -> dict[str, str]:
    """surface → canonical, for `canonical<TAB>alias|alias` files (the canonical maps to
    itself)."""
    out: dict[str, str] = {}
    for line in _lines(name):
        canon, _, rest = line.partition("\t")
        canon = canon.strip()
        out.setdefault(canon, canon)
        for alias in rest.split("|"):
            alias = alias.strip()
            if alias:
                out.setdefault(alias, canon)
    return out
