"""China's administrative divisions, from jionlp's maintained location dictionary.

We use jionlp's `china_location_loader()` (province → city → county with official full
names, short aliases and admin codes) and index it for surface-form lookup. Loading takes
~0.3 s, so the gazetteer is built lazily, once per process (`get_gazetteer()`). Towns (镇,
乡, 街道, 苏木: the fourth level of the same data) are read on first use and looked up per
county only (`towns_of`): 34,000 names, 城关镇 in 99 counties, so a town is a town only
in a text that names its county.

Design choices:
- Keys are full paths (`内蒙古自治区/鄂尔多斯市/鄂托克前旗`); a province-level municipality's
  city level (`北京市/北京市`) is folded into the province.
- Short aliases of counties (`鄂前旗`) and of cities and provinces (`鄂尔多斯`, `内蒙古`) are
  indexed, but aliases that are ordinary words or too short are not (see `_unsafe_alias`).
- A name held by several divisions (`市中区` names four counties) returns all candidates;
  `resolve()` picks the one whose ancestors the context mentions.
"""
from __future__ import annotations

import contextlib
import functools
import io
from dataclasses import dataclass, field

from ingest.vocab import load_set


@dataclass(frozen=True, slots=True)
class Division:
    path: str  # 内蒙古自治区/鄂尔多斯市/鄂托克前旗
    name: str  # 鄂托克前旗
    level: str  # province | city | county | town
    code: str
    aliases: tuple[str, ...] = ()

    @property
    def parts(self) -> list[str]:
        return self.path.split("/")

    @property
    def parent_path(self) -> str | None:
        parts = self.parts
        return "/".join(parts[:-1]) if len(parts) > 1 else None

    def ancestors(self) -> list[str]:
        parts = self.parts
        return ["/".join(parts[:i]) for i in range(1, len(parts))]


@dataclass
class Gazetteer:
    by_path: dict[str, Division] = field(default_factory=dict)
    by_surface: dict[str, list[Division]] = field(default_factory=dict)
    #: two-character short names of counties (`秦安`, `围场`): too ambiguous to name a
    #: region in text, but no word to cut from the start of a name (`秦安电商产业专家工作站`)
    stems: set[str] = field(default_factory=set)
    #: county path by the data's own (province, city, county) names, for the towns
    county_by_raw: dict[tuple[str, str, str], str] = field(default_factory=dict)
    _towns: dict[str, tuple[Division, ...]] | None = None

    def towns_of(self, county_path: str) -> tuple[Division, ...]:
        """The towns of a county (read with the first call: 0.2 s)."""
        if self._towns is None:
            self._towns = _load_towns(self)
        return self._towns.get(county_path, ())

    def add(self, div: Division, surfaces: list[str]) -> None:
        self.by_path[div.path] = div
        for s in surfaces:
            bucket = self.by_surface.setdefault(s, [])
            if div not in bucket:
                bucket.append(div)

    def lookup(self, surface: str) -> list[Division]:
        return self.by_surface.get(surface, [])

    def surfaces(self) -> list[str]:
        return list(self.by_surface)

    def is_ambiguous(self, name: str) -> bool:
        return len({d.path for d in self.by_surface.get(name, [])}) > 1

    def qualified_name(self, div: Division) -> str:
        """The name a unit of this division is qualified by: the division's own name, or
        city + name when the name is shared by several divisions (`济南市市中区`)."""
        if div.level == "county" and self.is_ambiguous(div.name):
            parent = self.by_path.get(div.parent_path or "")
            if parent is not None:
                return parent.name + div.name
        return div.name

    def resolve(self, candidates: list[Division], context_paths: set[str]) -> Division:
        """The candidate best supported by `context_paths` (paths of regions the same
        source mentions): most shared ancestors first, then the highest level."""
        def score(d: Division) -> tuple[int, int, str]:
            shared = sum(1 for a in d.ancestors() if a in context_paths)
            near = sum(1 for p in context_paths if p.startswith(d.path + "/"))
            rank = {"province": 2, "city": 1, "county": 0, "town": -1}[d.level]
            return (shared + near, rank, d.path)

        return max(candidates, key=score)


#: Words that mark a development zone or park, listed in the data beside real counties.
_ZONES = ("示范区", "开发区", "保税区", "高新区", "工业区", "工业园", "产业园", "科技园", "物流园",
          "管委会", "管理区", "实验区", "试验区", "经济区", "合作区", "行政区划", "度假区", "风景区",
          "农场", "集聚区", "功能区", "化工园", "创意园")


def _unsafe_alias(alias: str, full: str) -> bool:
    if len(alias) < 2 or alias == full:
        return True
    return alias in load_set("region_alias_stoplist")


def _build() -> Gazetteer:
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp

        tree = jionlp.china_location_loader()
    gaz = Gazetteer()

    def aliases_of(node: dict) -> list[str]:
        raw = node.get("_alias") or []
        return [raw] if isinstance(raw, str) else list(raw)

    for prov_name, prov in tree.items():
        p_full = prov.get("_full_name", prov_name)
        p_alias = [a for a in aliases_of(prov) if not _unsafe_alias(a, p_full)]
        p = Division(p_full, p_full, "province", prov.get("_admin_code", ""), tuple(p_alias))
        gaz.add(p, [p_full, *p_alias])
        for city_name, city in prov.items():
            if city_name.startswith("_"):
                continue
            c_full = city.get("_full_name", city_name)
            # 北京市/北京市 → 北京市; 海南省/省直辖县级行政区划/琼海市 → 海南省/琼海市: a
            # county-level city under its province directly is no region of any city
            folded = c_full == p_full or "直辖" in c_full
            if folded:
                c = p
            else:
                c_alias = [a for a in aliases_of(city) if not _unsafe_alias(a, c_full)]
                if c_full.endswith("自治州"):  # `黔东南州`, `恩施州`: its stem and 州
                    c_alias += [a + "州" for a in c_alias if c_full.startswith(a)
                                and not a.endswith("州")]
                c = Division(f"{p_full}/{c_full}", c_full, "city", city.get("_admin_code", ""),
                             tuple(c_alias))
                gaz.add(c, [c_full, *c_alias])
            for county_name, county in city.items():
                if county_name.startswith("_") or not isinstance(county, dict):
                    continue
                k_full = county.get("_full_name", county_name)
                if not k_full.endswith(("区", "县", "旗", "市", "盟")) or len(k_full) < 2 \
                        or any(z in k_full for z in _ZONES):
                    continue  # development zones, 市直辖行政区划 ...
                k_alias = [a for a in aliases_of(county)
                           if not _unsafe_alias(a, k_full) and len(a) >= 3]
                if k_full.endswith(("自治县", "自治旗")):  # `互助土族自治县` is 互助县 in prose
                    k_alias += [a + k_full[-1] for a in aliases_of(county)
                                if k_full.startswith(a) and not _unsafe_alias(a + k_full[-1], k_full)]
                gaz.stems.update(a for a in aliases_of(county)
                                 if len(a) == 2 and not _unsafe_alias(a, k_full))
                k = Division(f"{c.path}/{k_full}", k_full, "county",
                             county.get("_admin_code", ""), tuple(k_alias))
                gaz.add(k, [k_full, *k_alias])
                gaz.county_by_raw[(prov_name, city_name, county_name)] = k.path
    return gaz


#: the endings of a town-level name; the data's other rows at that level are zones, farms,
#: prisons and `特殊乡镇` (those of an 开发区 end in 镇 too)
_TOWN_ENDS = ("镇", "乡", "街道", "苏木")


def _town_name(name: str) -> bool:
    if not name.endswith(_TOWN_ENDS) or len(name) < (4 if name.endswith(("街道", "苏木")) else 3):
        return False
    return not any(z in name for z in (*_ZONES, "特殊", "开发")) \
        and name not in load_set("town_stoplist")


def _load_towns(gaz: Gazetteer) -> dict[str, tuple[Division, ...]]:
    """Towns by county path, from the fourth level of jionlp's china_location.txt (one tab
    more per level). jionlp's own loader reads it with `detail=True`, but then also builds
    the 600,000 villages of the fifth level: 0.4 s more and 85 MB kept in every process.
    Towns get no surface in `by_surface` (no text-wide lookup) but are in `by_path`."""
    import os

    with contextlib.redirect_stdout(io.StringIO()):
        from jionlp.dictionary import dictionary_loader

    path = os.path.join(dictionary_loader.GRAND_DIR_PATH, "dictionary", "china_location.txt")
    towns: dict[str, list[Division]] = {}
    prov = city = county = ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            depth = len(line) - len(line.lstrip("\t"))
            if depth >= 4:
                continue  # a village
            name = line.strip().split("\t", 1)[0]
            if depth == 0:
                prov = name
            elif depth == 1:
                city = name
            elif depth == 2:
                county = name
            elif _town_name(name) and (k := gaz.county_by_raw.get((prov, city, county))):
                town = Division(f"{k}/{name}", name, "town", "")
                gaz.by_path.setdefault(town.path, town)
                towns.setdefault(k, []).append(town)
    return {k: tuple(v) for k, v in towns.items()}


@functools.cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    return _build()
