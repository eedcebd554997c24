"""Name grammar (ingest/extract/names.py): a head noun extended leftwards to its name."""
from __future__ import annotations

import pytest

from ingest.extract.names import (
    clean,
    find_organizations,
    find_platforms,
    find_programs,
    left_extent,
    strip_leading_verbs,
)
from ingest.extract.talent import find_talent_groups
from schema.labels import Label


# ----------------------------------------------------------------------------- left_extent
@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("实施人才项目支持计划", "计划", "人才项目支持计划"),  # stops after the verb of doing
        ("加强与清华大学合作", "大学", "清华大学"),  # stops after a preposition
        ("设立120余个人才驿站", "人才驿站", "人才驿站"),  # stops after number + measure word
        ("实施“银杏”人才计划", "计划", "“银杏”人才计划"),  # jumps over a quoted part
        ("青云县,人才计划", "计划", "人才计划"),  # stops at punctuation
    ],
)
def test_left_extent_stops_at_a_boundary(text: str, head: str, expected: str) -> None:
    head_start = text.index(head)
    assert text[left_extent(text, head_start):head_start + len(head)] == expected


def test_left_extent_is_capped_by_max_len() -> None:
    text = "甲" * 30 + "计划"
    head_start = text.index("计划")
    assert left_extent(text, head_start, max_len=5) == head_start - 5


def test_left_extent_at_text_start_is_zero() -> None:
    assert left_extent("人才计划", 2) == 0


# ----------------------------------------------------------------------- strip_leading_verbs
@pytest.mark.parametrize(
    ("name", "min_rest", "expected"),
    [
        ("建设专家公寓", 4, ("专家公寓", 2)),
        ("建设公寓", 4, ("建设公寓", 0)),  # too little would be left: kept whole
        ("人才培养计划", 4, ("人才培养计划", 0)),  # a verb inside a name is not stripped
    ],
)
def test_strip_leading_verbs_drops_only_a_leading_verb(
    name: str, min_rest: int, expected: tuple[str, int]
) -> None:
    assert strip_leading_verbs(name, min_rest) == expected


# ------------------------------------------------------------------------------------ clean
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“春风”行动", "春风行动"),
        ("《青云县人才 办法》", "青云县人才办法"),
        ("‘金穗’「银穗」『玉兰』", "金穗银穗玉兰"),
        ("人才\u3000驿站\n", "人才驿站"),
    ],
)
def test_clean_drops_quotes_and_white_space(raw: str, expected: str) -> None:
    assert clean(raw) == expected


# ---------------------------------------------------------------------------- find_programs
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("实施人才项目支持计划,围绕重点产业引才。", "人才项目支持计划", "计划"),
        ("启动人才培养计划。", "人才培养计划", "计划"),
        ("全面实施人才引进计划。", "人才引进计划", "计划"),
        ("推行人才服务专员制度。", "人才服务专员制度", "制度"),
        # the program a document implements, named in its title
        ("印发人才安居工程实施方案。", "人才安居工程", "工程"),
        ("举办晋冀鲁豫人才创新创业周,吸引人才。", "晋冀鲁豫人才创新创业周", "创新创业周"),
        # a verb of gathering before the head is the program's aim, not its boundary
        ("实施顶尖人才集聚工程。", "顶尖人才集聚工程", "工程"),
        # 赴 inside a program's name is no boundary (a visit's 到/前往 is)
        ("建立青年教师赴名校跟岗研修制度。", "青年教师赴名校跟岗研修制度", "制度"),
        # job fairs and expert service corps are programs too
        ("举办青年人才专场招聘会,吸引毕业生。", "青年人才专场招聘会", "专场招聘会"),
        ("组建乡村振兴专家服务团,开展技术服务。", "乡村振兴专家服务团", "专家服务团"),
    ],
)
def test_find_programs_names_an_unquoted_program(text: str, name: str, kind: str) -> None:
    found = list(find_programs(text))
    assert [(m.label, m.name, m.attrs["kind"]) for m in found] == [(Label.PROGRAM, name, kind)]
    (m,) = found
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", ["培养一批工程师。", "培养工程师队伍。", "落实计划生育政策。"])
def test_find_programs_ignores_a_head_inside_a_compound(text: str) -> None:
    assert [m for m in find_programs(text)] == []


def test_find_programs_engineer_gives_no_program_with_head_gongcheng() -> None:
    assert not any(m.attrs["kind"] == "工程" for m in find_programs("引进高级工程师。"))


@pytest.mark.parametrize("text", ["健全人才评价机制。", "完善人才服务专员制度。"])
def test_find_programs_weak_head_needs_a_verb_of_doing(text: str) -> None:
    assert list(find_programs(text)) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("实施三大引才工程。", "三大引才工程"),  # a count + 大 opens the name
        ("开展百名青年博士引进行动。", "百名青年博士引进行动"),  # so does 百名
    ],
)
def test_find_programs_keeps_a_counted_name_whole(text: str, name: str) -> None:
    assert [m.name for m in find_programs(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "“银杏”“松柏”等引才专项。",  # an uncounted noun closing a list is its hypernym
        "制定详细行动计划。",  # an evaluative modifier alone
        "完善医师资格评审。",  # 评审 is a weak head: needs a verb of doing
        "开展专项行动计划。",  # stacked heads alone: nothing names it (was a crash)
        "落实专项工程计划。",
        # a term's action named only by the plan that carries it out
        "印发《青云县人才强县建设三年行动实施方案》的通知",
    ],
)
def test_find_programs_rejects_generic_phrases(text: str) -> None:
    assert list(find_programs(text)) == []


def test_find_programs_review_with_a_verb_of_doing_is_a_program() -> None:
    assert [m.name for m in find_programs("开展青年人才评审。")] == ["青年人才评审"]


def test_find_programs_leaves_quoted_names_to_quoted_module() -> None:
    assert list(find_programs("实施“银杏”人才计划。")) == []


# --------------------------------------------------------------------------- find_platforms
@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        ("建设专家公寓。", "专家公寓", None),  # leading verb stripped
        ("设立120余个人才驿站。", "人才驿站", 120),  # count written before
        ("建成人才公寓300套。", "人才公寓", 300),  # count written after
        ("依托院士专家工作站开展合作。", "院士专家工作站", None),
        ("建设山东省重点实验室。", "山东省重点实验室", None),
        ("建成院士工作站2个。", "院士工作站", 2),  # a standalone kind
        ("建设科创人才港。", "科创人才港", None),
        ("共建种业联合研究中心。", "种业联合研究中心", None),
        ("认定博士后创新实践基地3家。", "博士后创新实践基地", 3),
        ("关于公布2023年度长春市技能大师工作室名单的通知", "长春市技能大师工作室", None),
        ("加快建设西宁碳中和研究院。", "西宁碳中和研究院", None),  # 和 inside a word
        # ...and opening a county's name, after a conjunction 和
        ("依托企业和和政县乡村振兴人才实训基地开展培训。", "和政县乡村振兴人才实训基地", None),
        ("建设现代农牧业技术创新中心。", "现代农牧业技术创新中心", None),  # 现代 qualifies
        ("建立在外人才信息库。", "在外人才信息库", None),  # 在 inside a word
        ("在北京设立驻外引才联络站2个。", "驻外引才联络站", 2),
        ("同步上线“嘉才荟”线上平台。", "嘉才荟线上平台", None),
        ("建设南繁育种专家工作站。", "南繁育种专家工作站", None),  # a lone 南 opens a name
        ("建设下一步人才驿站。", "人才驿站", None),  # ...but 下一步 is no name
        # a verb of launching inside the run: the name starts after it
        ("区人社局开发“潞才通”线上服务平台。", "潞才通线上服务平台", None),
        # a talent service window, an online talent code; 开设/开通 open no name
        ("开设人才服务专窗3个。", "人才服务专窗", 3),
        # a township or community before 建设 builds; a farmers' field school stands alone
        ("在乡镇建设田间学校12所。", "田间学校", 12),
        ("开通“溪山人才码”,实现一码通办。", "溪山人才码", None),
        # a talent website and a cloud platform are online platforms
        ("开通临泉人才网,实现补贴线上申报。", "临泉人才网", None),
        ("上线“临泉人才服务云平台”。", "临泉人才服务云平台", None),
        # verbs of moving in, being in charge, standing on: no part of the name
        ("A类人才可免租入住人才公寓。", "人才公寓", None),
        ("企业入驻青云县人才创业园的,给予补贴。", "青云县人才创业园", None),
        ("市卫生健康委员会负责国际医疗人才创新创业基地建设。", "国际医疗人才创新创业基地", None),
    ],
)
def test_find_platforms_names_a_platform(text: str, name: str, count: int | None) -> None:
    found = list(find_platforms(text))
    assert [(m.label, m.name) for m in found] == [(Label.PLATFORM, name)]
    assert found[0].attrs["count"] == count


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("新建院士专家工作站11个、博士后科研工作站7个。", [11, 7]),
        ("建成人才公寓420套、人才驿站5处。", [420, 5]),
        ("建成5个人才驿站、院士专家工作站。", [5, None]),  # not across the 、
    ],
)
def test_find_platforms_count_of_a_listed_platform_is_its_own(
        text: str, counts: list[int | None]) -> None:
    assert [m.attrs["count"] for m in find_platforms(text)] == counts


@pytest.mark.parametrize("text", ["新建实验室。", "新建重点实验室。", "推进信息化建设。"])
def test_find_platforms_bare_kind_is_not_a_platform(text: str) -> None:
    assert list(find_platforms(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "依托国家级重点实验室开展攻关。",  # a level ranks a kind, it does not name one
        "引进一流研发机构。",  # an evaluative modifier
        "推行“群众点单+驿站服务”模式。",  # a kind inside a quoted slogan
    ],
)
def test_find_platforms_generic_or_slogan_kind_is_not_a_platform(text: str) -> None:
    assert list(find_platforms(text)) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("支持高校院所建设农业专家创新中心。", "农业专家创新中心"),  # builder before 建设
        ("利用闲置厂房新建孵化器。", "孵化器"),
        ("建成社区服务平台人才驿站。", "人才驿站"),  # a standalone kind after another kind
        ("建设城市建设研究院。", "城市建设研究院"),  # 建设 inside a name stays
        ("在园区布局人才驿站。", "人才驿站"),
        ("新设海外人才驿站3个。", "海外人才驿站"),  # a verb of adding opening the line
        ("新认定省级工程技术研究中心5家。", "省级工程技术研究中心"),
        ("在市区建设人才驿站。", "人才驿站"),  # a place right before 建设 builds
        # a visit's verb ends the name (the visitor is no part of it)
        ("组织部部长李建军到常德经济技术开发区调研。", "常德经济技术开发区"),
        ("区长王强前往长沙高新技术产业开发区考察。", "长沙高新技术产业开发区"),
        ("支持乡土人才领办创办乡土人才工作室。", "乡土人才工作室"),
        # a unit joined with another: the name starts after the verb of joining
        ("市人社局联合青云高新技术产业开发区建设人才驿站。", "青云高新技术产业开发区"),
        # a town before the verb of building builds (城乡 is no town)
        ("在东坪镇、西坪镇建设乡村人才驿站5个。", "乡村人才驿站"),
        # 在外 is away from home, not the preposition 在
        ("建立在外青川籍人才信息库。", "在外青川籍人才信息库"),
        ("设立博士工作站。", "博士工作站"),
        # where it is built, before the verb of building: a division, or places counted
        ("在杭州、宁波两地建设离岸创新中心。", "离岸创新中心"),
        ("在西安市建设离岸孵化中心。", "离岸孵化中心"),
        ("在城关镇建立高山茶叶科技小院。", "高山茶叶科技小院"),
        ("建成县职业技能培训中心。", "县职业技能培训中心"),
        # a bracketed qualifier inside a name stays in it
        ("对新获批的院士(专家)工作站给予资助。", "院士专家工作站"),  # (a kind: read plain)
        ("支持建设固原(银川)人才飞地。", "固原(银川)人才飞地"),
    ],
)
def test_find_platforms_name_restarts_after_a_builder_or_another_kind(text: str, name: str) -> None:
    assert name in [m.name for m in find_platforms(text)]


# ----------------------------------------------------------------------- find_organizations
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("加强与清华大学合作。", "清华大学", "大学"),
        ("与山东大学(威海)签约。", "山东大学(威海)", "大学"),  # campus qualifier kept
        ("与山东大学（威海）签约。", "山东大学(威海)", "大学"),  # full-width brackets folded
        # the words before the name are not part of it
        ("要支持长江动力集团有限公司建设研发机构。", "长江动力集团有限公司", "有限公司"),
        ("来自中国科学院南方材料研究所的专家参加路演。", "中国科学院南方材料研究所", "研究所"),
        ("区人社局联合浙江蓝海电子集团有限公司开展培训。", "浙江蓝海电子集团有限公司", "有限公司"),
        ("优秀企业家赴清华大学学习。", "清华大学", "大学"),
        ("崖州区联合中国农业大学共建研究中心。", "中国农业大学", "大学"),
        # ...but a lead-in word inside a name stays
        ("北京联合大学举办招聘会。", "北京联合大学", "大学"),
        ("中国联合网络通信集团有限公司参加。", "中国联合网络通信集团有限公司", "有限公司"),
        # a macro-region names a place, though the tagger reads 西北 as a direction
        ("与西北工业大学签约。", "西北工业大学", "大学"),
        ("与东北师范大学合作。", "东北师范大学", "大学"),
        ("邀请西南交通大学专家。", "西南交通大学", "大学"),
        ("与清华大学深圳国际研究生院合作。", "清华大学深圳国际研究生院", "研究生院"),
        ("柔性引进华南农业大学园艺学院专家。", "华南农业大学园艺学院", "学院"),  # a verb before
        ("依托始兴县技工学校建设实训基地。", "始兴县技工学校", "技工学校"),
        ("新建洛阳宏兴新能源科技有限公司。", "洛阳宏兴新能源科技有限公司", "有限公司"),
        # 联合 opening a clause joins the organisation (联合国 is a name)
        ("建成实训基地,联合青云市远山食品有限公司开展培训。", "青云市远山食品有限公司", "有限公司"),
        # a county's vocational education centre is a school
        ("依托沧县职教中心开展培训。", "沧县职教中心", "职教中心"),
        ("綦江区职业教育中心承办比赛。", "綦江区职业教育中心", "职业教育中心"),
        ("依托澧县职业中专开设培训班。", "澧县职业中专", "职业中专"),
        # universities named by common nouns, or by a place word the tagger does not know
        ("与华侨大学签订协议。", "华侨大学", "大学"),
        ("与电子科技大学共建研究院。", "电子科技大学", "大学"),
        ("邀请长安大学专家授课。", "长安大学", "大学"),
        # verbs that organise or build one are no part of its name
        ("本次招聘会共组织青川远山竹业股份有限公司等企业参加。", "青川远山竹业股份有限公司", "有限公司"),
        ("高水平建设宁波理工大学。", "宁波理工大学", "大学"),
    ],
)
def test_find_organizations_names_a_proper_organisation(text: str, name: str, kind: str) -> None:
    found = [m for m in find_organizations(text) if m.attrs["kind"] == kind]
    assert [(m.label, m.name) for m in found] == [(Label.ORGANIZATION, name)]


def test_find_organizations_one_that_builds_another_is_two() -> None:
    text = "依托衢州职业技术学院建设衢州市乡土人才学院。"
    assert [m.name for m in find_organizations(text)] == ["衢州职业技术学院", "衢州市乡土人才学院"]


@pytest.mark.parametrize("text", ["吸引大学生返乡创业。", "建设一流大学。", "迈进大学门槛。",
                                  "各类学校要加强宣传。", "鼓励建立企业大学。", "开办老年大学。",
                                  "与重点大学合作。", "办好社区大学。"])
def test_find_organizations_needs_a_proper_name(text: str) -> None:
    assert list(find_organizations(text)) == []


def test_find_organizations_a_university_science_park_is_a_platform_not_a_university() -> None:
    text = "察看了西南科技大学国家大学科技园。"
    assert [m.name for m in find_organizations(text)] == ["西南科技大学"]
    assert [(m.name, m.attrs["kind"]) for m in find_platforms(text)] == [
        ("西南科技大学国家大学科技园", "大学科技园")]


# ---------------------------------------------------------------------- find_talent_groups
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("引进高技能人才。", "高技能人才"),
        ("积极引进青年人才。", "青年人才"),
        ("服务高校毕业生就业。", "高校毕业生"),
    ],
)
def test_find_talent_groups_finds_a_known_category(text: str, name: str) -> None:
    found = list(find_talent_groups(text))
    assert [(m.label, m.name, m.attrs) for m in found] == [(Label.TALENT_GROUP, name, {"known": True})]


def test_find_talent_groups_qualified_phrase_names_the_known_category() -> None:
    qualified = [m for m in find_talent_groups("表彰优秀社会工作者。") if m.attrs.get("qualified")]
    assert [(m.text, m.name) for m in qualified] == [("优秀社会工作者", "社会工作者")]


@pytest.mark.parametrize("text", ["济南市人才。", "鄂尔多斯市人才。", "山东省人才。"])
def test_find_talent_groups_region_is_not_a_modifier(text: str) -> None:
    assert list(find_talent_groups(text)) == []


def test_find_platforms_a_bracketed_level_is_an_alternative_not_a_qualifier() -> None:
    assert [m.name for m in find_platforms("在各镇(街道)建设人才驿站。")] == ["人才驿站"]


def test_find_organizations_an_item_of_a_list_of_named_ones_is_named() -> None:
    found = [m.name for m in find_organizations("与宁夏大学、北方民族大学、中国农业科学院签订协议。")]
    assert found == ["宁夏大学", "北方民族大学", "中国农业科学院"]
    # a generic one stays out even in a list
    assert [m.name for m in find_organizations("依托清华大学、老年大学开展培训。")] == ["清华大学"]


def test_find_platforms_a_kind_with_a_bracketed_optional_word_is_the_kind() -> None:
    found = {m.name for m in find_platforms("承担国家(重点)实验室、工程(技术)研究中心建设任务。")}
    assert found == {"工程技术研究中心"}  # (重点)实验室 alone is no name; the other a ranked kind


@pytest.mark.parametrize(("text", "name"), [
    # a county's short name opening a platform's name stays in it (the tagger reads some
    # as verbs or directions)
    ("与某某农业大学共建围场马铃薯产业研究院", "围场马铃薯产业研究院"),
    ("建设秦安电商产业专家工作站", "秦安电商产业专家工作站"),
    ("支持莒县绿茶产业研究中心建设", "莒县绿茶产业研究中心"),
    ("建立围场籍在外人才信息库", "围场籍在外人才信息库"),
    # verbs of building before the name are no part of it
    ("新建和改造人才公寓500套", "人才公寓"),
    ("支持县内龙头企业新设博士后科研工作站1个", "博士后科研工作站"),
])
def test_find_platforms_keeps_a_leading_place_and_drops_leading_verbs(text: str, name: str) -> None:
    assert [m.name for m in find_platforms(text)] == [name]


def test_find_platforms_a_talent_network_is_no_website() -> None:
    assert list(find_platforms("建立覆盖全县的人才网络体系。")) == []


def test_an_industry_college_is_one_platform_not_also_an_organisation() -> None:
    from tests.ingest.test_resolve import nodes_of, run_pipeline

    patch = run_pipeline("工作动态\n临泉县依托临泉县职业技术学校共建临泉家纺产业学院,建设产业学院2个,"
                         "建成临泉剪纸技艺传习所和就业帮扶车间。\n", "x.txt")
    platforms = {n.name for n in nodes_of(patch, Label.PLATFORM)}
    assert {"临泉家纺产业学院", "产业学院", "临泉剪纸技艺传习所", "就业帮扶车间"} <= platforms
    assert "临泉家纺产业学院" not in {n.name for n in nodes_of(patch, Label.ORGANIZATION)}


@pytest.mark.parametrize(("text", "names"), [
    ("学校将与鞍钢集团有限公司共建实验室。", ["鞍钢集团有限公司"]),  # a registered name
    ("推动企业集团有限公司做大做强。", []),  # no company's name
])
def test_find_organizations_a_group_company_by_its_registered_name(text: str, names: list[str]) -> None:
    assert [m.name for m in find_organizations(text)] == names


@pytest.mark.parametrize(("text", "name"), [
    ("市教育局与韶关学院共建南雄教师发展中心。", "南雄教师发展中心"),
    ("共建西充有机农业专家大院。", "西充有机农业专家大院"),
    ("建设柑橘科技小院5个。", "柑橘科技小院"),
])
def test_find_platforms_rural_and_teaching_platform_kinds(text: str, name: str) -> None:
    assert name in [m.name for m in find_platforms(text)]


def test_find_programs_a_quoted_skill_assessment() -> None:
    from ingest.extract.quoted import find_quoted

    assert [m.name for m in find_quoted("开展“宾川果匠”技能评价。")] == ["宾川果匠技能评价"]
