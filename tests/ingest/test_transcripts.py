"""A press conference's transcript (invented names, real places): its title above the time,
place and roster lines; each post and name of the roster a person of that unit; the page's
editors; a document named short after its full title with its years (`《行动方案》`)."""
from __future__ import annotations

from ingest.decode import decode
from ingest.normalise import normalise
from ingest.split import split
from ingest.types import RawFile
from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

TRANSCRIPT = """阜阳市“颍水英才”集聚行动新闻发布会文字实录
来源：阜阳市人民政府新闻办公室　　发布时间：2024-03-15 09:12

时间：2024年3月14日上午10:00
地点：阜阳市人民政府新闻发布厅
发布人：
中共阜阳市委常委、组织部部长　符海燕
阜阳市人力资源和社会保障局局长　陈启明
主持人：阜阳市人民政府新闻办公室主任　林晓虹

【林晓虹】各位记者朋友，大家上午好！近日，市委办公室印发了《阜阳市“颍水英才”集聚三年行动方案（2024—2026年）》（阜办发〔2024〕5号）。
【符海燕】谢谢主持人。《行动方案》提出，到2026年全市新引进各类人才3万人以上。
（责任编辑：黎小燕）
"""


def test_split_a_transcripts_title_is_above_its_notes_and_roster() -> None:
    raw = RawFile.from_bytes("t.txt", TRANSCRIPT.encode("utf-8"))
    (source,) = split(normalise(decode(raw)))
    assert source.title == "阜阳市“颍水英才”集聚行动新闻发布会文字实录"
    assert "陈启明" in source.text


def test_resolve_each_roster_line_is_a_person_of_its_unit() -> None:
    members = edge_names(run_pipeline(TRANSCRIPT, "t.txt"), RelType.MEMBER_OF)
    assert {("符海燕", "中共阜阳市委组织部"), ("陈启明", "阜阳市人力资源和社会保障局")} <= members


def test_resolve_the_editor_is_a_person() -> None:
    persons = {n.name: n for n in nodes_of(run_pipeline(TRANSCRIPT, "t.txt"), Label.PERSON)}
    assert persons["黎小燕"].properties["title"] == "责任编辑"


def test_resolve_a_short_title_is_the_document_named_in_full_with_its_years() -> None:
    docs = nodes_of(run_pipeline(TRANSCRIPT, "t.txt"), Label.POLICY_DOCUMENT)
    assert [d.name for d in docs] == ["阜阳市颍水英才集聚三年行动方案(2024—2026年)"]
    assert "行动方案" in docs[0].aliases
