/* policykg explorer: the browser side of visualize/render.py (plain ES2017, no imports).
 *
 * Every document string reaches the page through textContent or through vis-network's
 * string titles (shown as text): never as HTML. In API mode the page fetches /search,
 * /entities/{id} and /entities/{id}/neighbors from data.apiBase ("" = same origin); opened
 * from a file (mode "file") it searches and expands within the embedded data only.
 *
 * For tests: window.policykg = {nodes, edges, network, stable, busy, ...}; `stable` (and
 * body[data-stable]) turns true once the graph has stabilised and been drawn, `busy` (and
 * body[data-busy]) counts unfinished fetches. Wait on `body[data-stable=true][data-busy="0"]`:
 * the page's Content-Security-Policy forbids eval, so a test tool's string predicates fail.
 * `firstStableAt` is the performance.now() of the first stable drawing (benchmarks).
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("pk-data").textContent);
  var API = data.mode === "api" ? data.apiBase : null;
  var LABELS = data.labels;
  var TYPES = data.types;
  var SPEC = data.spec;

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function shortName(name) {
    return name.length <= 16 ? name : name.slice(0, 15) + "…";
  }

  function nodeSize(degree) {
    var s = data.sizing;
    return Math.round(Math.min(s.max, s.base + s.factor * Math.sqrt(Math.max(degree, 0))) * 10) / 10;
  }

  function sourceName(id) { return data.sources[id] || null; }

  function sourceLine(ev) {
    var name = sourceName(ev.source);
    return name ? "— " + name + " (" + ev.source + ")" : "— " + ev.source;
  }

  function sentence(ev) {
    var s = String(ev.sentence || "").trim();
    return "“" + (s.length <= 160 ? s : s.slice(0, 159) + "…") + "”";
  }

  /* The same plain-text titles visualize/render.py builds. */
  function nodeTitle(n) {
    var style = LABELS[n.label] || {zh: ""};
    var lines = [n.name, style.zh + " · " + n.label];
    if (n.aliases && n.aliases.length) { lines.push("别名 aliases: " + n.aliases.join("、")); }
    if (n.evidence && n.evidence.length) { lines.push(sentence(n.evidence[0]), sourceLine(n.evidence[0])); }
    return lines.join("\n");
  }

  function edgeTitle(e) {
    var a = nodes.get(e.source), b = nodes.get(e.target);
    var lines = [e.type + " " + (TYPES[e.type] || ""),
      (a ? a.entity.name : e.source) + " → " + (b ? b.entity.name : e.target)];
    if (e.evidence && e.evidence.length) { lines.push(sentence(e.evidence[0]), sourceLine(e.evidence[0])); }
    return lines.join("\n");
  }

  function edgeId(e) { return e.type + "|" + e.source + "|" + e.target; }

  /* A vis item for a node from the API (the shape of EntityOut). */
  function nodeItem(n) {
    var style = LABELS[n.label] || {};
    return {
      id: n.id, label: shortName(n.name), group: n.label, shape: style.shape,
      title: nodeTitle(n), size: nodeSize(0),
      entity: {label: n.label, name: n.name, aliases: n.aliases || [], properties: n.properties || {},
        evidence: n.evidence || [], degree: null, full: false}
    };
  }

  function edgeItem(e) {
    return {
      id: edgeId(e), from: e.source, to: e.target, label: e.type, title: edgeTitle(e),
      relation: {type: e.type, properties: e.properties || {}, evidence: e.evidence || []}
    };
  }

  // -- the network ---------------------------------------------------------------------

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network($("pk-graph"), {}, data.options);
  var pk = window.policykg = {
    nodes: nodes, edges: edges, network: network, stable: false, busy: 0,
    mode: data.mode, focus: data.focus, physics: true, errors: [], firstStableAt: null
  };
  var waiting = false;  // true while a stabilisation runs

  function unstable(stabilising) {
    pk.stable = false;
    document.body.dataset.stable = "false";
    waiting = stabilising;
  }

  network.on("stabilizationIterationsDone", function () {
    waiting = false;
    if (!pk.physics) { network.setOptions({physics: {enabled: false}}); }
    network.redraw();
  });
  network.on("stabilized", function () { if (waiting) { waiting = false; network.redraw(); } });
  network.on("afterDrawing", function () {
    if (!waiting && !pk.stable) {
      pk.stable = true;
      if (pk.firstStableAt === null) { pk.firstStableAt = performance.now(); }
      document.body.dataset.stable = "true";
    }
  });

  /* After a change of data: let physics settle, or just redraw without it — except when
     the whole graph was `replaced`: then lay it out once even with physics switched off. */
  function settle(replaced) {
    if ((pk.physics || replaced) && nodes.length > 0) {
      unstable(true);
      if (!pk.physics) { network.setOptions({physics: {enabled: true}}); }
      network.stabilize(nodes.length > 300 ? 150 : 250);
    } else {
      unstable(false);
      network.redraw();
    }
  }

  unstable(pk.physics && nodes.length > 0);
  network.setData({nodes: nodes, edges: edges});
  network.redraw();

  function setStatus(text) { $("pk-status").textContent = text || ""; }

  function fail(err) {
    var msg = String(err && err.message ? err.message : err);
    pk.errors.push(msg);
    setStatus("出错了 Error: " + msg);
  }

  /* Run `work` (which may return a promise) as one unit that tests can wait for. */
  function busy(delta) {
    pk.busy += delta;
    document.body.dataset.busy = String(pk.busy);
  }

  function task(work) {
    busy(1);
    setStatus("");
    return Promise.resolve().then(work).catch(fail).then(function () {
      busy(-1);
      if (!waiting) { network.redraw(); }
    });
  }

  function query(params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      var v = params[k];
      if (v === null || v === undefined || v === "") { return; }
      q.set(k, Array.isArray(v) ? v.join(",") : String(v));
    });
    return q.toString();
  }

  function getJSON(path) {
    return fetch(API + path, {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (body) {
          if (!r.ok) { throw new Error((body.code || r.status) + ": " + (body.detail || r.statusText)); }
          return body;
        });
      });
  }

  // -- filters -------------------------------------------------------------------------

  var hiddenLabels = new Set();
  var hiddenTypes = new Set();

  function applyFilters() {
    var hiddenNodes = new Set(), nodeUpdates = [], edgeUpdates = [];
    nodes.forEach(function (n) {
      var hide = hiddenLabels.has(n.group);
      if (hide) { hiddenNodes.add(n.id); }
      if (Boolean(n.hidden) !== hide) { nodeUpdates.push({id: n.id, hidden: hide}); }
    });
    edges.forEach(function (e) {
      var hide = hiddenTypes.has(e.label) || hiddenNodes.has(e.from) || hiddenNodes.has(e.to);
      if (Boolean(e.hidden) !== hide) { edgeUpdates.push({id: e.id, hidden: hide}); }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
  }

  function updateCounts() {
    var byLabel = {}, byType = {};
    nodes.forEach(function (n) { byLabel[n.group] = (byLabel[n.group] || 0) + 1; });
    edges.forEach(function (e) { byType[e.label] = (byType[e.label] || 0) + 1; });
    document.querySelectorAll(".pk-count[data-label]").forEach(function (span) {
      var n = byLabel[span.dataset.label] || 0;
      span.textContent = String(n);
      span.classList.toggle("pk-zero", n === 0);
    });
    document.querySelectorAll(".pk-count[data-type]").forEach(function (span) {
      var n = byType[span.dataset.type] || 0;
      span.textContent = String(n);
      span.classList.toggle("pk-zero", n === 0);
    });
  }

  document.querySelectorAll(".pk-label-filter").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hiddenLabels.delete(box.value); } else { hiddenLabels.add(box.value); }
      applyFilters();
    });
  });
  document.querySelectorAll(".pk-type-filter").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hiddenTypes.delete(box.value); } else { hiddenTypes.add(box.value); }
      applyFilters();
    });
  });

  $("pk-physics").addEventListener("change", function (ev) {
    pk.physics = ev.target.checked;
    network.setOptions({physics: {enabled: pk.physics}});
  });

  // -- adding what the API returns -----------------------------------------------------

  /* Sizes from the best known degree: the store's, else the edges drawn here. */
  function resize() {
    var local = {}, updates = [];
    edges.forEach(function (e) {
      local[e.from] = (local[e.from] || 0) + 1;
      local[e.to] = (local[e.to] || 0) + 1;
    });
    nodes.forEach(function (n) {
      var known = n.entity.degree;
      var size = nodeSize(known === null || known === undefined ? (local[n.id] || 0) : known);
      if (size !== n.size) { updates.push({id: n.id, size: size}); }
    });
    if (updates.length) { nodes.update(updates); }
  }

  /* Add the nodes and edges of a Subgraph answer that are not here yet; new nodes start
     around `anchor` (if given). Returns the ids of the new nodes and edges. */
  function addSubgraph(sub, anchor) {
    var at = anchor && nodes.get(anchor) ? network.getPosition(anchor) : null;
    var fresh = sub.nodes.filter(function (n) { return nodes.get(n.id) === null; }).map(function (n) {
      var item = nodeItem(n);
      if (at) {
        var angle = Math.random() * 2 * Math.PI, r = 80 + Math.random() * 120;
        item.x = at.x + r * Math.cos(angle);
        item.y = at.y + r * Math.sin(angle);
      }
      if (hiddenLabels.has(item.group)) { item.hidden = true; }
      return item;
    });
    nodes.add(fresh);
    var newEdges = sub.edges.filter(function (e) { return edges.get(edgeId(e)) === null; }).map(edgeItem);
    edges.add(newEdges);
    applyFilters();
    resize();
    updateCounts();
    return {nodes: fresh.map(function (n) { return n.id; }), edges: newEdges.map(function (e) { return e.id; })};
  }

  function capText(shown) {
    return "只显示最近的 " + shown + " 个节点，还有更多未显示。 Showing the nearest " + shown +
      " nodes (limit " + SPEC.maxNodes + "); more were left out. " + data.hints.narrow;
  }

  function setCapNote(text) {
    var note = $("pk-cap-note");
    note.textContent = text;
    note.hidden = !text;
  }

  function neighborsPath(id, depth) {
    return "/entities/" + encodeURIComponent(id) + "/neighbors?" +
      query({depth: depth, limit: SPEC.maxNodes, labels: SPEC.labels, types: SPEC.types});
  }

  /* Show `id`'s neighbourhood instead of the current graph (API), or centre on it (file). */
  function focusOn(id) {
    hideResults();
    if (API === null) {
      network.selectNodes([id]);
      network.focus(id, {scale: 1.2, animation: false});
      showNode(id);
      return Promise.resolve();
    }
    return task(function () {
      unstable(false);
      return getJSON(neighborsPath(id, SPEC.depth)).then(function (sub) {
        nodes.clear();
        edges.clear();
        var added = addSubgraph(sub, null);
        pk.focus = sub.focus;
        if (nodes.get(sub.focus)) { nodes.update({id: sub.focus, borderWidth: data.focusBorder}); }
        setCapNote(sub.truncated ? capText(sub.nodes.length) : "");
        history.replaceState(null, "", "?" + query({focus: sub.focus, depth: SPEC.depth,
          labels: SPEC.labels, types: SPEC.types, limit: SPEC.maxNodes}));
        settle(true);
        network.selectNodes([sub.focus]);
        return Promise.all([showNode(sub.focus), retitle(added.nodes, added.edges)]);
      });
    });
  }

  /* Add `id`'s direct neighbours to the graph (API), or select those in the file. */
  function expand(id) {
    if (API === null) {
      var around = network.getConnectedNodes(id);
      network.selectNodes([id].concat(around));
      setStatus("离线文件：只显示本文件中已有的 " + around.length + " 个邻居。 Offline file: " +
        around.length + " neighbours of this node are in the file (selected); the rest of the graph is not.");
      return Promise.resolve();
    }
    return task(function () {
      unstable(false);
      return getJSON(neighborsPath(id, 1)).then(function (sub) {
        var added = addSubgraph(sub, id);
        setStatus("展开 Expanded: +" + added.nodes.length + " nodes" +
          (sub.truncated ? "; more neighbours were left out (limit " + SPEC.maxNodes + ")" : ""));
        settle(false);
        return retitle(added.nodes, added.edges);
      });
    });
  }

  // -- the side panel ------------------------------------------------------------------

  function evidenceList(items) {
    var list = el("ol", "pk-evidence");
    items.forEach(function (ev) {
      var li = el("li");
      li.append(el("blockquote", null, ev.sentence));
      var src = el("p", "pk-src", evidenceSource(ev));
      src.dataset.source = ev.source;
      src.dataset.start = String(ev.start);
      src.dataset.end = String(ev.end);
      li.append(src);
      list.append(li);
    });
    return list;
  }

  var asked = new Map();  // source id -> the fetch of its name (done or in flight)

  /* In API mode, learn the names of these sources (at most 30 new ones per call). Resolves
     once every one of them is known, including those another caller is already fetching. */
  function learnSources(ids) {
    if (API === null) { return Promise.resolve(false); }
    var wanted = Array.from(new Set(ids)).filter(function (s) { return !sourceName(s); });
    var unknown = wanted.filter(function (s) { return !asked.has(s); }).slice(0, 30);
    unknown.forEach(function (sid) {
      asked.set(sid, getJSON("/entities/" + encodeURIComponent(sid)).then(function (ent) {
        data.sources[sid] = ent.name;
      }).catch(function () { /* a source without a node keeps its id */ }));
    });
    var pending = wanted.filter(function (s) { return asked.has(s); })
      .map(function (s) { return asked.get(s); });
    return Promise.all(pending).then(function () { return pending.length > 0; });
  }

  function evidenceSource(ev) { return sourceLine(ev) + " [" + ev.start + "–" + ev.end + ")"; }

  /* Name the sources in a panel's evidence list once they are known. */
  function nameSources(box, items) {
    return learnSources(items.map(function (ev) { return ev.source; })).then(function () {
      box.querySelectorAll(".pk-src").forEach(function (p) {
        var ev = {source: p.dataset.source, start: p.dataset.start, end: p.dataset.end};
        p.textContent = evidenceSource(ev);
      });
    });
  }

  /* Hover titles of items whose first evidence names a source, once its name is known. */
  function retitle(nodeIds, edgeIds) {
    var firstSource = function (list) { return list.length ? [list[0].source] : []; };
    var ids = [];
    nodes.get(nodeIds).forEach(function (n) { ids = ids.concat(firstSource(n.entity.evidence)); });
    edges.get(edgeIds).forEach(function (e) { ids = ids.concat(firstSource(e.relation.evidence)); });
    return learnSources(ids).then(function (learnt) {
      if (!learnt) { return; }
      nodes.update(nodes.get(nodeIds).map(function (n) {
        return {id: n.id, title: nodeTitle(Object.assign({id: n.id}, n.entity))};
      }));
      edges.update(edges.get(edgeIds).map(function (e) {
        return {id: e.id, title: edgeTitle({type: e.label, source: e.from, target: e.to,
          evidence: e.relation.evidence})};
      }));
    });
  }

  function actionLink(text, onClick, className) {
    var a = el("a", className, text);
    a.href = "#";
    a.setAttribute("role", "button");
    a.addEventListener("click", function (ev) { ev.preventDefault(); onClick(); });
    return a;
  }

  function openPanel() {
    $("pk-hint").hidden = true;
    var box = $("pk-details");
    box.replaceChildren();
    box.hidden = false;
    return box;
  }

  function showNode(id) {
    var item = nodes.get(id);
    if (!item) { return Promise.resolve(); }
    var ent = item.entity, style = LABELS[ent.label] || {zh: ""};
    var box = openPanel();
    box.dataset.kind = "node";
    box.dataset.id = id;
    box.append(el("h2", "pk-name", ent.name));
    box.append(el("p", "pk-kind", style.zh + " · " + ent.label +
      (ent.degree === null || ent.degree === undefined ? "" : " · " + ent.degree + " 个关系 relationships")));
    box.append(el("p", "pk-id", id));
    if (ent.aliases.length) { box.append(el("p", "pk-aliases", "别名 aliases: " + ent.aliases.join("、"))); }
    var keys = Object.keys(ent.properties);
    if (keys.length) {
      var dl = el("dl", "pk-props");
      keys.forEach(function (k) {
        var v = ent.properties[k];
        dl.append(el("dt", null, k), el("dd", null, typeof v === "string" ? v : JSON.stringify(v)));
      });
      box.append(dl);
    }
    var actions = el("p", "pk-actions");
    actions.append(actionLink(API === null ? "显示邻居 Show neighbours" : "展开邻居 Expand",
      function () { expand(id); }, "pk-expand"));
    if (API !== null && id !== pk.focus) {
      actions.append(actionLink("以此为中心 Focus here", function () { focusOn(id); }, "pk-refocus"));
    }
    box.append(actions);
    box.append(el("h3", null, "证据 Evidence (" + ent.evidence.length + ")"));
    box.append(evidenceList(ent.evidence));
    if (API === null) { return Promise.resolve(); }
    return task(function () {
      var more = ent.full ? Promise.resolve() : getJSON("/entities/" + encodeURIComponent(id)).then(function (full) {
        ent.degree = full.degree;
        ent.evidence = full.evidence;
        ent.full = true;
        nodes.update({id: id, entity: ent, size: nodeSize(full.degree)});
        if ($("pk-details").dataset.id === id) { showNode(id); }
      });
      return more.then(function () { return nameSources(box, ent.evidence); });
    });
  }

  function showEdge(id) {
    var item = edges.get(id);
    if (!item) { return; }
    var rel = item.relation, a = nodes.get(item.from), b = nodes.get(item.to);
    var box = openPanel();
    box.dataset.kind = "edge";
    box.dataset.id = id;
    box.append(el("h2", "pk-name", rel.type + " " + (TYPES[rel.type] || "")));
    box.append(el("p", "pk-kind", (a ? a.entity.name : item.from) + " → " + (b ? b.entity.name : item.to)));
    box.append(el("h3", null, "证据 Evidence (" + rel.evidence.length + ")"));
    box.append(evidenceList(rel.evidence));
    nameSources(box, rel.evidence);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); } else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // -- search --------------------------------------------------------------------------

  function hideResults() { $("pk-results").hidden = true; }

  function renderResults(items, caption) {
    var list = $("pk-results");
    list.replaceChildren();
    if (caption) { list.append(el("li", "pk-caption", caption)); }
    if (!items.length) { list.append(el("li", "pk-caption", "没有结果 No match")); }
    items.forEach(function (n) {
      var li = el("li");
      var button = el("button", "pk-result");
      button.type = "button";
      button.dataset.id = n.id;
      var dot = el("span", "pk-dot");
      dot.style.background = (LABELS[n.label] || {color: "#999"}).color;
      button.append(dot, el("span", "pk-result-name", n.name),
        el("span", "pk-en", (LABELS[n.label] || {zh: ""}).zh + " " + n.label));
      button.addEventListener("click", function () { focusOn(n.id); });
      li.append(button);
      list.append(li);
    });
    list.hidden = false;
  }

  function fold(text) { return String(text).normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }

  /* Offline search: the ranking of GraphStore.search over the nodes in this file. */
  function localSearch(q) {
    var key = fold(q), hits = [];
    if (!key) { return hits; }
    nodes.forEach(function (item) {
      var ent = item.entity, name = fold(ent.name), aliases = ent.aliases.map(fold), rank;
      if (name === key) { rank = 0; } else if (aliases.indexOf(key) >= 0) { rank = 1; } else if (name.startsWith(key)) { rank = 2; } else if (name.indexOf(key) >= 0 || aliases.some(function (a) { return a.indexOf(key) >= 0; })) { rank = 3; } else { return; }
      hits.push({rank: rank, id: item.id, label: ent.label, name: ent.name});
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    return hits.slice(0, 20);
  }

  $("pk-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = $("pk-q").value.trim();
    if (!q) { return; }
    if (API === null) {
      renderResults(localSearch(q), "离线文件：只搜索本文件中的实体 Offline file: searching this file only");
      return;
    }
    task(function () {
      return getJSON("/search?" + query({q: q, limit: 20})).then(function (page) {
        renderResults(page.items, null);
      });
    });
  });

  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { hideResults(); } });

  // -- start ---------------------------------------------------------------------------

  data.suggestions.forEach(function (s) {
    var li = el("li"), button = el("button", "pk-suggestion");
    button.type = "button";
    button.dataset.id = s.id;
    var dot = el("span", "pk-dot");
    dot.style.background = (LABELS[s.label] || {color: "#999"}).color;
    dot.style.display = "inline-block";
    button.append(dot, document.createTextNode(" " + s.name + " (" + s.degree + ")"));
    button.addEventListener("click", function () {
      if (API === null) { return; }
      focusOn(s.id);
    });
    li.append(button);
    $("pk-suggestions").append(li);
  });
  if (data.suggestions.length) {
    $("pk-hint").insertBefore(el("p", null, "关系最多的实体 Most connected:"), $("pk-suggestions"));
  }

  updateCounts();
  if (data.focus && nodes.get(data.focus)) {
    network.selectNodes([data.focus]);
    showNode(data.focus);
  }
}());
