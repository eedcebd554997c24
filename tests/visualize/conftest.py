"""Fixtures of the explorer tests: small hostile graphs, and for the browser tests Debian's
Chromium driven by Playwright, a data dir ingested from data/corpus and a real
`policykg serve` on a free port.

Browser tests need `/usr/bin/chromium` (`apt-get install -y chromium chromium-driver`) and
`pip install playwright==1.65.2` (never `playwright install`: it downloads a browser).
Without them they are skipped with one reason — except under CI (`CI=true`), where that
is a failure. Screenshots go to $POLICYKG_TEST_OUTPUT/visualize if set, else a temp dir.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from graph.memory import MemoryGraphStore
from schema.ids import make_id
from schema.labels import Label, RelType
from schema.model import Edge, Evidence, GraphPatch, Node

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
#: The page is ready when it has stabilised, drawn, and has no fetch under way.
READY = 'body[data-stable="true"][data-busy="0"]'

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SVG = "<svg onload=window.__xss=1>"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: end-to-end tests in headless Chromium")


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def cli() -> Path:
    """The installed `policykg` script of the interpreter running the tests."""
    return Path(sys.executable).with_name("policykg")


# -- small graphs ----------------------------------------------------------------------------

def node(label: Label, name: str, *aliases: str, evidence: tuple[Evidence, ...] = (),
         **properties: Any) -> Node:
    return Node(make_id(label, name), label, name, set(aliases), dict(properties),
                list(evidence))


def hostile_patch() -> tuple[GraphPatch, dict[str, Node]]:
    """Entities named like markup: every string must reach the page as text."""
    src = node(Label.SOURCE, XSS_SVG)
    ev = Evidence(src.id, 0, 4, f"据报道 {XSS_IMG} 与 {XSS_SCRIPT} & “燕归巢” \u2028 行动")
    n = {
        "script": node(Label.PROGRAM, XSS_SCRIPT, "</script><script>window.__xss=1</script>",
                       evidence=(ev,), kind="<b>行动</b>"),
        "img": node(Label.PROGRAM, XSS_IMG, evidence=(ev,)),
        "group": node(Label.TALENT_GROUP, "青年人才 & <i>高校毕业生</i>", evidence=(ev,)),
        "src": src,
    }
    patch = GraphPatch()
    for x in n.values():
        patch.add_node(x)
    patch.add_edge(Edge(RelType.PART_OF, n["img"].id, n["script"].id, {}, [ev]))
    patch.add_edge(Edge(RelType.TARGETS, n["script"].id, n["group"].id, {}, [ev]))
    patch.add_edge(Edge(RelType.MENTIONS, src.id, n["script"].id, {}, [ev]))
    return patch, n


@pytest.fixture
def hostile_store() -> tuple[MemoryGraphStore, dict[str, Node]]:
    store = MemoryGraphStore()
    patch, nodes = hostile_patch()
    store.apply(patch)
    return store, nodes


# -- the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium() -> Path:
    """/usr/bin/chromium with Playwright importable, or skip (fail under CI) saying why."""
    why = None
    if not CHROMIUM.exists():
        why = ("no Chromium at /usr/bin/chromium (install Debian's: "
               "apt-get install -y chromium chromium-driver)")
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            why = "Playwright for Python is missing (pip install playwright==1.65.2)"
    if why:
        if _ci():
            pytest.fail(f"CI=true but {why}")
        pytest.skip(why)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@dataclass
class PageLog:
    """Every request a page made and every uncaught error it threw."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def left(self, allowed_host: str = "127.0.0.1") -> list[str]:
        """Requests that went anywhere but `allowed_host` (file: URLs only in file mode)."""
        out = []
        for url in self.requests:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == allowed_host:
                continue
            if parts.scheme in ("data", "blob", "about"):
                continue  # in-page, no network
            out.append(url)
        return out


def open_page(browser: Any, log: PageLog, *, bypass_csp: bool = False) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  bypass_csp=bypass_csp, service_workers="block")
    page = context.new_page()
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.set_default_timeout(60_000)
    return page


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser: Any, page_log: PageLog) -> Iterator[Any]:
    p = open_page(browser, page_log)
    try:
        yield p
    finally:
        p.context.close()


def ready(page: Any, timeout: float = 60_000) -> None:
    page.wait_for_selector(READY, state="attached", timeout=timeout)


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    """Where screenshots go: $POLICYKG_TEST_OUTPUT/visualize, else this test's temp dir."""
    base = os.environ.get("POLICYKG_TEST_OUTPUT")
    out = Path(base) / "visualize" if base else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out


# -- the seed graph and a real server ----------------------------------------------------------

@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir ingested from data/corpus with the installed CLI (about 30 s, once)."""
    data_dir = tmp_path_factory.mktemp("corpus-data")
    done = subprocess.run([str(cli()), "ingest", str(CORPUS), "--data-dir", str(data_dir),
                           "--store", "memory"], capture_output=True, text=True, timeout=600,
                          cwd=ROOT)
    assert done.returncode == 0, f"ingest failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return data_dir


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    base: str
    port: int

    def get(self, path: str, **params: Any) -> Any:
        import json

        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        with urllib.request.urlopen(f"{self.base}{path}{'?' + query if query else ''}",
                                    timeout=30) as r:
            return json.load(r)


@pytest.fixture(scope="module")
def server(corpus_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`policykg serve` (uvicorn) on the ingested corpus, on a free port of 127.0.0.1."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    env = {**os.environ, "POLICYKG_STORE": "memory"}
    with open(log_path, "w") as log:
        proc = subprocess.Popen([str(cli()), "serve", "--data-dir", str(corpus_data_dir),
                                 "--store", "memory", "--host", "127.0.0.1", "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"policykg serve exited with {proc.returncode}:\n"
                            f"{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"policykg serve did not answer in 60 s:\n"
                            f"{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield Server(base, port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
