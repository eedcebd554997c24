"""A department's reply to a deputy's proposal (invented names, real places): the deputy
addressed `尊敬的某某委员:`, the official who signed it off (`签发人:某某`), the county's
people's political consultative conference and people's congress standing committee as
government units, and a section whose name is longer than three characters before 科."""
from __future__ import annotations

import pytest

from ingest.extract.units import find_persons, find_self_references, find_units
from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

REPLY = """关于县政协十届三次会议第0042号提案的答复

尊敬的韩晓委员:
您在县政协十届三次会议上提出的《关于加强乡村人才振兴的提案》收悉。经认真研究,并会同县教育局办理,现答复如下:
一、县人力资源和社会保障局职业能力建设科牵头实施“泉乡工匠”培育计划,2023年培训技能人才1200人次。
二、县人大常委会办公室将该项工作列入年度监督计划。

临泉县人力资源和社会保障局
2024年6月20日
签发人:滕立秋
联系人:卞宁,电话:0558-1234567
"""


def test_extract_the_addressed_deputy_and_the_signer_are_persons() -> None:
    persons = {(m.name, m.attrs["title"]) for m in find_persons(REPLY)}
    assert {("韩晓", "委员"), ("滕立秋", "签发人"), ("卞宁", "联系人")} <= persons, persons


def test_extract_cppcc_and_npc_are_units() -> None:
    found = {(m.text, m.attrs["kind"], m.attrs["dept"]) for m in find_units(
        "县政协提案委员会、县人大常委会办公室和市政协")}
    assert found == {("县政协提案委员会", "cppcc", "提案委员会"),
                     ("县人大常委会办公室", "npc", "办公室"), ("市政协", "cppcc", "")}


def test_extract_a_long_section_name_before_ke() -> None:
    units = [m.text for m in find_units("县人力资源和社会保障局职业能力建设科牵头")]
    assert units == ["县人力资源和社会保障局职业能力建设科"]


def test_resolve_reply_letter_units_and_people() -> None:
    patch = run_pipeline(REPLY, "reply.txt")
    units = {n.name: n for n in nodes_of(patch, Label.GOV_UNIT)}
    assert "中国人民政治协商会议临泉县委员会" in units, sorted(units)
    assert "临泉县政协" in units["中国人民政治协商会议临泉县委员会"].aliases
    assert "临泉县人民代表大会常务委员会办公室" in units, sorted(units)
    assert "临泉县人大常委会办公室" in units["临泉县人民代表大会常务委员会办公室"].aliases
    assert "临泉县人力资源和社会保障局职业能力建设科" in units, sorted(units)
    part_of = edge_names(patch, RelType.PART_OF)
    assert ("临泉县人民代表大会常务委员会办公室", "临泉县人民代表大会常务委员会") in part_of, part_of
    assert ("临泉县人力资源和社会保障局职业能力建设科",
            "临泉县人力资源和社会保障局") in part_of, part_of
    persons = {n.name for n in nodes_of(patch, Label.PERSON)}
    assert {"韩晓", "滕立秋", "卞宁"} <= persons, persons


SIGNED_REPLY = """临泉县人力资源和社会保障局
关于县政协十届三次会议第0042号提案的答复

临人社函〔2024〕12号      签发人:滕立秋

尊敬的韩晓委员:
您在县政协十届三次会议上提出的提案收悉。现答复如下:
近年来,我局认真贯彻落实《安徽省技能人才振兴计划》,深入实施“泉乡工匠”培育计划,成效明显。

临泉县人力资源和社会保障局
2024年6月20日
"""


def test_resolve_the_signer_is_of_the_issuer_and_the_deputy_of_the_cppcc() -> None:
    members = edge_names(run_pipeline(SIGNED_REPLY, "reply.txt"), RelType.MEMBER_OF)
    assert ("滕立秋", "临泉县人力资源和社会保障局") in members, members
    assert ("韩晓", "中国人民政治协商会议临泉县委员会") in members, members


def test_resolve_wo_ju_is_the_publishing_bureau_and_runs_what_it_does() -> None:
    patch = run_pipeline(SIGNED_REPLY, "reply.txt")
    runs = edge_names(patch, RelType.RUNS)
    assert ("临泉县人力资源和社会保障局", "泉乡工匠培育计划") in runs, runs
    bureau = next(n for n in nodes_of(patch, Label.GOV_UNIT)
                  if n.name == "临泉县人力资源和社会保障局")
    assert "我局" not in bureau.aliases


@pytest.mark.parametrize("text", ["自我局限", "基本办法", "我委托某公司", "根本局面"])
def test_extract_no_self_reference_inside_words(text: str) -> None:
    assert not list(find_self_references(text, "临泉县人力资源和社会保障局办公室"))


def test_extract_self_reference_only_under_a_publisher_of_that_organ() -> None:
    assert [m.text for m in find_self_references("下一步,我局将继续推进。", "某县人社局")] == ["我局"]
    assert not list(find_self_references("下一步,我局将继续推进。", "某县人才工作领导小组"))
    assert not list(find_self_references("下一步,我局将继续推进。", None))
