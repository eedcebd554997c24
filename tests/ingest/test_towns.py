"""Towns (镇, 乡, 街道): the fourth level of the gazetteer, found in the texts of their county.

The places are real divisions (the gazetteer's); the texts, programs and platforms are
invented.
"""
from __future__ import annotations

import pytest

from ingest.extract.units import find_regions
from ingest.gazetteer import get_gazetteer
from schema.ids import make_id
from schema.labels import Label, RelType
from tests.ingest.test_resolve import build

LINQUAN = "安徽省/阜阳市/临泉县"
WUXING = "浙江省/湖州市/吴兴区"


def test_towns_of_a_county_are_its_towns_townships_and_subdistricts() -> None:
    gaz = get_gazetteer()
    towns = {t.name: t for t in gaz.towns_of(LINQUAN)}
    assert {"吕寨镇", "土陂乡", "邢塘街道"} <= set(towns)
    town = towns["吕寨镇"]
    assert (town.level, town.path, town.parent_path) == ("town", f"{LINQUAN}/吕寨镇", LINQUAN)
    assert gaz.by_path[town.path] is town  # (so its region node finds its county)
    assert gaz.lookup("吕寨镇") == []  # no text-wide surface: only in its county's texts


def test_towns_of_are_no_zones_and_no_ordinary_words() -> None:
    gaz = get_gazetteer()
    assert gaz.towns_of(WUXING)  # (reads the towns)
    names = {t.name for towns in gaz._towns.values() for t in towns}
    assert names and all(n.endswith(("镇", "乡", "街道", "苏木")) for n in names)
    assert not {"中心镇", "小城镇", "城区街道"} & names  # real names elsewhere, words here
    assert not any("开发区" in n or "特殊" in n for n in names)


def regions(text: str) -> list[tuple[str, object]]:
    return [(m.name, m.attrs.get("town") or m.attrs.get("candidates") or m.attrs.get("deictic"))
            for m in find_regions(text)]


def test_find_regions_finds_the_towns_of_a_county_the_text_names() -> None:
    got = regions("临泉县在吕寨镇、土陂乡建设人才驿站。")
    assert ("吕寨镇", [f"{LINQUAN}/吕寨镇"]) in got
    assert ("土陂乡", [f"{LINQUAN}/土陂乡"]) in got


def test_find_regions_finds_no_town_of_a_county_the_text_does_not_name() -> None:
    assert regions("在吕寨镇、土陂乡建设人才驿站。") == []


def test_find_regions_town_name_inside_a_longer_word_is_none() -> None:
    # 城东街道 is a town of 临泉县; 城镇化 is no town even where a 古城镇 exists
    got = [name for name, _ in regions("临泉县推进新型城镇化,城东街道建成人才之家。")]
    assert got == ["临泉县", "城东街道"]


NEWS = """临泉县乡村人才振兴工作推进会召开
发布时间:2024-05-08
会上,县人社局、吕寨镇、邢塘街道作交流发言。
今年以来,临泉县在吕寨镇共建“田间课堂”实训基地,培训高素质农民300人次。
下一步,各乡镇将推进新型城镇化与人才振兴协同发展。
"""


def test_resolve_makes_a_town_a_region_part_of_its_county() -> None:
    _, patch = build(NEWS)
    county = make_id(Label.REGION, LINQUAN)
    for town in ("吕寨镇", "邢塘街道"):
        tid = make_id(Label.REGION, f"{LINQUAN}/{town}")
        node = patch.nodes[tid]
        assert (node.name, node.properties["level"]) == (town, "town")
        assert (RelType.PART_OF.value, tid, county) in patch.edges


def test_resolve_a_town_is_never_the_jurisdiction() -> None:
    source, patch = build(NEWS)
    src = patch.nodes[source.id]
    assert src.properties["jurisdiction"] == LINQUAN  # it names 吕寨镇 twice, 临泉县 twice


def test_resolve_platform_built_in_a_town_is_located_there() -> None:
    _, patch = build(NEWS)
    base = next(n for n in patch.nodes.values() if n.label is Label.PLATFORM)
    town = make_id(Label.REGION, f"{LINQUAN}/吕寨镇")
    assert (RelType.LOCATED_IN.value, base.id, town) in patch.edges


def test_resolve_town_of_two_named_counties_is_no_region() -> None:
    # 城关镇 is a town of 太和县 and of many others; a text naming two counties that
    # both have one cannot say whose it is
    text = """太和县与临泉县开展人才交流
发布时间:2024-05-08
太和县与界首市、临泉县签订协议,在城关镇、大新镇建设人才驿站。
"""
    _, patch = build(text)
    names = {n.name for n in patch.nodes.values() if n.label is Label.REGION}
    assert "大新镇" in names  # 太和县's only
    town_paths = {n.properties["path"] for n in patch.nodes.values()
                  if n.label is Label.REGION and n.properties.get("level") == "town"}
    assert all(p.startswith(("安徽省/阜阳市/太和县/", "安徽省/阜阳市/临泉县/",
                             "安徽省/阜阳市/界首市/")) for p in town_paths)


@pytest.mark.parametrize("sentence", [
    # the place starts a park's or a firm's name, not a list of places
    "临泉县在阜阳经济技术开发区建设青年人才驿站。",
    "记者在湖州某某科技有限公司看到,由该公司与某大学共建的博士后科研工作站已进站3人。",
])
def test_located_in_needs_a_place_of_the_list_not_the_start_of_a_name(sentence: str) -> None:
    _, patch = build(f"人才工作动态\n发布时间:2024-05-08\n{sentence}\n")
    located = [(patch.nodes[h].name, patch.nodes[t].name) for (ty, h, t) in patch.edges
               if ty == RelType.LOCATED_IN.value and patch.nodes[h].label is Label.PLATFORM]
    # (a park or firm named after its place is there: its own LOCATED_IN stays)
    assert not any(t in ("阜阳市", "湖州市") for h, t in located
                   if h.endswith(("驿站", "工作站"))), located
