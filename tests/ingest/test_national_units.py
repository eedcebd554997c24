"""Central organs (invented titles, real places): units with no region part, which issue
the documents a local plan follows; not a local department's kind (`县教育部门`), a
company's department (`电子商务部`) or a document number's prefix (`国办发`)."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

PLAN = """关于印发临泉县乡村人才振兴实施方案的通知
为贯彻落实中共中央办公厅、国务院办公厅《关于加快推进乡村人才培育的意见》和人力资源社会保障部、全国博士后管委会《关于做好博士后招收工作的通知》精神,结合我县实际,县教育部门和企业电子商务部要加强协作。
按照国办发〔2021〕3号文件要求,县人社局会同科技部开展“科技服务团”行动。
"""


def test_resolve_central_organs_are_units_without_a_region() -> None:
    patch = run_pipeline(PLAN, "plan.txt")
    units = {n.name: n for n in nodes_of(patch, Label.GOV_UNIT)}
    assert {"中共中央办公厅", "国务院办公厅", "人力资源和社会保障部", "全国博士后管理委员会",
            "科学技术部"} <= set(units)
    assert "人力资源社会保障部" in units["人力资源和社会保障部"].aliases
    assert units["国务院办公厅"].properties["region"] is None
    located = {s for s, _ in edge_names(patch, RelType.LOCATED_IN)}
    assert "国务院办公厅" not in located


def test_resolve_central_organs_before_a_title_issued_it() -> None:
    issued = edge_names(run_pipeline(PLAN, "plan.txt"), RelType.ISSUED)
    assert {("中共中央办公厅", "关于加快推进乡村人才培育的意见"),
            ("国务院办公厅", "关于加快推进乡村人才培育的意见"),
            ("人力资源和社会保障部", "关于做好博士后招收工作的通知"),
            ("全国博士后管理委员会", "关于做好博士后招收工作的通知")} <= issued


def test_resolve_local_kinds_and_number_prefixes_are_no_central_organs() -> None:
    units = {n.name for n in nodes_of(run_pipeline(PLAN, "plan.txt"), Label.GOV_UNIT)}
    assert not units & {"教育部", "商务部"}
    assert "临泉县人力资源和社会保障局" in units
