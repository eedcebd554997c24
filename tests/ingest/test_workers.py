"""`ingest --workers N`: processes for decode → resolve, one writer, the same graph."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import write_corpus

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("policykg")


def _ingest_export(corpus: Path, tmp: Path, workers: int) -> bytes:
    env = {**os.environ, "POLICYKG_DATA_DIR": str(tmp / f"kg{workers}"), "COLUMNS": "200"}
    done = subprocess.run([str(CLI), "ingest", str(corpus), "--workers", str(workers)],
                          capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    out = tmp / f"export{workers}.json"
    done = subprocess.run([str(CLI), "export", "--format", "json", "--output", str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["synthetic", "seed"])
def test_ingest_workers_2_exports_the_same_graph_as_1(corpus, tmp_path):
    if corpus == "seed":
        folder = ROOT / "data" / "corpus"
    else:
        folder = tmp_path / "corpus"
        write_corpus(folder, 12, seed=11)
    one = _ingest_export(folder, tmp_path, 1)
    two = _ingest_export(folder, tmp_path, 2)
    assert json.loads(one)["nodes"], "nothing was ingested"
    assert one == two


def test_ingest_paths_workers_keeps_failures_in_file_order(tmp_path):
    from graph.memory import MemoryGraphStore
    from ingest.pipeline import ingest_paths

    (tmp_path / "a.txt").write_bytes(b"")  # empty: rejected by name
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    store = MemoryGraphStore(None)
    report = ingest_paths([tmp_path], store, workers=2)
    assert [Path(f.path).name for f in report.files] == ["a.txt", "b.txt"]
    assert all(f.error for f in report.files)
