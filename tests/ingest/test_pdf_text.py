"""Text extracted from a PDF: hard line-wraps, page numbers and running headers (normalise),
and indicator tables whose rows are space-separated cells (extract/tables).

The document is invented (real places, invented programs and numbers), wrapped at 24
characters the way a PDF-to-text tool wraps a printed page.
"""
from __future__ import annotations

import unicodedata

from ingest.extract.tables import find_indicator_rows
from ingest.normalise import normalise
from tests.ingest.conftest import text_of
from tests.ingest.test_resolve import run_pipeline
from schema.labels import Label, RelType

PDF = """中共临泉县委 临泉县人民政府关于实施“泉城英才”计
划加快人才集聚的若干意见
临发〔2024〕3号
各乡镇党委、人民政府，县直各单位：
为深入贯彻落实人才工作会议精神，根据《中共阜阳市委 
阜阳市人民政府关于实施“颍淮英才”计划的意见》（阜
发〔2022〕9号），结合临泉实际，现提出如下意见。
一、主要目标
到2026年，全县人才总量稳步增长，主要指标如下：
指标 单位 2023年基数 2026年目标
人才资源总量 万人 8.2 10.5
高技能人才 万人 1.1 1.6
每万名劳动力中研发人员 人年 42 60
二、重点任务
（一）实施“泉城领军”人才工程。围绕绿色食品、高
端装备两大主导产业，每年遴选培育领军人才15名，对

— 1 —

临发〔2024〕3号

顶尖人才团队实行“一事一议”，在县经济开发区建设青
年人才驿站，为来临求职的高校毕业生提供免费住宿。
（二）支持企业建立院士专家工作站、博士后科研工作
站，对新认定的省级博士后科研工作站给予30万元资助。
中共临泉县委
临泉县人民政府
2024年3月18日

— 2 —
"""


def test_normalise_joins_hard_wrapped_lines() -> None:
    text = normalise(text_of(PDF)).text
    lines = text.split("\n")
    assert lines[0] == "中共临泉县委 临泉县人民政府关于实施“泉城英才”计划加快人才集聚的若干意见"
    assert "根据《中共阜阳市委 阜阳市人民政府关于实施“颍淮英才”计划的意见》(阜发〔2022〕9号)" in text
    assert "每年遴选培育领军人才15名,对顶尖人才团队实行“一事一议”" in text  # across a page
    assert "博士后科研工作站,对新认定的" in text


def test_normalise_pdf_keeps_lines_that_end_or_open_something() -> None:
    lines = normalise(text_of(PDF)).text.split("\n")
    # a line ending a sentence, a list's lead-in, a table row, a heading, a signature
    for line in ("临发〔2024〕3号", "各乡镇党委、人民政府,县直各单位:", "一、主要目标",
                 "到2026年,全县人才总量稳步增长,主要指标如下:", "高技能人才 万人 1.1 1.6",
                 "中共临泉县委", "临泉县人民政府", "2024年3月18日"):
        assert line in lines
    assert any(line.startswith("(一)实施“泉城领军”人才工程") for line in lines)
    assert any(line.startswith("(二)支持企业建立") for line in lines)


def test_normalise_pdf_drops_page_numbers_and_running_headers() -> None:
    result = normalise(text_of(PDF))
    assert "— 1 —" not in result.text and "— 2 —" not in result.text
    assert result.text.count("临发〔2024〕3号") == 1  # the first is the document's number
    assert any("hard-wrapped" in w for w in result.warnings)


def test_normalise_pdf_offsets_still_trace_every_character() -> None:
    result = normalise(text_of(PDF))
    assert len(result.offsets) == len(result.text) + 1
    assert all(a <= b for a, b in zip(result.offsets, result.offsets[1:]))
    for i, ch in enumerate(result.text):  # each character comes from its original one
        orig = result.original[result.offsets[i]]
        assert ch == unicodedata.normalize("NFKC", orig) or (ch == " " and orig.isspace()), i


def test_normalise_lines_of_many_lengths_are_not_joined() -> None:
    # a typed page: lines that end in no punctuation (a list of platforms, headings) but
    # whose lengths vary, as no wrapped text's do
    lines = ["临泉县" + "现代农业" * (k % 5 + 1) + "产业人才工作站" for k in range(12)]
    text = "\n".join(lines)
    assert normalise(text_of(text)).text == text


def test_normalise_wrapped_lines_of_one_width_are_joined() -> None:
    # (the same number of lines, all of one width: wrapped)
    lines = ["临泉县现代农业现代农业产业人才工作站人才工作"] * 11 + ["完。"]
    assert normalise(text_of("\n".join(lines))).text == "".join(lines)


def test_a_line_opening_with_a_mark_no_line_starts_with_is_joined_in_any_text() -> None:
    # lines of many widths (no wrap width), but a comma, a 顿号 or a closing bracket cannot
    # start a line: each such line continues the one above
    text = ("县委人才工作领导小组统筹推进全县人才工作\n，县委组织部牵头抓总，县人社局抓好落实。\n"
            "支持临泉县现代农业产业园\n、临泉县经济开发区等园区建设人才驿站。\n"
            "落实《临泉县人才公寓管理办法\n》的规定。\n"
            "人才公寓\n300套\n")
    result = normalise(text_of(text))
    assert result.text.split("\n") == [
        "县委人才工作领导小组统筹推进全县人才工作,县委组织部牵头抓总,县人社局抓好落实。",
        "支持临泉县现代农业产业园、临泉县经济开发区等园区建设人才驿站。",
        "落实《临泉县人才公寓管理办法》的规定。",
        "人才公寓", "300套"]  # (a table's cells stay apart)
    assert any("joined 3 hard-wrapped lines" in w for w in result.warnings)
    assert len(result.offsets) == len(result.text) + 1


def test_a_mark_after_a_blank_line_starts_nothing_new_but_is_not_joined() -> None:
    text = "人才驿站建设情况\n\n、临泉县经济开发区\n"  # a paragraph break is the writer's
    assert normalise(text_of(text)).text == "人才驿站建设情况\n\n、临泉县经济开发区"


def test_indicator_table_of_space_separated_rows() -> None:
    text = normalise(text_of(PDF)).text
    rows = {r.name: (r.unit, r.values) for r in find_indicator_rows(text)}
    assert rows == {
        "人才资源总量": ("万人", [{"year": 2023, "kind": "baseline", "value": 8.2},
                              {"year": 2026, "kind": "target", "value": 10.5}]),
        "高技能人才": ("万人", [{"year": 2023, "kind": "baseline", "value": 1.1},
                            {"year": 2026, "kind": "target", "value": 1.6}]),
        "每万名劳动力中研发人员": ("人年", [{"year": 2023, "kind": "baseline", "value": 42},
                                   {"year": 2026, "kind": "target", "value": 60}]),
    }


def test_space_separated_lines_without_a_table_header_are_no_table() -> None:
    roster = "\n".join(f"{name} 临泉县人民医院 主治医师" for name in ("王 敏", "李 强", "张 伟", "刘 洋"))
    assert find_indicator_rows("表彰名单如下:\n" + roster + "\n") == []


def test_pdf_document_end_to_end() -> None:
    patch = run_pipeline(PDF, "linquan_yijian.txt")
    docs = {n.name for n in patch.nodes.values() if n.label is Label.POLICY_DOCUMENT}
    # the title over two lines is one name; the cited title over three lines is whole
    assert any(d.endswith("关于实施泉城英才计划加快人才集聚的若干意见") for d in docs), docs
    assert any(d.endswith("关于实施颍淮英才计划的意见") for d in docs), docs
    platforms = {n.name for n in patch.nodes.values() if n.label is Label.PLATFORM}
    assert not any(p.startswith("站") or p.startswith("年人才") for p in platforms), platforms
    indicators = [n for n in patch.nodes.values() if n.label is Label.INDICATOR]
    assert len(indicators) == 3
    assert sum(1 for (t, _, _) in patch.edges if t == RelType.HAS_INDICATOR.value) == 3
