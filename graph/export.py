"""Exports of a store: the JSON the evaluator reads (design.md §4), GraphML for Gephi and
CSV for `neo4j-admin database import full`. Every file is written atomically.

All three carry the same facts: a node's or edge's evidence goes into its properties under
"evidence" (a list of `Evidence.to_dict()`), so every exported fact stays traceable.
Output is deterministic: nodes sorted by id, edges by (type, source, target), property
keys sorted.
"""
from __future__ import annotations

import csv
import json
import logging
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graph.base import GraphStore
from graph.memory import write_atomically
from schema.errors import ExportError, StoreError
from schema.model import Edge, Node

logger = logging.getLogger(__name__)

NODE_CSV_HEADER = ["id:ID", ":LABEL", "name", "aliases:string[]", "properties"]
REL_CSV_HEADER = [":START_ID", ":END_ID", ":TYPE", "properties"]
CSV_ARRAY_DELIMITER = ";"  # neo4j-admin's default --array-delimiter


def _sorted_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_keys(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(v) for v in value]
    return value


def node_record(node: Node) -> dict[str, Any]:
    """A node as design.md §4 has it: id, label, name, aliases, properties (+ evidence)."""
    props = _sorted_keys(node.properties)
    props["evidence"] = [e.to_dict() for e in node.evidence]
    return {"id": node.id, "label": node.label.value, "name": node.name,
            "aliases": sorted(node.aliases), "properties": props}


def edge_record(edge: Edge) -> dict[str, Any]:
    """An edge as design.md §4 has it: type, source, target, properties (+ evidence)."""
    props = _sorted_keys(edge.properties)
    props["evidence"] = [e.to_dict() for e in edge.evidence]
    return {"type": edge.type.value, "source": edge.source, "target": edge.target,
            "properties": props}


def node_records(store: GraphStore) -> list[dict[str, Any]]:
    return [node_record(n) for n in sorted(store.iter_nodes(), key=lambda n: n.id)]


def edge_records(store: GraphStore) -> list[dict[str, Any]]:
    return [edge_record(e) for e in sorted(store.iter_edges(), key=lambda e: e.key)]


def export_document(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """The JSON export as a dict: `{"nodes": [...], "edges": [...]}`, sorted."""
    return {"nodes": node_records(store), "edges": edge_records(store)}


def _write(path: Path, write: Any, *, binary: bool = False) -> None:
    try:
        write_atomically(path, write, binary=binary)
    except StoreError as e:
        raise ExportError(e.message) from e


def export_json(store: GraphStore, path: Path) -> None:
    """Write the design.md §4 export to `path` (UTF-8, `ensure_ascii=False`, indent 1)."""
    doc = export_document(store)
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    _write(Path(path), lambda f: f.write(text))
    logger.info("exported %d nodes, %d edges to %s", len(doc["nodes"]), len(doc["edges"]), path)


def graphml_graph(store: GraphStore) -> nx.MultiDiGraph:
    """The store as a MultiDiGraph with scalar attributes only (GraphML cannot hold lists):
    nodes have label, name, aliases (joined by "|") and properties (a JSON string); edges
    have type and properties, and their GraphML id is their type."""
    graph = nx.MultiDiGraph()
    for rec in node_records(store):
        graph.add_node(rec["id"], label=rec["label"], name=rec["name"],
                       aliases="|".join(rec["aliases"]),
                       properties=json.dumps(rec["properties"], ensure_ascii=False))
    for rec in edge_records(store):
        graph.add_edge(rec["source"], rec["target"], key=rec["type"], type=rec["type"],
                       properties=json.dumps(rec["properties"], ensure_ascii=False))
    return graph


def export_graphml(store: GraphStore, path: Path) -> None:
    """Write the store as GraphML (for Gephi) to `path`."""
    graph = graphml_graph(store)
    _write(Path(path), lambda f: nx.write_graphml(graph, f, encoding="utf-8"), binary=True)
    logger.info("exported %d nodes, %d edges to %s", graph.number_of_nodes(),
                graph.number_of_edges(), path)


def _csv_aliases(node_id: str, aliases: list[str]) -> str:
    clean = []
    for alias in aliases:
        if CSV_ARRAY_DELIMITER in alias:
            logger.warning("alias %r of %s contains %r; replaced by '；' in the CSV export",
                           alias, node_id, CSV_ARRAY_DELIMITER)
            alias = alias.replace(CSV_ARRAY_DELIMITER, "；")
        clean.append(alias)
    return CSV_ARRAY_DELIMITER.join(clean)


def export_csv(store: GraphStore, directory: Path) -> None:
    """Write `nodes.csv` and `relationships.csv` (UTF-8, quoted by the csv module) into
    `directory`, for `neo4j-admin database import full --nodes=nodes.csv
    --relationships=relationships.csv`. Each file is replaced atomically."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise ExportError(f"{directory}: the CSV export needs a directory, not a file")
    nodes, edges = node_records(store), edge_records(store)

    def write_nodes(f: IO[str]) -> None:
        out = csv.writer(f)
        out.writerow(NODE_CSV_HEADER)
        for rec in nodes:
            out.writerow([rec["id"], rec["label"], rec["name"],
                          _csv_aliases(rec["id"], rec["aliases"]),
                          json.dumps(rec["properties"], ensure_ascii=False)])

    def write_edges(f: IO[str]) -> None:
        out = csv.writer(f)
        out.writerow(REL_CSV_HEADER)
        for rec in edges:
            out.writerow([rec["source"], rec["target"], rec["type"],
                          json.dumps(rec["properties"], ensure_ascii=False)])

    _write(directory / "nodes.csv", write_nodes)
    _write(directory / "relationships.csv", write_edges)
    logger.info("exported %d nodes, %d edges to %s", len(nodes), len(edges), directory)
