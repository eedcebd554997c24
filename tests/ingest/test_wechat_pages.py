"""Articles of a 公众号 (a WeChat official account), copied from the page: the account's name,
a line with the time of posting, a call to follow the account, then a title that opens with a
slogan and a bar (`广纳英才 筑梦某地 | 某某公告`).

The places are real divisions (the gazetteer's); the institution, programs and documents
are invented.
"""
from __future__ import annotations

from ingest.furniture import is_furniture
from ingest.normalise import normalise
from ingest.split import split
from schema.labels import Label, RelType
from tests.ingest.conftest import text_of
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

ARTICLE = """阜阳职业技术学院
阜阳职业技术学院 2024-11-05 08:30 安徽

点击蓝字 关注我们

广纳英才 筑梦颍州 | 阜阳职业技术学院2025年高层次人才招聘公告

近年来,学院深入实施“人才强校”战略,先后出台《阜阳职业技术学院高层次人才引进管理办法》(阜职院〔2023〕12号)。现面向海内外招聘高层次人才。
一、招聘对象
具有博士学位的青年人才。
二、招聘待遇
给予安家费30万元。
三、报名方式
登录学院网站报名。
"""


def test_follow_calls_of_an_account_are_furniture() -> None:
    for line in ("点击蓝字 关注我们", "点击蓝字关注我们", "点击上方蓝字关注"):
        assert is_furniture(line), line
    assert not is_furniture("点击蓝字关注我们,了解更多人才政策。")  # a sentence


def test_the_account_line_gives_publisher_and_date_and_the_barred_line_the_title() -> None:
    (source,) = split(normalise(text_of(ARTICLE)))
    assert source.title == "广纳英才 筑梦颍州 | 阜阳职业技术学院2025年高层次人才招聘公告"
    assert source.publisher == "阜阳职业技术学院"
    assert source.date == "2024-11-05"


def test_the_document_of_a_barred_title_is_named_after_the_bar() -> None:
    patch = run_pipeline(ARTICLE, "fuyang_zhiyuan.txt")
    docs = {n.name: n for n in nodes_of(patch, Label.POLICY_DOCUMENT)}
    assert "阜阳职业技术学院2025年高层次人才招聘公告" in docs, sorted(docs)
    notice = docs["阜阳职业技术学院2025年高层次人才招聘公告"]
    assert "广纳英才 筑梦颍州 | 阜阳职业技术学院2025年高层次人才招聘公告" in notice.aliases
    assert ("阜阳职业技术学院2025年高层次人才招聘公告", "阜阳职业技术学院高层次人才引进管理办法") \
        in edge_names(patch, RelType.CITES)


def test_a_table_row_with_bars_is_still_no_title() -> None:
    text = "项目名称 | 实施单位 | 预算金额\n人才公寓建设 | 临泉县住建局 | 500\n临泉县推进人才公寓建设,今年建成300套。\n"
    (source,) = split(normalise(text_of(text)))
    assert "|" not in (source.title or "")


def test_a_document_with_neither_title_nor_number_is_not_named_after_its_source_id() -> None:
    # (a formal document's cover letter, its title lost to the page it was copied from)
    text = "各乡镇党委、人民政府,县直各单位:\n现将有关事项印发给你们,请认真贯彻执行。\n一、实施“泉城英才”计划。\n"
    patch = run_pipeline(text, "untitled.txt")
    assert not any(n.name.startswith("source:") for n in patch.nodes.values()
                   if n.label is not Label.SOURCE)
