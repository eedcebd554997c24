"""A plan's box of programs, one numbered item a program (invented programs, real places):
an item headed by the program's name alone (`1.“X”计划。`) turns to the groups its
paragraph selects or trains."""
from __future__ import annotations

from schema.labels import RelType
from tests.ingest.test_resolve import edge_names, run_pipeline

PLAN = """阜阳市“十四五”人才发展规划
为深入实施人才强市战略,制定本规划。
专栏2　重点人才工程
1.“颍淮英才”计划。围绕新能源等产业,五年内引进培育领军人才100名、青年拔尖人才500名。
2.“颍州工匠”培育工程。依托职业院校,每年培养高技能人才3000名。
"""


def test_resolve_an_item_named_by_its_program_targets_its_groups() -> None:
    targets = edge_names(run_pipeline(PLAN, "plan.txt"), RelType.TARGETS)
    assert {("颍淮英才计划", "领军人才"), ("颍淮英才计划", "青年拔尖人才"),
            ("颍州工匠培育工程", "高技能人才")} <= targets
    assert ("颍淮英才计划", "高技能人才") not in targets
