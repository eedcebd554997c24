"""Flattened indicator tables (ingest/extract/tables.py)."""
from __future__ import annotations

import pytest

from ingest.extract.tables import find_indicator_rows, parse_table, table_blocks

HEADER = ["一级指标", "序号", "二级指标", "单位", "2020年 基数", "2025年 目标"]


def flat(*cells: str) -> str:
    """One cell per line, each ending in ` |` (an empty string gives a bare `|` line)."""
    return "".join(f"{c} |\n" if c else "|\n" for c in cells)


#: a table about an invented county: a category cell before rows 1–2, an empty merged cell
#: between rows, a `——` value and a percentage, then a second category before row 3
TABLE = (
    "青云县人才发展主要指标\n"
    + flat(*HEADER,
           "人才总量", "1", "人才资源总量", "万人", "3.2", "5",
           "", "2", "高技能人才", "人", "800", "——",
           "人才效能", "3", "人才贡献率", "%", "12.5%", "20%")
    + "正文继续。\n"
)


def test_find_indicator_rows_names_and_units() -> None:
    rows = find_indicator_rows(TABLE)
    assert [(r.name, r.unit) for r in rows] == [("人才资源总量", "万人"), ("高技能人才", "人"), ("人才贡献率", "%")]


def test_find_indicator_rows_values_by_header_year_and_kind() -> None:
    rows = find_indicator_rows(TABLE)
    assert rows[0].values == [{"year": 2020, "kind": "baseline", "value": 3.2},
                              {"year": 2025, "kind": "target", "value": 5}]


def test_find_indicator_rows_no_value_dash_is_dropped() -> None:
    rows = find_indicator_rows(TABLE)
    assert rows[1].values == [{"year": 2020, "kind": "baseline", "value": 800}]


def test_find_indicator_rows_percent_value_is_a_number() -> None:
    rows = find_indicator_rows(TABLE)
    assert rows[2].values == [{"year": 2020, "kind": "baseline", "value": 12.5},
                              {"year": 2025, "kind": "target", "value": 20}]


def test_find_indicator_rows_integral_values_are_ints() -> None:
    rows = find_indicator_rows(TABLE)
    assert all(type(v["value"]) is int for v in (rows[0].values[1], rows[1].values[0]))


def test_find_indicator_rows_category_between_rows_applies_to_the_next() -> None:
    rows = find_indicator_rows(TABLE)
    assert rows[2].category == "人才效能"


def test_find_indicator_rows_category_before_first_row_applies() -> None:
    rows = find_indicator_rows(TABLE)
    assert [r.category for r in rows] == ["人才总量", "人才总量", "人才效能"]


def test_find_indicator_rows_spans_start_at_serial_and_cover_the_row() -> None:
    rows = find_indicator_rows(TABLE)
    for row, serial in zip(rows, ("1", "2", "3")):
        span = TABLE[row.start:row.end]
        assert span.startswith(f"{serial} |")
        assert row.name in span and row.unit in span


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("2015年 完成情况", "actual"),
        ("2015年 现状", "baseline"),
        ("2025年 预期", "target"),
        ("2025年 规划目标", "target"),
        ("2021年", "actual"),
    ],
)
def test_parse_table_column_kind_from_header(header: str, expected: str) -> None:
    text = flat("序号", "指标", "单位", header, "1", "人才资源总量", "万人", "3")
    ((_, _, cells),) = table_blocks(text)
    (row,) = parse_table(cells)
    assert row.values == [{"year": int(header[:4]), "kind": expected, "value": 3}]


@pytest.mark.parametrize("empty", ["——", "-", "/", "－"])
def test_parse_table_empty_markers_give_no_value(empty: str) -> None:
    ((_, _, cells),) = table_blocks(flat("序号", "指标", "单位", "2020年", "1", "人才总数", "人", empty))
    (row,) = parse_table(cells)
    assert row.values == []


def test_parse_table_block_without_year_columns_is_not_a_table() -> None:
    ((_, _, cells),) = table_blocks(flat("序号", "姓名", "单位", "1", "张三", "青云县"))
    assert parse_table(cells) == []


def test_parse_table_block_without_serial_is_not_a_table() -> None:
    ((_, _, cells),) = table_blocks(flat("指标", "2020年", "人才总数", "300"))
    assert parse_table(cells) == []


def test_table_blocks_split_at_non_cell_lines() -> None:
    text = flat("甲", "乙") + "一段正文。\n" + flat("丙")
    blocks = table_blocks(text)
    assert [[c for c, _, _ in cells] for _, _, cells in blocks] == [["甲", "乙"], ["丙"]]
    for start, end, cells in blocks:
        assert all(text[s:e] == c for c, s, e in cells)
        assert start <= cells[0][1] and cells[-1][2] <= end


def test_find_indicator_rows_text_without_table_is_empty() -> None:
    assert find_indicator_rows("青云县实施“银杏”人才计划。\n") == []


def test_parse_table_bare_years_are_baseline_and_target() -> None:
    # a plan's `2020年 | 2025年` columns: the first year is the baseline, the last the target
    text = flat("序号", "指标", "单位", "2020年", "2023年", "2025年", "1", "人才资源总量", "万人",
                "50", "55", "60")
    ((_, _, cells),) = table_blocks(text)
    (row,) = parse_table(cells)
    assert [(v["year"], v["kind"]) for v in row.values] == [
        (2020, "baseline"), (2023, "actual"), (2025, "target")]


def test_find_indicator_rows_table_without_serial_numbers() -> None:
    text = ("专栏1 主要指标\n" + flat("指标名称", "单位", "2021年 基数", "2025年 目标",
                                   "乡村人才总量", "万人", "1.12", "1.6",
                                   "高素质农民", "人", "860", "——")
            + "正文继续。\n")
    rows = find_indicator_rows(text)
    assert [(r.name, r.unit, r.values) for r in rows] == [
        ("乡村人才总量", "万人", [{"year": 2021, "kind": "baseline", "value": 1.12},
                             {"year": 2025, "kind": "target", "value": 1.6}]),
        ("高素质农民", "人", [{"year": 2021, "kind": "baseline", "value": 860}])]


def test_find_indicator_rows_category_column_without_serials() -> None:
    # no 序号 column, a 类别 column whose merged cells stand before a group's first row only
    text = ("表1 主要指标\n" + flat("类别", "指标", "单位", "2023年基数", "2026年目标",
                                 "人才总量", "人才资源总量", "万人", "8.2", "9.5",
                                 "技能人才", "万人", "2.1", "——",
                                 "人才平台", "博士后创新实践基地", "家", "1", "4",
                                 "", "人才驿站", "个", "12", "30")
            + "正文继续。\n")
    rows = find_indicator_rows(text)
    assert [(r.category, r.name, r.unit, [v["value"] for v in r.values]) for r in rows] == [
        ("人才总量", "人才资源总量", "万人", [8.2, 9.5]),
        ("人才总量", "技能人才", "万人", [2.1]),
        ("人才平台", "博士后创新实践基地", "家", [1, 4]),
        ("人才平台", "人才驿站", "个", [12, 30])]  # an empty cell: merged with the one above
    assert [(v["year"], v["kind"]) for v in rows[0].values] == [
        (2023, "baseline"), (2026, "target")]


def test_find_indicator_rows_category_cells_need_a_category_column() -> None:
    # a header without a column before the names: a row that does not fit ends the table
    text = flat("指标名称", "单位", "2023年 基数", "2026年 目标",
                "人才资源总量", "万人", "8.2", "9.5",
                "另起一段", "人才驿站", "个", "12", "30")
    assert [r.name for r in find_indicator_rows(text)] == ["人才资源总量"]


def test_find_indicator_rows_a_list_without_serials_is_no_table() -> None:
    # no unit column in the header: a flattened list, not an indicator table
    text = flat("项目名称", "2023年", "人才驿站建设", "20", "人才公寓建设", "300")
    assert find_indicator_rows(text) == []


def bare(*cells: str) -> str:
    """One cell per line, without the `|` (how some pages flatten a table)."""
    return "".join(f"{c}\n" for c in cells)


def test_find_indicator_rows_bare_cells_under_a_header() -> None:
    # the same table without `|`: a run of short lines opened by header words
    text = ("三、主要目标\n到2025年,全县人才资源总量达到5万人。\n\n专栏1 青云县人才发展主要指标\n"
            + bare(*HEADER, "人才总量", "1", "人才资源总量", "万人", "3.2", "5",
                   "2", "高技能人才", "人", "800", "——")
            + "\n四、重点任务\n")
    rows = find_indicator_rows(text)
    assert [(r.name, r.unit, r.category, r.values) for r in rows] == [
        ("人才资源总量", "万人", "人才总量", [{"year": 2020, "kind": "baseline", "value": 3.2},
                                      {"year": 2025, "kind": "target", "value": 5}]),
        ("高技能人才", "人", "人才总量", [{"year": 2020, "kind": "baseline", "value": 800}])]
    assert text[rows[0].start:rows[0].start + 1] == "1"  # spans point into the text


@pytest.mark.parametrize("lines", [
    # page furniture and a list of short items: no header words, no table
    ["首页", "新闻中心", "工作动态", "1", "青云县人才工作会议召开", "2", "人才驿站揭牌", "【打印】",
     "【关闭】", "上一篇"],
    # short lines with a header word but no year anywhere: no value columns
    ["序号", "单位名称", "联系人", "1", "青云县人才办", "王明", "2", "青云县人社局", "李红"],
])
def test_find_indicator_rows_short_lines_that_are_no_table(lines: list[str]) -> None:
    assert find_indicator_rows(bare(*lines)) == []


def test_find_indicator_rows_year_of_the_caption_and_a_ratio_column() -> None:
    # `年度目标 | 完成情况` carry no year: the caption's; `完成率` is no value of the indicator
    text = ("附:2022年度全县人才工作主要指标完成情况\n"
            + flat("序号", "指标名称", "单位", "年度目标", "完成情况", "完成率",
                   "1", "新引进各类人才", "人", "1200", "1356", "113%",
                   "2", "新建人才驿站", "个", "4", "5", "125%"))
    rows = find_indicator_rows(text)
    assert [(r.name, r.values, r.category) for r in rows] == [
        ("新引进各类人才", [{"year": 2022, "kind": "target", "value": 1200},
                     {"year": 2022, "kind": "actual", "value": 1356}], None),
        ("新建人才驿站", [{"year": 2022, "kind": "target", "value": 4},
                    {"year": 2022, "kind": "actual", "value": 5}], None)]


def test_find_indicator_rows_ratio_column_without_serials() -> None:
    text = bare("2023年人才指标完成情况表", "指标名称", "单位", "年度目标", "完成情况", "完成率",
                "新引进各类人才", "人", "1200", "1356", "113%",
                "新建人才驿站", "个", "4", "5", "125%")
    rows = find_indicator_rows(text)
    assert [(r.name, [v["value"] for v in r.values]) for r in rows] == [
        ("新引进各类人才", [1200, 1356]), ("新建人才驿站", [4, 5])]


def test_find_indicator_rows_progress_column_is_no_value() -> None:
    # a mid-term review's table: the share of the target reached (`进度`) closes each row
    text = bare("指标", "单位", "2020年基数", "2025年目标", "2023年完成", "进度",
                "人才资源总量", "万人", "5.2", "7", "6.1", "50.0%",
                "人才贡献率", "%", "——", "30", "——", "——")
    rows = find_indicator_rows(text)
    assert [(r.name, r.unit, [(v["year"], v["kind"], v["value"]) for v in r.values])
            for r in rows] == [
        ("人才资源总量", "万人", [(2020, "baseline", 5.2), (2025, "target", 7),
                                  (2023, "actual", 6.1)]),
        ("人才贡献率", "%", [(2025, "target", 30)])]


def test_find_indicator_rows_a_captions_year_for_each_kind() -> None:
    text = ("表1 青云市人才发展主要指标(现状值为2022年底数据,目标值为2025年)\n"
            + bare("指标", "单位", "现状值", "目标值", "人才资源总量", "万人", "108.6", "130"))
    (row,) = find_indicator_rows(text)
    assert row.values == [{"year": 2022, "kind": "baseline", "value": 108.6},
                          {"year": 2025, "kind": "target", "value": 130}]


def test_find_indicator_rows_a_one_among_values_is_no_serial_number() -> None:
    # no 序号 column: the value 1 does not start a row
    text = bare("附表 2023年青云区人才工作主要指标完成情况", "指标名称", "单位", "2023年目标",
                "2023年完成", "新引进人才", "人", "1500", "1629", "院士工作站", "个", "1", "1",
                "博士后创新实践基地", "个", "2", "2")
    rows = find_indicator_rows(text)
    assert [(r.name, r.unit, [v["value"] for v in r.values]) for r in rows] == [
        ("新引进人才", "人", [1500, 1629]), ("院士工作站", "个", [1, 1]),
        ("博士后创新实践基地", "个", [2, 2])]


def test_find_indicator_rows_serials_right_after_a_header_without_a_serial_column() -> None:
    # no 序号 header cell, but the 1 follows the header straight away: a serial number
    text = flat("二级指标", "单位", "2020年 目标", "1", "经营管理人才", "万人", "12",
                "2", "专业技术人才", "万人", "30")
    assert [(r.name, r.values[0]["value"]) for r in find_indicator_rows(text)] == [
        ("经营管理人才", 12), ("专业技术人才", 30)]


HTML_TABLE = """<html><body><p>阜阳市人才强市三年行动方案(2024—2026年)</p>
<p>到2026年,全市人才资源总量达到130万人。</p>
<p>表1 人才强市主要指标</p>
<table>
<tr><td>序号</td><td>指标名称</td><td>单位</td><td>基期值（2023年）</td><td>目标值（2026年）</td></tr>
<tr><td>1</td><td>人才资源总量</td><td>万人</td><td>112.6</td><td>130</td></tr>
<tr><td>2</td><td>人才公寓</td><td>套</td><td>——</td><td>3000</td></tr>
</table>
<p>二、重点任务</p></body></html>
"""


def test_find_indicator_rows_of_a_web_pages_table_whose_cells_come_apart() -> None:
    from ingest.normalise import normalise
    from tests.ingest.conftest import text_of

    text = normalise(text_of(HTML_TABLE, "plan.html")).text
    assert "\n\n" in text[text.find("序号"):text.find("3000")]  # (cells apart by blank lines)
    rows = [(r.name, r.unit, r.values) for r in find_indicator_rows(text)]
    assert rows == [
        ("人才资源总量", "万人", [{"year": 2023, "kind": "baseline", "value": 112.6},
                                {"year": 2026, "kind": "target", "value": 130}]),
        ("人才公寓", "套", [{"year": 2026, "kind": "target", "value": 3000}])]


def test_find_indicator_rows_consecutive_year_columns_are_a_series_of_observations() -> None:
    # a report's table of four years in a row: every value observed, none a baseline or target
    text = ("表1 2020—2023年临泉县主要人才指标\n指标 |\n单位 |\n2020年 |\n2021年 |\n2022年 |\n"
            "2023年 |\n人才资源总量 |\n万人 |\n8.6 |\n9.2 |\n9.9 |\n10.5 |\n")
    (row,) = find_indicator_rows(text)
    assert row.name == "人才资源总量"
    assert [(v["year"], v["kind"]) for v in row.values] == [
        (2020, "actual"), (2021, "actual"), (2022, "actual"), (2023, "actual")]


def test_find_indicator_rows_a_plans_years_are_still_baseline_and_target() -> None:
    text = "指标 |\n单位 |\n2020年 |\n2025年 |\n人才资源总量 |\n万人 |\n8.6 |\n12 |\n"
    (row,) = find_indicator_rows(text)
    assert [(v["year"], v["kind"]) for v in row.values] == [(2020, "baseline"), (2025, "target")]


def test_find_indicator_rows_rows_closed_by_a_lone_bar_are_all_read() -> None:
    # each row's last cell left blank: a line holding only `|` between rows
    text = ("指标名称 |\n单位 |\n2024年目标 |\n2024年完成 |\n人才资源总量 |\n万人 |\n10 |\n10.5 |\n|\n"
            "高技能人才 |\n万人 |\n1.0 |\n1.2 |\n|\n新引进高层次人才 |\n人 |\n300 |\n356 |\n|\n")
    rows = find_indicator_rows(text)
    assert [r.name for r in rows] == ["人才资源总量", "高技能人才", "新引进高层次人才"]
    assert rows[2].values == [{"year": 2024, "kind": "target", "value": 300},
                              {"year": 2024, "kind": "actual", "value": 356}]
