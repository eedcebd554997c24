"""Canonical names of government units.

A unit is named by its division's qualified name (`济南市市中区` when the county name is
shared by several divisions) and its organ:

    party committee      中共{Q}委员会          aliases 中共{Q}委, {R}委, {R}党委 …
    party department     中共{Q}委{dept}        aliases {Q}委{dept}, {R}委{dept}, {R}党委{dept} …
    people's government  {Q}人民政府            aliases {Q}政府, {R}政府 …
    government dept      {Q}{dept}              aliases {R}{dept}, {R}{abbreviation} …
                         {Q}人民政府{dept}      when written `区政府金融办公室`
    ad-hoc organ         {Q}{topic}{head}       (`人才工作领导小组`, `非公企业党建办`)
    Youth League         共青团{Q}委员会        aliases 共青团{R}委, {R}团委
    section              {parent}{section}      (`…组织部人才科`), PART_OF the parent
    political consultative conference
                         中国人民政治协商会议{Q}委员会   aliases {R}政协, 政协{Q}委员会
    people's congress standing committee
                         {Q}人民代表大会常务委员会       aliases {R}人大常委会
                         (an office of either: the body's name + 办公室, PART_OF the body)

Provincial party committees are also `{R}党委` (`内蒙古自治区党委`).
"""
from __future__ import annotations

from dataclasses import dataclass

from ingest.extract import lexicon as lx
from ingest.gazetteer import Division, Gazetteer


@dataclass(frozen=True)
class UnitName:
    name: str
    aliases: frozenset[str]
    region: Division | None
    parent: "UnitName | None" = None


def _short_names(gaz: Gazetteer, div: Division) -> list[str]:
    names = [gaz.qualified_name(div), div.name, *div.aliases]
    return list(dict.fromkeys(n for n in names if n))


def _abbreviations(table: dict[str, str], canonical: str) -> list[str]:
    return [a for a, c in table.items() if c == canonical and a != canonical]


def party_committee(gaz: Gazetteer, div: Division) -> UnitName:
    q = gaz.qualified_name(div)
    aliases = set()
    for r in _short_names(gaz, div):
        aliases |= {f"中共{r}委员会", f"中共{r}委", f"{r}委", f"{r}党委", f"{r}委员会"}
    return UnitName(f"中共{q}委员会", frozenset(aliases), div)


def government(gaz: Gazetteer, div: Division) -> UnitName:
    q = gaz.qualified_name(div)
    aliases = set()
    for r in _short_names(gaz, div):
        aliases |= {f"{r}人民政府", f"{r}政府"}
    return UnitName(f"{q}人民政府", frozenset(aliases), div)


def party_department(gaz: Gazetteer, div: Division, dept: str) -> UnitName:
    q = gaz.qualified_name(div)
    forms = [dept, *_abbreviations(lx.party_departments(), dept)]
    aliases = set()
    for r in _short_names(gaz, div):
        for d in forms:
            aliases |= {f"中共{r}委{d}", f"{r}委{d}", f"{r}党委{d}", f"中共{r}委员会{d}", f"{r}{d}"}
    # 自治区党委组织部; every other level (省, a municipality 市) is 中共某省委组织部
    name = f"{q}党委{dept}" if q.endswith("自治区") else f"中共{q}委{dept}"
    return UnitName(name, frozenset(aliases), div, party_committee(gaz, div))


def gov_department(gaz: Gazetteer, div: Division, dept: str, via_gov: bool) -> UnitName:
    q = gaz.qualified_name(div)
    forms = [dept, *_abbreviations(lx.gov_departments(), dept)]
    aliases = set()
    for r in _short_names(gaz, div):
        for d in forms:
            aliases |= {f"{r}{d}"} if d.startswith(("人民政府", "政府")) else \
                {f"{r}{d}", f"{r}政府{d}", f"{r}人民政府{d}"}  # (not 某市人民政府人民政府办公室)
    name = f"{q}{dept}"  # `区政府金融办公室` and `区金融办` are one unit
    return UnitName(name, frozenset(aliases), div, government(gaz, div))


def adhoc(gaz: Gazetteer, div: Division, topic_head: str) -> UnitName:
    q = gaz.qualified_name(div)
    aliases = {f"{r}{topic_head}" for r in _short_names(gaz, div)} | {topic_head}
    return UnitName(f"{q}{topic_head}", frozenset(aliases), div)


def youth_league(gaz: Gazetteer, div: Division) -> UnitName:
    """The Communist Youth League committee of a division (`共青团某市委员会`, `团市委`,
    `某镇团委`): no department of the government."""
    q = gaz.qualified_name(div)
    aliases = set()
    for r in _short_names(gaz, div):
        aliases |= {f"共青团{r}委员会", f"共青团{r}委", f"{r}团委"}
    return UnitName(f"共青团{q}委员会", frozenset(aliases - {f"共青团{q}委员会"}), div)


def congress(gaz: Gazetteer, div: Division, kind: str, dept: str) -> UnitName:
    """The people's political consultative conference of a division (`cppcc`: 中国人民政治
    协商会议某市委员会, `某市政协`) or the standing committee of its people's congress
    (`npc`: 某市人民代表大会常务委员会, `某市人大常委会`), or an office of one (`dept`)."""
    q = gaz.qualified_name(div)
    shorts = _short_names(gaz, div)
    if kind == "cppcc":
        body = UnitName(f"中国人民政治协商会议{q}委员会",
                        frozenset({f"政协{q}委员会"} | {f"{r}政协" for r in shorts}), div)
        forms = [(f"{r}政协", f"政协{r}委员会") for r in shorts]
    else:
        body = UnitName(f"{q}人民代表大会常务委员会",
                        frozenset(f"{r}人大常委会" for r in shorts), div)
        forms = [(f"{r}人大常委会", f"{r}人民代表大会常务委员会") for r in shorts]
    if not dept:
        return body
    # an office is named after the body's full name (中国人民政治协商会议某市委员会办公室),
    # so that it is PART_OF the body; the short forms (某市政协办公室) are its aliases
    name = f"{body.name}{dept}"
    aliases = {f"{a}{dept}" for pair in forms for a in pair}
    return UnitName(name, frozenset(aliases - {name}), div, body)


def section(parent: UnitName, sect: str) -> UnitName:
    if parent.name.endswith(sect):
        return parent  # `(人才科 供稿)` in a bulletin the 组织部人才科 edits: that section
    aliases = {f"{a}{sect}" for a in parent.aliases} | {sect}
    return UnitName(parent.name + sect, frozenset(aliases), parent.region, parent)


def name_unit(gaz: Gazetteer, div: Division, kind: str, dept: str, via_gov: bool = False,
              sect: str = "") -> UnitName:
    if kind == "party":
        unit = party_committee(gaz, div)
    elif kind == "party_dept":
        unit = party_department(gaz, div, dept)
    elif kind == "gov":
        unit = government(gaz, div)
    elif kind == "gov_dept":
        unit = gov_department(gaz, div, dept, via_gov)
    elif kind == "youth":
        unit = youth_league(gaz, div)
    elif kind in ("cppcc", "npc"):
        unit = congress(gaz, div, kind, dept)
    elif kind == "zone":  # a development zone's committee: named by the zone, in `div`
        short = dept.replace("管理委员会", "管委会") if dept.endswith("管理委员会") else \
            dept.removeprefix("中共").replace("工作委员会", "党工委")  # (its party's)
        unit = UnitName(dept, frozenset({short}) - {dept}, div)
    else:
        unit = adhoc(gaz, div, dept)
    return section(unit, sect) if sect else unit


def national(canonical: str) -> UnitName:
    """A central organ (`中共中央办公厅`): no region; its aliases are its other names."""
    aliases = {a for a, c in lx.national_units().items() if c == canonical}
    return UnitName(canonical, frozenset(aliases - {canonical}), None)


def classify_bare(text: str) -> tuple[str, str, str] | None:
    """A unit written without region (`组织部`, `人才科`, `档案管理中心`): (kind, dept, sect)."""
    party, gov = lx.party_departments(), lx.gov_departments()
    if text in party:
        return ("party_dept", party[text], "")
    if text in gov:
        return ("gov_dept", gov[text], "")
    for d in sorted(party, key=lambda w: (-len(w), w)):
        if text.startswith(d) and len(text) > len(d):
            return ("party_dept", party[d], text[len(d):])
    if text.endswith(("科", "室", "中心", "处", "股")) and 2 <= len(text) <= 8:
        return ("section", "", text)
    return None
