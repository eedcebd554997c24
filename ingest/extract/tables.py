"""Indicator tables flattened one cell per line, each cell ending in `|`, or bare (a run of
short lines without sentence punctuation that opens with a table's header words).

    一级指标 | 序号 | 二级指标 | 单位 | 2015年 基数 | 2020年 规划目标 | 2020年 完成情况 |
    人才总量 | 1 | 人才资源总量 | 万人 | 18.6 | 30 | 27.1 | 2 | 党政人才 | 万人 | 0.95 | —— | ...

A header without a year (`年度目标 | 完成情况`) takes the year of the table's caption
(`2022年度全区人才工作主要指标完成情况`, the line before it or its first cell).

Merged cells leave empty or missing category cells, so rows are found by their serial
number (1, 2, 3 … in order), not by position: a row is `serial, name, unit, value × k`
where k is the number of header cells that carry a year. Any other cell between rows is
the category of the rows that follow. `——`, `-`, `/` mean no value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.types import IndicatorRow

_CELL_LINE = re.compile(r"^(?P<cell>.*?)\s*\|\s*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
_EMPTY = {"——", "—", "-", "--", "/", "－", "无", "…"}
_SERIAL_HEAD = re.compile(r"序号|编号|序列")
_HEADER_WORD = re.compile(r"指标|序号|单位|名称|类别|项目|备注")
#: a bare cell: a short line without a sentence's punctuation (a thousands comma is a
#: number's); a run of them is a table only if a header word opens it (see `table_blocks`)
_BARE_CELL = re.compile(r"^(?!.*[。；;，]|.*,(?!\d))\S.{0,39}$")
_BARE_MIN_CELLS = 8
_HEADER_REACH = 4
#: a column of ratios (`完成率`, `进度`: a share of the target reached): not a value of the
#: indicator
_RATIO = re.compile(r"率|比例|占比|进度|完成度")
#: a caption, not a column header (its year is the table's): what a title says, or long
_CAPTION = re.compile(r"指标|表$|一览|主要|^.{17,}$")
_KINDS = (("完成", "actual"), ("实际", "actual"), ("现状", "baseline"), ("基数", "baseline"),
          ("基期", "baseline"), ("目标", "target"), ("预期", "target"), ("规划", "target"))


@dataclass(frozen=True, slots=True)
class Column:
    year: int
    kind: str


def _column(cell: str, years: dict[str, int] | None = None) -> Column | None:
    """The column a header cell heads: its year and kind; a kind word alone (`年度目标`)
    is of the table's year for that kind (`years`, from its caption; "" for any kind).
    None for any other cell, a ratio or a caption."""
    if _CAPTION.search(cell) or _RATIO.search(cell):
        return None
    year = _YEAR.search(cell)
    if not year and not years:
        return None
    for word, kind in _KINDS:
        if word in cell:
            when = int(year.group(1)) if year else (years or {}).get(kind, (years or {}).get(""))
            return Column(when, kind) if when is not None else None
    return Column(int(year.group(1)), "bare") if year else None  # see `_kinds_of_bare_years`


#: a caption's year of one kind of column: `现状值为2022年底数据,目标值为2025年`
_KIND_YEAR = re.compile(r"(现状|基数|基期|目标|预期|规划|完成|实际)\D{0,6}?((?:19|20)\d{2})\s*年")


def _caption_years(captions: list[str]) -> dict[str, int]:
    """The years of a table's caption (the line before it, or its first cells): per kind
    where it says (`目标值为2025年`), and under "" its first year."""
    for caption in captions:
        if _CAPTION.search(caption):
            year = _YEAR.search(caption)
            if year:
                found = {"": int(year.group(1))}
                for m in _KIND_YEAR.finditer(caption):
                    kind = dict(_KINDS)[m.group(1)]
                    found.setdefault(kind, int(m.group(2)))
                return found
    return {}


def _columns(head: list[str], captions: list[str]) -> list[Column]:
    """The value columns of a header, in order: header cells with a year, or, where none
    has one, kind words (`年度目标`, `完成情况`) of the caption's year."""
    columns = [col for col in map(_column, head) if col]
    if not columns:
        years = _caption_years(captions + head)
        if years:
            columns = [col for col in (_column(c, years) for c in head) if col]
    return _kinds_of_bare_years(columns)


def _value(cell: str) -> float | None:
    cell = cell.strip().replace(",", "")
    if cell in _EMPTY or not _NUMBER.match(cell):
        return None
    v = float(cell.rstrip("%"))
    return int(v) if v.is_integer() else v


def table_blocks(text: str) -> list[tuple[int, int, list[tuple[str, int, int]]]]:
    """Runs of `cell |` lines, and runs of bare cells that open with header words (`序号`,
    `指标名称`, `单位` within their first lines): (start, end, [(cell, start, end)])."""
    blocks: list[tuple[int, int, list[tuple[str, int, int]]]] = []
    piped: list[tuple[str, int, int]] = []
    bare: list[tuple[str, int, int]] = []
    pos = 0

    def close(cells: list[tuple[str, int, int]], end: int, needs_header: bool) -> None:
        if needs_header:
            cells[:] = _spaced_cells(cells)
        if cells and (not needs_header or (
                len(cells) >= _BARE_MIN_CELLS
                and any(_HEADER_WORD.search(c[0]) for c in cells[:_HEADER_REACH + 1]))):
            blocks.append((cells[0][1], end, list(cells)))
        cells.clear()

    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        m = _CELL_LINE.match(body)
        if m:
            close(bare, pos, True)
            cell = m.group("cell").strip()
            lead = len(body) - len(body.lstrip())
            piped.append((cell, pos + lead, pos + lead + len(cell)))
        else:
            close(piped, pos, False)
            cell = body.strip()
            if not cell and bare:
                pass  # (a web page's table cells come apart by blank lines)
            elif cell and _BARE_CELL.match(cell):
                lead = len(body) - len(body.lstrip())
                bare.append((cell, pos + lead, pos + lead + len(cell)))
            else:
                close(bare, pos, True)
        pos += len(line)
    close(piped, pos, False)
    close(bare, pos, True)
    return sorted(blocks)


_SPACES = re.compile(r"\s+")


def _spaced_cells(lines: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A run of bare lines that are rows of space-separated cells (text extracted from a
    PDF: `指标 单位 2022年基数 2025年目标` / `人才资源总量 万人 9.6 12`), as cells: when two
    thirds of its lines, three or more, split into the same number (three or more) of cells.
    Any other run is returned as it is (a cell may hold a space: `2015年 基数`)."""
    if len(lines) < 3:
        return lines
    counts = [len(_SPACES.split(text)) for text, _, _ in lines]
    k = max(set(counts), key=counts.count)
    if k < 3 or counts.count(k) < max(3, len(lines) * 2 / 3):
        return lines
    cells: list[tuple[str, int, int]] = []
    for text, start, _ in lines:
        pos = 0
        for part in _SPACES.split(text):
            pos = text.index(part, pos)
            cells.append((part, start + pos, start + pos + len(part)))
            pos += len(part)
    return cells


def parse_table(cells: list[tuple[str, int, int]],
                caption: str = "") -> list[IndicatorRow]:
    """The indicator rows of one block (empty when the block is not an indicator table).

    Empty cells count where they stand inside a row (a missing value is a gap, it does not
    pull the next row's serial number in as a value); between rows they are merged category
    cells and are skipped. A row cut short — its next serial number and a name where values
    should be — ends there, and the next row is still read."""
    first = next((i for i, c in enumerate(cells) if c[0] == "1"), None)
    if first is None or not (any(_SERIAL_HEAD.search(c[0]) for c in cells[:first])
                             or not any(_NUMBER.match(c[0]) for c in cells[:first])):
        # (a `1` after values, in a table whose header has no 序号 column, is a value)
        return _rows_without_serials(cells, caption)
    head = [c[0] for c in cells[:first]]
    columns = _columns(head, [caption])
    year = _caption_years([caption] + head)
    if not columns:
        return []
    rows: list[IndicatorRow] = []
    category = None
    before = next((c[0] for c in reversed(cells[:first]) if c[0]), None)
    if before is not None and _column(before, year) is None \
            and not _HEADER_WORD.search(before) and not _RATIO.search(before):
        category = before  # `人才总量 | 1 | …`: the first category cell
    expected, i = 1, first
    while i < len(cells):
        cell, start, end = cells[i]
        if cell == str(expected) and i + 2 < len(cells) and cells[i + 1][0]:
            name, unit = cells[i + 1][0], cells[i + 2][0]
            raw = [c[0] for c in cells[i + 3:i + 3 + len(columns)]]
            for k, v in enumerate(raw):
                after = i + 4 + k
                if v == str(expected + 1) and after < len(cells) and _is_name(cells[after][0]):
                    raw = raw[:k]  # a short row: the next row starts here
                    break
            values = [{"year": col.year, "kind": col.kind, "value": _value(v)}
                      for col, v in zip(columns, raw)]
            values = [v for v in values if v["value"] is not None]
            last = cells[min(i + 2 + len(raw), len(cells) - 1)][2]
            rows.append(IndicatorRow(name, unit, values, category, start, last))
            expected += 1
            i += 3 + len(raw)
            continue
        if _is_name(cell):
            category = cell
        i += 1
    return rows


def _kinds_of_bare_years(columns: list[Column]) -> list[Column]:
    """Columns headed by a year alone (`2020年 | 2025年`) in a plan's table: the last year is
    the target, the first the baseline, any between them actual; three or more consecutive
    years are a series of observations, all actual. A header with a kind word anywhere keeps
    what its cells say."""
    bare = [c for c in columns if c.kind == "bare"]
    if not bare:
        return columns
    years = sorted({c.year for c in bare})
    # three or more years in a row (`2020年 | 2021年 | 2022年 | 2023年`): a statistical series,
    # every value observed
    series = len(years) >= 3 and years[-1] - years[0] == len(years) - 1

    def kind(year: int) -> str:
        if len(years) == 1 or series:
            return "actual"
        return "target" if year == years[-1] else "baseline" if year == years[0] else "actual"

    return [Column(c.year, kind(c.year)) if c.kind == "bare" else c for c in columns]


def _rows_without_serials(cells: list[tuple[str, int, int]],
                          caption: str = "") -> list[IndicatorRow]:
    """A table without a 序号 column (`指标名称 | 单位 | 2021年 基数 | 2025年 目标 |` then
    `name | unit | value…` rows): its header must name the indicator and unit columns, and
    every row must have a name, a short unit and values (numbers or no-value marks)."""
    header = 0
    year = _caption_years([caption] + [c[0] for c in cells[:_HEADER_REACH]])
    while header < len(cells) and (_HEADER_WORD.search(cells[header][0])
                                   or _column(cells[header][0], year)
                                   or _RATIO.search(cells[header][0])):
        header += 1
    head = [c[0] for c in cells[:header]]
    columns = _columns(head, [caption])
    if not columns or not any("单位" in h for h in head) or not any(
            "指标" in h or "名称" in h for h in head):
        return []
    # a row's cells after name and unit: one per value column, and per ratio column
    year = year or _caption_years([caption] + head)
    slots = [_column(h, year) for h in head if _column(h, year) or _RATIO.search(h)]
    if [c for c in slots if c] != [c for c in columns if c]:
        slots = list(columns)
    slots = [columns[sum(1 for c in slots[:k] if c)] if c else None
             for k, c in enumerate(slots)]  # with the kinds `_columns` gave bare years
    width = 2 + len(slots)
    grouped = _has_category_column(head)
    rows: list[IndicatorRow] = []
    category: str | None = None
    i = header
    while i + width <= len(cells):
        row = cells[i:i + width]
        if not _is_row(row) and grouped and i + width < len(cells) \
                and (_is_name(cells[i][0]) or not cells[i][0]) \
                and _is_row(cells[i + 1:i + 1 + width]):
            # `类别 | 指标 | 单位 | …`: a category cell opens the first row of its group only
            # (the merged cell of the rows below it), or is left empty there
            category, row = cells[i][0] or category, cells[i + 1:i + 1 + width]
            i += 1
        elif not _is_row(row) and not cells[i][0] and _is_row(cells[i + 1:i + 1 + width]):
            i += 1  # an empty cell between two rows (a row's last, left blank: a lone `|`)
            continue
        elif not _is_row(row):
            break
        name, unit, raw = row[0][0], row[1][0], [c[0] for c in row[2:]]
        values = [{"year": col.year, "kind": col.kind, "value": _value(v)}
                  for col, v in zip(slots, raw) if col is not None]
        rows.append(IndicatorRow(name, unit, [v for v in values if v["value"] is not None],
                                 category, row[0][1], row[-1][2]))
        i += width
    return rows


def _is_row(row: list[tuple[str, int, int]]) -> bool:
    """`name | unit | value…` cells: a name, a short unit, values (numbers or no-value marks)."""
    name, unit, raw = row[0][0], row[1][0], [c[0] for c in row[2:]]
    return _is_name(name) and bool(unit) and len(unit) <= 6 and not _NUMBER.match(unit) \
        and not any(v and v not in _EMPTY and not _NUMBER.match(v.replace(",", "")) for v in raw)


def _has_category_column(head: list[str]) -> bool:
    """Whether a header names a column before the indicator's name (`类别 | 指标 | 单位`,
    `一级指标 | 二级指标 | 单位`): the rows' names are then in the last 指标/名称 column
    before 单位, and a group's category stands before its first row only."""
    unit = next((k for k, h in enumerate(head) if "单位" in h), len(head))
    names = [k for k, h in enumerate(head[:unit]) if "指标" in h or "名称" in h]
    return bool(names) and any(not _SERIAL_HEAD.search(h) for h in head[:names[-1]])


def _is_name(cell: str) -> bool:
    """A cell that names something (not empty, not a number, not a no-value mark)."""
    return bool(cell) and not _NUMBER.match(cell) and cell not in _EMPTY


def find_indicator_rows(text: str) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    for start, _, cells in table_blocks(text):
        rows.extend(parse_table(cells, _line_before(text, start)))
    return rows


def _line_before(text: str, start: int) -> str:
    """The last non-blank line before `start` (a table's caption, if it has one)."""
    for line in reversed(text[:start].splitlines()[-3:]):
        if line.strip():
            return line.strip()
    return ""
