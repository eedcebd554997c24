"""The project's scorer agrees with shared/eval/kgeval.py.

The synthetic case below is scored by hand (the numbers are written out, so the test runs
without /work/shared); where kgeval.py is present the same inputs — and an export derived
from the repository's gold files — are also checked against it.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from api.evaluate import Gold, evaluate, load_export, load_gold, norm
from schema.errors import EvaluationError

KGEVAL = Path("/work/shared/eval/kgeval.py")
REPO_GOLD = Path(__file__).resolve().parents[1] / "gold"

GOLD_A = {
    "seed": "a.txt",
    "sources": [{"title": "规划"}],
    "entities": [
        {"gid": "r1", "label": "Region", "name": "鄂尔多斯市", "aliases": ["鄂尔多斯"]},
        {"gid": "r2", "label": "Region", "name": "内蒙古自治区", "aliases": ["内蒙古"],
         "optional": True},
        {"gid": "g1", "label": "GovUnit", "name": "鄂尔多斯市人民政府", "aliases": ["市政府"]},
        {"gid": "d1", "label": "PolicyDocument", "name": "鄂府发〔2022〕38号",
         "aliases": ["鄂尔多斯市“十四五”人才发展规划"]},
        {"gid": "p1", "label": "Program", "name": "十百千万人才计划", "aliases": ["十百千万"]},
        {"gid": "p2", "label": "Program", "name": "燕归巢行动", "aliases": ["燕归巢"]},
        {"gid": "x1", "label": "Platform", "name": "人才飞地", "optional": True,
         "alt_labels": ["Program"]},
        {"gid": "t1", "label": "TalentGroup", "name": "青年人才"},
        {"gid": "i1", "label": "Indicator", "name": "人才资源总量", "unit": "万人",
         "scope": ["鄂尔多斯市"],
         "values": [{"year": 2015, "kind": "baseline", "value": 29.4},
                    {"year": 2025, "kind": "target", "value": 53.8}]},
        {"gid": "pl1", "label": "Platform", "name": "人才驿站", "scope": ["鄂尔多斯市", "鄂尔多斯"]},
    ],
    "relations": [
        {"type": "PART_OF", "head": "r1", "tail": "r2"},
        {"type": "ISSUED", "head": "g1", "tail": "d1"},
        {"type": "ESTABLISHES", "head": "d1", "tail": "p1"},
        {"type": "PART_OF", "head": "p2", "tail": "p1"},
        {"type": "TARGETS", "head": "p2", "tail": "t1"},
        {"type": "HAS_INDICATOR", "head": "d1", "tail": "i1"},
        {"type": "RUNS", "head": "r1", "tail": "p1", "optional": True},
        {"type": "BUILDS", "head": "r1", "tail": "pl1"},
        {"type": "MENTIONS", "head": "r1", "tail": "p1"},  # not scored
    ],
}
GOLD_B = {
    "seed": "b.txt",
    "sources": [{"title": "简报一"}, {"title": "简报二"}],
    "entities": [
        {"gid": "r1", "label": "Region", "name": "鄂尔多斯市", "aliases": ["我市"]},
        {"gid": "i1", "label": "Indicator", "name": "人才资源总量", "scope": "鄂尔多斯市",
         "values": [{"year": 2020, "kind": "actual", "value": 43.8}]},
        {"gid": "o1", "label": "Organization", "name": "清华大学"},
        {"gid": "pe1", "label": "Person", "name": "李向东"},
    ],
    "relations": [{"type": "COOPERATES_WITH", "head": "r1", "tail": "o1"}],
}


def _n(i: str, label: str, name: str, aliases: list[str] | None = None,
       **props: Any) -> dict[str, Any]:
    return {"id": i, "label": label, "name": name, "aliases": aliases or [], "properties": props}


def _e(t: str, s: str, o: str) -> dict[str, Any]:
    return {"type": t, "source": s, "target": o, "properties": {}}


EXPORT = {
    "nodes": [
        _n("r1", "Region", "鄂尔多斯", ["我市"]),            # matched by a gold alias
        _n("r1b", "Region", "鄂尔多斯市"),                 # duplicate: gold taken -> fp
        _n("r2", "Region", "内蒙古"),                      # optional gold: neither tp nor fp
        _n("g1", "GovUnit", "鄂尔多斯市人民政府"),
        _n("d1", "PolicyDocument", "鄂尔多斯市“十四五”人才发展规划", ["《鄂府发[2022]38号》"]),
        _n("p1", "Program", "十百千万"),
        _n("p2", "Program", "燕归巢行动"),
        _n("x1", "Program", "人才飞地"),                   # alt_label of an optional entity
        _n("t1", "TalentGroup", "青年人才"),
        _n("i1", "Indicator", "人才资源总量", region="鄂尔多斯市", unit="万人",
           values=[{"year": 2015, "kind": "baseline", "value": 29.4},
                   {"year": 2020, "kind": "actual", "value": 43.8},
                   {"year": 2025, "kind": "target", "value": 50},
                   {"year": 2020, "kind": "target", "value": None}]),
        _n("i2", "Indicator", "人才资源总量", region="乌海市"),   # out of scope -> fp
        _n("pl1", "Platform", "鄂尔多斯人才驿站"),           # scope + name
        _n("o2", "Organization", "齐鲁银行"),
        _n("s1", "Source", "规划"),
        _n("s2", "Source", "简报一"),
        _n("t2", "TalentGroup", "高技能人才"),
        _n("t3", "TalentGroup", "技能人才"),
    ],
    "edges": [
        _e("PART_OF", "r1", "r2"),             # tp
        _e("PART_OF", "r1b", "r2"),            # tail optional -> ignored
        _e("ESTABLISHES", "d1", "p1"),         # tp
        _e("ESTABLISHES", "d1", "p2"),         # fp
        _e("PART_OF", "p2", "p1"),             # tp
        _e("TARGETS", "x1", "t2"),             # head optional -> ignored
        _e("RUNS", "r1", "p1"),                # optional gold relation -> ignored
        _e("HAS_INDICATOR", "d1", "i1"),       # tp
        _e("HAS_INDICATOR", "d1", "i2"),       # fp
        _e("BUILDS", "r1b", "pl1"),            # fp
        _e("BUILDS", "r1", "pl1"),             # tp
        _e("COOPERATES_WITH", "r1", "o2"),     # fp
        _e("COOPERATES_WITH", "r1b", "o2"),    # fp
        _e("MEASURES", "i2", "t2"),            # fp
        _e("MEASURES", "i2", "t3"),            # same (type, None, None) -> counted once
        _e("MENTIONS", "s1", "p1"),            # not scored
        _e("AUTHORED", "g1", "s1"),            # not scored
        _e("TARGETS", "p2", "t1"),             # tp
    ],
}

# Scored by hand: (tp, fp, fn) per label and per type.
EXPECTED_LABELS = {
    "Region": (1, 1, 0), "GovUnit": (1, 0, 0), "Organization": (0, 1, 1), "Person": (0, 0, 1),
    "PolicyDocument": (1, 0, 0), "Program": (2, 0, 0), "Platform": (1, 0, 0),
    "TalentGroup": (1, 2, 0), "Indicator": (1, 1, 0),
}
EXPECTED_TYPES = {
    "PART_OF": (2, 0, 0), "LOCATED_IN": (0, 0, 0), "ISSUED": (0, 0, 1),
    "CITES": (0, 0, 0), "ESTABLISHES": (1, 1, 0), "RUNS": (0, 0, 0), "BUILDS": (1, 1, 0),
    "TARGETS": (1, 0, 0), "HAS_INDICATOR": (1, 1, 0), "MEASURES": (0, 1, 0),
    "COOPERATES_WITH": (0, 2, 1), "MEMBER_OF": (0, 0, 0),
}


@pytest.fixture
def gold_paths(tmp_path: Path) -> list[Path]:
    paths = []
    for name, doc in (("a.json", GOLD_A), ("b.json", GOLD_B)):
        path = tmp_path / name
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def _kgeval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kgeval", KGEVAL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


needs_kgeval = pytest.mark.skipif(not KGEVAL.exists(), reason=f"{KGEVAL} not on this machine")


def test_norm_unifies_brackets_quotes_and_width() -> None:
    assert norm("《鄂府发[2022]38号》") == norm("鄂府发〔2022〕38号") == "鄂府发〔2022〕38号"
    assert norm("“燕归巢” 行动") == "燕归巢行动"
    assert norm("ＡＢＣ（一）、二") == "abc(一),二"


def test_load_gold_merges_entities_across_files(gold_paths: list[Path]) -> None:
    gold = load_gold(gold_paths)
    assert len(gold.entities) == 12
    region = gold.entities[0]
    assert region["names"] == {"鄂尔多斯市", "鄂尔多斯", "我市"} and region["file"] == "a.json"
    indicator = next(e for e in gold.entities if e["label"] == "Indicator")
    assert indicator["values"] == {(2015, "baseline", 29.4), (2025, "target", 53.8),
                                   (2020, "actual", 43.8)}
    assert len(gold.relations) == 9 and sum(gold.relations.values()) == 1
    assert len(gold.sources) == 3


def test_evaluate_synthetic_matches_hand_computed(gold_paths: list[Path]) -> None:
    report = evaluate(EXPORT, load_gold(gold_paths))
    assert {k: v[:3] for k, v in report.labels.items()} == EXPECTED_LABELS
    assert {k: v[:3] for k, v in report.types.items()} == EXPECTED_TYPES
    assert report.labels["TalentGroup"][3:] == pytest.approx((1 / 3, 1.0, 0.5))
    assert report.nodes_micro == pytest.approx((8 / 13, 8 / 10, 16 / 23))
    assert report.edges_micro == pytest.approx((6 / 12, 6 / 8, 12 / 20))
    assert report.overall_micro == pytest.approx((14 / 25, 14 / 18, 28 / 43))
    assert report.indicator_values == (2, 3)
    assert report.sources == (2, 3)
    assert report.missed == ["Organization:清华大学 (b.json)", "Person:李向东 (b.json)",
                             "ISSUED:鄂尔多斯市人民政府->鄂府发〔2022〕38号",
                             "COOPERATES_WITH:鄂尔多斯市->清华大学"]
    assert report.spurious == ["Region:鄂尔多斯市", "Indicator:人才资源总量",
                               "Organization:齐鲁银行", "TalentGroup:高技能人才",
                               "TalentGroup:技能人才"]
    verbose = evaluate(EXPORT, load_gold(gold_paths), verbose=True)
    assert verbose.spurious[5:] == ["ESTABLISHES:鄂尔多斯市“十四五”人才发展规划->燕归巢行动",
                                    "HAS_INDICATOR:鄂尔多斯市“十四五”人才发展规划->人才资源总量",
                                    "BUILDS:鄂尔多斯市->鄂尔多斯人才驿站",
                                    "COOPERATES_WITH:鄂尔多斯->齐鲁银行",
                                    "COOPERATES_WITH:鄂尔多斯市->齐鲁银行",
                                    "MEASURES:人才资源总量->高技能人才"]


def test_evaluate_empty_export_scores_zero(gold_paths: list[Path]) -> None:
    report = evaluate({"nodes": [], "edges": []}, load_gold(gold_paths))
    assert report.overall_micro == (0.0, 0.0, 0.0)
    assert report.nodes_micro[:2] == (0.0, 0.0)
    assert sum(s.fn for s in report.labels.values()) == 10


@needs_kgeval
@pytest.mark.parametrize("verbose", [False, True])
def test_evaluate_agrees_with_kgeval_on_synthetic(gold_paths: list[Path], verbose: bool) -> None:
    kgeval = _kgeval()
    want = kgeval.evaluate(EXPORT, kgeval.Gold(gold_paths), verbose)
    got = evaluate(EXPORT, load_gold(gold_paths), verbose=verbose)
    assert got.to_dict() == json.loads(json.dumps(want))


def _export_from_gold(paths: list[Path]) -> dict[str, Any]:
    """A plausible imperfect export built from gold files: every third entity dropped,
    every fifth named by an alias, scopes as regions, some noise added."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        kept: dict[str, str] = {}
        for k, ent in enumerate(doc.get("entities", [])):
            if k % 3 == 2:
                continue
            node_id = f"{path.stem}:{ent['gid']}"
            kept[ent["gid"]] = node_id
            aliases = ent.get("aliases", [])
            name = aliases[0] if k % 5 == 4 and aliases else ent["name"]
            scope = ent.get("scope")
            props: dict[str, Any] = {"values": ent.get("values", [])[:-1]}
            if scope:
                props["region"] = scope if isinstance(scope, str) else scope[-1]
            nodes.append(_n(node_id, ent["label"], name, aliases[1:], **props))
        for k, rel in enumerate(doc.get("relations", [])):
            if rel["head"] in kept and rel["tail"] in kept and k % 4:
                edges.append(_e(rel["type"], kept[rel["head"]], kept[rel["tail"]]))
        nodes.append(_n(f"{path.stem}:noise", "Program", "不存在的计划"))
        nodes.append(_n(f"{path.stem}:src", "Source", doc.get("seed", "")))
    return {"nodes": nodes, "edges": edges}


@needs_kgeval
@pytest.mark.skipif(not REPO_GOLD.is_dir(), reason="no gold files in the repository")
def test_evaluate_agrees_with_kgeval_on_repository_gold() -> None:
    kgeval = _kgeval()
    paths = sorted(REPO_GOLD.glob("*.json"))
    export = _export_from_gold(paths)
    want = kgeval.evaluate(export, kgeval.Gold(paths), True)
    got = evaluate(export, load_gold(paths), verbose=True)
    assert got.to_dict() == json.loads(json.dumps(want))
    assert 0 < got.overall_micro.f1 < 1


def test_load_gold_unknown_gid_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"entities": [], "relations": [
        {"type": "PART_OF", "head": "a", "tail": "b"}]}), encoding="utf-8")
    with pytest.raises(EvaluationError, match="bad.json"):
        load_gold([path])


@pytest.mark.parametrize("content", ["{not json", '{"entities": [{"label": "Region"}]}'])
def test_load_gold_malformed_file_names_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match="broken.json"):
        load_gold([path])


def test_load_export_must_be_an_object(tmp_path: Path) -> None:
    path = tmp_path / "kg.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(EvaluationError, match="kg.json"):
        load_export(path)
    assert isinstance(load_gold([]), Gold)
