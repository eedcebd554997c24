"""Name lists: the tables of a 公示 or 名单 (`序号 | 姓名 | 工作单位 | 人才类别`), one person a
row. A person in a roster has no title or byline to be recognised by; the 姓名 column says
the cell is a name. The row's unit column says where the person works (MEMBER_OF).

Three layouts are read: rows of `|`-separated cells; a table flattened one cell a line
(`序号`, the header's other cells, then each row's cells, as many a row as the header
has, each row opening with its serial number); and a list of a decision or a 名单 with
no header, one person a line, the name first and then where they work
(`许　敏　某市第一人民医院副院长`: a two-character name padded to three), at least
`_LIST_MIN` such lines in a row."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ingest.extract import lexicon as lx
from ingest.types import Mention
from schema.labels import Label

#: the header cell of the names column
_NAME_HEADER = re.compile(r"^(?:姓\s*名|人员姓名|人选姓名|专家姓名)$")
#: header cells of the column naming where the person works
_UNIT_HEADER = re.compile(r"^(?:工作)?单位(?:名称)?$|^(?:所在|推荐|申报|工作)单位(?:及职务|及职称)?$"
                          r"|^工作单位及职务$|^单位及职务$")
#: a person's name: two to four characters, or a name written with a middle dot
_NAME = re.compile(rf"[{lx.CJK}]{{2,4}}|[{lx.CJK}]{{1,6}}·[{lx.CJK}]{{1,6}}")
#: the longest a header cell is; a longer line is prose, not a header
_MAX_HEADER_CELL = 10
#: a line of a list without a header: a name (two or three characters, a two-character one
#: maybe padded to the width of three by one or two spaces between: `许　敏`, `苏  明`)
#: and, after a space, the person's unit and post, no sentence punctuation; a post of the
#: list may label the line (`组　长:某某某　县委副书记`)
_LIST_LINE = re.compile(rf"\s*(?:[{lx.CJK}](?:[ \t\u3000]{{0,2}}[{lx.CJK}]){{1,4}}[ \t\u3000]*[:：][ \t\u3000]*)?"
                        rf"(?P<name>[{lx.CJK}](?:\s{{0,2}}[{lx.CJK}]{{1,2}})|[{lx.CJK}]{{1,6}}·[{lx.CJK}]{{1,6}})"
                        rf"\s+(?P<unit>[{lx.CJK}][^。;；,，:：!?！？]{{3,60}})\s*$")
_LIST_MIN = 3
#: the label of a list line that is a role in a body (`组　长:`, `副组长:`, `成　员:`): the
#: list is the body's members (a 领导小组's, a 委员会's)
_GROUP_ROLE = re.compile(r"\s*(?:副?组\s*长|成\s*员|副?主\s*任|委\s*员|(?:总)?召\s*集\s*人)\s*[:：]")
#: a short label line inside such a list (`成员单位负责人:`, `列席人员:`): the list goes on
#: under it, so the lines above and below count as one list
_LIST_LABEL = re.compile(rf"\s*[{lx.CJK}、()（）]{{2,12}}[:：]\s*$")


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    start: int
    end: int


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    """The `|`-separated cells of the line text[start:end], stripped, with their spans."""
    out = []
    pos = start
    for part in text[start:end].split("|"):
        s = pos + len(part) - len(part.lstrip())
        e = pos + len(part.rstrip())
        out.append(_Cell(text[s:e], s, e))
        pos += len(part) + 1
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _columns(header: list[str]) -> tuple[int, int | None] | None:
    """(names column, unit column or None) of a header row, or None if it has no names."""
    names = [i for i, h in enumerate(header) if _NAME_HEADER.match(h)]
    if len(names) != 1 or any(len(h) > _MAX_HEADER_CELL for h in header):
        return None
    units = [i for i, h in enumerate(header) if _UNIT_HEADER.match(h)]
    return names[0], (units[0] if units else None)


def _table_rows(text: str, accept: Callable[[list[str]], bool]
                ) -> Iterator[tuple[list[str], list[_Cell]]]:
    """(header, cells) of each row of each table in `text` whose header `accept`s."""
    lines = _lines(text)
    k = 0
    while k < len(lines):
        s, e = lines[k]
        line = text[s:e]
        if "|" in line:
            header = [c.text for c in _cells(text, s, e)]
            if sum(1 for h in header if h) < 2 or not accept(header):
                # (one cell and its bar, `姓名 |`: a table flattened one cell a line, see
                # `_flat_rows`)
                k += 1
                continue
            k += 1
            width = len(header)
            while k < len(lines) and "|" in text[slice(*lines[k])]:
                row = _cells(text, *lines[k])
                if len(row) == width or len(row) == width + 1 and not row[-1].text:
                    yield header, row[:width]
                k += 1
            continue
        # one cell a line: the header's cells are the short lines from 序号 to the first
        # serial number (without a serial column the rows could not be told apart)
        if line.strip() not in ("序号", "编号"):
            k += 1
            continue
        j = k + 1
        while j < len(lines) and 0 < len(text[slice(*lines[j])].strip()) <= _MAX_HEADER_CELL \
                and not _is_serial(text[slice(*lines[j])]):
            j += 1
        header = [text[slice(*lines[i])].strip() for i in range(k, j)]
        if len(header) < 2 or not accept(header):
            k += 1
            continue
        width = len(header)
        k = j
        while k + width <= len(lines):
            cells = [_Cell(text[s:e].strip(), s + len(text[s:e]) - len(text[s:e].lstrip()),
                           s + len(text[s:e].rstrip())) for s, e in lines[k:k + width]]
            if not all(c.text for c in cells) or not _is_serial(cells[0].text):
                # a section row between rows (`一、院士工作站(3家)`): the rows go on under it
                if _SECTION_ROW.match(cells[0].text) and _is_serial(cells[1].text):
                    k += 1
                    continue
                break
            yield header, cells
            k += width


#: a row that heads a section of a table (`一、院士工作站(3家)`, `(二)技能大师工作室`)
_SECTION_ROW = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])"
                          r"[^。;；]{1,30}$")


def _rows(text: str) -> Iterator[tuple[_Cell, _Cell | None]]:
    """(name cell, unit cell) of each row of each roster in `text`."""
    for header, cells in _table_rows(text, lambda h: _columns(h) is not None):
        names, unit = _columns(header)  # type: ignore[misc]
        yield cells[names], (cells[unit] if unit is not None else None)
    yield from _flat_rows(text)


#: the header cells of a roster other than its names' and units' (`称号`, `人才类别`, `职务`)
_OTHER_HEADER = re.compile(r"^(?:序号|编号|性别|年龄|出生年月|民族|学历|学位|专业|职务|职称|称号|荣誉称号|"
                           r"人才类别|类别|入选类别|认定类别|层次|等次|获奖等次|奖项|所在地|备注)$")


def _flat_rows(text: str) -> Iterator[tuple[_Cell, _Cell | None]]:
    """(name cell, unit cell) of each row of a roster flattened one cell a line without a
    serial column (`姓名 |` `单位 |` `称号 |`, then the rows' cells, a lone `|` maybe closing
    each row): the header is the run of header cells from 姓名."""
    from ingest.extract.tables import table_blocks

    for _, _, cells in table_blocks(text):
        k = next((i for i, c in enumerate(cells[:6]) if _NAME_HEADER.match(c[0])), None)
        if k is None or any(_is_serial(c[0]) for c in cells[k:k + 8]):
            continue  # (with a serial column, `_table_rows` reads it)
        j = k
        while j < len(cells) and (_NAME_HEADER.match(cells[j][0]) or _UNIT_HEADER.match(
                cells[j][0]) or _OTHER_HEADER.match(cells[j][0])):
            j += 1
        header = [c[0] for c in cells[k:j]]
        columns = _columns(header)
        if columns is None or len(header) < 2:
            continue
        names, unit = columns
        width, pos = len(header), j
        while pos + width <= len(cells):
            if not cells[pos][0]:
                pos += 1  # the empty cell closing a row
                continue
            row = [_Cell(*c) for c in cells[pos:pos + width]]
            if not all(c.text for c in row):
                break
            yield row[names], (row[unit] if unit is not None else None)
            pos += width


#: header cells of a list of platforms (`平台名称 | 依托单位 | 合作单位 | 所在县市区`): the
#: platform's name, where it is, and its partner
_PLATFORM_HEADER = re.compile(r"^(?:平台|工作站|工作室|基地|站点|载体)名称$")
_PLACE_HEADER = re.compile(r"^(?:所在|所属)(?:县市区|县区|区县|县\(市、区\)|地区|地|区域|市州|旗县区?)$"
                           r"|^(?:县市区|县区|区县|县\(市、区\)|旗县区?|地区)$")
_PARTNER_HEADER = re.compile(r"^(?:合作|共建)(?:单位|院校|高校|院所|机构|方)$")


def platform_rows(text: str) -> Iterator[tuple[_Cell, _Cell | None, _Cell | None]]:
    """(name cell, place cell, partner cell) of each row of each list of platforms."""
    def columns(header: list[str]) -> tuple[int, int | None, int | None] | None:
        names = [i for i, h in enumerate(header) if _PLATFORM_HEADER.match(h)]
        if len(names) != 1 or any(len(h) > _MAX_HEADER_CELL for h in header):
            return None
        place = next((i for i, h in enumerate(header) if _PLACE_HEADER.match(h)), None)
        partner = next((i for i, h in enumerate(header) if _PARTNER_HEADER.match(h)), None)
        return (names[0], place, partner) if place is not None or partner is not None else None

    for header, cells in _table_rows(text, lambda h: columns(h) is not None):
        name, place, partner = columns(header)  # type: ignore[misc]
        yield (cells[name], cells[place] if place is not None else None,
               cells[partner] if partner is not None else None)


#: a column that gives each row's kind (`平台类型`): a label of the row, no name of its own
_TYPE_HEADER = re.compile(r"^(?:平台|载体|基地)?(?:类型|类别)$")


def type_cells(text: str) -> Iterator[_Cell]:
    """The cells of each table's kind column (`平台类型`: `专家服务基地` under the name of a
    基地 says what it is)."""
    def column(header: list[str]) -> int | None:
        return next((i for i, h in enumerate(header) if _TYPE_HEADER.match(h)), None)

    for header, cells in _table_rows(text, lambda h: column(h) is not None):
        yield cells[column(header)]  # type: ignore[index]


def _list_rows(text: str) -> Iterator[tuple[_Cell, _Cell | None]]:
    """(name cell, unit cell) of each line of each run of `_LIST_MIN` or more list lines; the
    name cell's text is the name without its padding."""
    for name, unit, _ in _list_runs(text):
        yield name, unit


def _list_runs(text: str) -> Iterator[tuple[_Cell, _Cell, bool]]:
    """(name cell, unit cell, whether the run's lines are labelled by a body's roles)
    of each line of each run of `_LIST_MIN` or more list lines."""
    run: list[re.Match[str]] = []

    def close() -> Iterator[tuple[_Cell, _Cell, bool]]:
        if len(run) >= _LIST_MIN:
            roles = any(_GROUP_ROLE.match(m.group()) for m in run)
            for m in run:
                name = re.sub(r"\s", "", m.group("name"))
                yield (_Cell(name, m.start("name"), m.end("name")),
                       _Cell(m.group("unit"), m.start("unit"), m.end("unit")), roles)
        run.clear()

    for s, e in _lines(text):
        m = _LIST_LINE.match(text, s, e)
        if m is not None and len(re.sub(r"\s", "", m.group("name"))) >= 2:
            run.append(m)
        elif not (run and _LIST_LABEL.match(text, s, e)):
            yield from close()
    yield from close()


def _is_serial(cell: str) -> bool:
    return bool(re.fullmatch(r"\s*\d{1,4}\s*", cell))


def find_roster_persons(text: str) -> Iterator[Mention]:
    """A Person for each name in a roster's 姓名 column; `unit_cell` is the (start, end) of
    the row's unit cell, if the roster has one; `body_member` marks a name of a list whose
    lines are labelled by a body's roles (组长, 成员)."""
    surnames = lx.surnames()
    seen: set[int] = set()
    grouped = {name.start for name, _, roles in _list_runs(text) if roles}
    for name, unit in (*_rows(text), *_list_rows(text)):
        if name.start in seen or not _NAME.fullmatch(name.text):
            continue
        if "·" not in name.text and name.text[0] not in surnames and name.text[:2] not in surnames:
            continue
        seen.add(name.start)
        attrs = {"roster": True}
        if unit is not None and unit.text:
            attrs["unit_cell"] = (unit.start, unit.end)
        if name.start in grouped:  # `组　长:某某　县委书记`: a member of the body listed
            attrs["body_member"] = True
        yield Mention(Label.PERSON, text[name.start:name.end], name.start, name.end, name.text,
                      attrs)


#: header cells of a table of programs or platforms and who carries each out
#: (`项目名称 | 实施单位 | 预算金额`, `工程名称 | 主要内容 | 牵头单位`): the name's column...
_ITEM_HEADER = re.compile(r"^(?:项目|工程|计划|专项|平台|载体|行动|任务|重点工程|重点项目|人才工程)?名称$"
                          r"|^(?:重点)?(?:项目|工程)$")
#: ...the column of the units that carry each out...
_RUNNER_HEADER = re.compile(r"^(?:实施|牵头|责任|承担|主管|承办|建设|组织)(?:单位|部门)$")
#: ...and what any other header cell of such a table ends with
_HEAD_WORD = re.compile(r"(?:名称|单位|部门|内容|金额|资金|时间|期限|目标|任务|备注|类别|类型|数量|规模|"
                        r"地点|职责|措施|\((?:万元|元|个|人)\)|（(?:万元|元|个|人)）)$")
#: a row that closes the table (`合计`)
_TOTAL_ROW = re.compile(r"^(?:合\s*计|小\s*计|总\s*计)$")


def runner_rows(text: str) -> Iterator[tuple[_Cell, _Cell]]:
    """(name cell, unit cell) of each row of each table of items and the units that carry
    them out, flattened one cell a line: the header is the run of header cells from the
    name's (`项目名称`); the rows are as wide as the header, up to a total row."""
    from ingest.extract.tables import table_blocks

    for _, _, cells in table_blocks(text):
        k = next((i for i, c in enumerate(cells[:6]) if _ITEM_HEADER.match(c[0])), None)
        if k is None:
            continue
        j = k + 1
        while j < len(cells) and len(cells[j][0]) <= _MAX_HEADER_CELL and _HEAD_WORD.search(cells[j][0]):
            j += 1
        header = [c[0] for c in cells[k:j]]
        unit = next((i for i, h in enumerate(header) if _RUNNER_HEADER.match(h)), None)
        if unit is None:
            continue
        width, pos = len(header), j
        while pos + width <= len(cells):
            row = [_Cell(*c) for c in cells[pos:pos + width]]
            if _TOTAL_ROW.match(row[0].text) or _ITEM_HEADER.match(row[0].text):
                break
            yield row[0], row[unit]
            pos += width
