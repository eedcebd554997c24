"""The explorer in a real headless Chromium: on a live `policykg serve` of the seed corpus
(search, focus, expand, filter, physics; nothing requested beyond 127.0.0.1), as an offline
file written by `policykg viz` (no request at all), and with entities named like markup
(nothing runs, the names show as text)."""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.visualize.conftest import (XSS_IMG, XSS_SCRIPT, PageLog, Server, cli, open_page,
                                      ready)
from visualize.explorer import explore_page
from visualize.render import render_subgraph

pytestmark = pytest.mark.browser

IDS = "() => window.policykg.nodes.getIds().sort()"
EDGE_IDS = "() => window.policykg.edges.getIds().sort()"
HIDDEN = ("() => ({nodes: window.policykg.nodes.get({filter: n => n.hidden}).map(n => n.id).sort(),"
          " edges: window.policykg.edges.get({filter: e => e.hidden}).map(e => e.id).sort()})")


def edge_key(e: dict[str, Any]) -> str:
    return f"{e['type']}|{e['source']}|{e['target']}"


def click_node(page: Any, node_id: str) -> None:
    """Centre the view on a node, zoomed in, and click it with the mouse like a user."""
    page.evaluate("id => window.policykg.network.focus(id, {scale: 2.5, animation: false})",
                  node_id)
    x, y = page.evaluate("""id => {
        const net = window.policykg.network;
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.querySelector('#pk-graph canvas').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", node_id)
    page.mouse.click(x, y)
    page.wait_for_selector(f'#pk-details[data-id="{node_id}"]', state="attached")
    ready(page)


def assert_stayed_local(log: PageLog, server: Server) -> None:
    assert log.left() == [], f"requests left 127.0.0.1: {log.left()}"
    assert all(f":{server.port}/" in url for url in log.requests if url.startswith("http"))
    assert log.errors == []


@pytest.mark.slow
def test_explore_search_focus_expand_filter_and_physics(page: Any, page_log: PageLog,
                                                        server: Server, artifacts: Path) -> None:
    page.goto(f"{server.base}/explore")
    ready(page)
    assert page.evaluate(IDS) == []
    assert page.locator("#pk-suggestions .pk-suggestion").count() > 0

    # search: the results are the API's, in its order, shown as text
    page.fill("#pk-q", "燕归巢")
    page.click("#pk-search button[type=submit]")
    page.wait_for_selector("#pk-results .pk-result")
    ready(page)
    hits = server.get("/search", q="燕归巢", limit=20)["items"]
    shown = page.eval_on_selector_all("#pk-results .pk-result", "bs => bs.map(b => b.dataset.id)")
    assert shown == [h["id"] for h in hits] and shown
    focus = hits[0]
    assert page.text_content(f'#pk-results .pk-result[data-id="{focus["id"]}"] .pk-result-name') \
        == focus["name"]

    # focus: the DataSets hold exactly the API's neighbourhood
    page.click(f'#pk-results .pk-result[data-id="{focus["id"]}"]')
    ready(page)
    sub = server.get(f"/entities/{focus['id']}/neighbors", depth=2, limit=300)
    assert page.evaluate(IDS) == sorted(n["id"] for n in sub["nodes"])
    assert page.evaluate(EDGE_IDS) == sorted(edge_key(e) for e in sub["edges"])
    assert page.text_content("#pk-details .pk-name") == focus["name"]
    assert "focus=" in page.url and page.is_hidden("#pk-results")
    first = sub["nodes"][0]["evidence"][0]["source"]  # titles name the source of evidence
    source_name = server.get(f"/entities/{first}")["name"]
    title = page.evaluate("id => window.policykg.nodes.get(id).title", focus["id"])
    assert title.endswith(f"— {source_name} ({first})")
    assert f"— {source_name} ({first})" in page.text_content("#pk-details .pk-evidence")
    before_nodes, before_edges = set(page.evaluate(IDS)), set(page.evaluate(EDGE_IDS))

    # expand a node whose neighbours are not all drawn: clicked on the canvas, then "expand"
    target, added = None, None
    for n in sub["nodes"][1:]:
        around = server.get(f"/entities/{n['id']}/neighbors", depth=1, limit=300)
        if {m["id"] for m in around["nodes"]} - before_nodes:
            target, added = n, around
            break
    assert target is not None and added is not None, "the seed corpus has a node to expand"
    click_node(page, target["id"])
    assert page.text_content("#pk-details .pk-name") == target["name"]
    page.click("#pk-details .pk-expand")
    ready(page)
    assert set(page.evaluate(IDS)) == before_nodes | {m["id"] for m in added["nodes"]}
    assert set(page.evaluate(EDGE_IDS)) == before_edges | {edge_key(e) for e in added["edges"]}
    assert "Expanded: +" in page.text_content("#pk-status")

    # filter a label off and on: its nodes and every edge touching them are hidden, then shown
    items = page.evaluate("() => window.policykg.nodes.get().map(n => [n.id, n.group])")
    label = max({g for _, g in items}, key=lambda g: (sum(1 for _, x in items if x == g), g))
    off = sorted(i for i, g in items if g == label)
    edges = page.evaluate("() => window.policykg.edges.get().map(e => [e.id, e.from, e.to])")
    page.uncheck(f'.pk-label-filter[value="{label}"]')
    hidden = page.evaluate(HIDDEN)
    assert hidden["nodes"] == off
    assert hidden["edges"] == sorted(i for i, a, b in edges if a in off or b in off)
    page.screenshot(path=str(artifacts / "explore-filtered.png"))
    page.check(f'.pk-label-filter[value="{label}"]')
    assert page.evaluate(HIDDEN) == {"nodes": [], "edges": []}

    # filter a relationship type off and on
    page.uncheck('.pk-type-filter[value="RUNS"]')
    assert page.evaluate(HIDDEN)["edges"] == sorted(i for i, _, _ in edges if i.startswith("RUNS|"))
    page.check('.pk-type-filter[value="RUNS"]')
    assert page.evaluate(HIDDEN) == {"nodes": [], "edges": []}

    # physics off and on
    physics = "() => [window.policykg.physics, window.policykg.network.physics.options.enabled]"
    page.uncheck("#pk-physics")
    assert page.evaluate(physics) == [False, False]

    # with physics off, "focus here" replaces the graph, lays it out once, stays off
    assert page.get_attribute("#pk-details", "data-id") == target["id"]
    page.click("#pk-details .pk-refocus")
    ready(page)
    sub = server.get(f"/entities/{target['id']}/neighbors", depth=2, limit=300)
    assert page.evaluate(IDS) == sorted(n["id"] for n in sub["nodes"])
    assert page.evaluate("() => window.policykg.focus") == target["id"]
    assert page.evaluate(physics) == [False, False]
    page.check("#pk-physics")
    assert page.evaluate(physics) == [True, True]

    ready(page)
    shot = artifacts / "explore.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert page.evaluate("() => window.policykg.errors") == []
    assert_stayed_local(page_log, server)


@pytest.mark.slow
def test_explore_opens_on_a_focus_in_the_address(page: Any, page_log: PageLog,
                                                 server: Server) -> None:
    focus = server.get("/search", q="燕归巢", limit=1)["items"][0]
    page.goto(f"{server.base}/explore?focus=燕歸巢&depth=1")  # Traditional, as a user may type
    ready(page)
    sub = server.get(f"/entities/{focus['id']}/neighbors", depth=1, limit=300)
    assert page.evaluate(IDS) == sorted(n["id"] for n in sub["nodes"])
    assert page.evaluate("() => window.policykg.focus") == focus["id"]
    assert page.is_hidden("#pk-cap-note")
    assert page.get_attribute("#pk-details", "data-id") == focus["id"]

    page.goto(f"{server.base}/explore?focus={focus['id']}&depth=2&limit=5")
    ready(page)
    assert len(page.evaluate(IDS)) == 5
    note = page.text_content("#pk-cap-note")
    assert page.is_visible("#pk-cap-note") and "more were left out" in note and "depth=1" in note
    assert_stayed_local(page_log, server)


@pytest.mark.slow
def test_explore_unknown_focus_is_a_404(page: Any, server: Server) -> None:
    response = page.goto(f"{server.base}/explore?focus=不存在的实体")
    assert response is not None and response.status == 404
    assert "node_not_found" in page.content()


@pytest.mark.slow
def test_viz_file_opens_offline(page: Any, page_log: PageLog, corpus_data_dir: Path,
                                tmp_path: Path, artifacts: Path) -> None:
    out = tmp_path / "graph.html"
    done = subprocess.run([str(cli()), "viz", "--focus", "燕归巢", "--depth", "2", "--output",
                           str(out), "--data-dir", str(corpus_data_dir), "--store", "memory"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    page.goto(out.as_uri())
    ready(page)
    assert page_log.requests == [out.as_uri()], "the file must not request anything"
    n_nodes = page.evaluate("() => window.policykg.nodes.length")
    n_edges = page.evaluate("() => window.policykg.edges.length")
    assert f"wrote {n_nodes} nodes, {n_edges} edges" in done.stdout and n_nodes > 10
    assert page.is_visible("#pk-mode-note")

    # search and expand work on the embedded data, and say so
    page.fill("#pk-q", "燕归巢")
    page.press("#pk-q", "Enter")
    first = page.wait_for_selector("#pk-results .pk-result")
    assert "Offline file" in page.text_content("#pk-results .pk-caption")
    assert first.text_content().startswith("燕归巢行动")
    first.click()
    page.click("#pk-details .pk-expand")
    assert "Offline file" in page.text_content("#pk-status")
    selected = page.evaluate("() => window.policykg.network.getSelectedNodes().length")
    assert selected > 1
    page.screenshot(path=str(artifacts / "viz-offline.png"))
    assert page_log.requests == [out.as_uri()] and page_log.errors == []


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "escaping-alone"])
@pytest.mark.parametrize("how", ["render_subgraph", "explore_page"])
def test_markup_in_entity_names_shows_as_text(browser: Any, hostile_store: Any, tmp_path: Path,
                                              artifacts: Path, how: str,
                                              bypass_csp: bool) -> None:
    """With the page's CSP and without it (so the escaping alone is what is tested)."""
    store, nodes = hostile_store
    if how == "render_subgraph":
        graph_nodes, graph_edges = store.neighbors(nodes["script"].id, 2)
        html = render_subgraph(graph_nodes, graph_edges, focus_id=nodes["script"].id,
                               omitted=0, api_base=None, title=f"policykg · {XSS_SCRIPT}")
    else:
        html = explore_page(store, focus=XSS_SCRIPT, depth=2, api_base="")
    path = tmp_path / "xss.html"
    path.write_text(html, encoding="utf-8")
    log = PageLog()
    page = open_page(browser, log, bypass_csp=bypass_csp)
    try:
        page.goto(path.as_uri())
        ready(page)
        assert page.evaluate("() => window.__xss") is None
        names = page.evaluate("() => window.policykg.nodes.get().map(n => n.entity.name).sort()")
        assert names == sorted([XSS_SCRIPT, XSS_IMG, nodes["group"].name])
        # the side panel (opened on the focus) shows the names and evidence as text
        assert page.text_content("#pk-details .pk-name") == XSS_SCRIPT
        assert XSS_IMG in page.text_content("#pk-details .pk-evidence")
        assert page.text_content("#pk-details .pk-props dd") == "<b>行动</b>"
        assert page.locator("#pk-details img, #pk-details script, #pk-details b").count() == 0
        # the hover title too
        click_node(page, nodes["img"].id)
        assert page.text_content("#pk-details .pk-name") == XSS_IMG
        page.mouse.move(10, 10)
        page.mouse.move(*page.evaluate("""id => {
            const net = window.policykg.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.querySelector('#pk-graph canvas').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", nodes["img"].id))
        tooltip = page.wait_for_selector("div.vis-tooltip", state="visible")
        assert tooltip.inner_text().startswith(XSS_IMG)
        assert page.locator("div.vis-tooltip :not(br)").count() == 0  # text and line breaks
        # offline search results (file opened locally) are text as well
        if how == "render_subgraph":
            page.fill("#pk-q", "onerror")
            page.press("#pk-q", "Enter")
            assert page.text_content("#pk-results .pk-result-name") == XSS_IMG
            assert page.locator("#pk-results img").count() == 0
        assert page.title() == f"policykg · {XSS_SCRIPT}"
        page.screenshot(path=str(artifacts / f"xss-{how}-{'nocsp' if bypass_csp else 'csp'}.png"))
        assert page.evaluate("() => window.__xss") is None
        assert log.errors == []
        assert all(u.startswith("file://") for u in log.requests)
    finally:
        page.context.close()
