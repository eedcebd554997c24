"""Plans on the Neo4j test server. The write statements: a relationship MERGE must expand
between its two bound nodes, never scan every relationship, even when planned on an empty
database (the plan Neo4j caches on the first write of a fresh store). The reads keyed by
ids: an index seek per id, never a scan of every node (that grows with the graph); the
pages of every node or relationship: in the id index's order, never sorted."""
from __future__ import annotations

import re
from typing import Any

import pytest

import cypher
from schema.labels import RelType


def _operators(plan: Any) -> list[str]:
    out = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        out += _operators(child)
    return out


def _plan(store: Any, name: str, **params: Any) -> list[str]:
    text = "CYPHER replan=force EXPLAIN " + cypher.query(name)  # test only: plan it afresh
    with store._driver.session(database=store.database) as session:  # noqa: SLF001
        return _operators(session.run(text, {"rows": [], **params}).consume().plan)


def test_write_edges_has_one_static_branch_per_relationship_type() -> None:
    text = "\n".join(cypher.statements("write_edges"))  # comments dropped
    branches = re.findall(r"WHERE row\.type = '([A-Z_]+)'\s+MERGE \(a\)-\[r:([A-Z_]+)\]->\(b\)",
                          text)
    assert [t for t, _ in branches] == [t for _, t in branches]  # filter and MERGE agree
    assert sorted(t for t, _ in branches) == sorted(r.value for r in RelType)
    assert "$(" not in text  # no dynamic type left: that is what plans a scan


def test_relationship_merge_expands_even_on_an_empty_database(neo4j_store: Any) -> None:
    assert neo4j_store.edge_count() == 0 and neo4j_store.node_count() == 0
    ops = _plan(neo4j_store, "write_edges")
    assert ops.count("LockingMerge") == len(RelType)
    assert "Expand(Into)" in ops
    assert not any("Scan" in op for op in ops), ops  # neither relationships nor nodes
    seeks = [op for op in ops if op.startswith("NodeUniqueIndexSeek")]  # (Locking) in a write
    assert len(seeks) == 2, ops  # the two ends, by id


def test_node_merge_seeks_the_id_constraint(neo4j_store: Any) -> None:
    ops = _plan(neo4j_store, "write_nodes")
    assert any(op.startswith("NodeUniqueIndexSeek") for op in ops), ops
    assert not any("Scan" in op for op in ops), ops


@pytest.mark.parametrize("name", ["nodes_by_ids", "edges_by_keys", "edges_of_nodes",
                                  "edges_among", "ring_ids", "nodes_page", "edges_page"])
def test_reads_by_id_seek_the_index(neo4j_store: Any, seed_patches: list, name: str) -> None:
    # Planned on the seed graph with many ids: given a long id list, a scan of the id index
    # followed by a filter is what the planner picked for a `WHERE a.id IN $ids` form.
    for patch in seed_patches:
        neo4j_store.apply(patch)
    ids = sorted(n.id for n in neo4j_store.iter_nodes())[:200]
    keys = [{"type": e.type.value, "source": e.source, "target": e.target}
            for e in neo4j_store.iter_edges()][:200]
    ops = _plan(neo4j_store, name, ids=ids, keys=keys, direction="both", types=["PART_OF"],
                after="", label=None, type=None, limit=2000)
    assert any(op.startswith("NodeUniqueIndexSeek") for op in ops), ops
    assert not any("Scan" in op for op in ops), ops
    assert "Sort" not in ops and "PartialSort" not in ops, ops  # pages come in index order


@pytest.mark.parametrize("name", ["nodes_by_ids", "edges_by_keys", "edges_of_nodes",
                                  "edges_among", "ring_ids", "nodes_page", "edges_page",
                                  "write_edges", "set_name_keys"])
def test_matches_by_id_fix_the_seek_with_a_hint(name: str) -> None:
    # The plan tests above see the statistics of one moment: with an index sampled while the
    # store was empty, edges_by_keys was once planned as a scan of the id index per key.
    # Each node matched by id carries `USING INDEX SEEK`, which rules out any scan.
    text = "\n".join(cypher.statements(name))
    matched = re.findall(r"\((\w+):Entity \{id: ", text)  # by id: (a:Entity {id: k.source})
    matched += re.findall(r"MATCH \((\w+):Entity\)\s+(?:USING INDEX SEEK \1:Entity\(id\)\s+)?"
                          r"WHERE \1\.id", text)  # a page: ids after $after
    assert matched, text
    for var in set(matched):
        assert f"USING INDEX SEEK {var}:Entity(id)" in text, (var, text)


@pytest.mark.parametrize("ids", [[], ["nowhere"]])
def test_collecting_reads_answer_one_record_even_when_nothing_matches(neo4j_store: Any,
                                                                     ids: list[str]) -> None:
    assert neo4j_store.get_nodes(ids) == []
    assert neo4j_store.edges_of(ids, "both") == []
    assert neo4j_store.edges_among(ids) == []
    assert neo4j_store.search("nowhere") == []
