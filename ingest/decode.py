"""Stage 1 — decode: `RawFile` bytes → `DecodedText`.

Detection never trusts `file`-style magic on the first bytes (a UTF-8 file starting with
`鄂` looks like a DOS .COM program to `file`). Order of checks:

1. empty file → `DecodeError`; a file over `MAX_FILE_BYTES` → `UnsupportedFileError`
   (extraction cost grows faster than linearly with a source's length, and spaCy refuses
   texts over 1,000,000 characters); known binary signatures (PNG, ZIP, PDF, …) →
   `UnsupportedFileError` with a one-line reason;
2. a byte-order mark (UTF-32, UTF-8, UTF-16);
3. NUL bytes → UTF-16 without BOM when a UTF-16 reading is plausible: both byte orders are
   decoded and scored (see `_utf16_reading`), the better one wins, unless strict UTF-8 fits
   and reads at least as well (a stray NUL in a UTF-8 text); more than 1 % NULs (and more
   than a few) otherwise → binary;
4. strict UTF-8 (when it is mostly control characters, a plausible strict UTF-16 reading
   instead: UTF-16 Chinese without NULs can be valid UTF-8); then UTF-8 with a few invalid
   bytes (replaced, and a warning recorded);
5. otherwise candidates — GB18030 (which also decodes GBK/GB2312), UTF-16 LE/BE, Big5, a
   `<meta charset>` declaration and charset-normalizer's proposals — are decoded strictly
   and ranked by how plausible the result is as Chinese text; ties go to GB18030; a file
   pasted together from UTF-8 and GBK lines is decoded line by line when that is more
   plausible than any single encoding (with a warning);
6. a text that is mostly control characters is rejected as binary.
"""
from __future__ import annotations

import codecs
import functools
import logging
import re
from dataclasses import replace

from ingest.types import DecodedText, RawFile
from schema.errors import DecodeError, UnsupportedFileError

logger = logging.getLogger(__name__)

#: (signature at offset 0, what it is)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"%PDF-", "PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 / MS Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

#: charset-normalizer / HTML names that GB18030 decodes as well (it is their superset)
_GB_FAMILY = frozenset({"gb2312", "gbk", "cp936", "ms936", "gb18030", "euc_cn", "x-gbk"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-]{2,20})""", re.I)
_PREFERRED = ("gb18030", "utf-16-le", "utf-16-be", "big5")
_MAX_INVALID_UTF8_SHARE = 0.05  # invalid bytes / non-ASCII bytes still called "UTF-8"
_MAX_CONTROL_SHARE = 0.10
_MIN_PLAUSIBILITY = 0.3  # below this a decoding is noise, see _plausibility
_MAX_NUL_SHARE = 0.01  # a stray NUL in text is tolerated, more is binary
_STRAY_NULS = 4  # ...and in a short text, a few
_UTF16 = ("utf-16-le", "utf-16-be")  # LE first: Windows writes it, so it wins a tie
_UTF16_SAMPLE = 4096  # characters of each UTF-16 reading scored
#: below this a UTF-16 reading (see _utf16_plausibility) is not text: real text scores over
#: 0.9, the wrong byte order of Chinese 0.1-0.35, of ASCII text about 0.4, random bytes 0.3
_MIN_UTF16_PLAUSIBILITY = 0.6
#: GB2312 lead bytes below 0xD8 are its symbols and level-1 (common) hanzi, Big5 lead bytes
#: below 0xC6 its symbols and frequently used characters
_COMMON_BELOW = (("gb2312", 0xD8), ("big5", 0xC6))
#: Largest file the decoder accepts. One policy document is rarely over 200 KB (the
#: largest seed file is 56 KB); 1,000,000 bytes also keeps every decoding under spaCy's
#: 1,000,000-character limit, and a 1 MB source already takes minutes to extract.
MAX_FILE_BYTES = 1_000_000


def _canonical(encoding: str) -> str:
    name = codecs.lookup(encoding).name  # raises LookupError for unknown names
    return "gb18030" if name in _GB_FAMILY or encoding.lower() in _GB_FAMILY else name


def _signature(data: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return f"RIFF {data[8:12].decode().strip()} file"
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f\v") or ch == "\x7f")
    return bad / len(text)


def _plausibility(text: str) -> float:
    """How much `text` looks like (Chinese) prose: 1.0 for plain GB2312/Big5 text.

    ASCII letters count half, so that UTF-16 bytes misread as GB18030 (which turn into
    a mix of ideographs and stray Latin letters) lose against the right decoding."""
    if not text:
        return 0.0
    score = 0.0
    for ch in text:
        if ch.isascii():
            if ch.isprintable() or ch in "\t\n\r":
                score += 0.5 if ch.isalpha() else 1.0
            continue
        for enc in ("gb2312", "big5"):
            try:
                ch.encode(enc)
            except UnicodeEncodeError:
                continue
            score += 1.0
            break
    return score / len(text)


def _logged(decoded: DecodedText) -> DecodedText:
    for note in decoded.warnings:
        logger.warning("%s: %s", decoded.file.path, note)
    return decoded


@functools.lru_cache(maxsize=8192)
def _commonness(ch: str) -> float:
    """1.0 for printable ASCII, white space, CJK punctuation and common hanzi, 0.5 for a
    rare hanzi (GB2312 level 2, Big5 level 2), 0.0 for anything else (controls, private
    use, unassigned, lone surrogates, U+FFFD, other scripts).

    Telling a common hanzi from a rare one is what separates the two byte orders of ASCII
    text: read the wrong way round, `a` (U+0061) becomes U+6100, a CJK Unified Ideograph
    too, but a rare one; membership in the CJK block alone would not tell them apart."""
    if ch.isascii():
        return 1.0 if ch.isprintable() or ch in "\t\n\r" else 0.0
    score = 0.0
    for encoding, common_below in _COMMON_BELOW:
        try:
            lead = ch.encode(encoding)[0]
        except UnicodeEncodeError:
            continue
        if lead < common_below:
            return 1.0
        score = 0.5
    return score


def _utf16_plausibility(text: str) -> float:
    """Mean `_commonness` of `text`: how much it reads like Chinese (or ASCII) prose.

    Unlike `_plausibility`, ASCII letters count in full: UTF-16 does not turn stray bytes
    into ASCII letters, while the wrong byte order of ASCII text turns into hanzi."""
    if not text:
        return 0.0
    return sum(map(_commonness, text)) / len(text)


def _candidates(data: bytes) -> list[str]:
    names: list[str] = []
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        names.append(declared.group(1).decode("ascii"))
    names.extend(_PREFERRED)
    try:
        from charset_normalizer import from_bytes  # heavy: imported on first use

        names.extend(match.encoding for match in from_bytes(data))
    except Exception:  # noqa: BLE001 - the detector is a hint, never fatal
        logger.debug("charset-normalizer failed", exc_info=True)
    out: list[str] = []
    for name in names:
        try:
            canonical = _canonical(name)
        except LookupError:
            continue
        if canonical not in out:
            out.append(canonical)
    return out


class Decoder:
    """Decode stage: `run(RawFile) -> DecodedText`; raises `DecodeError` /
    `UnsupportedFileError` naming the file."""

    def __init__(self, max_bytes: int = MAX_FILE_BYTES):
        self.max_bytes = max_bytes

    def run(self, raw: RawFile) -> DecodedText:
        data = raw.data
        if not data:
            raise DecodeError(raw.path, "empty file")
        if len(data) > self.max_bytes:
            raise UnsupportedFileError(raw.path, f"file too large ({len(data):,} bytes; "
                                       f"at most {self.max_bytes:,} per file: split it)")
        what = _signature(data)
        if what:
            raise UnsupportedFileError(raw.path, f"binary file ({what}), not text")
        decoded = self._decode(raw)
        if _control_share(decoded.text) > _MAX_CONTROL_SHARE:
            raise UnsupportedFileError(raw.path, "binary file (mostly control characters), not text")
        if not decoded.text.strip():
            decoded = replace(decoded, warnings=(*decoded.warnings, "file holds only white space"))
        return decoded

    def _decode(self, raw: RawFile) -> DecodedText:
        data = raw.data
        for bom, name, codec in _BOMS:
            if data.startswith(bom):
                return _logged(self._with_codec(raw, data, codec, name, "byte-order mark"))
        nuls = data.count(0)
        if nuls:
            reading = self._utf16_reading(raw)
            if reading is not None and not self._utf8_reads_better(data, *reading):
                return _logged(reading[1])
            if nuls > max(_MAX_NUL_SHARE * len(data), _STRAY_NULS):
                raise UnsupportedFileError(raw.path, "binary file (NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if _control_share(text) > _MAX_CONTROL_SHARE:
                # UTF-16 Chinese need not hold a NUL, and its bytes may be valid UTF-8 (你
                # U+4F60 is "`O" in LE): a control character every few bytes gives it away
                reading = self._utf16_reading(raw)
                if reading is not None and not reading[1].warnings:
                    return _logged(reading[1])
            return DecodedText(raw, text, "utf-8")  # run() rejects it if it is controls
        mostly = self._mostly_utf8(raw)
        if mostly is not None:
            return mostly
        mixed = self._by_lines(raw)
        try:
            guessed = self._guess(raw)
        except UnsupportedFileError:
            if mixed is None or _plausibility(mixed.text) < _MIN_PLAUSIBILITY:
                raise
            return _logged(mixed)
        if mixed is not None and _plausibility(mixed.text) > _plausibility(guessed.text):
            return _logged(mixed)
        return _logged(guessed)

    @staticmethod
    def _by_lines(raw: RawFile) -> DecodedText | None:
        """A file pasted together from a UTF-8 and a GBK source: each line in the one of
        the two that decodes it strictly; `None` unless both are needed."""
        parts: list[str] = []
        utf8 = other = 0
        for line in raw.data.splitlines(keepends=True):  # 0x0A/0x0D: never inside a char
            if line.isascii():
                parts.append(line.decode("ascii"))
                continue
            try:
                parts.append(line.decode("utf-8"))
                utf8 += 1
                continue
            except UnicodeDecodeError:
                pass
            try:
                parts.append(line.decode("gb18030"))
                other += 1
            except UnicodeDecodeError:
                return None
        if not utf8 or not other:
            return None
        note = f"mixed encodings: {utf8} line(s) utf-8, {other} line(s) gb18030"
        return DecodedText(raw, "".join(parts), "utf-8+gb18030", (note,))

    @staticmethod
    def _utf16_reading(raw: RawFile) -> tuple[float, DecodedText] | None:
        """The more plausible of the UTF-16 LE and BE readings of a file without BOM, with
        its `_utf16_plausibility`; `None` when neither is plausible (binary, or not UTF-16).

        A NUL byte is not evidence of byte order by itself: ASCII puts it in the high byte,
        but common hanzi such as 一 (U+4E00) and 开 (U+5F00) put it in the low one, so
        Chinese text with few ASCII characters has NULs on the "wrong" side. Both orders
        are therefore decoded and the decoded texts compared. A reading that decodes
        strictly beats one that needs replacements; among equals the one with more ASCII
        characters wins (a one-letter file: `g` rather than 最 U+6700)."""
        best: tuple[tuple[bool, float, int], float, DecodedText] | None = None
        for codec in _UTF16:
            decoded = Decoder._with_codec(raw, raw.data, codec, codec, "no byte-order mark")
            sample = decoded.text[:_UTF16_SAMPLE]
            score = _utf16_plausibility(sample)
            if score < _MIN_UTF16_PLAUSIBILITY:
                continue
            key = (not decoded.warnings, score, sum(1 for ch in sample if ch.isascii()))
            if best is None or key > best[0]:
                best = (key, score, decoded)
        if best is None:
            return None
        logger.debug("%s: decoded as %s (UTF-16 plausibility %.2f)", raw.path,
                     best[2].encoding, best[1])
        return best[1], best[2]

    @staticmethod
    def _utf8_reads_better(data: bytes, utf16_score: float, utf16: DecodedText) -> bool:
        """A UTF-8 text with a stray NUL can have a UTF-16 reading too: when strict UTF-8
        fits, UTF-16 must decode strictly and read better (its NULs score nothing)."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return bool(utf16.warnings) or \
            _utf16_plausibility(text[:_UTF16_SAMPLE]) >= utf16_score

    @staticmethod
    def _with_codec(raw: RawFile, data: bytes, codec: str, name: str, why: str) -> DecodedText:
        try:
            return DecodedText(raw, data.decode(codec), name)
        except UnicodeDecodeError as err:
            text = data.decode(codec, errors="replace")
            note = f"invalid {name} bytes at {err.start} ({why}); replaced with U+FFFD"
            return DecodedText(raw, text, name, (note,))

    @staticmethod
    def _mostly_utf8(raw: RawFile) -> DecodedText | None:
        escaped = raw.data.decode("utf-8", errors="surrogateescape")
        invalid = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
        non_ascii = sum(1 for b in raw.data if b >= 0x80)
        multibyte = sum(1 for ch in escaped if ch > "\x7f" and not "\udc80" <= ch <= "\udcff")
        if multibyte == 0 or invalid > _MAX_INVALID_UTF8_SHARE * non_ascii:
            return None
        note = f"utf-8 ({invalid} invalid byte{'s' if invalid != 1 else ''} replaced)"
        logger.warning("%s: %s", raw.path, note)
        return DecodedText(raw, raw.data.decode("utf-8", errors="replace"), "utf-8", (note,))

    @staticmethod
    def _guess(raw: RawFile) -> DecodedText:
        best: tuple[float, int, str, str] | None = None
        for rank, codec in enumerate(_candidates(raw.data)):
            try:
                text = raw.data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                continue
            key = (_plausibility(text), -rank)
            if best is None or key > best[:2]:
                best = (key[0], key[1], codec, text)
        if best is not None and best[0] >= _MIN_PLAUSIBILITY:
            logger.debug("%s: decoded as %s (plausibility %.2f)", raw.path, best[2], best[0])
            return DecodedText(raw, best[3], best[2])
        text = raw.data.decode("gb18030", errors="replace")
        if _plausibility(text) < _MIN_PLAUSIBILITY or _control_share(text) > _MAX_CONTROL_SHARE:
            raise UnsupportedFileError(raw.path, "binary file (no text encoding fits), not text")
        note = "no encoding decodes the file cleanly; decoded as gb18030 with replacements"
        return DecodedText(raw, text, "gb18030", (note,))


def decode(raw: RawFile) -> DecodedText:
    """Decode a file's bytes (see the module docstring for the strategy)."""
    return Decoder().run(raw)
