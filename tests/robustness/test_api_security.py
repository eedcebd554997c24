"""API security not covered by tests/api: the key (constant time, 401/403 on every write
endpoint), body and upload size limits (also without or with a lying Content-Length),
unknown labels and types never reaching the store, 503 while Neo4j is down and recovery
when it is back (a throwaway server stopped and restarted), escaping in the explorer."""
from __future__ import annotations

import hmac
import os
import shutil
import socket
import subprocess
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.settings import get_settings
from graph.memory import MemoryGraphStore
from tests.visualize.conftest import XSS_IMG, XSS_SCRIPT, XSS_SVG, hostile_patch

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
TEXT = "为加快人才集聚,包头市实施“鹿城英才”计划,建设院士专家工作站。".encode()
KEY = "k3y-for-tests-0123456789"
#: write endpoints and how to call them; /query/cypher is a POST but read-only (its guard
#: and read transaction are tested in tests/api/test_cypher.py)
WRITES = {("POST", "/documents"): {"files": {"file": ("a.txt", TEXT)}}}
READ_ONLY_POSTS = {("POST", "/query/cypher")}


def client(tmp_path: Path, key: str | None = KEY, store: Any = None, **extra: Any) -> TestClient:
    settings = get_settings(data_dir=tmp_path, api_key=key, max_upload_bytes=20_000, **extra)
    return TestClient(create_app(settings, store=store if store is not None
                                 else MemoryGraphStore(tmp_path / "graph.json")))


def test_api_write_endpoints_are_exactly_the_known_ones(tmp_path: Path) -> None:
    """A new write endpoint must be added to WRITES (and so to the key tests below)."""
    app = create_app(get_settings(data_dir=tmp_path))
    posts = {(method, route.path) for route in app.routes
             for method in getattr(route, "methods", set()) - {"GET", "HEAD"}}
    assert posts == set(WRITES) | READ_ONLY_POSTS


@pytest.mark.parametrize(("method", "path"), sorted(WRITES))
def test_api_no_key_configured_means_writes_are_off(tmp_path: Path, method: str,
                                                    path: str) -> None:
    with client(tmp_path, key=None) as c:
        for headers in ({}, {"X-API-Key": ""}, {"X-API-Key": KEY}):
            r = c.request(method, path, headers=headers, **WRITES[(method, path)])
            assert r.status_code == 403 and r.json()["code"] == "writes_disabled", r.text
        assert c.get("/stats").json()["nodes"] == {}


@pytest.mark.parametrize(("method", "path"), sorted(WRITES))
@pytest.mark.parametrize("given", [None, "", "wrong", KEY[:-1], KEY + "x", KEY.upper(),
                                   KEY + " x", "键".encode() * 3])
def test_api_missing_or_wrong_key_is_401(tmp_path: Path, method: str, path: str,
                                         given: str | bytes | None) -> None:
    headers = {} if given is None else {"X-API-Key": given}
    with client(tmp_path) as c:
        r = c.request(method, path, headers=headers, **WRITES[(method, path)])
        assert r.status_code == 401 and r.json()["code"] == "unauthorized", r.text
        assert c.get("/stats").json()["nodes"] == {}


def test_api_key_is_compared_with_hmac_compare_digest(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    import api.app

    monkeypatch.setattr(api.app.hmac, "compare_digest", spy)
    with client(tmp_path) as c:
        assert c.post("/documents", headers={"X-API-Key": "nope"},
                      files={"file": ("a.txt", TEXT)}).status_code == 401
        assert calls == [(b"nope", KEY.encode())]
        r = c.post("/documents", headers={"X-API-Key": KEY}, files={"file": ("a.txt", TEXT)})
        assert r.status_code == 200, r.text
        assert calls[-1] == (KEY.encode(), KEY.encode())


# -- size limits -------------------------------------------------------------------------------

def _chunks(total: int, size: int = 4096) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * min(size, total - sent)
        sent += size


def test_api_declared_too_large_body_is_413_before_reading(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        for url in ("/documents", "/query/cypher"):
            r = c.post(url, content=b"{}", headers={"Content-Length": "999999999",
                                                    "X-API-Key": KEY})
            assert r.status_code == 413 and r.json()["code"] == "too_large", (url, r.text)
        r = c.post("/query/cypher", content=b"{}", headers={"Content-Length": "12abc"})
        assert r.status_code == 413


def test_api_upload_over_the_limit_is_413_naming_the_file(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        r = c.post("/documents", headers={"X-API-Key": KEY},
                   files={"file": ("big.txt", b"x" * 20_001)})
        assert r.status_code == 413 and "big.txt" in r.json()["detail"]
        assert c.get("/stats").json()["nodes"] == {}


def test_api_streamed_body_without_content_length_is_cut_off(tmp_path: Path) -> None:
    """A chunked body (no Content-Length) is counted as it arrives: 413 once over the cap."""
    with client(tmp_path) as c:
        r = c.post("/query/cypher", content=_chunks(2_000_000),
                   headers={"X-API-Key": KEY, "Content-Type": "application/json"})
        assert r.status_code == 413 and r.json()["code"] == "too_large", r.text


def test_api_body_longer_than_its_content_length_is_cut_off(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        body = b'{"query": "' + b"x" * 500_000 + b'"}'
        r = c.post("/query/cypher", content=body,
                   headers={"Content-Length": "100", "Content-Type": "application/json"})
        assert r.status_code == 413, r.text


def test_api_multipart_upload_streamed_without_length_is_cut_off(tmp_path: Path) -> None:
    boundary = "b0undary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"s.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode()

    def body() -> Iterator[bytes]:
        yield head
        yield from _chunks(3_000_000)
        yield f"\r\n--{boundary}--\r\n".encode()

    with client(tmp_path) as c:
        r = c.post("/documents", content=body(), headers={
            "X-API-Key": KEY, "Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert r.status_code == 413, r.text
        assert c.get("/stats").json()["nodes"] == {}


# -- unknown labels and types ------------------------------------------------------------------

class SpyStore:
    """A store that records every method called on it."""

    def __init__(self, store: MemoryGraphStore):
        self._store = store
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._store, name)
        if callable(value):
            def called(*args: Any, **kwargs: Any) -> Any:
                self.calls.append(name)
                return value(*args, **kwargs)
            return called
        return value


HOSTILE_VALUES = ["Programme", "program", "Program`) DETACH DELETE n //", "Program|Region",
                  "Program:Region", "PART_OF]->() DELETE r //", "*", "Entity", "", " ",
                  "Program,", "Program,Nope"]


ENDPOINTS = [("/entities/x/neighbors", "labels"), ("/entities/x/neighbors", "types"),
             ("/search?q=计划", "label"), ("/paths?from=a&to=b", "types"),
             ("/explore", "labels"), ("/explore", "types")]


@pytest.mark.parametrize(("url", "param", "value"), [
    (url, param, value) for url, param in ENDPOINTS for value in HOSTILE_VALUES
    # an empty list filter, or a trailing comma, means "no filter" for list parameters
    if param == "label" or value.strip(" ,") not in ("", "Program")])
def test_api_unknown_labels_and_types_are_422_and_never_reach_the_store(
        tmp_path: Path, url: str, param: str, value: str) -> None:
    spy = SpyStore(MemoryGraphStore(None))
    with client(tmp_path, store=spy) as c:
        spy.calls.clear()
        r = c.get(url, params={param: value})
        assert r.status_code == 422, (url, param, value, r.text)
        assert r.json()["code"] == "invalid_parameter"
        assert spy.calls == [], spy.calls


# -- explorer --------------------------------------------------------------------------------

def test_api_explorer_page_escapes_names_and_evidence(tmp_path: Path) -> None:
    store = MemoryGraphStore(None)
    patch, nodes = hostile_patch()
    store.apply(patch)
    with client(tmp_path, store=store) as c:
        for focus in (nodes["script"].id, nodes["img"].id, None):
            r = c.get("/explore", params={"focus": focus} if focus else {})
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
            html = r.text
            for markup in (XSS_SCRIPT, XSS_IMG, XSS_SVG, "<b>行动</b>", "<i>高校毕业生</i>",
                           "</script><script>"):
                assert markup not in html, markup
            assert "Content-Security-Policy" in html or "content-security-policy" in \
                {k.lower() for k in r.headers}
        entity = c.get(f"/entities/{nodes['script'].id}").json()
        assert entity["name"] == XSS_SCRIPT  # JSON keeps the name as data
        missing = c.get("/explore", params={"focus": XSS_SCRIPT + "不存在"})
        assert missing.status_code == 404 and XSS_SCRIPT not in missing.headers.get(
            "content-type", "")


# -- Neo4j down and back -------------------------------------------------------------------------

def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


class ThrowawayNeo4j:
    """A Neo4j test server of its own (own state dir, fixed port and password), so that it
    can be stopped and started again at the same address without touching the session's."""

    def __init__(self, state_dir: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.password = "throwaway-" + os.urandom(6).hex()
        self.env = {**os.environ, "NEO4J_TEST_STATE_DIR": str(state_dir),
                    "NEO4J_TEST_PORT": str(self.port), "NEO4J_TEST_PASSWORD": self.password,
                    "NEO4J_TEST_JAVA_OPTS": "-Xms128m -Xmx512m"}
        self.uri = f"bolt://127.0.0.1:{self.port}"

    def _script(self, command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", str(ROOT / "scripts" / "neo4j-test-server"), command],
                              capture_output=True, text=True, env=self.env, timeout=600)

    def start(self) -> None:
        done = self._script("start")
        if done.returncode == 3:
            why = f"no Java 17 / Maven for a throwaway Neo4j: {done.stderr.strip()}"
            if _ci():
                pytest.fail(f"CI=true but {why}")
            pytest.skip(why)
        assert done.returncode == 0, done.stderr[-3000:]
        assert self.uri in done.stdout

    def stop(self) -> None:
        done = self._script("stop")
        assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture
def throwaway_neo4j(tmp_path: Path) -> Iterator[ThrowawayNeo4j]:
    if shutil.which("java") is None or shutil.which("mvn") is None:
        why = "java and mvn are needed to start a throwaway Neo4j server"
        if _ci():
            pytest.fail(f"CI=true but {why}")
        pytest.skip(why)
    server = ThrowawayNeo4j(tmp_path / "neo4j-state")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.slow
def test_api_neo4j_stopped_is_503_and_recovers_after_restart(
        throwaway_neo4j: ThrowawayNeo4j, tmp_path: Path) -> None:
    settings = get_settings(data_dir=tmp_path, store="neo4j", neo4j_uri=throwaway_neo4j.uri,
                            neo4j_password=throwaway_neo4j.password)
    with TestClient(create_app(settings)) as c:
        assert c.get("/health").json() == {"status": "ok", "store": "neo4j"}
        throwaway_neo4j.stop()
        for url in ("/health", "/stats", "/search?q=计划", "/entities/x"):
            r = c.get(url)
            assert r.status_code == 503, (url, r.text)
            body = r.json()
            assert body["code"] == "store_unavailable" and r.headers["Retry-After"]
            assert "\n" not in body["detail"] and len(body["detail"]) < 300, body
        throwaway_neo4j.start()
        deadline = time.monotonic() + 60
        while (r := c.get("/health")).status_code != 200 and time.monotonic() < deadline:
            time.sleep(1)
        assert r.status_code == 200, r.text
        assert c.get("/stats").status_code == 200
