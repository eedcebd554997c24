"""Resolve stage (ingest/resolve): `Extraction -> GraphPatch`, end to end on a tiny source."""
from __future__ import annotations

import pytest

from ingest.decode import decode
from ingest.extract import Extractor
from ingest.normalise import normalise
from ingest.resolve import Resolver
from ingest.split import split
from ingest.types import RawFile, Source
from schema.ids import make_id
from schema.labels import Label, RelType
from schema.model import GraphPatch, Node

#: an invented news page about 市中区; the line naming the city says which 市中区 it is
NEWS = """市中区举办“春风”人才招聘会
发布时间:2023-04-12
近日,市中区开展“春风”行动,服务青年人才就业。
活动吸引了{city}及周边地区的求职者。
区人社局负责同志介绍,“春风行动”已连续举办三年。
下一步,市中区将建设人才公寓。
"""

def build(text: str, path: str = "news.txt") -> tuple[Source, GraphPatch]:
    """RawFile → decode → normalise → split → extract → resolve, with fresh stages."""
    raw = RawFile.from_bytes(path, text.encode("utf-8"))
    (source,) = split(normalise(decode(raw)))
    return source, Resolver().run(Extractor().run(source))


def run_pipeline(text: str, path: str) -> GraphPatch:
    """The whole pipeline on one file (which may split into several sources)."""
    from ingest.pipeline import Pipeline

    patch, report = Pipeline().run(RawFile.from_bytes(path, text.encode("utf-8")))
    assert report.error is None
    return patch


@pytest.fixture(scope="module")
def jinan() -> tuple[Source, GraphPatch]:
    return build(NEWS.format(city="济南"))


def nodes_of(patch: GraphPatch, label: Label) -> list[Node]:
    return [n for n in patch.nodes.values() if n.label is label]


def region(patch: GraphPatch, name: str) -> Node:
    (node,) = [n for n in nodes_of(patch, Label.REGION) if n.name == name]
    return node


def edge_names(patch: GraphPatch, rel: RelType) -> set[tuple[str, str]]:
    return {(patch.nodes[e.source].name, patch.nodes[e.target].name)
            for e in patch.edges.values() if e.type is rel}


# ----------------------------------------------------------------------------- regions
@pytest.mark.parametrize(
    ("city", "path", "city_name"),
    [
        ("济南", "山东省/济南市/市中区", "济南市"),
        ("枣庄", "山东省/枣庄市/市中区", "枣庄市"),
    ],
)
def test_resolver_shared_county_name_resolves_by_the_city_mentioned(
    city: str, path: str, city_name: str
) -> None:
    _, patch = build(NEWS.format(city=city))
    node = region(patch, "市中区")
    assert node.properties["path"] == path
    assert node.id == make_id(Label.REGION, path)
    assert ("市中区", city_name) in edge_names(patch, RelType.PART_OF)


def test_resolver_region_chain_is_part_of_up_to_the_province(jinan: tuple[Source, GraphPatch]) -> None:
    _, patch = jinan
    assert {("市中区", "济南市"), ("济南市", "山东省")} <= edge_names(patch, RelType.PART_OF)
    assert region(patch, "济南市").properties["level"] == "city"
    assert "济南" in region(patch, "济南市").aliases


def test_resolver_source_jurisdiction_is_the_county(jinan: tuple[Source, GraphPatch]) -> None:
    source, patch = jinan
    assert patch.nodes[source.id].properties["jurisdiction"] == "山东省/济南市/市中区"


def test_resolver_deictic_unit_is_qualified_by_the_jurisdiction(jinan: tuple[Source, GraphPatch]) -> None:
    _, patch = jinan
    (unit,) = nodes_of(patch, Label.GOV_UNIT)
    assert unit.name == "济南市市中区人力资源和社会保障局"
    assert "区人社局" in unit.aliases
    assert (unit.name, "市中区") in edge_names(patch, RelType.LOCATED_IN)


# ------------------------------------------------------------------------------ programs
def test_resolver_program_quoted_in_two_forms_is_one_node(jinan: tuple[Source, GraphPatch]) -> None:
    _, patch = jinan
    spring = {n.name: n for n in nodes_of(patch, Label.PROGRAM) if "春风" in n.name}
    # the action in both its forms is one node; the job fair it holds is one of its own
    assert set(spring) == {"春风行动", "春风人才招聘会"}
    node = spring["春风行动"]
    assert "春风" in node.aliases and "春风" not in spring["春风人才招聘会"].aliases
    assert len(node.evidence) == 2  # both sentences


# ------------------------------------------------------------------------------------ ids
def test_resolver_ids_are_deterministic(jinan: tuple[Source, GraphPatch]) -> None:
    _, first = jinan
    _, second = build(NEWS.format(city="济南"))
    assert set(second.nodes) == set(first.nodes)
    assert set(second.edges) == set(first.edges)
    assert {i: n.name for i, n in second.nodes.items()} == {i: n.name for i, n in first.nodes.items()}


def test_resolver_source_node_id_is_the_source_id(jinan: tuple[Source, GraphPatch]) -> None:
    source, patch = jinan
    (node,) = nodes_of(patch, Label.SOURCE)
    assert node.id == source.id
    assert node.name == "市中区举办“春风”人才招聘会"


# ------------------------------------------------------------------------------- evidence
def test_resolver_every_node_has_evidence_from_the_source(jinan: tuple[Source, GraphPatch]) -> None:
    source, patch = jinan
    for node in patch.nodes.values():
        if node.label is Label.SOURCE:
            continue
        assert node.evidence, node.name
        for ev in node.evidence:
            assert ev.source == source.id
            assert ev.sentence and ev.sentence in source.text
            assert 0 <= ev.start <= ev.end <= len(source.text)


def test_resolver_mention_evidence_sentence_contains_the_mention(jinan: tuple[Source, GraphPatch]) -> None:
    source, patch = jinan
    (unit,) = nodes_of(patch, Label.GOV_UNIT)
    (ev,) = unit.evidence
    assert source.text[ev.start:ev.end] == "区人社局"
    assert ev.sentence == "区人社局负责同志介绍,“春风行动”已连续举办三年。"


def test_resolver_source_mentions_every_node(jinan: tuple[Source, GraphPatch]) -> None:
    source, patch = jinan
    mentioned = {e.target for e in patch.edges.values()
                 if e.type is RelType.MENTIONS and e.source == source.id}
    others = {i for i, n in patch.nodes.items() if n.label is not Label.SOURCE}
    assert mentioned == others


def test_resolver_every_edge_has_evidence(jinan: tuple[Source, GraphPatch]) -> None:
    source, patch = jinan
    for edge in patch.edges.values():
        assert edge.evidence, edge.key
        assert all(ev.source == source.id for ev in edge.evidence)


# ---------------------------------------------------------------------------- platforms
def test_resolver_place_before_a_generic_kind_is_the_node_region_not_its_name() -> None:
    _, patch = build("青岛市人才工作动态\n发布时间:2023-04-12\n"
                     "近日,青岛市新建青岛市人才驿站12个,青岛高新区新增院士工作站3家。\n")
    platforms = {(n.name, n.properties.get("region")) for n in nodes_of(patch, Label.PLATFORM)}
    assert ("人才驿站", "青岛市") in platforms  # a standalone kind: one node per region
    # any other kind: the place is in the name (a zone's, in its full form)
    assert ("青岛高新技术产业开发区", "青岛市") in platforms


def test_resolver_doc_number_on_its_own_line_below_a_long_head_is_the_documents_own() -> None:
    text = ("中共某某市某某区委组织部 某某市某某区农业农村局\n"
            "关于开展2024年度乡村振兴“田秀才”“土专家”评选认定工作的通知\n阳组通〔2024〕9号\n"
            "各乡镇党委:\n为加快乡村人才振兴,根据《关于加快推进乡村人才振兴的意见》,现就评选认定工作通知如下。\n"
            "一、评选对象为扎根农村的乡土人才。\n")
    patch = run_pipeline(text, "notice.txt")
    docs = [n for n in patch.nodes.values() if n.label is Label.POLICY_DOCUMENT]
    main = next(n for n in docs if n.name.startswith("关于开展2024年度"))
    assert main.properties["doc_number"] == "阳组通〔2024〕9号"
    assert "阳组通〔2024〕9号" not in {n.name for n in docs}  # not a second document it cites


def test_resolver_a_place_inside_a_visiting_organisations_name_is_not_the_jurisdiction() -> None:
    # the news names no place of its own: the university's campus city must not become
    # the city whose 市人社局 this is
    source, patch = build("校地合作签约仪式举行\n发布时间:2023-05-12\n"
                          "5月10日,市人社局与清华大学深圳国际研究生院签订人才合作协议。\n")
    assert patch.nodes[source.id].properties.get("jurisdiction") is None
    assert not any("深圳" in n.name for n in nodes_of(patch, Label.GOV_UNIT))
    # ...while the place in a unit's own name still is
    source, patch = build("校地合作签约仪式举行\n发布时间:2023-05-12\n"
                          "5月10日,宜昌市人社局与清华大学深圳国际研究生院签订人才合作协议。\n")
    assert patch.nodes[source.id].properties["jurisdiction"].endswith("宜昌市")


def test_resolver_a_county_level_citys_own_shi_is_itself_not_its_prefecture() -> None:
    _, patch = build("江山市建设人才飞地\n发布时间:2023-05-12\n"
                     "江山市坚持柔性引才。市政府与浙江工业大学签订战略合作协议。\n")
    units = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    assert "江山市人民政府" in units
    assert "衢州市人民政府" not in units


def test_resolver_a_ranked_generic_platform_is_the_generic_kind_of_its_region() -> None:
    _, patch = build("湘潭市人才工作动态\n发布时间:2023-04-12\n"
                     "湘潭市今年新建国家级技能大师工作室2个,另建成省级技能大师工作室10个。\n")
    platforms = {(n.name, n.properties.get("region")) for n in nodes_of(patch, Label.PLATFORM)}
    assert platforms == {("技能大师工作室", "湘潭市")}


def test_resolver_located_in_only_where_the_name_or_its_clause_says() -> None:
    _, patch = build("某市人才工作动态\n发布时间:2023-04-12\n"
                     "湘潭市先后在北京、深圳设立驻外人才工作站,组建湖南精工技术研究院等新型研发机构,"
                     "新增国家级技能大师工作室4个。湘潭市人才发展集团揭牌。\n")
    located = edge_names(patch, RelType.LOCATED_IN)
    assert {("驻外人才工作站", "北京市"), ("驻外人才工作站", "深圳市")} <= located
    assert ("湘潭市人才发展集团", "湘潭市") in located  # a city's name before it
    # a province's name is scope, not place; a platform after the clause is not in 北京
    assert not any(site in ("湖南省", "北京市", "深圳市") for name, site in located
                   if name not in ("驻外人才工作站",))


def test_resolver_members_of_a_governments_head_and_of_a_chain_of_posts() -> None:
    _, patch = build("湄潭县人才工作会议召开\n发布时间:2023-04-12\n"
                     "钟山区副区长蒋红英出席。县委副书记、县长刘晓梅主持会议,"
                     "县委常委、组织部部长陈海涛通报情况。要建立城市长效机制。\n")
    members = edge_names(patch, RelType.MEMBER_OF)
    assert members == {("蒋红英", "钟山区人民政府"),
                       ("刘晓梅", "中共湄潭县委员会"), ("刘晓梅", "湄潭县人民政府"),
                       ("陈海涛", "中共湄潭县委员会"), ("陈海涛", "中共湄潭县委组织部")}
    # a title is no name of the unit, and 城市长效机制 holds no 市长
    government = next(n for n in nodes_of(patch, Label.GOV_UNIT) if n.name == "湄潭县人民政府")
    assert not {"县长", "副区长"} & government.aliases
    assert {n.name for n in nodes_of(patch, Label.PERSON)} == {"蒋红英", "刘晓梅", "陈海涛"}


def test_resolver_units_that_run_a_program_or_build_a_platform() -> None:
    _, patch = build("九江市开展就业见习\n发布时间:2023-04-12\n"
                     "九江市人力资源和社会保障局联合共青团九江市委开展“青春留浔”就业见习活动。"
                     "市科技局在高新区建设人才驿站。市财政局牵头,开展“赣鄱英才”计划申报。"
                     "市教育局制定了《关于推进“名师”工程的意见》。\n")
    runs = edge_names(patch, RelType.RUNS)
    assert {("九江市人力资源和社会保障局", "青春留浔就业见习活动"),
            ("共青团九江市委员会", "青春留浔就业见习活动"),  # the Youth League's, not the party's
            ("九江市", "青春留浔就业见习活动")} <= runs
    assert ("九江市科学技术局", "人才驿站") in edge_names(patch, RelType.BUILDS)
    # a unit that builds a platform with a partner (共建): it is a builder too
    _, patch = build("工作动态\n由吴兴区人民政府与湖州师范学院共建吴兴茶产业研究院。\n")
    assert ("吴兴区人民政府", "吴兴茶产业研究院") in edge_names(patch, RelType.BUILDS)
    # not across a comma, nor a program named inside a document's title
    assert not any(unit in ("九江市财政局", "九江市教育局") for unit, _ in runs)
    assert "中共九江市委员会" not in {n.name for n in nodes_of(patch, Label.GOV_UNIT)}


def test_resolver_a_cited_plan_titled_as_a_program_is_one_document() -> None:
    _, patch = build("某县乡村人才振兴实施方案\n发布时间:2023-04-12\n"
                     "根据《长治市乡村人才振兴五年行动计划》(长办发〔2021〕27号),结合我县实际,制定本方案。\n")
    assert "长治市乡村人才振兴五年行动计划" in {n.name for n in nodes_of(patch, Label.POLICY_DOCUMENT)}
    assert nodes_of(patch, Label.PROGRAM) == []
    assert edge_names(patch, RelType.ESTABLISHES) == set()


@pytest.mark.parametrize(
    ("line", "pair"),
    [("钟山区人民政府与黔中工业大学签署战略合作协议。", ("钟山区人民政府", "黔中工业大学")),
     ("钟山区人民政府和黔中工业大学签署战略合作协议。", ("钟山区人民政府", "黔中工业大学")),
     ("钟山区人社局携手黔中工业大学共建人才基地。", ("钟山区人力资源和社会保障局", "黔中工业大学")),
     ("钟山区人社局联合黔中工业大学共建实验室。", ("钟山区人力资源和社会保障局", "黔中工业大学"))],
)
def test_resolver_cooperation_joined_by_yu_he_xieshou_lianhe(
        line: str, pair: tuple[str, str]) -> None:
    _, patch = build(f"钟山区校地合作签约\n发布时间:2023-04-12\n{line}\n")
    assert edge_names(patch, RelType.COOPERATES_WITH) == {pair}


def test_resolver_he_between_other_words_joins_no_partners() -> None:
    _, patch = build("钟山区校地合作签约\n发布时间:2023-04-12\n"
                     "钟山区人民政府加强政策和黔中工业大学人才培养的对接。\n")
    assert edge_names(patch, RelType.COOPERATES_WITH) == set()


def test_resolver_every_unit_before_the_last_verb_of_issuing_issued_it() -> None:
    _, patch = build("钟山区人才工作动态\n发布时间:2023-04-12\n"
                     "区委组织部联合区人社局、区科技局制定了《关于落实推进引才工程的意见》,分三个层次推进。\n")
    issued = {unit for unit, _ in edge_names(patch, RelType.ISSUED)}
    # (the 区 after 联合 is this district's too)
    assert issued == {"中共钟山区委组织部", "钟山区人力资源和社会保障局", "钟山区科学技术局"}


def test_resolver_a_public_information_page_gives_one_document_with_its_number_and_issuer() -> None:
    from tests.ingest.test_split import GOV_PAGE

    _, patch = build(GOV_PAGE)
    docs = {n.name: n for n in nodes_of(patch, Label.POLICY_DOCUMENT)}
    main = docs["七台河市十四五人才发展规划"]  # without the (节选) note
    assert main.properties["doc_number"] == "七政发〔2022〕9号"
    assert edge_names(patch, RelType.ISSUED) == {("七台河市人民政府", "七台河市十四五人才发展规划")}
    assert edge_names(patch, RelType.CITES) == {("七台河市十四五人才发展规划", "黑龙江省十四五人才发展规划")}


def test_resolver_issuers_named_at_the_head_of_a_cited_title_issued_it() -> None:
    _, patch = build("常德市人才工作动态\n发布时间:2023-04-12\n"
                     "常德市认真贯彻落实《中共湖南省委办公厅 湖南省人民政府办公厅关于加强高技能人才队伍建设的"
                     "实施意见》(湘办发〔2022〕28号),推进技能人才队伍建设。\n")
    assert {unit for unit, _ in edge_names(patch, RelType.ISSUED)} == {
        "中共湖南省委办公厅", "湖南省人民政府办公厅"}


def test_resolver_a_signature_section_with_a_long_name_is_part_of_its_unit() -> None:
    _, patch = build("长治市人才工作动态\n发布时间:2023-04-12\n"
                     "今年以来,长治市人社局开展职业技能培训3000人次。\n(市人社局职业能力建设科 供稿)\n")
    assert ("长治市人力资源和社会保障局职业能力建设科", "长治市人力资源和社会保障局") in \
        edge_names(patch, RelType.PART_OF)


def test_resolver_a_signed_organ_named_with_its_county_is_no_section_of_the_publisher() -> None:
    _, patch = build("临泉县人才扎根田间\n来源:临泉县委组织部  发布时间:2023-09-14 10:21\n"
                     "今年以来,临泉县深入实施“泉乡英才”培育工程,认定乡土人才120名。\n"
                     "(文/图 临泉县融媒体中心 黄晓兰 曾志远)\n")
    units = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    assert "临泉县融媒体中心" in units and not any(u.endswith("组织部临泉县融媒体中心") for u in units)
    assert ("黄晓兰", "临泉县融媒体中心") in edge_names(patch, RelType.MEMBER_OF)
    assert ("临泉县融媒体中心", "临泉县") in edge_names(patch, RelType.LOCATED_IN)


def test_resolver_a_short_back_reference_to_a_title_is_the_same_document() -> None:
    _, patch = build("吴忠市人才工作动态\n发布时间:2023-04-12\n"
                     "吴忠市印发《吴忠市高层次人才引进实施办法》。根据《实施办法》,对引进人才给予补贴。\n")
    (doc,) = nodes_of(patch, Label.POLICY_DOCUMENT)
    assert doc.name == "吴忠市高层次人才引进实施办法" and "实施办法" in doc.aliases


def test_resolver_a_government_office_has_no_doubled_government_alias() -> None:
    from ingest.gazetteer import get_gazetteer
    from ingest.resolve.units import gov_department

    gaz = get_gazetteer()
    office = gov_department(gaz, gaz.lookup("吴忠市")[0], "人民政府办公室", True)
    assert "吴忠市政府办" in office.aliases
    assert not any("人民政府人民政府" in a or "政府人民政府" in a for a in office.aliases)


def test_resolver_organisations_before_the_yu_cooperate_with_the_place_after_it() -> None:
    _, patch = build("嘉定区校地合作\n发布时间:2023-04-12\n"
                     "同济大学、上海大学分别与嘉定区签署战略合作协议。\n")
    assert edge_names(patch, RelType.COOPERATES_WITH) == {("嘉定区", "同济大学"),
                                                          ("嘉定区", "上海大学")}


def test_resolver_indicator_rows_of_a_table_name_platforms_and_groups_they_count() -> None:
    # a verb of adding and a level before a platform kind are not its name; a count of a
    # known talent group measures that group
    _, patch = build("湘潭市2022年度人才工作主要指标完成情况\n发布时间:2023-01-12\n"
                     "序号 |\n指标名称 |\n单位 |\n2022年目标 |\n2022年完成 |\n"
                     "1 |\n新认定市级以上博士后科研工作站 |\n家 |\n4 |\n5 |\n"
                     "2 |\n高层次人才数量 |\n人 |\n300 |\n320 |\n"
                     "3 |\n新增高技能人才 |\n人 |\n1500 |\n1620 |\n")
    assert {n.name for n in nodes_of(patch, Label.PLATFORM)} == {"博士后科研工作站"}
    assert {("高层次人才数量", "高层次人才"), ("新增高技能人才", "高技能人才")} <= edge_names(
        patch, RelType.MEASURES)  # a count and a flow of a group


def test_resolver_units_that_lead_a_program_and_those_that_run_it_with_them() -> None:
    # `由A牵头,B、C共同实施`: the program the sentence is about, or the one of the item
    # heading before a sentence that opens with 由; `配合` only assists
    _, patch = build("九江市人才工作要点\n发布时间:2023-04-12\n"
                     "(一)实施“浔城工匠”培育工程。由市人社局牵头,市财政局配合,每年培训技能人才。\n"
                     "“赣鄱英才”柔性引才行动是一项重要举措,由市委人才办牵头,市科技局、市教育局"
                     "共同实施,面向重点产业引才。\n"
                     "市工信局召开会议。由市商务局牵头的招商活动同步开展。\n")
    runs = edge_names(patch, RelType.RUNS)
    assert {("九江市人力资源和社会保障局", "浔城工匠培育工程"),
            ("中共九江市委人才工作领导小组办公室", "赣鄱英才柔性引才行动"),
            ("九江市科学技术局", "赣鄱英才柔性引才行动"),
            ("九江市教育局", "赣鄱英才柔性引才行动")} <= runs
    assert not any(unit in ("九江市财政局", "九江市商务局") for unit, _ in runs)


def test_resolver_parts_of_a_program_in_a_box_one_item_a_line_and_after_a_count() -> None:
    _, patch = build("九江市人才发展规划\n发布时间:2023-04-12\n"
                     "专栏2 “浔城英才”计划\n"
                     "1.领军人才集聚工程:面向新材料产业,引进培育30名左右科技领军人才。\n"
                     "2.“浔才回引”行动:常态化开展人才回引,每年回引高校毕业生2000名以上。\n"
                     "(二)搭建平台。推动高新区创建人才发展示范区。\n"
                     "2023年将重点实施“庐山英才”计划三大工程,即顶尖人才攻坚工程、青年人才筑巢工程和"
                     "人才服务优化工程。\n")
    parts = edge_names(patch, RelType.PART_OF)
    assert {("领军人才集聚工程", "浔城英才计划"), ("浔才回引行动", "浔城英才计划"),
            ("顶尖人才攻坚工程", "庐山英才计划"), ("青年人才筑巢工程", "庐山英才计划"),
            ("人才服务优化工程", "庐山英才计划")} <= parts
    assert ("领军人才集聚工程", "科技领军人才") in edge_names(patch, RelType.TARGETS)
    assert not any(whole == "浔城英才计划" and part not in ("领军人才集聚工程", "浔才回引行动")
                   for part, whole in parts)


def test_resolver_each_issuer_of_a_joint_document_issued_it() -> None:
    _, patch = build("中共湄潭县委 湄潭县人民政府\n关于全面推进乡村人才振兴的实施意见\n湄发〔2023〕6号\n"
                     "(2023年3月20日)\n\n各镇党委和人民政府:\n    为推进乡村人才振兴,提出如下意见。\n"
                     "一、目标任务\n到2025年,全县乡村人才总量达到3.5万人。\n")
    assert edge_names(patch, RelType.ISSUED) == {
        ("中共湄潭县委员会", "关于全面推进乡村人才振兴的实施意见"),
        ("湄潭县人民政府", "关于全面推进乡村人才振兴的实施意见")}


def test_resolver_a_platform_named_with_and_without_its_place_is_one_node() -> None:
    _, patch = build("韶关市人才工作简报\n发布时间:2023-04-12\n"
                     "仁化县与华南农业大学共建仁化县贡柑产业专家工作站。贡柑产业专家工作站已服务果农1800人。"
                     "韶关市新建人才驿站3个。\n")
    platforms = {n.name: n for n in nodes_of(patch, Label.PLATFORM)}
    assert "贡柑产业专家工作站" not in platforms
    assert "贡柑产业专家工作站" in platforms["仁化县贡柑产业专家工作站"].aliases
    assert "人才驿站" in platforms  # a generic kind keeps its own node


def test_resolver_a_lead_note_names_who_runs_its_items_program() -> None:
    # `(牵头单位:…)` closes an item: its units run that item's program, not the next one's
    _, patch = build("九江市人才发展规划\n发布时间:2023-04-12\n"
                     "(一)实施“浔城英才集聚工程”。面向海内外引进科技领军人才。(牵头单位:市委组织部、市科技局)\n"
                     "(二)实施“浔城工匠培育计划”。每年培训高技能人才1万人次。(牵头单位:市人社局)\n")
    runs = {pair for pair in edge_names(patch, RelType.RUNS) if pair[0] != "九江市"}
    assert runs == {("中共九江市委组织部", "浔城英才集聚工程"), ("九江市科学技术局", "浔城英才集聚工程"),
                    ("九江市人力资源和社会保障局", "浔城工匠培育计划")}


def test_resolver_an_interpretation_page_speaks_for_the_document_it_explains() -> None:
    text = ("某某县人民政府门户网站\n首页 > 政务公开 > 政策解读\n《某某县青年人才引育若干措施》政策解读\n"
            "发布日期:2024-03-02 来源:中共某某县委组织部\n"
            "近日,某某县人民政府办公室印发了《某某县青年人才引育若干措施》(某府办〔2024〕7号)。"
            "现就有关问题解读如下。\n一、出台的依据是什么?\n"
            "答:为贯彻落实《某某市人才发展“十四五”规划》,起草了本措施。\n"
            "二、主要内容有哪些?\n答:实施“春晖”引才工程,对新引进的博士研究生给予安家补贴。\n")
    source, patch = build(text, "jiedu.txt")
    assert (source.kind, source.title) == ("interpretation", "《某某县青年人才引育若干措施》政策解读")
    docs = {n.name: n for n in nodes_of(patch, Label.POLICY_DOCUMENT)}
    explained = docs["某某县青年人才引育若干措施"]
    assert explained.properties["doc_number"] == "某府办〔2024〕7号"
    assert len(docs) == 2  # the page is no document of its own
    assert edge_names(patch, RelType.CITES) == {
        ("某某县青年人才引育若干措施", "某某市人才发展十四五规划")}
    assert ("某某县青年人才引育若干措施", "春晖引才工程") in edge_names(patch, RelType.ESTABLISHES)
    # the page's source (an organisation department) explains it; it did not issue it
    assert ("中共某某县委组织部", "某某县青年人才引育若干措施") not in edge_names(patch, RelType.ISSUED)


def test_resolver_a_section_signing_in_its_own_units_bulletin_is_that_section() -> None:
    text = ("人才工作动态\n2023年第5期\n中共嘉峪关市委组织部人才科编          2023年6月18日\n"
            "嘉峪关市建成人才驿站\n今年以来,嘉峪关市建成人才驿站12个,服务人才3000余人次。\n(人才科 供稿)\n")
    patch = run_pipeline(text, "bulletin.txt")
    units = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    assert "中共嘉峪关市委组织部人才科" in units
    assert not any(u.endswith("人才科人才科") for u in units)


def test_resolver_a_district_unit_in_a_county_text_is_the_named_districts() -> None:
    text = ("吴兴区与临泉县开展人才交流\n发布时间:2024-03-02\n"
            "临泉县与吴兴区签署协议。临泉县将建设人才驿站,临泉县人社局牵头。"
            "区教育局将选派骨干教师20名到临泉县支教,县教育局做好对接。临泉县还将建设人才公寓。\n")
    patch = run_pipeline(text, "news.txt")
    units = {n.name for n in nodes_of(patch, Label.GOV_UNIT)}
    assert {"吴兴区教育局", "临泉县教育局"} <= units
    assert "临泉县区教育局" not in units


def test_resolver_a_joint_signature_pairs_each_writer_with_the_unit_before_them() -> None:
    text = ("吴兴区与临泉县签署人才交流合作协议\n发布时间:2024-03-02\n"
            "吴兴区与临泉县签署人才交流合作协议,双方将共建人才工作站。\n"
            "(吴兴区委组织部 陈晓燕 临泉县委组织部 马小军)\n")
    patch = run_pipeline(text, "news.txt")
    assert edge_names(patch, RelType.MEMBER_OF) == {("陈晓燕", "中共吴兴区委组织部"),
                                                     ("马小军", "中共临泉县委组织部")}


def test_resolver_a_program_named_only_in_a_cited_title_is_not_the_citing_documents() -> None:
    text = ("关于印发嘉峪关市人才工作若干措施的通知\n嘉政发〔2024〕3号\n各区人民政府:\n"
            "根据《关于实施新时代人才强市战略的意见》(嘉发〔2022〕6号),结合实际,制定本措施。\n"
            "一、实施“雄关英才”计划,每年引进高层次人才50名。\n")
    patch = run_pipeline(text, "notice.txt")
    # the strategy is the cited opinion's (its title names it), the plan this notice's own
    assert edge_names(patch, RelType.ESTABLISHES) == {
        ("关于印发嘉峪关市人才工作若干措施的通知", "雄关英才计划"),
        ("关于实施新时代人才强市战略的意见", "新时代人才强市战略")}


def test_resolver_a_report_establishes_no_program() -> None:
    text = ("嘉峪关市人力资源和社会保障局\n关于2023年度人才工作情况的总结\n市委人才工作领导小组:\n"
            "2023年,我局深入实施“雄关英才”计划,引进高层次人才50名,现将有关情况总结如下。\n"
            "一、主要成效\n全年举办“雄关人才节”1次。\n二、存在问题\n高层次人才总量偏少。\n"
            "三、下一步打算\n持续实施“雄关英才”计划。\n嘉峪关市人力资源和社会保障局\n2024年1月5日\n")
    patch = run_pipeline(text, "report.txt")
    assert {"雄关英才计划"} <= {n.name for n in nodes_of(patch, Label.PROGRAM)}
    assert edge_names(patch, RelType.ESTABLISHES) == set()


@pytest.mark.parametrize("title_lines", [
    "酒泉市2023年人才工作总结\n中共酒泉市委人才工作领导小组办公室\n",  # the issuer under it
    "酒泉市人力资源和社会保障局\n关于市五届人大二次会议第36号建议的答复\n",  # a reply
    "酒泉市人力资源和社会保障局\n关于市五届人大二次会议第36号建议答复的函\n",  # its letter
    "酒泉市2024年部分事业单位公开招聘高层次人才公告\n",  # a call for applicants
    "酒泉市人才政策汇编(2024版)\n",  # a compilation of others' documents
])
def test_resolver_a_summary_a_reply_a_call_or_a_compilation_establishes_no_program(title_lines: str) -> None:
    text = (title_lines + "酒人社函〔2024〕3号\n"
            "2023年,我市深入实施“飞天英才”计划,全年引进高层次人才50名、急需紧缺人才300名,"
            "人才工作取得新成效,现将有关情况报告如下。\n一、主要成效\n全年举办“飞天人才节”1次。\n")
    patch = run_pipeline(text, "report.txt")
    assert {"飞天英才计划"} <= {n.name for n in nodes_of(patch, Label.PROGRAM)}
    assert edge_names(patch, RelType.ESTABLISHES) == set()


def test_resolver_a_municipalitys_district_names_the_municipalitys_party_committee() -> None:
    text = ("綦江区召开人才工作会议\n发布时间:2024-01-05\n"
            "1月4日,綦江区召开人才工作会议。会议传达了市委人才办有关要求,部署2024年人才工作。\n")
    units = {n.name for n in nodes_of(run_pipeline(text, "news.txt"), Label.GOV_UNIT)}
    assert "中共重庆市委人才工作领导小组办公室" in units


def test_resolver_box_items_named_with_words_before_their_quoted_core() -> None:
    _, patch = build("九江市人才发展规划\n发布时间:2023-04-12\n"
                     "专栏2 “浔城英才”计划重点工程\n"
                     "1.领军人才集聚工程:引进培育30名左右科技领军人才。\n"
                     "2.青年人才“浔归”行动:面向高校毕业生,每年组织“学子家乡行”活动。\n"
                     "3.乡村人才“头雁”工程:培育乡村振兴带头人500名。\n"
                     "4.“名师”培养计划:每两年评选名师30名。\n")
    parts = edge_names(patch, RelType.PART_OF)
    assert {("领军人才集聚工程", "浔城英才计划"), ("浔归行动", "浔城英才计划"),
            ("头雁工程", "浔城英才计划"), ("名师培养计划", "浔城英才计划"),
            ("学子家乡行活动", "浔归行动")} <= parts
    assert {("浔归行动", "高校毕业生"), ("头雁工程", "乡村振兴带头人")} <= edge_names(
        patch, RelType.TARGETS)


def test_resolver_box_of_cells_one_a_line_items_and_their_texts() -> None:
    # a box table flattened one cell a line: a cell holding only a program's name is an
    # item, the cells after it its text (what the item targets); the box ends at its last cell
    _, patch = build("安康市人才振兴行动方案\n发布时间:2023-04-12\n"
                     "专栏2 “秦巴英才”引育计划\n"
                     "生物医药领军人才集聚工程 |\n"
                     "引进培育生物医药领域领军人才40名左右。 |\n"
                     "“秦巴名匠”培养工程 |\n"
                     "在富硒食品等行业遴选技能名匠200名。 |\n"
                     "“燕归秦巴”行动 |\n"
                     "面向在外高校毕业生建立联络档案,每年吸引800名以上青年人才返乡。 |\n"
                     "(二)建强平台。实施“秦巴工匠”工程:每年培训技能人才1000名。\n")
    parts = edge_names(patch, RelType.PART_OF)
    assert {("生物医药领军人才集聚工程", "秦巴英才引育计划"), ("秦巴名匠培养工程", "秦巴英才引育计划"),
            ("燕归秦巴行动", "秦巴英才引育计划")} <= parts
    assert not any(b == "秦巴英才引育计划" and a.startswith("秦巴工匠") for a, b in parts)
    assert {("燕归秦巴行动", "高校毕业生"), ("燕归秦巴行动", "青年人才")} <= edge_names(
        patch, RelType.TARGETS)


def test_resolver_parts_after_a_program_are_listed_after_xiashe() -> None:
    _, patch = build("汉中市人才工作要点\n发布时间:2023-04-12\n"
                     "实施“汉水聚才”工程,下设“顶尖人才领航”“产业英才集聚”“青年人才筑梦”三项计划,"
                     "对全职引进的顶尖人才团队给予资助。\n")
    parts = edge_names(patch, RelType.PART_OF)
    assert {(a, b) for a, b in parts if b == "汉水聚才工程"} == {
        ("顶尖人才领航", "汉水聚才工程"), ("产业英才集聚", "汉水聚才工程"),
        ("青年人才筑梦计划", "汉水聚才工程")}


def test_resolver_the_unit_opening_a_sentence_does_what_its_later_clauses_do() -> None:
    _, patch = build("河池市人才工作动态\n发布时间:2023-04-12\n"
                     "2023年,市卫生健康委员会实施“村医提升”工程,依托河池学院每年培训乡村医生500名,"
                     "并在南丹县、天峨县等11个县(市、区)建设乡村医生实训基地。"
                     "全市新增各类人才3000名,其中引进博士20名,全市人才工作取得新成效。\n")
    assert ("河池市卫生健康委员会", "乡村医生实训基地") in edge_names(patch, RelType.BUILDS)
    assert ("河池市卫生健康委员会", "村医提升工程") in edge_names(patch, RelType.RUNS)
    located = {b for a, b in edge_names(patch, RelType.LOCATED_IN) if a == "乡村医生实训基地"}
    assert {"南丹县", "天峨县"} <= located


def test_resolver_a_second_unit_in_the_sentence_ends_the_carried_subject() -> None:
    _, patch = build("河池市人才工作动态\n发布时间:2023-04-12\n"
                     "市教育局实施“银铃讲学”计划,市人力资源和社会保障局在宜州区设立技能大师工作室。\n")
    assert ("河池市教育局", "技能大师工作室") not in {
        (a, b[-7:]) for a, b in edge_names(patch, RelType.BUILDS)}
    assert not any(a == "河池市教育局" for a, _ in edge_names(patch, RelType.BUILDS))


def test_resolver_a_town_named_after_its_county_is_the_town() -> None:
    # 全州镇 is a town of 全州县, not 全州(县) + 镇: the station is in the towns, not the county
    _, patch = build("全州县人才工作动态\n发布时间:2023-04-12\n"
                     "全州县在全州镇、才湾镇等18个乡镇设立乡镇人才驿站,服务返乡青年。\n")
    located = {b for a, b in edge_names(patch, RelType.LOCATED_IN) if a.endswith("人才驿站")}
    assert located == {"全州镇", "才湾镇"}


def test_resolver_a_declared_short_name_is_the_cited_document() -> None:
    # the headline names the document by the short name the text declares for it
    patch = run_pipeline(
        "《绵阳市人才新政十条》出台——市委组织部负责同志介绍有关情况\n发布时间:2023-04-12\n"
        "近日,中共绵阳市委、绵阳市人民政府印发《关于实施“涪江聚才”工程加快建设科技城人才高地的若干措施》"
        "(绵委发〔2023〕5号,以下简称“人才新政十条”)。记者采访了市委组织部有关负责同志。\n", "qa.txt")
    docs = nodes_of(patch, Label.POLICY_DOCUMENT)
    assert [d.name for d in docs] == ["关于实施涪江聚才工程加快建设科技城人才高地的若干措施"]
    assert {"绵委发〔2023〕5号", "人才新政十条", "绵阳市人才新政十条"} <= docs[0].aliases


def test_resolver_box_items_flattened_into_one_line_end_with_a_full_stop() -> None:
    # a box whose cell held all its items: `A。说明 B。说明`; each named item is a part
    _, patch = build("南平市人才发展规划\n发布时间:2023-04-12\n"
                     "专栏4 “三项创新行动”重点任务\n"
                     "人才评价机制创新。推行“揭榜挂帅”制度,完善职称评审。 "
                     "人才激励机制创新。落实科研人员收入分配政策。 "
                     "人才流动机制创新。畅通人才跨区域流动渠道。 |\n")
    parts = edge_names(patch, RelType.PART_OF)
    assert {("人才评价机制创新", "三项创新行动"), ("人才激励机制创新", "三项创新行动"),
            ("人才流动机制创新", "三项创新行动")} <= parts
    assert ("揭榜挂帅制度", "人才评价机制创新") in parts


def test_resolver_a_full_stop_inside_a_box_line_opens_no_item() -> None:
    _, patch = build("南平市人才发展规划\n发布时间:2023-04-12\n"
                     "专栏4 “三项创新行动”重点任务\n"
                     "深入实施“武夷英才”计划。推行“揭榜挂帅”制度。\n")
    parts = edge_names(patch, RelType.PART_OF)
    assert not {p for p in parts if p[1] == "三项创新行动"}


def test_resolver_an_enumeration_closed_by_a_counted_program_makes_its_parts() -> None:
    _, patch = build("三明市人才工作综述\n发布时间:2023-04-12\n"
                     "三明市依托“沙溪英才”计划,重点实施“金融人才”集聚工程、教育人才“园丁”计划、"
                     "卫生人才“仁心”计划等三大人才工程,成效明显。\n")
    parts = edge_names(patch, RelType.PART_OF)
    umbrella = {a for a, b in parts if b == "三大人才工程"}
    assert umbrella == {"金融人才集聚工程", "园丁计划", "仁心计划"}


def test_resolver_a_counted_program_after_more_programs_than_it_counts_takes_none() -> None:
    _, patch = build("三明市人才工作综述\n发布时间:2023-04-12\n"
                     "全市实施“金融人才”集聚工程、“园丁”计划、“仁心”计划等两大人才工程。\n")
    assert not {p for p in edge_names(patch, RelType.PART_OF) if p[1] == "两大人才工程"}


def test_resolver_a_box_without_a_number_has_its_items() -> None:
    _, patch = build("青川县2024年人才工作要点\n发布时间:2024-02-12\n"
                     "专栏 “青川英才”计划子项目\n"
                     "(1)“青川领军”人才项目:每年遴选领军人才10名。\n"
                     "(2)“青川工匠”技能人才项目:每年培育技能人才100名。\n")
    parts = edge_names(patch, RelType.PART_OF)
    assert {("青川领军人才项目", "青川英才计划"), ("青川工匠技能人才项目", "青川英才计划")} <= parts


def test_resolver_a_numbered_document_named_again_without_its_number_is_one_node() -> None:
    _, patch = build("关于2023年度青川县拔尖人才拟认定人选的公示\n发布时间:2023-12-05\n"
                     "根据《青川县拔尖人才认定管理办法》(青人才发〔2022〕3号)规定,拟认定王芳等3名同志。"
                     "认定人选按照《青川县拔尖人才认定管理办法》享受相关待遇。\n")
    docs = [n for n in nodes_of(patch, Label.POLICY_DOCUMENT) if "管理办法" in n.name]
    assert len(docs) == 1
    assert docs[0].properties["doc_number"] == "青人才发〔2022〕3号"


def _platform_builds(patch: GraphPatch) -> set[tuple[str, str, str | None]]:
    """(builder, platform, the platform's region) of every BUILDS edge to a platform."""
    return {(patch.nodes[e.source].name, patch.nodes[e.target].name,
             patch.nodes[e.target].properties.get("region"))
            for e in patch.edges.values()
            if e.type is RelType.BUILDS and patch.nodes[e.target].label is Label.PLATFORM}


def test_resolver_regions_listed_as_builders_each_build_their_own_generic_platform() -> None:
    _, patch = build("湖州市人才发展行动计划\n"
                     "(三)建强人才平台。支持吴兴区、南浔区企业建设院士工作站,"
                     "德清县、长兴县等县(区)应建设不少于300套人才公寓。\n")
    builds = _platform_builds(patch)
    assert {("吴兴区", "院士工作站", "吴兴区"), ("南浔区", "院士工作站", "南浔区"),
            ("德清县", "人才公寓", "德清县"), ("长兴县", "人才公寓", "长兴县")} <= builds
    # the city builds none of theirs, and has no 院士工作站 of its own here
    assert not any(b == "湖州市" for b, _, _ in builds)
    assert not any(n.properties.get("region") == "湖州市" for n in nodes_of(patch, Label.PLATFORM))


def test_resolver_regions_that_each_build_a_named_platform_have_one_each() -> None:
    _, patch = build("湖州市人才工作动态\n发布时间:2023-04-12\n"
                     "全市建成院士专家工作站9个,吴兴区、南浔区分别建成人才服务中心。\n")
    builds = _platform_builds(patch)
    assert {("吴兴区", "人才服务中心", "吴兴区"), ("南浔区", "人才服务中心", "南浔区")} <= builds


def test_resolver_places_a_platform_is_built_in_are_not_its_builders() -> None:
    # `在…建设`: where the city builds it (in its counties or elsewhere), one node, the city's
    _, patch = build("湖州市人才发展行动计划\n"
                     "在北京、上海设立驻外人才工作站,在德清县、长兴县建设人才公寓500套。\n")
    builds = _platform_builds(patch)
    assert ("湖州市", "驻外人才工作站", "湖州市") in builds
    assert ("湖州市", "人才公寓", "湖州市") in builds
    assert not any(b in ("北京市", "上海市", "德清县", "长兴县") for b, _, _ in builds)
    located = edge_names(patch, RelType.LOCATED_IN)
    assert {("驻外人才工作站", "北京市"), ("人才公寓", "德清县")} <= located


def test_resolver_a_platform_for_young_talent_is_a_platform() -> None:
    _, patch = build("湖州市人才发展行动计划\n"
                     "三年内建设筹集青年人才公寓1万套,在各县(区)设立青年人才驿站,"
                     "在安吉县建设一个人才之家。\n")
    names = {n.name for n in nodes_of(patch, Label.PLATFORM)}
    assert {"青年人才公寓", "青年人才驿站", "人才之家"} <= names
    assert not any(n.startswith(("筹集", "建设")) for n in names)


def test_resolver_a_speech_is_no_policy_document_and_its_speaker_is_a_member() -> None:
    from tests.ingest.test_split import _SPEECH_TEXT

    _, patch = build(_SPEECH_TEXT)
    assert not nodes_of(patch, Label.POLICY_DOCUMENT)
    assert ("王立新", "中共临泉县委员会") in edge_names(patch, RelType.MEMBER_OF)
    assert ("临泉县", "临泉英才计划") in edge_names(patch, RelType.RUNS)
    assert not edge_names(patch, RelType.ESTABLISHES)


def test_resolver_a_programs_declared_short_name_and_the_parts_it_is_made_of() -> None:
    _, patch = build("临泉县“泉城英才”计划实施细则\n"
                     "第二条 “泉城英才”计划(以下简称“英才计划”)是我县人才工作的总品牌,"
                     "由“沃土领航”工程、“青苗返乡”工程和“土专家”培育工程三项子工程组成。\n"
                     "第三条 县委组织部负责“英才计划”的组织实施。\n")
    programs = {n.name: n for n in nodes_of(patch, Label.PROGRAM)}
    assert "英才计划" not in programs
    assert "英才计划" in programs["泉城英才计划"].aliases
    assert {("沃土领航工程", "泉城英才计划"), ("青苗返乡工程", "泉城英才计划"),
            ("土专家培育工程", "泉城英才计划")} <= edge_names(patch, RelType.PART_OF)
