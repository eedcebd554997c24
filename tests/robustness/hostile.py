"""The hostile inputs of issue 7, written into a directory at test time.

Small text cases are committed under tests/fixtures/bad/ (see its README.md); the cases
derived from them (other encodings, invalid bytes, a document repeated) and the binary or
large ones (PNG, ZIP, 50 MB) are generated here so that nothing big or opaque is committed.

Each `Case` says what must happen to it: `ingest` (and the test checks what is extracted)
or `reject` (and the reason must contain `reason` and name the file, on one line).
"""
from __future__ import annotations

import codecs
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
ORIGINAL = FIXTURES / "document.utf8.txt"
#: a GB18030-only character (four bytes in GB18030, absent from GBK), in a line that adds
#: no entity, so the GB18030 variant must give the same graph as the original
GB18030_ONLY_LINE = "\n(编者注:本文“䶮”字为四字节编码。)\n"
LARGE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Case:
    name: str  # file name in the directory
    expect: Literal["ingest", "reject"]
    what: str  # one phrase for the summary
    reason: str | None = None  # for rejections: a substring the reason must contain
    same_as_original: bool = False  # ingest cases that must give the original's facts


def original_text() -> str:
    return ORIGINAL.read_text(encoding="utf-8")


def _png() -> bytes:
    """A real 1×1 PNG (signature, IHDR, IDAT, IEND)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _zip(directory: Path) -> bytes:
    """A ZIP archive holding the original document (text inside, but not a text file)."""
    path = directory / ".scratch.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("document.txt", original_text())
    data = path.read_bytes()
    path.unlink()
    return data


def _mixed_utf8() -> bytes:
    """The original in UTF-8 with three invalid bytes where they hurt no entity."""
    data = original_text().encode("utf-8")
    cut = data.index("精神".encode()) + len("精神".encode())
    return data[:cut] + b"\xff\xfe\xc3" + data[cut:]


def write_cases(directory: Path, *, large_bytes: int = LARGE_BYTES) -> list[Case]:
    """Write every hostile case into `directory` (created); the deleted-file case is only
    written: the test deletes it between listing and reading."""
    directory.mkdir(parents=True, exist_ok=True)
    text = original_text()
    files: dict[str, bytes] = {
        "document.utf8.txt": text.encode("utf-8"),
        "document.gbk.txt": text.encode("gbk"),
        "document.gb18030.txt": (text + GB18030_ONLY_LINE).encode("gb18030"),
        "document.utf16le-bom.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "document.utf16be-bom.txt": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "document.utf16le.txt": text.encode("utf-16-le"),
        "document.utf16be.txt": text.encode("utf-16-be"),
        "document.mixed-invalid-utf8.txt": _mixed_utf8(),
        "page.html": (FIXTURES / "page.html").read_bytes(),
        "table_ragged.txt": (FIXTURES / "table_ragged.txt").read_bytes(),
        "doc_number_brackets.txt": (FIXTURES / "doc_number_brackets.txt").read_bytes(),
        "traditional_pinyin.txt": (FIXTURES / "traditional_pinyin.txt").read_bytes(),
        "repeated_twice.txt": (text.rstrip("\n") + "\n" + text).encode("utf-8"),
        "empty.txt": b"",
        "scan.png": _png(),
        "bundle.zip": _zip(directory),
        "vanished.txt": text.encode("utf-8"),
    }
    for name, data in files.items():
        (directory / name).write_bytes(data)
    huge = directory / "huge.txt"
    line = (text.replace("\n", "") + "\n").encode("utf-8")
    with open(huge, "wb") as f:
        f.write(line * (large_bytes // len(line) + 1))
    return CASES


CASES: list[Case] = [
    Case("document.utf8.txt", "ingest", "UTF-8 original"),
    Case("document.gbk.txt", "ingest", "GBK", same_as_original=True),
    Case("document.gb18030.txt", "ingest", "GB18030 with a four-byte character",
         same_as_original=True),
    Case("document.utf16le-bom.txt", "ingest", "UTF-16 LE with BOM", same_as_original=True),
    Case("document.utf16be-bom.txt", "ingest", "UTF-16 BE with BOM", same_as_original=True),
    Case("document.utf16le.txt", "ingest", "UTF-16 LE without BOM", same_as_original=True),
    Case("document.utf16be.txt", "ingest", "UTF-16 BE without BOM", same_as_original=True),
    Case("document.mixed-invalid-utf8.txt", "ingest", "UTF-8 with invalid bytes",
         same_as_original=True),
    Case("page.html", "ingest", "HTML page", same_as_original=True),
    Case("table_ragged.txt", "ingest", "table with a missing cell and a long row"),
    Case("doc_number_brackets.txt", "ingest", "doc number in [ ], （ ）, ( ) spellings"),
    Case("traditional_pinyin.txt", "ingest", "Traditional with pinyin after every character",
         same_as_original=True),
    Case("repeated_twice.txt", "ingest", "document repeated twice", same_as_original=True),
    Case("empty.txt", "reject", "empty file", reason="empty file"),
    Case("scan.png", "reject", "PNG image", reason="PNG"),
    Case("bundle.zip", "reject", "ZIP archive", reason="ZIP"),
    Case("huge.txt", "reject", "50 MB text file", reason="too large"),
    Case("vanished.txt", "reject", "deleted between listing and reading",
         reason="file not found"),
]
