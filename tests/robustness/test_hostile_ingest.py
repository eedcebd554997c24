"""Hostile files (tests/fixtures/bad, tests/robustness/hostile.py): each is ingested with
the right facts or rejected with a one-line reason naming it; in one run with all of them
the good ones are ingested, the bad ones named, and the store is never half-written."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.export import export_document
from graph.memory import MemoryGraphStore
from ingest.pipeline import FileReport, Pipeline, ingest_paths, read_file
from schema.errors import IngestError
from schema.labels import Label, RelType
from schema.model import GraphPatch
from tests.robustness.hostile import CASES, Case, write_cases

CLI = Path(sys.executable).with_name("policykg")
PROVENANCE = (RelType.MENTIONS, RelType.AUTHORED)
BY_NAME = {c.name: c for c in CASES}


@pytest.fixture(scope="module")
def cases_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("hostile")
    write_cases(directory)
    return directory


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def facts(patch: GraphPatch) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
    """What a file says, independent of its Source nodes: (label, name) of every entity and
    (type, source name, target name) of every relationship but provenance."""
    names = {n.id: n.name for n in patch.nodes.values()}
    nodes = {(n.label.value, n.name) for n in patch.nodes.values() if n.label is not Label.SOURCE}
    edges = {(e.type.value, names[e.source], names[e.target]) for e in patch.edges.values()
             if e.type not in PROVENANCE}
    return nodes, edges


def run(pipeline: Pipeline, cases_dir: Path, name: str) -> tuple[GraphPatch, FileReport]:
    return pipeline.run(read_file(cases_dir / name))


# -- each case alone -----------------------------------------------------------------------

def test_hostile_original_has_the_facts_the_variants_are_compared_with(
        pipeline: Pipeline, cases_dir: Path) -> None:
    nodes, edges = facts(run(pipeline, cases_dir, "document.utf8.txt")[0])
    assert {("Program", "青鸟归巢计划"), ("Program", "银杏工程"), ("Region", "固阳县"),
            ("PolicyDocument", "包头市人才发展规划"), ("GovUnit", "中共包头市委组织部"),
            ("TalentGroup", "高校毕业生"), ("Platform", "院士专家工作站")} <= nodes
    assert {("RUNS", "包头市", "青鸟归巢计划"), ("PART_OF", "固阳县", "包头市")} <= edges


@pytest.mark.parametrize("name", [c.name for c in CASES if c.same_as_original])
def test_hostile_variant_gives_the_original_facts(pipeline: Pipeline, cases_dir: Path,
                                                  name: str) -> None:
    expected = facts(run(pipeline, cases_dir, "document.utf8.txt")[0])
    patch, report = run(pipeline, cases_dir, name)
    assert facts(patch) == expected, BY_NAME[name].what
    assert report.error is None


def test_hostile_invalid_bytes_are_a_warning(pipeline: Pipeline, cases_dir: Path) -> None:
    _, report = run(pipeline, cases_dir, "document.mixed-invalid-utf8.txt")
    assert any("3 invalid bytes replaced" in w for w in report.warnings), report.warnings


def test_hostile_html_keeps_text_and_drops_script_style_and_comments(
        pipeline: Pipeline, cases_dir: Path) -> None:
    patch, _ = run(pipeline, cases_dir, "page.html")
    text = json.dumps([n.to_dict() for n in patch.nodes.values()], ensure_ascii=False)
    for hidden in ("不应出现", "幽灵计划", "secret", "<p>", "&ldquo;", "color: red"):
        assert hidden not in text, hidden
    evidence = {ev.sentence for n in patch.nodes.values() for ev in n.evidence}
    assert any("固阳县启动“银杏工程”" in s for s in evidence)  # entities unescaped


def test_hostile_traditional_with_pinyin_keeps_no_traditional_or_pinyin(
        pipeline: Pipeline, cases_dir: Path) -> None:
    patch, report = run(pipeline, cases_dir, "traditional_pinyin.txt")
    names = " ".join(n.name + " ".join(n.aliases) for n in patch.nodes.values())
    assert "(" not in names.replace("(2021)", "") and "歸" not in names and "頭" not in names
    assert any("pinyin glosses" in w for w in report.warnings)


def test_hostile_repeated_document_gives_the_graph_of_one_copy(
        pipeline: Pipeline, cases_dir: Path) -> None:
    once, _ = run(pipeline, cases_dir, "document.utf8.txt")
    twice, _ = run(pipeline, cases_dir, "repeated_twice.txt")
    assert facts(twice) == facts(once)
    entity_ids = {i for i, n in once.nodes.items() if n.label is not Label.SOURCE}
    assert entity_ids == {i for i, n in twice.nodes.items() if n.label is not Label.SOURCE}


def test_hostile_doc_number_spellings_make_one_canonical_document(
        pipeline: Pipeline, cases_dir: Path) -> None:
    patch, _ = run(pipeline, cases_dir, "doc_number_brackets.txt")
    docs = [n for n in patch.nodes.values() if n.label is Label.POLICY_DOCUMENT]
    assert len(docs) == 1, [d.name for d in docs]
    assert docs[0].properties["doc_number"] == "固政发〔2023〕5号"
    assert {"固政发[2023]5号", "固政发(2023)5号"} <= docs[0].aliases
    assert ("ISSUED", "固阳县人民政府", "固阳县青年人才引进办法") in facts(patch)[1]


def test_hostile_ragged_table_keeps_every_row_with_its_own_values(
        pipeline: Pipeline, cases_dir: Path) -> None:
    patch, _ = run(pipeline, cases_dir, "table_ragged.txt")
    values = {n.name: [(v["year"], v["kind"], v["value"]) for v in n.properties["values"]]
              for n in patch.nodes.values() if n.label is Label.INDICATOR}
    assert values == {
        "人才资源总量": [(2022, "baseline", 2.1), (2025, "target", 3)],
        "高技能人才": [(2025, "target", 900)],  # the empty baseline cell stays empty
        "青年科技人才": [],  # a row cut short: no value, and the next row is not eaten
        "专业技术人才": [(2022, "baseline", 1200), (2025, "target", 1500)],  # extra cells ignored
    }


@pytest.mark.parametrize("name", [c.name for c in CASES
                                  if c.expect == "reject" and c.name != "vanished.txt"])
def test_hostile_rejection_is_one_line_naming_the_file(pipeline: Pipeline, cases_dir: Path,
                                                       name: str) -> None:
    case = BY_NAME[name]
    with pytest.raises(IngestError) as err:
        run(pipeline, cases_dir, name)
    message = str(err.value)
    assert message.startswith(str(cases_dir / name) + ": ") and "\n" not in message
    assert case.reason is not None and case.reason in message


def test_hostile_large_file_is_refused_before_decoding(cases_dir: Path) -> None:
    from ingest.decode import MAX_FILE_BYTES, Decoder

    huge = cases_dir / "huge.txt"
    assert huge.stat().st_size >= 50 * 1024 * 1024 > MAX_FILE_BYTES
    with pytest.raises(IngestError, match="too large"):
        Decoder().run(read_file(huge))


# -- all of them in one run ----------------------------------------------------------------

def _outcome(case: Case, report: FileReport | None, path: Path) -> str:
    """ingested | rejected | lost (wrong outcome, or a rejection without a usable reason)."""
    if report is None:
        return "lost"
    if case.expect == "ingest":
        return "ingested" if report.error is None and report.sources > 0 else "lost"
    if report.error and report.error.startswith(f"{path}: ") and "\n" not in report.error \
            and case.reason and case.reason in report.error:
        return "rejected"
    return "lost"


def test_hostile_all_in_one_run(pipeline: Pipeline, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    """Every case in one `ingest_paths` run, `vanished.txt` deleted after the listing (from
    the `on_file` hook of the first file): good files in, bad ones named, store whole."""
    cases_dir = tmp_path / "in"
    write_cases(cases_dir)
    paths = [cases_dir / c.name for c in CASES]  # explicit paths: no suffix filtering
    assert paths[-1].name == "vanished.txt"
    good = [p for p in paths if BY_NAME[p.name].expect == "ingest"]
    expected = MemoryGraphStore(None)
    for p in good:
        expected.apply(pipeline.run(read_file(p))[0])

    def on_file(report: FileReport) -> None:
        (cases_dir / "vanished.txt").unlink(missing_ok=True)

    data_dir = tmp_path / "kg"
    store = MemoryGraphStore(data_dir / "graph.json")
    result = ingest_paths(paths, store, on_file=on_file)
    reports = {Path(r.path).name: r for r in result.files}
    outcomes = {c.name: _outcome(c, reports.get(c.name), cases_dir / c.name) for c in CASES}
    counts = {k: sum(1 for o in outcomes.values() if o == k)
              for k in ("ingested", "rejected", "lost")}
    with capsys.disabled():
        print(f"\nhostile inputs: {len(CASES)} tried, {counts['ingested']} ingested, "
              f"{counts['rejected']} rejected with a reason, {counts['lost']} lost")
    assert counts["lost"] == 0, {k: (o, reports.get(k)) for k, o in outcomes.items() if o == "lost"}
    assert counts["ingested"] == len(good)
    # the saved store is exactly the good files' graph, written once, no temp file left
    assert [p.name for p in data_dir.iterdir()] == ["graph.json"]
    assert export_document(MemoryGraphStore(data_dir / "graph.json")) == export_document(expected)


@pytest.mark.slow
def test_hostile_cli_run_exits_1_names_each_bad_file_and_keeps_the_store_whole(
        pipeline: Pipeline, tmp_path: Path) -> None:
    cases_dir = tmp_path / "in"
    write_cases(cases_dir)
    paths = [cases_dir / c.name for c in CASES if c.name != "vanished.txt"]
    data_dir = tmp_path / "kg"
    # a previous graph: the run adds to it, and a failure must not lose it
    previous = MemoryGraphStore(data_dir / "graph.json")
    previous.apply(pipeline.run(read_file(paths[0]))[0])
    previous.save()
    env = {**os.environ, "COLUMNS": "400"}
    done = subprocess.run([str(CLI), "ingest", *map(str, paths), "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=env, timeout=900)
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in out, out
    for path in paths:
        case = BY_NAME[path.name]
        if case.expect == "reject":
            assert case.reason and case.reason in out and path.name in out, (path.name, out)
    assert f"{sum(1 for p in paths if BY_NAME[p.name].expect == 'ingest')} file(s) ingested, " \
           f"{sum(1 for p in paths if BY_NAME[p.name].expect == 'reject')} failed" in out
    expected = MemoryGraphStore(None)
    for p in paths:
        if BY_NAME[p.name].expect == "ingest":
            expected.apply(pipeline.run(read_file(p))[0])
    assert export_document(MemoryGraphStore(data_dir / "graph.json")) == export_document(expected)
