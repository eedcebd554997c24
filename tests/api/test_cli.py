"""The `policykg` command line on a store built from a GraphPatch in a temporary data dir.

(`ingest` is exercised once ingest/pipeline.py exists; it has no test here yet.)
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner, Result

from api.cli import app
from api.evaluate import evaluate, load_gold
from graph.memory import MemoryGraphStore
from schema.ids import make_id
from schema.labels import Label, RelType
from schema.model import Edge, Evidence, GraphPatch, Node

COUNTS = {"nodes": {"Region": 1, "GovUnit": 1, "Program": 2, "Source": 1},
          "edges": {"LOCATED_IN": 1, "RUNS": 1, "PART_OF": 1, "MENTIONS": 1}}


def _patch() -> GraphPatch:
    ev = Evidence("source:1", 0, 5, "临河区实施燕归巢行动")

    def node(label: Label, name: str, *aliases: str) -> Node:
        return Node(make_id(label, name), label, name, set(aliases), {}, [ev])

    region = node(Label.REGION, "临河区")
    unit = node(Label.GOV_UNIT, "临河区委组织部")
    program = node(Label.PROGRAM, "燕归巢行动", "燕归巢")
    parent = node(Label.PROGRAM, "青年人才引育工程")
    source = node(Label.SOURCE, "临河区人才工作")
    patch = GraphPatch()
    for n in (region, unit, program, parent, source):
        patch.add_node(n)
    for rel, head, tail in ((RelType.LOCATED_IN, unit, region), (RelType.RUNS, region, program),
                            (RelType.PART_OF, program, parent),
                            (RelType.MENTIONS, source, program)):
        patch.add_edge(Edge(rel, head.id, tail.id, {}, [ev]))
    return patch


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("POLICYKG_DATA_DIR", "POLICYKG_STORE"):
        monkeypatch.delenv(var, raising=False)
    directory = tmp_path / "kg"
    store = MemoryGraphStore(directory / "graph.json")
    store.apply(_patch())
    store.save()
    return directory


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _ok(result: Result) -> Result:
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def test_cli_stats_json_counts(runner: CliRunner, data_dir: Path) -> None:
    result = _ok(runner.invoke(app, ["stats", "--data-dir", str(data_dir), "--json"]))
    assert json.loads(result.stdout) == COUNTS


def test_cli_stats_table_lists_labels_and_types(runner: CliRunner, data_dir: Path) -> None:
    result = _ok(runner.invoke(app, ["stats", "--data-dir", str(data_dir)]))
    for word in ("Region", "Program", "PART_OF", "MENTIONS", "total"):
        assert word in result.stdout


def test_cli_data_dir_from_environment_and_flag_wins(runner: CliRunner, data_dir: Path,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(data_dir))
    result = _ok(runner.invoke(app, ["stats", "--json"]))
    assert json.loads(result.stdout) == COUNTS
    empty = tmp_path / "empty"
    result = _ok(runner.invoke(app, ["stats", "--json", "--data-dir", str(empty)]))
    assert json.loads(result.stdout) == {"nodes": {}, "edges": {}}


def test_cli_export_json(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "kg.json"
    result = _ok(runner.invoke(app, ["export", "--data-dir", str(data_dir),
                                     "--format", "json", "--output", str(out)]))
    assert "5 nodes, 4 edges" in result.stdout
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {n["name"] for n in doc["nodes"]} >= {"临河区", "燕归巢行动"}
    assert len(doc["edges"]) == 4


def test_cli_export_graphml_and_csv(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    graphml = tmp_path / "kg.graphml"
    _ok(runner.invoke(app, ["export", "--data-dir", str(data_dir), "-f", "graphml",
                            "-o", str(graphml)]))
    assert nx.read_graphml(graphml).number_of_nodes() == 5
    csv_dir = tmp_path / "csv"
    _ok(runner.invoke(app, ["export", "--data-dir", str(data_dir), "-f", "csv",
                            "-o", str(csv_dir)]))
    with open(csv_dir / "relationships.csv", encoding="utf-8", newline="") as f:
        assert len(list(csv.reader(f))) == 5


def test_cli_export_rejects_unknown_format(runner: CliRunner, data_dir: Path,
                                           tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--data-dir", str(data_dir), "-f", "xml",
                                 "-o", str(tmp_path / "x")])
    assert result.exit_code == 2


def test_cli_evaluate_prints_scores(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "kg.json"
    _ok(runner.invoke(app, ["export", "--data-dir", str(data_dir), "-o", str(export)]))
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"sources": [{"title": "临河区人才工作"}], "entities": [
        {"gid": "r", "label": "Region", "name": "临河区"},
        {"gid": "p", "label": "Program", "name": "燕归巢行动"},
        {"gid": "t", "label": "TalentGroup", "name": "青年人才"}],
        "relations": [{"type": "RUNS", "head": "r", "tail": "p"}]}, ensure_ascii=False),
        encoding="utf-8")
    result = _ok(runner.invoke(app, ["evaluate", str(export), str(gold), "--json"]))
    want = evaluate(json.loads(export.read_text(encoding="utf-8")), load_gold([gold]))
    assert json.loads(result.stdout) == want.to_dict()
    assert want.types["RUNS"][:3] == (1, 0, 0)
    result = _ok(runner.invoke(app, ["evaluate", str(export), str(gold), "--details"]))
    lines = result.stdout.splitlines()
    assert lines[-1] == f"overall F1={want.overall_micro.f1:.3f}"
    assert lines[-2].startswith("nodes P=") and "relations P=0.333 R=1.000" in lines[-2]
    assert "sources: 1 found, 1 in gold" in result.stdout
    assert "missed   TalentGroup:青年人才 (gold.json)" in result.stdout


def test_cli_corrupt_store_prints_error_without_traceback(runner: CliRunner,
                                                          data_dir: Path) -> None:
    path = data_dir / "graph.json"
    path.write_text(path.read_text(encoding="utf-8")[:40], encoding="utf-8")
    result = runner.invoke(app, ["stats", "--data-dir", str(data_dir)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: store_corrupt: ")
    assert str(path) in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("args, code", [
    (["stats", "--store", "neo4j"], "store_unavailable"),  # NEO4J_URI points nowhere
    (["evaluate", "{export}", "{bad_gold}"], "evaluation_error"),
])
def test_cli_policykg_errors_exit_1(runner: CliRunner, data_dir: Path, tmp_path: Path,
                                    args: list[str], code: str,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    export, bad_gold = tmp_path / "kg.json", tmp_path / "bad.json"
    export.write_text('{"nodes": [], "edges": []}', encoding="utf-8")
    bad_gold.write_text("{", encoding="utf-8")
    args = [a.format(export=export, bad_gold=bad_gold) for a in args]
    result = runner.invoke(app, [*args, "--data-dir", str(data_dir)] if args[0] == "stats"
                           else args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {code}: ")
    assert "Traceback" not in result.output


def test_cli_invalid_store_setting_is_a_config_error(runner: CliRunner, data_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_STORE", "sqlite")
    result = runner.invoke(app, ["stats", "--data-dir", str(data_dir)])
    assert result.exit_code == 1
    assert "error: config_error:" in result.stderr and "POLICYKG_STORE" in result.stderr
