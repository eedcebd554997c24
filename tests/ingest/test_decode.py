"""Decode stage: encodings detected from content, binary and empty files rejected by name."""
from __future__ import annotations

import codecs
from collections.abc import Callable

import pytest

from ingest.decode import Decoder, decode
from ingest.types import RawFile
from schema.errors import DecodeError, IngestError, UnsupportedFileError

PARAGRAPH = (
    "近年来，临河区全力打造“智荟临河”人才工作品牌，大力实施人才强区战略，"
    "设立260余个人才驿站。\n第 40 期 中共乌海市委组织部 2015年12月23日\n"
)
ONLY_CJK = "近年来，临河区全力打造“智荟临河”人才工作品牌，大力实施人才强区战略。"
TRADITIONAL = "近年來，臨河區全力打造“智薈臨河”人才工作品牌，大力實施人才強區戰略。"


def raw(data: bytes, path: str = "page.txt") -> RawFile:
    return RawFile.from_bytes(path, data)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PARAGRAPH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PARAGRAPH.encode("utf-8"), "utf-8-sig"),
        (PARAGRAPH.encode("gbk"), "gb18030"),
        (PARAGRAPH.encode("gb18030"), "gb18030"),
        (ONLY_CJK.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + PARAGRAPH.encode("utf-16-be"), "utf-16-be"),
        (PARAGRAPH.encode("utf-16-le"), "utf-16-le"),
        (PARAGRAPH.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "gbk-cjk-only", "utf16le-bom", "utf16be-bom",
         "utf16le", "utf16be"],
)
def test_decode_detects_encoding(data: bytes, encoding: str) -> None:
    decoded = decode(raw(data))
    expected = ONLY_CJK if data == ONLY_CJK.encode("gbk") else PARAGRAPH
    assert decoded.text == expected
    assert decoded.encoding == encoding
    assert decoded.warnings == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom_and_without_ascii(encoding: str) -> None:
    decoded = decode(raw(ONLY_CJK.encode(encoding)))
    assert decoded.text == ONLY_CJK
    assert decoded.encoding == encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_decode_seeds_in_utf16_without_bom(raw_seed: Callable[[str], RawFile], seed: str,
                                           encoding: str) -> None:
    """Mixed ASCII and CJK: characters such as 一 (U+4E00) put their NUL on the other
    side from the ASCII ones."""
    text = raw_seed(seed).data.decode("utf-8")
    decoded = decode(raw(text.encode(encoding)))
    assert (decoded.encoding, decoded.text, decoded.warnings) == (encoding, text, ())


@pytest.mark.parametrize("utf8_first", [True, False])
@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_decode_a_file_pasted_from_utf8_and_gbk(raw_seed: Callable[[str], RawFile], seed: str,
                                               utf8_first: bool) -> None:
    """Half the lines in UTF-8, half in GBK: both halves come back, with a warning."""
    text = raw_seed(seed).data.decode("utf-8").encode("gbk", errors="replace").decode("gbk")
    lines = text.splitlines(keepends=True)
    a, b = "".join(lines[: len(lines) // 2]), "".join(lines[len(lines) // 2:])
    data = a.encode("utf-8") + b.encode("gbk") if utf8_first else \
        a.encode("gbk") + b.encode("utf-8")
    decoded = decode(raw(data))
    assert decoded.text == text
    assert decoded.encoding == "utf-8+gb18030" and "mixed encodings" in decoded.warnings[0]
    whole = decode(raw(text.encode("gbk")))  # one encoding throughout: no mixing
    assert (whole.encoding, whole.text, whole.warnings) == ("gb18030", text, ())


def test_decode_gb18030_four_byte_characters() -> None:
    text = "𠮷人才工作站建设,引进高层次人才𠀀名。"
    assert decode(raw(text.encode("gb18030"))).text == text


def test_decode_big5_traditional() -> None:
    assert decode(raw(TRADITIONAL.encode("big5"))).text == TRADITIONAL


def test_decode_seed_003_with_executable_like_first_bytes(raw_seed: Callable[[str], RawFile]) -> None:
    seed = raw_seed("003")
    assert seed.data[:4] == b"\xe9\x84\x82\xe5"  # `file` calls this a DOS .COM program
    decoded = decode(seed)
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith("鄂府发〔2022〕38号")


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_decode_seeds_are_clean_utf8(raw_seed: Callable[[str], RawFile], seed: str) -> None:
    decoded = decode(raw_seed(seed))
    assert (decoded.encoding, decoded.warnings) == ("utf-8", ())


def test_decode_empty_file_names_the_file() -> None:
    with pytest.raises(DecodeError) as err:
        decode(raw(b"", "data/empty.txt"))
    assert err.value.path == "data/empty.txt"
    assert "data/empty.txt" in str(err.value) and "empty file" in str(err.value)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(64), "ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (bytes(range(256)) * 8, "binary file"),
        (bytes([0, 1, 2, 3, 0, 0, 7, 8]) * 50, "binary file"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
    ids=["png", "zip", "pdf", "all-bytes", "nul-heavy", "controls"],
)
def test_decode_rejects_binary(data: bytes, what: str) -> None:
    with pytest.raises(UnsupportedFileError) as err:
        decode(raw(data, "img/logo.bin"))
    message = str(err.value)
    assert message.startswith("img/logo.bin: ") and what in message and "\n" not in message
    assert isinstance(err.value, IngestError)


@pytest.mark.parametrize("text", ["杭锦旗实施\x00“金桥行动”。", ONLY_CJK[:9] + "\x00" + ONLY_CJK[9:],
                                  PARAGRAPH + "\x00\x00" + PARAGRAPH])
def test_decode_a_stray_nul_in_utf8_is_not_utf16(text: str) -> None:
    """Its NUL falls on one parity, as in UTF-16; UTF-16 would need replacements where
    UTF-8 decodes cleanly: the text is kept, not turned into mojibake."""
    decoded = decode(raw(text.encode("utf-8")))
    assert (decoded.encoding, decoded.text, decoded.warnings) == ("utf-8", text, ())


def test_decode_replaces_a_few_invalid_utf8_bytes_with_warning() -> None:
    data = PARAGRAPH.encode("utf-8") + b"\xff\xfe\x80" + PARAGRAPH.encode("utf-8")
    decoded = decode(raw(data))
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith(PARAGRAPH) and decoded.text.endswith(PARAGRAPH)
    assert "\ufffd" in decoded.text
    assert decoded.warnings == ("utf-8 (3 invalid bytes replaced)",)


def test_decode_html_is_left_to_normalise() -> None:
    page = "<html><body><p>人才&nbsp;工作</p></body></html>"
    assert decode(raw(page.encode("gbk"))).text == page


def test_decode_decoder_run_is_the_stage_entry_point() -> None:
    data = PARAGRAPH.encode("gbk")
    assert Decoder().run(raw(data)) == decode(raw(data))
