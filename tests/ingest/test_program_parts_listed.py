"""A program's parts (invented programs, real places): listed after 包括 or 统筹推进 in the
program's sentence (`X计划,是…,包括“A”“B”和“C”三个子项目`), or written after it with a
middle dot (`“X”计划·种业振兴专项`); a dot after a word that is no program joins one name."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

def program_parts(patch) -> set[tuple[str, str]]:
    return {(patch.nodes[e.source].name, patch.nodes[e.target].name)
            for e in patch.edges.values()
            if e.type is RelType.PART_OF and patch.nodes[e.source].label is Label.PROGRAM}


NOTICE = """临泉县“泉乡英才”计划实施办法

第二条 本办法所称“泉乡英才”计划,是县委、县政府统筹实施的人才引育计划,包括“泉乡工匠培育工程”“青才归泉行动”和“名师带徒计划”三个子项目。
第三条 深入实施“临泉英才”计划,统筹推进“临泉领军人才引育工程”“临泉工匠培育工程”和“临泉青年英才集聚行动”。
第四条 榜单所属专项:“泉乡英才”计划·种业振兴专项。
"""


def test_resolve_parts_listed_after_includes_and_coordinates() -> None:
    parts = edge_names(run_pipeline(NOTICE, "banfa.txt"), RelType.PART_OF)
    assert {("泉乡工匠培育工程", "泉乡英才计划"), ("青才归泉行动", "泉乡英才计划"),
            ("名师带徒计划", "泉乡英才计划"), ("临泉领军人才引育工程", "临泉英才计划"),
            ("临泉工匠培育工程", "临泉英才计划"),
            ("临泉青年英才集聚行动", "临泉英才计划")} <= parts, parts


def test_resolve_a_part_after_a_middle_dot() -> None:
    patch = run_pipeline(NOTICE, "banfa.txt")
    assert "种业振兴专项" in {n.name for n in nodes_of(patch, Label.PROGRAM)}
    assert ("种业振兴专项", "泉乡英才计划") in edge_names(patch, RelType.PART_OF)


def test_resolve_a_dot_after_no_program_joins_one_name() -> None:
    text = "临泉县青年人才工作动态\n\n临泉县开展“我为家乡代言·三百行动”,吸引青年人才返乡。\n"
    patch = run_pipeline(text, "news.txt")
    programs = {n.name for n in nodes_of(patch, Label.PROGRAM)}
    assert "三百行动" not in programs and not program_parts(patch), programs


def test_resolve_includes_without_a_list_of_programs_makes_no_parts() -> None:
    # one program after 包括 is no list of parts
    text = ("临泉县人才工作要点\n\n实施“泉乡英才”计划,支持政策包括安家补贴和“人才绿卡服务行动”。\n")
    parts = program_parts(run_pipeline(text, "yd.txt"))
    assert not parts, parts
