"""Patterns of web-page furniture and page metadata, in one place.

Generic to Chinese government / party web pages and bulletins; nothing here names a seed.
All patterns run on one stripped line of *normalised* text (Simplified, fullwidth ASCII
folded to ASCII, so `:` stands for `：` as well).

- `is_furniture` — lines `normalise` deletes: breadcrumbs, font-size and share widgets,
  previous/next links, print/close buttons, footer contact lines, ICP numbers, copyright,
  editor lines, link lists, stray `?` lines, the "today is …" date widget.
- `is_meta` / `META_LINE` — page metadata (`作者: 来源: 发布时间:2022-05-25 09:36`); `normalise` KEEPS
  these lines so `split` can read the date, and `split` leaves them out of sources.
- `parse_byline` — a signature line (`(人才科 供稿)`, `民政局 张洁)`, `…。(作者:敖云,XX部)`).
- the rest is vocabulary `split` uses to recognise headers, tables of contents and titles.
"""
from __future__ import annotations

import re

from ingest.types import Byline

_SHORT = 80  # a furniture line is short; a body sentence mentioning 电话 is not furniture

_FURNITURE_SHORT: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.I)
    for p in (
        r"^(?:您|你)(?:当前|现在)?的?(?:所在)?位置",
        r"^(?:当前|所在)的?位置\s*[:>]",
        r"^(?:首页|网站首页|主页)\s*(?:[>›»/]|&gt;)",
        # a site's menu (`首页  新闻中心  政策法规  人才服务`)
        r"^(?:首页|网站首页|主页)(?:\s+[\u4e00-\u9fff]{2,8}){2,}\s*$",
        # a breadcrumb of two steps or more (`某市人民政府 > 政府信息公开 > 规划计划`,
        # `某市人才工作网 > 通知公告`)
        r"^[^\s>›»＞。,，]{2,20}(?:\s*[>›»＞]\s*[^\s>›»＞。,，]{2,20}){2,}$",
        r"^[\u4e00-\u9fff]{2,20}\s*[>›»＞]\s*[\u4e00-\u9fff]{2,12}$",
        r"^[【\[(]?\s*(?:字体|字号)\s*(?:[:]|[大中小](?:\s*[大中小]){1,2})",
        # a row of bracketed page widgets (`【大 中 小】【打印】【关闭】 分享:`)
        r"^(?:[【\[]\s*(?:[大中小](?:\s*[大中小]){1,2}|(?:我要)?打印(?:本页|此页|本文)?|关闭(?:窗口|本页)?|"
        r"收藏(?:本页)?|返回(?:顶部)?|纠错|我要纠错)\s*[】\]]\s*)+(?:分享(?:到|至)?\s*:?)?$",
        r"^分享(?:到|至)?\s*[:]",
        r"^分享到",
        r"^[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇)\s*[】\]]?\s*[:]?",
        r"^(?:[【\[]?\s*(?:打印本页|打印此页|我要打印|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|"
        r"收藏本页|加入收藏|收藏|纠错|我要纠错)\s*[】\]]?\s*)+$",
        r"^(?:联系|咨询|服务|值班)?电话\s*[:]",
        r"^(?:传真|联系方式)\s*[:]",
        r"[\u4e00-\u9fff]\s*ICP\s*[备证]\s*\d+号(?:-\d+)?",
        r"公网安备",
        r"^(?:通讯|联系)?地址\s*[:]",
        r"^(?:邮编|邮政编码)\s*[:]",
        r"^(?:e-?mail|电子邮箱|电子邮件|邮箱)\s*[:]",
        r"^技术支持\s*[:]",
        r"版权所有",
        r"^(?:copyright|©)",
        r"^(?:主办|承办|主办单位|承办单位|网站维护|维护单位)\s*[:]",
        r"网站标识码",
        r"^(?:责任)?编辑\s*(?::\s*\S{0,12}|\s+\S{1,12})?$",
        r"^[【\[]?\s*(?:友情链接|相关链接|相关文章|相关新闻|相关阅读|扫一扫)",
        # a 公众号's links to its earlier posts: `往期推荐`, then `▶ 某某|标题` lines
        r"^[【\[]?\s*(?:往期推荐|往期回顾|往期精选|推荐阅读|精彩推荐|延伸阅读)\s*[】\]]?$",
        r"^[▶►▷➤]",
        # a page's switches of script or mode (`【繁体】【简体】`, `[无障碍] [长者模式]`)
        r"^(?:[【\[]\s*(?:繁体|简体|繁|简|English|无障碍|长者模式|关怀版)\s*[】\]]\s*)+$",
        # a 公众号's call to follow it (`点击蓝字 关注我们`, `点击上方蓝字关注`)
        r"^(?:点击|点)(?:上方)?(?:蓝字|关注)\s*(?:关注|\+?关注)?(?:我们|本号|公众号)?$",
        r"^(?:浏览|阅读|访问|点击)(?:次数|量|数)\s*[:]",
        r"^[?？]+$",
        r"^[(（]\s*共印\s*\d+\s*份\s*[)）]$",
        r"^(?:今天是\s*)?\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期|周|礼拜)[一二三四五六日天]$",
        # a page number of a printed (PDF) document: `— 3 —`, `- 12 -`, `第2页 共5页`
        r"^[—\-–－]{1,2}\s*\d{1,3}\s*[—\-–－]{1,2}$",
        r"^第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?$",
    )
)

#: keys of page metadata lines; a line made of `KEY: value` pairs is metadata
META_KEYS = (
    "发布时间|发布日期|发表时间|发表日期|发文日期|成文日期|更新时间|时间|日期|"
    "信息来源|文章来源|来源|作者|撰稿|撰稿人|责任编辑|浏览次数|点击数|阅读次数|访问量|"
    # the head of a 政府信息公开 page
    "索\\s*引\\s*号|发布机构|发文机关|发文单位|发文字号|文\\s*号|主题分类|主\\s*题\\s*词|"
    "公开方式|公开范围|公开时限|有\\s*效\\s*性|生效日期|所属机构|信息分类|体裁分类|组配分类"
)
#: (a news page may print the date and time before its keys: `2023-04-18 09:30  来源:某日报`)
META_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+(?=\S)")
META_LINE = re.compile(rf"^(?:{META_DATE.pattern[1:]})?(?:{META_KEYS})\s*:")
#: the issuer and the number of the document a 政府信息公开 page publishes
ISSUER_KEY = re.compile(r"(?:发布机构|发文机关|发文单位)\s*:\s*([^\s:]{2,40})(?:\s|$)")
NUMBER_KEY = re.compile(r"(?:发文字号|文\s*号)\s*:\s*([^\s:]{4,30})(?:\s|$)")
#: keys whose value is the publication date
DATE_KEYS = re.compile(r"(?:发布|发表|发文|成文)(?:时间|日期)\s*:\s*(\S+)|(?:时间|日期)\s*:\s*(\S+)")
SOURCE_KEY = re.compile(r"(?:信息|文章)?来源\s*:\s*([^\s:]{2,40})(?:\s|$)")
#: `作者:刘文斌` in a page's metadata line: the article's author (several: `、`-separated)
AUTHOR_KEY = re.compile(r"(?:作者|撰稿人?|文)\s*:\s*([\u4e00-\u9fff·、]{2,20}(?: [\u4e00-\u9fff·]{2,12})*)"
                        r"(?:\s|$)")  # (names apart by one space: `作者:许某 蔡某    来源:`)


def meta_authors(text: str) -> tuple[str, ...]:
    """The persons a metadata line names as authors: names of 2-4 characters that start
    with a known surname (`作者:本网`, `作者:佚名` name no one)."""
    from ingest.vocab import _lines

    m = AUTHOR_KEY.search(text)
    if not m:
        return ()
    surnames = {w for line in _lines("surnames") for w in line.split()}
    return tuple(n for n in re.split(r"[、 ]", m.group(1)) if n not in _PERSON_KEYS
                 and _NAME.match(n) and (n[0] in surnames or n[:2] in surnames or "·" in n))

#: a date: 2022-05-25, 2022/5/25, 2022.5.25, 2022年5月25日
DATE = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
#: a line that is only a date (the date under a document's issuer)
DATE_LINE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,2}月"
                       r"[\d〇○零一二三四五六七八九十]{1,3}日$")
#: issue number of a bulletin: 第 40 期, 第一期
ISSUE = re.compile(r"第\s*[0-9〇零一二三四五六七八九十百]+\s*期")
#: a document's number alone on its line; a reply prints its signer beside it
#: (`某人社函〔2023〕41号    签发人:某某`)
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{0,12}[〔\[【(]\d{4}[〕\]】)]\s*\d+\s*号"
                        r"(?:\s+签发人\s*:\s*[\u4e00-\u9fff·]{2,8})?$")
#: a cover letter that transmits the document: 现印发给你们 / 现将…印发
COVER_LETTER = re.compile(r"(?:现|特)?(?:印发|转发|发布)给你们|现将.{0,60}(?:印发|转发)|请结合实际")
#: chapter headings of a formal document: 一、 二、 / 第一章 第二部分
CHAPTER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[章部分]\s*)\S")
#: table-of-contents header lines and bullets
TOC_HEADER = re.compile(r"^[【\[]?\s*(?:内容摘要|内容提要|本期要目|本期目录|本期导读|目\s*录|要\s*目|导\s*读)\s*[】\]]?$")
BULLETS = "●○◆◇■□▲△★☆•◎▶►"
#: a whole-line bracketed section heading: 【工作动态】
BRACKET_HEADING = re.compile(r"^【([^【】]{1,20})】$")
DYNAMICS = re.compile(r"(?:动态|简讯|快讯|短讯|信息)$")
#: a column label above the article title (旗内动态, 工作要闻)
COLUMN_LABEL = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:动态|要闻|新闻|资讯|快讯|简讯|专栏|专题|播报)$")

#: how names of organs and organisations end (for publishers and bylines)
ORG_SUFFIX = re.compile(
    r"(?:委员会|人民政府|政府|办公室|办公厅|工委|党组|支部|委|部|局|厅|办|室|科|处|中心|站|所|院|馆|"
    r"队|会|组|社|公司|集团|银行|大学|学院|学校|医院|报|台)$"
)


#: a document's or bulletin's distribution list (`抄送:…`, `报:省委人才办`, `送:…成员单位`):
#: the units it names receive a copy, they do nothing in it; any length
_DISTRIBUTION = re.compile(r"^(?:抄送|抄报|分送|报|送|发)\s*[:：]")


def is_furniture(line: str) -> bool:
    """True for a (stripped) line of page furniture that is not part of any article."""
    if _DISTRIBUTION.match(line):
        return True
    if not line or len(line) > _SHORT or line.endswith(("。", "!", "！", "？")):
        return False  # furniture is short and never a sentence
    return any(p.search(line) for p in _FURNITURE_SHORT)


def is_meta(line: str) -> bool:
    """True for a page metadata line (`作者: 来源: 发布时间:…`)."""
    return len(line) <= _SHORT and "。" not in line and bool(META_LINE.match(line))


# signatures (bylines): (人才科 供稿), (组织部 吕飞勋、杨海生), 民政局 张洁), (作者:敖云,XX部)
_STRONG_KEY = r"(?:本报|本台|特约)?(?:作者|记者|通讯员|撰稿人?|撰文)\s*[:/]?|(?:来源|文|图|摄影?)\s*[:/]"
_SHAPED_TAIL = re.compile(r"(?<=[。！？!?])\s*(\(([^()]{4,40})\))$")
_BYLINE_TAIL = re.compile(rf"\(\s*((?:{_STRONG_KEY})[^()]{{1,60}}|[^()]{{1,40}}(?:供稿|撰稿))\s*\)$")
_BYLINE_KEY = re.compile(
    r"^(?:本报|本台|特约)?(?:(作者|记者|通讯员|撰稿人?|撰文)\s*[:/]?|(来源|文|图|摄影?)\s*[:/])\s*(.*)$")
_PERSON_KEYS = frozenset({"作者", "记者", "通讯员", "撰稿", "撰稿人", "撰文", "文", "图", "摄", "摄影",
                          "实习生", "见习记者", "特约记者", "编辑", "责任编辑", "责编", "审核", "校对",
                          "摄像"})
#: a person's name: 2-4 characters, or a transcribed one with its middle dot (阿依古丽·买买提)
_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12})$")
#: a news lead's signature: `本网讯(记者 某某 通讯员 某某)7月16日,…`
_LEAD_BYLINE = re.compile(r"^[\u4e00-\u9fff]{1,12}讯\s*\(([^()]{2,60})\)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


#: the key of an author's unit inside a signature
_UNIT_KEY = re.compile(r"(?:作者|所在)?单位[:：]")


def _signature(raw: str, content: str, shaped: bool) -> Byline | None:
    """Units and persons of a signature; `shaped`: `UNIT NAME、NAME` without keywords."""
    units: list[str] = []
    persons: list[str] = []
    signal = shaped
    for part in re.split(r"[,，;；]", re.sub(r"供稿|撰稿(?!人)", " ", content)):
        m = _BYLINE_KEY.match(part.strip())
        key, value = (m.group(1) or m.group(2), m.group(3)) if m else ("", part)
        signal = signal or bool(m)
        for k, tok in enumerate(t for t in re.split(r"[\s、]+", value) if t):
            unit_key = _UNIT_KEY.match(tok)
            if unit_key and len(tok) > unit_key.end():
                units.append(tok[unit_key.end():])  # `作者:某某 单位:某县委组织部`
            elif tok in _PERSON_KEYS or tok == "来源":
                key = tok
            elif key == "来源" or (shaped and k == 0) or (
                    key not in _PERSON_KEYS and len(tok) >= 3 and ORG_SUFFIX.search(tok)):
                units.append(tok)
            elif _NAME.match(tok):
                persons.append(tok)
            elif len(tok) > 4 and _CJK.search(tok):
                units.append(tok)
    if not (signal or "供稿" in content or "撰稿" in content) or not (units or persons):
        return None
    return Byline(raw=raw, units=tuple(units), persons=tuple(persons))


def parse_byline(text: str) -> Byline | None:
    """A signature: the whole line `(…)` / `…)`, or `(作者:…)` closing a paragraph."""
    if text.endswith(")") and len(text) <= 50 and text.count(")") == 1:
        content = text[1:-1] if text.startswith("(") else text[:-1]
        shaped = _shaped(content.split())
        found = _signature(text, content, shaped) if "(" not in content else None
        if found:
            return found
    m = _BYLINE_TAIL.search(text)
    if m:
        return _signature(m.group(0), m.group(1), False)
    # `…42名。(某县委组织部 何某)`: a unit and names closing a paragraph, after its full stop
    tail = _SHAPED_TAIL.search(text)
    if tail and _shaped(tail.group(2).split()):
        return _signature(tail.group(1), tail.group(2), True)
    return None


def lead_byline(text: str) -> Byline | None:
    """The signature in a news lead's parentheses (`本网讯(记者 某某 通讯员 某某)…`): it
    names the article's reporters, it does not close the article."""
    m = _LEAD_BYLINE.match(text)
    return _signature(m.group(0), m.group(1), False) if m else None


def _shaped(tokens: list[str]) -> bool:
    """`UNIT NAME、NAME`: a unit, then only names; or units each followed by their names
    (`UNIT NAME UNIT NAME`: a joint signature of two units' writers)."""
    if len(tokens) < 2 or not ORG_SUFFIX.search(tokens[0]):
        return False
    for k, t in enumerate(tokens[1:], 1):
        names = all(_NAME.match(n) for n in re.split(r"[、,，]", t) if n)
        if not names and not (k + 1 < len(tokens) and len(t) >= 4 and ORG_SUFFIX.search(t)
                              and ORG_SUFFIX.search(tokens[k - 1]) is None):
            return False
    return True
