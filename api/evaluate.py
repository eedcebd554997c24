"""The project's own scorer: a faithful port of `shared/eval/kgeval.py` (design.md §5).

Matching, as in kgeval:
  nodes      label (or one of the gold's alt_labels) and normalised name/alias, greedy
             one-to-one, canonical names first, scoped gold entities need the node's region
  relations  (type, matched head, matched tail) for the scored types
  indicators observations {year, kind, value} of matched Indicator nodes
  sources    number of Source nodes against the gold's text units

The numbers must stay equal to kgeval's (tests/api/test_evaluate.py checks it); change
the logic here only together with kgeval.
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from schema.errors import EvaluationError

SCORED_LABELS = ["Region", "GovUnit", "Organization", "Person", "PolicyDocument",
                 "Program", "Platform", "TalentGroup", "Indicator"]
SCORED_TYPES = ["PART_OF", "LOCATED_IN", "ISSUED", "CITES", "ESTABLISHES", "RUNS", "BUILDS",
                "TARGETS", "HAS_INDICATOR", "MEASURES", "COOPERATES_WITH", "MEMBER_OF"]

_DROP = set("“”‘’\"'「」『』《》〈〉·• \t\r\n\u3000")
_MAP = {"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕",
        "（": "(", "）": ")", "，": ",", "、": ","}


class Score(NamedTuple):
    tp: int
    fp: int
    fn: int
    p: float
    r: float
    f1: float


class PRF(NamedTuple):
    p: float
    r: float
    f1: float


def norm(text: object) -> str:
    """kgeval's normalisation: NFKC, quotes/brackets/spaces dropped, some punctuation
    unified, lower case."""
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(_MAP.get(c, c) for c in text if c not in _DROP).lower()


def prf(tp: int, fp: int, fn: int) -> PRF:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return PRF(p, r, (2 * p * r / (p + r) if p + r else 0.0))


def _values(ent: dict) -> set[tuple[int, str, float]]:
    return {(int(v["year"]), v["kind"], round(float(v["value"]), 6))
            for v in ent.get("values", []) or []}


@dataclass
class Gold:
    """All gold files merged: entities deduplicated by (label, normalised name, scope)."""

    entities: list[dict[str, Any]] = field(default_factory=list)
    relations: dict[tuple[str, int, int], bool] = field(default_factory=dict)  # -> optional
    sources: list[dict[str, Any]] = field(default_factory=list)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise EvaluationError(f"{path}: cannot read JSON: {e}") from e


def load_export(path: Path) -> dict[str, Any]:
    """A JSON export (design.md §4) read from `path`."""
    doc = _read_json(path)
    if not isinstance(doc, dict):
        raise EvaluationError(f"{path}: an export is a JSON object with nodes and edges")
    return doc


def load_gold(paths: Iterable[Path]) -> Gold:
    """Read and merge gold files (shared/gold/README.md); `EvaluationError` names a file
    that is unreadable or malformed."""
    gold = Gold()
    by_key: dict[tuple[str, str, str], int] = {}
    for path in map(Path, paths):
        doc = _read_json(path)
        try:
            _add_gold_file(gold, by_key, path, doc)
        except EvaluationError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise EvaluationError(f"{path.name}: malformed gold: {type(e).__name__}: {e}") from e
    return gold


def _add_gold_file(gold: Gold, by_key: dict[tuple[str, str, str], int], path: Path,
                   doc: dict[str, Any]) -> None:
    local: dict[str, int] = {}
    for ent in doc.get("entities", []):
        scopes = ent.get("scope") or []
        scopes = [norm(x) for x in ([scopes] if isinstance(scopes, str) else scopes)]
        scope = scopes[0] if scopes else ""
        key = (ent["label"], norm(ent["name"]), scope)
        if key in by_key:
            idx = by_key[key]
            merged = gold.entities[idx]
            merged["names"] |= {norm(a) for a in ent.get("aliases", [])}
            merged["optional"] = merged["optional"] and ent.get("optional", False)
            merged["values"] |= _values(ent)
        else:
            idx = len(gold.entities)
            by_key[key] = idx
            gold.entities.append({
                "label": ent["label"], "name": ent["name"],
                "labels": {ent["label"], *ent.get("alt_labels", [])},
                "names": {norm(ent["name"]), *(norm(a) for a in ent.get("aliases", []))},
                "optional": bool(ent.get("optional", False)),
                "scope": scope, "scopes": set(scopes), "values": _values(ent),
                "file": path.name,
            })
        local[ent["gid"]] = idx
    for rel in doc.get("relations", []):
        if rel["type"] not in SCORED_TYPES:
            continue
        if rel["head"] not in local or rel["tail"] not in local:
            raise EvaluationError(f"{path.name}: relation names an unknown gid: {rel}")
        rkey = (rel["type"], local[rel["head"]], local[rel["tail"]])
        optional = bool(rel.get("optional", False))
        gold.relations[rkey] = gold.relations.get(rkey, True) and optional
    gold.sources.extend(doc.get("sources", []))


def _node_names(node: dict) -> set[str]:
    return {norm(node.get("name", "")), *(norm(a) for a in node.get("aliases", []) or [])} - {""}


def _in_scope(node: dict, ent: dict) -> bool:
    """A scoped gold entity (one per region) needs the node's region, or region + name."""
    if not ent["scope"]:
        return True
    props = node.get("properties", {}) or {}
    regions = {norm(props.get("region", "")), norm(props.get("scope", ""))}
    regions |= {norm(r) for r in props.get("regions", []) or []}
    name = norm(node.get("name", ""))
    return any(s in regions or name == s + norm(ent["name"]) for s in ent["scopes"])


def match_nodes(nodes: list[dict], gold: Gold) -> dict[str, int]:
    """Greedy one-to-one: hits on a node's canonical name first, then on its aliases."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for gi, ent in enumerate(gold.entities):
        scoped = {s + norm(ent["name"]) for s in ent["scopes"]}
        for label in ent["labels"]:
            for name in ent["names"] | scoped:
                index[(label, name)].append(gi)
    taken: set[int] = set()
    matched: dict[str, int] = {}
    for exact in (True, False):
        for node in nodes:
            if node["id"] in matched or node.get("label") not in SCORED_LABELS:
                continue
            names = {norm(node.get("name", ""))} if exact else _node_names(node)
            for name in sorted(names):
                hit = next((gi for gi in index.get((node["label"], name), [])
                            if gi not in taken and _in_scope(node, gold.entities[gi])), None)
                if hit is not None:
                    matched[node["id"]] = hit
                    taken.add(hit)
                    break
    return matched


@dataclass
class Report:
    """Scores per label and per type (tp, fp, fn, p, r, f1), micro averages (p, r, f1),
    indicator observations (got, want), sources (found, in gold), and what was missed or
    spurious (`"Label:name"` / `"TYPE:head->tail"` lines)."""

    labels: dict[str, Score]
    types: dict[str, Score]
    nodes_micro: PRF
    edges_micro: PRF
    overall_micro: PRF
    indicator_values: tuple[int, int]
    sources: tuple[int, int]
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The same shape as `kgeval.py --json`."""
        return {"labels": {k: list(v) for k, v in self.labels.items()},
                "types": {k: list(v) for k, v in self.types.items()},
                "missed": list(self.missed), "spurious": list(self.spurious),
                "indicator_values": list(self.indicator_values),
                "sources": list(self.sources),
                "nodes_micro": list(self.nodes_micro), "edges_micro": list(self.edges_micro),
                "overall_micro": list(self.overall_micro)}


def _edge_text(export: dict, edge: dict) -> str:
    names = {n["id"]: n.get("name") for n in export.get("nodes", [])}
    return f'{names.get(edge.get("source"))}->{names.get(edge.get("target"))}'


def evaluate(export: dict, gold: Gold, verbose: bool = False) -> Report:
    """Score `export` (a design.md §4 document) against `gold`. With `verbose`, spurious
    relations are listed too (as kgeval --verbose)."""
    nodes = [n for n in export.get("nodes", []) if n.get("label") in SCORED_LABELS]
    matched = match_nodes(nodes, gold)
    missed: list[str] = []
    spurious: list[str] = []

    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    for node in nodes:
        gi = matched.get(node["id"])
        if gi is None:
            fp[node["label"]] += 1
            spurious.append(f'{node["label"]}:{node.get("name")}')
        elif not gold.entities[gi]["optional"]:
            tp[gold.entities[gi]["label"]] += 1
    hit = set(matched.values())
    for gi, ent in enumerate(gold.entities):
        if gi not in hit and not ent["optional"]:
            fn[ent["label"]] += 1
            missed.append(f'{ent["label"]}:{ent["name"]} ({ent["file"]})')
    labels = {lab: Score(tp[lab], fp[lab], fn[lab], *prf(tp[lab], fp[lab], fn[lab]))
              for lab in SCORED_LABELS}

    rtp: dict[str, int] = defaultdict(int)
    rfp: dict[str, int] = defaultdict(int)
    rfn: dict[str, int] = defaultdict(int)
    seen: set[tuple] = set()
    for edge in export.get("edges", []):
        etype = edge.get("type")
        if etype not in SCORED_TYPES:
            continue
        head, tail = matched.get(edge.get("source")), matched.get(edge.get("target"))
        key = (etype, head, tail)
        if key in seen:
            continue
        seen.add(key)
        if head is not None and tail is not None and key in gold.relations:
            if not gold.relations[key]:
                rtp[etype] += 1
        elif (head is not None and gold.entities[head]["optional"]) or \
             (tail is not None and gold.entities[tail]["optional"]):
            continue
        else:
            rfp[etype] += 1
            if verbose:
                spurious.append(f"{etype}:{_edge_text(export, edge)}")
    for rkey, optional in gold.relations.items():
        if not optional and rkey not in seen:
            rfn[rkey[0]] += 1
            missed.append(f"{rkey[0]}:{gold.entities[rkey[1]]['name']}->"
                          f"{gold.entities[rkey[2]]['name']}")
    types = {t: Score(rtp[t], rfp[t], rfn[t], *prf(rtp[t], rfp[t], rfn[t]))
             for t in SCORED_TYPES}

    got = 0
    by_id = {n["id"]: n for n in nodes}
    for node_id, gi in matched.items():
        gold_values = gold.entities[gi]["values"]
        if not gold_values:
            continue
        props = by_id[node_id].get("properties", {}) or {}
        have = {(int(v["year"]), v["kind"], round(float(v["value"]), 6))
                for v in props.get("values", []) or [] if v.get("value") is not None}
        got += len(gold_values & have)
    all_values = sum(len(e["values"]) for e in gold.entities)
    n_sources = sum(1 for n in export.get("nodes", []) if n.get("label") == "Source")

    ntp, nfp, nfn = (sum(s[i] for s in labels.values()) for i in range(3))
    etp, efp, efn = (sum(s[i] for s in types.values()) for i in range(3))
    return Report(labels=labels, types=types,
                  nodes_micro=prf(ntp, nfp, nfn), edges_micro=prf(etp, efp, efn),
                  overall_micro=prf(ntp + etp, nfp + efp, nfn + efn),
                  indicator_values=(got, all_values), sources=(n_sources, len(gold.sources)),
                  missed=missed, spurious=spurious)
