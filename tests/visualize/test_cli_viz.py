"""`policykg viz`: writes a self-contained offline page of a neighbourhood."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.memory import MemoryGraphStore
from tests.graph.conftest import sample_patch


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("POLICYKG_DATA_DIR", "POLICYKG_STORE"):
        monkeypatch.delenv(var, raising=False)
    directory = tmp_path / "kg"
    store = MemoryGraphStore(directory / "graph.json")
    store.apply(sample_patch()[0])
    store.save()
    return directory


def viz(data_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["viz", "--data-dir", str(data_dir), "--store", "memory",
                                      *args])
    return result.exit_code, result.output


def test_viz_writes_an_offline_page(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "graph.html"
    code, text = viz(data_dir, "--focus", "燕歸巢", "--depth", "2", "--output", str(out))
    assert code == 0, text
    page = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="pk-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert data["mode"] == "file" and data["apiBase"] is None
    assert "connect-src 'none'" in page.replace("&#39;", "'")
    n, e = len(data["nodes"]), len(data["edges"])
    assert re.search(rf"wrote {n} nodes, {e} edges around 燕归巢行动 \(program:[0-9a-f]{{16}}\) "
                     rf"to .*graph\.html", text)
    assert not list(out.parent.glob(".graph.html.*"))  # no temp file left behind


def test_viz_filters_and_caps(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    code, text = viz(data_dir, "--focus", "十百千万", "--depth", "3", "--labels", "Program",
                     "--labels", "TalentGroup", "--types", "PART_OF,TARGETS",
                     "--max-nodes", "2", "--output", str(out))
    assert code == 0, text
    assert "wrote 2 nodes" in text and "2 more left out (--max-nodes 2)" in text
    page = out.read_text(encoding="utf-8")
    assert "2 more were left out" in page and "--depth 2" in page


@pytest.mark.parametrize("args, code, message", [
    (["--focus", "不存在的实体"], 1, "error: node_not_found: no node with id '不存在的实体'"),
    (["--focus", "燕归巢", "--labels", "Planet"], 1, "error: unknown_label"),
    (["--focus", "燕归巢", "--types", "LIKES"], 1, "error: unknown_relationship_type"),
    (["--focus", "  "], 2, "--focus"),
])
def test_viz_reports_bad_input(data_dir: Path, tmp_path: Path, args: list[str], code: int,
                               message: str) -> None:
    out = tmp_path / "never.html"
    got, text = viz(data_dir, *args, "--output", str(out))
    assert got == code and message in text
    assert not out.exists()
