"""The whole ingest, end to end through the installed `policykg` command.

The golden test scores the bundled seed corpus against the hand annotations in
tests/gold with the project's own scorer (api/evaluate.py, a port of kgeval.py).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from api.evaluate import evaluate, load_gold
from ingest.types import SENTENCE_CAP

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))
CLI = Path(sys.executable).with_name("policykg")

#: The seed-corpus quality bar this code is held to (measured: nodes F1 0.929, relations
#: F1 0.874; the issue's targets are 0.90 and 0.75), set just below so a regression fails.
MIN_NODES_F1 = 0.92
MIN_RELATIONS_F1 = 0.86


def policykg(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    assert CLI.exists(), f"the policykg console script is not installed next to {sys.executable}"
    env = {**os.environ, "POLICYKG_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, env=env, timeout=600)


def _export(data_dir: Path, out: Path) -> dict:
    done = policykg("export", "--format", "json", "--output", str(out), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    data_dir = tmp_path_factory.mktemp("kg")
    done = policykg("ingest", str(CORPUS), data_dir=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    return _export(data_dir, data_dir / "kg.json"), data_dir


@pytest.mark.slow
def test_pipeline_seed_corpus_meets_quality_bar(seed_export: tuple[dict, Path]) -> None:
    export, _ = seed_export
    report = evaluate(export, load_gold(GOLD))
    got, want = report.indicator_values
    found, gold_sources = report.sources
    assert report.nodes_micro.f1 >= MIN_NODES_F1, report.nodes_micro
    assert report.edges_micro.f1 >= MIN_RELATIONS_F1, report.edges_micro
    assert (got, found) == (want, gold_sources)


@pytest.mark.slow
def test_pipeline_every_fact_has_evidence(seed_export: tuple[dict, Path]) -> None:
    export, _ = seed_export
    ids = {n["id"] for n in export["nodes"]}
    for node in export["nodes"]:
        if node["label"] != "Source":
            assert node["properties"]["evidence"], node["name"]
            assert all(e["source"] in ids for e in node["properties"]["evidence"])
    for edge in export["edges"]:
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["properties"]["evidence"], edge
    mentioned = {e["target"] for e in export["edges"] if e["type"] == "MENTIONS"}
    assert {n["id"] for n in export["nodes"] if n["label"] != "Source"} <= mentioned


@pytest.mark.slow
def test_pipeline_evidence_maps_back_to_the_file(seed_export: tuple[dict, Path]) -> None:
    """An evidence span's original offsets point at the same text in the decoded file
    (Simplified there, so compare on a Simplified region only: seed 003)."""
    export, _ = seed_export
    text = (CORPUS / "003_0a48f243cef83691.txt").read_text(encoding="utf-8")
    sources = {n["id"]: n for n in export["nodes"] if n["label"] == "Source"}
    checked = 0
    for node in export["nodes"]:
        for ev in node["properties"].get("evidence", []):
            src = sources.get(ev["source"])
            if src is None or not src["properties"]["file"].startswith("003") or ev["orig_start"] < 0:
                continue
            span = text[ev["orig_start"]:ev["orig_end"]]
            written = span.replace("“", "").replace("”", "")
            if ev["sentence"] == src["name"] or ev["end"] - ev["start"] > SENTENCE_CAP:
                continue  # header evidence: the span is the header, the sentence its title
            assert span, (node["name"], ev)
            assert written in ev["sentence"].replace("“", "").replace("”", ""), (written, ev)
            checked += 1
    assert checked > 400  # table rows (one cell a line) and Indicator evidence included


@pytest.mark.slow
def test_pipeline_reingest_changes_nothing(seed_export: tuple[dict, Path], tmp_path: Path) -> None:
    first, data_dir = seed_export
    before = (data_dir / "graph.json").read_bytes()
    done = policykg("ingest", str(CORPUS), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert zlib.crc32((data_dir / "graph.json").read_bytes()) == zlib.crc32(before)
    assert _export(data_dir, tmp_path / "again.json") == first


@pytest.mark.slow
def test_pipeline_result_does_not_depend_on_hashing_or_file_order(
        seed_export: tuple[dict, Path], tmp_path: Path) -> None:
    """Another process (another string-hash seed) ingesting the files in reverse order, one
    command per file, builds the same graph: no set order or file order leaks into it."""
    first, _ = seed_export
    data_dir = tmp_path / "kg"
    env_seed = os.environ.get("PYTHONHASHSEED")
    try:
        os.environ["PYTHONHASHSEED"] = "4242" if env_seed != "4242" else "17"
        for path in sorted(CORPUS.iterdir(), reverse=True):
            done = policykg("ingest", str(path), data_dir=data_dir)
            assert done.returncode == 0, done.stderr
    finally:
        if env_seed is None:
            os.environ.pop("PYTHONHASHSEED", None)
        else:
            os.environ["PYTHONHASHSEED"] = env_seed
    assert _export(data_dir, tmp_path / "reversed.json") == first


@pytest.mark.slow
def test_pipeline_bad_file_is_named_and_others_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes((CORPUS / "001_9ab83ab9e25d527f.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    data_dir = tmp_path / "kg"
    done = policykg("ingest", str(folder), data_dir=data_dir)
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert "empty.txt" in out and "empty file" in out
    assert "picture.txt" in out and "PNG" in out
    export = _export(data_dir, tmp_path / "kg.json")
    assert sum(1 for n in export["nodes"] if n["label"] == "Source") == 1


@pytest.mark.slow
def test_pipeline_failed_run_keeps_previous_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "kg"
    good = tmp_path / "good.txt"
    good.write_bytes((CORPUS / "000_7123b3d8731d4ad4.txt").read_bytes())
    assert policykg("ingest", str(good), data_dir=data_dir).returncode == 0
    before = (data_dir / "graph.json").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    done = policykg("ingest", str(bad), data_dir=data_dir)
    assert done.returncode == 1
    assert (data_dir / "graph.json").read_bytes() == before
    assert not [p for p in data_dir.iterdir() if p.name != "graph.json"]
