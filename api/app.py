"""The policykg HTTP API (FastAPI): relationship questions for analysts, related programs
for apps, the explorer page for researchers. `create_app(settings)` builds it; `policykg
serve` runs it under uvicorn. Works on either store through `GraphStore`.

Error answers are all `{"code": ..., "detail": ...}`: 404 names the unknown id, 409 a name
that names several entities (with their ids), 422 the bad parameter, 400 a refused Cypher query, 401/403 a missing or wrong API key, 413 a body too
large, 501 a Neo4j-only feature on the embedded store, 503 a store that cannot be reached, read
or written (the reason goes to the log, not to the client: it names server files and URIs).
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

import orjson
import pydantic_core
from fastapi import Body, Depends, FastAPI, File, Header, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, StringConstraints
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import models as m
from api import service
from api.settings import Settings, get_settings
from graph.base import AsyncReader, GraphStore
from schema.errors import (AmbiguousReferenceError, ConfigError, IngestError, NodeNotFoundError,
                           PolicyKGError, QueryRejectedError, StoreError,
                           StoreUnavailableError, UnknownLabelError, UnknownRelTypeError)
from schema.ids import make_id
from schema.labels import Label, RelType

logger = logging.getLogger(__name__)

T = TypeVar("T")

MAX_LIMIT = 500


class ApiError(PolicyKGError):
    """An error with its HTTP status, raised by routes for answers that are not 200."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code


#: Each policykg error class → one HTTP status (the most specific class wins).
STATUS: list[tuple[type[PolicyKGError], int]] = [
    (NodeNotFoundError, 404),
    (AmbiguousReferenceError, 409),
    (UnknownLabelError, 422),
    (UnknownRelTypeError, 422),
    (IngestError, 422),
    (QueryRejectedError, 400),
    (StoreUnavailableError, 503),
    (ConfigError, 503),
    (StoreError, 503),
]


class StoreHolder:
    """Opens the store on first use and again after a failed open, so an API started while
    Neo4j is down answers 503 and recovers by itself when the server is back."""

    def __init__(self, settings: Settings, store: GraphStore | None = None):
        self.settings = settings
        self._store = store
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._reader: AsyncReader | None = None
        self._reader_asked = False

    @property
    def opened(self) -> GraphStore | None:
        """The store if it is open, else None (never opens it: no I/O, safe on the event
        loop)."""
        return self._store

    def get(self) -> GraphStore:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from graph.factory import open_store

                    self._store = open_store(self.settings)
        return self._store

    def serving(self) -> None:
        """Called by the lifespan on the server's event loop: readers may live on it."""
        self._loop = asyncio.get_running_loop()

    def reader(self) -> AsyncReader | None:
        """The open store's `AsyncReader` on the server's loop (made on first use, closed at
        shutdown), or None: no store open yet, a store without one, or a call from another
        loop than the lifespan's (an app driven without its lifespan); callers then run the
        store's blocking method in a worker thread."""
        if self._store is None or self._loop is not asyncio.get_running_loop():
            return None
        if not self._reader_asked:
            self._reader_asked = True
            self._reader = self._store.async_reader()
        return self._reader

    async def close_reader(self) -> None:
        reader, self._reader, self._loop = self._reader, None, None
        self._reader_asked = False
        if reader is not None:
            try:
                await reader.close()
            except PolicyKGError as e:
                logger.warning("closing the store's async reader: %s", e)

    @property
    def kind(self) -> str:
        return self._store.kind if self._store is not None else self.settings.store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


# -- pagination ------------------------------------------------------------------------------

def encode_cursor(offset: int) -> str:
    """Cursors are the offset of the next item, as digits (any such cursor is valid: past
    the end it gives an empty page)."""
    return str(offset)


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isascii() or not cursor.isdigit() or len(cursor) > 9:
        raise ApiError(422, "invalid_parameter",
                       f"cursor: {cursor!r} is not a cursor this API gave out")
    return int(cursor)


def page(items: list[T], limit: int, cursor: str | None) -> tuple[list[T], str | None]:
    start = decode_cursor(cursor)
    chunk = items[start:start + limit]
    more = start + limit < len(items)
    return chunk, encode_cursor(start + limit) if more else None


E = TypeVar("E", Label, RelType)


def _parse_enum(values: list[str] | None, enum: type[E], field: str, what: str) -> list[E] | None:
    """Repeated and/or comma-separated query values as members of `enum` (from the schema's
    allow-list; anything else is a 422 naming the field, never passed on to a store)."""
    if not values:
        return None
    out: list[E] = []
    for raw in values:
        for part in filter(None, (p.strip() for p in raw.split(","))):
            try:
                out.append(enum(part))
            except ValueError:
                raise ApiError(422, "invalid_parameter", f"{field}: unknown {what} {part!r}; "
                               f"expected one of {', '.join(enum)}") from None
    return out or None


def parse_labels(values: list[str] | None, field: str = "labels") -> list[Label] | None:
    return _parse_enum(values, Label, field, "label")


def parse_types(values: list[str] | None) -> list[RelType] | None:
    return _parse_enum(values, RelType, "types", "relationship type")


# -- the app ---------------------------------------------------------------------------------

EX_PROGRAM = "燕归巢行动"
EX_DOC = "鄂府发〔2022〕38号"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Cursor = Annotated[str | None, Query(pattern=r"^[0-9]{1,9}$",
                                     description="`next_cursor` of the previous page.")]
_LABEL_RE = "(?:" + "|".join(label.value for label in Label) + ")"
_TYPE_RE = "(?:" + "|".join(rel.value for rel in RelType) + ")"
LabelsQ = Annotated[list[Annotated[str, StringConstraints(
    pattern=f"^{_LABEL_RE}(?:,{_LABEL_RE})*$")]] | None, Query(
    description="Only these labels (repeat or comma-separate).", max_length=20,
    openapi_examples={"programs": {"summary": "programs and talent groups",
                                   "value": ["Program", "TalentGroup"]}})]
TypesQ = Annotated[list[Annotated[str, StringConstraints(
    pattern=f"^{_TYPE_RE}(?:,{_TYPE_RE})*$")]] | None, Query(
    description="Only these relationship types (repeat or comma-separate); default: every "
                "type except the provenance types MENTIONS and AUTHORED.", max_length=20,
    openapi_examples={"structure": {"summary": "containment and targets",
                                    "value": ["PART_OF", "TARGETS"]}})]
#: Realistic examples: ids of seed-corpus entities, computed with the schema's id rule.
EX_PROGRAM_ID = make_id(Label.PROGRAM, EX_PROGRAM)
EX_REGION_ID = make_id(Label.REGION, "内蒙古自治区/鄂尔多斯市")
EX_INDICATOR_ID = make_id(Label.INDICATOR, "内蒙古自治区/鄂尔多斯市|人才资源总量|万人")
IndicatorId = Annotated[str, Path(min_length=1, max_length=300, description="An indicator id.",
                                  openapi_examples={"indicator": {
                                      "summary": "人才资源总量 of 鄂尔多斯市",
                                      "value": EX_INDICATOR_ID}})]
EX_CYPHER = {"query": "MATCH (p:Program)-[:PART_OF]->(:Program {name: $name}) "
                      "RETURN p.name AS program ORDER BY program",
             "parameters": {"name": "青年人才引育工程"}, "limit": 100}


def _example(value: Any) -> dict[int | str, dict[str, Any]]:
    """`responses=` entry: a realistic 200 answer shown in the OpenAPI document."""
    return {200: {"content": {"application/json": {"example": value}}}}
EntityId = Annotated[str, Path(min_length=1, max_length=300, description="A node id.",
                               openapi_examples={"program": {"summary": "燕归巢行动",
                                                             "value": EX_PROGRAM_ID}})]
ProgramRef = Annotated[str, Path(min_length=1, max_length=300,
                                 description="A program id or exact name.",
                                 openapi_examples={"id": {"summary": "燕归巢行动 by id",
                                                          "value": EX_PROGRAM_ID},
                                                   "name": {"value": EX_PROGRAM}})]
RegionRef = Annotated[str, Path(min_length=1, max_length=300,
                                description="A region id or exact name.",
                                openapi_examples={"id": {"summary": "鄂尔多斯市 by id",
                                                         "value": EX_REGION_ID},
                                                  "name": {"value": "鄂尔多斯市"}})]


class BodyTooLarge(StarletteHTTPException):
    """Raised from inside the body stream, so that FastAPI's body parsing passes it on."""


class BodyLimit:
    """ASGI middleware: 413 for a request body over `cap` bytes — by its Content-Length
    before reading anything, and by counting what is actually received, so a chunked body
    without Content-Length, or one longer than its Content-Length says, is cut off too."""

    def __init__(self, app: Any, cap: int, limit: int):
        self.app, self.cap, self.limit = app, cap, limit

    async def __call__(self, scope: Any, receive: Callable[..., Any],
                       send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        detail = f"request body over {self.limit} bytes"
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.cap):
            await JSONResponse({"code": "too_large", "detail": detail},
                               status_code=413)(scope, receive, send)
            return
        received = 0

        async def counted() -> Any:
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                if received > self.cap:
                    raise BodyTooLarge(413, detail)
            return message

        await self.app(scope, counted, send)


class WriteKeyFirst:
    """ASGI middleware: the API key of a write endpoint is checked before its body is read
    (FastAPI parses a multipart body before any dependency runs), so a client without the
    key cannot make the server parse an upload; the route checks it again."""

    def __init__(self, app: Any, settings: Settings, writes: frozenset[tuple[str, str]]):
        self.app, self.settings, self.writes = app, settings, writes

    async def __call__(self, scope: Any, receive: Callable[..., Any],
                       send: Callable[..., Any]) -> None:
        if scope["type"] == "http" and (scope["method"], scope["path"]) in self.writes:
            given = dict(scope.get("headers") or []).get(b"x-api-key")
            try:
                require_key(self.settings, given.decode("latin-1") if given is not None
                            else None)
            except ApiError as exc:
                await JSONResponse({"code": exc.code, "detail": str(exc)},
                                   status_code=exc.status)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """ASGI middleware: `HEAD` on a GET endpoint answers what `GET` would, status and headers
    (Content-Length included), without the body (RFC 9110, 9.3.2). FastAPI's routes list GET
    only, so uptime monitors and `curl -I` got 405. The OpenAPI document stays GET only."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Callable[..., Any],
                       send: Callable[..., Any]) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Any) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


async def get_store(request: Request) -> GraphStore:
    """The app's store (opened on first use; 503 while it cannot be).

    Async on purpose: FastAPI runs a sync dependency in a worker thread, a thread hop per
    request that cost as much as a fast store query. Once the store is open this answers on
    the event loop; only opening it (a blocking connect) goes to a worker thread."""
    holder: StoreHolder = request.app.state.holder
    store = holder.opened
    if store is not None:
        return store
    return await run_in_threadpool(holder.get)


async def one_file(request: Request) -> None:
    """422 for a body with several `file` parts: the upload ingests one file, and FastAPI
    would hand it the last and drop the others without a word. (The form is already parsed
    and cached on the request by the time dependencies run.)"""
    files = (await request.form()).getlist("file")
    if len(files) > 1:
        names = ", ".join(getattr(f, "filename", None) or "(no name)" for f in files)
        raise RequestValidationError([{
            "loc": ("body", "file"), "type": "value_error",
            "msg": f"one file per request, got {len(files)} ({names}): send them one by one"}])


def _json(model: BaseModel) -> Response:
    """`model` as a JSON response, from the model's own serializer.

    Routes return this rather than the model: for a returned model FastAPI validates it again
    against `response_model` (in a worker thread for a sync route: one more thread hop per
    request) before serialising it. Every answer here is a response model built, and so
    validated, by the route; the bytes are the same as FastAPI's (pydantic's `dump_json`, by
    alias), and `response_model=` on the route still declares the schema in OpenAPI."""
    return Response(model.__pydantic_serializer__.to_json(model, by_alias=True),
                    media_type="application/json")


def _json_rows(data: dict[str, Any]) -> Response:
    """Plain data (from the models' `row` builders) as a JSON response, for the big answers:
    a neighbourhood or a set of paths is hundreds of nodes and edges, each with its evidence
    sentences, and building a response model per item cost 5x the time of building the
    data and serialising it with orjson (3.7 ms against 0.8 ms for a 226 KB subgraph). The
    bytes are the same as `_json` gives for the model; tests check that the rows validate
    against the route's `response_model` and equal what the models' `of` builds."""
    try:
        body = orjson.dumps(data)
    except orjson.JSONEncodeError:  # an integer over 64 bits: pydantic's encoder, same bytes
        body = pydantic_core.to_json(data)
    return Response(body, media_type="application/json")


StoreDep = Annotated[GraphStore, Depends(get_store)]


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The API on `settings` (default: from the environment). A `store` given here is used
    as it is (and closed at shutdown); otherwise the store is opened on first use."""
    settings = settings or get_settings()
    holder = StoreHolder(settings, store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            holder.get()  # open early, but a store that is down only makes requests 503
        except PolicyKGError as e:
            logger.warning("store not available at start-up: %s", e)
        holder.serving()
        try:
            yield
        finally:
            await holder.close_reader()
            holder.close()

    app = FastAPI(
        title="policykg",
        version="0.1.0",
        summary="Knowledge graph of Chinese talent-policy documents.",
        description="Who runs which programs, builds which platforms, issues and cites which "
                    "policy documents, and the indicators they set — every fact with the "
                    "sentences it was read from. Lists are paginated with `limit` and "
                    "`cursor`; errors are `{code, detail}`.",
        lifespan=lifespan,
        responses={422: {"model": m.ErrorOut, "description": "A parameter is invalid."},
                   503: {"model": m.ErrorOut, "description": "The store is unreachable."}},
    )
    app.state.holder = holder
    app.state.settings = settings
    app.add_middleware(BodyLimit, cap=settings.max_upload_bytes + 64 * 1024,  # + multipart
                       limit=settings.max_upload_bytes)
    app.add_middleware(WriteKeyFirst, settings=settings,
                       writes=frozenset({("POST", "/documents")}))
    app.add_middleware(HeadAsGet)
    if settings.cors_origins:  # added last, so outermost: every answer gets its headers
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST"], allow_headers=["*"])

    _install_error_handlers(app)

    # -- service ---------------------------------------------------------------------------

    @app.get("/health", response_model=m.Health, tags=["service"],
             summary="Liveness and store reachability",
             description="`ok` when the store answers; 503 with the reason when it does not.",
             responses=_example({"status": "ok", "store": "memory"}))
    def health(store: StoreDep) -> Response:
        ping = getattr(store, "ping", None)
        if ping is not None:
            ping()
        return _json(m.Health(status="ok", store=store.kind))

    @app.get("/stats", response_model=m.Stats, tags=["service"],
             summary="Counts per label and relationship type",
             description="Which store answers, and how many nodes of each label and edges of "
                         "each type it holds (non-zero counts only).",
             responses=_example({"store": "memory",
                                 "nodes": {"Program": 128, "Region": 41, "PolicyDocument": 23},
                                 "edges": {"RUNS": 97, "PART_OF": 140, "CITES": 12}}))
    def stats(store: StoreDep) -> Response:
        counts = store.counts()
        return _json(m.Stats(store=store.kind, nodes=counts["nodes"], edges=counts["edges"]))

    # -- entities --------------------------------------------------------------------------

    @app.get("/search", response_model=m.Page[m.NodeOut], tags=["entities"],
             summary="Find entities by name or alias",
             description="Substring search over names and aliases, Simplified or Traditional "
                         "input (normalised like documents: `燕歸巢` finds 燕归巢行动). A name "
                         "pasted with its quotation or title marks (`“燕归巢”行动`, `《…规划》`) "
                         "is looked up without them first, then as typed. Ranked: exact name, "
                         "exact alias, name prefix, substring; shorter names first.")
    async def search(
            store: StoreDep,
            q: Annotated[str, Query(min_length=1, max_length=200, description="Query text.",
                                    openapi_examples={"program": {"value": "燕归巢"}})],
            label: Annotated[str | None, Query(description="Only this label.",
                                               pattern=f"^{_LABEL_RE}$",
                                               openapi_examples={"program": {
                                                   "value": "Program"}})] = None,
            limit: Limit = 20, cursor: Cursor = None) -> Response:
        wanted = parse_labels([label] if label else None, "label")
        start = decode_cursor(cursor)
        one = wanted[0] if wanted else None
        # Async: on Neo4j the store's async reader answers on the event loop, without the
        # worker thread a sync route takes (over HTTP, 0.2-0.4 ms of a ~2 ms search).
        reader = holder.reader()
        if reader is not None:
            hits = await service.asearch(reader, q, one, limit=start + limit + 1)
        else:
            hits = await run_in_threadpool(service.search, store, q, one, start + limit + 1)
        items, nxt = page(hits, limit, cursor)
        # Rows, not models: search is the API's most frequent call and among its quickest
        # (a page of 20 as models cost ~75 us against ~20 us as rows, for a ~2 ms query).
        return _json_rows({"items": [m.NodeOut.row(n) for n in items], "next_cursor": nxt})

    @app.get("/entities/{entity_id}", response_model=m.EntityOut, tags=["entities"],
             summary="One entity with its evidence",
             description="Properties, aliases and the sentences (source, span) that support "
                         "the node.", responses={404: {"model": m.ErrorOut}})
    def entity(store: StoreDep, entity_id: EntityId) -> Response:
        node = service.node_or_404(store, entity_id)
        return _json(m.EntityOut.full(node, service.degree(store, node.id)))

    @app.get("/entities/{entity_id}/neighbors", response_model=m.Subgraph, tags=["entities"],
             summary="The neighbourhood of an entity",
             description="Nodes within `depth` hops (both directions) and the edges between "
                         "them, each edge with its evidence. `limit` caps the nodes (nearest "
                         "first); `truncated` tells whether it cut. Following `next_cursor` "
                         "gives the next nodes (and the focus again) with the edges from them "
                         "to nodes of this or earlier pages: the pages together are the "
                         "whole subgraph.",
             responses={404: {"model": m.ErrorOut}})
    def neighbors(store: StoreDep, entity_id: EntityId,
                  depth: Annotated[int, Query(ge=0, le=3, description="Hops.")] = 1,
                  types: TypesQ = None, labels: LabelsQ = None,
                  limit: Annotated[int, Query(ge=1, le=1000, description="Node cap.")] = 300,
                  cursor: Cursor = None) -> Response:
        start = decode_cursor(cursor)
        nodes, edges = store.neighbors(entity_id, depth, parse_types(types),
                                       parse_labels(labels), limit=start + limit + 1)
        truncated = len(nodes) > start + limit
        nodes = nodes[: start + limit]
        shown = nodes[start:] if start == 0 else [nodes[0], *nodes[start:]]
        # A page's edges: those from its new nodes to any node of this or an earlier page,
        # so the pages together give every edge of the subgraph, each once.
        known = {n.id for n in nodes}
        new = {n.id for n in nodes[start:]}
        edges = [e for e in edges if e.source in known and e.target in known
                 and (e.source in new or e.target in new)]
        return _json_rows({"focus": entity_id,
                           "nodes": [m.SubgraphNodeOut.row(n) for n in shown],
                           "edges": [m.EdgeOut.row(e) for e in edges], "truncated": truncated,
                           "next_cursor": encode_cursor(start + limit) if truncated else None})

    @app.get("/paths", response_model=m.Paths, tags=["entities"],
             summary="Shortest relationship paths between two entities",
             description="Every shortest path (relationships walked in either direction, "
                         "provenance excluded) of at most `max_depth` edges. `from`/`to` take "
                         "an id or an exact name (e.g. 鄂托克前旗 → 十百千万人才计划).",
             responses={404: {"model": m.ErrorOut}, 409: {"model": m.ErrorOut}})
    def paths(store: StoreDep,
              source: Annotated[str, Query(alias="from", min_length=1, max_length=300,
                                           openapi_examples={"region": {"value": "鄂托克前旗"}})],
              target: Annotated[str, Query(alias="to", min_length=1, max_length=300,
                                           openapi_examples={"program": {
                                               "value": "十百千万人才计划"}})],
              max_depth: Annotated[int, Query(ge=1, le=6)] = 4,
              types: TypesQ = None, limit: Limit = 10, cursor: Cursor = None) -> Response:
        a = service.resolve_ref(store, source)
        b = service.resolve_ref(store, target)
        start = decode_cursor(cursor)
        found = store.paths(a.id, b.id, max_depth, parse_types(types), limit=start + limit + 1)
        items, nxt = page(found, limit, cursor)
        return _json_rows({"source": a.id, "target": b.id,
                           "length": len(found[0][1]) if found else None,
                           "items": [{"nodes": [m.NodeOut.row(n) for n in ns],
                                      "edges": [m.EdgeOut.row(e) for e in es]}
                                     for ns, es in items], "next_cursor": nxt})

    # -- programs, documents, regions, indicators --------------------------------------------

    @app.get("/programs/{program_id}/related", response_model=m.Page[m.RelatedProgram],
             tags=["programs"], summary="Related programs, with the reasons",
             description="Programs related to this one, ranked by score; each with its reasons "
                         "as data (`part_of`, `same_parent`, `same_document`, "
                         "`shared_talent_group`, `same_runner`, `similar_name`, `co_mention`, "
                         "`shared_platform_kind`, `same_kind`) so an app can show why. Accepts an id or an "
                         "exact program name (e.g. 燕归巢行动).",
             responses={404: {"model": m.ErrorOut}, 409: {"model": m.ErrorOut}})
    def related(store: StoreDep, program_id: ProgramRef, limit: Limit = 20,
                cursor: Cursor = None) -> Response:
        program = service.resolve_ref(store, program_id, Label.PROGRAM)
        ranked = service.related_programs(store, program.id)
        items, nxt = page(ranked, limit, cursor)
        return _json(m.Page[m.RelatedProgram](items=[m.RelatedProgram(
            program=m.NodeOut.of(r.node), score=r.score,
            reasons=[m.Reason(kind=k, detail=d, via=v, weight=service.WEIGHTS[k])
                     for k, d, v in r.reasons]) for r in items], next_cursor=nxt))

    @app.get("/documents/{ref}", response_model=m.DocumentOut, tags=["documents"],
             summary="A policy document by number, title or id",
             description="`鄂府发〔2022〕38号` (also `[2022]`, `（2022）`, `(2022)` spellings), "
                         "an exact title, or an id: issuer, date, what it cites, what cites "
                         "it, the programs it establishes and the indicators it sets. Each "
                         "list shows a window of `limit` items (`totals` gives the full "
                         "lengths); `next_cursor` moves every list to its next window.",
             responses={404: {"model": m.ErrorOut}})
    def document(store: StoreDep, ref: Annotated[str, Path(
            min_length=1, max_length=300, openapi_examples={"number": {"value": EX_DOC}})],
                 limit: Limit = 100, cursor: Cursor = None) -> Response:
        doc = service.find_document(store, ref)
        links = service.document_links(store, doc)
        start = decode_cursor(cursor)
        nodes = {k: [m.NodeOut.of(n) for n in v[start:start + limit]] for k, v in links.items()}
        more = any(len(v) > start + limit for v in links.values())
        return _json(m.DocumentOut(
            document=m.EntityOut.full(doc, service.degree(store, doc.id)),
            doc_number=doc.properties.get("doc_number"),
            date=_text(doc.properties.get("date")), **nodes,
            totals={k: len(v) for k, v in links.items()},
            next_cursor=encode_cursor(start + limit) if more else None))

    @app.get("/regions/{region_id}/programs", response_model=m.RegionProgramsOut,
             tags=["regions"], summary="Programs and platforms of a region",
             description="Programs run and platforms built by the region or its government "
                         "units; with `include_subregions` (default) also those of every "
                         "region inside it (鄂尔多斯市 includes 鄂托克前旗). Accepts an id or "
                         "an exact region name. The two lists share one `cursor` (an offset): "
                         "follow `programs.next_cursor` or `platforms.next_cursor` for the next "
                         "page of that list; the other list answers its page at the same "
                         "offset (empty past its end).",
             responses={404: {"model": m.ErrorOut}, 409: {"model": m.ErrorOut}})
    def region_programs(store: StoreDep, region_id: RegionRef,
                        include_subregions: bool = True, limit: Limit = 100,
                        cursor: Cursor = None) -> Response:
        region = service.resolve_ref(store, region_id, Label.REGION)
        if region.label is not Label.REGION:
            raise NodeNotFoundError(region_id)
        regions = service.subregions(store, region, include_subregions)
        programs, platforms = service.region_programs(store, regions)
        p_items, p_next = page(programs, limit, cursor)
        f_items, f_next = page(platforms, limit, cursor)
        return _json(m.RegionProgramsOut(
            region=m.NodeOut.of(region), regions=[m.NodeOut.of(r) for r in regions],
            programs=m.Page[m.NodeOut](items=[m.NodeOut.of(n) for n in p_items],
                                       next_cursor=p_next),
            platforms=m.Page[m.NodeOut](items=[m.NodeOut.of(n) for n in f_items],
                                        next_cursor=f_next)))

    @app.get("/indicators", response_model=m.Page[m.IndicatorOut], tags=["indicators"],
             summary="Indicators, filtered by region and name",
             description="Indicators with their observations as a time series "
                         "(baseline / target / actual by year). `region`: a region's id, "
                         "name or alias keeps the indicators of that region and of its "
                         "subregions (内蒙古 includes 鄂尔多斯市); other text keeps those whose "
                         "region name contains it. `name` keeps those whose name or alias "
                         "equals it, or, if none does, contains it.")
    def indicators(store: StoreDep,
                   region: Annotated[str | None, Query(max_length=100, openapi_examples={
                       "city": {"value": "鄂尔多斯市"}})] = None,
                   name: Annotated[str | None, Query(max_length=100, openapi_examples={
                       "total": {"value": "人才资源总量"}})] = None,
                   limit: Limit = 50, cursor: Cursor = None) -> Response:
        from ingest.normalise import normalise_query, query_forms

        nodes = sorted(store.iter_nodes(Label.INDICATOR), key=lambda n: (n.name, n.id))
        if region:
            within = service.region_names(store, region)
            want = normalise_query(region)
            nodes = [n for n in nodes if n.properties.get("region") in within] \
                if within is not None else \
                [n for n in nodes if want and want in str(n.properties.get("region", ""))]
        if name:
            forms = query_forms(name)
            exact = [n for n in nodes if any(w == n.name or w in n.aliases for w in forms)]
            nodes = exact or [n for n in nodes if any(w in n.name or any(w in a for a in n.aliases)
                                                      for w in forms)]
        items, nxt = page(nodes, limit, cursor)
        return _json(m.Page[m.IndicatorOut](items=[_indicator(store, n) for n in items],
                                            next_cursor=nxt))

    @app.get("/indicators/{indicator_id}", response_model=m.IndicatorOut, tags=["indicators"],
             summary="One indicator as a time series",
             description="The indicator's observations sorted by year (baseline, actual, "
                         "target), its unit and region, the documents that set it and the "
                         "talent groups it measures.", responses={404: {"model": m.ErrorOut}})
    def indicator(store: StoreDep, indicator_id: IndicatorId) -> Response:
        node = service.node_or_404(store, indicator_id)
        if node.label is not Label.INDICATOR:
            raise NodeNotFoundError(indicator_id)
        return _json(_indicator(store, node))

    # -- analyst Cypher and ingest ---------------------------------------------------------

    @app.post("/query/cypher", response_model=m.CypherResponse, tags=["analysts"],
              summary="Read-only Cypher (Neo4j store only)",
              description="Runs a read-only query in a read transaction with a timeout and a "
                          "row cap. Write clauses, LOAD CSV, admin commands and procedures "
                          "other than a read-only allow-list answer 400 with the reason; on "
                          "the embedded store the endpoint answers 501.",
              responses={400: {"model": m.ErrorOut}, 501: {"model": m.ErrorOut}})
    def cypher_query(store: StoreDep, body: Annotated[m.CypherRequest, Body(openapi_examples={
            "subprograms": {"summary": "programs under 青年人才引育工程", "value": EX_CYPHER}})]
                     ) -> m.CypherResponse:
        from api.cypher_guard import check_read_only

        if store.kind != "neo4j":
            raise ApiError(501, "not_implemented", "Cypher queries need the Neo4j store "
                           "(POLICYKG_STORE=neo4j); this API runs on the embedded store")
        check_read_only(body.query)
        from graph.neo4j_store import run_read_only

        columns, rows, truncated = run_read_only(store, body.query,  # type: ignore[arg-type]
                                                 body.parameters, body.limit, body.timeout)
        return m.CypherResponse(columns=columns, rows=rows, truncated=truncated)

    @app.post("/documents", response_model=m.IngestResponse, tags=["documents"],
              summary="Ingest an uploaded document (API key required)",
              description="Upload one text file (one multipart field `file`, at most "
                          "POLICYKG_MAX_UPLOAD_BYTES). Needs the `X-API-Key` header equal to "
                          "POLICYKG_API_KEY; with no key configured, writing is switched off "
                          "(403).",
              responses={**_example({"file": "杭锦旗人才工作简报.txt", "sources": 1, "nodes": 31,
                                     "relations": 16, "warnings": [],
                                     "added": {"nodes": {"Program": 1, "Source": 1},
                                               "edges": {"MENTIONS": 9, "RUNS": 1}},
                                     "counts": {"store": "memory", "nodes": {"Program": 129},
                                                "edges": {"RUNS": 98}}}),
                         400: {"model": m.ErrorOut, "description": "Malformed multipart body."},
                         401: {"model": m.ErrorOut}, 403: {"model": m.ErrorOut},
                         413: {"model": m.ErrorOut}},
              dependencies=[Depends(one_file)])
    def upload(store: StoreDep, file: Annotated[UploadFile, File(description="A text file.")],
               x_api_key: Annotated[str | None, Header(max_length=500)] = None
               ) -> m.IngestResponse:
        require_key(settings, x_api_key)
        data = file.file.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise ApiError(413, "too_large", f"{file.filename}: over "
                           f"{settings.max_upload_bytes} bytes")
        from pathlib import Path as FilePath

        from ingest.pipeline import Pipeline
        from ingest.types import RawFile

        name = (file.filename or "upload.txt").replace("/", "_").replace("\\", "_")[:200]
        with holder.write_lock:
            pipeline = getattr(app.state, "pipeline", None)
            if pipeline is None:  # loaded on the first upload: spaCy, jiojio, the gazetteer
                pipeline = app.state.pipeline = Pipeline()
            patch, report = pipeline.run(RawFile.from_bytes(FilePath(name), data))
            before = store.counts()
            store.apply_and_save(patch)
            counts = store.counts()
        return m.IngestResponse(file=name, sources=report.sources, nodes=report.nodes,
                                relations=report.relations, warnings=report.warnings,
                                added=m.Added(nodes=_growth(before["nodes"], counts["nodes"]),
                                              edges=_growth(before["edges"], counts["edges"])),
                                counts=m.Stats(store=store.kind, nodes=counts["nodes"],
                                               edges=counts["edges"]))

    # -- explorer --------------------------------------------------------------------------

    @app.get("/explore", response_class=HTMLResponse, tags=["explorer"],
             summary="The visual explorer",
             description="An interactive page: search, focus on an entity, expand, filter. "
                         "`focus` takes an id or a name.",
             responses={404: {"description": "No entity matches `focus`.", "content": {
                 "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}},
                 422: {"description": "A parameter is invalid.", "content": {
                     "application/json": {"schema": {
                         "$ref": "#/components/schemas/ErrorOut"}}}},
                 503: {"description": "The store is unreachable.", "content": {
                     "application/json": {"schema": {
                         "$ref": "#/components/schemas/ErrorOut"}}}}})
    def explore(store: StoreDep,
                focus: Annotated[str | None, Query(max_length=300, openapi_examples={
                    "program": {"value": "燕归巢"}})] = None,
                depth: Annotated[int, Query(ge=0, le=3)] = 2,
                labels: LabelsQ = None, types: TypesQ = None,
                limit: Annotated[int, Query(ge=1, le=2000)] = 300) -> HTMLResponse:
        from visualize.explorer import explore_page

        html = explore_page(store, focus=focus, depth=depth, labels=parse_labels(labels),
                            types=parse_types(types), max_nodes=limit, api_base="")
        return HTMLResponse(html)

    return app


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _indicator(store: GraphStore, node: Any) -> m.IndicatorOut:
    documents, measures = [], []
    for e in store.edges(node.id, "both", [RelType.HAS_INDICATOR, RelType.MEASURES]):
        if e.type is RelType.HAS_INDICATOR:
            documents.append(e.source)
        else:
            measures.append(e.target)
    return m.IndicatorOut(
        indicator=m.NodeOut.of(node), unit=_text(node.properties.get("unit")),
        region=_text(node.properties.get("region")),
        series=[m.Observation(year=v["year"], kind=v["kind"],
                              value=v.get("value") if isinstance(v.get("value"), (int, float))
                              else None) for v in service.series(node)],
        documents=[m.NodeOut.of(n) for n in store.get_nodes(sorted(documents))],
        measures=[m.NodeOut.of(n) for n in store.get_nodes(sorted(measures))])


def _growth(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """What a write added, per label or type (only the ones that grew)."""
    return {k: n - before.get(k, 0) for k, n in sorted(after.items()) if n > before.get(k, 0)}


def require_key(settings: Settings, given: str | None) -> None:
    """Write endpoints: off without a configured key; the key compared in constant time."""
    if not settings.api_key:
        raise ApiError(403, "writes_disabled", "write endpoints are switched off: set "
                       "POLICYKG_API_KEY on the server to enable them")
    if given is None or not hmac.compare_digest(given.encode("utf-8", "surrogatepass"),
                                                settings.api_key.encode("utf-8")):
        raise ApiError(401, "unauthorized", "missing or wrong X-API-Key header")


def _status(error: PolicyKGError) -> int:
    if isinstance(error, ApiError):
        return error.status
    for cls, status in STATUS:
        if isinstance(error, cls):
            return status
    return 400


#: What a client is told of a server-side failure: the reason stays in the server's log, since
#: it names the server's files, URIs and configuration.
SERVER_SIDE_DETAIL: list[tuple[type[PolicyKGError], str]] = [
    (StoreUnavailableError, "The graph store cannot be reached; retry later (the server's "
                            "log has the reason)."),
    (ConfigError, "The server's store is not configured correctly (the server's log has the "
                  "reason)."),
    (StoreError, "The graph store could not be read or written; nothing was changed (the "
                 "server's log has the reason)."),
]


def _public_detail(error: PolicyKGError) -> str:
    for cls, detail in SERVER_SIDE_DETAIL:
        if isinstance(error, cls):
            return detail
    return error.message  # about the request (or, for a 501, what this server offers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PolicyKGError)
    async def policykg_error(request: Request, exc: PolicyKGError) -> JSONResponse:
        status = _status(exc)
        if status >= 500:
            logger.warning("%s %s: %s", request.method, request.url.path, exc)
        headers = {"Retry-After": "5"} if status == 503 else None
        return JSONResponse({"code": exc.code, "detail": _public_detail(exc)},
                            status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"field": ".".join(str(p) for p in e.get("loc", ())),
                     "message": e.get("msg", "")} for e in exc.errors()]
        return JSONResponse({"code": "invalid_parameter", "detail": problems}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = "too_large" if isinstance(exc, BodyTooLarge) else "http_error"
        return JSONResponse({"code": code, "detail": exc.detail},
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def server_fault(request: Request, exc: Exception) -> JSONResponse:
        # A fault of the server's own, never of the request (those are 4xx above): said as
        # such, in the same {code, detail} shape, with the traceback in the log.
        logger.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return JSONResponse({"code": "internal_error",
                             "detail": "The server failed to answer (its log has the reason)."},
                            status_code=500)
