"""The rendered page without a browser: escaping, offline-ness, legend, cap note, styling."""
from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

from schema.labels import Label, RelType
from schema.model import Edge, Evidence, Node
from tests.visualize.conftest import XSS_IMG, XSS_SCRIPT, XSS_SVG, hostile_patch, node
from visualize import assets
from visualize.render import (ViewSpec, cap_note, content_security_policy, node_title,
                              render_subgraph, script_json)
from visualize.style import FONT_STACK, LABEL_STYLES, REL_ZH, node_size

DATA = re.compile(r'<script type="application/json" id="pk-data">(.*?)</script>', re.S)
INLINE_SCRIPTS = re.compile(r"<script>(.*?)</script>", re.S)


def payload(page: str) -> dict[str, Any]:
    m = DATA.search(page)
    assert m is not None
    return json.loads(m.group(1))


def hostile_page(**kwargs: Any) -> str:
    patch, _ = hostile_patch()
    return render_subgraph(list(patch.nodes.values()), list(patch.edges.values()), **kwargs)


def small_graph() -> tuple[list[Node], list[Edge]]:
    ev = Evidence("source:s1", 3, 8, "鄂尔多斯市实施燕归巢行动")
    region = node(Label.REGION, "鄂尔多斯市", "鄂尔多斯", evidence=(ev,))
    program = node(Label.PROGRAM, "燕归巢行动", "燕归巢", evidence=(ev,), kind="行动")
    young = node(Label.TALENT_GROUP, "青年人才")
    return [region, program, young], [Edge(RelType.RUNS, region.id, program.id, {}, [ev]),
                                      Edge(RelType.TARGETS, program.id, young.id)]


@pytest.mark.parametrize("text", [XSS_SCRIPT, XSS_IMG, "</SCRIPT >", "<!--", "a&amp;b",
                                  "x\u2028y\u2029z", "燕归巢 “行动”"])
def test_script_json_is_inert_and_round_trips(text: str) -> None:
    out = script_json({"name": text, "list": [text]})
    assert not set(out) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(out) == {"name": text, "list": [text]}


def test_render_embeds_document_strings_only_as_escaped_json() -> None:
    page = hostile_page(focus_id=None, title=f"policykg · {XSS_SCRIPT}")
    raw = DATA.search(page).group(1)  # type: ignore[union-attr]
    assert not set(raw) & {"<", ">", "&", "\u2028", "\u2029"}
    data = payload(page)
    names = {item["entity"]["name"] for item in data["nodes"]}
    assert {XSS_SCRIPT, XSS_IMG, XSS_SVG} <= names
    # the markup appears nowhere as markup: not in the body, the title or an attribute
    for needle in ("<script>window", "<img src=x", "<svg onload", "<i>高校", "<b>行动"):
        assert needle not in page
    assert f"<title>policykg · {html.escape(XSS_SCRIPT)}</title>" in page


def test_render_titles_are_plain_text_with_evidence_and_source() -> None:
    nodes, edges = small_graph()
    page = render_subgraph(nodes, edges, source_names={"source:s1": "鄂尔多斯人才规划"})
    items = {i["id"]: i for i in payload(page)["nodes"]}
    title = items[nodes[1].id]["title"]
    assert title.splitlines() == ["燕归巢行动", "人才项目 · Program", "别名 aliases: 燕归巢",
                                  "“鄂尔多斯市实施燕归巢行动”",
                                  "— 鄂尔多斯人才规划 (source:s1)"]
    assert items[nodes[2].id]["title"] == "青年人才\n人才群体 · TalentGroup"


def test_node_title_cuts_long_sentences() -> None:
    n = node(Label.PROGRAM, "计划", evidence=(Evidence("source:x", 0, 1, "长" * 500),))
    assert max(len(line) for line in node_title(n, {}).splitlines()) <= 162


def test_render_page_makes_no_request_by_itself() -> None:
    for page in (hostile_page(), hostile_page(api_base="")):
        assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
        assert not re.search(r"<link\b", page, re.I)
        assert not re.search(r"\b(src|href|action)\s*=\s*[\"']?\s*(https?:)?//", page, re.I)
        assert not re.search(r"@import|url\(\s*[\"']?\s*(https?:)?//", page, re.I)
        assert "googleapis" not in page and "cdnjs" not in page and "jsdelivr" not in page


def test_render_inlines_the_vis_network_pyvis_ships() -> None:
    page = hostile_page()
    assert "@version 9.1.2" in page and "vis-network" in page
    assert assets.vis_js() in page and assets.vis_css() in page


def test_render_csp_allows_exactly_the_inline_scripts() -> None:
    page = hostile_page()
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"',
                                  page).group(1))  # type: ignore[union-attr]
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    scripts = INLINE_SCRIPTS.findall(page)
    assert len(scripts) == 2
    for code in scripts:
        assert assets.csp_hash(code) in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("api_base, connect", [(None, "'none'"), ("", "'self'"),
                                               ("http://127.0.0.1:8000/", "http://127.0.0.1:8000")])
def test_csp_connects_only_to_the_api(api_base: str | None, connect: str) -> None:
    assert f"connect-src {connect};" in content_security_policy(api_base)


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "http://h/path", "'self' *", "//cdn"])
def test_render_refuses_an_api_base_that_is_not_an_origin(bad: str) -> None:
    with pytest.raises(ValueError, match="api_base"):
        hostile_page(api_base=bad)


def test_render_legend_names_every_label_with_its_colour_and_shape() -> None:
    nodes, edges = small_graph()
    page = render_subgraph(nodes, edges)
    legend = re.search(r'<ul id="pk-legend".*?</ul>', page, re.S).group(0)  # type: ignore[union-attr]
    for label, style in LABEL_STYLES.items():
        assert f'value="{label.value}"' in legend and style.zh in legend
        assert f'fill="{style.color}"' in legend
    assert re.search(r'data-label="Program">1<', legend)
    assert re.search(r'data-label="Person">0<', legend)
    types = re.search(r'<ul id="pk-types".*?</ul>', page, re.S).group(0)  # type: ignore[union-attr]
    for rel in RelType:
        assert f'value="{rel.value}"' in types and REL_ZH[rel] in types
    groups = payload(page)["options"]["groups"]
    assert {g: groups[g]["shape"] for g in groups} == {lab.value: s.shape
                                                       for lab, s in LABEL_STYLES.items()}


def test_render_styles_nodes_by_label_and_degree_and_edges_by_type() -> None:
    nodes, edges = small_graph()
    data = payload(render_subgraph(nodes, edges, degrees={nodes[0].id: 9, nodes[1].id: 1},
                                   focus_id=nodes[1].id))
    items = {i["id"]: i for i in data["nodes"]}
    assert items[nodes[0].id]["group"] == "Region" and items[nodes[0].id]["shape"] == "hexagon"
    assert items[nodes[0].id]["size"] == node_size(9) > items[nodes[1].id]["size"] == node_size(1)
    assert items[nodes[1].id]["borderWidth"] > items[nodes[0].id].get("borderWidth", 1)
    assert items[nodes[1].id]["entity"] == {
        "label": "Program", "name": "燕归巢行动", "aliases": ["燕归巢"],
        "properties": {"kind": "行动"}, "degree": 1, "full": True,
        "evidence": [{"source": "source:s1", "start": 3, "end": 8,
                      "sentence": "鄂尔多斯市实施燕归巢行动"}]}
    assert {(e["id"], e["label"]) for e in data["edges"]} == {
        (f"RUNS|{nodes[0].id}|{nodes[1].id}", "RUNS"),
        (f"TARGETS|{nodes[1].id}|{nodes[2].id}", "TARGETS")}


def test_render_drops_edges_to_nodes_not_drawn() -> None:
    nodes, edges = small_graph()
    data = payload(render_subgraph(nodes[:2], edges))
    assert [e["label"] for e in data["edges"]] == ["RUNS"]


def test_render_uses_a_chinese_font_stack_for_page_and_canvas() -> None:
    page = hostile_page()
    for font in ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
                 "Microsoft YaHei", "sans-serif"):
        assert font in FONT_STACK
    assert f"--pk-font: {FONT_STACK};" in page
    assert payload(page)["options"]["nodes"]["font"]["face"] == FONT_STACK


def test_render_shows_a_cap_note_with_how_to_narrow() -> None:
    nodes, edges = small_graph()
    spec = ViewSpec(depth=2, max_nodes=3)
    page = render_subgraph(nodes, edges, omitted=12, spec=spec, api_base="")
    note = re.search(r'<p id="pk-cap-note"([^>]*)>(.*?)</p>', page, re.S)
    assert note is not None and "hidden" not in note.group(1)
    text = html.unescape(note.group(2))
    assert "12 more were left out" in text and "limit 3" in text
    assert "depth=1" in text and "labels=" in text and "types=" in text
    assert "--depth 1" in cap_note(3, 12, False, spec, file_mode=True)
    assert "at least 2000" in cap_note(300, 2000, True, ViewSpec(), file_mode=False)


def test_render_hides_the_cap_note_when_nothing_was_left_out() -> None:
    nodes, edges = small_graph()
    note = re.search(r'<p id="pk-cap-note"([^>]*)>(.*?)</p>', render_subgraph(nodes, edges))
    assert note is not None and "hidden" in note.group(1) and note.group(2) == ""


def test_render_file_mode_says_search_and_expand_are_offline() -> None:
    nodes, edges = small_graph()
    offline = render_subgraph(nodes, edges, api_base=None)
    online = render_subgraph(nodes, edges, api_base="")
    assert 'data-mode="file"' in offline and payload(offline)["apiBase"] is None
    assert 'data-mode="api"' in online and payload(online)["apiBase"] == ""
    assert re.search(r'<p id="pk-mode-note"[^>]*class="[^"]*"\s*>', offline)
    assert re.search(r'<p id="pk-mode-note"[^>]*hidden>', online)


def test_assets_keep_inline_scripts_closed() -> None:
    assert assets.inline_script('var s = "</script><b>";') == 'var s = "<\\/script><b>";'
    assert "</script" not in assets.explorer_js().lower()
