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


#: a decision's list: one person a line, name first (a two-character name padded by a
#: space), then unit and post, no header
LIST = ("一、青川县拔尖人才(4名,按姓氏笔画为序)\n"
        "王晓峰　青川县人民医院心血管内科主任医师\n"
        "许　敏　青川县农业农村局高级农艺师\n"
        "阿依古丽·买买提　青川县第一中学高级教师\n"
        "刘志宏　青川县教育和体育局副局长\n"
        "对受表彰人员给予一次性奖励。\n")


def test_rosters_a_list_without_header_one_person_a_line() -> None:
    found = list(find_roster_persons(LIST))
    assert [(m.name, LIST[slice(*m.attrs["unit_cell"])]) for m in found] == [
        ("王晓峰", "青川县人民医院心血管内科主任医师"), ("许敏", "青川县农业农村局高级农艺师"),
        ("阿依古丽·买买提", "青川县第一中学高级教师"), ("刘志宏", "青川县教育和体育局副局长")]
    assert LIST[found[1].start:found[1].end] == "许　敏"


def test_rosters_fewer_list_lines_than_a_list_or_prose_name_no_one() -> None:
    assert list(find_roster_persons("王晓峰　青川县人民医院主任医师\n许　敏　青川县农业农村局\n")) == []
    assert list(find_roster_persons("高层次人才 享受补贴\n王芳 说,要加快发展。\n李明 认为:好\n")) == []


def test_rosters_pipeline_member_of_the_unit_on_a_list_line() -> None:
    patch = run_pipeline("关于表彰青川县拔尖人才的决定\n县委、县政府决定,授予王晓峰等4名同志“青川县"
                         "拔尖人才”称号。\n" + LIST, "jueding.txt")
    assert {"王晓峰", "许敏", "刘志宏"} <= {n.name for n in nodes_of(patch, Label.PERSON)}
    members = edge_names(patch, RelType.MEMBER_OF)
    assert ("许敏", "青川县农业农村局") in members
    assert ("刘志宏", "青川县教育和体育局") in members


def test_a_roster_flattened_one_cell_a_line_without_serials() -> None:
    # `姓名 | 单位 | 称号`, a cell a line, a lone `|` closing each row: the names are persons,
    # the other cells are not
    text = ("2024年度临泉县拔尖人才名单\n姓名 |\n单位 |\n称号 |\n李振华 |\n临泉县人民医院 |\n临泉县拔尖人才 |\n|\n"
            "赵静 |\n临泉第一中学 |\n临泉县拔尖人才 |\n|\n孙立新 |\n临泉县农业农村局 |\n临泉工匠 |\n|\n")
    found = [(m.name, text[slice(*m.attrs["unit_cell"])]) for m in find_roster_persons(text)]
    assert found == [("李振华", "临泉县人民医院"), ("赵静", "临泉第一中学"),
                     ("孙立新", "临泉县农业农村局")]
