"""Regions (gazetteer), government units (unit-name grammar) and persons.

Unit grammar (a region part, then an organ, then a department, then a section):

    中共 内蒙古巴彦淖尔市临河区 委 组织部          party department of 临河区
    区 政府 金融办公室                            government department of the source's 区
    市 非公企业 党建办                            ad-hoc organ of the source's 市

A one-character region part (`市` `区` `旗` `县`) or `自治区`/`省` refers to the source's
own jurisdiction (or its ancestor of that level); resolve.py decides which.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ingest.extract import lexicon as lx
from ingest.gazetteer import get_gazetteer
from ingest.types import Mention
from ingest.vocab import load_list, load_set
from schema.labels import Label

_DEICTIC_REGION = re.compile(r"(?:全|我|本)(市|区|旗|县|省|州|盟)|(?<![\u4e00-\u9fff])自治区(?!级)")
#: a bare 省/自治区 right before a quoted program, after a verb of taking it up or a clause's
#: start (`推荐申报自治区“X”工程`, `落实省“X”计划`): the province of the page's place
_LEVEL_BEFORE_QUOTE = re.compile(r"(?:(?<=申报|落实|实施|推荐|入选|参评|参加|纳入|按照|根据|用好|享受|对接|"
                                 r"贯彻|执行|依托|争取|列入)|(?<=[,，、;；:：。\s]))(自治区|省)(?=[“「\"])")
#: a line that is a place, a colon and a short headline (`某县:“X”助力产业升级`): in a city's
#: digest of its counties, that place's section is the paragraph under it
PLACE_HEADLINE = re.compile(r"(?m)^[ \t]*([\u4e00-\u9fff]{2,9}[市县区旗])[:：][ \t]*"
                            r"([^\n。;；!?！？]{4,30})$")
_LEVEL = "自治区|省|市|区|县|旗|州|盟|镇|乡"
_JOINERS = set("和与及、由在对为将把向从经以的了,，。;；:：(（ \n“”")


@functools.cache
def _region_alt() -> str:
    return lx._alternation(s for s in get_gazetteer().surfaces() if len(s) >= 2)


@functools.cache
def region_regex() -> re.Pattern[str]:
    return re.compile(_region_alt())


@functools.cache
def unit_regex() -> re.Pattern[str]:
    party_depts = lx._alternation(lx.party_departments())
    gov_depts = lx._alternation(lx.gov_departments())
    heads = lx._alternation(load_list("unit_heads"))
    region = rf"(?P<r>(?:{_region_alt()}){{1,3}}|{_LEVEL})"
    # a section (`人才科`, `研究室`, `服务中心`): not a conjunction and a 科学/科技 name after
    # the unit (`区科学技术局与中国科学院`)
    section = (r"(?P<sect>(?:(?:(?![与和及同并或的]|联合|会同)[\u4e00-\u9fff]){1,8}科)"
               r"(?![\u4e00-\u9fff]?[技学普研局委厅]|长)|研究室|[\u4e00-\u9fff]{2,6}中心|"
               r"(?:(?![与和及同并或的到])[\u4e00-\u9fff]){2,8}?处(?![理置分于长罚]))?")
    return re.compile(
        rf"(?P<zg>中共)?{region}(?:"
        rf"(?P<party>党委|委员会|委)(?P<pdept>{party_depts})?"
        rf"|(?P<gov>人民政府|政府)(?:(?P<gdept>{gov_depts})|(?P<goffice>办公室|办公厅))?"
        rf"|(?P<pdept2>{party_depts})(?!门)|(?P<gdept2>{gov_depts})"
        rf"|(?P<cppcc>政协)(?P<cdept>提案委员会|办公室)?"
        rf"|(?P<npc>人大常委会|人民代表大会常务委员会)(?P<ndept>办公室)?"
        rf"|“?(?P<topic>[\u4e00-\u9fff]{{2,8}}?)”?(?P<adhoc>{heads})"
        rf"){section}"
        rf"|(?P<bare>{gov_depts}|组织部|宣传部|统战部)")


#: verbs that join one unit to another: a one-character region part may follow them
_JOINING_VERBS = ("联合", "会同", "协同", "配合", "携手", "对接")


def _deictic_ok(text: str, start: int, region: str) -> bool:
    """A one-character region part must start a word: `区委` yes, `社区委员会` no."""
    if len(region) > 1 and region != "自治区":
        return True
    if start == 0 or text[start - 1] in _JOINERS or text[start - 1] in "全" \
            or text.endswith(_JOINING_VERBS, 0, start):
        return True  # (`区委组织部联合区人社局`)
    # `…机制旗委、政府`: a party committee right after a glued heading
    return text[start + 1:start + 2] == "委" and text[start + 2:start + 3] != "员" \
        and text[start - 1] not in "社小街园校城"


#: function words a region's name can start with by accident, inside a sentence: `乡镇和县直`
#: (和县), `人社局会同县总工会` (会同县), `园区和田阳区` (和田, hiding 田阳区)
_FUNCTION_PREFIXES = ("会同", "和", "与", "及", "同", "或", "并")
_LEVEL_CHARS = set("省市区县州盟旗乡镇")


def _function_word_at(text: str, m: re.Match[str], after_region: bool) -> int | None:
    """Where the text after a function word starts, if the region match `m` is that word
    glued to what follows: mid-sentence (after a character that is not a region's end),
    and followed by another region or a bare level (`县直`, `县总工会`). `安徽省和县` and a
    `和县` opening a line stay."""
    start = m.start("r") if "r" in m.re.groupindex else m.start()
    if m.start() != start or start == 0 or after_region or not (
            "\u4e00" <= text[start - 1] <= "\u9fff" or text[start - 1] in ")）"):
        return None  # (`乡镇(街道)和县直部门`: after a bracket too)
    for prefix in _FUNCTION_PREFIXES:
        rest = start + len(prefix)
        if text.startswith(prefix, start) and rest < m.end():
            if text[rest] in _LEVEL_CHARS or region_regex().match(text, rest):
                return rest
            return None
    return None


#: a two-character name is a word of the text instead, mid-word: its level char starting
#: `X级` or `X域` (`建成县级`, `川南区域`), or its direction char starting a bank
#: (`珠江西岸`). (A compass point is left alone: `湘西北` is 湘 + 西北, but `广西北部湾` is
#: 广西 + 北部湾.)
_GLUED_AFTER = {"县": "级域", "市": "级", "区": "级域", "旗": "级", "西": "岸", "东": "岸"}


def _glued_word(text: str, m: re.Match[str]) -> bool:
    """...or its first character ends a word before it (`示范县`, `人才兴县`: see
    region_glue_words.txt)."""
    name = m.group()
    if len(name) != 2 or m.start() == 0 or not "\u4e00" <= text[m.start() - 1] <= "\u9fff":
        return False
    nxt = text[m.end():m.end() + 1]
    if nxt and nxt in _GLUED_AFTER.get(name[-1], ""):
        return True
    return any(text.endswith(word, 0, m.start() + 1) for word in _glue_words())


def _inside_other_place(text: str, m: re.Match[str], last_end: int) -> bool:
    """A two-character short name whose first character ends another place's short name
    (`东台中等专业学校`: 东台, not 台中), unless that character is a found place's last
    (`陕西安康`: 西 ends 陕西, so 安康 stands)."""
    k = m.start()
    return len(m.group()) == 2 and k > 0 and k != last_end \
        and text[k - 1:k + 1] in get_gazetteer().stems


@functools.cache
def _glue_words() -> frozenset[str]:
    return load_set("region_glue_words")


#: a street named after a place (`华山南路`, `中山路`, `北京东路`, `长安街`): what follows a
#: region's short name when the name is a street's, not the region (`路演`: a roadshow; a
#: full name before 街道 is a county's: `历下区街道`)
_STREET = re.compile(r"(?:[东西南北中]{1,2})?(?:路(?![演径线子])|街|大道|巷|胡同)")


def find_regions(text: str) -> Iterator[Mention]:
    gaz = get_gazetteer()
    search, pos, last_end = lx.search_all(region_regex(), text), 0, -1
    counties: set[str] = set()
    while (m := search(pos)) is not None:
        rest = _function_word_at(text, m, after_region=m.start() == last_end)
        if rest is not None:
            pos = rest  # read on after the function word: 田阳区 in `园区和田阳区`
            continue
        pos = m.end()
        if _glued_word(text, m) or _inside_other_place(text, m, last_end) \
                or (m.group()[-1] not in _LEVEL_CHARS and _STREET.match(text, m.end())):
            pos = m.start() + 1  # (a longer name may still start inside it)
            continue
        cands = gaz.lookup(m.group())
        if cands:
            last_end = m.end()
            counties.update(c.path for c in cands if c.level == "county")
            yield Mention(Label.REGION, m.group(), m.start(), m.end(), m.group(),
                          {"candidates": [c.path for c in cands]})
    for m in _DEICTIC_REGION.finditer(text):
        level = m.group(1) or "自治区"
        yield Mention(Label.REGION, m.group(), m.start(), m.end(), m.group(),
                      {"deictic": level})
    for m in _LEVEL_BEFORE_QUOTE.finditer(text):
        yield Mention(Label.REGION, m.group(), m.start(), m.end(), m.group(),
                      {"deictic": m.group(1)})
    yield from _find_towns(text, counties)


def _find_towns(text: str, counties: set[str]) -> Iterator[Mention]:
    """Towns of the counties the text names (`古陶镇` in a text naming 平遥县; a name several
    of them have is a candidate of each, resolve picks), by full name, not inside a longer
    word (`新城镇化`). A town is nobody's outside its county's texts: 城关镇 names 99."""
    gaz = get_gazetteer()
    by_name: dict[str, list[str]] = {}
    for county in sorted(counties):
        for town in gaz.towns_of(county):
            by_name.setdefault(town.name, []).append(town.path)
    for name, paths in by_name.items():
        i = text.find(name)
        while i >= 0:
            end = i + len(name)
            if text[end:end + 1] != "化":
                yield Mention(Label.REGION, name, i, end, name, {"town": paths})
            i = text.find(name, end)


#: the organs of a town after its name (`某镇党委`, `某乡人民政府`, `某镇团委`)
_TOWN_ORGAN = re.compile(r"党委员会|党委|人民政府|政府|团委")


def find_town_units(text: str, towns: list[Mention]) -> Iterator[Mention]:
    """The party committee, government and Youth League committee of a town the text
    names (`白塔镇党委`): units of the town (`town`: its candidate paths)."""
    for t in towns:
        m = _TOWN_ORGAN.match(text, t.end)
        if m is None:
            continue
        organ = m.group()
        kind, dept = ("youth", "") if organ == "团委" else \
            ("party", "") if organ.startswith("党") else ("gov", "")
        yield Mention(Label.GOV_UNIT, text[t.start:m.end()], t.start, m.end(),
                      text[t.start:m.end()],
                      {"kind": kind, "dept": dept, "region": t.text, "section": "",
                       "via_gov": False, "zg": False, "town": t.attrs["town"]})


def _shared_head_regions(text: str, pos: int) -> list[tuple[int, int]]:
    """The regions listed right before a unit that starts at `pos` with its region's name
    (`临泉县、太和县、界首市人社局`: 临泉县 and 太和县), as (start, end), nearest first: full
    names of regions (`某县`, `某市`), each followed by `、`."""
    gaz = get_gazetteer()
    found: list[tuple[int, int]] = []
    while pos > 1 and text[pos - 1] == "、":
        end = pos - 1
        for start in range(max(0, end - 10), end - 1):  # the longest name first
            name = text[start:end]
            if name[-1] in _LEVEL_CHARS and region_regex().fullmatch(name) \
                    and gaz.lookup(name) and (start == 0 or text[start - 1] in _JOINERS):
                found.append((start, end))
                pos = start
                break
        else:
            break
    return found


#: between a party committee and a bare department of it in a title chain: `市委常委、组织部部长`
_CHAIN = re.compile(r"(?:常委|常务委员|副书记|书记|委员)、")


#: what makes an organ's name a website's (`某某人民政府网`, `…门户网站`)
_SITE = re.compile(r"(?:门户)?网(?![格络])")


def find_units(text: str) -> Iterator[Mention]:
    party_end, party_region = -1, ""  # the last party committee with its region part
    for m in lx.finditer(unit_regex(), text):
        g = m.groupdict()
        region = g.get("r") or ""
        if g.get("party") and (text.endswith("共青团", 0, m.start()) or (
                len(region) == 1 and text.endswith("团", 0, m.start()))):
            # `共青团九江市委`, `团市委`: the Youth League's committee, not the party's
            lead = 3 if text.endswith("共青团", 0, m.start()) else 1
            yield Mention(Label.GOV_UNIT, text[m.start() - lead:m.end()], m.start() - lead,
                          m.end(), text[m.start() - lead:m.end()],
                          {"kind": "youth", "dept": "", "region": region, "section": "",
                           "via_gov": False, "zg": False})
            continue
        if region and not _deictic_ok(text, m.start("r"), region):
            continue
        if _SITE.match(text, m.end()):
            continue  # `某州人民政府网`: a website's name, not the organ
        if len(region) > 1 and _function_word_at(text, m, after_region=False) is not None:
            continue  # `人社局会同县总工会`: not a 总工会 of 会同县
        if g.get("bare"):
            if m.start() > 0 and text[m.start() - 1] not in _JOINERS and text[m.start() - 1] not in "区市旗县":
                continue
            if g["bare"] in lx.party_departments():
                kind, dept = "party_dept", g["bare"]
            else:
                kind, dept = "gov_dept", lx.gov_departments()[g["bare"]]
        elif g.get("adhoc"):
            from ingest.extract.names import strip_leading_verbs

            topic = g["topic"]
            while topic and lx.ends_with_boundary(topic, len(topic)) is False and any(
                    topic.startswith(b) for b in lx.boundaries()[0] if len(b) > 1):
                topic = topic[next(len(b) for b in lx.boundaries()[0] if len(b) > 1 and topic.startswith(b)):]
            topic, _ = strip_leading_verbs(topic, 2)
            kind, dept = "adhoc", topic + g["adhoc"]
        elif g.get("party"):
            kind = "party_dept" if g.get("pdept") else "party"
            dept = lx.party_departments().get(g.get("pdept") or "", "")
        elif g.get("gov"):
            kind = "gov_dept" if g.get("gdept") or g.get("goffice") else "gov"
            # `X人民政府办公室` is the government's office, not the government
            dept = f"人民政府{g['goffice']}" if g.get("goffice") else \
                lx.gov_departments().get(g.get("gdept") or "", "")
        elif g.get("cppcc"):  # the people's political consultative conference (`市政协`)
            kind, dept = "cppcc", g.get("cdept") or ""
        elif g.get("npc"):  # the standing committee of the people's congress (`市人大常委会`)
            kind, dept = "npc", g.get("ndept") or ""
        elif g.get("pdept2"):
            kind, dept = "party_dept", lx.party_departments()[g["pdept2"]]
        else:
            kind, dept = "gov_dept", lx.gov_departments()[g["gdept2"]]
        if dept == "团委":  # `县团委`: the Youth League's committee, no government's department
            kind, dept = "youth", ""
        if kind == "party" and region in ("市", "区", "县", "旗", "州", "盟", "省") and g.get("party") == "委员会":
            continue
        if kind == "party_dept" and not region and party_region and _CHAIN.fullmatch(
                text, party_end, m.start()):
            region = party_region  # `市委常委、组织部部长`: that 市委's 组织部
        if kind == "party":
            party_end, party_region = m.end(), region
        attrs = {"kind": kind, "dept": dept, "region": region, "section": g.get("sect") or "",
                 "via_gov": bool(g.get("gov")) and kind == "gov_dept", "zg": bool(g.get("zg"))}
        yield Mention(Label.GOV_UNIT, m.group(), m.start(), m.end(), m.group(), attrs)
        if len(region) > 1 and m.start("r") == m.start():
            for start, end in _shared_head_regions(text, m.start()):
                # `A县、B县、C市人社局`: A's and B's 人社局 too (the region's text is no
                # name of the unit: `implied` would also hide it from lists of runners)
                yield Mention(Label.GOV_UNIT, text[start:end], start, end, text[start:end],
                              {**attrs, "region": text[start:end], "shared": True})
    # `钟山区副区长`, `县长` (before a name, or ending a roster's line after one): the head of
    # a people's government is a member of it (the title stands for the unit; `implied`: its
    # text is no name of the unit)
    for m in _GOV_HEAD.finditer(text):
        before = text[:m.start()]
        place = _place_before(text, m.start())
        if place is None and m.start() > 0 and before[-1] not in _JOINERS and before[-1] != "、":
            continue  # `城市长效机制`
        yield Mention(Label.GOV_UNIT, m.group(), m.start(), m.end(), m.group(),
                      {"kind": "gov", "dept": "", "region": place or m.group("lvl"),
                       "section": "", "via_gov": False, "zg": False, "implied": True})
    # `区财政每年安排…`: the finance bureau, by its budget's name, as the subject of a
    # clause (not `纳入区财政预算`)
    for m in _FINANCE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] not in _JOINERS and text[m.start() - 1] != "由":
            continue
        yield Mention(Label.GOV_UNIT, m.group(), m.start(), m.end(), m.group(),
                      {"kind": "gov_dept", "dept": lx.gov_departments()["财政局"],
                       "region": m.group("lvl"), "section": "", "via_gov": False, "zg": False})
    # `某高新区管委会`: the committee that governs a development zone
    for m in _ZONE_COMMITTEE.finditer(text):
        from ingest.extract.names import left_extent

        start = left_extent(text, m.start("kind"), max_len=14)
        joined = [j.end() for j in _JOINED.finditer(text, start, m.start("kind"))
                  if m.start("kind") - j.end() >= 2]
        start = joined[-1] if joined else start  # `人社局联合某高新区管委会`
        zone = text[start:m.end("kind")]
        if m.start("kind") - start < 2:
            continue  # a bare 高新区管委会 names no zone
        organ = m.group("organ")
        if organ in ("管理委员会", "管委会"):
            dept = f"{zone_name(zone)}管理委员会"
        else:  # `某开发区党工委(组织部)`: the party's working committee of the zone
            dept = f"中共{zone_name(zone)}工作委员会{m.group('pdept') or ''}"
        attrs = {"kind": "zone", "dept": dept, "region": "", "section": "", "via_gov": False,
                 "zg": False}
        yield Mention(Label.GOV_UNIT, text[start:m.end()], start, m.end(), text[start:m.end()],
                      attrs)
        also = _ZONE_ALSO.match(text, m.end())
        if also and not m.group("pdept"):  # `某开发区党工委、管委会`: the zone's both
            other = f"{zone_name(zone)}管理委员会" if organ not in ("管理委员会", "管委会") \
                else f"中共{zone_name(zone)}工作委员会"
            yield Mention(Label.GOV_UNIT, also.group("organ"), also.start("organ"), also.end(),
                          also.group("organ"), {**attrs, "dept": other, "shared": True})
    yield from _find_national_units(text)
    # `旗委、政府`: a bare 政府 coordinated with a party committee is the same place's
    for m in re.finditer(r"(市|区|县|旗)委[、和与及]政府", text):
        s = m.end() - 2
        yield Mention(Label.GOV_UNIT, "政府", s, m.end(), "政府",
                      {"kind": "gov", "dept": "", "region": m.group(1), "section": "",
                       "via_gov": False, "zg": False})


@functools.cache
def _national_regex() -> re.Pattern[str]:
    # not a local department's kind (`教育部门`), nor a document number's prefix (`国办发`)
    return re.compile(rf"(?:{lx._alternation(lx.national_units())})(?![门发函])")


def _find_national_units(text: str) -> Iterator[Mention]:
    """Central organs (`中共中央办公厅`, `人力资源社会保障部`, `国家发展改革委`): no region part,
    so not after a level or a place (`县教育部` is none); a short name (`教育部`, `中办`) only
    as a word of its own, after a joiner, a verb that joins units, or the line's start
    (`电子商务部` is a company's)."""
    for m in _national_regex().finditer(text):
        prev = text[m.start() - 1] if m.start() else ""
        if prev in _LEVEL_CHARS or _place_before(text, m.start()) is not None:
            continue
        if len(m.group()) <= 3 and "\u4e00" <= prev <= "\u9fff" and prev not in _JOINERS \
                and not text.endswith(_JOINING_VERBS, 0, m.start()):
            continue
        canon = lx.national_units()[m.group()]
        yield Mention(Label.GOV_UNIT, m.group(), m.start(), m.end(), m.group(),
                      {"kind": "national", "dept": canon, "region": "", "section": "",
                       "via_gov": False, "zg": False})


#: a high-tech zone by any of its names (`宝鸡高新区`, `某某国家级高新区`, `某某市高新技术产业开发区`)
_HIGH_TECH_ZONE = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2,}?)市?(?:国家级|国家)?"
                             r"(?:高新技术产业开发区|高新技术开发区|高新区)")


def zone_place(name: str) -> str | None:
    """The place a high-tech zone is named after (`界首` of `安徽界首高新技术产业开发区`)."""
    full = zone_name(name)
    return full.removesuffix("高新技术产业开发区") if full != name or _HIGH_TECH_ZONE.fullmatch(
        name) else None


def zone_name(name: str) -> str:
    """A development zone's name in its full form, the one it is known by whichever form a
    text uses: `某某高新区`, `某某国家级高新区`, `某某市高新技术产业开发区` and `某省某某高新
    技术产业开发区` are all `某某高新技术产业开发区`. Other names as they are."""
    m = _HIGH_TECH_ZONE.fullmatch(name)
    if m is None:
        return name
    stem = m.group("stem")
    from ingest.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    for k in (2, 3):  # a national zone's official name may open with its province (`安徽某某`)
        rest = stem[k:]
        if len(rest) >= 2 and any(d.level == "province" for d in gaz.lookup(stem[:k])) \
                and any(gaz.lookup(rest + end) for end in ("", "市", "县", "区")):
            stem = rest  # (not `吉林中部`: 中部 is no place)
            break
    return f"{stem}高新技术产业开发区"


#: a development zone's committee (`某某经济技术开发区管理委员会`, `某高新区管委会`) or its
#: party's working committee (`某开发区党工委`) and a department of that: the zone's name
#: runs left from its kind to a boundary word
_ZONE_COMMITTEE = re.compile(
    r"(?P<kind>经济技术开发区|高新技术产业开发区|经济开发区|开发区|高新区|经开区|新区|工业园区|"
    r"产业园区|园区|试验区|示范区|保税区|新城)"
    r"(?P<organ>管理委员会|管委会|党工委|党的工作委员会|工作委员会)"
    r"(?P<pdept>组织部|宣传部|统战部|办公室|党政办公室|党群工作部)?")
#: the zone's other committee written right after one (`某开发区党工委、管委会`)
_ZONE_ALSO = re.compile(r"[、和及与]\s*(?P<organ>管理委员会|管委会|党工委)")
#: a unit joined with the zone's committee: the zone's name starts after the verb
_JOINED = re.compile(r"(?<=[局委办厅院部府])(?:联合|会同|携手|与|和|及)")
#: the head of a people's government, by level (`副区长`, `县长`, `市长`)
_GOV_HEAD = re.compile(r"(?:常务)?副?(?P<lvl>[省市区县旗州盟])长(?=[\u4e00-\u9fff]{2,3}|[ \t\u3000]*(?:\n|$))")
#: `县财政` doing something: the finance bureau of that level
_FINANCE = re.compile(r"(?P<lvl>[省市区县旗州盟])财政(?=每年|每|对|按|设立|设|安排|给予|列支|统筹|"
                      r"投入|全年|将|要|负责|出资|拨付|予以|奖励|补助|资助|累计|共|为|承担)")


def _place_before(text: str, end: int) -> str | None:
    """The division name that ends at `end` (`钟山区` in `钟山区副区长`), if any."""
    for n in range(min(end, 12), 1, -1):
        if region_regex().fullmatch(text, end - n, end):
            return text[end - n:end]
    return None


#: verbs of saying that follow a title and are not names (`副部长强调`)
_SAYING = {"强调", "指出", "表示", "介绍", "要求", "讲话", "说明", "谈到", "提出", "认为"}


#: what follows `<title><name>`: a verb of saying or of doing at a meeting, a preposition,
#: or the clause's end (`组长曹立明主持会议`, `部长陈立群带队赴…`, `副部长李慧敏为…颁发`)
_AFTER_NAME = ("说|表示|介绍|指出|强调|讲话|主持|出席|参加|带队|通报|调研|宣读|部署|陪同|会见|颁发|正在|正带|带领|"
               "解读|致辞|宣布|传达|总结|点评|代表|到|博士|获评|荣获|入选|当选|关于|"
               "一行|同志|分别|等|作|在|为|对|就|、|,|，|。")
#: a further name in a list after a titled one (`局长高某、李某出席`): same title
_NEXT_NAME = re.compile(rf"、(?P<n>[\u4e00-\u9fff]{{2,3}}?)(?={_AFTER_NAME})")
#: what a post is held by, before the holder's name (`副主任由某某同志兼任`)
_BY = frozenset("由是")
#: a 2-3 character "name" that is an act of taking a post (`部长任组长`, `书记兼组长`)
_TAKES_POST = re.compile(r"^[任兼为]")


@functools.cache
def _titles() -> frozenset[str]:
    return frozenset(load_list("person_titles"))


@functools.cache
def _person_regexes() -> tuple[re.Pattern[str], ...]:
    titles = lx._alternation(load_list("person_titles"))
    name = r"(?P<n>[\u4e00-\u9fff]{2,3}?)"
    return (re.compile(rf"(?P<t>{titles}){name}(?={_AFTER_NAME})"),
            # a post and a name closing a line, apart by a space (`某县人民政府县长 某某某`)
            re.compile(rf"(?P<t>{titles})[ \t]{name}[ \t]*(?=\n|\Z)"),
            re.compile(rf"(?<=[部局委办室科])(?P<n2>[\u4e00-\u9fff]{{2,3}}?)(?P<t2>{titles})"))


#: titles that name a person only before the name (`负责人李某`), never after it
_TITLE_BEFORE_ONLY = frozenset({"负责人", "总监", "总指挥", "副总指挥", "总工程师", "高级工程师", "工程师",
                                "副主任医师", "主任医师", "教授", "研究员", "高级农艺师", "农艺师",
                                "高级畜牧师", "畜牧师", "副教授", "副研究员", "讲师", "高级讲师"})


#: how an organ speaks of itself (`我局`, `本委`): the character its own name ends with
#: (`本` only after no word, as in `基本办法` it is none)
_SELF = re.compile(r"(?<!自)我(?P<c>局|委|办|厅)(?![托员会法理公事限])"
                   r"|(?:(?<![\u4e00-\u9fff])|(?<=[现由经对将为请向与和同及]))"
                   r"本(?P<c2>局|委|办|厅)(?![托员会法理公事面势限])")
_SELF_ENDS = {"局": ("局",), "委": ("委员会", "委"), "办": ("办公室", "办"), "厅": ("厅",)}


def find_self_references(text: str, publisher: str | None) -> Iterator[Mention]:
    """`我局将…` in a page its bureau publishes: that bureau, named as the page's
    publisher (`我局` is no name of it: resolve adds no alias). Nothing without a publisher or
    when the publisher's name does not end with the organ (`我局` under a 委员会)."""
    if not publisher:
        return
    for m in _SELF.finditer(text):
        organ = m.group("c") or m.group("c2")
        if publisher.endswith(_SELF_ENDS[organ]):
            yield Mention(Label.GOV_UNIT, m.group(), m.start(), m.end(), publisher,
                          {"kind": "self", "dept": "", "region": "", "section": "",
                           "via_gov": False, "zg": False, "publisher": publisher})


def find_persons(text: str) -> Iterator[Mention]:
    """`<unit><title><name>` or `<unit><name><title>` (`主任王某某说`, `张某某副部长`)."""
    surnames = lx.surnames()
    for pattern in _person_regexes():
        for m in pattern.finditer(text):
            n = m.groupdict().get("n") or m.groupdict().get("n2")
            if not n or n[0] not in surnames and n[:2] not in surnames or n[:2] in _SAYING:
                continue
            if _TAKES_POST.match(n) and any(n[1:].startswith(t) for t in load_list("person_titles")):
                continue  # `由组织部部长任组长`: no person named 任组长
            key = "n" if m.groupdict().get("n") else "n2"
            start = m.start(key)
            if len(n) == 3 and n[0] in _BY and key == "n":
                n, start = n[1:], start + 1  # `副主任由某某同志兼任`: 某某, not 由某某
            title = m.groupdict().get("t") or m.groupdict().get("t2")
            if key == "n2" and title in _TITLE_BEFORE_ONLY:
                continue  # `部门主要负责人`: no person named 门主要
            if n in lx.party_departments() or n in lx.gov_departments():
                continue  # `县委宣传部副部长`: the department of the post, no person
            yield Mention(Label.PERSON, n, start, m.end(key), n, {"title": title})
            end = m.end(key)
            while key == "n" and (more := _NEXT_NAME.match(text, end)):
                other = more.group("n")  # `市领导王某、李某`: a known surname, not a title
                if other[0] not in surnames and other[:2] not in surnames or \
                        other in _titles():
                    break
                yield Mention(Label.PERSON, other, more.start("n"), more.end("n"), other,
                              {"title": title})
                end = more.end("n")
    # a letter's addressee (`某某代表:` on its own line) and its contact (`联系人:某某`)
    for m in _ADDRESSED.finditer(text):
        key = "n" if m.group("n") else "n2"
        n = m.group(key)
        if n[0] in surnames or n[:2] in surnames or "·" in n:
            yield Mention(Label.PERSON, n, m.start(key), m.end(key), n,
                          {"title": m.group("t") or _LABEL.match(m.group()).group(1)})
    for m in _CONTACT_LINE.finditer(text):  # `某市委人才办:某某,0851-…`
        n = m.group("n")
        if n[0] in surnames or n[:2] in surnames:
            yield Mention(Label.PERSON, n, m.start("n"), m.end("n"), n, {"title": "联系人"})
    for m in _MORE_CONTACTS.finditer(text):  # `联系人:A处 某某,电话…;B处 某某,电话…`
        n = m.group("n")
        line = text.rfind("\n", 0, m.start()) + 1
        if "联系人" in text[line:m.start()] and (n[0] in surnames or n[:2] in surnames):
            yield Mention(Label.PERSON, n, m.start("n"), m.end("n"), n, {"title": "联系人"})


#: a deputy addressed by a reply, on a line of its own (`尊敬的某某委员:`), the contact
#: named under a letter (`联系人:某某`, or after their unit: `联系人:市委组织部人才科 某某`)
#: the official who signed it off (`签发人:某某`) and a page's editors (`责任编辑:某某`)
_ADDRESSED = re.compile(r"(?m)^[ \t]*(?:尊敬的)?(?P<n>[\u4e00-\u9fff]{2,3})(?P<t>代表|委员)[:：][ \t]*$"
                        r"|(?:(?:签发人|(?:责任)?编辑|审核|审校|校对|[初复终]审|撰稿|审稿|通讯员)\s*[:：]\s*"
                        r"|联系人\s*[:：]\s*(?:[\u4e00-\u9fff]{2,24}?"
                        r"(?:部|局|委|办|室|科|处|股|中心|站|所|院)[ \t\u3000]+)?)"
                        r"(?P<n2>[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6})"
                        r"(?=[,，;；。\s(（)）]|电话|$)")
#: the label a line names a person after (`责任编辑`, `联系人`)
_LABEL = re.compile(r"(?:尊敬的)?([\u4e00-\u9fff]+)")
#: a line of a list of contacts: a unit, a colon, a name and their phone
_CONTACT_LINE = re.compile(r"(?m)^[ \t]*[\u4e00-\u9fff]{2,24}?(?:部|局|委|办|室|科|处|股|中心|站|所|院|厅)"
                           r"[ \t]*[:：][ \t]*(?P<n>[\u4e00-\u9fff]{2,3})"
                           r"(?=[,，、 \t]*(?:联系)?(?:电话)?[:：]?[ \t]*[(（]?\d{3,4}[)）\-－]?\d{7,8})")
#: a further contact after a semicolon: a unit, a space, a name and their phone
_MORE_CONTACTS = re.compile(r"[;；]\s*[\u4e00-\u9fff]{2,24}?(?:部|局|委|办|室|科|处|股|中心|站|所|院|厅)"
                            r"[ \t\u3000]+(?P<n>[\u4e00-\u9fff]{2,3})(?=[,，]?\s*(?:联系)?电话)")
