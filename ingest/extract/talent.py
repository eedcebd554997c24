"""Talent groups: known categories (ingest/data/talent_groups.txt) and new `<modifier>人才`
phrases that the text itself uses as a category.

Policy prose says `人才` everywhere (`聚人才`, `选拔人才`, `更多人才`, `优秀人才队伍`), and
only a few of those phrases name a category. A phrase that is not a known category is kept
only when

- it is a known category with qualifiers, a place or a field before it (`各类社会工作人才`,
  `青云县创新创业人才`, `医学领域领军人才`): then it *is* that known category;
- or it carries evidence of being a category: a classifying morpheme (`应用型`, `某地籍`),
  quotation marks around the whole, a targeting or classifying verb before it (`针对…`,
  `定为…`), a place in an enumeration next to a known category, an item heading
  (`X人才:…`), or the first noun phrase of a program name (`X人才培育工程`);
- and it is not a slogan (`广纳贤才“聚”人才`), a verb-object phrase (`选拔人才`) or a
  merely evaluative phrase (`一流人才`, `更多人才`).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ingest.extract import lexicon as lx
from ingest.extract.names import (
    _PROGRAM_FOLLOW,
    _region_names,
    clean,
    left_extent,
    pos_tags,
    strip_leading_verbs,
    trim_predicate,
)
from ingest.types import Mention
from ingest.vocab import load_set
from schema.labels import Label

#: a field or sector phrase scopes a category without making a new one (`医学领域领军人才`)
_DOMAIN = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:领域|方面|行业|系统|产业)")
#: classifying morphemes: `XX型` (type) and `XX籍` (native place) make a category of people
#: (a one-character stem is a lexicalised adjective: `新型`, `大型`)
_CLASS_MARK = re.compile(r"[\u4e00-\u9fff]{2}[型籍]")
#: verbs that single out or classify a group (`针对海外归国人才`, `评为科技英才`)
_TARGETING = re.compile(r"(?:针对|面向|定为|评为|认定为|列为|确定为|对)$")
#: joins of an enumeration of categories
_LIST_JOIN = set("、和及与")
#: parts of speech of a purely evaluative modifier (adjectives, adverbs, pronouns, numerals)
_EVALUATIVE_POS = {"a", "ad", "d", "r", "m", "q", "b", "z"}


#: people of a native place (`在外宜宾籍人才`, `玉林籍在外人才`): the group of those born
#: there, wherever they now work; the place is a division's name or its stem (`陆良` of
#: 陆良县), written before 籍
_NATIVE = re.compile(r"籍(?:在外)?(?:优秀|高层次)?人才")
_STEM_SUFFIXES = ("", "市", "县", "区", "旗")


def _native_place_groups(text: str) -> Iterator[Mention]:
    """`X籍人才` in any of its forms, named `X籍人才` (the form written is its alias), also
    inside a program's or a platform's name (`在外陆良籍人才信息库`)."""
    regions = _region_names()
    for m in _NATIVE.finditer(text):
        k = m.start()
        place = next((text[k - n:k] for n in range(6, 1, -1) if k - n >= 0
                      and any(text[k - n:k] + sfx in regions for sfx in _STEM_SUFFIXES)), None)
        if place is None:
            continue
        start = k - len(place)
        if text[max(0, start - 2):start] == "在外":
            start -= 2
        yield Mention(Label.TALENT_GROUP, text[start:m.end()], start, m.end(), f"{place}籍人才",
                      {"native": True})


#: the join of two modifiers sharing one head (`高层次、急需紧缺人才`)
_SHARED_JOIN = "、和及与"
#: a modifier before such a join: a few characters, no punctuation
_CONJUNCT = re.compile(rf"[{lx.CJK}]{{2,6}}$")


def _shared_head(text: str, group: Mention, canon: dict[str, str]) -> Iterator[Mention]:
    """`高层次、急需紧缺人才`: the modifiers joined before a group share its head, and name
    a group where modifier + head is a known category (高层次人才). Walks back over the
    joins while each conjunct makes one."""
    head = next((h for h in ("人才", "专家", "工匠", "人员") if group.text.endswith(h)), None)
    pos = group.start
    while head is not None and pos > 2 and text[pos - 1] in _SHARED_JOIN:
        join = pos - 1
        before = _CONJUNCT.search(text, max(0, join - 6), join)
        if before is None:
            return
        # the longest tail of the run before the join that makes a known category
        found = next((k for k in range(before.start(), join - 1)
                      if text[k:join] + head in canon), None)
        if found is None:
            return
        name = text[found:join] + head
        yield Mention(Label.TALENT_GROUP, text[found:join], found, join, canon[name],
                      {"known": True, "shared_head": True})
        pos = found


_PROGRAM_AFTER_GOAL = re.compile(r"(?:计划|工程|行动|专项)")


def find_talent_groups(text: str) -> Iterator[Mention]:
    canon = lx.talent_canon()
    known_spans: list[tuple[int, int]] = []
    for m in lx.talent_regex().finditer(text):
        if text.startswith("振兴", m.end()) and not _PROGRAM_AFTER_GOAL.match(text, m.end() + 2):
            continue  # `乡村人才振兴“头雁”工程`: a goal, no group (`高技能人才振兴计划` is for them)
        known_spans.append((m.start(), m.end()))
        found = Mention(Label.TALENT_GROUP, m.group(), m.start(), m.end(), canon[m.group()],
                        {"known": True})
        yield found
        if m.start() > 2 and text[m.start() - 1] in _SHARED_JOIN:
            yield from _shared_head(text, found, canon)
    native_ends = set()
    for m in _native_place_groups(text):
        native_ends.add(m.end)
        yield m
    seen = set(known_spans)
    known_starts, known_ends = {s for s, _ in known_spans}, {e for _, e in known_spans}
    for m in lx.head_regex("talent_heads").finditer(text):
        start = left_extent(text, m.start(), max_len=10)
        start = max(start, text.rfind("+", start, m.start()) + 1)  # `疆外专家+本土人才`: two
        # `“某某英才·领军人才”`: a brand's class of people, named by the category after the dot
        start = max(start, text.rfind("·", start, m.start()) + 1)
        if _truncated(text, start):
            continue
        raw, dropped = strip_leading_verbs(text[start:m.end()], len(m.group()) + 2)
        start += dropped
        if m.start() - start < 2 or (start, m.end()) in seen or m.end() in native_ends:
            continue
        program_object = _opens_program_name(text, m.end())
        counted = bool(_COUNT_AFTER.match(text, m.end()))
        if not (_ends_phrase(text, m.end()) or program_object or counted):
            continue
        raw = text[start:m.end()]
        if _is_slogan(text, start, m.end()):
            continue
        known = known_category(clean(raw))
        if known is None:
            raw, cut = trim_predicate(raw, len(m.group()) + 1)
            start += cut
            known = known_category(clean(raw))
        name = clean(raw)
        if known is not None:
            yield Mention(Label.TALENT_GROUP, raw, start, m.end(), canon[known], {"qualified": True})
            continue
        field = _field_of_known(name)
        if field:
            yield Mention(Label.TALENT_GROUP, raw, start, m.end(), canon.get(name, name),
                          {"field": field})
            continue
        recruited = counted and bool(_RECRUITING.search(text, max(0, start - 40), start))
        if counted and not _ends_phrase(text, m.end()) and not program_object and not recruited:
            continue
        modifier = name[:-len(m.group())]
        if len(modifier) < 2 or re.search(r"\d", name) or modifier in _region_names() \
                or not _plain_modifier(modifier):
            continue
        if program_object and start > 0 and text[start - 1] in _OPEN_QUOTES \
                and not recruited and not _used_alone(text, raw, start):
            # `“彩云英才支持计划”`: a quoted program's name, not a category of its own
            # unless the text names the people so elsewhere (`入选“彩云英才”的…`)
            program_object = False
        if not (program_object or recruited or _has_category_evidence(
                text, start, m.end(), modifier, known_starts, known_ends)):
            continue
        yield Mention(Label.TALENT_GROUP, raw, start, m.end(), canon.get(name, name), {})


#: a count right after a group (`引进产业领军人才50名`) ends its phrase
_COUNT_AFTER = re.compile(r"\d+(?:\.\d+)?\s*(?:名|人次|人|位|余名|多名)")
#: a verb of recruiting or training right before a counted phrase (`招聘特岗教师420名`,
#: `培育持证生态导游380名`): the phrase is the kind of people counted, a category
_RECRUITING = re.compile(r"(?:招聘|招录|招募|引进|培养|培训|培育|遴选|选拔|选派|聘请)(?:持证|各类|优秀)?"
                         r"(?:[^，。；,;:：\n、]{2,16}?\d+(?:\.\d+)?\s*(?:名|人次|人|位)、)*$")
#: modifiers that say where people work, not what they do (`企业技能人才` is 技能人才)
_EMPLOYERS = frozenset({"企业", "单位", "机关", "基层", "行业", "产业", "领域", "系统", "社会",
                        "本地", "本土", "全市", "全县", "全区", "全省", "国内", "国外", "海外"})


#: categories of a role that a field narrows into one of its own (`种业领军人才`,
#: `柳编技能人才`); broad categories (高层次人才, 乡土人才) are only qualified by what stands
#: before them
_FIELD_TAKING = ("高技能人才", "领军人才", "技能人才", "致富带头人", "带头人", "工匠", "能工巧匠",
                 "技术能手")


def _field_of_known(name: str) -> str | None:
    """`种业领军人才`, `柳编技能人才`, `农村致富带头人`: a known category narrowed by a
    two-character field or craft written right before it is a category of its own (the
    field is returned). A qualifier, a place, an employer or a verb taking the category as
    its object (`选拔领军人才`) is not a field."""
    for known in _FIELD_TAKING:
        if not (name.endswith(known) and len(name) == len(known) + 2):
            continue
        field = name[:2]
        if field in _EMPLOYERS or field in load_set("talent_qualifiers") \
                or field in _region_names() or field + "市" in _region_names() \
                or field + "县" in _region_names() or field in lx.leading_verbs() \
                or field in lx.boundaries()[0] or not re.fullmatch(rf"[{lx.CJK}]{{2}}", field):
            return None
        words = pos_tags(field)
        if len(words) == 1 and words[0][1] not in ("n", "nz", "nr", "ns", "nt", "j"):
            return None
        return field
    return None


def _ends_phrase(text: str, end: int) -> bool:
    """Whether the phrase ends at `end`: punctuation, a function word, or `队伍/团队`.
    `中` is a locative only before a break (`人才中,`), else it starts a compound noun
    (`人才中心`, `人才中介`)."""
    nxt = text[end:end + 2]
    if nxt[:1] == "中":
        return len(nxt) < 2 or not re.match(rf"[{lx.CJK}]", nxt[1])
    return nxt[:1] in _PROGRAM_FOLLOW or nxt in ("队伍", "团队") or not nxt


#: heads of initiatives aimed at a group; a 机制/制度/模式 is a way of working, and
#: `X人才培养机制` does not make X a category
_INITIATIVE_HEADS = ("计划", "工程", "行动", "专项", "专项行动")


@functools.cache
def _program_object_regex() -> re.Pattern[str]:
    verbs = lx._alternation(lx.leading_verbs())
    heads = lx._alternation(_INITIATIVE_HEADS)
    return re.compile(rf"(?:队伍|团队)?(?:{verbs}){{1,3}}(?:{heads})")


_OPEN_QUOTES = "“\"「‘"


def _used_alone(text: str, raw: str, start: int) -> bool:
    """Whether `raw` stands somewhere in `text` other than at `start` without a program's
    name going on after it (`…入选“彩云英才”…` beside `“彩云英才支持计划”`)."""
    k = text.find(raw)
    while k >= 0:
        end = k + len(raw)
        if k != start and not _opens_program_name(text, end) \
                and not _opens_program_name(text, end + (text[end:end + 1] in "”\"」’")):
            return True
        k = text.find(raw, k + 1)
    return False


def _opens_program_name(text: str, end: int) -> bool:
    """`X人才` + verbs of fostering + a program head (`…人才培育计划`): the program is
    for X, so X is used as a category."""
    return bool(_program_object_regex().match(text, end))


def _truncated(text: str, start: int) -> bool:
    """The left edge was not found within the length cap: a name char that ends no word
    stands right before (`…服务|业高端咨询型人才`), so the phrase is cut mid-word."""
    return start > 0 and not lx.ends_with_boundary(text, start) \
        and bool(re.match(rf"[{lx.CJK}0-9A-Za-z]", text[start - 1]))


def _is_slogan(text: str, start: int, end: int) -> bool:
    """A quoted fragment inside the phrase (`广纳贤才“聚”人才`, `“校企+基地”培养…人才`) is a
    slogan, not a name (quotation marks around the whole name lie outside the span)."""
    return bool(re.search(r"[“”‘’\"「」『』]", text[start:end]))


@functools.cache
def _categories_longest_first() -> tuple[str, ...]:
    return tuple(sorted(lx.talent_canon(), key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1 << 16)
def known_category(name: str) -> str | None:
    """The known category a phrase names: itself, or a known category after qualifiers, a
    place or a field (`各类社会工作人才`, `社会工作优秀人才`, `医学领域领军人才`). Cached:
    it tries every known category, and a corpus repeats its phrases."""
    canon = lx.talent_canon()
    if name in canon:
        return name
    for known in _categories_longest_first():
        if name.endswith(known) and len(name) > len(known):
            return known if _only_qualifiers(name[:-len(known)]) else None
    # a qualifier between a category's modifier and its head (`社会工作优秀人才`)
    for q in _qualifiers_longest_first():
        i = name.find(q, 1)
        if i > 0 and name[:i] + name[i + len(q):] in canon:
            return name[:i] + name[i + len(q):]
    return None


@functools.cache
def _qualifiers_longest_first() -> tuple[str, ...]:
    return tuple(sorted(load_set("talent_qualifiers"), key=lambda w: (-len(w), w)))


def _only_qualifiers(prefix: str) -> bool:
    """Whether `prefix` is a chain of qualifiers, places and fields (no new meaning)."""
    qualifiers = _qualifiers_longest_first()
    regions = _region_names()
    while prefix:
        word = next((q for q in qualifiers if prefix.startswith(q)), None) \
            or next((prefix[:n] for n in range(min(len(prefix), 8), 1, -1) if prefix[:n] in regions), None)
        if word is None:
            domain = _DOMAIN.match(prefix)
            word = domain.group() if domain else None
        if word is None:
            return all(tag in _EVALUATIVE_POS for _, tag in pos_tags(prefix))
        prefix = prefix[len(word):]
    return True


def _plain_modifier(modifier: str) -> bool:
    """A category's modifier is a noun phrase: not a verb taking the head as its object
    (`选拔人才`), not a clause (`有…`, `…的`), not purely evaluative (`一流`, `更多`, `高素质`)."""
    if "的" in modifier or modifier in load_set("talent_qualifiers"):
        return False
    words = pos_tags(modifier)
    if not words:
        return False
    last, tag = words[-1]
    # a transitive verb right before the head takes it as object (`选拔人才`, `留人才`)
    if tag in ("v", "vd") and (len(last) == 1 or last in lx.leading_verbs() or last in lx.boundaries()[0]):
        return False
    if any(word == "有" for word, _ in words):  # `…有突出成绩人才`: a relative clause
        return False
    return not all(tag in _EVALUATIVE_POS for _, tag in words)


def _has_category_evidence(text: str, start: int, end: int, modifier: str,
                           known_starts: set[int], known_ends: set[int]) -> bool:
    """Whether the text uses the phrase as a category (see the module docstring).
    `known_starts`/`known_ends`: where the text's known categories start and end."""
    if _CLASS_MARK.search(modifier):
        return True
    if start > 0 and text[start - 1] in lx.OPEN_Q and text[end:end + 1] in lx.CLOSE_Q:
        return True
    if _TARGETING.search(text[max(0, start - 3):start]):
        return True
    if text[end:end + 1] in (":", "：") and re.fullmatch(
            r"\s*(?:[\d一二三四五六七八九十]+[.、．)）])?\s*",
            text[text.rfind("\n", 0, start) + 1:start]):
        return True
    # an enumeration with a known category: `A、B人才`
    return (start - 1 in known_ends and text[start - 1] in _LIST_JOIN) \
        or (end + 1 in known_starts and text[end] in _LIST_JOIN)

