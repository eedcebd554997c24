"""Regions, government units and persons (ingest/extract/units.py)."""
from __future__ import annotations

import pytest

from ingest.extract.units import find_persons, find_regions, find_units
from schema.labels import Label


# ----------------------------------------------------------------------------- find_regions
def test_find_regions_lists_every_candidate_of_a_shared_name() -> None:
    (m,) = find_regions("市中区召开人才工作会议。")
    assert (m.label, m.name) == (Label.REGION, "市中区")
    assert {"山东省/济南市/市中区", "山东省/枣庄市/市中区"} <= set(m.attrs["candidates"])
    assert len(m.attrs["candidates"]) >= 2


def test_find_regions_finds_each_level_of_a_full_address() -> None:
    found = list(find_regions("内蒙古自治区鄂尔多斯市鄂托克前旗"))
    assert [(m.name, m.attrs["candidates"]) for m in found] == [
        ("内蒙古自治区", ["内蒙古自治区"]),
        ("鄂尔多斯市", ["内蒙古自治区/鄂尔多斯市"]),
        ("鄂托克前旗", ["内蒙古自治区/鄂尔多斯市/鄂托克前旗"]),
    ]


def test_find_regions_short_alias_is_a_region() -> None:
    found = [m for m in find_regions("来自济南的青年人才。") if "candidates" in m.attrs]
    assert [(m.text, m.attrs["candidates"]) for m in found] == [("济南", ["山东省/济南市"])]


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("报名地点:东台中等专业学校。", []),  # 东台's school, not 台中 (台湾省)
        ("东台市人民医院、东台中等专业学校", ["东台市"]),
        ("在台中举办交流会。", ["台中"]),  # a short name after a preposition stands
    ],
)
def test_find_regions_a_short_name_overlapping_another_place_s_is_none(
        text: str, regions: list[str]) -> None:
    assert [m.text for m in find_regions(text) if "candidates" in m.attrs] == regions


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("活动地点:济南市历下区华山南路88号。", ["济南市", "历下区"]),  # not 山南(市)
        ("地址:中山路与北京东路交叉口,长安街1号。", []),
        ("在北京路演推介项目。", ["北京"]),  # a roadshow in 北京
        ("历下区街道、社区人才工作站。", ["历下区"]),  # a county's full name before 街道
    ],
)
def test_find_regions_a_street_named_after_a_place_is_no_region(
        text: str, regions: list[str]) -> None:
    assert [m.text for m in find_regions(text) if "candidates" in m.attrs] == regions


@pytest.mark.parametrize(
    ("text", "surface", "level"),
    [
        ("全市人才工作会议召开。", "全市", "市"),
        ("我旗引进青年人才。", "我旗", "旗"),
        ("本县出台人才政策。", "本县", "县"),
        ("全区上下齐心。", "全区", "区"),
        ("全省人才工作。", "全省", "省"),
        ("自治区人才工作会议。", "自治区", "自治区"),
    ],
)
def test_find_regions_deictic_region(text: str, surface: str, level: str) -> None:
    deictic = [m for m in find_regions(text) if "deictic" in m.attrs]
    assert [(m.label, m.text, m.attrs) for m in deictic] == [(Label.REGION, surface, {"deictic": level})]


def test_find_regions_zizhiqu_ji_is_not_deictic() -> None:
    assert [m for m in find_regions("评选自治区级人才。") if "deictic" in m.attrs] == []


# ------------------------------------------------------------------------------- find_units
@pytest.mark.parametrize(
    ("text", "surface", "kind", "dept", "region"),
    [
        ("中共济南市市中区委组织部召开会议。", "中共济南市市中区委组织部", "party_dept", "组织部", "济南市市中区"),
        ("市委组织部牵头。", "市委组织部", "party_dept", "组织部", "市"),
        ("区人社局牵头。", "区人社局", "gov_dept", "人力资源和社会保障局", "区"),
        ("县人力社保局牵头。", "县人力社保局", "gov_dept", "人力资源和社会保障局", "县"),
        ("区乡村振兴局牵头。", "区乡村振兴局", "gov_dept", "乡村振兴局", "区"),
        ("县卫健局牵头。", "县卫健局", "gov_dept", "卫生健康局", "县"),
        ("鄂尔多斯市人民政府印发通知。", "鄂尔多斯市人民政府", "gov", "", "鄂尔多斯市"),
        ("枣庄市委召开会议。", "枣庄市委", "party", "", "枣庄市"),
        # a province's departments are 厅
        ("江西省人力资源和社会保障厅印发通知。", "江西省人力资源和社会保障厅", "gov_dept",
         "人力资源和社会保障厅", "江西省"),
        ("省科技厅牵头。", "省科技厅", "gov_dept", "科学技术厅", "省"),
        ("市住房城乡建设局牵头。", "市住房城乡建设局", "gov_dept", "住房和城乡建设局", "市"),
        ("区科工局负责。", "区科工局", "gov_dept", "科技和工业信息化局", "区"),
        # a 科学/科技 name after a conjunction is no section (`科`) of the unit
        ("区科学技术局与中国科学院自动化研究所合作。", "区科学技术局", "gov_dept", "科学技术局",
         "区"),
    ],
)
def test_find_units_parses_region_organ_and_department(
    text: str, surface: str, kind: str, dept: str, region: str
) -> None:
    found = list(find_units(text))
    assert [(m.label, m.text) for m in found] == [(Label.GOV_UNIT, surface)]
    (m,) = found
    assert (m.attrs["kind"], m.attrs["dept"], m.attrs["region"]) == (kind, dept, region)
    assert text[m.start:m.end] == surface


def test_find_units_zhonggong_prefix_is_recorded() -> None:
    (m,) = find_units("中共济南市市中区委组织部召开会议。")
    assert m.attrs["zg"] is True


def test_find_units_department_under_government_is_via_gov() -> None:
    (m,) = find_units("区政府金融办公室负责。")
    assert (m.attrs["kind"], m.attrs["dept"], m.attrs["via_gov"]) == ("gov_dept", "金融办公室", True)


@pytest.mark.parametrize("text", ["社区委员会换届。", "小区委员会成立。", "社区委员会主任。"])
def test_find_units_community_committee_is_no_party_committee(text: str) -> None:
    assert not any(m.attrs["kind"].startswith("party") for m in find_units(text))


@pytest.mark.parametrize(
    ("text", "region"),
    [("市委常委、组织部部长陈立群带队赴常山县调研。", "市"),
     ("县委副书记、组织部部长出席。", "县"),
     ("区委常委、宣传部部长讲话。", "区")],
)
def test_find_units_bare_department_in_a_title_chain_is_that_committees(
        text: str, region: str) -> None:
    dept = [m for m in find_units(text) if m.attrs["kind"] == "party_dept"]
    assert [(m.text, m.attrs["region"]) for m in dept] == [(dept[0].text, region)]


def test_find_units_bare_department_not_in_a_chain_keeps_no_region() -> None:
    dept = [m for m in find_units("市委召开会议。组织部部长出席。") if m.attrs["kind"] == "party_dept"]
    assert [m.attrs["region"] for m in dept] == [""]


@pytest.mark.parametrize(
    ("text", "dept"),
    [("株洲市人民政府办公室印发。", "人民政府办公室"),
     ("湖南省人民政府办公厅转发。", "人民政府办公厅"),
     ("市政府办公室牵头。", "人民政府办公室")],
)
def test_find_units_a_governments_office_is_a_department_not_the_government(
        text: str, dept: str) -> None:
    (unit,) = find_units(text)
    assert (unit.attrs["kind"], unit.attrs["dept"]) == ("gov_dept", dept)


def test_find_units_a_party_committees_general_office() -> None:
    (unit,) = find_units("中共湖南省委办公厅印发。")
    assert (unit.attrs["kind"], unit.attrs["dept"], unit.attrs["region"]) == (
        "party_dept", "办公厅", "湖南省")


def test_find_units_bare_government_after_committee_is_the_same_place() -> None:
    found = list(find_units("旗委、政府高度重视。"))
    assert [(m.text, m.attrs["kind"], m.attrs["region"]) for m in found] == [
        ("旗委", "party", "旗"), ("政府", "gov", "旗")]


# ----------------------------------------------------------------------------- find_persons
@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("市委组织部王建国副部长出席。", "王建国", "副部长"),  # unit, name, title
        ("组织部部长王建国说,", "王建国", "部长"),  # title, name, verb of saying
        ("区人社局局长李明表示,", "李明", "局长"),
        # a verb of doing or a preposition after the name
        ("领导小组组长曹立明主持会议。", "曹立明", "组长"),
        ("县长赵宏伟出席活动。", "赵宏伟", "县长"),
        ("组织部部长陈立群带队赴常山县调研。", "陈立群", "部长"),
        ("副部长李慧敏为入选人才颁发证书。", "李慧敏", "副部长"),
        ("县长王强在会上作动员讲话。", "王强", "县长"),
        # a list, 等, 作 after the name
        ("副校长田思齐等参加活动。", "田思齐", "副校长"),
        ("县长王建国作工作报告。", "王建国", "县长"),
        ("区人社局局长高雪梅、区科技局有关负责同志参加。", "高雪梅", "局长"),
        ("部长陆嘉颖解读《若干措施》。", "陆嘉颖", "部长"),
        ("县科学技术局负责人李志坚表示,", "李志坚", "负责人"),
        ("前方指挥部副总指挥陈立群出席会议。", "陈立群", "副总指挥"),
        # professional titles, before the name
        ("公司总工程师林向东等10人获评。", "林向东", "总工程师"),
        ("主任医师苏晓雯介绍,", "苏晓雯", "主任医师"),
        ("公司研发工程师林博文博士说,", "林博文", "工程师"),
        # 代表, 到 after the name: a verb of speaking for, of going
        ("研究院院长周立新代表合作高校致辞。", "周立新", "院长"),
        ("组织部部长高建军到园区调研。", "高建军", "部长"),
        # a farm expert's title; 正在/正带 after the name
        ("县农业农村局高级农艺师刘建业正带着学员剪枝。", "刘建业", "高级农艺师"),
        ("农科院副研究员李明华介绍,", "李明华", "副研究员"),
        # a reply's addressee on its own line, and the contact under the letter
        ("王小红代表:\n您提出的建议收悉。", "王小红", "代表"),
        ("联系人:韦志明,电话:0776-2822000", "韦志明", "联系人"),
        ("(联系人:艾力·买买提,电话:0902-2236015)", "艾力·买买提", "联系人"),
        # a post and a name alone closing a line, apart by a space (a report's speaker)
        ("政府工作报告\n临泉县人民政府县长 郭志刚\n各位代表:", "郭志刚", "县长"),
    ],
)
def test_find_persons_name_next_to_a_title(text: str, name: str, title: str) -> None:
    found = list(find_persons(text))
    assert [(m.label, m.name, m.attrs["title"]) for m in found] == [(Label.PERSON, name, title)]
    assert text[found[0].start:found[0].end] == name


@pytest.mark.parametrize("text", ["市委组织部副部长说,", "部长指出,", "局长表示,", "部长在会上说,",
                                  "部长对此表示肯定。", "局长期在基层工作。", "部长主持会议。",
                                  "由县委组织部部长任组长,", "局长兼组长、",
                                  "突出部门主要负责人抓人才工作第一责任。",
                                  "建设人才公寓及教师周转房,", "引进教授3名、研究员5名。",
                                  "部长到会。", "引进高级工程师到企业。",
                                  "选派高级农艺师到村指导。", "请各位代表:\n认真审议。"])
def test_find_persons_title_alone_is_no_person(text: str) -> None:
    assert list(find_persons(text)) == []


@pytest.mark.parametrize("text", ["部长强调,", "市委组织部副部长强调,", "主任强调指出,"])
def test_find_persons_verb_of_saying_is_no_name(text: str) -> None:
    assert list(find_persons(text)) == []


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("充实到乡镇和县直重点部门。", []),  # 和 + 县直, not 和县
        ("依托科技园区和田阳区实训基地。", ["田阳区"]),  # not 和田, which hid 田阳区
        ("县人社局会同县总工会开展培训。", []),  # 会同 + 县总工会, not 会同县
        ("安徽省和县建成人才公寓。", ["安徽省", "和县"]),  # after a region: the county
        ("和县建成人才公寓。", ["和县"]),  # opening the text
        ("湖南省会同县开展活动。", ["湖南省", "会同县"]),
    ],
)
def test_find_regions_function_word_glued_to_a_name_is_not_a_region(
        text: str, regions: list[str]) -> None:
    assert [m.text for m in find_regions(text)] == regions


def test_find_units_function_word_glued_to_a_region_is_not_its_unit() -> None:
    assert [m.text for m in find_units("区人社局会同县总工会开展培训。")] == ["区人社局"]
    assert [m.text for m in find_units("湖南省会同县总工会开展活动。")] == ["湖南省会同县总工会"]


def test_find_persons_a_list_of_names_after_one_title() -> None:
    found = [(m.name, m.attrs["title"]) for m in find_persons("副市长王德胜、李佳音出席会议。")]
    assert found == [("王德胜", "副市长"), ("李佳音", "副市长")]
    # a title after the 、 is the next person's, not a name
    assert [m.name for m in find_persons("局长高雪梅、组织部部长出席。")] == ["高雪梅"]


@pytest.mark.parametrize(("text", "dept"), [
    ("长春新区北湖科技开发区管理委员会举办招聘会。", "长春新区北湖科技开发区管理委员会"),
    # not from 区政府和…; named in the zone's full form (吉林 stays: 中部 is no place)
    ("区政府和吉林中部高新区管委会签约。", "吉林中部高新技术产业开发区管理委员会"),
])
def test_find_units_a_development_zones_committee(text: str, dept: str) -> None:
    zones = [m for m in find_units(text) if m.attrs["kind"] == "zone"]
    assert [m.attrs["dept"] for m in zones] == [dept]


def test_find_units_a_bare_zone_committee_names_no_zone() -> None:
    assert not [m for m in find_units("高新区管委会出台人才政策。") if m.attrs["kind"] == "zone"]


@pytest.mark.parametrize(("text", "dept"), [
    ("区经济信息委参加。", "经济和信息化委员会"), ("市教委印发通知。", "教育委员会"),
    ("市人才局牵头。", "人才发展局"), ("市卫生健康委牵头。", "卫生健康委员会"),
    # newer bureaus of business environment and e-government, a county's reform bureau
    ("市营商局配合。", "营商环境建设局"), ("县发改局牵头。", "发展和改革局"),
    ("临泉县政务服务和数字化建设管理局负责。", "政务服务和数字化建设管理局")])
def test_find_units_committees_and_bureaus_by_their_short_names(text: str, dept: str) -> None:
    assert [m.attrs["dept"] for m in find_units(text)] == [dept]


def test_find_units_a_zones_committee_joined_to_a_unit_and_a_new_towns() -> None:
    text = "九江市人社局联合九江高新技术产业开发区管委会开展培训。九江新城管委会等单位作交流发言。"
    assert [(m.text, m.attrs["kind"]) for m in find_units(text)] == [
        ("九江市人社局", "gov_dept"), ("九江高新技术产业开发区管委会", "zone"),
        ("九江新城管委会", "zone")]


@pytest.mark.parametrize(("text", "units"), [
    ("昌吉回族自治州人民政府网 首页 > 新闻中心", []),  # a website's name
    ("九江市人民政府门户网站", []),
    ("县人社局网络招聘会持续举办。", ["县人社局"]),  # 网络 is no website
])
def test_find_units_a_websites_name_is_no_organ(text: str, units: list[str]) -> None:
    assert [m.text for m in find_units(text)] == units


@pytest.mark.parametrize(("text", "regions"), [
    ("我们建成县级人才驿站20个。", []),  # 成县 inside 建成 + 县级
    ("推动珠江西岸先进装备制造产业带发展。", []),  # 江西 inside 珠江 + 西岸
    ("甘肃省成县建成人才驿站。", ["甘肃省", "成县"]),  # the county itself stays
    ("与江西合作共建。", ["江西"]),
])
def test_find_regions_a_short_name_glued_into_other_words_is_none(
        text: str, regions: list[str]) -> None:
    assert [m.text for m in find_regions(text)] == regions


@pytest.mark.parametrize(("text", "unit", "section"), [
    ("市人力资源社会保障局人才开发处负责。", "市人力资源社会保障局人才开发处", "人才开发处"),
    ("市人社局依法处理。", "市人社局", ""),  # 处理 is a verb
    ("县人社局人才交流处长王明出席。", "县人社局", ""),  # 处长 is a title
])
def test_find_units_a_division_of_a_department(text: str, unit: str, section: str) -> None:
    (m,) = find_units(text)
    assert (m.text, m.attrs["section"]) == (unit, section)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the finance bureau named by its budget, doing something
        ("区财政每年安排不少于500万元。", [("区财政", "区", "财政局")]),
        ("由县财政每人每年给予3000元补贴。", [("县财政", "县", "财政局")]),
        # ...not the budget or revenue itself
        ("活动经费纳入市、区财政预算。", []),
        ("与地区财政收入不匹配。", []),
    ],
)
def test_find_units_finance_by_its_budget(text: str, found: list[tuple[str, str, str]]) -> None:
    assert [(m.text, m.attrs["region"], m.attrs["dept"]) for m in find_units(text)] == found


def test_find_units_a_party_committees_talent_development_bureau() -> None:
    # Hainan's party committees run talent work through a 人才发展局
    found = [(m.text, m.attrs["kind"], m.attrs["dept"]) for m in find_units("来源:中共三亚市委人才发展局 ")]
    assert found == [("中共三亚市委人才发展局", "party_dept", "人才发展局")]


@pytest.mark.parametrize(("text", "regions"), [
    ("深入实施人才兴县战略,建设科教兴县示范点", []),
    ("入选山东省首批县域人才集聚示范县", ["山东省"]),
    ("纳入各乡镇(街道)和县直部门年度目标考核", []),
    ("2023年完成县域人才普查", []),
    # the counties themselves, after a region or a preposition
    ("山西省兴县人民政府", ["山西省", "兴县"]),
    ("在兴县建设人才驿站,支持范县企业引才", ["兴县", "范县"]),
    ("陕西省富县", ["陕西省", "富县"]),
])
def test_find_regions_a_two_character_county_glued_into_a_word_is_no_region(
        text: str, regions: list[str]) -> None:
    assert [m.text for m in find_regions(text)] == regions
