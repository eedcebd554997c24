"""People named outside sentences (invented names and units, real places): the attendance
list of minutes (a two-character name padded with two spaces, sub-lists under labels such as
`列席人员:`), a contact `联系人:UNIT NAME`, and the speaker's line under a 述职报告 (posts
listed with 、, the name with or without a space before it)."""
from __future__ import annotations

from ingest.extract.rosters import find_roster_persons
from ingest.normalise import normalise
from ingest.split import split
from schema.labels import Label, RelType
from tests.ingest.conftest import text_of
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

ATTENDANCE = """临泉县人才工作领导小组
会 议 纪 要
〔2024〕3号

2024年5月9日,县人才工作领导小组召开会议,研究部署重点工作。

参会人员:
孔德华  县委副书记、县人才工作领导小组组长
成员单位负责人:
韩  晓  县委组织部
滕立秋  县教育局
闻  达  县人力资源和社会保障局
列席人员:
卞  宁  县人才发展服务中心

会议同意实施“泉乡英才”支持计划。
"""


def test_rosters_names_padded_by_two_spaces_and_lists_under_labels() -> None:
    found = [(m.name, ATTENDANCE[slice(*m.attrs["unit_cell"])])
             for m in find_roster_persons(ATTENDANCE)]
    assert found == [("孔德华", "县委副书记、县人才工作领导小组组长"), ("韩晓", "县委组织部"),
                     ("滕立秋", "县教育局"), ("闻达", "县人力资源和社会保障局"),
                     ("卞宁", "县人才发展服务中心")]


def test_rosters_a_label_does_not_start_a_list() -> None:
    # a label line only continues a list already running; two lines under it are no list
    text = "列席人员:\n韩  晓  县委组织部\n卞  宁  县人才发展服务中心\n"
    assert list(find_roster_persons(text)) == []


def test_resolve_attendance_list_members_of_their_county_units() -> None:
    members = edge_names(run_pipeline(ATTENDANCE, "minutes.txt"), RelType.MEMBER_OF)
    assert {("韩晓", "中共临泉县委组织部"), ("滕立秋", "临泉县教育局"),
            ("闻达", "临泉县人力资源和社会保障局")} <= members, members


NOTICE = """关于开展2024年度临泉县人才平台认定工作的通知

各乡镇人民政府,县直各单位:
现将2024年度人才平台认定工作有关事项通知如下。请于6月30日前报送申报材料。
联系人:县委组织部人才办 滕立秋,电话:0558-1234567
"""


def test_resolve_a_contact_after_their_unit_is_a_member_of_it() -> None:
    patch = run_pipeline(NOTICE, "notice.txt")
    assert "滕立秋" in {n.name for n in nodes_of(patch, Label.PERSON)}
    assert edge_names(patch, RelType.MEMBER_OF) == {("滕立秋", "中共临泉县委组织部")}


def test_resolve_a_contact_line_names_no_unit_as_a_person() -> None:
    patch = run_pipeline(NOTICE.replace("县委组织部人才办 滕立秋", "县委组织部人才办"), "n.txt")
    assert not nodes_of(patch, Label.PERSON)


REPORT = """临泉县抓人才工作述职报告
中共临泉县委常委、组织部部长{gap}滕立秋

2023年,我认真履行人才工作第一责任人职责,深入实施“泉乡英才”计划,全年引进各类人才860人。
"""


def test_split_a_speakers_line_is_no_part_of_the_title() -> None:
    for gap in ("  ", ""):
        (source,) = split(normalise(text_of(REPORT.format(gap=gap))))
        assert source.title == "临泉县抓人才工作述职报告", (gap, source.title)
        assert source.kind == "speech"
        (byline,) = source.bylines
        assert byline.persons == ("滕立秋",)
        assert byline.units == ("中共临泉县委", "中共临泉县委组织部")


def test_resolve_a_speaker_with_two_posts_is_a_member_of_both_units() -> None:
    for gap in ("  ", ""):
        members = edge_names(run_pipeline(REPORT.format(gap=gap), "r.txt"), RelType.MEMBER_OF)
        assert {("滕立秋", "中共临泉县委组织部"), ("滕立秋", "中共临泉县委员会")} <= members, \
            (gap, members)


def test_split_a_title_that_ends_with_a_name_but_no_post_keeps_its_lines() -> None:
    text = "临泉县抓人才工作述职报告\n关于表彰优秀人才滕立秋\n\n2023年,我认真履行职责。\n"
    (source,) = split(normalise(text_of(text)))
    assert not source.bylines


CONTACTS = """联系人:县委人才办人才工作处 滕立秋,电话:0558-1234567;县人力资源和社会保障局专业技术人员管理处 卞宁,电话:0558-7654321。
报名咨询:县人社局人才科,电话0558-1111111,联系人:韩晓。
"""


def test_extract_contacts_after_a_semicolon_and_before_a_full_stop() -> None:
    from ingest.extract.units import find_persons, find_units

    assert {(m.name, m.attrs["title"]) for m in find_persons(CONTACTS)} == {
        ("滕立秋", "联系人"), ("卞宁", "联系人"), ("韩晓", "联系人")}
    assert "县人力资源和社会保障局专业技术人员管理处" in [m.text for m in find_units(CONTACTS)]


def test_extract_no_further_contact_without_a_contact_line() -> None:
    from ingest.extract.units import find_persons

    text = "一、县委人才办负责统筹;县人社局专技科 卞宁电话通知各单位。"
    assert not list(find_persons(text))


def test_resolve_the_second_contact_is_a_member_of_their_division() -> None:
    members = edge_names(run_pipeline(NOTICE.replace(
        "联系人:县委组织部人才办 滕立秋,电话:0558-1234567",
        CONTACTS.splitlines()[0]), "n.txt"), RelType.MEMBER_OF)
    assert ("卞宁", "临泉县人力资源和社会保障局专业技术人员管理处") in members, members
