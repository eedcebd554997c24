"""Tables of items and the units that carry them out, flattened one cell a line (invented
programs and figures, real places): the unit cell of each row (`实施单位`, `牵头单位`) runs
its program or builds its platform; a name cell of doing (`乡土人才培训`) is a program."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

REPORT = """临泉县2023年度人才发展专项资金绩效评价报告
一、资金安排及执行情况
截至2023年12月31日,专项资金实际执行1088.4万元。分项目情况如下(单位:万元):
项目名称
实施单位
预算金额
执行金额
“泉乡英才”引育计划
县委组织部
420
402.6
“归雁兴泉”行动
县人力资源和社会保障局
180
176.3
人才公寓建设
县住房和城乡建设局
300
196.0
乡土人才培训
县农业农村局
100
82.0
合计

1000
857.0
二、绩效目标完成情况
全年引进硕士以上高层次人才47人,完成年度目标的117.5%。
"""

PLAN = """关于实施人才强市战略的意见
为深入实施人才强市战略,现提出如下意见。
二、实施重点人才工程
(一)实施“颍淮英才”计划。每年遴选支持领军人才50名、青年拔尖人才100名。
专栏2 重点人才工程
工程名称
主要内容
牵头单位
“颍淮英才”计划
遴选支持高层次人才和团队
市委组织部
“颍州工匠”培育工程
每年培育技能大师100名
市人力资源社会保障局
(三)建设人才载体平台。每个县区至少建成1个人才驿站。
"""


def test_resolve_a_row_s_unit_runs_its_program_and_builds_its_platform() -> None:
    patch = run_pipeline(REPORT, "report.txt")
    runs = edge_names(patch, RelType.RUNS)
    assert {("中共临泉县委组织部", "泉乡英才引育计划"),
            ("临泉县人力资源和社会保障局", "归雁兴泉行动"),
            ("临泉县农业农村局", "乡土人才培训")} <= runs
    assert ("临泉县住房和城乡建设局", "人才公寓") in edge_names(patch, RelType.BUILDS)
    assert ("中共临泉县委组织部", "归雁兴泉行动") not in runs


def test_resolve_a_column_of_lead_units_in_a_plan_s_box() -> None:
    text = PLAN.replace("关于实施", "阜阳市关于实施")
    runs = edge_names(run_pipeline(text, "plan.txt"), RelType.RUNS)
    assert {("中共阜阳市委组织部", "颍淮英才计划"),
            ("阜阳市人力资源和社会保障局", "颍州工匠培育工程")} <= runs


def test_resolve_a_cell_of_doing_is_a_program_only_in_such_a_table() -> None:
    programs = {n.name for n in nodes_of(run_pipeline(REPORT, "report.txt"), Label.PROGRAM)}
    assert "乡土人才培训" in programs
    assert "人才公寓建设" not in programs
