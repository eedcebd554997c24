"""Two forms of official text (invented examples, real places): the minutes of a leading
group (`会 议 纪 要`, a letter-spaced head and a number without an organ's prefix) and an
official's 述职报告 (a report delivered in person, like a speech: no policy document)."""
from __future__ import annotations

from ingest.normalise import normalise
from ingest.split import split
from schema.labels import Label, RelType
from tests.ingest.conftest import text_of
from tests.ingest.test_resolve import edge_names, run_pipeline

MINUTES = """临泉县人才工作领导小组
会 议 纪 要
〔2024〕2号

临泉县人才工作领导小组办公室                2024年4月8日

2024年4月7日,县人才工作领导小组召开2024年第2次会议,研究部署重点工作。现将会议议定事项纪要如下。
一、会议同意实施“泉乡英才”支持计划,每年评选“泉乡英才”20名。
二、会议同意依托某某农业公司建设博士后创新实践基地。
"""

REPORT = """抓人才工作述职报告

中共临泉县委常委、组织部部长  某某某
(2024年1月16日)

2023年,我认真履行人才工作第一责任人职责,推动全县人才工作取得新成效。现将有关情况报告如下。
一是健全政策体系。牵头起草《关于实施“泉乡英才”计划的若干措施》(临发〔2023〕6号),由县委、县政府印发实施。
二是狠抓人才引育。深入实施“泉乡英才”计划,全年引进各类人才860人。
"""


def test_normalise_closes_up_a_letter_spaced_heading() -> None:
    lines = normalise(text_of(MINUTES)).text.split("\n")
    assert lines[1] == "会议纪要"


def test_normalise_keeps_spaces_between_words() -> None:
    # two names apart by a space are no letter-spaced word; a name and a unit neither
    text = "中共临泉县委 临泉县人民政府\n王 敏 县委组织部\n"
    assert normalise(text_of(text)).text == text.rstrip("\n")


def test_split_minutes_title_is_its_head_over_a_bare_number() -> None:
    (source,) = split(normalise(text_of(MINUTES)))
    assert source.kind == "document"
    assert (source.title or "").replace(" ", "") == "临泉县人才工作领导小组会议纪要"


def test_resolve_no_document_is_named_by_its_source_id() -> None:
    patch = run_pipeline(MINUTES, "minutes.txt")
    docs = [n.name for n in patch.nodes.values() if n.label is Label.POLICY_DOCUMENT]
    assert docs and not any(d.startswith("source:") for d in docs), docs


def test_split_a_report_delivered_in_person_is_no_document() -> None:
    (source,) = split(normalise(text_of(REPORT)))
    assert source.title == "抓人才工作述职报告" and source.kind != "document"
    (numbered,) = split(normalise(text_of(REPORT.replace("(2024年1月16日)", "临组〔2024〕1号"))))
    assert numbered.kind == "speech"  # (a numbered one too: it is signed, not issued)


def test_resolve_a_report_delivered_in_person_issues_and_establishes_nothing() -> None:
    patch = run_pipeline(REPORT, "report.txt")
    docs = {n.name for n in patch.nodes.values() if n.label is Label.POLICY_DOCUMENT}
    assert docs == {"关于实施泉乡英才计划的若干措施"}  # the one it cites, not itself
    assert not any(t == RelType.CITES.value for (t, _, _) in patch.edges)


GOV_REPORT = """阜阳市人民政府 > 政务公开 > 政府工作报告
政府工作报告(摘编)
——2024年1月18日在阜阳市第六届人民代表大会第四次会议上
发布时间:2024-01-25　来源:阜阳市人民政府办公室
二、2024年工作安排
坚定实施人才强市战略。全面落实《阜阳市加快建设人才强市的实施意见》(阜发〔2023〕5号)。深入实施“颍淮英才”集聚工程,全年引进高层次人才1000名以上。
"""


def test_resolve_a_government_work_report_is_the_government_s_document() -> None:
    """`政府工作报告(摘编)` with where it was delivered under it: titled without that note,
    issued by the government (its office posts it), and, setting the year's tasks, it
    cites and establishes what it names."""
    (source,) = split(normalise(text_of(GOV_REPORT)))
    assert (source.title, source.kind) == ("政府工作报告(摘编)", "document")
    patch = run_pipeline(GOV_REPORT, "report.txt")
    assert ("阜阳市人民政府", "政府工作报告") in edge_names(patch, RelType.ISSUED)
    assert ("政府工作报告", "阜阳市加快建设人才强市的实施意见") in edge_names(patch, RelType.CITES)
    assert ("政府工作报告", "颍淮英才集聚工程") in edge_names(patch, RelType.ESTABLISHES)
