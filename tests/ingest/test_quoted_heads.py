"""Programs named by a quotation with a head that names a program only after a quoted core
(invented names, real places): a card of services (`“某某英才卡”`), a reform (`“X”改革`), a
training class; the page's place before a program's name is the same program; a doer before
a name's leading verb (`支持企业建设…`, `面向海内外引进…`) is no part of the name."""
from __future__ import annotations

from schema.labels import Label
from tests.ingest.test_resolve import nodes_of, run_pipeline

PAGE = """长治市人才工作动态
发布时间:2024-05-06
首批“长治英才卡”发放到位,持卡人可享受医疗、子女入学等服务,今年将拓展“英才卡”功能。
深化乡村教师“县管校聘”改革。举办“太行头雁”研修班。
支持企业建设重点实验室,面向海内外引进领军人才。
"""


def test_resolve_quoted_cards_reforms_and_classes_are_programs() -> None:
    programs = {n.name: n for n in nodes_of(run_pipeline(PAGE, "page.txt"), Label.PROGRAM)}
    assert {"长治英才卡", "县管校聘改革", "太行头雁研修班"} <= set(programs)
    # `“英才卡”` after `“长治英才卡”` on 长治市's page: the same card
    assert "英才卡" not in programs
    assert "英才卡" in programs["长治英才卡"].aliases


def test_extract_a_doer_before_a_leading_verb_is_no_part_of_a_name() -> None:
    patch = run_pipeline(PAGE, "page.txt")
    assert "领军人才" in {n.name for n in nodes_of(patch, Label.TALENT_GROUP)}
    names = {n.name for n in nodes_of(patch, Label.PLATFORM)} | {
        n.name for n in nodes_of(patch, Label.TALENT_GROUP)}
    assert not any(name.startswith(("企业", "海内外")) for name in names)
