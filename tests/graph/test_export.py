"""Exports: the design.md §4 JSON exactly, GraphML readable by networkx, neo4j-admin CSV."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pytest

from graph.export import (NODE_CSV_HEADER, REL_CSV_HEADER, export_csv, export_graphml,
                          export_json)
from graph.memory import MemoryGraphStore
from schema.errors import ExportError
from schema.labels import Label, RelType


@pytest.fixture
def store(kg: SimpleNamespace) -> MemoryGraphStore:
    store = MemoryGraphStore(None)
    store.apply(kg.sample()[0])
    return store


def test_export_json_shape_is_design_section_4(store: MemoryGraphStore,
                                               tmp_path: Path) -> None:
    path = tmp_path / "kg.json"
    export_json(store, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert set(doc) == {"nodes", "edges"}
    assert len(doc["nodes"]) == store.node_count()
    assert len(doc["edges"]) == store.edge_count()
    ids = {n["id"] for n in doc["nodes"]}
    for n in doc["nodes"]:
        assert list(n) == ["id", "label", "name", "aliases", "properties"]
        assert n["label"] in {label.value for label in Label}
        assert isinstance(n["aliases"], list) and isinstance(n["properties"], dict)
        assert isinstance(n["properties"]["evidence"], list)
    for e in doc["edges"]:
        assert list(e) == ["type", "source", "target", "properties"]
        assert e["type"] in {t.value for t in RelType}
        assert e["source"] in ids and e["target"] in ids
        assert isinstance(e["properties"]["evidence"], list)
    assert [n["id"] for n in doc["nodes"]] == sorted(ids)
    edge_keys = [(e["type"], e["source"], e["target"]) for e in doc["edges"]]
    assert edge_keys == sorted(edge_keys)


def test_export_json_carries_values_evidence_sources_mentions(store: MemoryGraphStore,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "kg.json"
    export_json(store, path)
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    by_name = {(n["label"], n["name"]): n for n in doc["nodes"]}
    program = by_name[("Program", "燕归巢行动")]
    assert program["aliases"] == ["燕归巢"]
    assert program["properties"]["kind"] == "行动"
    assert program["properties"]["evidence"] == [
        {"source": "source:s1", "start": 10, "end": 15, "orig_start": -1, "orig_end": -1,
         "sentence": "实施燕归巢行动"}]
    indicator = by_name[("Indicator", "人才资源总量")]
    assert indicator["properties"]["region"] == "鄂尔多斯市"
    assert indicator["properties"]["values"] == [{"year": 2025, "kind": "target", "value": 53.8}]
    assert ("Source", "鄂尔多斯市“十四五”人才发展规划") in by_name
    assert any(e["type"] == "MENTIONS" for e in doc["edges"])
    assert "燕归巢行动" in text and "\\u" not in text  # ensure_ascii=False
    assert text.startswith('{\n "nodes": [\n  {\n   "id"')  # indent 1


def test_export_json_bytes_do_not_depend_on_insertion_order(kg: SimpleNamespace,
                                                            tmp_path: Path) -> None:
    outputs = []
    for reverse in (False, True):
        patch, n = kg.sample(reverse=reverse)
        if reverse:  # same properties, other key order
            props = n["total"].properties
            n["total"].properties = dict(reversed(list(props.items())))
        store = MemoryGraphStore(None)
        store.apply(patch)
        path = tmp_path / f"kg{int(reverse)}.json"
        export_json(store, path)
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]


def test_export_json_leaves_no_temp_files(store: MemoryGraphStore, tmp_path: Path) -> None:
    export_json(store, tmp_path / "out" / "kg.json")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["kg.json"]


def test_export_graphml_reads_back(store: MemoryGraphStore, tmp_path: Path) -> None:
    path = tmp_path / "kg.graphml"
    export_graphml(store, path)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == store.node_count()
    assert graph.number_of_edges() == store.edge_count()
    [(node_id, attrs)] = [(i, a) for i, a in graph.nodes(data=True)
                          if a["name"] == "十百千万人才计划"]
    assert attrs["label"] == "Program" and attrs["aliases"] == "十百千万"
    assert json.loads(attrs["properties"])["kind"] == "计划"
    types = {t for _, _, t in graph.edges(data="type")}
    assert {"PART_OF", "MENTIONS", "TARGETS"} <= types
    assert all(isinstance(v, str) for _, a in graph.nodes(data=True) for v in a.values())


def test_export_csv_headers_and_rows(store: MemoryGraphStore, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export_csv(store, out)
    assert sorted(p.name for p in out.iterdir()) == ["nodes.csv", "relationships.csv"]
    with open(out / "nodes.csv", encoding="utf-8", newline="") as f:
        nodes = list(csv.reader(f))
    with open(out / "relationships.csv", encoding="utf-8", newline="") as f:
        rels = list(csv.reader(f))
    assert nodes[0] == NODE_CSV_HEADER == ["id:ID", ":LABEL", "name", "aliases:string[]",
                                           "properties"]
    assert rels[0] == REL_CSV_HEADER == [":START_ID", ":END_ID", ":TYPE", "properties"]
    assert len(nodes) - 1 == store.node_count() and len(rels) - 1 == store.edge_count()
    region = next(r for r in nodes if r[2] == "鄂尔多斯市")
    assert region[1] == "Region" and region[3] == "鄂尔多斯"
    doc = next(r for r in nodes if r[1] == "PolicyDocument")
    assert json.loads(doc[4])["doc_number"] == "鄂府发〔2022〕38号"
    ids = {r[0] for r in nodes[1:]}
    assert all(r[0] in ids and r[1] in ids for r in rels[1:])


def test_export_csv_joins_aliases_with_semicolons(kg: SimpleNamespace, tmp_path: Path) -> None:
    store = MemoryGraphStore(None)
    store.upsert_nodes([kg.node(Label.PROGRAM, "十百千万人才计划", "十百千万", "十百千万工程",
                                "a;b")])
    export_csv(store, tmp_path)
    with open(tmp_path / "nodes.csv", encoding="utf-8", newline="") as f:
        [_, row] = list(csv.reader(f))
    assert row[3].split(";") == ["a；b", "十百千万", "十百千万工程"]


def test_export_csv_needs_a_directory(store: MemoryGraphStore, tmp_path: Path) -> None:
    target = tmp_path / "file.csv"
    target.write_text("x")
    with pytest.raises(ExportError, match="directory"):
        export_csv(store, target)
