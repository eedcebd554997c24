"""Name lists (ingest/extract/rosters.py): the 姓名 column of a 公示 table names persons, and
the row's unit column says where each works."""
from __future__ import annotations

from ingest.extract.rosters import find_roster_persons
from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

PIPE_ROSTER = ("拟认定人选名单如下:\n"
               "序号 | 姓名 | 工作单位 | 人才类别\n"
               "1 | 李建国 | 青川县农业农村局 | 乡村振兴人才\n"
               "2 | 阿依古丽·买买提 | 青川县人民医院 | 医疗卫生人才\n"
               "3 | 王芳 | 青川县教育和体育局 | 教育人才\n"
               "公示时间:2023年12月5日至12月11日。\n")


def test_rosters_pipe_rows_name_persons_with_their_unit_cells() -> None:
    found = list(find_roster_persons(PIPE_ROSTER))
    assert [m.name for m in found] == ["李建国", "阿依古丽·买买提", "王芳"]
    first = found[0]
    s, e = first.attrs["unit_cell"]
    assert PIPE_ROSTER[s:e] == "青川县农业农村局"
    assert PIPE_ROSTER[first.start:first.end] == "李建国" and first.label is Label.PERSON


def test_rosters_one_cell_a_line() -> None:
    text = "序号\n姓名\n所在单位\n1\n李建国\n青川县农业农村局\n2\n王芳\n青川县教育和体育局\n附件:\n"
    found = list(find_roster_persons(text))
    assert [(m.name, text[slice(*m.attrs["unit_cell"])]) for m in found] == [
        ("李建国", "青川县农业农村局"), ("王芳", "青川县教育和体育局")]


def test_rosters_a_table_without_a_names_column_names_no_one() -> None:
    text = "序号 | 项目名称 | 承担单位\n1 | 王家坝治理 | 青川县水利局\n"
    assert list(find_roster_persons(text)) == []


def test_rosters_a_names_cell_that_is_no_name_is_skipped() -> None:
    text = "序号 | 姓名 | 工作单位\n1 | 待定人选名额 | 青川县人民医院\n2 | 王芳 | 青川县人民医院\n"
    assert [m.name for m in find_roster_persons(text)] == ["王芳"]


def test_rosters_pipeline_member_of_the_unit_in_the_row() -> None:
    patch = run_pipeline("关于2023年度青川县拔尖人才拟认定人选的公示\n发布时间:2023-12-05\n"
                         + PIPE_ROSTER, "gongshi.txt")
    assert {"李建国", "王芳"} <= {n.name for n in nodes_of(patch, Label.PERSON)}
    members = edge_names(patch, RelType.MEMBER_OF)
    assert ("李建国", "青川县农业农村局") in members
    assert ("王芳", "青川县教育和体育局") in members
    assert not {m for m in members if m[0] == "李建国" and m[1] != "青川县农业农村局"}
