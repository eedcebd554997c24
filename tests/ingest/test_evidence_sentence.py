"""Evidence sentences (ingest/resolve `_evidence`, `Extraction.sentences_over`): the
sentence of an evidence holds its whole span, also when the span runs over several
sentences (a table row is one cell a line; a `?` or `!` inside a name ends a sentence)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.decode import decode
from ingest.normalise import normalise
from ingest.pipeline import Pipeline
from ingest.split import split
from ingest.types import SENTENCE_CAP, Extraction, RawFile, Source
from schema.labels import Label
from schema.model import Evidence, GraphPatch

from .conftest import CORPUS

#: an invented policy with an indicator table and names holding `？` and `！`
POLICY = ("关于印发《人才去哪儿？人才发展规划》的通知\n发文机关:某某市人民政府\n"
          "一、指标\n二级指标 |\n单位 |\n2020年 目标 |\n1 |\n经营管理人才 |\n万人 |\n12 |\n"
          "二、措施\n实施“人才！回归”计划，建设院士专家工作站。\n三、保障\n")


def run(raw: RawFile) -> tuple[dict[str, Source], GraphPatch]:
    patch, report = Pipeline().run(raw)
    assert report.error is None, report.error
    return {s.id: s for s in split(normalise(decode(raw)))}, patch


def evidence_of(patch: GraphPatch) -> list[tuple[str, Evidence]]:
    return [(n.label.value, ev) for n in patch.nodes.values() for ev in n.evidence] + \
           [(e.type.value, ev) for e in patch.edges.values() for ev in e.evidence]


def uncovered(sources: dict[str, Source], patch: GraphPatch) -> list[tuple[str, str, str]]:
    """Evidence whose span is not in its sentence, except the documented cases: the whole
    source (the sentence is the source's title), a byline not found in the text (an empty
    span) and a span longer than the cap (the sentence is its first `SENTENCE_CAP` chars)."""
    whole = {n.evidence[0] for n in patch.nodes.values() if n.label is Label.SOURCE}
    bad = []
    for what, ev in evidence_of(patch):
        span = sources[ev.source].text[ev.start:ev.end].strip()
        if ev in whole:
            assert ev.sentence == (sources[ev.source].title or sources[ev.source].text[:60].strip())
            continue
        if len(span) > SENTENCE_CAP:
            assert len(ev.sentence) <= SENTENCE_CAP and ev.sentence in span
            continue
        assert len(ev.sentence) <= SENTENCE_CAP
        if span not in ev.sentence:
            bad.append((what, span, ev.sentence))
    return bad


def test_evidence_sentence_holds_a_table_row_and_names_with_question_marks() -> None:
    sources, patch = run(RawFile.from_bytes("policy.txt", POLICY.encode()))
    assert uncovered(sources, patch) == []
    (indicator,) = [n for n in patch.nodes.values() if n.label is Label.INDICATOR]
    assert indicator.evidence[0].sentence == "1 |\n经营管理人才 |\n万人 |\n12 |"


@pytest.fixture(scope="module")
def seed_runs() -> list[tuple[dict[str, Source], GraphPatch]]:
    return [run(RawFile.from_bytes(p, p.read_bytes())) for p in sorted(Path(CORPUS).glob("*.txt"))]


def test_evidence_sentence_holds_its_span_in_every_seed_patch(seed_runs) -> None:
    assert sum(len(evidence_of(patch)) for _, patch in seed_runs) > 1000
    for sources, patch in seed_runs:
        assert uncovered(sources, patch) == []


def _extraction(text: str, sentences: list[tuple[int, int]]) -> Extraction:
    source = Source("source:t", RawFile.from_bytes("t.txt", b""), 0, "", text, 0, len(text))
    return Extraction(source, sentences=sentences)


def test_sentences_over_runs_from_the_first_to_the_last_sentence_of_the_span() -> None:
    ex = _extraction("甲。乙丙。丁。", [(0, 2), (2, 5), (5, 7)])
    assert ex.sentences_over(3, 4) == (2, 5)  # inside one sentence: that sentence
    assert ex.sentences_over(1, 3) == (0, 5)  # over a boundary: both
    assert ex.sentences_over(0, 5) == (0, 5)  # ending at a sentence's end: not the next one
    assert ex.sentences_over(4, 4) == (2, 5)  # an empty span: the sentence it is in
    assert ex.sentence_text(1, 6) == "甲。乙丙。丁。"


def test_sentence_text_of_a_long_sentence_is_cut_around_the_span() -> None:
    text = "甲" * 1000 + "乙乙" + "丙" * 1000 + "。"
    ex = _extraction(text, [(0, len(text))])
    assert ex.sentence_text(10, 12) == "甲" * SENTENCE_CAP  # near the start: the first chars
    cut = ex.sentence_text(1000, 1002)
    assert len(cut) == SENTENCE_CAP and "甲乙乙丙" in cut  # far in: the span with context
    assert ex.sentence_text(len(text) - 3, len(text)).endswith("丙丙。")
    long = ex.sentence_text(500, 1500)  # longer than the cap: its first cap chars
    assert long == text[500:500 + SENTENCE_CAP]


def test_a_question_or_exclamation_mark_inside_a_title_does_not_end_the_sentence() -> None:
    line = "为集聚青年人才，芜湖市人民政府印发《奋斗吧！青年人才发展规划》，实施“青鸟”计划。"
    sources, patch = run(RawFile.from_bytes("notice.txt", f"通知\n{line}\n".encode()))
    sentence = normalise(decode(RawFile.from_bytes("x.txt", line.encode()))).text.strip()
    issued = [e for e in patch.edges.values() if e.type.value == "ISSUED"]
    assert issued and all(ev.sentence == sentence for e in issued for ev in e.evidence)
    runs = [e for e in patch.edges.values() if e.type.value == "RUNS"]
    assert runs and all(ev.sentence == sentence for e in runs for ev in e.evidence)
    assert uncovered(sources, patch) == []
