"""Whose program a document names (invented names, real places): a plan establishes its own
programs, not the ones it follows (`按照省委“X”计划部署`) or recommends people for (`推荐申报
省“Y”计划`); events of a quoted core (人才周, 大赛) are programs of their own."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

PLAN = """阜阳市人民政府关于印发阜阳市青年人才集聚若干措施的通知
阜政发〔2024〕3号
各县(市、区)人民政府:
一、按照省委“江淮英才”计划部署,实施“颍州英才”集聚工程,每年引进青年人才1000名。
二、对入选的人才,优先推荐申报省“皖江学者”计划。
三、每年举办“颍州英才”人才周和“颍州英才”创新创业大赛。
"""


def test_resolve_a_plan_establishes_its_own_programs_only() -> None:
    established = {p for d, p in edge_names(run_pipeline(PLAN, "plan.txt"), RelType.ESTABLISHES)}
    assert "颍州英才集聚工程" in established
    assert not established & {"江淮英才计划", "皖江学者计划"}


def test_resolve_events_of_a_quoted_core_are_programs_of_their_own() -> None:
    programs = {n.name for n in nodes_of(run_pipeline(PLAN, "plan.txt"), Label.PROGRAM)}
    assert {"颍州英才集聚工程", "颍州英才人才周", "颍州英才创新创业大赛"} <= programs


def test_extract_a_kind_of_program_or_a_years_plan_is_no_program() -> None:
    from ingest.extract.names import find_programs

    text = ("二、实施重点人才工程,集聚产业急需人才。\n四、2024年工作计划\n"
            "实施重大人才工程。实施重点产业人才引育工程。")
    assert [m.name for m in find_programs(text)] == ["重点产业人才引育工程"]


def test_resolve_a_unit_in_charge_of_programs_runs_them() -> None:
    text = ("关于调整县委人才工作领导小组组成人员的通知\n经县委同意,对领导小组组成人员进行调整。"
            "各成员单位要各司其职:临泉县农业农村局负责“泉乡农技”培育工程和乡村振兴人才队伍建设;"
            "领导小组办公室负责统筹推进“泉乡英才”计划、“归雁兴泉”行动。\n")
    runs = edge_names(run_pipeline(text, "notice.txt"), RelType.RUNS)
    assert ("临泉县农业农村局", "泉乡农技培育工程") in runs
