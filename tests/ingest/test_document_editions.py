"""A document's title with its edition (`某县“X”实施办法(试行)`; invented titles, real places):
the edition is part of the title, so the attached document's heading and its file name are the
numbered document the notice prints, not a second document without it."""
from __future__ import annotations

from ingest.extract.quoted import find_quoted
from schema.labels import Label
from tests.ingest.test_resolve import nodes_of, run_pipeline

NOTICE = """临泉县人民政府办公室关于印发《临泉县“泉乡英才”引育实施办法(试行)》的通知
临政办发〔2023〕27号

各乡镇人民政府,县直各单位:
《临泉县“泉乡英才”引育实施办法(试行)》已经县政府常务会议审议通过,现印发给你们,请认真贯彻执行。

临泉县“泉乡英才”引育实施办法(试行)
第一条 为加快集聚人才,制定本办法。
附件下载:临泉县“泉乡英才”引育实施办法(试行).pdf
"""


def test_quoted_a_documents_edition_is_part_of_its_name() -> None:
    text = "临泉县“泉乡英才”引育实施办法(试行)\n"
    (doc,) = [m for m in find_quoted(text) if m.label is Label.POLICY_DOCUMENT]
    assert doc.name == "临泉县泉乡英才引育实施办法(试行)" and doc.end == len(text) - 1


def test_quoted_a_bracket_that_is_no_edition_stays_out() -> None:
    text = "临泉县“泉乡英才”引育实施办法(附件1)\n"
    (doc,) = [m for m in find_quoted(text) if m.label is Label.POLICY_DOCUMENT]
    assert doc.name == "临泉县泉乡英才引育实施办法"


def test_resolve_the_trial_edition_is_one_document() -> None:
    docs = [n for n in nodes_of(run_pipeline(NOTICE, "notice.txt"), Label.POLICY_DOCUMENT)
            if "泉乡英才" in n.name]
    assert [d.name for d in docs] == ["临泉县泉乡英才引育实施办法(试行)"], [d.name for d in docs]
    assert docs[0].properties.get("doc_number") == "临政办发〔2023〕27号"
