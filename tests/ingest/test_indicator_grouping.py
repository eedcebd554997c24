"""Indicator grouping (ingest/resolve/indicators.py): rows of one table merged into one node
per indicator. Checked against the plain pairwise definition on random tables, and for its
growth by counting work, not by timing (speed itself is measured in benchmarks)."""
from __future__ import annotations

import os
import sys
from types import SimpleNamespace

from hypothesis import given, settings, strategies as st

from ingest.extract import lexicon as lx
from ingest.extract.names import clean
from ingest.resolve import Resolver
from ingest.resolve import indicators as ind
from ingest.types import Extraction, IndicatorRow, RawFile, Source
from schema.model import Evidence, GraphPatch


def reference_groups(rows: list[IndicatorRow], canon: dict[str, str]) -> list[list[int]]:
    """The module docstring's rule, written plainly: each row, in order, joins the first
    group whose first row has its canonical name and unit, or that holds a row whose actual
    of a year is this row's baseline of that year, with the same unit and a common name
    prefix of four or more characters; otherwise it starts a group."""
    def linked(a: IndicatorRow, b: IndicatorRow) -> bool:
        if a.unit != b.unit or len(os.path.commonprefix([a.name, b.name])) < 4:
            return False
        actual = {(v["year"], v["value"]) for v in a.values if v["kind"] == "actual"}
        base = {(v["year"], v["value"]) for v in b.values if v["kind"] == "baseline"}
        return bool(actual & base)

    groups: list[tuple[str, IndicatorRow, list[int]]] = []
    for i, row in enumerate(rows):
        cname = canon.get(clean(row.name), clean(row.name))
        for key, first, members in groups:
            if key == cname and first.unit == row.unit or any(linked(rows[m], row) for m in members):
                members.append(i)
                break
        else:
            groups.append((cname, row, [i]))
    return [members for _, _, members in groups]


#: names that collide on purpose: talent-vocabulary variants of one canonical name, names
#: sharing a four-character prefix, names shorter than four characters
NAMES = ("经营管理人才", "企业经营管理人才", "专业技术人才", "专业技术人员", "人才资源总量",
         "人才资源总量占比", "人才资源", "人才", "高技能人才", "高技能人才队伍", "博士后工作站")
value = st.fixed_dictionaries({"year": st.sampled_from([2015, 2020, 2025]),
                               "kind": st.sampled_from(["actual", "baseline", "target"]),
                               "value": st.sampled_from([1.0, 2.0, 3.5, "——", None])})
row = st.builds(lambda name, unit, values: IndicatorRow(name, unit, values, None, 0, 1),
                st.sampled_from(NAMES), st.sampled_from(["万人", "个", "%"]),
                st.lists(value, max_size=4))


@settings(max_examples=300, deadline=None)
@given(st.lists(row, max_size=25))
def test_indicator_grouping_equals_the_pairwise_definition(rows: list[IndicatorRow]) -> None:
    canon = lx.talent_canon()
    groups = ind._group(rows, canon)
    position = {id(r): i for i, r in enumerate(rows)}
    got = [[position[id(m)] for m in members] for _, _, members in groups]
    assert got == reference_groups(rows, canon)
    for (cname, first, members), want in zip(groups, got):
        assert first is members[0] and cname == canon.get(clean(first.name), clean(first.name))


def _table(n: int) -> Extraction:
    """`n` rows of one unit whose names share a long prefix; every other row's baseline is
    the previous row's actual, so half the rows are linked into pairs."""
    rows = []
    for i in range(n):
        values = [{"year": 2020, "kind": "actual", "value": float(i)}]
        if i % 2:
            values.append({"year": 2020, "kind": "baseline", "value": float(i - 1)})
        rows.append(IndicatorRow(f"人才指标第{i}项", "万人", values, None, 10 * i, 10 * i + 9))
    text = "x" * (10 * n)
    source = Source("source:t", RawFile.from_bytes("t.txt", b""), 0, "", text, 0, len(text))
    return Extraction(source, indicators=rows, sentences=[(10 * i, 10 * i + 10) for i in range(n)])


def _calls(n: int) -> tuple[int, GraphPatch]:
    """Python and C function calls made while grouping and building the nodes of `n` rows."""
    ex, patch, count = _table(n), GraphPatch(), [0]
    whole, resolver = Evidence("source:t", 0, 0, ""), Resolver()

    def profile(frame, event, arg) -> None:
        if event in ("call", "c_call"):
            count[0] += 1

    sys.setprofile(profile)
    try:
        ind.indicator_nodes(resolver, patch, ex, SimpleNamespace(jurisdiction=None), None, None, whole)
    finally:
        sys.setprofile(None)
    return count[0], patch


def test_indicator_grouping_work_grows_linearly_with_rows() -> None:
    _calls(10)  # vocabularies and gazetteer loaded outside the count
    small, small_patch = _calls(100)
    large, large_patch = _calls(800)
    assert len(small_patch.nodes) == 50 and len(large_patch.nodes) == 400  # rows paired
    # linear: ~8x the calls for 8x the rows; comparing each row with every earlier group
    # is ~64x (it was 6.3e4 -> 3.3e6 calls, 52x; indexed, 1.5e4 -> 1.2e5)
    assert large < 10 * small, (small, large)
