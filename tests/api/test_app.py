"""The HTTP API on the seed corpus, on both stores, with exact expected answers.

The app is exercised in-process (FastAPI's TestClient runs the real ASGI app with its
lifespan); tests/api/test_live.py drives a real uvicorn server.
"""
from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from api.app import create_app, decode_cursor, encode_cursor
from api.settings import get_settings
from graph.base import GraphStore
from graph.memory import MemoryGraphStore
from schema.labels import Label, RelType
from schema.model import GraphPatch

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["memory", "neo4j"])
def store(request: pytest.FixtureRequest, seed_patches: list[GraphPatch]) -> Iterator[GraphStore]:
    if request.param == "memory":
        graph: Any = MemoryGraphStore(None)
    else:
        from tests.conftest import connect_test_store

        graph = connect_test_store(request.getfixturevalue("neo4j_server"))
        graph.clear()
    for patch in seed_patches:
        graph.apply(patch)
    yield graph
    if request.param == "neo4j":
        graph.clear()
    graph.close()


@pytest.fixture(scope="module")
def client(store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = get_settings(data_dir=tmp_path_factory.mktemp("api"), store=store.kind)
    app = create_app(settings, store=_Unclosable(store))
    with TestClient(app) as c:
        yield c


class _Unclosable:
    """The module's store, shared by the app without letting the app close it."""

    def __init__(self, store: GraphStore):
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def close(self) -> None:
        pass


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


def names(items: list[dict]) -> list[str]:
    return [i["name"] for i in items]


# -- service --------------------------------------------------------------------------------

def test_health_and_stats(client: TestClient, store: GraphStore) -> None:
    assert get(client, "/health") == {"status": "ok", "store": store.kind}
    stats = get(client, "/stats")
    assert stats["store"] == store.kind
    assert stats["nodes"] == store.counts()["nodes"] and stats["nodes"]["Source"] == 9
    assert stats["edges"]["CITES"] >= 2


# -- search and entities ------------------------------------------------------------------

@pytest.mark.parametrize("q", ["燕归巢", "燕歸巢", "燕归巢行动", "燕歸(guī)巢", "\u200f燕归巢"])
def test_search_simplified_or_traditional(client: TestClient, q: str) -> None:
    hits = get(client, "/search", q=q)["items"]
    assert hits[0]["name"] == "燕归巢行动" and hits[0]["label"] == "Program"


@pytest.mark.parametrize(("q", "label", "name"), [
    ("“燕归巢”行动", "Program", "燕归巢行动"),  # pasted with its quotation marks
    ("“十百千万”人才计划", "Program", "十百千万人才计划"),
    ("「燕歸巢」行動", "Program", "燕归巢行动"),
    ("《鄂尔多斯市“十四五”人才发展规划》", "PolicyDocument", "鄂尔多斯市十四五人才发展规划"),
    # a source's title keeps its quotes, and is found quoted as it is written
    ("落实“三有”", "Source", "乌海市落实“三有”夯实“一化” 全面提升社区建设科学化水平"),
])
def test_search_a_name_as_pasted_with_its_quotes(client: TestClient, q: str, label: str,
                                                  name: str) -> None:
    hits = get(client, "/search", q=q)["items"]
    assert (hits[0]["label"], hits[0]["name"]) == (label, name)
    assert len({h["id"] for h in hits}) == len(hits)


def test_names_with_quotes_resolve_everywhere(client: TestClient) -> None:
    doc = get(client, "/documents/《鄂尔多斯市“十四五”人才发展规划》")
    assert doc["doc_number"] == "鄂府发〔2022〕38号"
    assert get(client, "/regions/“鄂尔多斯市”/programs")["region"]["name"] == "鄂尔多斯市"
    quoted = get(client, "/indicators", name="“人才资源总量”")["items"]
    assert quoted and quoted == get(client, "/indicators", name="人才资源总量")["items"]
    assert {i["indicator"]["name"] for i in quoted} == {"人才资源总量"}
    assert get(client, "/search", q="“”", status=200)["items"] == []


def test_search_label_filter_and_pagination(client: TestClient) -> None:
    first = get(client, "/search", q="人才", label="TalentGroup", limit=5)
    assert len(first["items"]) == 5 and {i["label"] for i in first["items"]} == {"TalentGroup"}
    second = get(client, "/search", q="人才", label="TalentGroup", limit=5,
                 cursor=first["next_cursor"])
    assert second["items"] and not set(names(first["items"])) & set(names(second["items"]))
    everything = get(client, "/search", q="人才", label="TalentGroup", limit=10)["items"]
    assert names(everything) == names(first["items"]) + names(second["items"])[:5]


def test_search_on_the_event_loop_answers_as_in_a_worker_thread(client: TestClient,
                                                                 store: GraphStore) -> None:
    """Under its lifespan the app searches Neo4j through the store's async reader, on the
    event loop; driven without it (a new loop per request) it runs the blocking search in a
    worker thread. Same bytes either way, for every kind of query."""
    holder = client.app.state.holder  # type: ignore[attr-defined]
    without_lifespan = TestClient(client.app)
    for params in [{"q": "人才"}, {"q": "燕歸巢"}, {"q": "“燕归巢”行动"}, {"q": "落实“三有”"},
                   {"q": "人才", "label": "TalentGroup", "limit": 3, "cursor": "3"},
                   {"q": "没有这个名字"}, {"q": "“”"}]:
        on_loop = client.get("/search", params=params)
        threaded = without_lifespan.get("/search", params=params)
        assert on_loop.status_code == threaded.status_code == 200, (params, on_loop.text)
        assert on_loop.content == threaded.content, params
    assert (holder._reader is not None) == (store.kind == "neo4j")  # noqa: SLF001


def test_entity_has_evidence_sentences(client: TestClient) -> None:
    hit = get(client, "/search", q="燕归巢")["items"][0]
    entity = get(client, f"/entities/{hit['id']}")
    assert entity["name"] == "燕归巢行动" and "燕归巢" in entity["aliases"]
    assert entity["evidence"] and all("燕归巢" in e["sentence"] for e in entity["evidence"])
    assert all(e["source"].startswith("source:") and e["end"] > e["start"]
               for e in entity["evidence"])
    assert entity["degree"] >= 2


def test_neighbors_with_evidence_and_cap(client: TestClient) -> None:
    hit = get(client, "/search", q="燕归巢行动")["items"][0]
    sub = get(client, f"/entities/{hit['id']}/neighbors", depth=1)
    assert sub["nodes"][0]["id"] == hit["id"]
    assert "青年人才引育工程" in names(sub["nodes"])
    part_of = [e for e in sub["edges"] if e["type"] == "PART_OF"]
    assert part_of and part_of[0]["evidence"][0]["sentence"]
    capped = get(client, f"/entities/{hit['id']}/neighbors", depth=2, limit=3)
    assert len(capped["nodes"]) == 3 and capped["truncated"] is True
    only = get(client, f"/entities/{hit['id']}/neighbors", depth=2, labels="Program",
               types="PART_OF")
    assert {n["label"] for n in only["nodes"]} == {"Program"}
    assert {e["type"] for e in only["edges"]} == {"PART_OF"}


def test_neighbor_pages_together_are_the_whole_subgraph(client: TestClient) -> None:
    hit = get(client, "/search", q="燕归巢行动")["items"][0]
    url = f"/entities/{hit['id']}/neighbors"
    whole = get(client, url, depth=2, limit=1000)
    assert whole["truncated"] is False and len(whole["edges"]) > len(whole["nodes"])
    nodes: list[str] = []
    edges: list[tuple[str, str, str]] = []
    page: dict[str, Any] = {"next_cursor": None}
    for _ in range(100):
        page = get(client, url, depth=2, limit=20,
                   **({"cursor": page["next_cursor"]} if page["next_cursor"] else {}))
        assert page["nodes"][0]["id"] == hit["id"]
        nodes += [n["id"] for n in page["nodes"][1 if nodes else 0:]]
        edges += [(e["source"], e["type"], e["target"]) for e in page["edges"]]
        if not page["next_cursor"]:
            break
    assert nodes == [n["id"] for n in whole["nodes"]]
    assert len(edges) == len(set(edges))  # each edge once
    assert set(edges) == {(e["source"], e["type"], e["target"]) for e in whole["edges"]}


def test_paths_between_county_and_program(client: TestClient) -> None:
    paths = get(client, "/paths", **{"from": "鄂托克前旗", "to": "十百千万人才计划"})
    assert paths["length"] == 1
    assert [e["type"] for e in paths["items"][0]["edges"]] == ["RUNS"]
    assert names(paths["items"][0]["nodes"]) == ["鄂托克前旗", "十百千万人才计划"]
    far = get(client, "/paths", **{"from": "鄂尔多斯市", "to": "青年人才", "max_depth": 3})
    assert far["length"] is not None and far["length"] <= 3
    assert all(p["nodes"][0]["name"] == "鄂尔多斯市" and p["nodes"][-1]["name"] == "青年人才"
               for p in far["items"])


def test_big_answers_built_as_rows_are_what_the_models_give(client: TestClient,
                                                             store: GraphStore) -> None:
    """Neighbourhoods, paths and search pages are serialised from plain rows
    (api.app._json_rows): the bytes must be those of the response model built with the
    models' `of`, and validate against the route's declared model."""
    from api import models as m
    from api.app import _json
    from ingest.normalise import normalise_query
    from schema.labels import Label

    programs = sorted(store.iter_nodes(Label.PROGRAM), key=lambda n: n.id)[:8]
    assert programs
    for program in programs:
        r = client.get(f"/entities/{program.id}/neighbors", params={"depth": 2})
        assert r.status_code == 200
        nodes, edges = store.neighbors(program.id, 2, limit=301)
        want = m.Subgraph(focus=program.id, nodes=[m.SubgraphNodeOut.of(n) for n in nodes],
                          edges=[m.EdgeOut.of(e) for e in edges], truncated=False)
        assert r.content == _json(want).body
        assert m.Subgraph.model_validate_json(r.content) == want

    region = store.find(Label.REGION, "鄂托克前旗")[0]
    for program in programs:
        r = client.get("/paths", params={"from": region.id, "to": program.id})
        assert r.status_code == 200
        found = store.paths(region.id, program.id, 4, limit=11)
        want_paths = m.Paths(source=region.id, target=program.id,
                             length=len(found[0][1]) if found else None,
                             items=[m.PathOut(nodes=[m.NodeOut.of(n) for n in ns],
                                              edges=[m.EdgeOut.of(e) for e in es])
                                    for ns, es in found[:10]],
                             next_cursor=None if len(found) <= 10 else r.json()["next_cursor"])
        assert r.content == _json(want_paths).body
        assert m.Paths.model_validate_json(r.content) == want_paths

    searches = [{"q": "人才"}, {"q": "人才", "label": "Program", "limit": 3},
                {"q": "人才", "limit": 2, "cursor": "2"}, {"q": "燕歸巢"}, {"q": "鄂尔多斯"}]
    for params in searches:
        r = client.get("/search", params=params)
        assert r.status_code == 200
        limit, start = params.get("limit", 20), int(params.get("cursor", 0))
        hits = store.search(normalise_query(params["q"]),
                            Label(params["label"]) if "label" in params else None,
                            limit=start + limit + 1)
        assert hits, params
        want_page = m.Page[m.NodeOut](
            items=[m.NodeOut.of(n) for n in hits[start:start + limit]],
            next_cursor=str(start + limit) if len(hits) > start + limit else None)
        assert r.content == _json(want_page).body
        assert m.Page[m.NodeOut].model_validate_json(r.content) == want_page


# -- programs, documents, regions, indicators ----------------------------------------------

def test_related_programs_of_yanguichao(client: TestClient) -> None:
    related = get(client, "/programs/燕归巢行动/related", limit=50)["items"]
    by_name = {r["program"]["name"]: r for r in related}
    assert {"鸿雁行动", "青年人才引育工程"} <= set(by_name)
    parent = by_name["青年人才引育工程"]
    assert "part_of" in {x["kind"] for x in parent["reasons"]}
    assert {"same_document", "same_runner"} <= {x["kind"] for x in by_name["鸿雁行动"]["reasons"]}
    scores = [r["score"] for r in related]
    assert scores == sorted(scores, reverse=True)
    assert related[0]["program"]["name"] == "青年人才引育工程"
    for r in related:
        assert r["score"] == pytest.approx(sum(x["weight"] for x in r["reasons"]))


@pytest.mark.parametrize("ref", ["鄂府发〔2022〕38号", "鄂府发[2022]38号", "鄂府发（2022）38号",
                                 "鄂府发(2022)38号", "鄂府發〔2022〕38號"])
def test_document_by_number_in_any_spelling(client: TestClient, ref: str) -> None:
    doc = get(client, f"/documents/{ref}")
    assert doc["doc_number"] == "鄂府发〔2022〕38号"
    assert doc["date"] == "2022-03-29"
    cited = {n["properties"].get("doc_number") for n in doc["cites"]}
    assert {"鄂府发〔2021〕1号", "鄂党发〔2017〕8号"} <= cited
    assert "鄂尔多斯市人民政府" in names(doc["issuers"])
    assert {"燕归巢行动", "鸿雁行动", "十百千万人才计划"} <= set(names(doc["establishes"]))
    assert "人才资源总量" in names(doc["indicators"])


EX = "鄂府发〔2022〕38号"


def test_document_lists_page_in_windows(client: TestClient) -> None:
    whole = get(client, f"/documents/{EX}")
    assert whole["next_cursor"] is None
    assert whole["totals"] == {k: len(whole[k]) for k in whole["totals"]}
    assert whole["totals"]["establishes"] > 10
    seen: dict[str, list[str]] = {k: [] for k in whole["totals"]}
    page: dict[str, Any] = {"next_cursor": None}
    for _ in range(50):
        page = get(client, f"/documents/{EX}", limit=7,
                   **({"cursor": page["next_cursor"]} if page["next_cursor"] else {}))
        assert all(len(page[k]) <= 7 for k in seen) and page["totals"] == whole["totals"]
        for k in seen:
            seen[k] += [n["id"] for n in page[k]]
        if page["next_cursor"] is None:
            break
    assert seen == {k: [n["id"] for n in whole[k]] for k in seen}


def test_cited_document_knows_who_cites_it(client: TestClient) -> None:
    doc = get(client, "/documents/鄂府发〔2021〕1号")
    assert [n["properties"].get("doc_number") for n in doc["cited_by"]] == ["鄂府发〔2022〕38号"]


def test_region_programs_include_subregions(client: TestClient) -> None:
    whole = get(client, "/regions/鄂尔多斯市/programs", limit=500)
    alone = get(client, "/regions/鄂尔多斯市/programs", limit=500, include_subregions=False)
    assert "鄂托克前旗" in names(whole["regions"]) and names(alone["regions"]) == ["鄂尔多斯市"]
    county = get(client, "/regions/鄂托克前旗/programs", limit=500)
    assert set(names(county["programs"]["items"])) <= set(names(whole["programs"]["items"]))
    assert set(names(alone["programs"]["items"])) < set(names(whole["programs"]["items"]))
    assert "十百千万人才计划" in names(county["programs"]["items"])
    assert "燕归巢行动" in names(alone["programs"]["items"])


def test_region_program_pages_follow_each_lists_cursor(client: TestClient) -> None:
    whole = get(client, "/regions/鄂尔多斯市/programs", limit=500)
    for key in ("programs", "platforms"):
        assert len(whole[key]["items"]) > 3 and whole[key]["next_cursor"] is None
        seen: list[dict] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
            part = get(client, "/regions/鄂尔多斯市/programs", **params)
            assert len(part[key]["items"]) <= 3
            seen += part[key]["items"]
            cursor = part[key]["next_cursor"]
            if cursor is None:
                break
        assert seen == whole[key]["items"], key


def test_indicator_time_series(client: TestClient) -> None:
    found = get(client, "/indicators", name="人才资源总量", region="鄂尔多斯市")["items"]
    assert len(found) == 1
    series = found[0]["series"]
    assert found[0]["unit"] == "万人"
    assert [(o["year"], o["kind"], o["value"]) for o in series] == [
        (2015, "baseline", 29.4), (2020, "baseline", 43.8), (2020, "actual", 43.8),
        (2020, "target", 52), (2025, "target", 53.8)]
    one = get(client, f"/indicators/{found[0]['indicator']['id']}")
    assert one == found[0]
    assert names(one["documents"]) == ["鄂尔多斯市十四五人才发展规划"]


def test_indicators_of_a_region_include_its_subregions(client: TestClient) -> None:
    """`region` takes a region as the other endpoints do (id, name, alias) and goes down
    the hierarchy: the province's indicators include the city's."""
    city = get(client, "/indicators", region="鄂尔多斯市", limit=200)["items"]
    assert city and {i["region"] for i in city} == {"鄂尔多斯市"}
    ids = [i["indicator"]["id"] for i in city]
    region_id = get(client, "/search", q="鄂尔多斯市", label="Region")["items"][0]["id"]
    for ref in (region_id, "鄂尔多斯", "内蒙古自治区", "内蒙古", "鄂爾多斯"):
        found = get(client, "/indicators", region=ref, limit=200)["items"]
        assert [i["indicator"]["id"] for i in found] == ids, ref
    assert get(client, "/indicators", region="乌海市")["items"] == []
    assert get(client, "/indicators", region="尔多")["items"]  # not a region: text match


# -- errors -----------------------------------------------------------------------------------

def test_unknown_ids_are_404_naming_the_id(client: TestClient) -> None:
    for url in ("/entities/program:ffffffffffffffff", "/entities/program:ffffffffffffffff/neighbors",
                "/programs/program:ffffffffffffffff/related", "/documents/京政发〔1999〕99号",
                "/regions/program:ffffffffffffffff/programs", "/indicators/nope"):
        body = get(client, url, 404)
        assert body["code"] == "node_not_found" and ("ffffffffffffffff" in body["detail"]
                                                     or "99号" in body["detail"]
                                                     or "nope" in body["detail"])


def test_head_answers_as_get_without_the_body(client: TestClient) -> None:
    program = get(client, "/search", q="燕归巢", label="Program")["items"][0]["id"]
    for url in ("/health", "/stats", "/search?q=燕归巢", f"/entities/{program}",
                f"/programs/{program}/related", "/explore?focus=燕归巢", "/openapi.json",
                "/entities/program:ffffffffffffffff", "/search?q="):
        g, h = client.get(url), client.head(url)
        assert h.status_code == g.status_code and g.status_code in (200, 404, 422), url
        assert h.content == b"", url
        assert h.headers["content-type"] == g.headers["content-type"], url
        assert h.headers["content-length"] == str(len(g.content)), url
    assert client.head("/documents").status_code == 405  # POST only: as GET would answer


@pytest.mark.parametrize("url,params,field", [
    ("/search", {"q": ""}, "q"),
    ("/search", {"q": "x", "limit": 0}, "limit"),
    ("/search", {"q": "x", "label": "Planet"}, "label"),
    ("/search", {"q": "x", "cursor": "not-a-cursor"}, "cursor"),
    ("/entities/x/neighbors", {"depth": 9}, "depth"),
    ("/entities/x/neighbors", {"types": "LIKES"}, "types"),
    ("/paths", {"from": "a"}, "to"),
])
def test_bad_parameters_are_422_naming_the_field(client: TestClient, url: str,
                                                 params: dict, field: str) -> None:
    body = get(client, url, 422, **params)
    assert body["code"] == "invalid_parameter" and field in str(body["detail"])


def test_cursor_round_trip() -> None:
    assert decode_cursor(encode_cursor(40)) == 40 and decode_cursor(None) == 0


# -- Cypher (the Neo4j side is in test_cypher.py) -------------------------------------------

def test_cypher_is_501_on_the_embedded_store(client: TestClient, store: GraphStore) -> None:
    r = client.post("/query/cypher", json={"query": "MATCH (n) RETURN n"})
    if store.kind == "memory":
        assert r.status_code == 501 and "Neo4j" in r.json()["detail"]
    else:
        assert r.status_code == 200


# -- writes ---------------------------------------------------------------------------------

def _upload_client(tmp_path: Any, key: str | None) -> TestClient:
    settings = get_settings(data_dir=tmp_path, api_key=key, max_upload_bytes=20_000)
    return TestClient(create_app(settings, store=MemoryGraphStore(tmp_path / "graph.json")))


def test_upload_needs_a_configured_key(tmp_path: Any) -> None:
    with _upload_client(tmp_path, None) as c:
        r = c.post("/documents", files={"file": ("a.txt", "某市实施“春雁”行动。".encode())},
                   headers={"X-API-Key": "anything"})
        assert r.status_code == 403 and r.json()["code"] == "writes_disabled"


def test_upload_with_key_ingests(tmp_path: Any) -> None:
    text = "为加快人才集聚，包头市实施“鹿城英才”计划，建设院士专家工作站。".encode()
    with _upload_client(tmp_path, "s3cret-key") as c:
        assert c.post("/documents", files={"file": ("a.txt", text)}).status_code == 401
        assert c.post("/documents", files={"file": ("a.txt", text)},
                      headers={"X-API-Key": "wrong"}).status_code == 401
        r = c.post("/documents", files={"file": ("a.txt", text)},
                   headers={"X-API-Key": "s3cret-key"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["sources"] == 1 and body["nodes"] > 0
        assert body["counts"]["nodes"].get("Program", 0) >= 1
        assert body["added"]["nodes"]["Source"] == 1 and body["added"]["nodes"]["Program"] >= 1
        assert sum(body["added"]["nodes"].values()) == sum(body["counts"]["nodes"].values())
        assert get(c, "/search", q="鹿城英才")["items"]
        again = c.post("/documents", files={"file": ("copy.txt", text)},
                       headers={"X-API-Key": "s3cret-key"}).json()
        assert again["nodes"] == body["nodes"]  # extracted again...
        assert again["added"] == {"nodes": {}, "edges": {}}  # ...but nothing is new
        # the key is checked before the body is read: no key and no file is 401, not 422
        assert c.post("/documents").status_code == 401
        assert c.post("/documents", content=b"not multipart").status_code == 401
        big = c.post("/documents", files={"file": ("b.txt", b"x" * 30_000)},
                     headers={"X-API-Key": "s3cret-key"})
        assert big.status_code == 413
        counts = get(c, "/stats")
        two = c.post("/documents", files=[("file", ("d.txt", text)), ("file", ("e.txt", text))],
                     headers={"X-API-Key": "s3cret-key"})
        assert two.status_code == 422 and two.json()["code"] == "invalid_parameter"
        assert "d.txt" in str(two.json()["detail"]) and "e.txt" in str(two.json()["detail"])
        assert get(c, "/stats") == counts  # neither ingested; the client knows why
        bad = c.post("/documents", files={"file": ("c.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00")},
                     headers={"X-API-Key": "s3cret-key"})
        assert bad.status_code == 422 and "c.bin" in bad.json()["detail"]


def test_failed_save_is_503_without_server_paths_and_changes_nothing(tmp_path: Any) -> None:
    text = "为加快人才集聚，包头市实施“鹿城英才”计划，建设院士专家工作站。".encode()
    with _upload_client(tmp_path, "s3cret-key") as c:
        before = get(c, "/stats")
        (tmp_path / "graph.json").mkdir()  # the save's rename onto the graph file fails
        r = c.post("/documents", files={"file": ("a.txt", text)},
                   headers={"X-API-Key": "s3cret-key"})
        assert r.status_code == 503 and r.json()["code"] == "store_error", r.text
        assert str(tmp_path) not in r.text and "graph.json" not in r.text, r.text
        assert "log" in r.json()["detail"]  # where the reason is
        assert get(c, "/stats") == before
        assert get(c, "/search", q="鹿城英才")["items"] == []


# -- store down -------------------------------------------------------------------------------

def test_a_fault_of_the_server_is_a_500_said_as_such_not_a_bad_parameter(tmp_path: Any) -> None:
    class Faulty(MemoryGraphStore):
        def search(self, *args: Any, **kwargs: Any) -> Any:
            raise ValueError("a bug of the server's, with /srv/internal/detail in it")

    settings = get_settings(data_dir=tmp_path)
    with TestClient(create_app(settings, store=Faulty(None)),
                    raise_server_exceptions=False) as c:
        r = c.get("/search", params={"q": "人才"})
        assert r.status_code == 500, r.text
        assert r.json()["code"] == "internal_error" and "/srv" not in r.text, r.text
        assert c.get("/stats").status_code == 200  # the app goes on


def test_unreachable_neo4j_is_503(tmp_path: Any) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    settings = get_settings(data_dir=tmp_path, store="neo4j",
                            neo4j_uri=f"bolt://127.0.0.1:{port}", neo4j_password="x")
    with TestClient(create_app(settings)) as c:
        for url in ("/health", "/stats", "/search?q=x"):
            r = c.get(url)
            assert r.status_code == 503 and r.json()["code"] == "store_unavailable", r.text


def test_store_opened_on_first_request_off_the_event_loop(tmp_path: Any, monkeypatch: Any
                                                           ) -> None:
    """A store that was down at start-up is opened by the first request that needs it — a
    blocking connect, so in a worker thread, never on the event loop serving everyone — and
    only once."""
    import asyncio

    import graph.factory
    from schema.errors import StoreUnavailableError

    opened_on: list[str] = []

    def open_store(settings: Any) -> GraphStore:
        try:
            asyncio.get_running_loop()
            opened_on.append("event loop")
        except RuntimeError:
            opened_on.append("worker thread")
        if len(opened_on) == 1:
            raise StoreUnavailableError("down at start-up")
        return MemoryGraphStore(None)

    monkeypatch.setattr(graph.factory, "open_store", open_store)
    with TestClient(create_app(get_settings(data_dir=tmp_path))) as c:
        assert opened_on == ["event loop"]  # the lifespan's early attempt, before serving
        assert get(c, "/health") == {"status": "ok", "store": "memory"}
        assert get(c, "/search", q="x") == {"items": [], "next_cursor": None}
    assert opened_on == ["event loop", "worker thread"]


def test_cors_is_off_by_default_and_configurable(tmp_path: Any) -> None:
    preflight = {"Origin": "https://analyst.example.org", "Access-Control-Request-Method": "GET"}
    with TestClient(create_app(get_settings(data_dir=tmp_path),
                               store=MemoryGraphStore(None))) as c:
        r = c.options("/search", headers=preflight)
        assert "access-control-allow-origin" not in r.headers
    settings = get_settings(data_dir=tmp_path, cors_origins=["https://analyst.example.org"])
    with TestClient(create_app(settings, store=MemoryGraphStore(None))) as c:
        r = c.options("/search", headers=preflight)
        assert r.headers["access-control-allow-origin"] == "https://analyst.example.org"
        other = c.get("/health", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
        big = c.post("/documents", content=b"x" * (settings.max_upload_bytes + 70_000),
                     headers={"Origin": "https://analyst.example.org"})
        assert big.status_code == 403  # writes are off: refused before the body is read
        assert big.headers["access-control-allow-origin"] == "https://analyst.example.org"
    settings = get_settings(data_dir=tmp_path, cors_origins=["https://analyst.example.org"],
                            api_key="k")
    with TestClient(create_app(settings, store=MemoryGraphStore(None))) as c:
        big = c.post("/documents", content=b"x" * (settings.max_upload_bytes + 70_000),
                     headers={"Origin": "https://analyst.example.org", "X-API-Key": "k"})
        assert big.status_code == 413  # a browser can read why
        assert big.headers["access-control-allow-origin"] == "https://analyst.example.org"


def test_rows_with_an_integer_over_64_bits_are_served(tmp_path: Any) -> None:
    """orjson refuses integers over 64 bits; the rows routes fall back to pydantic's
    encoder (the models' own) rather than answer 500."""
    from schema.model import Edge, Node

    store = MemoryGraphStore(None)
    patch = GraphPatch()
    big = 10 ** 30
    patch.add_node(Node("prog:00000000000000b1", Label.PROGRAM, "某某人才计划", set(),
                        {"count": big, "share": 1e16}))
    patch.add_node(Node("grp:00000000000000b2", Label.TALENT_GROUP, "青年人才"))
    patch.add_edge(Edge(RelType.TARGETS, "prog:00000000000000b1", "grp:00000000000000b2",
                        {"count": big}))
    store.apply(patch)
    with TestClient(create_app(get_settings(data_dir=tmp_path), store=store)) as c:
        found = c.get("/search", params={"q": "某某人才"})
        assert found.status_code == 200
        assert found.json()["items"][0]["properties"] == {"count": big, "share": 1e16}
        sub = c.get("/entities/prog:00000000000000b1/neighbors")
        assert sub.status_code == 200
        assert {e["properties"]["count"] for e in sub.json()["edges"]} == {big}


def _first_example(param: dict[str, Any]) -> Any:
    examples = param.get("examples") or {}
    return next(iter(examples.values()))["value"] if examples else param.get("example")


def test_every_operation_has_an_example_and_every_get_example_answers(
        client: TestClient, store: GraphStore) -> None:
    """The OpenAPI document's examples are real requests on the bundled corpus: each GET,
    called with the first example of every parameter, answers 200; the Cypher example
    answers on Neo4j."""
    spec = client.app.openapi()  # type: ignore[attr-defined]
    without, failing = [], []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            params = op.get("parameters", [])
            body = op.get("requestBody", {}).get("content", {})
            shown = [p for p in params if _first_example(p) is not None] or [
                c for c in body.values() if c.get("examples") or c.get("example")] or [
                c for c in op["responses"].get("200", {}).get("content", {}).values()
                if c.get("example")]
            if not shown:
                without.append(f"{method.upper()} {path}")
            if method != "get":
                continue
            url, query = path, {}
            for p in params:
                value = _first_example(p)
                if p["in"] == "path":
                    url = url.replace("{" + p["name"] + "}", value)
                elif value is not None:
                    query[p["name"]] = value
            r = client.get(url, params=query)
            if r.status_code != 200:
                failing.append(f"GET {url} {query}: {r.status_code} {r.text[:200]}")
    assert not without and not failing, (without, failing)
    cypher = spec["paths"]["/query/cypher"]["post"]["requestBody"]["content"]
    example = next(iter(cypher["application/json"]["examples"].values()))["value"]
    r = client.post("/query/cypher", json=example)
    if store.kind == "neo4j":
        assert r.status_code == 200 and ["燕归巢行动"] in r.json()["rows"], r.text
    else:
        assert r.status_code == 501


def test_a_name_of_several_entities_is_409_with_their_ids(tmp_path: Any) -> None:
    """By exact name first, then by alias; a name that still names several is refused,
    not answered for one picked at random."""
    from schema.model import Node

    store = MemoryGraphStore(None)
    patch = GraphPatch()
    for node_id, name, aliases in [("region:00000000000000a1", "甲市", {"全市", "甲"}),
                                   ("region:00000000000000a2", "乙市", {"全市", "甲"}),
                                   ("region:00000000000000a3", "甲", set())]:
        patch.add_node(Node(node_id, Label.REGION, name, aliases, {"path": name}))
    store.apply(patch)
    with TestClient(create_app(get_settings(data_dir=tmp_path), store=store)) as c:
        r = c.get("/regions/全市/programs")
        assert r.status_code == 409 and r.json()["code"] == "ambiguous_reference"
        assert "region:00000000000000a1" in r.json()["detail"]
        assert "region:00000000000000a2" in r.json()["detail"]
        r = c.get("/paths", params={"from": "全市", "to": "乙市"})
        assert r.status_code == 409
        assert get(c, "/regions/甲/programs")["region"]["id"] == "region:00000000000000a3"
        assert get(c, "/regions/乙市/programs")["region"]["id"] == "region:00000000000000a2"


def test_subgraph_nodes_carry_no_made_up_degree(client: TestClient, store: GraphStore) -> None:
    """A neighbourhood's nodes come with their evidence, not with a degree: counting one per
    node would cost a store query each, and a constant 0 told apps every node was isolated."""
    region = store.find(Label.REGION, "鄂尔多斯市")[0]
    r = client.get(f"/entities/{region.id}/neighbors", params={"depth": 1})
    assert r.status_code == 200
    nodes = r.json()["nodes"]
    assert nodes and all("degree" not in n and "evidence" in n for n in nodes)
    assert client.get(f"/entities/{region.id}").json()["degree"] > 0
