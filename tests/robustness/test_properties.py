"""Property-based tests (hypothesis) of the text stages: decode, normalise, split.

No exception escapes any of them on arbitrary input other than the documented
`IngestError` subclasses of decode, and the normalised text always maps back into the
original: offsets monotone and within bounds, and a character no step rewrites is the
character found at its original offset.
"""
from __future__ import annotations

import codecs

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest.decode import Decoder
from ingest.normalise import Normaliser
from ingest.split import Splitter
from ingest.types import DecodedText, RawFile
from schema.errors import IngestError

#: characters no normalisation step rewrites (only ever kept or dropped with their line)
STABLE = frozenset("人才计划市县区旗实施工程行动建设工作站青年科技高校毕业生引进培养"
                   "。、“”《》〔〕【】abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
#: fragments that exercise every step: HTML, entities, pinyin glosses, Traditional, width
#: folding, line ends, furniture
FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<div class='a'>", "<br/>", "<script>var x='计划';</script>", "<!-- 注 -->",
    "&amp;", "&nbsp;", "&#x4eba;", "&ldquo;", "臨(lín)河(hé)區(qū)", "(qū)", "(de)", "(2022)",
    "實施", "發展", "\r\n", "\r", "\u2028", "\u3000", "ＡＢ１（）：", "版权所有", "首页 > 新闻",
    "电话:0471-1234567", "发布时间:2022-05-25", "包府发〔2021〕17号", "“青鸟”计划", "\n\n",
    "| ", "1 |\n", "\ufeff", "\u200b",
])
TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(FRAGMENTS | st.sampled_from(sorted(STABLE)) | st.characters(), max_size=60)
    .map("".join),
)


def decoded(text: str) -> DecodedText:
    return DecodedText(RawFile.from_bytes("prop.txt", text.encode("utf-8", "surrogatepass")),
                       text, "utf-8")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400),
                 TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 TEXT.map(lambda t: t.encode("gb18030", "replace")),
                 TEXT.map(lambda t: t.encode("utf-16-le", "surrogatepass"))))
@example(b"\x00")
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example(b"PK\x03\x04")
@example(b"\xef\xbb\xbf")
@example(b"<meta charset=klingon>\xb0\xa1")
def test_decode_only_raises_ingest_errors_naming_the_file(data: bytes) -> None:
    raw = RawFile.from_bytes("prop.txt", data)
    try:
        result = Decoder().run(raw)
    except IngestError as e:
        assert str(e).startswith("prop.txt: ") and "\n" not in str(e)
        return
    assert isinstance(result.text, str)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200))
def test_decode_valid_utf8_and_bom_encodings_round_trip(text: str) -> None:
    for data in (text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8"),
                 codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
                 codecs.BOM_UTF16_BE + text.encode("utf-16-be")):
        if data.startswith(b"\x89PNG") or data.startswith(b"PK\x03\x04"):
            continue
        try:
            result = Decoder().run(RawFile.from_bytes("prop.txt", data))
        except IngestError:
            # only a text that itself starts like a binary signature may be refused
            assert data.startswith((b"%PDF-", b"GIF8", b"\x1f\x8b", b"\x7fELF", b"Rar!",
                                    b"7z", b"SQLite", b"RIFF", b"\xff\xd8\xff", b"PK"))
            continue
        assert result.text == text, result.encoding


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_normalise_offsets_map_back_into_the_original(text: str) -> None:
    norm = Normaliser().run(decoded(text))
    offsets, original = norm.offsets, norm.original
    assert len(offsets) == len(norm.text) + 1 and offsets[-1] == len(original)
    assert all(0 <= a <= b <= len(original) for a, b in zip(offsets, offsets[1:]))
    for i, ch in enumerate(norm.text):
        source = original[offsets[i]]
        if source in STABLE:
            assert ch == source, (i, ch, source)
        if ch in STABLE and ch.isascii() and "<" not in original and "&" not in original:
            # an ASCII letter or digit comes from itself or its fullwidth form
            assert source in (ch, chr(ord(ch) + 0xFEE0)), (i, ch, source)
    for start in range(0, len(norm.text) + 1, 7):
        for end in (start, min(len(norm.text), start + 5)):
            a, b = norm.to_original(start, end)
            assert 0 <= a <= b <= len(original)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8", "replace"))))
def test_decode_normalise_split_chain_never_raises_unexpectedly(data: bytes) -> None:
    try:
        dec = Decoder().run(RawFile.from_bytes("chain.txt", data))
    except IngestError:
        return
    norm = Normaliser().run(dec)
    sources = Splitter().run(norm)
    for source in sources:
        assert source.text == norm.text[source.start:source.end]
        a, b = source.to_original(0, len(source.text))
        assert 0 <= a <= b <= len(dec.text)
