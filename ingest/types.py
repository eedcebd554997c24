"""Typed inputs and outputs of the ingest stages.

    RawFile ─decode─► DecodedText ─normalise─► NormalizedText ─split─► list[Source]
            ─extract─► Extraction ─resolve─► schema.model.GraphPatch

Each stage is a function or small class with a typed `run()`; each can be run alone.
"""
from __future__ import annotations

import bisect
import hashlib
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from schema.labels import Label, RelType


@dataclass(frozen=True, slots=True)
class RawFile:
    """A file's bytes as read from disk; `sha256` names its content."""

    path: str
    data: bytes
    sha256: str

    @classmethod
    def from_bytes(cls, path: str | Path, data: bytes) -> "RawFile":
        return cls(display_path(path), data, hashlib.sha256(data).hexdigest())


def display_path(path: str | Path) -> str:
    """`path` as text that can be printed and stored: a file name that is not valid UTF-8
    (its bytes held as surrogates by Python) gets U+FFFD for the bad bytes, instead of
    failing the terminal or the store's JSON at the end of a run; control characters are
    escaped (`\\n`)."""
    text = os.fsencode(path).decode("utf-8", errors="replace")
    # a newline or other control character in a name: escaped, so a report stays one line
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) == "Cc" else ch for ch in text)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The decoded text; `warnings` notes anything lossy (e.g. invalid bytes replaced)."""

    file: RawFile
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class NormalizedText:
    """Simplified, furniture-free text with a map back to the decoded text.

    `offsets[i]` is the index in `original` of normalised character `i`; it has
    `len(text) + 1` entries, the last one being the end of the mapped region, so a
    normalised span [s, e) maps to [offsets[s], offsets[e]) in the original.
    """

    file: RawFile
    original: str
    text: str
    offsets: list[int]
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if not self.offsets:
            return (0, 0)
        start = min(max(start, 0), len(self.offsets) - 1)
        end = min(max(end, start), len(self.offsets) - 1)
        if end > start:
            return (self.offsets[start], self.offsets[end - 1] + 1)
        return (self.offsets[start], self.offsets[start])

    def from_original(self, index: int) -> int:
        """The first normalised index whose original index is >= `index`."""
        return bisect.bisect_left(self.offsets, index)


@dataclass(frozen=True, slots=True)
class Byline:
    """A signature such as `(人才科 供稿)` or `(组织部 吕飞勋、杨海生)`: the units and
    persons named, as written (unit names are not yet qualified by region)."""

    raw: str
    units: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()


@dataclass(slots=True)
class Source:
    """One text unit: a whole file, or one article split out of a bulletin or page.

    `text` is `normalized.text[start:end]`; spans inside a source are relative to `text`.
    `publisher` is the organ that publishes the page or bulletin (e.g. the header
    `中共乌海市委组织部` of a bulletin), when the page says so.
    """

    id: str
    file: RawFile
    index: int
    title: str
    text: str
    start: int
    end: int
    kind: str = "article"  # article | document | news | dynamics | interpretation | speech
    date: str | None = None
    issue: str | None = None
    publisher: str | None = None
    bylines: list[Byline] = field(default_factory=list)
    normalized: NormalizedText | None = None
    #: the number of the document the page publishes, from its metadata (`发文字号:`)
    doc_number: str | None = None
    #: the organs that issue a document with its publisher (a joint signature block)
    co_publishers: tuple[str, ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.normalized is None:
            return (-1, -1)
        return self.normalized.to_original(self.start + start, self.start + end)


@dataclass(slots=True)
class Mention:
    """An entity mention found by extraction, before resolution.

    `name` is the surface form cleaned for use as a name (quotes kept out); `label` the
    label extraction believes in; `attrs` whatever the extractor learnt (kind, count,
    unit, region hint, doc number parts...). Spans are relative to the source text.
    """

    label: Label
    text: str
    start: int
    end: int
    name: str
    attrs: dict = field(default_factory=dict)


@dataclass(slots=True)
class RelationMention:
    """`head -[type]-> tail` between two mentions (indexes into `Extraction.mentions`),
    or to the source's context (`head == -1` means "the source's jurisdiction")."""

    type: RelType
    head: int
    tail: int
    start: int
    end: int


@dataclass(slots=True)
class IndicatorRow:
    """One row of a flattened indicator table: observations `{year, kind, value}`."""

    name: str
    unit: str
    values: list[dict]
    category: str | None
    start: int
    end: int


#: the longest evidence sentence kept (a paragraph without a full stop is one sentence)
SENTENCE_CAP = 300


@dataclass(slots=True)
class Extraction:
    source: Source
    mentions: list[Mention] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    #: sentence boundaries [(start, end)] in source-text offsets
    sentences: list[tuple[int, int]] = field(default_factory=list)
    #: the sentences' starts (for bisection) and the evidence sentences already cut, by
    #: span: resolve asks for the sentence of every mention and relation, mostly the same
    #: few dozen (built on first use; `sentences` is not changed after extraction)
    _starts: list[int] | None = field(default=None, repr=False, compare=False)
    _cut: dict[tuple[int, int, int], str] = field(default_factory=dict, repr=False, compare=False)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [s for s, _ in self.sentences]
        i = bisect.bisect_right(self._starts, pos) - 1
        if 0 <= i < len(self.sentences):
            return self.sentences[i]
        return (0, len(self.source.text))

    def sentences_over(self, start: int, end: int) -> tuple[int, int]:
        """The sentences that hold the span [start, end): from the start of the sentence
        holding `start` to the end of the one holding `end - 1`. A span can run over
        several: a table row (one cell a line, a line is a sentence), a name holding a
        `?` or `!` (full-width ones fold to these and end a sentence)."""
        s, e = self.sentence_at(start)
        if end - 1 > start:
            e = max(e, self.sentence_at(end - 1)[1])
        return min(s, start), max(e, end)

    def sentence_text(self, start: int, end: int, cap: int = SENTENCE_CAP) -> str:
        """The evidence sentence of [start, end): the text of `sentences_over`, stripped,
        at most `cap` characters. A longer one is cut to `cap` characters: its first ones
        when they hold the span, else the span with the context around it, or, for a span
        longer than `cap`, the span's first `cap` characters."""
        key = (start, end, cap)
        got = self._cut.get(key)
        if got is None:
            got = self._cut[key] = self._sentence_text(start, end, cap)
        return got

    def _sentence_text(self, start: int, end: int, cap: int) -> str:
        text = self.source.text
        s, e = self.sentences_over(start, end)
        sentence = text[s:e].strip()
        if len(sentence) <= cap:
            return sentence
        s += len(text[s:e]) - len(text[s:e].lstrip())
        if end <= s + cap:
            return sentence[:cap]
        if end - start > cap:
            return text[start:start + cap].strip()
        w = min(max(s, start - (cap - (end - start)) // 2), s + len(sentence) - cap)
        return text[w:w + cap].strip()
