"""Who issued a cited document (invented titles, real places): the units written right
before its title; not a unit whose document the sentence says it follows (`贯彻省委“X”`)."""
from __future__ import annotations

from schema.labels import RelType
from tests.ingest.test_resolve import edge_names, run_pipeline

REPORT = """大庆市人才工作情况
发布时间:2024-01-10
深入贯彻省委“人才振兴60条”,市政府修订出台《大庆市支持青年人才创业若干政策》(庆政规〔2023〕4号)。
我市认真落实黑龙江省委、省政府《关于加快推进人才振兴的若干措施》(黑发〔2022〕8号),引进人才1万人。
"""


def test_resolve_units_right_before_a_title_issued_it() -> None:
    issued = edge_names(run_pipeline(REPORT, "report.txt"), RelType.ISSUED)
    assert {("中共黑龙江省委员会", "关于加快推进人才振兴的若干措施"),
            ("黑龙江省人民政府", "关于加快推进人才振兴的若干措施")} <= issued


def test_resolve_a_unit_whose_document_is_followed_issued_nothing_there() -> None:
    issued = edge_names(run_pipeline(REPORT, "report.txt"), RelType.ISSUED)
    assert ("大庆市人民政府", "大庆市支持青年人才创业若干政策") in issued
    assert ("中共黑龙江省委员会", "大庆市支持青年人才创业若干政策") not in issued
