"""Stage 2 — normalise: `DecodedText` → `NormalizedText` (Simplified, clean, traceable).

Every step works on a list of characters paired with their index in the decoded text, so
`offsets[i]` always names where normalised character `i` came from (`offsets` has
`len(text) + 1` entries, the last being `len(original)`; it never decreases). Steps:

1. HTML (only when the text looks like a page): `<script>`, `<style>`, `<head>` and comments
   dropped, block tags and `<br>` become newlines, other tags vanish, entities are unescaped
   (the characters of an entity map to its `&`), white space inside text runs collapses.
2. Character folding — the canonical form, matching the seed corpus: fullwidth ASCII
   U+FF01–U+FF5E becomes ASCII (`（）：，；１Ａ` → `():,;1A`, as NFKC does); U+3000,
   NBSP and other spaces become ` `; zero-width characters and stray controls are dropped;
   `\\r\\n`/`\\r` become `\\n`. CJK punctuation `，` is folded but `。、“”《》〔〕【】` are kept;
   corner brackets `「」『』` (quotation marks on Traditional pages) become `“”‘’`.
3. Pinyin glued after a character on Traditional pages (`臨河區(qū)` → `臨河區`) is
   removed: `(` + one pinyin syllable + `)` right after an ideograph. A syllable with tone
   marks always counts; a bare one (`(de)`) only on pages that have toned glosses, so real
   parentheticals — `(孵化)`, `(2022)`, `(R&D)`, `(app)` — stay.
4. Traditional → Simplified with OpenCC `t2s` (loaded lazily, once). Where a conversion
   changes the length of a line, that line is converted character by character so the
   offset map stays exact.
5. Lines: stripped of spaces; page furniture lines (`ingest.furniture.is_furniture`) are
   removed; a letter-spaced heading (`会 议 纪 要`) is closed up; page metadata lines (`发布时间:…`) are KEPT — `split` reads the date from
   them and leaves them out of sources; runs of blank lines collapse to one blank line.
6. Hard line-wraps (text extracted from a PDF: most lines of one width, cut mid-word):
   a full-width line that ends no sentence is joined to the next, across a page break;
   a page's running header (a short line repeated between blank lines) is dropped.

`normalise` never raises on text; anything notable goes to `NormalizedText.warnings`.
"""
from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any

from ingest.furniture import is_furniture
from ingest.types import DecodedText, NormalizedText

logger = logging.getLogger(__name__)

Chars = list[str]
Index = list[int]

_HTML_HINT = re.compile(
    r"<(?:html|body|div|p|br|span|table|tr|td|li|h[1-6]|meta|head|title|script|style|a)\b[^<>]*>|<!doctype html",
    re.I,
)
#: an HTML entity (`&nbsp;`, `&gt;`, `&#12288;`) in text without tags
_ENTITY = re.compile(r"&(?:nbsp|gt|lt|amp|quot|apos|ensp|emsp|thinsp|middot|ldquo|rdquo|lsquo|"
                     r"rsquo|mdash|ndash|hellip|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_HTML_TOKEN = re.compile(
    r"<!--.*?-->|<(script|style|head|noscript|template)\b[^>]*>.*?</\1\s*>"
    # an unclosed script or style runs to the end of the page, as in a browser
    r"|<(?:script|style)\b[^>]*>.*|<![^>]*>|<\?[^>]*>"
    r"|</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|&(?:#\d{1,10}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]{1,31});?",
    re.S | re.I,
)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol tr td th table tbody thead tfoot caption h1 h2 h3 h4 h5 h6 section "
    "article header footer nav aside main blockquote pre hr title dd dt dl form center "
    "figure figcaption option address".split()
)
_SPACES = frozenset("\u3000\xa0\t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\x0b\x0c")
#: zero-width characters, soft hyphen, and the bidirectional marks, embeddings and isolates
#: that copy-and-paste brings along: they render as nothing and split names
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c"
                       "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_GLUED_PINYIN = re.compile(rf"(?<=[{_IDEOGRAPH}])\(([a-zü{_TONED}\u0300-\u036f]{{1,10}}"
                           rf"(?: [a-zü{_TONED}\u0300-\u036f]{{1,10}}){{0,3}})\)")
_SYLLABLE = re.compile(
    r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn|"
    r"ia|ie|iu|io|ua|uo|ue|ve|ui|a|o|e|i|u|v)$|^(?:m|n|ng|hm|hng)$"
)


@lru_cache(maxsize=1)
def _t2s() -> Any:
    """The OpenCC Traditional→Simplified converter, created on first use."""
    import opencc

    return opencc.OpenCC("t2s")


def _convert(text: str) -> str:
    try:
        out = _t2s().convert(text)
    except (UnicodeError, RuntimeError, ValueError):  # lone surrogates and the like
        return text
    return out if isinstance(out, str) else text


def _unescape(text: str) -> tuple[Chars, Index]:
    """The text with its named and numbered entities unescaped, nothing else changed."""
    chars: Chars = []
    idx: Index = []
    pos = 0
    for m in _ENTITY.finditer(text):
        chars.extend(text[pos:m.start()])
        idx.extend(range(pos, m.start()))
        pos = m.end()
        rep = html.unescape(m.group())
        if rep == "\ufffd" or (len(rep) == 1 and rep < " "):
            continue
        chars.extend(rep)
        idx.extend([m.start()] * len(rep))
    chars.extend(text[pos:])
    idx.extend(range(pos, len(text)))
    return chars, idx


def _strip_html(text: str) -> tuple[Chars, Index, bool]:
    """Tags out, entities unescaped; returns (chars, index, was_html)."""
    if len(_HTML_HINT.findall(text[:20000])) < 2:
        if len(_ENTITY.findall(text[:20000])) >= 2:
            return (*_unescape(text), False)  # text copied from a page's source: `&nbsp;`
        return list(text), list(range(len(text))), False
    chars: Chars = []
    idx: Index = []

    def text_run(start: int, end: int) -> None:
        for i in range(start, end):
            ch = text[i]
            if ch.isspace():
                if chars and chars[-1] in " \n":
                    continue
                ch = " "
            chars.append(ch)
            idx.append(i)

    pos = 0
    for m in _HTML_TOKEN.finditer(text):
        text_run(pos, m.start())
        pos = m.end()
        token = m.group(0)
        if token.startswith("&"):
            rep = html.unescape(token)
            if rep == "\ufffd" or (len(rep) == 1 and rep < " "):  # &#0;, &#99999999;, &#7;
                continue
            chars.extend(rep)
            idx.extend([m.start()] * len(rep))
        elif m.group(2) and m.group(2).lower() in _BLOCK_TAGS:
            chars.append("\n")
            idx.append(m.start())
    text_run(pos, len(text))
    return chars, idx, True


#: `_fold`'s one-for-one replacements: a lone CR and the line separators to a newline,
#: white-space variants to a space, full-width ASCII (，：（） are U+FF0C...) to ASCII, corner
#: brackets (Traditional pages' quotation marks: 「晋江英才计划」) to “” and ‘’
_FOLD_TABLE = {ord("\r"): "\n", 0x2028: "\n", 0x2029: "\n", 0x85: "\n",
               **{ord(c): " " for c in _SPACES},
               **{c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
               **{ord(a): b for a, b in zip("「」『』｢｣", "“”‘’“”")}}
#: what `_fold` drops: a CR before LF, invisible characters, control characters other than
#: the white space it folds
_FOLD_DROP = re.compile("\r(?=\n)|[" + re.escape("".join(sorted(
    (_INVISIBLE | {chr(c) for c in range(0x20)} | {"\x7f"}) - _SPACES - {"\n", "\r"})))
    + "]")


def _fold(chars: Chars, idx: Index) -> tuple[Chars, Index]:
    """Width and white-space folding, one character for one (`_FOLD_TABLE`), and the
    characters of `_FOLD_DROP` removed — with `str.translate` and a regex in C, rather than
    a Python loop over every character (most of the normalise stage)."""
    text = "".join(chars)
    if len(text) != len(chars):  # not one character per item: no such caller, but be exact
        return _fold(list(text), [i for ch, i in zip(chars, idx) for _ in ch])
    folded = text.translate(_FOLD_TABLE)
    drops = [m.start() for m in _FOLD_DROP.finditer(text)]
    if not drops:
        return list(folded), list(idx)
    out: Chars = []
    out_idx: Index = []
    pos = 0
    for d in drops:
        out.extend(folded[pos:d])
        out_idx.extend(idx[pos:d])
        pos = d + 1
    out.extend(folded[pos:])
    out_idx.extend(idx[pos:])
    return out, out_idx


def _is_pinyin(gloss: str) -> tuple[bool, bool]:
    """(is pinyin: one syllable, or a word's syllables apart by spaces, `lì shuǐ`; carries a
    tone mark)."""
    if " " in gloss:
        parts = [_is_pinyin(p) for p in gloss.split(" ")]
        return all(ok for ok, _ in parts), any(toned for _, toned in parts)
    decomposed = unicodedata.normalize("NFD", gloss)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ü", "v")
    toned = base != gloss.replace("ü", "v")
    return len(base) <= 7 and bool(_SYLLABLE.match(base)), toned


def _strip_pinyin(chars: Chars, idx: Index) -> tuple[Chars, Index, int]:
    text = "".join(chars)
    found = [(m, *_is_pinyin(m.group(1))) for m in _GLUED_PINYIN.finditer(text)]
    page_has_toned = any(ok and toned for _, ok, toned in found)
    drop = [m.span() for m, ok, toned in found if ok and (toned or page_has_toned)]
    if not drop:
        return chars, idx, 0
    keep = [True] * len(chars)
    for start, end in drop:
        keep[start:end] = [False] * (end - start)
    return [c for c, k in zip(chars, keep) if k], [i for i, k in zip(idx, keep) if k], len(drop)


def _to_simplified(chars: Chars, idx: Index) -> tuple[Chars, Index, int, int]:
    """Returns (chars, index, characters changed, lines converted char by char)."""
    text = "".join(chars)
    converted = _convert(text)
    if converted == text:
        return chars, idx, 0, 0
    if len(converted) == len(text):
        changed = sum(a != b for a, b in zip(text, converted))
        return list(converted), idx, changed, 0
    out: Chars = []
    out_idx: Index = []
    changed = slow = pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        conv = _convert(line)
        if len(conv) == len(line):
            changed += sum(a != b for a, b in zip(line, conv))
            out.extend(conv)
            out_idx.extend(idx[pos:end])
        else:
            slow += 1
            for ch, i in zip(line, idx[pos:end]):
                rep = _convert(ch) or ch
                changed += rep != ch
                out.extend(rep)
                out_idx.extend([i] * len(rep))
        if end < len(text):
            out.append("\n")
            out_idx.append(idx[end])
        pos = end + 1
    return out, out_idx, changed, slow


#: a heading set with a space between its characters (`会 议 纪 要`, `通  知`): one word
_SPACED_OUT = re.compile(r"^(?:[\u4e00-\u9fff] {1,3}){1,5}[\u4e00-\u9fff]$")


def _tidy_lines(chars: Chars, idx: Index) -> tuple[Chars, Index, int]:
    """Strip lines, drop furniture lines, close up letter-spaced headings, collapse blank
    runs; returns (chars, index, dropped)."""
    # (start, end, newline, blank, letter-spaced)
    kept: list[tuple[int, int, int | None, int | None, bool]] = []
    blank: int | None = None
    dropped = 0
    n = len(chars)
    start = 0
    while start <= n:
        end = start
        while end < n and chars[end] != "\n":
            end += 1
        a, b = start, end
        while a < b and chars[a] == " ":
            a += 1
        while b > a and chars[b - 1] == " ":
            b -= 1
        newline = idx[end] if end < n else None
        if a == b:
            if kept and blank is None:
                blank = newline
        elif is_furniture(line := "".join(chars[a:b])):
            dropped += 1
        else:
            kept.append((a, b, newline, blank, bool(_SPACED_OUT.match(line))))
            blank = None
        start = end + 1
    out: Chars = []
    out_idx: Index = []
    for k, (a, b, _, blank_at, spaced) in enumerate(kept):
        if k:
            out.append("\n")
            out_idx.append(kept[k - 1][2])  # type: ignore[arg-type]  # not the last line
            if blank_at is not None:
                out.append("\n")
                out_idx.append(blank_at)
        if spaced:  # `会 议 纪 要` → 会议纪要
            keep = [i for i in range(a, b) if chars[i] != " "]
            out.extend(chars[i] for i in keep)
            out_idx.extend(idx[i] for i in keep)
            continue
        out.extend(chars[a:b])
        out_idx.extend(idx[a:b])
    return out, out_idx, dropped


#: how a line ends that is no wrapped line's: a sentence, or the lead-in to a list or table
_NO_WRAP_END = "。！？!?;；:："
#: how a line starts that starts a new item (a heading or a numbered point), not a wrap
_NEW_ITEM = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]"
                       r"|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十百]{1,4}条)")


def _wrap_width(lengths: list[int]) -> int | None:
    """The width of hard-wrapped text: half or more of the lines of 12 characters or more
    are that long (or one less: a full-width mark straddles), and almost none longer.
    Prose typed into a page has lines of any length; a table's cells are short."""
    long = [n for n in lengths if n >= 12]
    if len(long) < 8:
        return None
    count = Counter(long)
    width = max(count, key=lambda w: (count[w] + count.get(w - 1, 0), w))
    band = count[width] + count.get(width - 1, 0)
    longer = sum(v for w, v in count.items() if w > width + 1)
    if band < 8 or band < len(long) / 2 or longer > len(long) / 10:
        return None
    return width


#: marks that never start a line of Chinese text (a line break before one is a wrap, whatever
#: the width: `支持某某集团\n、某某公司等龙头企业…`, `…人才工作\n，市委组织部牵头抓总`)
_NO_LINE_START = "，、。；：！？）》」』】〕,;!?)"


def _unwrap(chars: Chars, idx: Index, original: str) -> tuple[Chars, Index, int]:
    """Join hard-wrapped lines (step 6); returns (chars, index, lines joined). A space that
    ended a wrapped line in the original (`中共某市委 ` / `某市人民政府…`) is kept. Text
    wrapped at a width (`_wrap_width`) is joined line by line; in any text, a line that
    opens with a mark no line starts with (`_NO_LINE_START`) is joined to the line above."""
    text = "".join(chars)
    lines = text.split("\n")
    width = _wrap_width([len(line) for line in lines])
    if width is None:
        if not any(line[:1] and line[0] in _NO_LINE_START for line in lines[1:]):
            return chars, idx, 0
        width = 1 << 30  # no width: only the joins by mark
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    remove: set[int] = set()
    seen: set[str] = set()
    for k, line in enumerate(lines):
        if line and line in seen and len(line) < width * 0.7 and 0 < k < len(lines) - 2 \
                and not lines[k - 1] and not lines[k + 1]:
            remove.update(range(starts[k], starts[k + 2]))  # the header and its blank line
        seen.add(line)
    kept = [k for k, line in enumerate(lines) if line and starts[k] not in remove]
    spaces: dict[int, int] = {}  # where a kept space goes -> its original index
    joined = 0
    for a, b in zip(kept, kept[1:]):
        head, tail = lines[a], lines[b]
        if (len(head) >= width - 1 and head[-1] not in _NO_WRAP_END and not _NEW_ITEM.match(tail)
                or b == a + 1 and tail[0] in _NO_LINE_START):
            end = starts[a] + len(head)
            remove.update(range(end, starts[b]))
            after = idx[end - 1] + 1
            if after < len(original) and original[after] != "\n" and original[after].isspace():
                spaces[end] = after
            joined += 1
    out: Chars = []
    out_idx: Index = []
    for i, ch in enumerate(chars):
        if i in spaces:
            out.append(" ")
            out_idx.append(spaces[i])
        if i not in remove:
            out.append(ch)
            out_idx.append(idx[i])
    return out, out_idx, joined


class Normaliser:
    """Normalise stage: `run(DecodedText) -> NormalizedText`; never raises on text."""

    def run(self, decoded: DecodedText) -> NormalizedText:
        original = decoded.text
        warnings = list(decoded.warnings)
        chars, idx, was_html = _strip_html(original)
        if was_html:
            warnings.append("HTML markup removed")
        chars, idx = _fold(chars, idx)
        chars, idx, glosses = _strip_pinyin(chars, idx)
        if glosses:
            warnings.append(f"removed {glosses} pinyin glosses glued after characters")
        chars, idx, changed, slow = _to_simplified(chars, idx)
        if changed:
            warnings.append(f"converted {changed} Traditional characters to Simplified")
        if slow:
            warnings.append(f"{slow} lines converted character by character (t2s changed their length)")
        chars, idx, dropped = _tidy_lines(chars, idx)
        logger.debug("%s: %d furniture lines removed", decoded.file.path, dropped)
        chars, idx, joined = _unwrap(chars, idx, original)
        if joined:
            warnings.append(f"joined {joined} hard-wrapped lines")
        if original.strip() and not chars:
            warnings.append("nothing left after normalisation")
        return NormalizedText(
            file=decoded.file,
            original=original,
            text="".join(chars),
            offsets=idx + [len(original)],
            encoding=decoded.encoding,
            warnings=warnings,
        )


def normalise(decoded: DecodedText) -> NormalizedText:
    """Normalise decoded text (see the module docstring for the steps)."""
    return Normaliser().run(decoded)


#: Quotation and title marks. Entity names are stored without them (`“燕归巢”行动` is the
#: Program 燕归巢行动, `《…规划》` the document …规划), the titles of sources keep them.
QUOTE_MARKS = "“”‘’「」『』\"《》"
_NO_QUOTES = str.maketrans("", "", QUOTE_MARKS)


def unquote(text: str) -> str:
    """`text` without quotation and title marks."""
    return text.translate(_NO_QUOTES)


def normalise_query(text: str) -> str:
    """A search query in the form document text is stored in: width folded, pinyin glued
    after characters removed, Traditional converted to Simplified (no furniture removal,
    no line tidying — a query is one phrase). `臨河區(qū)` → `临河区`."""
    chars, idx = _fold(list(text), list(range(len(text))))
    chars, idx, _ = _strip_pinyin(chars, idx)
    chars, idx, _, _ = _to_simplified(chars, idx)
    return "".join(chars).strip()


def query_forms(text: str) -> list[str]:
    """The forms a name typed or pasted by a user is looked up in, best first: normalised
    and without quotation marks (the form entity names are stored in: `“燕归巢”行动` →
    燕归巢行动), then normalised as typed, if that differs (a source's title keeps its
    quotes). Empty forms are left out."""
    typed = normalise_query(text)
    bare = unquote(typed).strip()
    return [f for f in dict.fromkeys((bare, typed)) if f]
