"""bench/corpus.py: deterministic, and what it generates ingests into what it was built from."""
from __future__ import annotations

from collections import Counter

import pytest

from bench.corpus import KINDS, generate
from graph.memory import MemoryGraphStore
from ingest.pipeline import Pipeline
from ingest.types import RawFile


def test_generate_same_seed_same_bytes():
    a, b = generate(30, seed=7), generate(30, seed=7)
    assert [(d.name, d.data) for d in a] == [(d.name, d.data) for d in b]


def test_generate_prefix_is_the_smaller_corpus():
    assert [d.data for d in generate(10, seed=3)] == [d.data for d in generate(25, seed=3)[:10]]


def test_generate_other_seed_other_bytes():
    assert [d.data for d in generate(10, seed=1)] != [d.data for d in generate(10, seed=2)]


def test_generate_has_every_kind_and_its_markers():
    docs = generate(60, seed=0)
    assert set(Counter(d.kind for d in docs)) == set(KINDS)
    text = {d.kind: d.data.decode("utf-8") for d in docs}
    assert "〔" in text["plan"] and "号" in text["plan"] and "专栏" in text["plan"]
    assert text["plan"].count(" |\n") >= 10  # a flattened table, one cell per line
    assert "供稿)" in text["bulletin"] and "第 " in text["bulletin"]
    assert "首页 >" in text["news"] and "ICP备" in text["news"]
    assert "(qū)" in text["traditional"] or "(lái)" in text["traditional"]


@pytest.mark.slow
def test_generated_docs_ingest_into_the_labels_they_were_built_with():
    docs = generate(24, seed=5)
    pipeline, store = Pipeline(), MemoryGraphStore(None)
    for d in docs:
        patch, report = pipeline.run(RawFile.from_bytes(d.name, d.data))
        assert report.error is None
        assert report.sources >= 1, d.name
        store.apply(patch)
    found = set(store.counts()["nodes"])
    wanted = set().union(*(d.labels for d in docs))
    assert wanted <= found, wanted - found
    for d in docs:  # each document, on its own, yields programs and talent groups
        patch, _ = pipeline.run(RawFile.from_bytes(d.name, d.data))
        labels = {n.label.value for n in patch.nodes.values()}
        assert {"Program", "TalentGroup", "Region"} <= labels, (d.name, labels)
