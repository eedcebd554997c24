"""Neo4j write throughput and API overhead (issues 3 and 4), against baselines measured in
the same run on the same server.

* Writes: the seed corpus and a 10x synthetic copy of it (each copy's ids and names made
  distinct) written as `policykg ingest` writes them (`write_patches`: one managed
  transaction per `files_per_write` files, reads of the stored records, merging, batched
  UNWIND MERGE per label and type), against a
  hand-written single-statement `UNWIND` of exactly the same final rows (one statement for
  all nodes, one for all relationships, one transaction, no reads). rows = nodes + edges.
* API overhead: GET /search, /entities/{id}/neighbors?depth=2 and /programs/{id}/related
  against the store call that answers them (the same named Cypher through the driver), the
  two alternating on the same node. The API four ways (`API_MODES`): the app called with a
  raw ASGI scope (the API layer alone), `policykg serve` over real HTTP with a minimal
  keep-alive client (what the server costs a user) and with the standard library's
  http.client (plus that client's own parsing), and FastAPI's TestClient (adds the test
  client's own cost).

Usage: python -m bench.neo4j_bench  (needs POLICYKG_TEST_NEO4J_URI / _USER / _PASSWORD, or
NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD). Prints one JSON line.
"""
from __future__ import annotations

import asyncio
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"POLICYKG_TEST_{name}") or os.environ.get(name) or default


def seed_patches() -> list:
    from ingest.pipeline import Pipeline, list_files, read_file

    pipeline = Pipeline()
    return [pipeline.run(read_file(p))[0] for p in list_files([ROOT / "data" / "corpus"])]


def copies(patches: list, n: int) -> list:
    """`n` synthetic copies of the patches: ids, names and aliases suffixed per copy, so the
    copies are distinct rows with the same shape."""
    from schema.model import Edge, GraphPatch, Node

    out = []
    for k in range(n):
        tag = f"~{k}"
        for patch in patches:
            p = GraphPatch()
            for node in patch.nodes.values():
                p.nodes[node.id + tag] = Node(node.id + tag, node.label, node.name + tag,
                                              {a + tag for a in node.aliases},
                                              dict(node.properties), list(node.evidence))
            for e in patch.edges.values():
                edge = Edge(e.type, e.source + tag, e.target + tag, dict(e.properties),
                            list(e.evidence))
                p.edges[edge.key] = edge
            out.append(p)
    return out


def final_rows(patches: list) -> tuple[list[dict], list[dict]]:
    """The rows the store ends up writing (patches merged in order), in the store's format."""
    from graph.memory import MemoryGraphStore
    from graph.neo4j_store import _edge_row, _node_row

    mem = MemoryGraphStore(None)
    for p in patches:
        mem.apply(p)
    nodes = [_node_row(n) for n in mem.iter_nodes()]
    edges = [_edge_row(e) for e in mem.iter_edges()]
    return nodes, edges


def write_bench(store: Any, patches: list, rounds: int = 1) -> dict:
    """Rows/s of writing `patches` as `policykg ingest` writes them (`write_patches`:
    `store.files_per_write` files per transaction) against a raw UNWIND baseline: the same
    write statements over every final row, in one transaction, without the store's reads
    and merging. Both into an emptied database, alternating for `rounds` rounds; the
    medians (a second of work on a shared machine is noisy: the seed is run several
    rounds)."""
    import cypher
    from graph.base import merge_patches

    merge_patches(patches)  # raises if the files could not be written together

    nodes, edges = final_rows(patches)
    rows = len(nodes) + len(edges)
    driver = store._driver  # noqa: SLF001 - the baseline uses the same connection pool

    def baseline(tx: Any) -> None:
        tx.run(cypher.query("write_nodes"), rows=nodes).consume()
        tx.run(cypher.query("write_edges"), rows=edges).consume()

    from ingest.pipeline import FileReport, write_patches

    def ours_once() -> float:
        store.clear()
        t = time.perf_counter()
        reports = list(write_patches(store, ((p, FileReport(str(i)))
                                             for i, p in enumerate(patches))))
        seconds = time.perf_counter() - t
        assert not any(r.error for r in reports), [r.error for r in reports if r.error]
        assert store.counts()["nodes"] and sum(store.counts()["edges"].values()) == len(edges)
        return seconds

    def baseline_once() -> float:
        store.clear()
        t = time.perf_counter()
        with driver.session(database=store.database) as session:
            session.execute_write(baseline)
        return time.perf_counter() - t

    ours_times: list[float] = []
    base_times: list[float] = []
    for round_ in range(rounds):  # which goes first alternates between rounds
        if round_ % 2:
            base_times.append(baseline_once())
        ours_times.append(ours_once())
        if not round_ % 2:
            base_times.append(baseline_once())
    store.clear()
    ours, base = statistics.median(ours_times), statistics.median(base_times)
    return {"files": len(patches), "nodes": len(nodes), "edges": len(edges), "rows": rows,
            "rounds": rounds, "store_seconds": ours, "baseline_seconds": base,
            "store_rows_per_s": rows / ours, "baseline_rows_per_s": rows / base,
            "ratio": (rows / ours) / (rows / base)}


def _pcts(samples: list[float]) -> dict:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": 1000 * statistics.median(samples), "p99_ms": 1000 * qs[98],
            "n": len(samples)}


#: How the API is called in each mode, for the report (bench/runner.py prints these).
API_MODES = {
    "asgi": "the app called in process with a raw ASGI scope in a long-lived event loop, "
            "no HTTP client or server: middleware, routing, parameter validation, the "
            "route (search on the event loop through the store's async reader, the others "
            "in a worker thread), response models and serialisation",
    "http": "`policykg serve` (uvicorn with uvloop and httptools, access log on) in its own "
            "process, over real HTTP on 127.0.0.1, called with a minimal keep-alive "
            "HTTP/1.1 client on a raw socket (`RawHttp`: a request line, then the status "
            "line and Content-Length of the answer), so that the time is the server's and "
            "the network's: the path a user takes, without the cost of any one client",
    "http.client": "the same server and requests (right after `http`) through the "
                   "standard library's keep-alive http.client, whose header parsing adds "
                   "~0.1 ms a request on this machine",
    "testclient": "FastAPI's TestClient in process: the ASGI layer plus the test client's own "
                  "cost (httpx request building, a portal thread hop per ASGI message)",
}


class AsgiCaller:
    """Calls an ASGI app as a server would, with a raw HTTP scope, and times only the
    `await app(...)`: the API layer itself, without any HTTP client or server.

    Like uvicorn, it runs the app's lifespan and every request in one event loop (uvloop
    where installed, as `policykg serve` does) under one long-lived root task, in a thread
    of its own; each request is a task of that loop. anyio keeps its worker threads for the
    life of the root task: a loop run afresh per request (`run_until_complete`) would start
    a new worker thread for every sync route, a cost no server pays."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.loop = _new_event_loop()
        self._state: dict[str, Any] = {}
        self._thread = threading.Thread(target=self._run, name="asgi-caller", daemon=True)
        self._up = threading.Event()
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None

    def __enter__(self) -> "AsgiCaller":
        self._thread.start()
        self._up.wait()
        if self._error is not None:
            self._thread.join()
            raise self._error
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._stop is not None
        self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._serve())
        except BaseException as e:  # noqa: BLE001 - handed to the calling thread
            self._error = e
        finally:
            self._up.set()
            self.loop.close()

    async def _serve(self) -> None:
        """The root task: lifespan start-up, then wait for `__exit__`, then shutdown."""
        events: asyncio.Queue = asyncio.Queue()
        replies: asyncio.Queue = asyncio.Queue()
        self._stop = asyncio.Event()
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": self._state}
        lifespan = asyncio.ensure_future(self.app(scope, events.get, replies.put))
        await events.put({"type": "lifespan.startup"})
        reply = await replies.get()
        assert reply["type"] == "lifespan.startup.complete", reply
        self._up.set()
        await self._stop.wait()
        await events.put({"type": "lifespan.shutdown"})
        reply = await replies.get()
        assert reply["type"] == "lifespan.shutdown.complete", reply
        await lifespan

    async def _get(self, path: str, params: dict[str, Any]) -> tuple[int, bytes, float]:
        scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
                 "http_version": "1.1", "method": "GET", "scheme": "http", "path": path,
                 "raw_path": quote(path).encode("ascii"),
                 "query_string": urlencode(params, doseq=True).encode("ascii"),
                 "root_path": "", "headers": [(b"host", b"127.0.0.1"), (b"accept", b"*/*")],
                 "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80),
                 "state": dict(self._state)}
        done = asyncio.Event()
        status, chunks = 0, []
        requested = False

        async def receive() -> dict:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()  # as a server: a disconnect only once the answer is sent
            return {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    done.set()

        t = time.perf_counter()
        await self.app(scope, receive, send)
        elapsed = time.perf_counter() - t
        return status, b"".join(chunks), elapsed

    def get(self, path: str, params: dict[str, Any]) -> tuple[int, bytes, float]:
        """(status, body, seconds inside the app)."""
        return asyncio.run_coroutine_threadsafe(self._get(path, params), self.loop).result()


class RawHttp:
    """A keep-alive HTTP/1.1 GET on a raw socket: one `sendall` of the request, then reads
    until the head's end and the Content-Length of the body (every answer of the API has
    one). The least a client can do, to time the server rather than a client's parser."""

    def __init__(self, host: str, port: int, timeout: float = 60) -> None:
        self.host = host
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def get(self, target: str) -> tuple[int, bytes]:
        self.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        buf = b""
        while (end := buf.find(b"\r\n\r\n")) < 0:
            buf += self._recv()
        head, body = buf[:end].split(b"\r\n"), buf[end + 4:]
        status = int(head[0].split(b" ", 2)[1])
        lengths = [line.split(b":", 1)[1] for line in head[1:]
                   if line.lower().startswith(b"content-length:")]
        if not lengths:
            raise RuntimeError(f"no Content-Length in the answer to {target}: {head!r}")
        length = int(lengths[0])
        while len(body) < length:
            body += self._recv()
        return status, body[:length]

    def _recv(self) -> bytes:
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        return chunk

    def close(self) -> None:
        self.sock.close()


def _new_event_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


class Server:
    """`policykg serve` on a free local port in a child process, on the Neo4j store at
    `uri`; waits until /health answers 200."""

    def __init__(self, uri: str, user: str, password: str | None, database: str,
                 data_dir: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
        self.env = {**env, "POLICYKG_STORE": "neo4j", "NEO4J_URI": uri, "NEO4J_USER": user,
                    "NEO4J_DATABASE": database, "POLICYKG_DATA_DIR": str(data_dir),
                    **({"NEO4J_PASSWORD": password} if password is not None else {})}
        self.data_dir = data_dir
        self.proc: subprocess.Popen | None = None
        self.base = ""

    def __enter__(self) -> "Server":
        import httpx

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = self.data_dir / "serve.log"
        with log.open("w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", "from api.cli import app; app()", "serve",
                 "--port", str(port)], cwd=ROOT, env=self.env, stdout=out,
                stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{self.base}/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"policykg serve did not come up:\n{log.read_text()}")
            time.sleep(0.3)

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _interleaved(direct: Callable[[Any], Any], api: Callable[[Any], float], nodes: list,
                 repeats: int) -> dict:
    """Direct and API calls alternating on the same node, so that machine noise hits both;
    which goes first alternates between rounds (neither always finds the other's caches
    warm). One untimed round first: plans, caches, connections. `api` returns its seconds."""
    for node in nodes:
        direct(node)
        api(node)
    d: list[float] = []
    a: list[float] = []
    for round_ in range(repeats):
        for node in nodes:
            if round_ % 2:
                a.append(api(node))
            t = time.perf_counter()
            direct(node)
            d.append(time.perf_counter() - t)
            if not round_ % 2:
                a.append(api(node))
    return {"direct": _pcts(d), "api": _pcts(a),
            "ratio_p50": statistics.median(a) / statistics.median(d)}


def api_overhead(store: Any, patches: list, conn: tuple[str, str, str | None, str],
                 repeats: dict[str, int] | None = None) -> dict:
    """API ÷ direct store call for three queries, in each of `API_MODES`: {mode: {query:
    {direct, api, ratio_p50}}}. `repeats` rounds over 10 programs per query (fewer for the
    slow queries, to keep the run short on a shared machine)."""
    from api.app import create_app
    from api.service import related_programs
    from api.settings import get_settings
    from schema.labels import Label

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    repeats = repeats or {"search": 30, "neighbors_d2": 10, "related_programs": 10}
    store.clear()
    for p in patches:
        store.apply(p)
    programs = sorted(store.iter_nodes(Label.PROGRAM), key=lambda n: n.id)[:10]

    class Shared:
        def __init__(self, s: Any) -> None:
            self._s = s

        def __getattr__(self, name: str) -> Any:
            return getattr(self._s, name)

        def close(self) -> None:
            pass

    # (the store call, the request that makes the API do exactly that call): the API asks
    # for one item more than a page (21 for a page of 20, 300 nodes for `limit=299`) to
    # know whether there is a next page.
    ops: dict[str, tuple[Callable[[Any], Any], Callable[[Any], tuple[str, dict]]]] = {
        "search": (lambda n: store.search(n.name[:2], limit=21),
                   lambda n: ("/search", {"q": n.name[:2], "limit": 20})),
        "neighbors_d2": (lambda n: store.neighbors(n.id, 2, limit=300),
                         lambda n: (f"/entities/{n.id}/neighbors",
                                    {"depth": 2, "limit": 299})),
        "related_programs": (lambda n: related_programs(store, n.id),
                             lambda n: (f"/programs/{n.id}/related", {})),
    }

    def measure(call: Callable[[str, dict], float]) -> dict:
        out = {}
        for name, (direct, request) in ops.items():
            out[name] = _interleaved(direct, lambda n: call(*request(n)), programs,
                                     repeats[name])
        return out

    settings = get_settings(data_dir=ROOT / "out" / "bench-neo4j", store="neo4j")
    result: dict[str, dict] = {}

    with AsgiCaller(create_app(settings, store=Shared(store))) as asgi:
        def asgi_call(path: str, params: dict) -> float:
            status, body, seconds = asgi.get(path, params)
            assert status == 200, body[:500]
            return seconds

        result["asgi"] = measure(asgi_call)

    with Server(*conn, ROOT / "out" / "bench-neo4j" / "serve") as server:
        host, port = server.base.removeprefix("http://").rsplit(":", 1)
        raw = RawHttp(host, int(port))
        # The standard library's keep-alive client: about 1.5 ms a request less than an
        # httpx.Client on this machine, time that is the client's, not the API's.
        connection = http.client.HTTPConnection(host, int(port), timeout=60)

        def raw_call(path: str, params: dict) -> float:
            target = f"{quote(path)}?{urlencode(params, doseq=True)}"
            t = time.perf_counter()
            status, body = raw.get(target)
            seconds = time.perf_counter() - t
            assert status == 200, body[:500]
            return seconds

        def http_call(path: str, params: dict) -> float:
            target = f"{quote(path)}?{urlencode(params, doseq=True)}"
            t = time.perf_counter()
            connection.request("GET", target)
            r = connection.getresponse()
            body = r.read()
            seconds = time.perf_counter() - t
            assert r.status == 200, body[:500]
            return seconds

        result["http"] = measure(raw_call)
        result["http.client"] = measure(http_call)
        raw.close()
        connection.close()

    with TestClient(create_app(settings, store=Shared(store))) as client:
        def testclient_call(path: str, params: dict) -> float:
            t = time.perf_counter()
            r = client.get(path, params=params)
            seconds = time.perf_counter() - t
            assert r.status_code == 200, r.text[:500]
            return seconds

        result["testclient"] = measure(testclient_call)
    store.clear()
    return result


def main() -> None:
    from graph.neo4j_store import Neo4jGraphStore

    uri = _env("NEO4J_URI")
    if not uri:
        print(json.dumps({"available": False, "why": "no NEO4J_URI"}))
        return
    conn = (uri, _env("NEO4J_USER", "neo4j") or "neo4j", _env("NEO4J_PASSWORD"),
            _env("NEO4J_DATABASE", "neo4j") or "neo4j")
    store = Neo4jGraphStore.connect(*conn)
    patches = seed_patches()
    write_bench(store, patches)  # warm-up: plans, caches, JIT
    result = {"available": True, "files_per_write": store.files_per_write,
              "seed": write_bench(store, patches, rounds=7),
              "synthetic_10x": write_bench(store, copies(patches, 10)),
              "api": api_overhead(store, patches, conn)}
    store.close()
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
