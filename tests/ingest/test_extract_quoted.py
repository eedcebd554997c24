"""Quoted names, 《titles》 and document numbers (ingest/extract/quoted.py)."""
from __future__ import annotations

import pytest

from ingest.extract import lexicon as lx
from ingest.extract.quoted import canonical_doc_number, find_doc_numbers, find_quoted, find_titles
from schema.labels import Label

BRACKETS = ["〔2021〕", "[2021]", "（2021）", "(2021)", "［2021］", "【2021】", "〔 2021 〕"]


# ------------------------------------------------------------------------------ find_quoted
@pytest.mark.parametrize(
    ("text", "name", "core", "kind"),
    [
        ("某市开展“春风”行动,帮助人才返乡。", "春风行动", "春风", "行动"),
        ("实施“银杏”人才计划。", "银杏人才计划", "银杏", "计划"),
        ("启动“青云”工程。", "青云工程", "青云", "工程"),
    ],
)
def test_find_quoted_core_and_head_is_a_program(text: str, name: str, core: str, kind: str) -> None:
    found = list(find_quoted(text))
    assert [(m.label, m.name) for m in found] == [(Label.PROGRAM, name)]
    (m,) = found
    assert m.attrs["quoted"] == core
    assert m.attrs["kind"] == kind
    assert core in m.attrs["aliases"]
    assert text[m.start:m.end] == m.text


def test_find_quoted_a_program_named_by_its_quotation_has_the_head_after_it_as_alias() -> None:
    """`开展“田间课堂”活动`: the quotation names a kind of its own (课堂), and the head after
    it names the program too."""
    (m,) = find_quoted("开展“田间课堂”活动。")
    assert (m.label, m.name, m.attrs["kind"]) == (Label.PROGRAM, "田间课堂", "课堂")
    assert m.attrs["aliases"] == ["田间课堂活动"]


def test_find_quoted_program_aliases_include_core_and_core_with_head() -> None:
    (m,) = find_quoted("实施“银杏”人才计划。")
    assert {"银杏", "银杏计划"} <= set(m.attrs["aliases"])


@pytest.mark.parametrize(
    ("text", "label", "name", "kind"),
    [
        ("开展“春风行动”。", Label.PROGRAM, "春风行动", "行动"),
        ("建设“民间文化传承工作室”。", Label.PLATFORM, "民间文化传承工作室", "工作室"),
        ("出台“青云十条”。", Label.POLICY_DOCUMENT, "青云十条", "条"),
    ],
)
def test_find_quoted_text_ending_in_a_head_is_classified_by_it(
    text: str, label: Label, name: str, kind: str
) -> None:
    found = list(find_quoted(text))
    assert [(m.label, m.name, m.attrs["kind"]) for m in found] == [(label, name, kind)]


@pytest.mark.parametrize("text", ["他说“很好”。", "被誉为“人才之家”的小镇。",
                                  # a verb of carrying out, but no clause's end, or too short
                                  "实施“一村一特派员”精准服务。", "开展“回头”,检查。",
                                  "坚持“人才引领发展”,加快建设。"])
def test_find_quoted_plain_quotation_is_not_a_name(text: str) -> None:
    assert list(find_quoted(text)) == []


@pytest.mark.parametrize(("text", "name"), [("深化“飞地引才”,在北京设立人才飞地。", "飞地引才"),
                                            ("升级“临泉人才服务直通车”,发放服务卡。",
                                             "临泉人才服务直通车")])
def test_find_quoted_a_quotation_a_verb_of_carrying_out_opens_and_a_clause_ends(
        text: str, name: str) -> None:
    assert [(m.label, m.name) for m in find_quoted(text)] == [(Label.PROGRAM, name)]


def test_find_quoted_run_closed_by_one_head_gives_one_program_each() -> None:
    found = list(find_quoted("推出“金穗”“银穗”项目。"))
    assert [m.label for m in found] == [Label.PROGRAM, Label.PROGRAM]
    assert [m.attrs["quoted"] for m in found] == ["金穗", "银穗"]
    assert all(m.attrs["kind"] == "项目" for m in found)


def test_find_quoted_run_with_deng_gives_one_program_each() -> None:
    found = list(find_quoted("推出“金穗”、“银穗”等人才专项。"))
    assert [(m.label, m.attrs["quoted"]) for m in found] == [(Label.PROGRAM, "金穗"), (Label.PROGRAM, "银穗")]


def test_find_quoted_run_items_do_not_take_each_other_as_qualifier() -> None:
    found = list(find_quoted("推出“金穗”“银穗”项目。"))
    for m in found:
        other = ({"金穗", "银穗"} - {m.attrs["quoted"]}).pop()
        assert "qualifier" not in m.attrs
        assert not any(other in alias for alias in m.attrs.get("aliases", []))


def test_find_quoted_run_with_deng_names_carry_no_deng() -> None:
    found = list(find_quoted("推出“金穗”、“银穗”等人才专项。"))
    assert found
    assert not any("等" in m.name for m in found)


# ------------------------------------------------------------------------------ find_titles
def test_find_titles_title_is_a_policy_document() -> None:
    (m,) = find_titles("依据《青云县人才引进办法》,给予补贴。")
    assert (m.label, m.name, m.text) == (Label.POLICY_DOCUMENT, "青云县人才引进办法", "《青云县人才引进办法》")
    assert m.attrs == {"title": "青云县人才引进办法"}


@pytest.mark.parametrize("bracket", BRACKETS)
@pytest.mark.parametrize("paren", [("(", ")"), ("（", "）")])
def test_find_titles_doc_number_after_title_is_the_same_document(
    bracket: str, paren: tuple[str, str]
) -> None:
    text = f"印发《某某办法》{paren[0]}鲁政发{bracket}5号{paren[1]}。"
    (m,) = find_titles(text)
    assert m.name == "某某办法"
    assert m.attrs["doc_number"] == "鲁政发〔2021〕5号"


def test_find_titles_number_far_from_title_is_not_attached() -> None:
    (m,) = find_titles("印发《某某办法》,另见鲁政发〔2021〕5号。")
    assert "doc_number" not in m.attrs


# ------------------------------------------------------------------------- find_doc_numbers
@pytest.mark.parametrize("bracket", BRACKETS)
def test_find_doc_numbers_canonicalises_bracket_spellings(bracket: str) -> None:
    text = f"(鲁政发{bracket}5号)"
    (m,) = find_doc_numbers(text)
    assert m.label is Label.POLICY_DOCUMENT
    assert m.name == "鲁政发〔2021〕5号"
    assert m.attrs == {"doc_number": "鲁政发〔2021〕5号", "prefix": "鲁政发", "year": 2021, "serial": 5}
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("鲁政发〔2021〕5号", "鲁政发〔2021〕5号"),
        ("济政办发[2019]12号", "济政办发〔2019〕12号"),
        ("鄂府发（2022）38号", "鄂府发〔2022〕38号"),
        ("青组字【2020】7号", "青组字〔2020〕7号"),
    ],
)
def test_canonical_doc_number_uses_hexagonal_brackets(written: str, canonical: str) -> None:
    m = lx.doc_number_regex().fullmatch(written)
    assert m is not None
    assert canonical_doc_number(m) == canonical


@pytest.mark.parametrize("lead", ["根据", "按照", "印发"])
def test_find_doc_numbers_prefix_is_the_issuer_only(lead: str) -> None:
    (m,) = find_doc_numbers(f"{lead}鲁政发〔2021〕5号文件要求")
    assert m.attrs["prefix"] == "鲁政发"
    assert m.name == "鲁政发〔2021〕5号"


def test_find_quoted_head_after_a_conjunction_is_not_the_quoted_names() -> None:
    # `“青苗”园区和项目`: 项目 is coordinated with 园区, it is not the head of “青苗”
    assert list(find_quoted("扶持“青苗”园区和项目。")) == []


def test_corner_bracket_quotes_of_a_traditional_page_name_programs() -> None:
    from ingest.pipeline import Pipeline
    from ingest.types import RawFile

    text = "通知\n晉江市持續實施「晉江英才計劃」和『海絲菁英』引才行動。\n"
    patch, report = Pipeline().run(RawFile.from_bytes("page.txt", text.encode()))
    assert report.error is None
    programs = {n.name for n in patch.nodes.values() if n.label is Label.PROGRAM}
    assert {"晋江英才计划", "海丝菁英引才行动"} <= programs, programs


@pytest.mark.parametrize(
    ("text", "name"),
    [("安阳市“十四五”人才发展规划", "安阳市十四五人才发展规划"),  # a place's own plan
     ("编制全市“十四五”人才发展规划。", "十四五人才发展规划")],  # a deictic is no name
)
def test_find_quoted_document_named_by_a_place_keeps_the_place(text: str, name: str) -> None:
    (doc,) = [m for m in find_quoted(text) if m.label is Label.POLICY_DOCUMENT]
    assert doc.name == name
    assert "十四五人才发展规划" in [doc.name, *doc.attrs["aliases"]]


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("办好“河湟人才周”活动。", "河湟人才周", "人才周"),
    ("举办第三届“太行工匠”职业技能大赛。", "太行工匠职业技能大赛", "大赛"),
])
def test_find_quoted_events_are_programs(text: str, name: str, kind: str) -> None:
    found = [(m.label, m.name, m.attrs["kind"]) for m in find_quoted(text)]
    assert found == [(Label.PROGRAM, name, kind)]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("形成“1+N”人才政策体系。", "1+N人才政策体系", "体系"),
        ("启动“江畔名匠”评选活动。", "江畔名匠评选活动", "评选活动"),
        ("开展“江畔名匠”评选,每两年一次。", "江畔名匠评选", "评选"),
        ("建立“一名干部+一名专员”联系服务专家人才机制。", "一名干部+一名专员联系服务专家人才机制", "机制"),
    ],
)
def test_find_quoted_core_before_a_system_or_a_selection_is_a_program(
        text: str, name: str, kind: str) -> None:
    assert [(m.label, m.name, m.attrs["kind"]) for m in find_quoted(text)] == [
        (Label.PROGRAM, name, kind)]


@pytest.mark.parametrize("text", ["印发《某市人才振兴“十四五”行动方案》。",
                                  "制定“2024—2026年”行动计划。"])
def test_find_quoted_a_planning_period_names_no_program(text: str) -> None:
    assert [m for m in find_quoted(text) if m.label is Label.PROGRAM] == []


def test_find_titles_a_declared_short_name_is_kept() -> None:
    (m,) = find_titles("印发《关于加快人才集聚的若干措施》(某委发〔2023〕5号,以下简称“新政十条”)。")
    assert (m.attrs["doc_number"], m.attrs["short"]) == ("某委发〔2023〕5号", "新政十条")


@pytest.mark.parametrize("text", ["请填写《2024年度“青云英才”计划人选申报表》一式三份",
                                  "签订《引进人才服务承诺书》", "据《青云日报》报道"])
def test_find_titles_a_form_or_a_newspaper_is_no_policy_document(text: str) -> None:
    assert list(find_titles(text)) == []
