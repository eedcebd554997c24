"""Decode: UTF-16 without a byte-order mark, when its NUL bytes do not tell the byte order.

Common hanzi such as 一 (U+4E00) and 开 (U+5F00) put a NUL in the low byte, where ASCII puts
it in the high one: Chinese text with full-width punctuation and no ASCII has its NULs on
the "wrong" side for a decoder that reads every NUL as the high byte of an ASCII character,
and came back as mojibake or was rejected as binary."""
from __future__ import annotations

import random
import re
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.decode import decode
from ingest.types import RawFile
from schema.errors import UnsupportedFileError

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
#: Chinese web text usually writes its punctuation full width
FULL_WIDTH = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", ";": "；", "!": "！",
                            "?": "？"})


def raw(data: bytes, path: str = "note.txt") -> RawFile:
    return RawFile.from_bytes(path, data)


def corpus_paragraphs() -> list[str]:
    """The seed corpus's paragraphs (over 20 characters), as they are and with full-width
    punctuation; read at test time so that no seed text stands in the test."""
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, text.translate(FULL_WIDTH)):
            out.extend(p for p in variant.split("\n") if len(p) > 20 and p not in out)
    return out


PARAGRAPHS = corpus_paragraphs()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "开拓育才工作新天地",  # 开 U+5F00: its NUL alone, on the low-byte side
        # 一 U+4E00 four times, 开 once; full-width punctuation, one ASCII character (\n)
        "开展“一县一品”人才工程，打造一流人才高地。\n",
        "你好世界",  # no NUL at all, and valid (control-laden) UTF-8 in either byte order
    ],
    ids=["kai-only", "yi-and-full-width", "no-nul"],
)
def test_decode_utf16_without_bom_whose_nuls_are_in_hanzi(text: str, encoding: str) -> None:
    decoded = decode(raw(text.encode(encoding)))
    assert (decoded.encoding, decoded.text, decoded.warnings) == (encoding, text, ())


def test_corpus_has_paragraphs_whose_nuls_are_all_in_hanzi() -> None:
    """The property test below covers the failing case: paragraphs with a U+xx00 hanzi and
    no ASCII at all (all their NULs on the low-byte side)."""
    hard = [p for p in PARAGRAPHS if not any(ch.isascii() for ch in p)
            and any(ord(ch) & 0xFF == 0 for ch in p)]
    assert len(hard) >= 10


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraph=st.sampled_from(PARAGRAPHS), cut=st.tuples(st.floats(0, 1), st.floats(0, 1)),
       encoding=st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_decode_corpus_text_in_utf16_without_bom_round_trips(
        paragraph: str, cut: tuple[float, float], encoding: str) -> None:
    """Any stretch of at least 20 characters of a corpus paragraph, saved as UTF-16 without
    BOM in either byte order, decodes back exactly, in that byte order, without warning."""
    start = int(min(cut) * (len(paragraph) - 20))
    end = max(start + 20, int(max(cut) * len(paragraph)))
    text = paragraph[start:end]
    decoded = decode(raw(text.encode(encoding)))
    assert (decoded.encoding, decoded.text, decoded.warnings) == (encoding, text, ())


def _png_without_signature() -> bytes:
    """A PNG's chunks (IHDR, IDAT, IEND) with its 8-byte signature cut off, so that only
    the NUL bytes of its big-endian lengths and pixel data can give it away."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc
    pixels = zlib.compress(b"".join(b"\x00" + bytes(range(i, i + 48)) for i in range(32)))
    return chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 32, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _random_with_nuls(seed: int, every: int) -> bytes:
    data = bytearray(random.Random(seed).randbytes(4096))
    data[::every] = bytes(len(data[::every]))
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (_random_with_nuls(1, 2), "binary file"),
        (_random_with_nuls(2, 3), "binary file"),
        (_random_with_nuls(3, 4), "binary file"),
        (random.Random(4).randbytes(4096), "binary file"),
        (b"\x89PNG\r\n\x1a\n" + _png_without_signature(), "PNG image"),
        (_png_without_signature(), "binary file"),
        (struct.pack("<512i", *range(-256, 256)), "binary file"),
        (struct.pack(">256d", *(i / 7 for i in range(256))), "binary file"),
    ],
    ids=["random-nul-every-2", "random-nul-every-3", "random-nul-every-4", "random",
         "png", "png-chunks-only", "int32-le", "float64-be"],
)
def test_decode_still_rejects_binary_with_nuls(data: bytes, what: str) -> None:
    """A file is not text because some UTF-16 reading of it decodes: the reading must look
    like prose, and binary data does not."""
    with pytest.raises(UnsupportedFileError) as err:
        decode(raw(data, "img/blob.bin"))
    assert re.match(r"img/blob\.bin: binary file \(.+\), not text$", str(err.value))
    assert what in str(err.value)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 8))
def test_decode_rejects_random_bytes_with_many_nuls(seed: int, every: int) -> None:
    """Random bytes with a NUL every few bytes (more than 1 %) are rejected as binary.
    (Uniformly random: hypothesis's own byte strings favour runs such as 4E 4E 4E, which
    with NULs spliced in are UTF-16 text, 一乎一乎….)"""
    with pytest.raises(UnsupportedFileError):
        decode(raw(_random_with_nuls(seed, every), "blob.bin"))
