"""The API as users run it: `policykg serve` (uvicorn) in its own process, over real HTTP,
and a schemathesis run over its OpenAPI document: no 5xx, no schema violation."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.memory import MemoryGraphStore
from schema.model import GraphPatch

CLI = Path(sys.executable).with_name("policykg")
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(data_dir: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """Start `policykg serve` and wait until /health answers 200; (process, base URL)."""
    port = free_port()
    log = (data_dir / "serve.log").open("w")
    proc = subprocess.Popen([str(CLI), "serve", "--port", str(port)],
                            env={**os.environ, **env, "POLICYKG_DATA_DIR": str(data_dir)},
                            stdout=log, stderr=subprocess.STDOUT)
    log.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("policykg serve did not come up:\n"
                                 + (data_dir / "serve.log").read_text())
        time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def server(seed_patches: list[GraphPatch], tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[str]:
    """A real `policykg serve` on the seed graph in the embedded store; its base URL."""
    data_dir = tmp_path_factory.mktemp("live")
    store = MemoryGraphStore(data_dir / "graph.json")
    for patch in seed_patches:
        store.apply(patch)
    store.save()
    proc, base = serve(data_dir, {"POLICYKG_STORE": "memory",
                                  "POLICYKG_API_KEY": "live-test-key"})
    yield base
    stop(proc)


@pytest.fixture(scope="module")
def neo4j_live(seed_patches: list[GraphPatch], neo4j_server: Any,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same on the Neo4j test server."""
    from tests.conftest import connect_test_store

    with connect_test_store(neo4j_server) as store:  # type: ignore[attr-defined]
        store.clear()
        for patch in seed_patches:
            store.apply(patch)
    s = neo4j_server
    proc, base = serve(tmp_path_factory.mktemp("live-neo4j"), {
        "POLICYKG_STORE": "neo4j", "NEO4J_URI": s.uri, "NEO4J_USER": s.user,
        "NEO4J_PASSWORD": s.password, "NEO4J_DATABASE": s.database})
    yield base
    stop(proc)
    with connect_test_store(neo4j_server) as store:  # type: ignore[attr-defined]
        store.clear()


def test_live_server_answers_over_http(server: str) -> None:
    r = httpx.get(f"{server}/search", params={"q": "燕歸巢"})
    assert r.status_code == 200 and r.json()["items"][0]["name"] == "燕归巢行动"
    doc = httpx.get(f"{server}/documents/鄂府发[2022]38号").json()
    assert doc["doc_number"] == "鄂府发〔2022〕38号"
    spec = httpx.get(f"{server}/openapi.json").json()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("description"), f"{method.upper()} {path} has no description"


def test_head_over_http_is_get_without_the_body(server: str) -> None:
    for url in ("/health", "/search?q=燕归巢", "/entities/nope"):
        g, h = httpx.get(f"{server}{url}"), httpx.head(f"{server}{url}")
        assert h.status_code == g.status_code and h.content == b""
        assert h.headers["content-length"] == str(len(g.content))


def test_every_parameter_has_an_example(server: str) -> None:
    spec = httpx.get(f"{server}/openapi.json").json()
    missing = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for param in op.get("parameters", []):
                if param["in"] == "path" and not (param.get("examples") or param.get("example")):
                    missing.append(f"{method.upper()} {path} {param['name']}")
    assert not missing, missing


def schemathesis_run(base: str, report: Path, *extra: str) -> str:
    """schemathesis' own runner (all its phases: examples, coverage, fuzzing, stateful
    links) with all its checks over a live server; its summary. Fails on any failure."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("schemathesis")), "run", f"{base}/openapi.json",
         "--checks", "all", "--max-examples", "25", "--seed", "20261122",
         "--request-timeout", "30", "--report", "ndjson", "--report-ndjson-path", str(report),
         "--no-color", *extra],
        capture_output=True, text=True, timeout=1500, cwd=report.parent)
    summary = done.stdout[done.stdout.rfind("SUMMARY"):]
    print(f"\n{summary}")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    return summary


def test_schemathesis_embedded_store(server: str, tmp_path: Path) -> None:
    # POST /query/cypher answers the specified 501 on the embedded store (test_app.py);
    # schemathesis counts every 5xx as a server error, so it runs that endpoint on Neo4j.
    summary = schemathesis_run(server, tmp_path / "st.ndjson", "--exclude-path",
                               "/query/cypher")
    assert "generated" in summary


def test_schemathesis_neo4j_store(neo4j_live: str, tmp_path: Path) -> None:
    summary = schemathesis_run(neo4j_live, tmp_path / "st.ndjson", "--exclude-path",
                               "/query/cypher")
    assert "generated" in summary
    # An arbitrary schema-valid string is rarely valid Cypher: Neo4j's syntax error is a
    # correct 400, so only the positive-data-acceptance check is left out here; every other
    # check (no 5xx, schema conformance, negative data rejected...) still runs.
    summary = schemathesis_run(neo4j_live, tmp_path / "st-cypher.ndjson", "--include-path",
                               "/query/cypher", "--exclude-checks", "positive_data_acceptance")
    assert "generated" in summary
