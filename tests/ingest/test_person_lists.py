"""Persons named in lists and lines (invented names, real places): a leading group's roster
whose lines open with the post (`组　长:某某某　县委副书记`), a contact list
(`某市委人才办:某某,0851-…`), a page's writers (`撰稿:`, `审稿:`), a post held `由某某`."""
from __future__ import annotations

from schema.labels import Label, RelType
from tests.ingest.test_resolve import edge_names, nodes_of, run_pipeline

NOTICE = """中共临泉县委办公室
关于调整县委人才工作领导小组组成人员的通知
临委办〔2023〕9号

各乡镇党委、人民政府,县委各部委,县级国家机关各部门:
　　因工作需要和人事变动,经县委同意,决定对县委人才工作领导小组组成人员进行调整。现将调整后的名单通知如下:
　　县委人才工作领导小组在县委领导下开展工作,负责全县人才工作的宏观指导和统筹协调。
组　长:叶建平　县委副书记
副组长:郑晓燕　县委常委、组织部部长
　　　　吴国华　县政府副县长
成　员:潘志勇　县委办公室副主任
领导小组办公室设在县委组织部,办公室副主任由周伟同志兼任。阜阳市委组织部人才科科长林晓东获评先进个人。
联系方式:
阜阳市委人才办:钱国栋,0558-2281047
(撰稿:郑丽君　审稿:黄志强)
"""


def test_resolve_a_roster_with_posts_before_the_names_gives_members() -> None:
    patch = run_pipeline(NOTICE, "notice.txt")
    members = edge_names(patch, RelType.MEMBER_OF)
    assert {("叶建平", "中共临泉县委员会"), ("郑晓燕", "中共临泉县委组织部"),
            ("吴国华", "临泉县人民政府"), ("潘志勇", "中共临泉县委办公室")} <= members


def test_resolve_a_roster_labelled_by_roles_lists_the_members_of_its_body() -> None:
    """`组　长:`, `副组长:`, `成　员:` label the lines of the 领导小组 the notice names before
    them: everyone listed is a member of it too, and nobody else is."""
    patch = run_pipeline(NOTICE, "notice.txt")
    body = "中共临泉县委人才工作领导小组"
    assert body in {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    members = {p for p, u in edge_names(patch, RelType.MEMBER_OF) if u == body}
    assert members == {"叶建平", "郑晓燕", "吴国华", "潘志勇"}


def test_resolve_contacts_writers_and_holders_of_posts_are_persons() -> None:
    patch = run_pipeline(NOTICE, "notice.txt")
    persons = {n.name for n in nodes_of(patch, Label.PERSON)}
    assert {"钱国栋", "郑丽君", "黄志强", "周伟", "林晓东"} <= persons
    assert "由周伟" not in persons
    members = edge_names(patch, RelType.MEMBER_OF)
    assert ("钱国栋", "中共阜阳市委人才工作领导小组办公室") in members
    assert ("林晓东", "中共阜阳市委组织部人才科") in members


def test_resolve_a_section_chief_is_no_section_of_his_title() -> None:
    units = {n.name for n in nodes_of(run_pipeline(NOTICE, "notice.txt"), Label.GOV_UNIT)}
    assert "中共阜阳市委组织部人才科" in units
    assert not any(u.endswith("科科") for u in units)


def test_resolve_a_report_about_a_zone_by_its_official() -> None:
    text = ("阜阳市副市长调研人才工作\n副市长一行来到阜阳合肥现代产业园区,听取了园区管委会主任陈志刚"
            "关于高新区人才工作的情况汇报。\n")
    patch = run_pipeline(text, "visit.txt")
    assert "陈志刚" in {n.name for n in nodes_of(patch, Label.PERSON)}
    assert not any("关于" in n.name or "陈志刚" in n.name for n in nodes_of(patch, Label.PLATFORM))


ROSTER = """关于调整太和县人才工作领导小组组成人员的通知
现将调整后的名单通知如下:
组　长:孔令军　县委书记
副组长:秦雅婷　县委副书记、县长
成　员:马　超　县委宣传部副部长
　　　　左玉兰　县科学技术和经济信息化局局长
"""


def test_resolve_a_roster_line_s_posts_each_give_a_unit() -> None:
    """`县委副书记、县长` ending a line: the county's party committee and its government;
    `县委宣传部副部长`: the department, and no person named after it; a compound bureau
    (`科学技术和经济信息化局`) is a department like any other."""
    patch = run_pipeline(ROSTER, "roster.txt")
    members = edge_names(patch, RelType.MEMBER_OF)
    assert {("秦雅婷", "中共太和县委员会"), ("秦雅婷", "太和县人民政府"),
            ("马超", "中共太和县委宣传部"), ("左玉兰", "太和县科学技术和经济信息化局")} <= members
    assert {n.name for n in nodes_of(patch, Label.PERSON)} == {"孔令军", "秦雅婷", "马超", "左玉兰"}
