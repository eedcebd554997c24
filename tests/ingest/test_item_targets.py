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


MEASURES = """太和县人才新政十条
第一条　实施“淝河青年英才”集聚行动
1. 新引进全日制博士研究生：生活补贴每月3000元
2. 对来太和县求职的高校毕业生、农民工，提供免费住宿
3. 支持企业建设人才公寓
第二条　实施“太和工匠”培育工程（面向高技能人才）
（1）新获评省级技能大师的，奖励10万元
（2）“首席技师”项目给予补助
4. 专业技术人才：给予职称评审绿色通道
"""


def test_resolve_an_article_heading_program_targets_the_groups_opening_its_items() -> None:
    """`第一条 实施“X”行动` alone on its line, then `1. 某类人才:补贴…` lines: each item's
    opening group (and the groups listed with it) is one the program is for; an item that
    opens with a measure, one naming a program of its own, and a line of the heading's kind
    end nothing wrongly."""
    targets = edge_names(run_pipeline(MEASURES, "measures.txt"), RelType.TARGETS)
    assert {("淝河青年英才集聚行动", "博士研究生"), ("淝河青年英才集聚行动", "高校毕业生"),
            ("淝河青年英才集聚行动", "农民工")} <= {(a, b.removeprefix("新引进全日制")
                                                     .removeprefix("全日制")) for a, b in targets}
    # the second heading's items: `(1)` marks, then a program of its own ends them
    assert not {(a, b) for a, b in targets if a == "太和工匠培育工程" and b == "专业技术人才"}
