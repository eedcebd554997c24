"""The Neo4j store: the same `GraphStore` contract on a Neo4j 5 server, through the official
`neo4j` driver (its Rust extension, when installed, speeds up the wire protocol).

How the graph is laid out in Neo4j:

* Every node carries the label `Entity` (unique `id`, what writes MERGE on) and its own
  label from `schema.labels.Label`. Its properties: `id`, `label`, `name`, `aliases` (list),
  `name_key` (`graph.base.name_key` of the name: search ranks on the server with it),
  `search_text` (name and alias keys, one per line, behind a TEXT index: exact substring
  search), `alias_text` (aliases, one per line, behind the CJK full-text index),
  `properties` and `evidence` as JSON text (the exact record, for round trips), and a copy
  of each scalar property (`kind`, `region`, `unit`, ...) so analysts can filter on them.
* Every relationship has its type from `schema.labels.RelType`, `properties` and `evidence`
  as JSON text, and copies of scalar properties.

Writes: `apply` is one managed write transaction (retried by the driver on transient
errors): it reads the stored records the patch touches, merges them with the one shared
implementation (`graph.base.stage_patch`), then writes batched `UNWIND $rows … MERGE`
statements per label and per relationship type. A patch that fails leaves nothing behind.
Every statement is a named query of `cypher/`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar

import neo4j
import orjson
from neo4j import exceptions as neo4j_errors

import cypher
from graph.base import (PROVENANCE_TYPES, Direction, GraphStore, check_direction, name_key,
                        search_rank, stage_patch)
from schema.errors import (ConfigError, QueryRejectedError, StoreError,
                           StoreUnavailableError)
from schema.labels import Label, RelType
from schema.model import Edge, Evidence, GraphPatch, Node

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Rows per UNWIND statement: big enough to amortise round trips, small enough for the heap.
BATCH = 2000
#: Nodes per page when reading every node or relationship (one record per page).
PAGE = 2000
#: Node and relationship properties the store itself uses; never overwritten by copies.
RESERVED = frozenset({"id", "label", "name", "name_key", "aliases", "alias_text",
                      "search_text", "properties", "evidence", "type", "source", "target"})


def lucene_phrase(text: str) -> str:
    """`text` as one quoted Lucene phrase for the full-text index (`fulltext_search`)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _flat(properties: dict[str, Any]) -> dict[str, Any]:
    """The properties Neo4j can hold as they are (scalars and lists of one scalar type)."""
    out: dict[str, Any] = {}
    for key, value in properties.items():
        if key in RESERVED:
            continue
        if isinstance(value, (str, bool, int, float)):
            out[key] = value
        elif (isinstance(value, list) and value
              and all(isinstance(v, str) for v in value)):
            out[key] = value
    return out


def _json_text(value: Any) -> str:
    """`value` as compact JSON text (orjson: a patch's rows are mostly these strings)."""
    return orjson.dumps(value).decode()


def _node_row(node: Node) -> dict[str, Any]:
    keys = sorted({name_key(node.name), *(name_key(a) for a in node.aliases)})
    return {"id": node.id, "label": node.label.value, "name": node.name,
            "aliases": sorted(node.aliases),
            "name_key": name_key(node.name),
            "alias_text": "\n".join(sorted(node.aliases)),
            "search_text": "\n".join(keys),
            "properties": _json_text(node.properties),
            "evidence": _json_text([e.to_dict() for e in node.evidence]),
            "flat": _flat(node.properties)}


def _edge_row(edge: Edge) -> dict[str, Any]:
    return {"type": edge.type.value, "source": edge.source, "target": edge.target,
            "properties": _json_text(edge.properties),
            "evidence": _json_text([e.to_dict() for e in edge.evidence]),
            "flat": _flat(edge.properties)}


def _node(record: Any) -> Node:
    return Node(record["id"], Label(record["label"]), record["name"],
                set(record["aliases"] or []), orjson.loads(record["properties"] or "{}"),
                [Evidence.from_dict(e) for e in orjson.loads(record["evidence"] or "[]")])


def _edge(record: Any) -> Edge:
    return Edge(RelType(record["type"]), record["source"], record["target"],
                orjson.loads(record["properties"] or "{}"),
                [Evidence.from_dict(e) for e in orjson.loads(record["evidence"] or "[]")])


def _one_row(records: list[Any], name: str, column: str = "rows") -> list[Any]:
    """The list in `column` of the single record a collecting query answers with. Such queries
    return their rows as one list: the driver spends ~20 µs of Python per record, so 1,000
    records cost ~22 ms against ~2 ms for the same data as one record (measured on this
    machine's Neo4j 5)."""
    if len(records) != 1:
        raise StoreError(f"{name} answered {len(records)} records, not one")
    return records[0][column] or []


def _label_value(label: Label | None) -> str | None:
    return Label(label).value if label is not None else None


def _ranked(query: str, rows: list[Any], limit: int) -> list[Node]:
    """The nodes of `nodes_ranked`'s rows, best `limit` first. Neo4j ranks and cuts (a short
    query can match a large share of the graph); the few rows it sends are ranked again
    here, with any written before name_key was."""
    hits = []
    for node in map(_node, rows):
        rank = search_rank(query, node)
        if rank is not None:
            hits.append((rank, node))
    hits.sort(key=lambda h: h[0])
    return [node for _, node in hits[:limit]]


def _types(types: Collection[RelType] | None) -> list[str] | None:
    return None if types is None else sorted(RelType(t).value for t in types)


@contextmanager
def driver_errors(what: str) -> Iterator[None]:
    """Driver exceptions as policykg errors: unreachable → `StoreUnavailableError`,
    bad credentials → `ConfigError`, anything else the server refuses → `StoreError`."""
    try:
        yield
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired,
            ConnectionError, OSError) as e:
        reason = " ".join(str(e).split())  # the driver's reason spans lines; one line here
        raise StoreUnavailableError(f"Neo4j is unreachable ({what}): {reason}") from e
    except neo4j_errors.AuthError as e:
        raise ConfigError(f"Neo4j refused the credentials (NEO4J_USER / NEO4J_PASSWORD): "
                          f"{e.message or e}") from e
    except neo4j_errors.Neo4jError as e:
        raise StoreError(f"Neo4j error while {what}: {e.code}: {e.message}") from e
    except neo4j_errors.DriverError as e:
        raise StoreError(f"Neo4j driver error while {what}: {e}") from e


class Neo4jGraphStore(GraphStore):
    """A `GraphStore` on a Neo4j 5 database. Writes through: `save()` is a no-op.

    Give it a driver (the store closes it on `close()` if `own_driver`), or use `connect`.
    Safe for concurrent use from several threads (the driver pools connections).
    """

    kind: ClassVar[str] = "neo4j"
    # A transaction per file pays its reads, ~6 round trips and a commit every time: 200
    # synthetic files took 6.6-9.3 s one per transaction, 3.3-3.7 s eight per transaction,
    # 2.8-3.7 s at 16 and 32 (bench/corpus.py, test server on this 2-core machine).
    files_per_write: ClassVar[int] = 16

    def __init__(self, driver: neo4j.Driver, database: str = "neo4j", *,
                 own_driver: bool = True):
        self._driver = driver
        self.database = database
        self._own_driver = own_driver
        self._closed = False
        #: (uri, auth) when made by `connect`: what `async_reader` opens its driver with.
        self._async_args: tuple[str, tuple[str, str]] | None = None

    @classmethod
    def connect(cls, uri: str, user: str, password: str | None, database: str = "neo4j",
                *, init_schema: bool = True) -> "Neo4jGraphStore":
        """Connect, check the server answers, and (by default) apply `cypher/schema.cypher`.
        Raises `StoreUnavailableError` if the server cannot be reached, `ConfigError` for
        refused credentials or a malformed URI."""
        try:
            driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password or ""), connection_timeout=5.0,
                max_transaction_retry_time=5.0, connection_acquisition_timeout=10.0)
        except (ValueError, neo4j_errors.ConfigurationError) as e:
            raise ConfigError(f"bad NEO4J_URI {uri!r}: {e}") from e
        store = cls(driver, database)
        store._async_args = (uri, (user, password or ""))
        try:
            with driver_errors(f"connecting to {uri}"):
                driver.verify_connectivity()
            if init_schema:
                store.init_schema()
        except BaseException:
            driver.close()
            raise
        return store

    def __repr__(self) -> str:
        return f"Neo4jGraphStore(database={self.database!r})"

    # -- plumbing --------------------------------------------------------------------------

    def _read(self, name: str, **params: Any) -> list[neo4j.Record]:
        """Run the named query in a managed read transaction; the records."""
        if self._closed:
            raise StoreError(f"{self!r} is closed")
        with driver_errors(f"running {name}"):
            records, _, _ = self._driver.execute_query(
                cypher.query(name), params, database_=self.database,
                routing_=neo4j.RoutingControl.READ)
        return records

    def _rows(self, name: str, **params: Any) -> list[Any]:
        """The `rows` list of a named query that answers in one record (see `_one_row`)."""
        return _one_row(self._read(name, **params), name)

    def _auto(self, name: str, **params: Any) -> None:
        """Run the named query as an auto-commit statement (schema, batched deletes)."""
        if self._closed:
            raise StoreError(f"{self!r} is closed")
        with driver_errors(f"running {name}"), \
                self._driver.session(database=self.database) as session:
            for statement in cypher.statements(name):
                session.run(statement, params).consume()

    def ping(self) -> bool:
        """True if the server answers (raises `StoreUnavailableError` if not)."""
        return bool(self._read("ping")[0]["ok"])

    def init_schema(self) -> None:
        """Apply the constraints and indexes of `cypher/schema.cypher` (idempotent) and
        wait until they are online."""
        self._auto("schema")
        self._auto("await_indexes", seconds=120)
        self._backfill_name_keys()

    def _backfill_name_keys(self) -> None:
        """Give `name_key` to nodes a store from before it existed wrote (search ranks on
        it on the server; until then, it ranks such nodes here, correctly but slowly)."""
        while rows := self._rows("nodes_without_name_key", limit=BATCH):
            with driver_errors("adding name keys"):
                self._driver.execute_query(
                    cypher.query("set_name_keys"),
                    {"rows": [{"id": r["id"], "name_key": name_key(r["name"])} for r in rows]},
                    database_=self.database, routing_=neo4j.RoutingControl.WRITE)
            logger.info("added name_key to %d nodes", len(rows))

    def clear(self) -> None:
        """Delete every policykg node and relationship (keeps constraints and indexes)."""
        self._auto("clear_graph")

    # -- writing ---------------------------------------------------------------------------

    def apply(self, patch: GraphPatch) -> None:
        if self._closed:
            raise StoreError(f"{self!r} is closed")
        if not patch.nodes and not patch.edges:
            return
        ids = sorted(set(patch.nodes) | {e.source for e in patch.edges.values()}
                     | {e.target for e in patch.edges.values()})
        keys = [{"type": t, "source": s, "target": o} for t, s, o in sorted(patch.edges)]

        def work(tx: neo4j.ManagedTransaction) -> tuple[int, int]:
            stored = {r["id"]: _node(r) for r in _one_row(
                list(tx.run(cypher.query("nodes_by_ids"), ids=ids)), "nodes_by_ids")}
            stored_edges = {e.key: e for e in map(_edge, _one_row(
                list(tx.run(cypher.query("edges_by_keys"), keys=keys)), "edges_by_keys"))
                            } if keys else {}
            nodes, edges = stage_patch(patch, stored.get, lambda e: stored_edges.get(e.key))
            # Schema order, then id: a deterministic statement order.
            label_order = {label: i for i, label in enumerate(Label)}
            type_order = {rel: i for i, rel in enumerate(RelType)}
            node_rows = [_node_row(n) for n in
                         sorted(nodes, key=lambda n: (label_order[n.label], n.id))]
            edge_rows = [_edge_row(e) for e in
                         sorted(edges, key=lambda e: (type_order[e.type], e.source, e.target))]
            for rows in _batches(node_rows):
                tx.run(cypher.query("write_nodes"), rows=rows).consume()
            for rows in _batches(edge_rows):
                tx.run(cypher.query("write_edges"), rows=rows).consume()
            return len(nodes), len(edges)

        with driver_errors("writing a patch"), \
                self._driver.session(database=self.database) as session:
            n_nodes, n_edges = session.execute_write(work)
        logger.debug("applied %d nodes, %d edges", n_nodes, n_edges)

    # -- reading ---------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        found = self.get_nodes([node_id])
        return found[0] if found else None

    def get_nodes(self, node_ids: Iterable[str]) -> list[Node]:
        wanted = list(dict.fromkeys(node_ids))
        if not wanted:
            return []
        got = {r["id"]: _node(r) for r in self._rows("nodes_by_ids", ids=wanted)}
        return [got[i] for i in wanted if i in got]

    def edges(self, node_id: str, direction: Direction = "out",
              types: Collection[RelType] | None = None) -> list[Edge]:
        return self.edges_of([node_id], direction, types)

    def edges_of(self, node_ids: Collection[str], direction: Direction = "out",
                 types: Collection[RelType] | None = None) -> list[Edge]:
        direction = check_direction(direction)
        if not node_ids:
            return []
        found = {e.key: e for e in map(_edge, self._rows(
            "edges_of_nodes", ids=sorted(node_ids), direction=direction, types=_types(types)))}
        return [found[k] for k in sorted(found)]

    def adjacent(self, node_ids: Collection[str],
                 types: Collection[RelType] | None = None) -> list[Edge]:
        return self.edges_of(node_ids, "both", types)

    def _ring_ids(self, node_ids: Collection[str], types: Collection[RelType]) -> set[str]:
        # Ids only: a ring of `adjacent` would carry every edge's properties and evidence
        # over the wire and through `_edge` just to collect its ends.
        if not node_ids or not types:
            return set()
        return set(_one_row(self._read("ring_ids", ids=sorted(node_ids), types=_types(types)),
                            "ring_ids", "ids"))

    def edges_among(self, node_ids: Collection[str],
                    types: Collection[RelType] | None = None) -> list[Edge]:
        if not node_ids:
            return []
        found = {e.key: e for e in map(_edge, self._rows(
            "edges_among", ids=sorted(node_ids), types=_types(types)))}
        return [found[k] for k in sorted(found)]

    def most_connected(self, n: int,
                       exclude: Collection[RelType] = PROVENANCE_TYPES) -> list[tuple[str, int]]:
        if n < 1:
            return []
        return [(r["id"], r["degree"]) for r in self._rows(
            "most_connected", limit=n, excluded=_types(exclude) or [])]

    def find(self, label: Label | None = None, name: str | None = None) -> list[Node]:
        label_value = _label_value(label)
        if name is None:
            return list(self.iter_nodes(label))  # in id order
        key = name_key(name)
        if not key:
            return []
        hits = [n for n in map(_node, self._rows("nodes_named", key=key, label=label_value))
                if key == name_key(n.name) or key in {name_key(a) for a in n.aliases}]
        return sorted(hits, key=lambda n: n.id)

    def search(self, q: str, label: Label | None = None, limit: int = 20) -> list[Node]:
        query = name_key(q)
        if not query or limit <= 0:
            return []
        return _ranked(query, self._rows("nodes_ranked", key=query, label=_label_value(label),
                                         limit=limit), limit)

    def async_reader(self) -> "AsyncNeo4jReader | None":
        """An `AsyncNeo4jReader` on the same server and database (its own async driver), for
        a store made by `connect`; None for one given a driver (no credentials to reuse)."""
        if self._async_args is None or self._closed:
            return None
        uri, auth = self._async_args
        return AsyncNeo4jReader(neo4j.AsyncGraphDatabase.driver(
            uri, auth=auth, connection_timeout=5.0, max_transaction_retry_time=5.0,
            connection_acquisition_timeout=10.0), self.database)

    def fulltext(self, q: str, label: Label | None = None,
                 limit: int = 20) -> list[tuple[str, float]]:
        """(id, score) of the full-text index's best matches for the phrase `q`; a Neo4j
        extra for analysts (the contract's `search` is exact and backend-independent)."""
        if not q.strip() or limit <= 0:
            return []
        label_value = _label_value(label)
        return [(r["id"], r["score"]) for r in self._read(
            "fulltext_search", query=lucene_phrase(q.strip()), label=label_value, limit=limit)]

    def iter_nodes(self, label: Label | None = None) -> Iterator[Node]:
        """In id order, read page by page in one read transaction."""
        label_value = _label_value(label)

        def work(tx: neo4j.ManagedTransaction) -> list[Node]:
            out: list[Node] = []
            after = ""
            while True:
                rows = _one_row(list(tx.run(cypher.query("nodes_page"), after=after,
                                            label=label_value, limit=PAGE)), "nodes_page")
                out.extend(map(_node, rows))
                if len(rows) < PAGE:
                    return out
                after = rows[-1]["id"]

        return iter(self._in_read_transaction("reading every node", work))

    def iter_edges(self, type: RelType | None = None) -> Iterator[Edge]:
        """By source id, read page by page in one read transaction."""
        type_value = RelType(type).value if type is not None else None

        def work(tx: neo4j.ManagedTransaction) -> list[Edge]:
            out: list[Edge] = []
            after = ""
            while True:
                records = list(tx.run(cypher.query("edges_page"), after=after,
                                      type=type_value, limit=PAGE))
                if len(records) != 1:
                    raise StoreError(f"edges_page answered {len(records)} records, not one")
                for rows in records[0]["rows"] or ():
                    out.extend(map(_edge, rows))
                if records[0]["last"] is None:
                    return out
                after = records[0]["last"]

        return iter(self._in_read_transaction("reading every relationship", work))

    def _in_read_transaction(self, what: str, work: Callable[[neo4j.ManagedTransaction], T]
                             ) -> T:
        if self._closed:
            raise StoreError(f"{self!r} is closed")
        with driver_errors(what), self._driver.session(database=self.database) as session:
            return session.execute_read(work)

    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {r["key"]: r["n"] for r in self._read("count_nodes")}
        edges = {r["key"]: r["n"] for r in self._read("count_edges")}
        return {"nodes": {lab.value: nodes[lab.value] for lab in Label if nodes.get(lab.value)},
                "edges": {rel.value: edges[rel.value] for rel in RelType
                          if edges.get(rel.value)}}

    def node_count(self) -> int:
        return sum(self.counts()["nodes"].values())

    def edge_count(self) -> int:
        return sum(self.counts()["edges"].values())

    # -- lifecycle -------------------------------------------------------------------------

    def save(self) -> None:
        """Nothing to do: every `apply` is committed when it returns."""
        if self._closed:
            raise StoreError(f"{self!r} is closed")

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            if self._own_driver:
                self._driver.close()


def _batches(rows: list[T], size: int = BATCH) -> Iterator[list[T]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]



def _plain(value: Any) -> Any:
    """A value of a Cypher result as JSON-friendly data (nodes and relationships by their
    policykg identity, temporal values as ISO text)."""
    if isinstance(value, neo4j.graph.Node):
        return {"id": value.get("id"), "label": value.get("label"), "name": value.get("name")}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type,
                "source": value.start_node.get("id") if value.start_node else None,
                "target": value.end_node.get("id") if value.end_node else None}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes],
                "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None  # NaN and infinities are not JSON
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def run_read_only(store: Neo4jGraphStore, query: str, parameters: dict[str, Any],
                  limit: int, timeout: float) -> tuple[list[str], list[list[Any]], bool]:
    """An analyst's query (already checked by `api.cypher_guard`) in a READ transaction with
    a server-side timeout: (columns, at most `limit` rows, whether rows were cut off)."""
    @neo4j.unit_of_work(timeout=timeout)
    def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[list[Any]], bool]:
        result = tx.run(query, parameters)
        rows: list[list[Any]] = []
        truncated = False
        for record in result:
            if len(rows) >= limit:
                truncated = True
                break
            rows.append([_plain(v) for v in record.values()])
        columns = list(result.keys())
        result.consume()
        return columns, rows, truncated

    if store._closed:  # noqa: SLF001
        raise StoreError(f"{store!r} is closed")
    try:
        with driver_errors("running an analyst query"), \
                store._driver.session(database=store.database,  # noqa: SLF001
                                      default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(work)
    except StoreError as e:
        cause = e.__cause__
        if isinstance(cause, neo4j_errors.Neo4jError) and not isinstance(
                cause, (neo4j_errors.TransientError, neo4j_errors.DatabaseError)) or \
                isinstance(cause, neo4j_errors.ClientError):
            raise QueryRejectedError(f"Neo4j refused the query: {cause.code}: "
                                     f"{cause.message}") from cause
        raise


class AsyncNeo4jReader:
    """The API's reads on its event loop through the driver's async API (`AsyncReader`):
    the same named queries, transactions and answers as `Neo4jGraphStore`, without a
    worker thread per request. Over HTTP on this 2-core machine (`policykg serve`, Neo4j on the
    same machine) an async search route answered 0.2-0.4 ms sooner this way than a sync route
    through the blocking driver, of ~2 ms a search (A/B runs, alternating)."""

    def __init__(self, driver: neo4j.AsyncDriver, database: str = "neo4j"):
        self._driver = driver
        self.database = database

    async def _rows(self, name: str, **params: Any) -> list[Any]:
        with driver_errors(f"running {name}"):
            records, _, _ = await self._driver.execute_query(
                cypher.query(name), params, database_=self.database,
                routing_=neo4j.RoutingControl.READ)
        return _one_row(records, name)

    async def search(self, q: str, label: Label | None = None,
                     limit: int = 20) -> list[Node]:
        """`Neo4jGraphStore.search`, awaited."""
        query = name_key(q)
        if not query or limit <= 0:
            return []
        return _ranked(query, await self._rows("nodes_ranked", key=query,
                                               label=_label_value(label), limit=limit), limit)

    async def close(self) -> None:
        with driver_errors("closing the async driver"):
            await self._driver.close()
