"""Name grammar: a head noun found in the text, extended leftwards to its name.

Chinese has no spaces, so a name's left edge is where a word that cannot be part of a name
ends (a verb of doing, an adverb, a preposition, a measure phrase: ingest/data/
left_boundaries.txt) or punctuation. `建设` and other verbs that also stand inside names
(`人才培养计划`) are stripped only at the very start of a candidate (leading_verbs.txt).
"""
from __future__ import annotations

import contextlib
import functools
import gc
import io
import re
from collections.abc import Iterator

from ingest.extract import lexicon as lx
from ingest.normalise import unquote
from ingest.types import Mention
from ingest.vocab import load_set
from schema.labels import Label

_NAME_CHAR = re.compile(rf"[{lx.CJK}0-9A-Za-z&+·\-—]")
#: after a program head, only these may follow inside a sentence (else it is a compound:
#: 工程师, 计划生育, 机制改革)
_PROGRAM_FOLLOW = set("的和、等及为中是在以与并将已由对从向被把于也都还,，。;；:：!！?？)）》”’\n 　|") 
_BAD_PLATFORM_FOLLOW = set("化师")
#: a document that implements a program (`人才安居工程实施方案`): the program ends before it
#: an action of a term of years (`三年行动`): the plan that carries it out is all there is
_N_YEAR_ACTION = re.compile(r"[一二三四五六七八九十两\d]+年(?:行动|攻坚行动)$")
_IMPLEMENTING_DOC = re.compile(r"(?:实施|管理|推进)(?:方案|意见|办法|细则)")


def left_extent(text: str, head_start: int, max_len: int = 22, head_verb: bool = False) -> int:
    """Index where the name whose head starts at `head_start` begins. `head_verb`: a
    verb right before the head is the name's own (`顶尖人才集聚工程`), not its boundary."""
    i = head_start
    while i > 0 and head_start - i < max_len:
        if text[i - 1] == ")":  # a bracketed part inside a name (`院士(专家)工作站`,
            # `某市(某市)人才飞地`): a few name characters after a name character
            inner = _BRACKETED.search(text, max(0, i - 8), i)
            if inner is None or inner.start() == 0 or not _NAME_CHAR.match(
                    text[inner.start() - 1]) or inner.group()[1:-1] in _LEVEL_WORDS:
                break  # (`镇(街道)`: another level, the name is the generic kind's)
            i = inner.start()
            continue
        if lx.ends_with_boundary(text, i) and not (
                head_verb and i == head_start and lx.ends_with_verb_word(text, i)) \
                and not _inside_region_name(text, i):
            break
        ch = text[i - 1]
        if ch in "”’」』":  # a quoted part inside a name: jump over it
            j = text.rfind("“", max(0, i - 14), i - 1)
            if j < 0:
                break
            i = j
            continue
        if not _NAME_CHAR.match(ch):
            break
        i -= 1
    return i


def _inside_region_name(text: str, i: int) -> bool:
    """Whether a region's full name runs across `i` (`太和县青年人才公寓`: the 和 of 太和县 is
    no conjunction)."""
    from ingest.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    for end in range(i + 1, min(len(text), i + 3) + 1):
        if text[end - 1] not in "省市区县州盟旗":
            continue
        for start in range(max(0, end - 8), i):
            if end - start >= 3 and gaz.lookup(text[start:end]):
                return True
    return False


#: a bracketed qualifier inside a name: two to six CJK characters in ASCII brackets (the
#: normalised form of full-width ones)
_BRACKETED = re.compile(r"\([\u4e00-\u9fff]{2,6}\)$")
#: levels and kinds of unit a bracket gives as an alternative (`镇(街道)`, `县(区)`)
_LEVEL_WORDS = frozenset({"街道", "社区", "乡镇", "镇", "乡", "村", "市", "区", "县", "旗", "市区",
                          "县区", "园区", "单位", "部门", "企业", "高校"})
#: who does what a name's leading verb says (`支持企业建设重点实验室`, `面向海内外引进…`)
_DOER = re.compile(r"(?:龙头|重点|骨干)?企业|高校|高等院校|科研院所|院校|用人单位|各地|各县区|县区|"
                   r"乡镇|社会力量|社会资本|海内外|国内外|省内外|市内外")
#: adverbs that stand before a predicate verb, never before a name
_EMPHASIS = frozenset({"重点", "大力", "着力", "积极", "优先", "全面", "持续", "加快", "主动", "切实"})


#: nouns that open with a verb's characters (`开发区` with 开发)
_VERB_LED_NOUNS = ("开发区", "开发园区", "示范区", "试验区", "实验区", "服务区", "创业园", "孵化器",
                   "建设兵团")


def strip_leading_verbs(name: str, min_rest: int) -> tuple[str, int]:
    """Drop predicate verbs from the start of `name`; returns (name, chars dropped)."""
    verbs, lengths = lx.leading_verb_lengths()
    dropped = 0
    # the tail of a time word before the verb (`每年|引进…`, `五年|新建…`)
    if name[:1] == "年" and any(name[1:1 + n] in verbs and len(name) - 1 - n >= min_rest
                               for n in lengths):
        name, dropped = name[1:], 1
    # an adverb of emphasis before the verb (`重点|服务基层…`, `大力|培育…`)
    elif name[:2] in _EMPHASIS and any(name[2:2 + n] in verbs and len(name) - 2 - n >= min_rest
                                       for n in lengths):
        name, dropped = name[2:], 2
    while True:  # the longest leading verb that leaves `min_rest` characters, again and again
        n = next((n for n in lengths if len(name) - n >= min_rest and name[:n] in verbs), 0)
        if n and name.startswith(_VERB_LED_NOUNS):
            n = 0  # `开发区人才公寓`: a noun that opens with a verb (开发), no predicate
        if not n:
            # a doer before the verb (`支持|企业|建设重点实验室`, `海内外|引进领军人才`)
            doer = _DOER.match(name)
            if doer is None or name.startswith(_VERB_LED_NOUNS, doer.end()) or not any(
                    name[doer.end():doer.end() + k] in verbs
                    and len(name) - doer.end() - k >= min_rest for k in lengths):
                return name, dropped
            n = doer.end()
        name = name[n:]
        dropped += n


@functools.cache
def _tagger():
    """jiojio (jionlp's segmenter) with part-of-speech tags, loaded on first use; it only
    ever sees short candidate names, never whole documents.

    Loading builds millions of objects (the model's features, before they become a C
    table). With the cyclic collector on, its full collections traverse them again and again
    (a third of the load); with it merely off, what survives piles up in the youngest
    generation and the ingest that follows pays for it, collection after collection. So:
    off while loading, then frozen: what is alive then (mostly modules and the tagger, kept
    for the process's life) is moved where the collector never looks; reference counting
    still frees any of it that is dropped (only a cycle would stay).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner
            import jiojio

            jiojio.init(pos=True)
    finally:
        if collecting:
            gc.enable()
        gc.freeze()
    return jiojio


@functools.lru_cache(maxsize=1 << 16)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """jiojio's (word, part of speech) of a short candidate name. Cached: a corpus repeats
    its names (the same program in every article of a bulletin), and tagging is the
    costliest step of the head-noun extractors; the tags depend on `text` alone. Empty
    text has no words (jiojio itself raises on it: a name made only of stacked heads,
    `专项行动计划`, leaves an empty modifier)."""
    if not text:
        return ()
    return tuple((word, tag) for word, tag in _tagger().cut(text))


#: time words that qualify a name rather than date a clause (`现代产业学院`, `未来科技城`)
_ATTRIBUTIVE_TIME = {"现代", "当代", "未来", "近代", "古代"}
#: parts of speech that do not start a name: verbs, adverbs, prepositions, conjunctions,
#: particles, numerals, measure words, pronouns, locatives, time words
_PREDICATE_POS = {"v", "vd", "d", "p", "c", "u", "m", "q", "r", "f", "t", "ad"}


def trim_predicate(raw: str, keep: int) -> tuple[str, int]:
    """Drop leading predicate words (by part of speech) while `keep` characters remain;
    a known talent category or a place's name at the start is never cut (`骨干人才培育工程`,
    `莒县绿茶产业研究中心`: the tagger reads some county names as verbs)."""
    from ingest.extract.units import region_regex
    from ingest.gazetteer import get_gazetteer

    talent = lx.talent_regex()
    stems = get_gazetteer().stems
    pos = 0
    for word, tag in pos_tags(raw):
        if talent.match(raw, pos) or region_regex().match(raw, pos) \
                or raw[pos:pos + 2] in stems or tag not in _PREDICATE_POS or len(raw) - pos - len(word) < keep \
                or word in _ATTRIBUTIVE_TIME or (tag == "f" and len(word) == 1 and pos == 0
                                                 and raw[1:2] not in "一二三四五六七八九十"):
            break  # (a lone 南/前 opening a name is mostly part of a place's name: 南繁)
        pos += len(word)
    return raw[pos:], pos


def clean(name: str) -> str:
    """Canonical form of a name: no quotation marks or 《》, no white space."""
    return "".join(unquote(name).split())


def _span_name(text: str, head_start: int, head_end: int, min_rest: int,
               head_verb: bool = False) -> tuple[int, str] | None:
    start = left_extent(text, head_start, head_verb=head_verb)
    raw = text[start:head_end]
    raw = raw.lstrip("—-·+&")
    start = head_end - len(raw)
    raw, dropped = strip_leading_verbs(raw, head_end - head_start + min_rest)
    start += dropped
    if head_start - start < min_rest:
        return None
    return start, raw


#: heads so common in prose (`健全…机制`) that an unquoted name needs a verb of doing
#: right before it (`实施人才服务专员制度`)
_WEAK_HEADS = {"机制", "工作机制", "制度", "模式", "工作模式", "活动", "系列活动", "主题活动", "评审"}
#: a Chinese count and a collective measure opening a name (`五大…工程`, `百名…行动`, `三项…`)
_COUNTED_NAME = re.compile(r"^[一二三四五六七八九十两百千万]+[大项名]")
_TRIGGERS = {"实施", "推行", "建立", "落实", "实行", "推进", "启动", "开展"}


@functools.cache
def _program_head_regex() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(h) for h in lx.program_heads()))


def find_programs(text: str) -> Iterator[Mention]:
    """Unquoted `X…计划/工程/行动/制度/机制…` names (quoted ones: `quoted.py`)."""
    heads = lx.program_heads()
    for m in _program_head_regex().finditer(text):
        nxt = text[m.end():m.end() + 1]
        if nxt and nxt not in _PROGRAM_FOLLOW and not _IMPLEMENTING_DOC.match(text, m.end()):
            continue
        got = _span_name(text, m.start(), m.end(), min_rest=3, head_verb=True)
        if got is None:
            continue
        start, raw = got
        if any(q in raw for q in "“”‘’\""):
            continue  # quoted names are quoted.py's
        if _N_YEAR_ACTION.search(raw) and _IMPLEMENTING_DOC.match(text, m.end()):
            continue  # `某县人才强县三年行动实施方案`: the plan of a term, no program of its own
        if not _COUNTED_NAME.match(raw):  # `三大引才工程`: the count is part of the name
            raw, cut = trim_predicate(raw, len(m.group()) + 3)
            start += cut
        if m.group() in _WEAK_HEADS and text[max(0, start - 4):start][-2:] not in _TRIGGERS:
            continue
        if text[start - 1:start] == "等" and not _COUNTED_NAME.match(raw):
            continue  # `A、B等引才专项`: an uncounted noun closing a list is its hypernym
        modifier = raw[:-len(m.group())]
        while modifier.endswith(heads):  # stacked heads (`行动计划`) are one head
            modifier = modifier[:-len(next(h for h in heads if modifier.endswith(h)))]
        if all(tag in ("a", "ad", "d", "r") for _, tag in pos_tags(modifier)):
            continue  # `相关行动计划`: an evaluative word alone does not name a program
        if _GENERIC_PROGRAM.fullmatch(modifier):
            continue  # `重点人才工程`, `2024年工作计划`: a kind of program, a year's plan
        yield Mention(Label.PROGRAM, raw, start, m.end(), clean(raw), {"kind": m.group()})


#: what before a program's head names a kind of program or a year's work, not one program
_GENERIC_PROGRAM = re.compile(r"(?:重点|重大|重要|主要|各类|各项|相关|有关|骨干)(?:人才)?"
                              r"|\d{4}年度?(?:工作|人才工作)?")
#: a part written after its program with a middle dot: `“某某英才”计划·种业振兴专项`
_DOTTED_PART = re.compile(r"(?<=[计划工程行动专项”])·(?P<part>[\u4e00-\u9fff]{2,12}?(?:专项|子计划|计划|工程|行动|项目))")


def find_dotted_parts(text: str) -> Iterator[Mention]:
    """`X计划·Y专项`: Y, a part of the program X (both named with a program's head; a dot
    after any other word joins one name: `我为家乡代言·三百行动`)."""
    for m in _DOTTED_PART.finditer(text):
        nxt = text[m.end():m.end() + 1]
        if nxt and nxt not in _PROGRAM_FOLLOW:
            continue
        part = m.group("part")
        kind = next(h for h in ("专项", "子计划", "计划", "工程", "行动", "项目") if part.endswith(h))
        yield Mention(Label.PROGRAM, part, m.start("part"), m.end(), part,
                      {"kind": kind, "dotted_part": True})


def _names_no_platform(raw: str, kind: str) -> bool:
    """Whether `raw`, ending in the platform kind `kind`, is only the kind with a generic
    modifier (`省级技能大师工作室` is a kind of its own, ranked: resolve drops the rank)."""
    modifier = raw[:-len(kind)]
    return raw not in lx.standalone_kinds() and _generic_modifier(modifier) and not (
        modifier and kind in lx.standalone_kinds() and (
            _LEVEL_ONLY.match(modifier) or modifier in _FOR_WHOM))


#: qualifiers that say whom a standalone kind is for, so make a kind of it
#: (`青年人才驿站`, `青年人才公寓`), where other qualifiers (`一批`, `优秀`) name nothing
_FOR_WHOM = frozenset({"青年", "年轻"})


def find_platforms(text: str) -> Iterator[Mention]:
    """Names ending in a platform kind (`…院士专家工作站`, `人才公寓`)."""
    for m in lx.head_regex("platform_kinds").finditer(text):
        if text[m.end():m.end() + 1] in _BAD_PLATFORM_FOLLOW:
            continue
        start = left_extent(text, m.start())
        modal = None
        for modal in _UNIT_MODAL.finditer(text, start, m.start()):
            pass
        for modal in _PLACING.finditer(text, start if modal is None else modal.end(), m.start()):
            pass  # (`入选对象同时纳入某区高层次人才库`: the 库 starts after 纳入)
        if modal is not None:
            start = modal.end()  # `县住建局要倒排人才公寓工期`: the unit's predicate
        first = _FIRST_OF.search(text, start, m.start())
        if first is not None and (first.start() == start or region_regex_at(text, start, first.start())):
            start = first.end()  # `某县首个茶乡人才驿站`: the station, first of the county's
        raw = text[start:m.end()]
        raw, dropped = strip_leading_verbs(raw, len(m.group()))
        start += dropped
        raw, cut = trim_predicate(raw, len(m.group()))
        start += cut
        if "籍" in raw:  # `在外某籍人才信息库`: people away from home, not the preposition 在
            if text[start - 1:start + 1] == "在外":
                start -= 1
            elif text[start - 2:start] == "在外":
                start -= 2
            raw = text[start:m.end()]
        if _inside_slogan(text, start, m.end()):
            continue
        raw, cut = _after_inner_break(raw, m.group())
        start += cut
        if _names_no_platform(raw, m.group()):
            continue
        name = clean(raw)
        if "(" in raw:  # `国家工程(技术)研究中心`: a kind with an optional word, read without
            plain = raw.replace("(", "").replace(")", "")  # the brackets
            kind = next(k for k in lx.platform_kinds_longest_first() if plain.endswith(k))
            if _names_no_platform(plain, kind):
                continue
            if kind in lx.standalone_kinds() and (plain == kind or _LEVEL_ONLY.match(plain[:-len(kind)])):
                name = clean(plain)  # (a ranked kind: its name is the kind's)
        yield Mention(Label.PLATFORM, raw, start, m.end(), name,
                      {"kind": m.group(), "count": _count_near(text, start, m.end())})


#: verbs of building: what stands before one is the builder, not part of the name
#: (`高校建设农业专家创新中心` → `农业专家创新中心`)
_BUILD_VERB = re.compile(r"新建|扩建|改建|建设|建立|设立|组建|共建|创建|搭建|开发|上线|启用|开通|"
                         r"布局|领办|创办|筹集|筹建|新设")
#: verbs of placing into a platform (`纳入`, `列入`): its name starts after them
_PLACING = re.compile(r"纳入|列入|录入|编入|入驻")
#: an ordinal before a platform's name (`首个`, `第二家`): it counts, it names nothing
_FIRST_OF = re.compile(r"(?:首个|首家|首座|第[一二三四五六七八九十\d]{1,3}[个家座])")


def region_regex_at(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a region's name."""
    from ingest.extract.units import region_regex

    return bool(region_regex().fullmatch(text, start, end))


#: a unit's name ending before a modal verb (`局要`, `委将`): its predicate follows
_UNIT_MODAL = re.compile(r"(?<=[局委办厅府])(?:要|将|应|需|须|拟|必须)")
#: a unit and a verb of joining it with another: the name restarts after them
#: (`区人社局联合某某高新区…`)
_UNIT_JOINS = re.compile(r"(?:局|委|办|厅|院|部|校)(?:联合|会同|携手)")
#: a level ranks a kind without naming one (`国家级重点实验室` is a 重点实验室)
_LEVEL_ONLY = re.compile(r"^(?:(?:国家|省部|省|自治区|市|区|县|旗|盟|部)级?|及以上|以上|[、和及])+$")


def _inside_slogan(text: str, start: int, end: int) -> bool:
    """A kind inside a quoted slogan that goes on after it (`“农户下单+驿站派单”`) is a
    word of the slogan, not a platform's name."""
    return start > 0 and text[start - 1] in lx.OPEN_Q and bool(re.match(rf"[{lx.CJK}]", text[end:end + 1]))


#: a place or a unit right before a verb of building: the builder (`市区建设青年人才驿站`,
#: `在乡镇建设田间学校`), or the base it builds on (`依托某文化园建设文旅人才驿站`,
#: `依托某公司建设…`)
_PLACE_END = re.compile(r"(?:^|[^城])(?:市区|城区|园区|新区|开发区|高新区|乡镇|街道|社区)$|[局委]$"
                        r"|(?<!城)[\u4e00-\u9fff]{2}[镇乡]$"
                        r"|[\u4e00-\u9fff]{2}(?:园|公司|企业|集团|大学|学院|基地|中心)$")


#: places counted before a verb of building (`在甲、乙两地建设…`, `在沿海等地设立…`)
_PLACES_COUNTED = re.compile(r"(?:[两三四五六七八九十\d]|等)地$")


def _names_places(before: str) -> bool:
    """Whether the text before a verb of building ends with a division's name
    (`在西安市|建设…`) or a count of places (`在甲、乙两地|建设…`): where, not what, is built."""
    regions = _region_names()
    return bool(_PLACES_COUNTED.search(before)) or any(
        before[-n:] in regions for n in range(2, min(len(before), 8) + 1))


def _after_inner_break(raw: str, kind: str) -> tuple[str, int]:
    """Where a name restarts inside a candidate: after another platform kind when a
    standalone kind follows (`…综合平台人才驿站`), or after a verb of building when what
    follows is a complete name (a standalone kind, alone or after a place, or a 4+ character
    modifier and the kind)."""
    body = raw[:-len(kind)]
    for k in lx.platform_kinds_longest_first():  # two names run together:
        # only a standalone kind restarts (longest first, so the answer never depends on hashing)
        i = body.rfind(k)
        if i >= 0 and raw[i + len(k):] in lx.standalone_kinds():
            return raw[i + len(k):], i + len(k)
    joins = list(_UNIT_JOINS.finditer(body))
    if joins and len(raw) - joins[-1].end() >= len(kind) + 2:
        rest, cut = _after_inner_break(raw[joins[-1].end():], kind)
        return rest, joins[-1].end() + cut
    verbs = [v for v in _BUILD_VERB.finditer(body) if not body.startswith(_VERB_LED_NOUNS, v.start())]
    if verbs:
        rest = raw[verbs[-1].end():]
        modifier = rest[:-len(kind)]
        if rest in lx.standalone_kinds() or len(modifier) >= 4 or _PLACE_END.search(
                body, 0, verbs[-1].start()) or _names_places(body[:verbs[-1].start()]) or (
                kind in lx.standalone_kinds() and (modifier in _region_names()
                                                   or _LEVEL_ONLY.match(modifier)
                                                   or modifier in _FOR_WHOM)):
            return rest, verbs[-1].end()
    return raw, 0


def _generic_modifier(modifier: str) -> bool:
    """No modifier, a level only, or an evaluative word only (`一流研发机构`): a generic
    kind, which names a platform only if it is a standalone kind."""
    # (no part-of-speech test: `跨国`, `新型` are adjectives that do classify a platform)
    return not modifier or bool(_LEVEL_ONLY.match(modifier)) or modifier in load_set("talent_qualifiers")


#: words before an organisation that are not part of it (a name stops after them), read
#: only for organisations: `支持`/`赴` also stand inside program names (`人才项目支持计划`)
_ORG_LEAD = re.compile(r"(?:支持|来自|组织|建设|会同|携手|带队|前往|走进|邀请|聘请|入驻|落户|赴|引进|依托|^联合(?!国))"
                       r"|(?:局|委|办|厅|院|部|校|省|市|区|县|旗|州|盟)(?:要|将)?"
                       r"(?:联合|会同|与|和|同|建设|共建|牵头)")


def _org_lead(modifier: str) -> int:
    """How many characters of an organisation's modifier belong to the words before it:
    up to the end of the last lead-in (`要支持长虹…`, `来自中国科学院…`, `区人社局联合甘肃…`),
    if at least two characters are left. `北京联合大学` keeps its 联合 (nothing would be left)."""
    cut = 0
    for m in _ORG_LEAD.finditer(modifier):
        if len(modifier) - m.end() >= 2:
            cut = m.end()
    return cut


#: a university's campus after its name (a place's name, 校区 or 分校, maybe `(筹)`)
_CAMPUS = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:校区|分校)(?:[(（]筹[)）])?")


#: what names no company before 集团有限公司 (`推动企业集团有限公司…`)
_GENERIC_FIRMS = frozenset({"企业", "龙头企业", "国有", "国有企业", "各类", "大型", "民营"})


def find_organizations(text: str) -> Iterator[Mention]:
    """Names ending in an organisation suffix (大学, 银行, 公司...), with a trailing
    `(北京)`-style campus qualifier kept."""
    platform_kind = lx.head_regex("platform_kinds")
    found: list[tuple[int, int, str, str, bool, str]] = []
    for m in lx.head_regex("org_suffixes").finditer(text):
        kind = platform_kind.match(text, m.start())
        if text[m.end():m.end() + 1] in ("生", "门") or (kind and kind.end() > m.end()):
            continue  # `大学生`; `国家大学科技园` is a platform, its kind starting at 大学
        end = m.end()
        tail = re.match(rf"[(（][{lx.CJK}]{{2,4}}[)）]", text[end:end + 7])
        if tail:
            end += tail.end()
        if m.group() in ("大学", "学院"):  # a campus of it: `某某大学(北京)某某校区(筹)`
            campus = _CAMPUS.match(text, end)
            if campus:
                end = campus.end()
        got = _span_name(text, m.start(), m.end(), min_rest=2)
        if got is None:
            continue
        start, raw = got
        start += _org_lead(text[start:m.start()])
        if m.start() - start < 2:
            continue
        raw = text[start:end]
        modifier = raw[:m.start() - start]
        named = _proper(modifier) or (m.group() == "大学" and _university_name(modifier)) \
            or (m.group().endswith("有限公司") and modifier.endswith(("集团", "股份", "控股"))
                and len(modifier) >= 4 and modifier[:-2] not in _GENERIC_FIRMS)
        # (`某钢集团有限公司`: a company's registered name)
        found.append((start, end, raw, m.group(), named, modifier))
    # in a list of named ones (`某某大学、北方民族大学、某某研究院`), a university or college
    # the tagger does not take for a name is one too
    named_ends = {e for _, e, _, _, ok, _ in found if ok}
    named_starts = {s for s, _, _, _, ok, _ in found if ok}
    for start, end, raw, kind, named, modifier in found:
        if not named and not (kind in ("大学", "学院") and _listed_with(
                text, start, end, named_ends, named_starts) and not any(
                g in modifier for g in _GENERIC_UNIVERSITY)):
            continue
        name = clean(raw).replace("（", "(").replace("）", ")")
        yield Mention(Label.ORGANIZATION, raw, start, end, name.removesuffix("(筹)"),
                      {"kind": kind})


def _listed_with(text: str, start: int, end: int, ends: set[int], starts: set[int]) -> bool:
    """Whether [start, end) is an item of a list next to a name ending in `ends` or starting
    in `starts` (joined by `、`, `和`, `与`, `及`)."""
    return (start >= 1 and text[start - 1] in "、和与及" and start - 1 in ends) or (
        text[end:end + 1] in ("、", "和", "与", "及") and end + 1 in starts)


#: nouns before 大学 that make no university's name: a company's, a community's, the
#: elderly's "university" is a course, and 重点/地方/合作 describe a university
_GENERIC_UNIVERSITY = frozenset({"企业", "网络", "社区", "地方", "合作", "职工", "农民", "干部",
                                 "人才", "重点", "县", "市", "区", "乡村", "农村", "老年", "开放",
                                 "外地", "本地", "当地", "名牌", "高校", "空中", "电视", "广播"})


def _university_name(modifier: str) -> bool:
    """A university named by common nouns (`华侨大学`, `电子科技大学`) or a place-like
    word the tagger does not know (`长安大学`): nouns only, none of them generic."""
    tags = pos_tags(modifier)
    return len(modifier) >= 2 and bool(tags) and all(
        tag in ("n", "nz", "nt", "ns", "j", "wx") and word not in _GENERIC_UNIVERSITY
        for word, tag in tags)


@functools.cache
def _region_names() -> frozenset[str]:
    from ingest.gazetteer import get_gazetteer

    return frozenset(get_gazetteer().surfaces())


def _proper(modifier: str) -> bool:
    """Whether an organisation's name carries a proper name (a place, a brand, an
    abbreviation), as `清华大学` does and `一流大学` does not."""
    if not modifier:
        return False
    regions = _region_names()  # a division's or a macro-region's name starts the modifier
    if modifier.startswith(("中国", "中科", "国家", *load_set("macro_regions"))) or any(
            modifier[:n] in regions for n in range(2, len(modifier) + 1)):
        return True
    return any(tag in ("ns", "nz", "nt", "nr", "j", "nrt", "nrf") for _, tag in pos_tags(modifier))


_COUNT = re.compile(r"(\d+(?:\.\d+)?)(余|多)?(?:个|家|套|支|所|处)")


def _count_near(text: str, start: int, end: int) -> int | None:
    """`人才公寓300套` / `260余个人才驿站`: a count written right after, else right before
    (never across a `、`: in `工作站18家、博士后科研工作站26家` the 18 is the first one's)."""
    after = _COUNT.match(text[end:end + 8])
    if after:
        return int(float(after.group(1)))
    before = re.search(r"(\d+)(余|多)?(?:个|家|套|支|所|处)[^\d,，。；;、]{0,8}$", text[max(0, start - 12):start])
    return int(before.group(1)) if before else None
