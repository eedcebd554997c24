"""`POST /query/cypher` on a real Neo4j: reads work, writes never change the graph."""
from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from api.app import create_app
from api.settings import get_settings
from graph.base import GraphStore
from graph.export import export_document
from schema.errors import QueryRejectedError
from schema.model import GraphPatch

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(seed_patches: list[GraphPatch], neo4j_server: Any) -> Iterator[GraphStore]:
    from tests.conftest import connect_test_store

    graph: Any = connect_test_store(neo4j_server)
    graph.clear()
    for patch in seed_patches:
        graph.apply(patch)
    yield graph
    graph.clear()
    graph.close()


@pytest.fixture(scope="module")
def client(store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from tests.api.test_app import _Unclosable

    settings = get_settings(data_dir=tmp_path_factory.mktemp("api"), store="neo4j")
    with TestClient(create_app(settings, store=_Unclosable(store))) as c:  # type: ignore[arg-type]
        yield c


def test_read_query_with_parameters(client: TestClient) -> None:
    r = client.post("/query/cypher", json={
        "query": "MATCH (p:Program {name: $name}) RETURN p.name AS name, p.kind AS kind",
        "parameters": {"name": "燕归巢行动"}})
    assert r.status_code == 200, r.text
    assert r.json() == {"columns": ["name", "kind"], "rows": [["燕归巢行动", "行动"]],
                        "truncated": False}


def test_row_cap_and_node_values(client: TestClient) -> None:
    capped = client.post("/query/cypher", json={"query": "MATCH (n:Entity) RETURN n",
                                                "limit": 3}).json()
    assert len(capped["rows"]) == 3 and capped["truncated"] is True
    assert set(capped["rows"][0][0]) == {"id", "label", "name"}


def test_timeout_stops_a_long_query(client: TestClient) -> None:
    r = client.post("/query/cypher", json={
        "query": "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x)",
        "timeout": 0.5})
    assert r.status_code == 400, r.text
    assert "timed out" in r.text.lower() or "timeout" in r.text.lower()


def test_syntax_error_is_400_with_the_reason(client: TestClient) -> None:
    r = client.post("/query/cypher", json={"query": "MATCH (n RETURN n"})
    assert r.status_code == 400 and r.json()["code"] == "cypher_rejected"
    assert "Neo.ClientError.Statement.SyntaxError" in r.json()["detail"]


WRITES = [
    "CREATE (n:Program {name: 'x'})",
    "MATCH (n:Program) SET n.name = 'x'",
    "MERGE (n:Program {id: 'x'})",
    "MATCH (n) DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Program) REMOVE n.kind",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CALL dbms.components()",
    "CALL dbms.security.createUser('x', 'y', false)",
    "CALL apoc.cypher.runWrite('CREATE (n)', {})",
    "CALL { MATCH (n:Program) SET n.hacked = true } RETURN 1",
    "MATCH (n) WITH n LIMIT 1 CALL (n) { DETACH DELETE n } RETURN 1",
    "MATCH (n) RETURN n // harmless\nCREATE (m)",
    "MATCH (n) RETURN n /* a comment */ CREATE (m)",
    "MATCH (n) WHERE n.name = 'CREATE' CREATE (m)",
    "CREATE INDEX x FOR (n:Program) ON (n.x)",
    "DROP CONSTRAINT entity_id",
    "FOREACH (x IN [1] | CREATE (:Program))",
    "UNWIND [1] AS x CALL { CREATE (:Program) } IN TRANSACTIONS RETURN x",
]


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused_and_the_graph_is_unchanged(client: TestClient, store: GraphStore,
                                                       query: str) -> None:
    before = export_document(store)
    r = client.post("/query/cypher", json={"query": query})
    assert r.status_code == 400, r.text[:300]
    assert r.json()["code"] == "cypher_rejected"
    assert export_document(store) == before


def test_server_refuses_a_write_the_guard_might_miss(store: GraphStore) -> None:
    """The second wall: even unchecked, the read transaction cannot write."""
    from graph.neo4j_store import run_read_only

    before = store.counts()
    with pytest.raises(QueryRejectedError, match="(?i)write"):
        run_read_only(store, "CREATE (n:Program {name: 'x'}) RETURN n", {}, 10, 5.0)  # type: ignore[arg-type]
    assert store.counts() == before
