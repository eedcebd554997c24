"""Stage 3 — split: `NormalizedText` → `list[Source]`, one source per article.

Generic rules (vocabulary in `ingest.furniture`):

- **Header**: metadata lines (`发布时间:…`), issue lines (`第 40 期`), a `publisher date`
  line and lone date lines before the first paragraph give `date`/`issue`/`publisher`
  and belong to no source.
- **Table of contents** (`【内容摘要】`/`目录` + `●` items, an item may span two lines) is
  left out; each body line matching an item starts an article. Items are title-like, never
  paragraphs; bullets without such a header are a table only if their items come again.
- **Bylines** — a signature line `(人才科 供稿)`, `(组织部 吕飞勋、杨海生)`, `民政局 张洁)`, or
  `…。(作者:敖云,XX组织部)` closing a paragraph — end an article. Section headings with
  no signatures between them stay inside one article.
- **Title**: the short lines (≤ 40 chars, no sentence-final punctuation) just before an
  article's first paragraph, at most two, joined by a space (by `——` for a `———` subtitle);
  a column label above them (`XX动态`) is dropped; `【工作动态】` → `工作动态`, kind `dynamics`.
- **Formal documents** (doc number `X发〔YYYY〕N号`, a cover letter `现印发给你们`, or ≥ 3
  `一、` chapters and no bylines) are one source of kind `document`; the line above the date
  line is the issuer (`publisher`), the line below it — or the cover letter's `《》` — the title.

`Source.text` runs from the title (or first paragraph) to the last paragraph or byline;
`kind` is `news` on pages with a publication-date line, else `article`. Unstructured text
is one source, blank text none. Never raises.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ingest import furniture as fz
from ingest.types import Byline, NormalizedText, Source
from ingest.vocab import load_set
from schema.ids import source_id

logger = logging.getLogger(__name__)

_MAX_TITLE = 40
_SENTENCE_END = re.compile(r"[。！？!?；;…][”’」』)]*$")
_NOT_TITLE_END = re.compile(r"[。！？!?；;…,，、:：]$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DASH_LEAD = re.compile(r"^[—\-－~]{1,6}\s*")
_PUB_DATE = re.compile(r"^(\S{2,40}?)(?:编印|主办|编)?\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")
_ISO_DATE_LINE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
#: a 公众号 article's header: the account, the time of posting and where (`某某学院 2024-11-05
#: 08:30 福建`)
#: a web site's name (`某县人民政府网`, `某市人才网`, `某市人民政府门户网站`)
_SITE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,24}(?:网|网站|门户网站|门户|政务网|信息网)$")
_ACCOUNT_LINE = re.compile(r"^(?P<account>[^\s\d]{2,30})\s+(?P<date>\d{4}-\d{1,2}-\d{1,2})"
                           r"\s+\d{1,2}:\d{2}(?:\s+[\u4e00-\u9fff]{2,4})?$")
#: a 公众号 article's title: a slogan, a bar, the title (`广纳英才 筑梦某地 | 某某学院2025年…公告`)
_BARRED_TITLE = re.compile(r"^[^|]{2,24}\s\|\s(?P<title>[^|]*[\u4e00-\u9fff][^|]{7,60})$")
_BOOK_TITLE = re.compile(r"《([^《》]{2,60})》")
_KEY_STRIP = re.compile(rf"[\s【】\[\]{fz.BULLETS}]")


class _Line(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Page:
    skip: set[int] = field(default_factory=set)
    date: str | None = None
    issue: str | None = None
    publisher: str | None = None
    news: bool = False
    authors: tuple[str, ...] = ()  # `作者:` of the metadata line
    doc_number: str | None = None  # `发文字号:` of a 政府信息公开 page
    co_publishers: tuple[str, ...] = ()  # a joint document's other issuers


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _iso(text: str) -> str | None:
    m = fz.DATE.search(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _is_body(text: str) -> bool:
    return "|" not in text and (len(text) > _MAX_TITLE and not _LONG_TITLE.match(text)
                                or bool(_SENTENCE_END.search(text)))


def _is_titleish(text: str) -> bool:
    return (
        (len(text) <= _MAX_TITLE or bool(_LONG_TITLE.match(text)))
        and len(_CJK.findall(text)) >= 2
        and not _NOT_TITLE_END.search(text)
        and ("|" not in text or bool(_BARRED_TITLE.match(text)))
        and text[0] not in fz.BULLETS
        and not fz.is_meta(text)
        and not _ISO_DATE_LINE.match(text)
        and not fz.DATE_LINE.match(text)
        and not _DATE_NOTE.match(text)
    )


#: a date under a plan's title, in parentheses or not (`(2021年11月)`, `2024年3月` under its
#: issuer): not part of the title
_DATE_NOTE = re.compile(r"^(?:\(\s*\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*\)"
                        r"|\d{4}\s*年\s*\d{1,2}\s*月"
                        # where and when a report was delivered (`——2024年2月20日在某市第十五届
                        # 人民代表大会第四次会议上`): no subtitle
                        r"|[—\-－]{1,2}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在[^。]{4,60}(?:会议|大会)上)$")
#: lines between a document's title and its body: its number, its addressees
#: (`各乡镇党委、人民政府,县直机关各单位:`) and such a date
_ADDRESSEES = re.compile(r"^各.{1,80}[:：]$")
#: one addressee: an organ's name alone before a colon (`区委人才工作领导小组:` under a
#: report's title)
_ADDRESSEE = re.compile(r"^(?P<organ>[^\s，。；,;:：]{2,30})[:：]$")


#: a person addressed by a reply (`某某代表:`, `某某委员:`): a deputy's proposal answered
_SALUTATION = re.compile(r"^(?:(?:尊敬的)?[\u4e00-\u9fff·]{2,6}(?:代表|委员|同志|先生|女士)|同志们|朋友们|"
                         r"女士们、先生们|各位[\u4e00-\u9fff、,，]{2,30})[:：]$")
#: a speaker's line under a speech's title: a post and a name (`中共某县委书记 某某某`)
_SPEAKER = re.compile(r"^(?P<post>[\u4e00-\u9fff、()（）]{2,40}?)\s+(?P<name>[\u4e00-\u9fff·]{2,4})$")
#: what a speech's title ends with (`在全县人才工作会议上的讲话`, an official's 述职报告: a
#: report delivered in person); a speech is no policy document
_SPEECH = re.compile(r"(?:讲话|致辞|发言|讲话稿|述职报告|述职述廉报告)(?:\s*[(（][^()（）]{1,20}[)）])?$")
#: an attachment's marker line (`附件`, `附件2:`): the attached document's title comes next,
#: or after the colon on the same line; a page's download link (`相关附件:X.doc`) names a
#: file the page does not print
_ATTACHMENT = re.compile(r"^(?:相关)?附件(?:下载)?\s*[\d一二三四五六七八九十]{0,2}\s*[:：]?\s*"
                         r"(?P<title>.*?)(?P<file>\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar))?$", re.I)


#: a line of an event's notes between a transcript's title and its first turn
_EVENT_NOTE = re.compile(r"^(?:时\s*间|地\s*点|发布人|主持人|发言人|出席|出席人员|参加人员|嘉\s*宾|"
                         r"主讲人|主\s*题)\s*[:：]")
#: a speaker's turn in a transcript, on a line of its own (`主持人:`, `某某某:`), or in brackets
#: with the speaker's name (`【主持人 某某某】`, `【发布词 某某某】`)
_TURN = re.compile(r"^[\u4e00-\u9fff]{2,5}[:：]$|^【\s*(?:主持人|发布人|发布词|发言人|答记者问|"
                   r"记者|提问|答|问)\s*[\u4e00-\u9fff·]{0,4}\s*】$")
#: an official document's title that runs longer than a line's usual title
#: (`中共某市委人才工作领导小组关于2023年度…考核结果的通报`): an organ, 关于, a genre
_LONG_TITLE = re.compile(r"^[^。;；!?！？,，:：]{2,30}关于[^。;；!?！？:：]{4,60}的"
                         r"(?:通知|通报|意见|决定|办法|方案|报告|批复|答复|函|公告|通告|规定|细则|"
                         r"实施意见|实施方案|实施办法|实施细则)$")


def _is_addressee(text: str) -> bool:
    one = _ADDRESSEE.match(text)
    return bool(_ADDRESSEES.match(text) or _SALUTATION.match(text)
                or (one and fz.ORG_SUFFIX.search(one.group("organ"))))


def _publisher_date(text: str) -> re.Match[str] | None:
    """`中共某市委人才工作领导小组办公室      2023年7月10日`: a bulletin's issuer and date."""
    pub = _PUB_DATE.match(text)
    return pub if pub and fz.ORG_SUFFIX.search(pub.group(1)) else None


def _scan_header(lines: list[_Line]) -> _Page:
    page = _Page()
    first_body = next((i for i, ln in enumerate(lines) if _is_body(ln.text)
                       and not _publisher_date(ln.text)), len(lines))
    for i, ln in enumerate(lines):
        text = ln.text
        if fz.is_meta(text):
            page.skip.add(i)
            m = fz.DATE_KEYS.search(text)
            date = _iso(next((g for g in m.groups() if g), "")) if m else None
            lead = fz.META_DATE.match(text)
            date = date or (_iso(lead.group()) if lead else None)
            if date and (page.date is None or not page.news):
                page.date, page.news = date, True
            page.authors = page.authors or fz.meta_authors(text)
            issuer, number = fz.ISSUER_KEY.search(text), fz.NUMBER_KEY.search(text)
            if issuer and fz.ORG_SUFFIX.search(issuer.group(1)):
                page.publisher = issuer.group(1)  # the issuer wins over a 来源
            if number and fz.DOC_NUMBER.match(number.group(1)):
                page.doc_number = page.doc_number or number.group(1)
            src = fz.SOURCE_KEY.search(text)
            if src and fz.ORG_SUFFIX.search(src.group(1)) and page.publisher is None:
                page.publisher = src.group(1)
            continue
        if i >= first_body:
            continue
        issue = fz.ISSUE.search(text)
        pub = _publisher_date(text)
        if issue and len(text) <= 30:
            page.issue = page.issue or issue.group(0)
            page.skip.add(i)
        elif pub:
            page.publisher = page.publisher or pub.group(1)
            page.date = page.date or _iso(pub.group(2))
            page.skip.add(i)
        elif _ISO_DATE_LINE.match(text) or fz.DATE_LINE.match(text):
            page.date = page.date or _iso(text)
            page.skip.add(i)
        elif account := _ACCOUNT_LINE.match(text):
            page.date = page.date or _iso(account.group("date"))
            if fz.ORG_SUFFIX.search(account.group("account")):
                page.publisher = page.publisher or account.group("account")
            page.skip.add(i)
            if i and lines[i - 1].text == account.group("account"):
                page.skip.add(i - 1)  # the account's name above, as the page shows it
    return page


def _key(text: str) -> str:
    return _KEY_STRIP.sub("", text)


def _keys_match(ka: str, kb: str) -> bool:
    return ka == kb or (min(len(ka), len(kb)) >= 6 and (ka.startswith(kb) or kb.startswith(ka)))


def _last_matches(item_keys: list[str], line_keys: list[str]) -> list[int]:
    """For each item key, the index of the last line key it `_keys_match`es, or -1.

    One walk over the distinct keys in sorted order with a stack of the current key's
    prefixes (a depth-first walk of their trie, never built): O(n log n) in the number of
    keys, where looking for every item in every line is items x lines."""
    last_line: dict[str, int] = {}
    for j, key in enumerate(line_keys):
        last_line[key] = j
    items_of: dict[str, list[int]] = {}
    for k, key in enumerate(item_keys):
        items_of.setdefault(key, []).append(k)
    last = [-1] * len(item_keys)
    # [key, up, down] — up: last line whose key is a prefix (of >= 6) of this one;
    # down: last line whose key extends this one
    stack: list[list] = []

    def close(entry: list) -> None:
        key, up, down = entry
        here = last_line.get(key, -1)
        for k in items_of.get(key, ()):
            last[k] = max(here, up, down if len(key) >= 6 else -1)
        if stack:
            stack[-1][2] = max(stack[-1][2], here, down)

    for key in sorted(last_line.keys() | items_of.keys()):
        while stack and not key.startswith(stack[-1][0]):
            close(stack.pop())
        up = -1
        if stack:
            parent, parent_up, _ = stack[-1]
            up = max(parent_up, last_line.get(parent, -1) if len(parent) >= 6 else -1)
        stack.append([key, up, -1])
    while stack:
        close(stack.pop())
    return last


def _find_toc(lines: list[_Line], page: _Page) -> dict[int, int]:
    """Skips the table of contents; returns {body line index: number of title lines}.

    Items are short, title-like bullet lines, or under a `目录`-type header any short lines
    (until the first item comes again as the first article's heading): a body-like one
    (long, or a sentence) ends the table. Without a `目录`-type header, bullet lines are a table of contents only if more
    than half of their items (at least two) come again later in the page as headings.
    Each item is looked for once, after the previous one found; the lines after the table
    are indexed once (`_last_matches`), so an item not found costs no scan of the page."""
    head = next((i for i, ln in enumerate(lines[:40]) if fz.TOC_HEADER.match(ln.text)), None)
    headed = head is not None
    if head is None:
        bullets = [i for i, ln in enumerate(lines[:40]) if ln.text[0] in fz.BULLETS]
        if len(bullets) < 2 or any(_is_body(ln.text) for ln in lines[: bullets[0]]):
            return {}
        head = bullets[0] - 1
    items: list[list[str]] = []
    first_key = ""
    bulleted = False  # whether the items are bullet lines (else one item a line)
    end = head + 1
    while end < len(lines):
        text = lines[end].text
        if text[0] in fz.BULLETS:
            bulleted = bulleted or not items
            item = text.lstrip(fz.BULLETS).strip()
            if _is_body(item):
                break
            items.append([item])
            if len(items) == 1:
                first_key = _key(item)
        elif _is_body(text) or items and _keys_match(_key(text), first_key):
            break
        elif headed and (not items or not bulleted):
            # a headed table without bullets: one item a line, until the first comes again
            items.append([text.strip()])
            if len(items) == 1:
                first_key = _key(text.strip())
        elif not items:
            break
        else:
            items[-1].append(text)
        end += 1
    if not items:
        return {}
    keys = [_key(ln.text) for ln in lines[end:]]
    item_keys = [_key(item[0]) for item in items]
    starts: dict[int, int] = {}
    pos = 0  # in `keys`: each item is looked for after the previous one found
    for item, item_key, last in zip(items, item_keys, _last_matches(item_keys, keys)):
        if last >= pos:
            j = pos
            while not _keys_match(keys[j], item_key):
                j += 1
            starts[end + j] = len(item)
            pos = j + 1
    if not headed:
        found = sum(1 for j in starts if not _is_body(lines[j].text))
        if found < 2 or 2 * found <= len(items):
            return {}
    page.skip.update(range(max(head, 0), end))
    return starts


def _is_document(lines: list[_Line], bylines: dict[int, Byline]) -> bool:
    return (any(fz.DOC_NUMBER.match(ln.text) for ln in lines[:5])
            or any(fz.COVER_LETTER.search(ln.text) for ln in lines[:8])
            or (not bylines and sum(1 for ln in lines if fz.CHAPTER.match(ln.text)) >= 3))


#: a page that explains a document (`《X》政策解读`, `关于《X》的解读`, `X政策解读`): what it says
#: of the document's aims, basis and measures is said of X
INTERPRETATION = re.compile(r"^(?:关于)?(?:《(?P<quoted>[^《》]{4,80})》|(?P<bare>[^《》]{6,80}?))"
                            r"(?:的)?(?:政策)?(?:解读|问答)$")
#: a website's banner above a page's title (`某市人民政府门户网站`)
_BANNER = re.compile(r"(?:门户网站|政府网站|网站)$")


def interpreted_title(title: str | None) -> str | None:
    """The title of the document an interpretation page explains, or None for any other."""
    m = INTERPRETATION.match(title or "")
    return (m.group("quoted") or m.group("bare")) if m else None


def _join_title(parts: list[str]) -> str:
    parts = [" ".join(p.split()) for p in parts]  # (`&nbsp;&nbsp;` between a title's halves)
    return "".join(
        (("——" + _DASH_LEAD.sub("", p)) if _DASH_LEAD.match(p) else (" " + p)) if k else p
        for k, p in enumerate(parts))


def _title(lines: list[_Line], seg: list[int], toc: dict[int, int]) -> list[int]:
    """Indexes of the title lines of one article whose (content) lines are `seg`."""
    body = next((k for k, i in enumerate(seg) if _is_body(lines[i].text)), None)
    if body is None:  # short lines only (a list of measures without a full stop): the title
        # is the first title-like line, not the last one, and the lines under it are its body
        body = next((k + 1 for k, i in enumerate(seg) if _is_titleish(lines[i].text)), len(seg))
    head = seg[:body]
    for k in range(len(head) - 1, -1, -1):
        if head[k] in toc:
            taken = [head[k]]
            for i in head[k + 1: k + toc[head[k]]]:
                if _is_titleish(lines[i].text):
                    taken.append(i)
            return taken
    run: list[int] = []
    for i in reversed(head):
        text = lines[i].text
        if not run and (_is_addressee(text) or fz.DOC_NUMBER.match(text)
                        or _DATE_NOTE.match(text) or fz.CHAPTER.match(text)
                        or (len(text) <= 4 and len(_CJK.findall(text)) < 2)
                        or _TURN.match(text) or _EVENT_NOTE.match(text)
                        or _speaker(text)):
            continue  # between the title and the body (a first chapter's heading, a
            # reply's class `A类`, a transcript's first turn `主持人:`, a press
            # conference's time, place and roster: `发布人:` and a post and a name a line)
        if not _is_titleish(text) and not fz.BRACKET_HEADING.match(text) or _BANNER.search(text):
            break
        run.append(i)
    run.reverse()
    # an official document's title starts at its 关于 (`中共X县委 X县人民政府` above it
    # is the issuer)
    about = next((k for k, i in enumerate(run) if lines[i].text.startswith("关于")), 0)
    run = run[about:]
    # the site's name over a page's title (`某市人力资源和社会保障局`, `某县人民政府网`,
    # its breadcrumb gone as furniture) is the site's, not the title's first line; an
    # organ over a bare genre (`某县人才工作领导小组` / `会议纪要`) is the title's own
    while len(run) > 1 and (_SITE_NAME.match(lines[run[0]].text) or _is_organ(
            lines[run[0]].text) and sum(len(lines[i].text) for i in run[1:]) >= 10):
        run.pop(0)
    # an organ's name alone on the line under a title is its issuer (`某市2023年人才工作总结` /
    # `中共某市委人才工作领导小组办公室`), not the title's second line; a post and a name
    # there is a speech's speaker
    while len(run) > 1 and (_is_organ(lines[run[-1]].text) or _speaker(lines[run[-1]].text)
                            or len(_units_of_line(lines[run[-1]].text, 2)) > 1):
        run.pop()  # (a report's cover: `某县财政局  某县委人才工作领导小组办公室` under it)
    # a metadata line inside the run separates the title (above) from a first section
    # heading (below); a group of column labels alone is not the title
    groups: list[list[int]] = []
    for i in run:
        if groups and i == groups[-1][-1] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        while len(group) > 1 and fz.COLUMN_LABEL.match(lines[group[0]].text):
            group.pop(0)
        if len(groups) == 1 or not all(fz.COLUMN_LABEL.match(lines[i].text) for i in group):
            return group[-2:]
    return groups[-1][-2:] if groups else []


def _make(norm: NormalizedText, lines: list[_Line], seg: list[int], title_idx: list[int],
          page: _Page, kind: str, bylines: list[Byline], index: int) -> Source:
    parts = [lines[i].text for i in title_idx]
    bracket = fz.BRACKET_HEADING.match(parts[0]) if len(parts) == 1 else None
    if bracket:
        parts = [bracket.group(1)]
        kind = "dynamics" if fz.DYNAMICS.search(parts[0]) else kind
    start = lines[title_idx[0]].start if title_idx else lines[seg[0]].start
    end = lines[seg[-1]].end
    return Source(
        id=source_id(norm.file.sha256, index), file=norm.file, index=index,
        title=_join_title(parts), text=norm.text[start:end], start=start, end=end, kind=kind,
        date=page.date, issue=page.issue, publisher=page.publisher, doc_number=page.doc_number,
        co_publishers=page.co_publishers,
        # the metadata line's author signs the page's one article
        bylines=bylines or ([Byline(raw="作者:" + "、".join(page.authors),
                                    persons=page.authors)] if page.authors
                            and index == 0 else []),
        normalized=norm,
    )


#: a whole line in parentheses (`(此件公开发布)`, `(联系人:…)`): a note, never a title; and a
#: printing line under the signature (`中共某市委办公室 2023年9月11日印发`)
_NOTE_LINE = re.compile(r"\([^()]{1,40}\)$|.*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$")


def _printed_title(line: str) -> re.Match[str] | None:
    """The 《title》 a cover letter prints (`根据《…》精神,现将《X》印发给你们`: X, the last
    title before its 印发, not one it cites), or the first after it."""
    cover = fz.COVER_LETTER.search(line)
    if cover is None:
        return None
    titles = list(_BOOK_TITLE.finditer(line))
    before = [t for t in titles if t.end() <= cover.end()]
    return before[-1] if before else next((t for t in titles if t.start() >= cover.end()), None)


def _document(norm: NormalizedText, lines: list[_Line], page: _Page) -> Source:
    content = [i for i in range(len(lines)) if i not in page.skip] or list(range(len(lines)))
    date_at = next((i for i in content[:15] if fz.DATE_LINE.match(lines[i].text) or (
        _DATE_NOTE.match(lines[i].text) and i and _is_organ(lines[i - 1].text))), None)
    if date_at is None:  # a signature whose date the header took as the page's (`某管委会`
        # over `2024年2月26日` under a cover letter, the attached document after them)
        date_at = next((i for i in sorted(page.skip) if 0 < i < 20 and i - 1 in content
                        and fz.DATE_LINE.match(lines[i].text)
                        and _is_organ(lines[i - 1].text)), None)
    if date_at is None:
        date_at = next((i for i in content[-4:] if fz.DATE_LINE.match(lines[i].text)), None)
    title_idx: list[int] = []
    attached_title = ""
    if date_at is not None:
        page.date = _iso(lines[date_at].text) or page.date
        before = lines[date_at - 1].text if date_at > 0 else ""
        if len(before) <= 30 and fz.ORG_SUFFIX.search(before) and not _is_body(before):
            page.publisher = before
        # a joint signature: lines of organs apart by wide spaces, right above the date
        block: list[str] = []
        k = date_at - 1
        while k >= 0 and k not in page.skip and (units := _units_of_line(lines[k].text, 2)):
            block[:0] = units
            k -= 1
        if len(block) > 1:
            page.publisher, page.co_publishers = block[0], tuple(block[1:])
        after = date_at + 1
        while after < len(lines) and _NOTE_LINE.match(lines[after].text):
            after += 1  # `(此件公开发布)` under the signature: a note, not the title
        attached = _ATTACHMENT.match(lines[after].text) if after < len(lines) else None
        if attached and attached.group("file"):
            pass  # a link to a file: neither the page's title nor a document printed here
        elif attached and attached.group("title") and _is_titleish(attached.group("title")):
            attached_title = attached.group("title")  # `附件:某某方案`
        elif attached:
            after += 1  # `附件` on a line of its own: the attached document's title is next
        if after < len(lines) and _is_titleish(lines[after].text) and not (
                attached and attached.group("title")):
            title_idx = [after]
        if not any(_is_body(lines[i].text) for i in content if i > after):
            # `附件:某某职责分工` closing the page: the attached document is not printed
            # here, the page's own title stands
            attached_title, title_idx = "", []
    # a joint document's head: its issuers on the line above its title (`中共某县委 某县人民政府`)
    if content and not page.co_publishers and content[0] + 1 < len(lines) \
            and lines[content[0] + 1].text.startswith("关于"):
        head = _units_of_line(lines[content[0]].text, 1)
        if len(head) > 1:
            page.publisher, page.co_publishers = head[0], tuple(head[1:])
            page.skip.add(content[0])
            content = content[1:]
    book = next((m for i in content[:8] if (m := _printed_title(lines[i].text))), None)
    if book is not None and "转发" in book.string[book.end():book.end() + 24] and date_at is not None \
            and not any(_is_body(lines[i].text) for i in content if i > date_at):
        book = None  # (`现将《X》转发给你们`, another's document, and nothing printed under the
        # signature: the forwarding letter is the page's document)
    source = _make(norm, lines, content, [], page, "document", [], 0)
    if attached_title:
        source.title = attached_title
    elif title_idx:
        source.title = lines[title_idx[0]].text
    elif book:
        source.title = book.group(1)
    else:
        source.title = _join_title([lines[i].text for i in _title(lines, content, {})])
    _kind_by_title(source, lines, content)
    return source


#: a government's work report (`政府工作报告`, `某市2024年政府工作报告(摘编)`)
_GOV_REPORT = re.compile(r"^[\u4e00-\u9fff]{0,12}?(?:\d{4}\s*年)?(?:人民)?政府工作报告"
                         r"(?:\s*[(（][^()（）]{1,8}[)）])?$")


def _kind_by_title(source: Source, lines: list[_Line], seg: list[int]) -> None:
    """An interpretation page, a government's work report, or a speech signed by its
    speaker (the post and name under its title, among its lines `seg`): a speech reports
    and announces, it is not issued."""
    if interpreted_title(source.title):
        source.kind = "interpretation"
    elif _GOV_REPORT.match(source.title or ""):
        # a government's work report sets the year's tasks: a document of the government
        # (its office only posts it)
        source.kind = "document"
        if source.publisher and source.publisher.endswith("人民政府办公室"):
            source.publisher = source.publisher.removesuffix("办公室")
    elif _SPEECH.search(source.title or ""):
        source.kind = "speech"
        speaker = next((sp for i in seg[:6] if (sp := _speaker(lines[i].text))), None)
        if speaker is not None:
            source.bylines = [speaker]


def _speaker(text: str) -> Byline | None:
    """A speaker's line (`中共某县委书记 某某某`) as the unit, post removed, and the person.
    The name may close the line without a space (`…组织部部长某某某`); several posts
    (`中共某县委常委、组织部部长 某某某`) give a unit each, a department written without its
    organ (`组织部`) taking the organ of the post before it (`中共某县委组织部`)."""
    m = _SPEAKER.match(text)
    if m is not None:
        post, name = m.group("post"), m.group("name")
    elif _GLUED_SPEAKER.fullmatch(text):
        from ingest.extract.lexicon import surnames as _surnames

        surnames = _surnames()
        post, name = next(((text[:-n], text[-n:]) for n in (3, 2)
                           if (text[-n] in surnames or text[-n:-n + 2] in surnames)
                           and _post_title(text[:-n])), ("", ""))
    else:
        return None
    units = _post_units(post)
    return Byline(raw=text, units=units, persons=(name,)) if units else None


#: a post and a name on one line without a space, no punctuation but 、 and brackets
_GLUED_SPEAKER = re.compile(r"[\u4e00-\u9fff、()（）]{5,44}")


def _post_title(post: str) -> str | None:
    """The person title `post` ends with (the longest), if any."""
    return next((t for t in sorted(load_set("person_titles"), key=len, reverse=True)
                 if post.endswith(t)), None)


def _post_units(post: str) -> tuple[str, ...]:
    """The units of a post or of posts listed with 、, each without its title; () if a post
    has no title or its unit is no organ's name."""
    units: list[str] = []
    for part in post.split("、"):
        title = _post_title(part)
        if title is None:
            return ()
        unit = part[:-len(title)]
        if not unit:
            continue  # `副县长`: a title alone says no unit here
        if not fz.ORG_SUFFIX.search(unit):
            return ()
        if units and not unit.startswith(("中共", "中国")) and not _starts_with_place(unit):
            organ = units[0]
            unit = organ + unit  # `中共某县委常委、组织部部长`: 中共某县委 + 组织部
        units.append(unit)
    return tuple(units)


def _starts_with_place(unit: str) -> bool:
    from ingest.extract.units import region_regex

    return bool(region_regex().match(unit)) or unit[0] in "省市县区旗州盟乡镇"


def _is_organ(text: str) -> bool:
    """Whether the line is one government organ's name and nothing else."""
    from ingest.extract.units import find_units

    found = list(find_units(text))
    return len(found) == 1 and (found[0].start, found[0].end) == (0, len(text))


def _units_of_line(text: str, gap: int) -> list[str]:
    """The organs a line lists, apart by at least `gap` spaces, if it holds nothing else."""
    parts = [p for p in re.split(rf"\s{{{gap},}}", text.strip()) if p]
    if all(len(p) <= 30 and not re.search(r"\s|\d", p) and fz.ORG_SUFFIX.search(p)
           and not _is_body(p) for p in parts):
        return parts
    return []


class Splitter:
    """Split stage: `run(NormalizedText) -> list[Source]`; never raises on text."""

    def run(self, norm: NormalizedText) -> list[Source]:
        lines = _lines(norm.text)
        if not lines:
            return []
        page = _scan_header(lines)
        toc = _find_toc(lines, page)
        bylines = {i: b for i in range(len(lines)) if i not in page.skip
                   and (b := fz.parse_byline(lines[i].text))}
        leads = {i: b for i in range(len(lines)) if i not in page.skip and i not in bylines
                 and (b := fz.lead_byline(lines[i].text))}
        if page.doc_number or _is_document(lines, bylines):
            return [_document(norm, lines, page)]
        body = [_is_body(ln.text) for ln in lines]
        segments: list[list[int]] = [[]]
        seg_body = False  # the last segment has a paragraph
        for i in range(len(lines)):
            if i in page.skip:
                continue
            if i in toc and seg_body:
                segments.append([])
                seg_body = False
            segments[-1].append(i)
            seg_body = seg_body or body[i]
            if i in bylines:
                segments.append([])
                seg_body = False
        # segments without a paragraph join the next one (kept as they grow: no re-scan)
        merged: list[list[int]] = []
        carry: list[int] = []
        for seg in segments:
            carry.extend(seg)
            if any(body[i] for i in seg):
                merged.append(carry)
                carry = []
        if not merged:
            merged = [carry] if carry else []
        kind = "news" if page.news else "article"
        sources: list[Source] = []
        for seg in merged:
            title_idx = _title(lines, seg, toc)
            body = [i for i in seg if not title_idx or i >= title_idx[0]]
            sources.append(_make(norm, lines, body or seg, title_idx, page, kind,
                                 [b for i in seg for b in (leads.get(i), bylines.get(i)) if b],
                                 len(sources)))
            _kind_by_title(sources[-1], lines, body or seg)
        logger.debug("%s: %d sources", norm.file.path, len(sources))
        return sources


def split(norm: NormalizedText) -> list[Source]:
    """Split normalised text into its articles (see the module docstring)."""
    return Splitter().run(norm)
