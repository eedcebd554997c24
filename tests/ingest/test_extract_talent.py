"""Talent groups (ingest/extract/talent.py): known categories, and new `<modifier>人才`
phrases only where the text uses them as a category."""
from __future__ import annotations

import pytest

from ingest.extract.pipeline import build_nlp
from ingest.extract.talent import find_talent_groups, known_category
from schema.labels import Label


def names(text: str) -> set[str]:
    return {m.name for m in find_talent_groups(text)}


# ------------------------------------------------------------------------- known categories
@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("苏州市创新创业人才", "创新创业人才"),  # a place before a category
        ("医学领域领军人才", "领军人才"),  # a field scopes a category
        ("装备制造产业领军人才", "领军人才"),  # so does a sector
        ("社会工作优秀人才", "社会工作人才"),  # a qualifier inside a category
        ("各类高技能人才", "高技能人才"),  # a chain of qualifiers
        ("农业科技人才", "农业科技人才"),  # a category of its own
        ("海内外高端人才", "高端人才"),  # where people come from
    ],
)
def test_known_category_of_a_qualified_phrase(name: str, known: str) -> None:
    assert known_category(name) == known


def test_known_category_with_a_new_modifier_is_none() -> None:
    assert known_category("数字创新创业人才") is None


def test_find_talent_groups_rural_and_strategic_categories() -> None:
    assert names("认定区级“土专家”“田秀才”150名，培养战略科学家。") == {"土专家", "田秀才",
                                                               "战略科学家"}


@pytest.mark.parametrize(
    ("text", "name"),
    [("为返乡人才提供政策咨询。", "返乡人才"),  # known, though a verb follows
     ("强化本土人才挖掘培养。", "本土人才"),
     ("培训农村电商人才300人。", "电商人才"),  # an alias of the category
     ("面向本土农技人员和职业农民开展培训。", "本土农技人员")],  # 人员 heads a new one
)
def test_find_talent_groups_common_categories(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [  # the five kinds of rural talent, in an enumeration none of whose items was known
     ("聚焦农业生产经营人才、农村二三产业发展人才、乡村治理人才“三支队伍”。",
      {"农业生产经营人才", "农村二三产业发展人才", "乡村治理人才"}),
     # cadres and grassroots leads: no 人才 head, known by name (an alias: 村党支部书记)
     ("实施村党支部书记“头雁”培训计划，选派优秀年轻干部到村任职。",
      {"村党组织书记", "年轻干部"}),
     ("储备后备干部和大学生村官200名。", {"后备干部", "大学生村官"}),
     # national roles and the young people of cross-strait policy
     ("选派省级农村科技特派员18名,对来就业的台湾青年给予补贴。", {"科技特派员", "台湾青年"}),
     ("面向全日制硕士研究生、返乡大学生和乡村振兴带头人开展培训。",
      {"硕士研究生", "返乡大学生", "乡村振兴带头人"})],
)
def test_find_talent_groups_rural_and_cadre_categories(text: str, found: set[str]) -> None:
    assert names(text) >= found


def test_find_talent_groups_place_before_a_category_names_the_category() -> None:
    assert names("表彰苏州市创新创业人才。") == {"创新创业人才"}


# ------------------------------------------------------------------ evidence of a category
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("培养数据分析型人才。", "数据分析型人才"),  # X型: a type of people
        ("联系在外的温州籍人才。", "温州籍人才"),  # X籍: people from a place
        ("针对海外归国人才,开辟绿色通道。", "海外归国人才"),  # object of a targeting verb
        ("打造“江畔英才”集聚工程。", "江畔英才"),  # quoted as a whole
        ("2.数字经济人才:围绕大数据产业引才。", "数字经济人才"),  # an item heading
        ("招引高层次人才、数字经济人才。", "数字经济人才"),  # listed with a known category
        ("实施数字经济人才培育工程。", "数字经济人才"),  # what a program is for
    ],
)
def test_find_talent_groups_new_category_with_evidence(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "发展文化旅游人才。",  # no evidence the phrase is a category
        "完善县域人才培养机制。",  # a mechanism is not a program aimed at a group
        "培养新型人才。",  # `新型` is an adjective, not a classifying X型
    ],
)
def test_find_talent_groups_new_phrase_without_evidence_is_dropped(text: str) -> None:
    assert names(text) == set()


# -------------------------------------------------------------------------------- rejections
@pytest.mark.parametrize(
    "text",
    [
        "广纳贤才“聚”人才。",  # a slogan with a quoted verb
        "注重在一线选拔人才。",  # verb + object
        "汇聚更多人才。",  # evaluative only
        "集聚一流人才。",  # evaluative only
        "加大对作出贡献有突出成绩人才的奖励。",  # a relative clause
        "打造区域人才中心。",  # `人才中心` is a compound noun, not a group
    ],
)
def test_find_talent_groups_rejects_non_categories(text: str) -> None:
    assert names(text) == set()


def test_find_talent_groups_phrase_cut_mid_word_is_dropped() -> None:
    # the 10-character window ends inside 服务业: no phrase starting with `务业…`
    found = names("支持现代服务业高端咨询策划型产业人才。")
    assert not any(n.startswith("务业") or n.startswith("业高端") for n in found)


def test_find_talent_groups_subcategory_of_a_known_category_keeps_the_known_one() -> None:
    assert names("发挥农业信息化科技人才作用。") == {"科技人才"}


def test_pipeline_quoted_program_item_is_not_a_talent_group() -> None:
    doc = build_nlp()("实施“金牌专家”“特聘专家”等引才专项。")
    labels = {(m.label, m.name) for m in doc.user_data["mentions"]}
    assert (Label.PROGRAM, "金牌专家") in labels
    assert not any(label is Label.TALENT_GROUP for label, _ in labels)


@pytest.mark.parametrize(
    ("text", "groups"),
    [  # a quoted brand with a talent head names its programs only
     ("实施“青云英才”计划和“青云工匠”培育工程,集聚高层次人才。", {"高层次人才"}),
     # ... unless the text also says it apart from them: then it is people too
     ("实施“青云英才”打造工程。对3批97名“青云英才”授予称号。", {"青云英才"}),
     ("设计“数字商务人才”集聚工程。在选拔数字商务人才中,把贡献作为依据。", {"数字商务人才"}),
     # a known category quoted in a program's name stays a group
     ("开展“乡村工匠”选树行动。", {"乡村工匠"}),
     # the brand opening a longer quoted name (a card) is not said apart
     ("实施“青云英才”计划,为56名高层次人才发放“青云英才服务卡”。", {"高层次人才"})],
)
def test_pipeline_quoted_brand_is_a_group_only_when_said_apart(text: str,
                                                              groups: set[str]) -> None:
    doc = build_nlp()(text)
    assert {m.name for m in doc.user_data["mentions"]
            if m.label is Label.TALENT_GROUP} == groups


def test_find_talent_groups_two_groups_joined_by_a_plus_are_two() -> None:
    assert names("推行“疆外专家+本土人才”结对模式,") == {"本土人才"}


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("引导青云籍在外人才回乡创业。", None, None),  # 青云 is no division: no group
        ("建立在外陆良籍人才信息库,收录人才130名。", "在外陆良籍人才", "陆良籍人才"),
        ("引导玉林籍在外人才回乡创业。", "玉林籍在外人才", "玉林籍人才"),
        ("面向在外宜宾籍人才开展招聘。", "在外宜宾籍人才", "宜宾籍人才"),
        ("建立旌阳籍在外优秀人才库。", "旌阳籍在外优秀人才", "旌阳籍人才"),
    ],
)
def test_find_talent_groups_people_of_a_native_place(
        text: str, surface: str | None, name: str | None) -> None:
    found = [(m.text, m.name) for m in find_talent_groups(text) if "籍" in m.text]
    assert found == ([(surface, name)] if surface else [])


def test_find_talent_groups_a_brands_class_is_the_category_after_the_dot() -> None:
    text = "林某等10人被评为“雄关英才·领军人才”,苏某等20人被评为“雄关英才·青年拔尖人才”。"
    assert [m.name for m in find_talent_groups(text)] == ["领军人才", "青年拔尖人才"]


# ------------------------------------------------------------ a role narrowed by a field
@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("对新引进的茶叶领军人才,给予奖励。", "茶叶领军人才"),
        ("每年培育农村致富带头人300名。", "农村致富带头人"),  # a count ends the phrase
        ("评选竹编工匠20名。", "竹编工匠"),
    ],
)
def test_find_talent_groups_a_field_before_a_role_makes_a_category(text: str, group: str) -> None:
    assert group in names(text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("全市企业技能人才达到2万人。", "技能人才"),  # an employer, not a field
        ("重点支持海外领军人才,给予奖励。", "领军人才"),  # a place of origin qualifier
        ("培育创新高层次人才。", "高层次人才"),  # a broad category takes no field
    ],
)
def test_find_talent_groups_what_is_not_a_field(text: str, group: str) -> None:
    found = names(text)
    assert group in found and not {n for n in found if n.endswith(group) and n != group}


def test_find_talent_groups_a_time_word_before_the_verb_is_no_part_of_the_group() -> None:
    # `每年引进…`: 年 belongs to the time word, not to the group after the verb
    assert "茶叶领军人才" in names("每年引进茶叶领军人才50名。")


def test_find_talent_groups_a_program_that_recruits_and_fosters_a_group_names_it() -> None:
    # 引育 (引进培育) turns a program to the group before it, as 培育 does
    assert "茶叶领军人才" in names("实施茶叶领军人才引育计划。")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # counted after a verb of recruiting or training: the kind of people counted
        ("今年招聘支教教师300名、交流轮岗教师40名。", {"支教教师", "交流轮岗教师"}),
        ("定向培养乡镇医学生200名。", {"乡镇医学生"}),
        ("培育持证森林导游120名。", {"森林导游"}),  # 持证 says what they hold, no name
        ("为返乡菜农、果农提供技术指导。", {"菜农", "果农"}),  # growers by their crop
        ("重点服务山区水利技术人员和乡村教师。", {"山区水利技术人员", "乡村教师"}),  # adverb + verb is predicate
    ],
)
def test_find_talent_groups_counted_recruits_and_growers(text: str, found: set[str]) -> None:
    assert names(text) == found


@pytest.mark.parametrize("text", ["全年共有支教教师300名。", "开展森林导游活动。"])
def test_find_talent_groups_a_count_without_a_recruiting_verb_is_no_evidence(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(("text", "group"), [
    ("培训种植大户、致富带头人500人次。", "种植大户"),
    ("培训种养大户300人次。", "种植大户"),
    ("引回了一批“茶二代”“新农人”。", "新农人"),
    ("依托大学城引进青年博士120名。", "青年博士"),
])
def test_find_talent_groups_rural_growers_new_farmers_and_young_doctors(text: str,
                                                                        group: str) -> None:
    assert group in [m.name for m in find_talent_groups(text)]


def test_find_talent_groups_a_quoted_program_s_core_is_no_group_of_its_own() -> None:
    """`“颍州英才支持计划”入选者`: 颍州英才 only starts the program's name; the same core
    standing alone elsewhere (`评选“颍州英才”50名`) names the people the program selects."""
    assert "颍州英才" not in names("“颍州英才支持计划”入选者可申报人才公寓。")
    assert "颍州英才" in names("“颍州英才支持计划”入选者可申报人才公寓。今年评选“颍州英才”50名。")


@pytest.mark.parametrize(("text", "found"), [
    ("加强乡村人才队伍建设。", {"乡村振兴人才"}),  # the category by its other names
    ("实施乡村人才振兴“头雁”工程。", set()),  # a goal, no group
    ("实施高技能人才振兴计划。", {"高技能人才"}),  # a program for them
    ("柔性引进京津退休专家300名。", {"退休专家"}),
])
def test_find_talent_groups_rural_talent_and_its_revitalisation(text: str, found: set[str]) -> None:
    assert names(text) == found
