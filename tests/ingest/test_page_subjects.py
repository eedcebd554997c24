"""Who a page's sentences are about (invented programs and people, real places): a place
that opens a sentence by working with a partner (`某市还与某学院签订协议,共同开展X`) runs
what it does there; a notice that changes a leading group's members establishes no program;
`川南区域` names no district (南区)."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

BULLETIN = """阜阳市人才工作简报
临泉县实施“泉乡英才”计划,引进高层次人才20名。阜阳市还与阜阳师范大学签订合作协议,共同开展新型职业农民学历提升行动。
加快建设皖北区域人才高地。
"""

NOTICE = """中共临泉县委办公室
关于调整县委人才工作领导小组组成人员的通知
临委办〔2023〕9号
各乡镇党委、人民政府,县直各单位:
经县委同意,对县委人才工作领导小组组成人员进行调整。领导小组办公室负责统筹推进“泉乡英才”计划。
中共临泉县委办公室
2023年3月1日
"""


def test_resolve_a_place_that_works_with_a_partner_runs_what_they_do() -> None:
    runs = edge_names(run_pipeline(BULLETIN, "bulletin.txt"), RelType.RUNS)
    assert ("阜阳市", "新型职业农民学历提升行动") in runs
    assert ("临泉县", "新型职业农民学历提升行动") not in runs


def test_resolve_a_notice_on_a_groups_members_establishes_no_program() -> None:
    patch = run_pipeline(NOTICE, "notice.txt")
    assert "泉乡英才计划" in {n.name for n in nodes_of(patch, Label.PROGRAM)}
    assert not edge_names(patch, RelType.ESTABLISHES)


def test_resolve_a_region_s_word_is_no_district() -> None:
    text = "川南人才工作\n宜宾市加快建设川南区域人才高地,支持高校院所建设联合实验室。\n"
    regions = {n.name for n in nodes_of(run_pipeline(text, "t.txt"), Label.REGION)}
    assert "南区" not in regions and "宜宾市" in regions
