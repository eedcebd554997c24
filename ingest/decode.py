"""Stage 1 — decode: `RawFile` bytes → `DecodedText`.

Detection never trusts `file`-style magic on the first bytes (a UTF-8 file starting with
`鄂` looks like a DOS .COM program to `file`). Order of checks:

1. empty file → `DecodeError`; a file over `MAX_FILE_BYTES` → `UnsupportedFileError`
   (extraction cost grows faster than linearly with a source's length, and spaCy refuses
   texts over 1,000,000 characters); known binary signatures (PNG, ZIP, PDF, …) →
   `UnsupportedFileError` with a one-line reason;
2. a byte-order mark (UTF-32, UTF-8, UTF-16);
3. NUL bytes on one parity only → UTF-16 without BOM (ASCII in UTF-16), unless UTF-16 needs
   replacements where strict UTF-8 fits (a stray NUL in a short text); more than 1 % NULs
   (and more than a few) otherwise → binary;
4. strict UTF-8; then UTF-8 with a few invalid bytes (replaced, and a warning recorded);
5. otherwise candidates — GB18030 (which also decodes GBK/GB2312), UTF-16 LE/BE, Big5, a
   `<meta charset>` declaration and charset-normalizer's proposals — are decoded strictly
   and ranked by how plausible the result is as Chinese text; ties go to GB18030; a file
   pasted together from UTF-8 and GBK lines is decoded line by line when that is more
   plausible than any single encoding (with a warning);
6. a text that is mostly control characters is rejected as binary.
"""
from __future__ import annotations

import codecs
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


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_by_nuls(data: bytes) -> str | None:
    """`utf-16-le`/`utf-16-be` when NULs fall on one parity (ASCII text in UTF-16)."""
    sample = data[:8192]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = max(1, len(sample) // 2)
    # ASCII in UTF-16 puts its NUL on one side; CJK code points end in 00 only 1 in 256
    # (common CJK characters such as 一 U+4E00 put theirs on the other side: at most half)
    if odd >= 0.01 * pairs and even <= 0.5 * odd:
        return "utf-16-le"
    if even >= 0.01 * pairs and odd <= 0.5 * even:
        return "utf-16-be"
    return None


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
            utf16 = _utf16_by_nuls(data)
            if utf16 is not None:
                decoded = self._with_codec(raw, data, utf16, utf16, "NUL pattern")
                # a short UTF-8 text with a stray NUL has a one-parity NUL pattern too; if
                # UTF-16 needs replacements where UTF-8 decodes cleanly, it is UTF-8
                if _plausibility(decoded.text) >= _MIN_PLAUSIBILITY and not (
                        decoded.warnings and _is_utf8(data)):
                    return _logged(decoded)
            if nuls > max(_MAX_NUL_SHARE * len(data), _STRAY_NULS):
                raise UnsupportedFileError(raw.path, "binary file (NUL bytes), not text")
        try:
            return DecodedText(raw, data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
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
