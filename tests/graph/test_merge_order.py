"""Merging records does not depend on the order they arrive in (files in any order give one
graph): `merge_properties` is commutative and associative, conflicts included."""
from __future__ import annotations

from typing import Any

from hypothesis import given, settings, strategies as st

from schema.labels import Label
from schema.model import Node, merge_properties

_SCALARS = st.one_of(st.none(), st.integers(-3, 3), st.sampled_from(["计划", "专项", "工程"]),
                     st.booleans(), st.floats(0, 5, allow_nan=False))
_VALUES = st.lists(st.fixed_dictionaries({
    "year": st.sampled_from([2015, 2020, 2025]),
    "kind": st.sampled_from(["baseline", "target", "actual"]),
    "value": st.one_of(st.none(), st.sampled_from([1.5, 2, 43.8]))}), max_size=4)
_PROPS = st.dictionaries(st.sampled_from(["kind", "count", "region", "unit"]), _SCALARS,
                         max_size=4).flatmap(
    lambda d: st.one_of(st.just(d), _VALUES.map(lambda v: {**d, "values": v})))


def _canon(props: dict) -> dict:
    out = dict(props)
    if "values" in out:  # one observation per (year, kind), as every merge leaves them
        out["values"] = merge_properties({"values": []}, {"values": out["values"]})["values"] \
            if out["values"] else []
    return out


@settings(max_examples=300, deadline=None)
@given(_PROPS, _PROPS, _PROPS)
def test_merge_properties_is_commutative_and_associative(a: dict, b: dict, c: dict) -> None:
    a, b, c = _canon(a), _canon(b), _canon(c)
    assert merge_properties(a, b) == merge_properties(b, a)
    assert merge_properties(merge_properties(a, b), c) == merge_properties(a, merge_properties(b, c))


def test_a_conflict_keeps_the_same_value_in_either_order() -> None:
    assert merge_properties({"count": 72}, {"count": 12}) == \
        merge_properties({"count": 12}, {"count": 72}) == {"count": 12}
    assert merge_properties({"region": None}, {"region": "某市"}) == {"region": "某市"}


_NAMES = st.sampled_from(["人才计划", "人才 计划", "a.txt#0", "b.txt#0", "鄂府发〔2022〕38号",
                          "某市人才发展规划"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_NAMES, st.sets(_NAMES, max_size=2)), min_size=1, max_size=4),
       st.randoms())
def test_merging_nodes_named_differently_gives_one_node_in_any_order(
        parts: list[tuple[str, set[str]]], rnd: Any) -> None:
    """Two files may name one id differently (one document by its title, one by its
    number; one content under two file names): the name and aliases do not depend on
    which came first, and no name is lost."""
    def merged(order: list[tuple[str, set[str]]]) -> tuple[str, set[str]]:
        node = Node("prog:0000000000000001", Label.PROGRAM, *order[0])
        for name, aliases in order[1:]:
            node.merge(Node("prog:0000000000000001", Label.PROGRAM, name, aliases))
        return node.name, node.aliases

    shuffled = list(parts)
    rnd.shuffle(shuffled)
    name, aliases = merged(parts)
    assert (name, aliases) == merged(shuffled)
    assert {name, *aliases} == {n for p in parts for n in (p[0], *p[1])}
    assert name not in aliases
