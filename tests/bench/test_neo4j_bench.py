"""bench/neo4j_bench.py's API harness: the raw-ASGI caller answers exactly what a client
gets, the interleaving measures what it says, and the report shows every mode."""
from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from api.app import create_app
from api.settings import get_settings
from bench.neo4j_bench import API_MODES, AsgiCaller, _interleaved
from bench.runner import neo4j_section
from graph.memory import MemoryGraphStore
from schema.labels import Label
from schema.model import GraphPatch, Node

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _store() -> MemoryGraphStore:
    store = MemoryGraphStore(None)
    patch = GraphPatch()
    for name in ("燕归巢行动", "燕归巢计划", "人才引进工程"):
        node = Node(f"prog:{len(patch.nodes)}", Label.PROGRAM, name, set(), {}, [])
        patch.nodes[node.id] = node
    store.apply(patch)
    return store


def test_asgi_caller_answers_what_a_client_gets(tmp_path: Path) -> None:
    # In a thread of its own: AsgiCaller runs an event loop, and the session's Playwright
    # (tests/visualize) keeps one marked running in the main thread.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(_compare_with_test_client, tmp_path).result()


def _compare_with_test_client(tmp_path: Path) -> None:
    app = create_app(get_settings(data_dir=tmp_path), store=_store())
    with TestClient(app) as client, AsgiCaller(app) as asgi:
        for path, params in [("/search", {"q": "燕歸巢", "limit": 1}),
                             ("/search", {"q": "x", "limit": 0}),
                             ("/entities/prog:1", {}),
                             ("/entities/nope/neighbors", {"depth": 2})]:
            status, body, seconds = asgi.get(path, params)
            expected = client.get(path, params=params)
            assert (status, body) == (expected.status_code, expected.content), path
            assert seconds > 0
        first = asgi.get("/search", {"q": "燕歸巢", "limit": 1})[1]
        assert '"name":"燕归巢'.encode() in first  # Traditional query, Simplified hit
        assert b'"next_cursor":"1"' in first  # the query string reached the route


def test_interleaved_alternates_and_counts() -> None:
    calls: list[str] = []

    def direct(node: str) -> None:
        calls.append(f"d{node}")

    def api(node: str) -> float:
        calls.append(f"a{node}")
        return 0.004

    r = _interleaved(direct, api, ["1", "2"], repeats=3)
    assert calls[:4] == ["d1", "a1", "d2", "a2"]  # the untimed warm-up round
    assert calls[4:] == ["d1", "a1", "d2", "a2", "a1", "d1", "a2", "d2",
                         "d1", "a1", "d2", "a2"]
    assert r["api"]["n"] == r["direct"]["n"] == 6
    assert abs(r["api"]["p50_ms"] - 4.0) < 1e-9
    assert r["ratio_p50"] > 1  # the fake direct call does nothing, so the API is slower


def test_report_shows_every_mode_with_its_explanation() -> None:
    timing = {"direct": {"p50_ms": 2.0, "p99_ms": 9.0, "n": 300},
              "api": {"p50_ms": 2.5, "p99_ms": 11.0, "n": 300}, "ratio_p50": 1.25}
    write = {"files": 5, "rows": 10, "store_rows_per_s": 1.0, "baseline_rows_per_s": 1.0,
             "ratio": 1.0}
    result = {"available": True, "seed": write, "synthetic_10x": write,
              "api": {mode: {"search": timing} for mode in API_MODES}}
    text = "\n".join(neo4j_section(result))
    for mode, what in API_MODES.items():
        assert f"* `{mode}`: {what}." in text
        assert f"| {mode} | search | 300 | 2.00 | 9.00 | 2.50 | 11.00 | 1.25 |" in text


def test_raw_http_client_reads_what_http_client_reads(tmp_path: Path) -> None:
    """`RawHttp` (the bench's minimal client) against a real uvicorn: the same status and
    body as the standard library's client, over one kept-alive connection, a big answer and
    error answers included."""
    import http.client
    import socket
    import threading
    import time
    from urllib.parse import quote, urlencode

    import uvicorn

    from bench.neo4j_bench import RawHttp

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(
        create_app(get_settings(data_dir=tmp_path), store=_store()), host="127.0.0.1",
        port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    raw = RawHttp("127.0.0.1", port)
    std = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for path, params in [("/search", {"q": "燕歸巢"}), ("/search", {"q": "燕", "limit": 0}),
                             ("/entities/nope", {}), ("/openapi.json", {}),
                             ("/search", {"q": "人才", "limit": 2})]:
            target = f"{quote(path)}?{urlencode(params)}"
            std.request("GET", target)
            r = std.getresponse()
            expected = (r.status, r.read())
            assert raw.get(target) == expected, target
        status, body = raw.get("/openapi.json")
        assert status == 200 and len(body) > 1 << 14  # a large answer, read to its end
    finally:
        raw.close()
        std.close()
        server.should_exit = True
        thread.join(timeout=30)
