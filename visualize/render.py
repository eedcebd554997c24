"""Render a subgraph as one self-contained explorer page.

pyvis builds the vis-network nodes, edges and physics options; the page itself comes from
our template, because pyvis' own template loads Bootstrap and vis-network from CDNs. The
page inlines vis-network (the build pyvis ships) and the explorer's script and style sheet,
and a Content-Security-Policy forbids every request except, in API mode, to the API.

Document strings never reach the HTML as markup: graph data travels as JSON inside
<script type="application/json"> with `<`, `>`, `&`, U+2028 and U+2029 escaped; the title is
escaped by Jinja; the browser code builds the DOM with textContent.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from schema.labels import Label, RelType
from schema.model import Edge, Evidence, Node
from visualize import assets
from visualize.style import (EDGE_COLOR, EDGE_HIGHLIGHT, FONT_STACK, LABEL_STYLES, REL_ZH,
                             SIZE_BASE, SIZE_FACTOR, SIZE_MAX, node_size, vis_groups)

#: Characters of a name drawn under its node (the full name is in the hover title).
SHORT_NAME = 16
#: Characters of the evidence sentence in a hover title.
TITLE_SENTENCE = 160
#: Border width of the focus node (others: 1).
FOCUS_BORDER = 4

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """How the page's subgraph was asked for: shown in the cap note, reused by the page
    when it fetches more from the API."""

    depth: int = 2
    labels: tuple[Label, ...] | None = None
    types: tuple[RelType, ...] | None = None
    max_nodes: int = 300


def script_json(value: Any) -> str:
    """`value` as JSON that is inert inside <script type="application/json">: no `<`, `>`,
    `&` (so no `</script>` or `<!--`), no U+2028/U+2029."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def short_name(name: str, limit: int = SHORT_NAME) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _source_line(ev: Evidence, source_names: Mapping[str, str]) -> str:
    name = source_names.get(ev.source)
    return f"— {name} ({ev.source})" if name else f"— {ev.source}"


def _sentence(ev: Evidence) -> str:
    s = ev.sentence.strip()
    return "“" + (s if len(s) <= TITLE_SENTENCE else s[: TITLE_SENTENCE - 1] + "…") + "”"


def node_title(node: Node, source_names: Mapping[str, str]) -> str:
    """Plain-text hover title: name, label, aliases, one evidence sentence and its source
    (vis-network shows a string title as text, never as HTML)."""
    style = LABEL_STYLES[node.label]
    lines = [node.name, f"{style.zh} · {node.label.value}"]
    if node.aliases:
        lines.append("别名 aliases: " + "、".join(sorted(node.aliases)))
    if node.evidence:
        ev = node.evidence[0]
        lines += [_sentence(ev), _source_line(ev, source_names)]
    return "\n".join(lines)


def edge_title(edge: Edge, names: Mapping[str, str], source_names: Mapping[str, str]) -> str:
    lines = [f"{edge.type.value} {REL_ZH[edge.type]}",
             f"{names.get(edge.source, edge.source)} → {names.get(edge.target, edge.target)}"]
    if edge.evidence:
        ev = edge.evidence[0]
        lines += [_sentence(ev), _source_line(ev, source_names)]
    return "\n".join(lines)


def edge_id(edge: Edge) -> str:
    """The vis item id of an edge: its key, as the browser code builds it too."""
    return f"{edge.type.value}|{edge.source}|{edge.target}"


def _evidence(items: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [{"source": e.source, "start": e.start, "end": e.end, "sentence": e.sentence}
            for e in items]


def vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options from pyvis' physics settings, tuned to the graph's size:
    fewer stabilisation iterations, straight edges and no "improved layout" when large."""
    from pyvis.network import Network  # imports IPython and networkx: only when rendering

    net = Network(directed=True)
    net.force_atlas_2based(gravity=-60, central_gravity=0.01, spring_length=120,
                           spring_strength=0.06, damping=0.5, overlap=0.1)
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["physics"]["stabilization"].update(
        iterations=300 if n_nodes <= 100 else 200 if n_nodes <= 300 else 150,
        updateInterval=25, fit=True)
    options["physics"]["minVelocity"] = 1.0
    options["layout"] = {"improvedLayout": n_nodes <= 100, "randomSeed": 7}
    options["nodes"] = {"borderWidth": 1,
                        "font": {"face": FONT_STACK, "size": 14, "strokeWidth": 3,
                                 "strokeColor": "#ffffff", "color": "#1f2328"}}
    options["edges"] = {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                        "color": {"color": EDGE_COLOR, "highlight": EDGE_HIGHLIGHT,
                                  "hover": EDGE_HIGHLIGHT, "inherit": False},
                        "font": {"face": FONT_STACK, "size": 10, "color": "#555",
                                 "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
                        "smooth": ({"enabled": True, "type": "continuous"} if n_nodes <= 300
                                   else {"enabled": False}),
                        "width": 1}
    options["groups"] = vis_groups()
    options["interaction"] = {"hover": True, "tooltipDelay": 120, "dragNodes": True,
                              "hideEdgesOnDrag": n_nodes > 300, "multiselect": False}
    return options


def vis_data(nodes: Sequence[Node], edges: Sequence[Edge], degrees: Mapping[str, int],
             source_names: Mapping[str, str], focus_id: str | None = None,
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis-network items, built with pyvis: nodes grouped (coloured, shaped) by label,
    sized by degree, each carrying its record under `entity`; edges labelled by type,
    carrying theirs under `relation`. The focus gets a thick border."""
    from pyvis.network import Network

    net = Network(directed=True)
    names = {n.id: n.name for n in nodes}
    for n in nodes:
        degree = degrees.get(n.id, 0)
        net.add_node(n.id, label=short_name(n.name), shape=LABEL_STYLES[n.label].shape,
                     group=n.label.value, size=node_size(degree),
                     title=node_title(n, source_names),
                     entity={"label": n.label.value, "name": n.name,
                             "aliases": sorted(n.aliases), "properties": n.properties,
                             "evidence": _evidence(n.evidence), "degree": degree,
                             "full": True},
                     **({"borderWidth": FOCUS_BORDER} if n.id == focus_id else {}))
    for e in edges:
        if e.source in names and e.target in names:
            net.add_edge(e.source, e.target, id=edge_id(e), label=e.type.value,
                         title=edge_title(e, names, source_names),
                         relation={"type": e.type.value, "properties": e.properties,
                                   "evidence": _evidence(e.evidence)})
    return net.nodes, net.edges


def narrowing_hint(spec: ViewSpec, file_mode: bool) -> str:
    """How to ask for a smaller view, in the words of the CLI or of the URL."""
    depth = max(spec.depth - 1, 0)
    if file_mode:
        return (f"缩小范围 Narrow it: --depth {depth}, --labels Program,TalentGroup or "
                f"--types PART_OF,TARGETS (or raise --max-nodes).")
    return (f"缩小范围 Narrow it: depth={depth}, labels=Program,TalentGroup or "
            f"types=PART_OF,TARGETS in the address (or raise limit).")


def cap_note(shown: int, omitted: int, at_least: bool, spec: ViewSpec, file_mode: bool) -> str:
    """The visible note for a capped neighbourhood, or "" when nothing was left out."""
    if omitted <= 0:
        return ""
    more = f"{'at least ' if at_least else ''}{omitted}"
    return (f"只显示最近的 {shown} 个节点，另有 {more} 个未显示。 Showing the nearest {shown} "
            f"nodes (limit {spec.max_nodes}); {more} more were left out. "
            + narrowing_hint(spec, file_mode))


def _connect_src(api_base: str | None) -> str:
    if api_base is None:
        return "'none'"
    if api_base == "":
        return "'self'"
    base = api_base.rstrip("/")
    if not _ORIGIN.match(base):
        raise ValueError(f"api_base must be '' (same origin) or an origin like "
                         f"http://host:port, not {api_base!r}")
    return base


def content_security_policy(api_base: str | None) -> str:
    """No request at all except, in API mode, to the API; only our inline scripts run."""
    return ("default-src 'none'; script-src " + " ".join(assets.script_hashes())
            + "; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
            + f"connect-src {_connect_src(api_base)}; base-uri 'none'; form-action 'none'")


def render_subgraph(nodes: Sequence[Node], edges: Sequence[Edge], *,
                    focus_id: str | None = None, omitted: int = 0,
                    omitted_at_least: bool = False, api_base: str | None = None,
                    title: str = "policykg explorer", spec: ViewSpec | None = None,
                    degrees: Mapping[str, int] | None = None,
                    source_names: Mapping[str, str] | None = None,
                    suggestions: Sequence[tuple[Node, int]] = ()) -> str:
    """The explorer page for `nodes` and the `edges` among them.

    `api_base` is where the page fetches more (`""` = same origin); `None` makes an
    offline file whose search and expand use only the embedded data. `omitted` counts the
    nodes left out by the cap (`omitted_at_least`: the count itself was capped).
    `degrees` sizes the nodes (default: edges in this subgraph); `source_names` names the
    sources of evidence; `suggestions` (node, degree) are offered when there is no focus.
    """
    spec = spec or ViewSpec()
    file_mode = api_base is None
    connect = _connect_src(api_base)  # validates api_base before any work
    if degrees is None:
        counted: dict[str, int] = {}
        for e in edges:
            for end in (e.source, e.target):
                counted[end] = counted.get(end, 0) + 1
        degrees = counted
    source_names = source_names or {}
    vis_nodes, vis_edges = vis_data(nodes, edges, degrees, source_names, focus_id)
    by_label = {label: 0 for label in Label}
    for n in nodes:
        by_label[n.label] += 1
    by_type = {rel: 0 for rel in RelType}
    for item in vis_edges:
        by_type[RelType(item["label"])] += 1
    note = cap_note(len(nodes), omitted, omitted_at_least, spec, file_mode)
    payload = {
        "mode": "file" if file_mode else "api",
        "apiBase": None if api_base is None else api_base.rstrip("/"),
        "focus": focus_id,
        "spec": {"depth": spec.depth, "maxNodes": spec.max_nodes,
                 "labels": [x.value for x in spec.labels] if spec.labels else None,
                 "types": [x.value for x in spec.types] if spec.types else None},
        "nodes": vis_nodes, "edges": vis_edges, "sources": dict(source_names),
        "omitted": omitted, "omittedAtLeast": omitted_at_least,
        "options": vis_options(len(nodes)),
        "labels": {label.value: {"color": s.color, "shape": s.shape, "zh": s.zh}
                   for label, s in LABEL_STYLES.items()},
        "types": {rel.value: REL_ZH[rel] for rel in RelType},
        "sizing": {"base": SIZE_BASE, "factor": SIZE_FACTOR, "max": SIZE_MAX},
        "suggestions": [{"id": n.id, "label": n.label.value, "name": n.name, "degree": d}
                        for n, d in suggestions],
        "hints": {"narrow": narrowing_hint(spec, file_mode)},
        "focusBorder": FOCUS_BORDER,
    }
    return assets.page_template().render(
        title=title, mode=payload["mode"], csp=content_security_policy(api_base),
        connect=connect, font_stack=FONT_STACK, cap_note=note,
        labels=[{"name": label.value, "zh": s.zh, "color": s.color, "shape": s.shape,
                 "count": by_label[label]} for label, s in LABEL_STYLES.items()],
        types=[{"name": rel.value, "zh": REL_ZH[rel], "count": by_type[rel]} for rel in RelType],
        node_count=len(nodes), edge_count=len(vis_edges),
        data_json=script_json(payload), vis_css=assets.vis_css(), vis_js=assets.vis_js(),
        explorer_css=assets.explorer_css(), explorer_js=assets.explorer_js())
