"""Administrative divisions from jionlp, indexed by surface form (ingest/gazetteer.py)."""
from __future__ import annotations

import pytest

from ingest.gazetteer import Gazetteer, get_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def paths(gaz: Gazetteer, surface: str) -> list[str]:
    return [d.path for d in gaz.lookup(surface)]


def test_get_gazetteer_is_built_once(gaz: Gazetteer) -> None:
    assert get_gazetteer() is gaz


# ------------------------------------------------------------------------------- lookup
@pytest.mark.parametrize(
    ("surface", "path", "level"),
    [
        ("山东省", "山东省", "province"),
        ("济南市", "山东省/济南市", "city"),
        ("枣庄市", "山东省/枣庄市", "city"),
        ("内蒙古自治区", "内蒙古自治区", "province"),
        ("鄂尔多斯市", "内蒙古自治区/鄂尔多斯市", "city"),
        ("鄂托克前旗", "内蒙古自治区/鄂尔多斯市/鄂托克前旗", "county"),
    ],
)
def test_lookup_full_name_gives_its_path(gaz: Gazetteer, surface: str, path: str, level: str) -> None:
    (div,) = gaz.lookup(surface)
    assert (div.path, div.name, div.level) == (path, surface, level)


@pytest.mark.parametrize(
    ("alias", "path"),
    [
        ("山东", "山东省"),
        ("济南", "山东省/济南市"),
        ("内蒙古", "内蒙古自治区"),
        ("鄂尔多斯", "内蒙古自治区/鄂尔多斯市"),
        ("鄂前旗", "内蒙古自治区/鄂尔多斯市/鄂托克前旗"),
        # an autonomous county by its short name and level (prose writes 互助县)
        ("互助县", "青海省/海东市/互助土族自治县"),
        ("长阳县", "湖北省/宜昌市/长阳土家族自治县"),
    ],
)
def test_lookup_short_alias_gives_the_division(gaz: Gazetteer, alias: str, path: str) -> None:
    assert paths(gaz, alias) == [path]


@pytest.mark.parametrize("word", ["中山", "新区", "长安", "新华", "开发"])
def test_lookup_alias_that_is_an_ordinary_word_is_not_indexed(gaz: Gazetteer, word: str) -> None:
    assert gaz.lookup(word) == []


def test_lookup_municipality_city_level_is_folded(gaz: Gazetteer) -> None:
    assert paths(gaz, "北京市") == ["北京市"]
    assert paths(gaz, "海淀区") == ["北京市/海淀区"]
    assert "北京市/北京市" not in gaz.by_path


def test_lookup_unknown_name_is_empty(gaz: Gazetteer) -> None:
    assert gaz.lookup("青云县") == []


# -------------------------------------------------------------------------------- Division
def test_division_parent_and_ancestors(gaz: Gazetteer) -> None:
    (div,) = gaz.lookup("鄂托克前旗")
    assert div.parts == ["内蒙古自治区", "鄂尔多斯市", "鄂托克前旗"]
    assert div.parent_path == "内蒙古自治区/鄂尔多斯市"
    assert div.ancestors() == ["内蒙古自治区", "内蒙古自治区/鄂尔多斯市"]
    assert gaz.by_path["内蒙古自治区"].parent_path is None


# ---------------------------------------------------------------------- ambiguity, resolve
def test_is_ambiguous_shared_county_name(gaz: Gazetteer) -> None:
    assert gaz.is_ambiguous("市中区")
    assert len(gaz.lookup("市中区")) >= 2
    assert {"山东省/济南市/市中区", "山东省/枣庄市/市中区"} <= set(paths(gaz, "市中区"))


@pytest.mark.parametrize("name", ["鄂托克前旗", "济南市", "山东省"])
def test_is_ambiguous_unique_name_is_not(gaz: Gazetteer, name: str) -> None:
    assert not gaz.is_ambiguous(name)


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ({"山东省", "山东省/济南市"}, "山东省/济南市/市中区"),
        ({"山东省/济南市"}, "山东省/济南市/市中区"),
        ({"山东省", "山东省/枣庄市"}, "山东省/枣庄市/市中区"),
        ({"山东省/枣庄市"}, "山东省/枣庄市/市中区"),
    ],
)
def test_resolve_picks_the_candidate_the_context_supports(
    gaz: Gazetteer, context: set[str], expected: str
) -> None:
    assert gaz.resolve(gaz.lookup("市中区"), context).path == expected


def test_resolve_is_order_independent(gaz: Gazetteer) -> None:
    cands = gaz.lookup("市中区")
    context = {"山东省", "山东省/济南市"}
    assert gaz.resolve(list(reversed(cands)), context).path == gaz.resolve(cands, context).path


# -------------------------------------------------------------------------- qualified_name
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("山东省/济南市/市中区", "济南市市中区"),  # shared name: qualified by its city
        ("山东省/枣庄市/市中区", "枣庄市市中区"),
        ("内蒙古自治区/鄂尔多斯市/鄂托克前旗", "鄂托克前旗"),  # unique name: as is
        ("山东省/济南市", "济南市"),
        ("山东省", "山东省"),
    ],
)
def test_qualified_name(gaz: Gazetteer, path: str, expected: str) -> None:
    assert gaz.qualified_name(gaz.by_path[path]) == expected


# ---------------------------------------------------------------------- development zones
@pytest.mark.parametrize(
    "zone",
    ["呼和浩特金海工业园区", "包头稀土高新技术产业开发区", "湘潭九华示范区", "云龙示范区"],
)
def test_lookup_development_zone_is_not_a_division(gaz: Gazetteer, zone: str) -> None:
    assert gaz.lookup(zone) == []


def test_by_path_holds_no_zone(gaz: Gazetteer) -> None:
    zones = [p for p in gaz.by_path if any(z in p.rsplit("/", 1)[-1] for z in ("工业园", "化工园", "创意园", "示范区", "开发区"))]
    assert zones == []


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("绿园区", "吉林省/长春市/绿园区"),
        ("梁园区", "河南省/商丘市/梁园区"),
        ("浦东新区", "上海市/浦东新区"),
        ("滨海新区", "天津市/滨海新区"),
    ],
)
def test_lookup_real_district_with_zone_word_is_a_division(gaz: Gazetteer, name: str, path: str) -> None:
    assert paths(gaz, name) == [path]


@pytest.mark.parametrize(
    ("name", "path"),
    [
        # county-level cities the province administers directly: jionlp files them under a
        # pseudo-city (`省直辖县级行政区划`) that is no place anyone names
        ("琼海市", "海南省/琼海市"),
        ("仙桃市", "湖北省/仙桃市"),
        ("济源市", "河南省/济源市"),
    ],
)
def test_lookup_county_level_city_under_its_province(gaz: Gazetteer, name: str, path: str) -> None:
    assert paths(gaz, name) == [path]
    assert gaz.by_path[path].level == "county"


def test_by_path_holds_no_pseudo_city(gaz: Gazetteer) -> None:
    assert [p for p in gaz.by_path if "直辖" in p] == []
