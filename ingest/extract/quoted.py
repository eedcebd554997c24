"""Quoted names, 《titles》 and document numbers.

- `“燕归巢”行动`, `“十百千万”人才计划`: a quoted core followed by a head noun is a Program
  (or a PolicyDocument / Platform when the head is a document / platform kind); a quoted
  text that itself ends in such a head (`“鸿雁行动”`) is one too. A run of quoted items
  closed by one head (`“人才投”“人才贷”项目`, `“A”“B”等专项`) gives one each.
- `《…》` is a PolicyDocument title; a doc number right after it, `(鄂府发〔2021〕1号)`, is
  the same document.
- Doc numbers anywhere are parsed into issuer prefix, year and serial.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ingest.extract import lexicon as lx
from ingest.extract.names import clean, left_extent
from ingest.types import Mention
from schema.labels import Label

_QUOTED = re.compile(r"[“‘\"]([^“”‘’\"\n]{1,30})[”’\"]")
_TITLE = re.compile(r"《([^《》\n]{2,80})》")
#: what may stand between a quoted core and its head: a few name characters, no `等` (a list
#: ends there) and no conjunction (`“X”园区和项目` joins two nouns, not a name and its head)
_MODIFIER = re.compile(rf"^(?:的)?((?:(?![等和及与、])[{lx.CJK}]){{0,8}}?)$")


def issuer_prefix(prefix: str) -> str:
    """The issuer part of a doc number's prefix, without a verb glued before it
    (`根据鲁政发` → `鲁政发`)."""
    for i in range(len(prefix) - 2, 0, -1):
        if lx.ends_with_boundary(prefix, i):
            return prefix[i:]
    return prefix


def canonical_doc_number(m: re.Match[str]) -> str:
    return f"{issuer_prefix(m.group('prefix'))}〔{m.group('year')}〕{m.group('serial')}号"


def find_doc_numbers(text: str) -> Iterator[Mention]:
    for m in lx.doc_number_regex().finditer(text):
        number = canonical_doc_number(m)
        prefix = issuer_prefix(m.group("prefix"))
        start = m.start("prefix") + len(m.group("prefix")) - len(prefix)
        yield Mention(Label.POLICY_DOCUMENT, text[start:m.end()], start, m.end(), number,
                      {"doc_number": number, "prefix": prefix,
                       "year": int(m.group("year")), "serial": int(m.group("serial"))})


#: the short name a text declares for a title it cites: `《X》(某发〔2023〕5号,以下简称“Y”)`
_SHORT_NAME = re.compile(r"\s*[(（][^()（）\n]{0,30}?[,，]?\s*(?:以下简称|下称|简称)\s*[“《\"]([^”》\"\n]{2,30})[”》\"]")


#: 《titles》 of what is no policy document: a form to fill in (`《…人选申报表》`,
#: `《…承诺书》`) or a newspaper (`《某某日报》`)
_NO_POLICY = re.compile(r"(?:表|申报书|申请书|推荐书|承诺书|任务书|日报|晚报|时报)$")


def find_titles(text: str) -> Iterator[Mention]:
    numbers = {m.start(): m for m in lx.doc_number_regex().finditer(text)}
    for m in _TITLE.finditer(text):
        if _NO_POLICY.search(m.group(1)):
            continue
        attrs: dict = {"title": clean(m.group(1))}
        after = re.match(r"\s*[(（]", text[m.end():m.end() + 3])
        if after:
            num = numbers.get(m.end() + after.end())
            if num is not None:
                attrs["doc_number"] = canonical_doc_number(num)
        short = _SHORT_NAME.match(text, m.end())
        if short:
            attrs["short"] = clean(short.group(1))
        yield Mention(Label.POLICY_DOCUMENT, m.group(), m.start(), m.end(),
                      clean(m.group(1)), attrs)


#: a planning period in quotes (`“十四五”`, `“2023—2025年”`): it dates a plan, it names nothing
_PERIOD = re.compile(r"^(?:十[一二三四五六七八九]五|\d{4}\s*[—\-－~至]\s*\d{4}年?)$")


def _classify(name: str) -> tuple[Label, str] | None:
    """Which label a name's head gives it, and the head."""
    for head in lx.doc_heads():
        if name.endswith(head) and head not in ("条",):
            return Label.POLICY_DOCUMENT, head
    if re.search(r"\d+条$|[一二三四五六七八九十]+条$", name):
        return Label.POLICY_DOCUMENT, "条"
    for kind in lx.platform_kinds_longest_first():
        if name.endswith(kind):  # a kind that needs a modifier names nothing alone
            return (Label.PLATFORM, kind) if name != kind or kind in lx.standalone_kinds() \
                else None
    for head in lx.program_heads() + _QUOTED_CARDS + _QUOTED_EVENTS:
        if name.endswith(head) and (name != head or head not in _QUOTED_EVENTS):
            return Label.PROGRAM, head
    return None


#: an edition note closing a document's title: `(试行)`, `(暂行)`, `(修订)`
_EDITION = re.compile(r"\((?:试行|暂行|修订|修订版|修订稿)\)")
#: verbs of likening before a quotation: `被誉为“人才之家”的小镇` names no platform
_LIKENED = re.compile(r"(?:誉为|称为|称作|号称|堪称|比作|美誉|美称)$")
#: a count of the items of a list before their shared head (`三项`, `5大`)
_COUNT_MOD = re.compile(r"[一二三四五六七八九十两\d]+[项大个类]")
#: verbs of carrying out right before a quotation, and the clause's end right after it:
#: `深化“飞地引才”,`, `升级“某某人才服务直通车”,` (a program named by the quotation alone)
_LAUNCHED = frozenset({"实施", "开展", "深化", "推行", "升级", "启动", "推出"})
_CLAUSE_AFTER = re.compile(r"[,，;；。]")
#: heads that name a program only after a quoted core (`“1+3”人才政策体系`, `“某某英才”评选`):
#: unquoted, `人才评价体系` and `评选` are common nouns
_QUOTED_HEADS = ("项目", "体系", "评选", "评选活动", "改革", "培训班", "研修班", "夜校", "恳谈会",
                 "对接会", "推介会", "洽谈会", "见面会")
#: of those, the heads that also make a whole quotation a program (`“乡贤回乡恳谈会”`)
_QUOTED_EVENTS = ("夜校", "恳谈会", "对接会", "推介会", "洽谈会", "见面会")
#: what a quotation that ends with it names as a whole: a card of services for talent
#: (`“某某英才卡”`, `“人才绿卡”`; a bare `“绿卡”` is a figure of speech)
_QUOTED_CARDS = ("英才卡", "人才卡", "服务卡", "人才绿卡")


#: what closes a list of quoted financial or service products (`“人才贷”“人才险”等金融产品`)
_PRODUCTS = re.compile(r"等(?:[\u4e00-\u9fff]{0,4}?)(?:金融|信贷|保险|服务)?产品")


def _head_after(text: str, pos: int) -> tuple[str, str, int] | None:
    """A head noun within a few characters after `pos`: (modifier, head, end)."""
    window = text[pos:pos + 12]
    best = None
    for heads, label in ((lx.program_heads() + _QUOTED_HEADS, Label.PROGRAM),
                         (lx.doc_heads(), Label.POLICY_DOCUMENT)):
        for head in heads:
            if label is Label.POLICY_DOCUMENT and head in ("条", "新政", "政策"):
                continue
            idx = window.find(head)
            if idx < 0:
                continue
            mod = _MODIFIER.match(window[:idx])
            if mod is None:
                continue
            if best is None or idx < best[2] - pos - len(best[1]) or (
                    idx == best[2] - pos - len(best[1]) and len(head) > len(best[1])):
                best = (mod.group(1), head, pos + idx + len(head))
    return best


def _names_a_place(prefix: str) -> bool:
    """Whether `prefix` is a division's name (`安阳市`, `鄂托克前旗`), not a deictic (`全市`)."""
    from ingest.extract.units import region_regex

    return bool(region_regex().fullmatch(prefix))


def _declared_short(text: str, m: Mention) -> tuple[Mention, int]:
    """A program with the short name the text declares right after it (`“X”计划(以下简称
    “英才计划”)`) as an alias, and where that declaration ends (its quotation names no
    program of its own); the mention as it is and 0 when there is none."""
    short = _SHORT_NAME.match(text, m.end)
    if m.label is not Label.PROGRAM or short is None:
        return m, 0
    aliases = [*m.attrs.get("aliases", []), clean(short.group(1))]
    return replace(m, attrs={**m.attrs, "aliases": aliases}), short.end()


def find_quoted(text: str) -> Iterator[Mention]:
    matches = list(_QUOTED.finditer(text))
    i = 0
    declared_end = 0
    declared: dict[str, Mention] = {}  # short name -> the program it was declared for
    while i < len(matches):
        # a run of adjacent quoted items: “A”“B”、“C”
        run = [matches[i]]
        while i + 1 < len(matches) and re.fullmatch(r"[、,， ]?", text[run[-1].end():matches[i + 1].start()]):
            i += 1
            run.append(matches[i])
        i += 1
        if _LIKENED.search(text[max(0, run[0].start() - 3):run[0].start()]):
            continue  # `被誉为“人才之家”`: what a place is called, not a name of a thing
        if run[0].start() < declared_end:
            continue  # the short name declared for the program before it
        after = run[-1].end()
        etc = re.match(r"等(?:[^,，。；;“”]{0,8}?)", text[after:after + 10])
        follow = _head_after(text, after)
        for q in run:
            core = clean(q.group(1))
            if not core or len(core) > 24:
                continue
            if core in declared:  # the short name again: the program it stands for
                long = declared[core]
                yield Mention(Label.PROGRAM, q.group(), q.start(), q.end(), long.name,
                              {k: v for k, v in long.attrs.items() if k != "qualifier"})
                continue
            own = _classify(core)
            if own is not None:
                label, head = own
                attrs = {"kind": head, "quoted": core}
                if label is Label.PROGRAM and q is run[-1] and follow is not None \
                        and not follow[0] and follow[1] not in lx.doc_heads():
                    # `“田间课堂”活动`, `“河湟人才周”活动`: named by its quotation, and so too
                    attrs["aliases"] = [core + follow[1]]
                mention, declared_end = _declared_short(text, Mention(
                    label, q.group(), q.start(), q.end(), core, attrs))
                if declared_end:
                    declared[mention.attrs["aliases"][-1]] = mention
                yield mention
                continue
            if q is run[-1] and follow is not None:
                mod, head, end = follow
                if len(run) > 1 and _COUNT_MOD.fullmatch(mod):
                    mod = ""  # `“A”“B”“C”三项计划`: the count is the list's, C is C计划
                name = core + mod + head
                label = Label.POLICY_DOCUMENT if head in lx.doc_heads() else Label.PROGRAM
                edition = _EDITION.match(text, end) if label is Label.POLICY_DOCUMENT else None
                if edition:  # `某县“X”实施办法(试行)`: the edition is part of the title
                    end, name = edition.end(), name + edition.group()
                if label is Label.PROGRAM and _PERIOD.match(core):
                    continue  # `人才振兴“十四五”行动方案`: a plan's term, no program's name
                attrs = {"kind": head, "quoted": core, "aliases": [core, core + head]}
                # a qualifier before a lone quoted name (`社会工作人才“燎原”计划`); in a run the
                # text before an item is the previous item, not a qualifier
                start = left_extent(text, q.start(), max_len=10) if len(run) == 1 else q.start()
                prefix = text[start:q.start()]
                if prefix:
                    attrs["qualifier"] = prefix
                    attrs["aliases"].append(prefix + name)
                    if label is Label.POLICY_DOCUMENT and _names_a_place(prefix):
                        # `安阳市“十四五”人才发展规划` is 安阳市's plan, not every city's
                        attrs["aliases"].append(name)
                        yield Mention(label, text[start:end], start, end, prefix + name, attrs)
                        continue
                mention, declared_end = _declared_short(
                    text, Mention(label, text[q.start():end], q.start(), end, name, attrs))
                if declared_end:
                    declared[mention.attrs["aliases"][-1]] = mention
                yield mention
            elif len(run) > 1 and follow is not None:
                mod, head, _ = follow
                yield Mention(Label.PROGRAM, q.group(), q.start(), q.end(), core,
                              {"kind": head, "quoted": core, "aliases": [core + head]})
            elif len(run) == 1 and follow is None and len(core) >= 3 \
                    and text[max(0, q.start() - 2):q.start()] in _LAUNCHED \
                    and _CLAUSE_AFTER.match(text, q.end()):
                # `深化“飞地引才”,在…`: what a verb of carrying out opens and its clause
                # closes is a program named by its quotation alone
                yield Mention(Label.PROGRAM, q.group(), q.start(), q.end(), core,
                              {"kind": "", "quoted": core})
            elif len(run) > 1 and etc is not None and follow is None:
                window = text[after:after + 14]
                found = [(window.find(h), -len(h), h) for h in lx.program_heads() if h in window]
                if not found and _PRODUCTS.match(text, after):
                    found = [(0, 0, "产品")]  # `“人才贷”“人才险”等金融产品`
                if found:  # the head nearest the list closes it (`…等专项，有计划地…`)
                    head = min(found)[2]
                    yield Mention(Label.PROGRAM, q.group(), q.start(), q.end(), core,
                                  {"kind": head, "quoted": core})
