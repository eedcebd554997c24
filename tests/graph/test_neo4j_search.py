"""Search and name lookup on the Neo4j test server rank and cut on the server (a short query
can match a large share of the graph): the answers must equal ranking every node with
`graph.base.search_rank` in Python, at every limit, with and without a label — including
names that differ only in what `name_key` folds (case, width, white space), characters
outside the BMP (Cypher must count and order them by code point, as Python does), and
nodes written before the store kept `name_key` (ranked by the client)."""
from __future__ import annotations

import random
from typing import Any

import pytest

from graph.base import name_key, search_rank
from schema.ids import make_id
from schema.labels import Label
from schema.model import GraphPatch, Node

# Common CJK, a character outside the BMP, a full-width letter, an upper-case letter and a
# space: name_key folds the last three, and the order of the first two differs between
# code points and UTF-16 code units.
_CHARS = list("人才计划工程燕归巢市") + ["\U00020BB7", "\uff21", "A", "a", " "]
_QUERIES = ["人", "人才", "才计", "计划", "市", "燕归巢", "a", "A", "\uff41", "\U00020BB7",
            "\U00020BB7人", "才 计", "巢市", "没有"]


def _graph(seed: int = 7, n: int = 150) -> GraphPatch:
    rng = random.Random(seed)
    patch = GraphPatch()
    for i in range(n):
        name = "".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 6))).strip() or "人"
        aliases = {"".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 4))).strip()
                   for _ in range(rng.randint(0, 2))} - {""}
        label = rng.choice([Label.PROGRAM, Label.PLATFORM, Label.REGION])
        patch.add_node(Node(make_id(label, f"{name}#{i}"), label, name, aliases))
    return patch


def _expected(store: Any, query: str, label: Label | None) -> list[str]:
    key = name_key(query)
    ranked = sorted((r, n.id) for n in store.iter_nodes(label)
                    if (r := search_rank(key, n)) is not None)
    return [i for _, i in ranked]


def _named(store: Any, query: str, label: Label | None) -> list[str]:
    key = name_key(query)
    return sorted(n.id for n in store.iter_nodes(label)
                  if key == name_key(n.name) or key in {name_key(a) for a in n.aliases})


def _check(store: Any) -> None:
    for query in _QUERIES:
        for label in (None, Label.PROGRAM):
            every = _expected(store, query, label)
            for limit in (1, 2, 3, 20, 1000):
                got = [n.id for n in store.search(query, label, limit)]
                assert got == every[:limit], (query, label, limit)
            assert [n.id for n in store.find(label, query)] == _named(store, query, label)


def test_search_on_the_server_ranks_like_python(neo4j_store: Any) -> None:
    neo4j_store.apply(_graph())
    assert sum(bool(_expected(neo4j_store, q, None)) for q in _QUERIES) >= 10  # not vacuous
    _check(neo4j_store)


def test_nodes_without_a_stored_name_key_are_still_found_and_then_given_one(
        neo4j_store: Any) -> None:
    """A store written before `name_key` existed: search and find stay right before the
    key is added back (the client ranks those nodes), and connecting adds it."""
    from graph.neo4j_store import Neo4jGraphStore

    neo4j_store.apply(_graph(seed=11))
    with neo4j_store._driver.session(database=neo4j_store.database) as session:  # noqa: SLF001
        session.run("MATCH (n:Entity) WHERE rand() < 0.5 REMOVE n.name_key").consume()
    missing = neo4j_store._rows("nodes_without_name_key", limit=10_000)  # noqa: SLF001
    assert missing  # the legacy path is exercised
    _check(neo4j_store)

    neo4j_store._backfill_name_keys()  # noqa: SLF001 - what connect does
    assert neo4j_store._rows("nodes_without_name_key", limit=10) == []  # noqa: SLF001
    _check(neo4j_store)
    assert isinstance(neo4j_store, Neo4jGraphStore)


@pytest.mark.parametrize("limit", [0, -1])
def test_search_with_no_room_finds_nothing(neo4j_store: Any, limit: int) -> None:
    neo4j_store.apply(_graph(n=10))
    assert neo4j_store.search("人", limit=limit) == []


def test_the_async_reader_answers_as_the_store_does(neo4j_store: Any) -> None:
    """The API searches Neo4j through `async_reader` on its event loop: same nodes (names,
    aliases, evidence), same order, at every limit, with and without a label."""
    import asyncio

    neo4j_store.apply(_graph())
    cases = [(q, label, limit) for q in [*_QUERIES, "", "  "] for label in (None, Label.PROGRAM)
             for limit in (0, 1, 3, 20, 1000)]

    async def run() -> list[list[Node]]:
        reader = neo4j_store.async_reader()
        try:
            return [await reader.search(q, label, limit) for q, label, limit in cases]
        finally:
            await reader.close()

    got = asyncio.run(run())
    want = [neo4j_store.search(q, label, limit) for q, label, limit in cases]
    assert sum(map(bool, want)) > len(cases) // 2  # not vacuous
    assert [[n.id for n in nodes] for nodes in got] == [[n.id for n in nodes] for nodes in want]
    assert got == want


def test_an_unreachable_server_through_the_async_reader_is_store_unavailable() -> None:
    import asyncio
    import socket

    import neo4j

    from graph.neo4j_store import AsyncNeo4jReader
    from schema.errors import StoreUnavailableError

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed

    async def run() -> None:
        reader = AsyncNeo4jReader(neo4j.AsyncGraphDatabase.driver(
            f"bolt://127.0.0.1:{port}", auth=("neo4j", "x"), connection_timeout=2.0,
            max_transaction_retry_time=0.0))
        try:
            with pytest.raises(StoreUnavailableError, match="unreachable"):
                await reader.search("人才")
        finally:
            await reader.close()

    asyncio.run(run())


def test_only_a_store_that_connected_itself_has_an_async_reader(neo4j_store: Any) -> None:
    from graph.memory import MemoryGraphStore
    from graph.neo4j_store import Neo4jGraphStore

    assert MemoryGraphStore(None).async_reader() is None
    given = Neo4jGraphStore(neo4j_store._driver, neo4j_store.database,  # noqa: SLF001
                            own_driver=False)
    assert given.async_reader() is None  # no credentials of its own to open a second driver
