"""Normalise stage: Simplified, furniture-free text whose every character traces back."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.normalise import Normaliser, _convert, normalise, query_forms
from ingest.types import DecodedText, NormalizedText, RawFile
from tests.ingest.conftest import text_of


def norm(text: str) -> str:
    return normalise(text_of(text)).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("臨河區(qū)", "临河区"),
        ("近年來(lái),臨河區(qū)全力打造", "近年来,临河区全力打造"),
        ("發(fā)展", "发展"),
        ("實(shí)施人才強(qiáng)區戰(zhàn)略", "实施人才强区战略"),
        ("創（chuàng）新", "创新"),  # fullwidth parentheses
        ("臨(lín)河(de)", "临河"),  # bare syllable on a page with toned glosses
    ],
)
def test_normalise_strips_glued_pinyin(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "已建成大学生创业(孵化)园",
        "《社区经费管理使用监督办法(试行)》",
        "根据《纲要》(鄂府发〔2021〕1号),编制本规划",
        "设立驻外人才工作站(北京)",
        "人才发展规划(2022)",
        "加大研发(R&D)投入",
        "开发手机应用(app)",
        "选定的(de)",  # a bare syllable on a page without toned glosses
        "人才(rencai)工作",  # not one syllable
    ],
)
def test_normalise_keeps_real_parentheticals(text: str) -> None:
    assert norm(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "您当前的位置:",
        "首页 > 2019改版 > 专题专栏 > 经验典型",
        "【字体:",
        "字体:大 中 小",
        "分享:",
        "分享到:微信 微博",
        "上一篇:20151215 第三十九期",
        "下一篇:20151224 第四十一期",
        "【下一篇】我旗开展全民国家安全教育宣传活动",
        "某市人民政府 > 政府信息公开 > 规划计划",
        "打印本页 关闭窗口",
        "【打印】【关闭】",
        "电话:0473-2991634",
        "蒙ICP备11001578号-2",
        "京ICP备05001234号",
        "蒙公网安备 15030202000164号",
        "地址:某市某区行政中心",
        "邮编:016000",
        "email:office@example.com",
        "技术支持:某某科技有限责任公司",
        "中共某市委组织部版权所有",
        "编辑:",
        "责任编辑:张三",
        "友情链接",
        "?",
        "2023年03月29日 星期三",
        # distribution lists: the units named receive a copy, of any length
        "抄送:市委各部门,市人大常委会办公室,市政协办公室,市纪委市监委,市法院,市检察院,"
        "各人民团体,各民主党派市委,各新闻单位,驻市各单位,各县(市、区)委组织部。",
        "报:省委人才办,市委、市政府领导",
        "送:市委人才工作领导小组成员单位",
        "(共印60份)",
    ],
)
def test_normalise_removes_furniture_lines(line: str) -> None:
    assert norm(f"第一段正文。\n{line}\n第二段正文。") == "第一段正文。\n第二段正文。"


@pytest.mark.parametrize(
    "line",
    [
        "作者: 来源: 发布时间:2022-05-25 09:36",
        "发布日期:2011-07-13",
        "第 40 期",
        "(人才科 供稿)",
        "|",
        "报送材料:各单位于月底前报送人才工作总结。",
        "电话、地址、邮编等信息由各单位统一报送人才工作领导小组办公室汇总,"
        "请各单位认真填写并于每月底前报送,逾期未报送的单位将予以通报,版权所有单位另行通知。",
    ],
)
def test_normalise_keeps_metadata_and_body_lines(line: str) -> None:
    assert norm(f"第一段正文。\n{line}\n第二段正文。") == f"第一段正文。\n{line}\n第二段正文。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u3000\u3000段落开头\xa0 ", "段落开头"),
        ("甲\n\n\n\n乙\n \n\n丙", "甲\n\n乙\n\n丙"),
        ("甲\n\u3000\xa0 \n乙", "甲\n\n乙"),
        ("\n\n甲\n\n", "甲"),
        ("甲\r\n乙\r丙", "甲\n乙\n丙"),
        ("（１）ＡＢ：ｃ，ｄ；", "(1)AB:c,d;"),
        ("“人才”《规划》〔2022〕、。【工作动态】", "“人才”《规划》〔2022〕、。【工作动态】"),
        ("零\u200b宽\ufeff字符", "零宽字符"),
        ("\u200f燕归巢\u202e行动\u2066计划\u2069", "燕归巢行动计划"),  # bidirectional marks
        ("实施「英才计划」和『青蓝』工程｢驿站｣", "实施“英才计划”和‘青蓝’工程“驿站”"),  # corner quotes
    ],
)
def test_normalise_canonical_whitespace_and_width(text: str, expected: str) -> None:
    assert norm(text) == expected


def test_normalise_converts_traditional_to_simplified() -> None:
    assert norm("臺灣發佈日期:2011-07-13 內蒙古巴彥淖爾市") == "台湾发布日期:2011-07-13 内蒙古巴彦淖尔市"


def test_normalise_strips_html() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>页面</title><style>p{color:red}</style></head>"
        "<body><div class='nav'>您当前的位置:首页</div><p>第一段&nbsp;内容&lt;一&gt;</p>"
        "<script>var x = '<p>不要</p>';</script><p>第二段<br>第三段&amp;</p></body></html>"
    )
    result = normalise(text_of(page))
    assert [ln for ln in result.text.split("\n") if ln] == ["第一段 内容<一>", "第二段", "第三段&"]
    assert "HTML markup removed" in result.warnings
    first = result.text.index("第一段")
    assert page[result.offsets[first]: result.offsets[first] + 3] == "第一段"


def test_normalise_html_unclosed_script_and_bad_entities() -> None:
    """An unclosed script runs to the end of the page, as in a browser; character
    references to NUL, controls or no character at all leave nothing behind."""
    page = ("<html><body><p>正文&#0;内容&#7;&#99999999;&#x110000;。&#x4eba;才</p>"
            "<script>var name = '未闭合脚本计划';")
    result = normalise(text_of(page))
    assert [ln for ln in result.text.split("\n") if ln] == ["正文内容。人才"]


def test_normalise_carries_decode_warnings() -> None:
    decoded = DecodedText(RawFile.from_bytes("x", b"x"), "正文\ufffd", "utf-8", ("utf-8 (1 invalid byte replaced)",))
    assert normalise(decoded).warnings[0] == "utf-8 (1 invalid byte replaced)"


def _traces_back(result: NormalizedText) -> list[int]:
    """Indexes of normalised characters that do not come from their original character."""
    folded = {"\u3000": " ", "\xa0": " "}
    bad = []
    for i, ch in enumerate(result.text):
        orig = result.original[result.offsets[i]]
        if ch not in (orig, _convert(orig), folded.get(orig)):
            bad.append(i)
    return bad


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_normalise_offsets_trace_every_character(
    normalized_seed: Callable[[str], NormalizedText], seed: str
) -> None:
    result = normalized_seed(seed)
    assert len(result.offsets) == len(result.text) + 1
    assert result.offsets[-1] == len(result.original)
    assert _traces_back(result) == []


@pytest.mark.parametrize(("seed", "span"), [("001", "实施人才强区战略"), ("001", "临河区"), ("004", "发布日期")])
def test_normalise_to_original_maps_a_span_back(
    normalized_seed: Callable[[str], NormalizedText], seed: str, span: str
) -> None:
    result = normalized_seed(seed)
    start = result.text.index(span)
    s, e = result.to_original(start, start + len(span))
    assert norm(result.original[s:e]) == span
    assert result.from_original(s) == start


def test_normalise_seed_001_is_simplified_without_pinyin(
    normalized_seed: Callable[[str], NormalizedText],
) -> None:
    text = normalized_seed("001").text
    assert text.startswith("近年来,临河区全力打造“智荟临河”")
    assert "(qū)" not in text and "臨" not in text and "(ci)" not in text


def test_normalise_seed_000_furniture_gone_metadata_kept(
    normalized_seed: Callable[[str], NormalizedText],
) -> None:
    text = normalized_seed("000").text
    assert "您当前的位置" not in text and "首页 >" not in text and "【字体" not in text
    assert "分享" not in text
    assert "发布时间:2022-05-25" in text


_ALPHABET = st.sampled_from(list("臨河區(qū)āǎ)(<p>&amp;;\n\r \u3000\xa0ＡＢ１：我们的發展?版权所有电话:ICP备号-") + ["<br>", "<div>", "&nbsp;", "(lái)", "</p>"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_ALPHABET | st.characters(), max_size=80).map("".join)))
def test_normalise_never_raises_and_offsets_are_monotonic(text: str) -> None:
    result = Normaliser().run(text_of(text))
    assert len(result.offsets) == len(result.text) + 1
    assert all(a <= b for a, b in zip(result.offsets, result.offsets[1:]))
    assert all(0 <= o <= len(text) for o in result.offsets)


@pytest.mark.parametrize(("typed", "forms"), [
    ("燕归巢", ["燕归巢"]),
    ("“燕归巢”行动", ["燕归巢行动", "“燕归巢”行动"]),
    ("「燕歸巢」行動", ["燕归巢行动", "“燕归巢”行动"]),  # Traditional, corner brackets folded
    ("《鄂尔多斯市“十四五”人才发展规划》", ["鄂尔多斯市十四五人才发展规划",
                                          "《鄂尔多斯市“十四五”人才发展规划》"]),
    ("“”", ["“”"]),
    ("  ", []),
])
def test_query_forms_bare_name_first(typed: str, forms: list[str]) -> None:
    assert query_forms(typed) == forms
