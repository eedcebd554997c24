"""Odd paths given to `policykg ingest`: a file name that is not UTF-8, rich markup in a
path, a FIFO, an entry that cannot be looked at, SIGTERM with `--workers`. Each is named
with its reason or handled, and the good files still land."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.pipeline import list_files, read_file
from schema.errors import IngestError, UnsupportedFileError

CLI = Path(sys.executable).with_name("policykg")
ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "data" / "corpus").glob("*.txt"))


def test_odd_paths_are_named_and_good_files_land(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub[").mkdir(parents=True)
    shutil.copy(CORPUS[1], folder / "sub[" / "]x.txt")  # `[/]` is rich markup
    shutil.copy(CORPUS[0], os.fsdecode(bytes(folder) + b"/bad\xff.txt"))  # not UTF-8
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block for ever
    data = tmp_path / "kg"
    done = subprocess.run([str(CLI), "ingest", str(folder), str(fifo), "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "COLUMNS": "300"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "2 file(s) ingested, 1 failed" in done.stdout
    assert "sub[/]x.txt" in done.stdout and "bad\ufffd.txt" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == (
        f"failed: {fifo}: not a regular file (a pipe, socket or device)")
    export = tmp_path / "kg.json"
    subprocess.run([str(CLI), "export", "--data-dir", str(data), "--output", str(export)],
                   check=True, capture_output=True, timeout=300, cwd=ROOT)
    files = {n["properties"]["file"] for n in json.loads(export.read_text("utf-8"))["nodes"]
             if n["label"] == "Source"}
    assert files == {"]x.txt", "bad\ufffd.txt"}


def test_read_file_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnsupportedFileError, match="not a regular file"):
        read_file(fifo)
    with pytest.raises(UnsupportedFileError, match="not a regular file"):
        read_file(Path("/dev/zero"))
    with pytest.raises(IngestError, match="is a directory"):
        read_file(tmp_path)


def test_read_file_reads_at_most_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 101)
    with pytest.raises(UnsupportedFileError, match="file too large"):
        read_file(path, max_bytes=100)
    assert read_file(path, max_bytes=101).data == b"a" * 101


def test_an_entry_that_cannot_be_looked_at_is_listed_to_be_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under a folder that can be read but not entered, stat fails with EACCES (root can
    enter any folder, so the failure is simulated here)."""
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("x", "utf-8")
    (tmp_path / "ok.txt").write_text("x", "utf-8")
    real = Path.is_file

    def is_file(self: Path) -> bool:
        if self.parent.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    assert list_files([tmp_path]) == [tmp_path / "locked" / "a.txt", tmp_path / "ok.txt"]


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        out |= {int(c) for c in (task / "children").read_text().split()}
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_with_workers_leaves_no_process_behind(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):  # more than the run gets through before the signal
        shutil.copy(CORPUS[i % len(CORPUS)], folder / f"{i:03d}.txt")
    proc = subprocess.Popen([str(CLI), "ingest", str(folder), "--workers", "2", "--data-dir",
                             str(tmp_path / "kg")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        children: set[int] = set()
        while time.monotonic() < deadline and len(children) < 2 and proc.poll() is None:
            children = _children(proc.pid)
            time.sleep(0.1)
        assert len(children) >= 2, "the workers never started"
        time.sleep(3)  # the workers are loading their pipelines or working
        proc.send_signal(signal.SIGTERM)  # to the main process only, as `kill` does
        assert proc.wait(timeout=120) == 143
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and any(_alive(c) for c in children):
            time.sleep(0.2)
        assert not [c for c in children if _alive(c)], "workers outlived the run"
        assert not (tmp_path / "kg" / "graph.json").exists()  # nothing half-done saved
    finally:  # whatever is left of the run's process group
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=60)


def test_display_path_is_one_printable_line() -> None:
    from ingest.types import display_path

    assert display_path("a\nb\t.txt") == "a\\nb\\t.txt"
    assert display_path("人才 规划\u3000.txt") == "人才 规划\u3000.txt"
    assert display_path(os.fsdecode(b"bad\xff.txt")) == "bad\ufffd.txt"


def test_ingest_paths_takes_one_path_as_one_path(tmp_path: Path) -> None:
    from graph.memory import MemoryGraphStore
    from ingest.pipeline import ingest_paths

    shutil.copy(CORPUS[0], tmp_path / "a.txt")
    report = ingest_paths(str(tmp_path / "a.txt"), MemoryGraphStore(None))  # type: ignore[arg-type]
    assert [f.path for f in report.ok] == [str(tmp_path / "a.txt")]
