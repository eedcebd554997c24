"""Split stage: one source per article, with title, bylines, date, issue and publisher."""
from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest.split as split_module
from ingest.furniture import parse_byline
from ingest.normalise import normalise
from ingest.pipeline import Pipeline
from ingest.split import Splitter, split
from ingest.types import NormalizedText, RawFile, Source
from schema.ids import source_id
from tests.ingest.conftest import SEEDS, gold_sources, text_of

Sources = Callable[[str], list[Source]]


def split_text(text: str) -> list[Source]:
    return split(normalise(text_of(text)))


@pytest.mark.parametrize("seed", SEEDS)
def test_split_seed_titles_match_gold(seed_sources: Sources, seed: str) -> None:
    assert [s.title for s in seed_sources(seed)] == [g["title"] for g in gold_sources(seed)]


@pytest.mark.parametrize("seed", SEEDS)
def test_split_sources_are_slices_of_the_normalised_text(
    seed_sources: Sources, normalized_seed: Callable[[str], NormalizedText], seed: str
) -> None:
    norm = normalized_seed(seed)
    sources = seed_sources(seed)
    for index, source in enumerate(sources):
        assert source.index == index
        assert source.id == source_id(norm.file.sha256, index)
        assert source.text == norm.text[source.start: source.end]
        assert source.normalized is norm and source.file is norm.file
    assert all(a.end <= b.start for a, b in zip(sources, sources[1:]))


@pytest.mark.parametrize(
    ("seed", "dates"),
    [("000", "2022-05-25"), ("001", None), ("002", "2015-12-23"), ("003", "2022-03-29"), ("004", "2011-07-13")],
)
def test_split_seed_dates(seed_sources: Sources, seed: str, dates: str | None) -> None:
    assert {s.date for s in seed_sources(seed)} == {dates}


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000", [("(组织部 吕飞勋、杨海生)", ("组织部",), ("吕飞勋", "杨海生")), ("民政局 张洁)", ("民政局",), ("张洁",))]),
        ("001", [("(作者:敖云,内蒙古巴彦淖尔市临河区委组织部)", ("内蒙古巴彦淖尔市临河区委组织部",), ("敖云",))]),
        ("002", [("(组织一科 供稿)", ("组织一科",), ()), ("(研究室 供稿)", ("研究室",), ()),
                 ("(人才科 供稿)", ("人才科",), ()), ("(党员管理中心 供稿)", ("党员管理中心",), ())]),
        ("003", [()]),
        ("004", [()]),
    ],
)
def test_split_seed_bylines(seed_sources: Sources, seed: str, expected: list[tuple]) -> None:
    got = [tuple((b.raw, b.units, b.persons) for b in s.bylines) for s in seed_sources(seed)]
    assert got == [(e,) if e else () for e in expected]


@pytest.mark.parametrize(
    ("line", "units", "persons"),
    [
        ("(人才科 供稿)", ("人才科",), ()),
        ("(组织部 王小明、李华)", ("组织部",), ("王小明", "李华")),
        ("民政局 张洁)", ("民政局",), ("张洁",)),
        ("全面落地生根。(作者:张三,某县委组织部)", ("某县委组织部",), ("张三",)),
        ("(记者 王小明 通讯员 李华)", (), ("王小明", "李华")),
        ("(本报记者 张三)", (), ("张三",)),
        ("…。(来源:某市人才工作网)", ("某市人才工作网",), ()),
        # a unit and a name closing a paragraph, without 供稿
        ("今年认定乡土人才42名。(某县委组织部 何晓军)", ("某县委组织部",), ("何晓军",)),
        # the author's unit behind its own key
        ("(作者:何晓军 单位:某县委组织部)", ("某县委组织部",), ("何晓军",)),
        ("(作者单位:某县委组织部)", ("某县委组织部",), ()),
        # a joint signature: each unit followed by its writer
        ("(某区委组织部 陈晓燕 某县委组织部 马小军)", ("某区委组织部", "某县委组织部"),
         ("陈晓燕", "马小军")),
    ],
)
def test_split_parses_bylines(line: str, units: tuple[str, ...], persons: tuple[str, ...]) -> None:
    byline = parse_byline(line)
    assert byline is not None and (byline.units, byline.persons) == (units, persons)


@pytest.mark.parametrize("line", ["(试行)", "(2022年)", "(此文件公开发布)", "(一)加强组织领导", "推进文化建设。(文化建设)",
                                  "认定乡土人才42名。(详见附件 名单)"])
def test_split_parentheticals_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_split_seed_000_leaves_page_header_out(seed_sources: Sources) -> None:
    first, second = seed_sources("000")
    for header in ("改革动态", "第一期", "发布时间", "旗内动态"):
        assert header not in first.text and header not in second.text
    assert first.text.startswith("鄂托克前旗推行“三聚焦”工作模式")
    assert first.text.endswith("(组织部 吕飞勋、杨海生)")
    assert second.text.endswith("民政局 张洁)")
    assert first.issue == "第一期" and first.kind == "news"


def test_split_seed_002_bulletin(seed_sources: Sources) -> None:
    sources = seed_sources("002")
    assert [s.kind for s in sources] == ["article", "article", "article", "dynamics"]
    assert {(s.issue, s.publisher) for s in sources} == {("第 40 期", "中共乌海市委组织部")}
    for s in sources:
        assert "内容摘要" not in s.text and "●" not in s.text
        assert "版权所有" not in s.text and "上一篇" not in s.text and "ICP" not in s.text
    assert sources[3].text.startswith("【工作动态】")


def test_split_seed_003_formal_document_is_one_source(seed_sources: Sources) -> None:
    (doc,) = seed_sources("003")
    assert doc.kind == "document" and doc.publisher == "鄂尔多斯市人民政府"
    assert doc.text.startswith("鄂府发〔2022〕38号")
    assert "专栏1" in doc.text and "六、组织领导" in doc.text


def test_split_seed_004_ignores_date_widget_and_section_headings(seed_sources: Sources) -> None:
    (news,) = seed_sources("004")
    assert news.kind == "news" and news.date == "2011-07-13"
    assert "2023年03月29日" not in news.text
    assert "人才规划与发展规划同步" in news.text and "人才资金三重保障" in news.text


BODY_A = "某县围绕产业发展需求,实施青年人才培养计划,每年选派一百名青年干部到基层一线锻炼,取得明显成效。"
BODY_B = "某县建成人才驿站二十个,为返乡创业人才提供政策咨询、项目对接、住房保障等一站式服务,广受好评。"


def test_split_bulletin_without_toc_by_signatures() -> None:
    text = (
        f"第 3 期\n某县人才工作领导小组办公室 2021年6月1日\n某县实施“青苗计划”\n培育青年人才\n{BODY_A}\n"
        f"(人才科 供稿)\n某县建设人才驿站\n{BODY_B}\n(组织科 王小明、李华)"
    )
    sources = split_text(text)
    assert [s.title for s in sources] == ["某县实施“青苗计划” 培育青年人才", "某县建设人才驿站"]
    assert [s.bylines[0].units for s in sources] == [("人才科",), ("组织科",)]
    assert sources[1].bylines[0].persons == ("王小明", "李华")
    assert {(s.issue, s.date, s.publisher) for s in sources} == {("第 3 期", "2021-06-01", "某县人才工作领导小组办公室")}


def test_split_bulletin_with_toc_without_signatures() -> None:
    text = f"【本期要目】\n●某县实施“青苗计划”\n●某县建设人才驿站\n某县实施“青苗计划”\n{BODY_A}\n某县建设人才驿站\n{BODY_B}"
    assert [s.title for s in split_text(text)] == ["某县实施“青苗计划”", "某县建设人才驿站"]


def test_split_bulletin_toc_header_written_with_a_space() -> None:
    text = (f"某市人才工作简报\n第12期\n某市委人才办\n目 录\n某县:实施“青苗计划”\n某区:建设人才驿站\n"
            f"某县:实施“青苗计划”\n{BODY_A}\n(某县委组织部 供稿)\n某区:建设人才驿站\n{BODY_B}\n(某区委组织部 供稿)")
    assert [s.title for s in split_text(text)] == ["某县:实施“青苗计划”", "某区:建设人才驿站"]


def test_split_sections_without_signatures_stay_one_article() -> None:
    text = f"某县人才工作亮点扫描\n发布时间:2020-01-02\n人才规划同步推进\n{BODY_A}\n人才服务全面优化\n{BODY_B}"
    (source,) = split_text(text)
    assert (source.title, source.date, source.kind) == ("某县人才工作亮点扫描", "2020-01-02", "news")
    assert source.text.endswith(BODY_B)


def test_split_formal_document_metadata() -> None:
    text = (
        "某政发〔2020〕5号\n各县人民政府,市直各部门:\n《某市人才引进办法》已经市政府同意,现印发给你们,请认真贯彻执行。\n"
        f"某市人民政府\n2020年5月1日\n某市人才引进办法\n一、总则\n{BODY_A}\n二、引进方式\n{BODY_B}"
    )
    (doc,) = split_text(text)
    assert (doc.title, doc.kind, doc.date, doc.publisher) == ("某市人才引进办法", "document", "2020-05-01", "某市人民政府")


@pytest.mark.parametrize(
    ("text", "titles"),
    [("", []), ("\n \n", []), (BODY_A, [""]), (f"{BODY_A}\n{BODY_B}", [""]), ("只有一个短标题", ["只有一个短标题"])],
)
def test_split_unstructured_text_is_one_source(text: str, titles: list[str]) -> None:
    assert [s.title for s in split_text(text)] == titles


_LINES = st.sampled_from([
    BODY_A, BODY_B, "某县实施“青苗计划”", "培育青年人才", "(人才科 供稿)", "民政局 张洁)", "【工作动态】",
    "【内容摘要】", "●某县实施“青苗计划”", "第 3 期", "发布时间:2020-01-02", "某政发〔2020〕5号", "",
    "某市人民政府", "2020年5月1日", "——— 副标题", "29.4 |", "|", "一、总则", "(作者:张三,某县委组织部)",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES | st.text(max_size=30), max_size=25).map("\n".join))
def test_split_never_raises_and_sources_lie_within_the_text(text: str) -> None:
    norm = normalise(text_of(text))
    sources = Splitter().run(norm)
    for index, source in enumerate(sources):
        assert 0 <= source.start <= source.end <= len(norm.text)
        assert source.text == norm.text[source.start: source.end]
        assert source.index == index
    assert all(a.end <= b.start for a, b in zip(sources, sources[1:]))


# Work that grows with the page: counted (calls of a helper of ingest.split), not timed —
# speed is measured in the benchmarks. Each test splits a page of n and of 8n lines: linear
# work grows ~8x, work per pair of lines ~64x; the bound 12 leaves room for constant terms.
GROWTH = 8
MAX_RATIO = 12


def _is_body_calls(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    calls = 0
    real = split_module._is_body

    def counting(line: str) -> bool:
        nonlocal calls
        calls += 1
        return real(line)

    with monkeypatch.context() as patched:
        patched.setattr(split_module, "_is_body", counting)
        split_text(text)
    return calls


@pytest.mark.parametrize(
    "page",
    [
        lambda n: "".join(f"(第{i}工作组 供稿)\n" for i in range(n)),  # signatures only
        lambda n: "".join(f"某县第{i}项人才工作\n(人才科 供稿)\n" for i in range(n)),  # short items, each signed
    ],
    ids=["signatures", "signed-short-lines"],
)
def test_split_lines_without_paragraphs_cost_linear_work(
        monkeypatch: pytest.MonkeyPatch, page: Callable[[int], str]) -> None:
    """Segments with no paragraph join the next one; the growing join is not re-scanned
    for a paragraph at every segment."""
    small, large = _is_body_calls(monkeypatch, page(100)), _is_body_calls(monkeypatch, page(100 * GROWTH))
    assert large < MAX_RATIO * small, (small, large)
    (source,) = split_text(page(50))
    assert len(source.bylines) == 50


class _CountingPattern:
    """A compiled pattern whose `sub` calls are counted."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.calls = pattern, 0

    def sub(self, *args: object) -> str:
        self.calls += 1
        return self.pattern.sub(*args)


def _toc_work(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    """Keys made (`_KEY_STRIP.sub`) and compared (`_keys_match`) while splitting `text`."""
    keys = _CountingPattern(split_module._KEY_STRIP)
    compared = 0
    real = getattr(split_module, "_keys_match", None)

    def counting(a: str, b: str) -> bool:
        nonlocal compared
        compared += 1
        return real(a, b)

    with monkeypatch.context() as patched:
        patched.setattr(split_module, "_KEY_STRIP", keys)
        patched.setattr(split_module, "_keys_match", counting, raising=False)
        split_text(text)
    return keys.calls + compared


@pytest.mark.parametrize(
    "page",
    [
        # items never found in the page
        lambda n: "【本期要目】\n" + "".join(f"●某县第{i}项人才工作\n" for i in range(n)) + f"{BODY_A}\n" * n,
        # items 1.. come before item 0: only item 0 is found; the others are not after it
        lambda n: "【本期要目】\n" + "".join(f"●某县第{i}项人才工作\n" for i in range(n))
        + "".join(f"某县第{i}项人才工作\n{BODY_A}\n" for i in range(1, n))
        + f"某县第0项人才工作\n" + f"{BODY_B}\n" * n,
    ],
    ids=["items-absent", "items-before-the-first"],
)
def test_split_toc_lookup_costs_linear_work(
        monkeypatch: pytest.MonkeyPatch, page: Callable[[int], str]) -> None:
    """A table of contents is matched against the page once, not item by item."""
    small, large = _toc_work(monkeypatch, page(100)), _toc_work(monkeypatch, page(100 * GROWTH))
    assert large < MAX_RATIO * small, (small, large)


_KEYS = st.text(alphabet="ab", max_size=9)  # short and long keys, many prefixes of each other


@settings(max_examples=300, deadline=None)
@given(st.lists(_KEYS, max_size=8), st.lists(_KEYS, max_size=10))
def test_split_toc_index_agrees_with_looking_at_every_line(items: list[str], lines: list[str]) -> None:
    want = [max((j for j, line in enumerate(lines) if split_module._keys_match(line, item)), default=-1)
            for item in items]
    assert split_module._last_matches(items, lines) == want


def test_split_toc_items_found_in_order_after_the_previous_one() -> None:
    text = (f"【本期要目】\n●某县实施“青苗计划”\n●某县建设人才驿站\n●某县召开人才工作会议\n{BODY_B}\n"
            f"某县建设人才驿站\n{BODY_B}\n某县实施“青苗计划”\n{BODY_A}\n某县召开人才工作会议\n{BODY_A}")
    # the second item comes before the first: it is not looked for there, and starts nothing
    sources = split_text(text)
    assert [s.title for s in sources] == ["", "某县实施“青苗计划”", "某县召开人才工作会议"]
    assert "某县建设人才驿站" in sources[0].text


# a page of measures written as bullet paragraphs under its title (no table of contents)
BULLET_PAGE = (
    "某县青年人才服务举措\n"
    "●实施“春雁归巢”人才工程,对回乡创业的青年人才给予最高30万元创业资助和住房补贴。\n"
    "●建设博士后科研工作站,对新设立的工作站给予一次性补助50万元,用于科研条件建设。\n"
    "●设立青年人才发展基金,每年安排不少于2000万元,用于青年人才引进培养和平台建设。\n"
)


def test_split_bullet_paragraphs_are_not_a_table_of_contents() -> None:
    (source,) = split_text(BULLET_PAGE)
    assert source.title == "某县青年人才服务举措"
    for paragraph in BULLET_PAGE.splitlines()[1:]:
        assert paragraph in source.text


def test_pipeline_extracts_from_bullet_paragraphs() -> None:
    patch, report = Pipeline().run(RawFile.from_bytes("bullets.txt", BULLET_PAGE.encode()))
    names = {(n.label.value, n.name) for n in patch.nodes.values()}
    assert report.sources == 1
    assert {("Program", "春雁归巢人才工程"), ("Platform", "博士后科研工作站")} <= names


def test_split_bullet_list_whose_items_do_not_come_again_is_kept() -> None:
    """Without a `目录`-type header, short bullet lines are a table of contents only if their
    items come again as headings; otherwise they, and the line above them, are content."""
    text = f"某县人才工作要点\n●人才引进\n●人才培养\n{BODY_A}"
    (source,) = split_text(text)
    assert source.text.startswith("某县人才工作要点") and "●人才引进\n●人才培养" in source.text


def test_split_table_of_contents_without_header_whose_items_come_again() -> None:
    text = f"某县人才工作简报\n●某县实施“青苗计划”\n●某县建设人才驿站\n某县实施“青苗计划”\n{BODY_A}\n某县建设人才驿站\n{BODY_B}"
    sources = split_text(text)
    assert [s.title for s in sources] == ["某县实施“青苗计划”", "某县建设人才驿站"]
    assert all("●" not in s.text and "简报" not in s.text for s in sources)


def test_split_headed_table_of_contents_ends_at_a_bullet_paragraph() -> None:
    text = f"【本期要目】\n●某县实施“青苗计划”\n{BULLET_PAGE.splitlines()[1]}\n某县实施“青苗计划”\n{BODY_A}"
    sources = split_text(text)
    assert "春雁归巢" in sources[0].text
    assert sources[-1].title == "某县实施“青苗计划”"


def test_split_a_note_under_the_signature_is_not_the_document_title() -> None:
    text = ("某某市人民政府关于印发《某某市青年人才集聚若干措施》的通知\n某政发〔2023〕4号\n"
            "各县(区)人民政府,市政府各部门:\n现将《某某市青年人才集聚若干措施》印发给你们,请认真贯彻落实。\n"
            "某某市人民政府\n2023年5月8日\n（此件公开发布）\n某某市青年人才集聚若干措施\n"
            "一、实施“青苗”计划,每年引进青年人才1000名。\n二、建设青年人才驿站20个。\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "某某市青年人才集聚若干措施"
    assert source.date == "2023-05-08"


def test_split_a_decisions_printing_line_is_not_its_title() -> None:
    # a decision: number, joint issuers, 关于… title; signature, date, note, printing line
    text = ("临发〔2023〕14号\n中共临泉县委　临泉县人民政府\n关于表彰第三批临泉县拔尖人才的决定\n"
            "各乡镇党委、人民政府:\n县委、县政府决定,授予10名同志“临泉县拔尖人才”称号。\n"
            "中共临泉县委　　临泉县人民政府\n2023年9月8日\n（此件公开发布）\n"
            "中共临泉县委办公室　　　2023年9月11日印发\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "关于表彰第三批临泉县拔尖人才的决定"
    assert source.date == "2023-09-08"


def test_split_a_report_titled_above_its_issuer_and_month() -> None:
    text = ("临泉县“十四五”人才发展规划中期评估报告\n中共临泉县委人才工作领导小组办公室\n2024年3月\n"
            "为全面掌握规划实施进展,县委人才办开展了中期评估。现将评估情况报告如下。\n"
            "一、主要指标完成情况\n9项主要指标中,5项进度达到序时要求。\n"
            "二、存在的问题\n县级人才服务体系不健全。\n三、下一步工作建议\n调整优化滞后指标推进措施。\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "临泉县“十四五”人才发展规划中期评估报告"
    assert source.publisher == "中共临泉县委人才工作领导小组办公室"


def test_split_a_pages_related_links_bar_is_not_its_title() -> None:
    text = ("首页 > 通知公告 > 人事招聘\n临泉县2024年事业单位引进急需紧缺人才公告\n"
            "发布时间:2024-04-02　来源:临泉县人力资源和社会保障局\n"
            "根据《临泉县引进急需紧缺人才若干政策》(临发〔2022〕11号),决定引进急需紧缺人才30名。\n"
            "一、引进岗位\n临床医师6名。\n"
            "中共临泉县委组织部\n临泉县人力资源和社会保障局\n2024年4月2日\n"
            "【相关链接】 中国安徽网　阜阳市人民政府　临泉人才网\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "临泉县2024年事业单位引进急需紧缺人才公告"
    assert "相关链接" not in source.text


@pytest.mark.parametrize("chapter", ["一、发展基础", "第一章 发展基础"])
def test_split_a_plan_with_chapters_is_a_document_titled_without_its_first_chapter(
        chapter: str) -> None:
    numbered = chapter.startswith("一")
    heads = (["二、主要目标", "三、重点任务"] if numbered else ["第二章 主要目标", "第三章 重点任务"])
    text = (f"某某市“十四五”人才发展规划\n{chapter}\n“十三五”期间,全市人才资源总量达到30万人。\n"
            f"{heads[0]}\n到2025年,全市人才资源总量达到35万人。\n{heads[1]}\n"
            "实施“某某英才计划”,面向领军人才给予支持。\n")
    (source,) = split(normalise(text_of(text)))
    assert source.kind == "document"
    assert source.title == "某某市“十四五”人才发展规划"


def test_split_a_bulletins_issuer_line_is_every_articles_publisher() -> None:
    # a long issuer + date line (wide spacing) is no paragraph: it is the bulletin's head
    text = ("人才工作简报\n2023年第6期\n中共某某市委人才工作领导小组办公室                2023年7月10日\n"
            "某某区启动“某才汇聚”行动\n6月28日,某某区召开人才工作推进会,正式启动“某才汇聚”行动。\n"
            "(某某区委组织部 王磊 供稿)\n市科技局推进院士专家工作站建设\n"
            "今年以来,市科技局新建院士专家工作站5家,全市总数达到38家。\n(市科技局 赵丽娜 供稿)\n")
    sources = split(normalise(text_of(text)))
    assert [s.publisher for s in sources] == ["中共某某市委人才工作领导小组办公室"] * 2
    assert sources[0].date == "2023-07-10"


@pytest.mark.parametrize(("meta", "persons"), [
    ("来源:某某市人力资源和社会保障局   作者:刘文斌   浏览次数:1326", ("刘文斌",)),
    ("来源:某某市人力资源和社会保障局   作者:本网   浏览次数:1326", ()),  # no person
    # names apart by one space, and a transcribed name with its middle dot
    ("来源:某某市人力资源和社会保障局   作者:许雅琳 蔡晋人   浏览次数:20", ("许雅琳", "蔡晋人")),
    ("来源:某某市人力资源和社会保障局   作者:阿依古丽·买买提   浏览次数:20",
     ("阿依古丽·买买提",)),
    # roles between the names are no names (实习生)
    ("来源:某某市人力资源和社会保障局   作者:记者 贾文博 实习生 任佳怡   浏览次数:20",
     ("贾文博", "任佳怡")),
])
def test_split_the_metadata_lines_author_signs_the_article(
        meta: str, persons: tuple[str, ...]) -> None:
    text = (f"某某市开展人才政策宣讲活动\n发布时间:2023-05-16 10:21   {meta}\n"
            "5月13日,某某市开展人才政策宣讲活动,吸引高校毕业生500余人参加。\n")
    (source,) = split(normalise(text_of(text)))
    assert tuple(p for b in source.bylines for p in b.persons) == persons
    assert source.publisher == "某某市人力资源和社会保障局"


GOV_PAGE = ("七台河市人民政府 > 政府信息公开 > 规划计划\n索 引 号:11230800MB1527643Q/2022-00041\n"
            "发布机构:七台河市人民政府\n发文字号:七政发〔2022〕9号\n成文日期:2022年04月18日\n\n"
            "七台河市“十四五”人才发展规划(节选)\n\n"
            "根据《黑龙江省“十四五”人才发展规划》,结合我市实际,制定本规划。\n"
            "到2025年,全市人才资源总量达到40万人。\n")


def test_split_a_public_information_page_is_its_document_with_issuer_and_number() -> None:
    (source,) = split(normalise(text_of(GOV_PAGE)))
    assert source.kind == "document"
    assert (source.publisher, source.doc_number, source.date) == (
        "七台河市人民政府", "七政发〔2022〕9号", "2022-04-18")
    assert source.title == "七台河市“十四五”人才发展规划(节选)"  # not the breadcrumb


def test_split_a_cover_letter_titles_the_document_it_prints_not_one_it_cites() -> None:
    text = ("关于印发某某市人才工作实施方案的通知\n某政办发〔2023〕5号\n各县(区)人民政府:\n"
            "根据《关于加强新时代人才工作的实施意见》(某办发〔2022〕28号)精神,现将《某某市人才工作"
            "实施方案》印发给你们,请认真贯彻执行。\n某某市人民政府办公室\n2023年3月1日\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "某某市人才工作实施方案"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # the issuers above 关于, the number and the addressees below it are not the title
        ("中共某某县委 某某县人民政府\n关于深入实施人才强县战略的实施意见\n某发〔2023〕5号\n"
         "各乡镇党委、人民政府,县直机关各单位:\n", "关于深入实施人才强县战略的实施意见"),
        # a date in parentheses under a plan's title
        ("某某市“十四五”人才发展规划\n（2021年11月）\n", "某某市“十四五”人才发展规划"),
        # a report: its issuer above 关于, one addressee (an organ and a colon) below it
        ("某某县人力资源和社会保障局\n关于2023年度人才工作情况的报告\n县委人才工作领导小组:\n",
         "关于2023年度人才工作情况的报告"),
    ],
)
def test_split_document_title_without_issuers_number_addressees_or_date(
        head: str, title: str) -> None:
    body = ("为深入贯彻中央人才工作会议精神,全面提升人才工作水平,结合本地实际,现提出如下意见。\n"
            "一、实施“青苗”计划,每年引进青年人才1000名。\n二、建设青年人才驿站20个。\n")
    (source,) = split(normalise(text_of(head + body)))
    assert source.title == title


@pytest.mark.parametrize("signature", ["记者 许雅琳 通讯员 蔡晋人", "记者 许雅琳 实习生 蔡晋人"])
def test_split_a_news_leads_signature_names_its_reporters_without_ending_the_article(
        signature: str) -> None:
    text = ("某某市举办人才招聘会\n发布时间:2023-07-17\n"
            f"本网讯({signature})7月16日,某某市举办人才招聘会,吸引高校毕业生1200余人。\n"
            "招聘会共提供岗位3000余个。\n")
    (source,) = split(normalise(text_of(text)))
    assert tuple(p for b in source.bylines for p in b.persons) == ("许雅琳", "蔡晋人")
    assert "招聘会共提供岗位" in source.text


def test_split_a_joint_signature_block_names_every_issuer() -> None:
    text = ("九人才办〔2023〕11号\n\n关于印发《九江市乡土人才培育实施办法》的通知\n\n"
            "各县(市、区)委人才办:\n    现将《九江市乡土人才培育实施办法》印发给你们,请认真贯彻落实。\n\n"
            "中共九江市委人才工作领导小组办公室          九江市人力资源和社会保障局\n"
            "九江市农业农村局                            九江市财政局\n2023年6月12日\n\n"
            "九江市乡土人才培育实施办法\n第一条 为培育乡土人才,制定本办法。\n")
    (source,) = split(normalise(text_of(text)))
    assert source.publisher == "中共九江市委人才工作领导小组办公室"
    assert source.co_publishers == ("九江市人力资源和社会保障局", "九江市农业农村局", "九江市财政局")


def test_split_a_joint_documents_head_line_names_its_issuers() -> None:
    text = ("中共湄潭县委 湄潭县人民政府\n关于全面推进乡村人才振兴的实施意见\n湄发〔2023〕6号\n"
            "(2023年3月20日)\n\n各镇党委和人民政府:\n    为推进乡村人才振兴,提出如下意见。\n"
            "一、目标任务\n到2025年,全县乡村人才总量达到3.5万人。\n")
    (source,) = split(normalise(text_of(text)))
    assert (source.publisher, source.co_publishers) == ("中共湄潭县委", ("湄潭县人民政府",))
    assert source.title == "关于全面推进乡村人才振兴的实施意见"


def test_split_one_issuer_above_the_date_is_no_joint_signature() -> None:
    text = ("九人社发〔2023〕3号\n关于做好人才招聘工作的通知\n各县(市、区)人社局:\n"
            "    现将有关事项通知如下,请认真贯彻落实。\n九江市人力资源和社会保障局\n2023年6月12日\n")
    (source,) = split(normalise(text_of(text)))
    assert (source.publisher, source.co_publishers) == ("九江市人力资源和社会保障局", ())


def test_split_a_bulletins_editor_line_gives_publisher_and_date_and_no_source() -> None:
    text = ("青云人才工作简报\n2023年第6期(总第58期)\n"
            "中共青云市委人才工作领导小组办公室编                2023年8月28日\n"
            "【本期要目】\n●甲县:建成人才驿站\n●乙县:引进博士20名\n"
            "甲县:建成人才驿站\n今年以来,甲县建成人才驿站12个,服务人才3000余人次。\n(甲县委组织部 供稿)\n"
            "乙县:引进博士20名\n今年以来,乙县引进博士20名,柔性引进专家40名。\n(乙县委组织部 供稿)\n")
    sources = split(normalise(text_of(text)))
    assert [s.title for s in sources] == ["甲县:建成人才驿站", "乙县:引进博士20名"]
    assert {(s.publisher, s.date) for s in sources} == {
        ("中共青云市委人才工作领导小组办公室", "2023-08-28")}


def test_split_an_organ_line_under_a_title_is_its_issuer_not_part_of_it() -> None:
    text = ("临泉县2024年人才工作总结\n中共临泉县委人才工作领导小组办公室\n(2024年12月18日)\n"
            "2024年,全县坚持党管人才原则,扎实推进人才强县建设,人才工作取得新成效。现将全年工作总结如下:\n一、主要成效\n"
            "(一)人才引进成效明显。全年引进各类人才320名。\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "临泉县2024年人才工作总结"


def test_split_a_line_ending_in_an_organ_like_character_stays_in_the_title() -> None:
    text = ("青云县探索“三社联动”机制\n构建共建共治共享的治理新格局\n"
            "青云县坚持党建引领,探索“三社联动”机制,带动社区治理水平整体提升。\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "青云县探索“三社联动”机制 构建共建共治共享的治理新格局"


def test_split_a_reply_to_a_deputy_is_titled_by_its_about_line() -> None:
    text = ("阜阳市人力资源和社会保障局\n关于市三届人大二次会议第58号建议的答复\n阜人社函〔2024〕12号\n\n"
            "王小红代表:\n您提出的《关于加强乡村教师队伍建设的建议》收悉。经商市教育局、市财政局,现答复如下:\n"
            "一、关于提高待遇\n近年来,我市对在乡镇工作满5年的教师给予补贴。\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "关于市三届人大二次会议第58号建议的答复"


def test_split_a_date_before_a_source_key_is_page_metadata() -> None:
    text = ("青云县:人才驿站服务返乡青年\n2024-05-08 10:20  来源:青云日报\n\n"
            "今年以来,青云县建成人才驿站12个,服务返乡青年3000余人次。\n")
    (source,) = split(normalise(text_of(text)))
    assert (source.title, source.date) == ("青云县:人才驿站服务返乡青年", "2024-05-08")


_SPEECH_TEXT = ("在全县人才工作会议上的讲话\n\n中共临泉县委书记 王立新\n(2024年3月1日)\n\n同志们:\n"
                "今天,我们召开全县人才工作会议,总结去年工作,部署今年任务。\n"
                "一、肯定成绩\n去年全县引进各类人才1200名。\n二、明确任务\n今年要实施“临泉英才”计划。\n"
                "三、强化保障\n各级党委要落实党管人才责任。\n")


def test_split_a_speech_is_titled_by_its_first_line_and_signed_by_its_speaker() -> None:
    (source,) = split(normalise(text_of(_SPEECH_TEXT)))
    assert (source.kind, source.title) == ("speech", "在全县人才工作会议上的讲话")
    assert [(b.units, b.persons) for b in source.bylines] == [(("中共临泉县委",), ("王立新",))]


def test_split_an_attachment_marker_is_no_title_the_attached_plan_is() -> None:
    text = ("青云县人民政府\n关于印发《青云县乡村人才振兴行动方案》的通知\n青政字〔2024〕8号\n\n"
            "各乡镇人民政府,县政府各部门:\n现将《青云县乡村人才振兴行动方案》印发给你们,请认真贯彻落实。\n\n"
            "青云县人民政府\n2024年3月12日\n\n附件\n\n青云县乡村人才振兴行动方案\n\n"
            "为加快乡村人才振兴,制定本方案。\n一、总体目标\n到2026年,全县乡村人才总量达到4万人。\n"
            "二、重点任务\n实施“青云归雁”行动。\n三、保障措施\n加强组织领导。\n")
    (source,) = split(normalise(text_of(text)))
    assert (source.kind, source.title) == ("document", "青云县乡村人才振兴行动方案")
    inline = text.replace("附件\n\n青云县", "附件:青云县")
    (source,) = split(normalise(text_of(inline)))
    assert source.title == "青云县乡村人才振兴行动方案"


def test_split_a_page_of_short_lines_keeps_its_lines_under_the_first_title() -> None:
    """No line ends a sentence or runs long (a list of measures without a full stop): the
    title is the first title-like line and every line under it is the article's, not only
    those under its last title-like line."""
    text = ("颍上县引才十条\n第一条 实施“管仲英才”计划\n1. 博士研究生:每月补贴3000元\n"
            "2. 硕士研究生:每月补贴2000元\n第二条 建设人才驿站\n(1)新建驿站补助20万元\n")
    sources = split_text(text)
    assert [s.title for s in sources] == ["颍上县引才十条"]
    assert "第一条 实施“管仲英才”计划" in sources[0].text
    assert sources[0].text.rstrip().endswith("(1)新建驿站补助20万元")


NOTICE_WITH_ATTACHMENT_LINE = """中共临泉县委办公室 临泉县人民政府办公室关于调整临泉县人才工作领导小组组成人员的通知
临委办〔2024〕17号
各乡镇党委和人民政府,县级各部门:
因人事变动和工作需要,经县委、县政府同意,决定对县人才工作领导小组组成人员进行调整。
领导小组负责统筹推进全县人才工作,督促落实《临泉县人才发展“十四五”规划》。
中共临泉县委办公室
临泉县人民政府办公室
2024年4月10日
(此件公开发布)
附件:临泉县人才工作领导小组成员单位职责分工
"""


def test_split_an_attachment_line_closing_the_page_is_not_its_title() -> None:
    """`附件:某某职责分工` under the signature with nothing printed after it: the attached
    document is not on the page, whose own title stands."""
    (source,) = split_text(NOTICE_WITH_ATTACHMENT_LINE)
    assert source.title.endswith("关于调整临泉县人才工作领导小组组成人员的通知")


def test_resolve_issuers_written_before_the_title_on_its_line() -> None:
    """`中共某县委办公室 某县人民政府办公室关于…的通知`: the document is named from 关于, and
    the whole line stays a name of it."""
    from schema.labels import Label
    from tests.ingest.test_resolve import nodes_of, run_pipeline

    patch = run_pipeline(NOTICE_WITH_ATTACHMENT_LINE, "notice.txt")
    (doc,) = [n for n in nodes_of(patch, Label.POLICY_DOCUMENT) if "临委办〔2024〕17号" in n.aliases]
    assert doc.name == "关于调整临泉县人才工作领导小组组成人员的通知"
    assert any(a.startswith("中共临泉县委办公室") for a in doc.aliases)


FORWARD = """阜阳市人民政府办公室
关于转发安徽省人民政府办公厅关于加快建设
人才强省若干措施的通知
阜政办〔2023〕14号
各县(市、区)人民政府,市政府各部门:
现将《安徽省人民政府办公厅关于加快建设人才强省的若干措施》转发给你们,请结合实际认真贯彻落实。
一、实施“颍淮英才”计划。在落实省“江淮英才计划”的基础上,我市设立“颍淮英才”计划。
附件:安徽省人民政府办公厅关于加快建设人才强省的若干措施
阜阳市人民政府办公室
2023年4月18日
"""


def test_split_a_forwarding_letter_without_the_forwarded_text_keeps_its_title() -> None:
    (source,) = split_text(FORWARD)
    assert source.title.replace(" ", "") == "关于转发安徽省人民政府办公厅关于加快建设人才强省若干措施的通知"
