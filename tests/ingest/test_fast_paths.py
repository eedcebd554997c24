"""The speed-ups of the hot paths give exactly what the plain definitions give.

Each fast path is compared, on generated inputs, with the straightforward code it replaced:
the linear-time character tokenizer with spaCy's own alignment, the sorted-insertion merge
of one evidence item with the dict-and-sort merge, the per-length prefix test of
leading verbs with a loop over every verb, and width folding by `str.translate` with the
loop over every character.
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st
from spacy.util import get_words_and_spaces

from ingest.extract import lexicon as lx
from ingest.extract.names import pos_tags, strip_leading_verbs
from ingest.extract.pipeline import build_nlp, char_words
from ingest.normalise import _INVISIBLE, _SPACES, _fold
from schema.model import MAX_EVIDENCE, Evidence, merge_evidence

TEXT = st.text(alphabet=st.sampled_from(list("人才计划 \n\t\u3000\u00a0ab。，“”")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_char_words_are_spacys_character_segmentation(text: str) -> None:
    assert char_words(text) == get_words_and_spaces(list(text), text)


def test_the_pipeline_tokenizes_with_char_words() -> None:
    text = "实施“燕归巢”行动  \n 人才 计划"
    doc = build_nlp().make_doc(text)
    assert doc.text == text
    assert [t.text for t in doc] == char_words(text)[0]


def _plain_merge(a: list[Evidence], b: list[Evidence]) -> list[Evidence]:
    seen = {e.key(): e for e in a}
    for e in b:
        seen.setdefault(e.key(), e)
    return sorted(seen.values())[:MAX_EVIDENCE]


EVIDENCE = st.builds(Evidence, st.sampled_from(["s1", "s2", "s3"]), st.integers(0, 30),
                     st.integers(0, 3), st.sampled_from(["甲", "乙"]))


@settings(max_examples=500, deadline=None)
@given(st.lists(EVIDENCE, max_size=40), st.lists(EVIDENCE, max_size=3))
def test_merge_evidence_equals_dict_and_sort(a: list[Evidence], b: list[Evidence]) -> None:
    canonical = _plain_merge([], a)  # records hold canonical evidence
    assert merge_evidence(canonical, b) == _plain_merge(canonical, b)
    assert merge_evidence([], a) == _plain_merge([], a)


def _plain_strip(name: str, min_rest: int) -> tuple[str, int]:
    dropped, changed = 0, True
    while changed:
        changed = False
        for verb in lx.leading_verbs():
            if name.startswith(verb) and len(name) - len(verb) >= min_rest:
                name, dropped, changed = name[len(verb):], dropped + len(verb), True
                break
    return name, dropped


VERBISH = st.lists(st.sampled_from([*sorted(lx.leading_verbs())[:40], "人才", "计划", "工程"]),
                   max_size=5).map("".join)


@settings(max_examples=300, deadline=None)
@given(VERBISH, st.integers(0, 6))
def test_strip_leading_verbs_equals_a_loop_over_every_verb(name: str, min_rest: int) -> None:
    assert strip_leading_verbs(name, min_rest) == _plain_strip(name, min_rest)


def test_cached_tags_are_the_taggers() -> None:
    from ingest.extract.names import _tagger

    for text in ("加快实施人才计划", "青年拔尖人才", "相关"):
        assert pos_tags(text) == tuple(_tagger().cut(text))


UNIT_TEXT = st.lists(st.sampled_from(["中共", "鄂尔多斯市", "市", "委", "组织部", "人民政府", "人才科",
                                      "，", "社区", "旗", "发展和改革委员会", "教育局", "在", "“", "”",
                                      "人才", "工作", "领导小组", "办公室", " "]),
                     max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(UNIT_TEXT)
def test_finditer_finds_what_re_finds(text: str) -> None:
    from ingest.extract.units import unit_regex

    want = [(m.span(), m.groupdict()) for m in unit_regex().finditer(text)]
    assert [(m.span(), m.groupdict()) for m in lx.finditer(unit_regex(), text)] == want


def test_literal_prefixes_of_patterns() -> None:
    import re
    from re import _parser

    def prefixes(pattern: str) -> set[str]:
        return {p for p, _ in lx._prefixes(_parser.parse(pattern), 2)}

    assert prefixes("(?P<a>甲)?(?:乙|丙)丁") == {"甲乙", "甲丙", "乙丁", "丙丁"}
    assert prefixes("(?=x)y|z") == {"y", "z"}  # a look-ahead only narrows: left out
    assert prefixes("(?:甲乙){1,3}丙|丁[戊己]") == {"甲乙", "丁戊", "丁己"}
    assert prefixes("甲+乙") == {"甲"}  # what follows a repeat is not known: cut there
    assert prefixes("甲[\u4e00-\u9fff]乙") == {"甲"}  # too many characters to list
    for anywhere in ("a|b?", r"\s+", ".x", "[^a]b", r"\db", "(?:甲)?"):
        assert lx.Anchors.build(re.compile(anywhere)) is None, anywhere
    assert lx.Anchors.build(re.compile("(?i)ab")) is None
    anchors = lx.Anchors.build(re.compile("(?P<a>甲)?(?:乙|丙)丁"))
    assert anchors is not None and anchors.starts("x甲乙丁丙丁") == [1, 2, 4]


#: patterns over a small alphabet: literals, classes, optional and repeated groups,
#: alternations and look-arounds, nested
ATOM = st.sampled_from(["甲", "乙", "丙", "a", "[甲乙]", "[^甲]", ".", "(?=乙)", "(?<!丙)", "\\b"])
PATTERN = st.recursive(
    ATOM, lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map("".join),
        st.lists(inner, min_size=2, max_size=3).map(lambda alts: "(?:" + "|".join(alts) + ")"),
        st.tuples(inner, st.sampled_from(["?", "*", "+", "{1,3}", "{2}"])).map(
            lambda t: "(?:" + t[0] + ")" + t[1])),
    max_leaves=8)


@settings(max_examples=400, deadline=None)
@given(PATTERN, st.text(alphabet="甲乙丙丁a ", max_size=20))
def test_anchored_search_finds_what_re_finds(pattern: str, text: str) -> None:
    """Whatever the pattern, scanning only its anchored positions finds the same matches
    (or, for a pattern that can start anywhere, scans every position)."""
    import re

    rx = re.compile(pattern)
    assert [m.span() for m in lx.finditer(rx, text)] == [m.span() for m in rx.finditer(text)]
    search = lx.search_all(rx, text)
    for pos in range(len(text) + 1):
        want = rx.search(text, pos)
        got = search(pos)
        assert (got and got.span()) == (want and want.span())


REGION_TEXT = st.lists(st.sampled_from(["鄂尔多斯市", "鄂托克前旗", "鄂州", "和", "田阳区", "会同",
                                        "县", "市中区", "济南", "人才", "，", "\n", "内蒙古自治区"]),
                       max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(REGION_TEXT)
def test_region_search_by_anchors_is_re_search(text: str) -> None:
    from ingest.extract.units import region_regex

    search = lx.search_all(region_regex(), text)
    for pos in range(len(text) + 1):
        want = region_regex().search(text, pos)
        got = search(pos)
        assert (got and got.span()) == (want and want.span())


def test_the_tagger_loads_frozen_and_leaves_the_collector_on() -> None:
    """The tagger's model is loaded with the cyclic collector off and then frozen (full
    collections skip it); the collector is back on afterwards, and whether it was off
    before is respected. In a fresh process: this one may have loaded the tagger already."""
    import subprocess
    import sys

    probe = ("import gc, sys; from ingest.extract.names import _tagger\n"
             "if sys.argv[1] == 'off': gc.disable()\n"
             "_tagger().cut('人才计划')\n"
             "print(gc.isenabled(), gc.get_freeze_count() > 10_000)\n")
    for before, enabled in (("on", "True"), ("off", "False")):
        out = subprocess.run([sys.executable, "-c", probe, before], capture_output=True,
                             text=True, timeout=300, check=True).stdout.split()
        assert out[-2:] == [enabled, "True"], out


def _plain_fold(chars: list[str], idx: list[int]) -> tuple[list[str], list[int]]:
    out, out_idx = [], []
    for k, (ch, i) in enumerate(zip(chars, idx)):
        if ch == "\r":
            if k + 1 < len(chars) and chars[k + 1] == "\n":
                continue
            ch = "\n"
        elif ch in "\u2028\u2029\x85":
            ch = "\n"
        elif ch in _SPACES:
            ch = " "
        elif ch in _INVISIBLE or (ch < " " and ch != "\n") or ch == "\x7f":
            continue
        elif "\uff01" <= ch <= "\uff5e":
            ch = chr(ord(ch) - 0xFEE0)
        out.append(ch)
        out_idx.append(i)
    return out, out_idx


FOLD_ALPHABET = sorted(set("人才，（１）ＡＺ～\uff00\uff5f 。a\n\r\x85\u2028\u2029\x7f\x00\x1f")
                       | _SPACES | _INVISIBLE)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FOLD_ALPHABET), max_size=40))
def test_fold_equals_the_character_loop(chars: list[str]) -> None:
    idx = [3 * i + 1 for i in range(len(chars))]
    assert _fold(chars, idx) == _plain_fold(chars, idx)
