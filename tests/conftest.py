"""Fixtures shared by every test package: the Neo4j test server.

`scripts/test.sh` starts a real Neo4j 5 server with `scripts/neo4j-test-server start` and
exports its coordinates as POLICYKG_TEST_NEO4J_URI / _USER / _PASSWORD / _DATABASE (test-only
names, so the suite can never wipe a database the user configured as NEO4J_URI). Without
them the Neo4j tests are skipped with one line saying why — except under CI (`CI=true`),
where a missing server is a failure, never a skip.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    database: str


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def neo4j_server() -> Neo4jServer:
    uri = os.environ.get("POLICYKG_TEST_NEO4J_URI")
    if not uri:
        why = ("no Neo4j test server: run the suite with `bash scripts/test.sh`, which starts "
               "one (needs Java 17 and Maven), or export POLICYKG_TEST_NEO4J_URI")
        if _ci():
            pytest.fail(f"CI=true but {why}")
        pytest.skip(why)
    server = Neo4jServer(uri, os.environ.get("POLICYKG_TEST_NEO4J_USER", "neo4j"),
                         os.environ.get("POLICYKG_TEST_NEO4J_PASSWORD", ""),
                         os.environ.get("POLICYKG_TEST_NEO4J_DATABASE", "neo4j"))
    from graph.neo4j_store import Neo4jGraphStore

    with Neo4jGraphStore.connect(server.uri, server.user, server.password, server.database):
        pass  # constraints and indexes, once per session
    return server


def connect_test_store(server: Neo4jServer) -> "object":
    """A store on the test server, without re-applying the schema."""
    from graph.neo4j_store import Neo4jGraphStore

    return Neo4jGraphStore.connect(server.uri, server.user, server.password, server.database,
                                   init_schema=False)


@pytest.fixture
def neo4j_store(neo4j_server: Neo4jServer) -> Iterator["object"]:
    """An empty Neo4j store on the test server (emptied again afterwards)."""
    store = connect_test_store(neo4j_server)
    store.clear()  # type: ignore[attr-defined]
    try:
        yield store
    finally:
        store.close()  # type: ignore[attr-defined]
        with connect_test_store(neo4j_server) as cleaner:  # type: ignore[attr-defined]
            cleaner.clear()


@pytest.fixture(scope="session")
def seed_patches() -> list:
    """The bundled corpus (data/corpus) through the ingest pipeline once per test session:
    one GraphPatch per file, in file order."""
    from pathlib import Path

    from ingest.pipeline import Pipeline, list_files, read_file

    corpus = Path(__file__).resolve().parents[1] / "data" / "corpus"
    pipeline = Pipeline()
    return [pipeline.run(read_file(path))[0] for path in list_files([corpus])]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line per skip reason (`N skipped: why`), instead of one line per skipped test."""
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, n in sorted(reasons.items(), key=lambda r: -r[1]):
        terminalreporter.write_line(f"{n} skipped: {reason}")
