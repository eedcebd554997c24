"""The built wheel carries every data file the code reads at run time.

The test suite runs from an editable install, which reads these files from the checkout;
a user who installs the wheel gets only what `[tool.setuptools]` lists. A Cypher query, an
explorer asset or a vocabulary missing from it would break that install alone.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: (folder in the repository, pattern) of the files loaded with importlib.resources
DATA = [("cypher/queries", "*.cypher"), ("visualize/static", "*"),
        ("visualize/templates", "*"), ("ingest/data", "*.txt")]


def test_wheel_holds_every_runtime_data_file(tmp_path):
    # built from a copy: a `build/` folder left in the checkout by an earlier build could
    # hand the wheel files the configuration no longer names
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*cache*", ".hypothesis",
        ".neo4j-test", "target", "out"))
    out = tmp_path / "wheel"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(src)],
        capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    # setuptools warns when a data folder is not declared as a package; such files are
    # then included only by accident of its package-data globbing
    assert "absent from the `packages` configuration" not in built.stderr, built.stderr

    (wheel,) = out.glob("policykg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, pattern in DATA:
        expected = {f"{folder}/{p.name}" for p in (ROOT / folder).glob(pattern) if p.is_file()}
        assert expected, f"no {pattern} under {folder}"
        assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
