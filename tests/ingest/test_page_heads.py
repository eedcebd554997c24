"""The head of a page, where the title hides among other lines (invented titles and names,
real places): a reply's issuer line over its 关于 title with its number and signer beside it
and its class (`A类`) under it; a two-step breadcrumb; a row of page widgets; a transcript
whose first turn is a speaker's label; a leading group's long 关于…的通报 title over a number
`某人才〔2024〕3号`; a download link (`相关附件:X.doc`) under the signature."""
from __future__ import annotations

import pytest

from ingest.extract.quoted import find_doc_numbers
from ingest.furniture import is_furniture
from ingest.normalise import normalise
from ingest.split import split
from schema.labels import Label, RelType
from tests.ingest.conftest import text_of
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

REPLY = """阜阳市人力资源和社会保障局
关于市政协五届三次会议第0058号提案的答复

阜人社函〔2024〕17号      签发人:滕立秋
A类

尊敬的韩晓委员:
您提出的《关于加强乡村工匠培育的提案》收悉。现答复如下:我局将实施“颍州工匠”培育计划。

阜阳市人力资源和社会保障局
2024年6月20日
"""


def test_split_a_reply_title_under_its_issuer_with_its_number_signer_and_class() -> None:
    (source,) = split(normalise(text_of(REPLY)))
    assert (source.kind, source.title) == ("document", "关于市政协五届三次会议第0058号提案的答复")
    assert (source.publisher, source.date) == ("阜阳市人力资源和社会保障局", "2024-06-20")


def test_resolve_a_reply_is_issued_under_its_number() -> None:
    patch = run_pipeline(REPLY, "reply.txt")
    docs = {n.name: n for n in nodes_of(patch, Label.POLICY_DOCUMENT)}
    reply = docs["关于市政协五届三次会议第0058号提案的答复"]
    assert "阜人社函〔2024〕17号" in reply.aliases
    assert ("阜阳市人力资源和社会保障局", reply.name) in edge_names(patch, RelType.ISSUED)


@pytest.mark.parametrize("line", ["阜阳市人才工作网 > 通知公告", "临泉县人民政府›政务公开",
                                  "【大 中 小】【打印】【关闭】 分享:", "【打印本页】 【关闭窗口】",
                                  "【我要打印】【关闭窗口】", "首页  新闻中心  政策法规  人才服务"])
def test_normalise_breadcrumbs_and_widget_rows_are_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["研发投入强度>2.5%", "“颍州工匠”培育计划 > 乡村工匠",
                                  "【打印】本页内容已更新,现将有关事项通知如下。"])
def test_normalise_comparisons_and_sentences_are_no_furniture(line: str) -> None:
    assert not is_furniture(line)


TRANSCRIPT = """阜阳市人民政府新闻办公室 > 新闻发布会
“颍州英才”计划新闻发布会文字实录
2024-03-15 15:30 来源:阜阳市人民政府新闻办公室
【大 中 小】【打印】【关闭】 分享:
时间:2024年3月14日上午10:00
地点:阜阳市政务服务中心新闻发布厅
发布人:中共阜阳市委常委、组织部部长滕立秋
主持人:阜阳市人民政府新闻办公室副主任韩晓

主持人:
各位记者朋友,大家上午好!欢迎参加今天的新闻发布会。

滕立秋:
各位记者朋友,大家好!下面,我介绍“颍州英才”计划的主要内容。
"""


def test_split_a_transcript_keeps_its_title_above_the_speakers() -> None:
    (source,) = split(normalise(text_of(TRANSCRIPT)))
    assert source.title == "“颍州英才”计划新闻发布会文字实录"
    assert "【大 中 小】" not in source.text and "> 新闻发布会" not in source.text


BULLETIN = """阜阳市人才工作网 > 通知公告
中共阜阳市委人才工作领导小组关于2023年度县(市、区)人才工作目标责任考核结果的通报
阜人才〔2024〕3号
发布时间:2024-02-28 来源:中共阜阳市委组织部

各县(市、区)党委、人民政府:
根据《阜阳市人才工作目标责任考核办法》(阜办〔2021〕19号)规定,现将考核结果通报如下。临泉县实施“泉乡英才”计划,成效明显。

中共阜阳市委人才工作领导小组
2024年2月26日
相关附件:2023年度县(市、区)人才工作目标责任考核评分细则.doc
"""


def test_split_a_long_official_title_and_no_download_link_as_title() -> None:
    (source,) = split(normalise(text_of(BULLETIN)))
    assert source.title == ("中共阜阳市委人才工作领导小组关于2023年度县(市、区)"
                            "人才工作目标责任考核结果的通报")
    assert source.publisher == "中共阜阳市委人才工作领导小组"


def test_extract_a_leading_groups_and_normative_numbers() -> None:
    numbers = [m.attrs["doc_number"] for m in find_doc_numbers(
        "阜人才〔2024〕3号;皖政规〔2023〕2号;皖政明电〔2022〕5号")]
    assert numbers == ["阜人才〔2024〕3号", "皖政规〔2023〕2号", "皖政明电〔2022〕5号"]


def test_resolve_the_bulletin_is_one_document_with_its_number() -> None:
    patch = run_pipeline(BULLETIN, "bulletin.txt")
    docs = {n.name: n for n in nodes_of(patch, Label.POLICY_DOCUMENT)}
    assert not any(name.endswith(".doc") or "评分细则" in name for name in docs), sorted(docs)
    main = docs["中共阜阳市委人才工作领导小组关于2023年度县(市、区)人才工作目标责任考核结果的通报"]
    assert "阜人才〔2024〕3号" in main.aliases


def test_normalise_a_text_copied_from_a_pages_source_has_its_entities_unescaped() -> None:
    text = ("阜阳市人民政府&nbsp;|&nbsp;阜阳人才网\n当前位置:首页 &gt; 人才动态\n\n"
            "第四届“颍州英才”人才周开幕&nbsp;&nbsp;3000余个岗位虚位以待\n\n"
            "5月19日,第四届“颍州英才”人才周开幕,提供岗位3000余个,引进高层次人才200名。\n")
    norm = normalise(text_of(text))
    assert "&nbsp;" not in norm.text and "&gt;" not in norm.text
    (source,) = split(norm)
    assert source.title == "第四届“颍州英才”人才周开幕 3000余个岗位虚位以待"


def test_split_a_widget_row_under_a_documents_signature_is_no_title() -> None:
    # (under the signature of a document, a title-like line is an attached document's)
    text = ("阜阳市人民政府 > 政务公开 > 规划计划 > 工作总结\n\n阜阳市2023年人才工作总结\n\n"
            "发布机构:阜阳市人才工作领导小组办公室    发布日期:2024-01-22    索引号:341200-2024-0003\n\n"
            "一、工作开展情况\n    2023年,我市深入实施人才强市战略,全年引进各类人才1.2万人。\n"
            "二、存在的问题\n    高层次人才总量偏少,人才平台能级不高。\n"
            "三、2024年工作计划\n    新建人才公寓100套,新引进高校毕业生5000人。\n\n"
            "阜阳市人才工作领导小组办公室\n2024年1月18日\n\n【我要打印】【关闭窗口】\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "阜阳市2023年人才工作总结"


COVER = """临泉县2023年度人才发展专项资金绩效评价报告

临泉县财政局  临泉县委人才工作领导小组办公室
2024年3月

一、项目基本情况
县本级2023年安排人才发展专项资金1260万元,用于“泉乡英才”引育计划等5个项目。
"""


def test_split_a_reports_cover_line_of_issuers_is_no_part_of_its_title() -> None:
    (source,) = split(normalise(text_of(COVER, "cover.txt")))
    assert source.title == "临泉县2023年度人才发展专项资金绩效评价报告"


@pytest.mark.parametrize("site", ["阜阳市人力资源和社会保障局", "临泉县人民政府网", "阜阳市人民政府门户网站"])
def test_split_the_sites_name_over_the_title_is_no_part_of_it(site: str) -> None:
    # (the breadcrumb between them is furniture, so the two lines meet)
    text = (f"{site}\n首页 > 新闻中心 > 通知公告\n\n临泉县2024年“泉城英才”高层次人才引进公告\n"
            "发布时间:2024-03-05 来源:临泉县人力资源和社会保障局\n"
            "为加快人才集聚,临泉县面向海内外引进高层次人才,现将有关事项公告如下。\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "临泉县2024年“泉城英才”高层次人才引进公告"


def test_split_script_switches_are_furniture_and_a_words_pinyin_is_stripped() -> None:
    text = ("临泉县人才网 > 数据发布\n【繁體(tǐ)】【簡體(tǐ)】\n\n臨泉(lín quán)縣2023年度人才發展報告\n"
            "發佈時間:2024-05-20\n2023年,全縣人才資源總量達到12.5萬人。\n")
    result = normalise(text_of(text))
    assert "繁体" not in result.text and "(lín quán)" not in result.text
    (source,) = split(result)
    assert source.title == "临泉县2023年度人才发展报告"


def test_split_a_press_conferences_bracketed_turns_are_not_its_title() -> None:
    text = ("临泉县“人才新政十条”新闻发布会\n发布时间:2024-04-18 来源:临泉县人民政府新闻办公室\n"
            "时间:2024年4月18日上午10:00\n发布人:\n中共临泉县委组织部副部长 韩立新\n"
            "主持人:临泉县人民政府新闻办公室副主任 赵宏伟\n\n【主持人 赵宏伟】\n"
            "各位记者朋友,大家上午好!欢迎出席今天的新闻发布会。\n【发布词 韩立新】\n"
            "各位记者朋友,大家好!临泉县实施“泉城英才”计划。\n")
    (source,) = split(normalise(text_of(text)))
    assert source.title == "临泉县“人才新政十条”新闻发布会"
