"""Indicator tables flattened one cell per line, each cell ending in `|`.

    一级指标 | 序号 | 二级指标 | 单位 | 2015年 基数 | 2020年 规划目标 | 2020年 完成情况 |
    人才总量 | 1 | 人才资源总量 | 万人 | 18.6 | 30 | 27.1 | 2 | 党政人才 | 万人 | 0.95 | —— | ...

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
_HEADER_WORD = re.compile(r"指标|序号|单位|名称|类别|项目|备注")
_KINDS = (("完成", "actual"), ("实际", "actual"), ("现状", "baseline"), ("基数", "baseline"),
          ("基期", "baseline"), ("目标", "target"), ("预期", "target"), ("规划", "target"))


@dataclass(frozen=True, slots=True)
class Column:
    year: int
    kind: str


def _column(cell: str) -> Column | None:
    year = _YEAR.search(cell)
    if not year:
        return None
    for word, kind in _KINDS:
        if word in cell:
            return Column(int(year.group(1)), kind)
    return Column(int(year.group(1)), "bare")  # a year alone: see `_kinds_of_bare_years`


def _value(cell: str) -> float | None:
    cell = cell.strip().replace(",", "")
    if cell in _EMPTY or not _NUMBER.match(cell):
        return None
    v = float(cell.rstrip("%"))
    return int(v) if v.is_integer() else v


def table_blocks(text: str) -> list[tuple[int, int, list[tuple[str, int, int]]]]:
    """Runs of `cell |` lines: (start, end, [(cell, start, end)])."""
    blocks, cells, block_start, pos = [], [], None, 0
    for line in text.splitlines(keepends=True):
        m = _CELL_LINE.match(line.rstrip("\n"))
        if m:
            if block_start is None:
                block_start = pos
            cell = m.group("cell").strip()
            cells.append((cell, pos, pos + len(cell)))
        elif block_start is not None:
            blocks.append((block_start, pos, cells))
            cells, block_start = [], None
        pos += len(line)
    if block_start is not None:
        blocks.append((block_start, pos, cells))
    return blocks


def parse_table(cells: list[tuple[str, int, int]]) -> list[IndicatorRow]:
    """The indicator rows of one block (empty when the block is not an indicator table).

    Empty cells count where they stand inside a row (a missing value is a gap, it does not
    pull the next row's serial number in as a value); between rows they are merged category
    cells and are skipped. A row cut short — its next serial number and a name where values
    should be — ends there, and the next row is still read."""
    first = next((i for i, c in enumerate(cells) if c[0] == "1"), None)
    if first is None:
        return _rows_without_serials(cells)
    columns = _kinds_of_bare_years([col for col in (_column(c[0]) for c in cells[:first]) if col])
    if not columns:
        return []
    rows: list[IndicatorRow] = []
    category = None
    before = next((c[0] for c in reversed(cells[:first]) if c[0]), None)
    if before is not None and _column(before) is None and not _HEADER_WORD.search(before):
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
    the target, the first the baseline, any between them actual. A header with a kind word
    anywhere keeps what its cells say."""
    bare = [c for c in columns if c.kind == "bare"]
    if not bare:
        return columns
    years = sorted({c.year for c in bare})

    def kind(year: int) -> str:
        if len(years) == 1:
            return "actual"
        return "target" if year == years[-1] else "baseline" if year == years[0] else "actual"

    return [Column(c.year, kind(c.year)) if c.kind == "bare" else c for c in columns]


def _rows_without_serials(cells: list[tuple[str, int, int]]) -> list[IndicatorRow]:
    """A table without a 序号 column (`指标名称 | 单位 | 2021年 基数 | 2025年 目标 |` then
    `name | unit | value…` rows): its header must name the indicator and unit columns, and
    every row must have a name, a short unit and values (numbers or no-value marks)."""
    header = 0
    while header < len(cells) and (_HEADER_WORD.search(cells[header][0])
                                   or _column(cells[header][0])):
        header += 1
    head = [c[0] for c in cells[:header]]
    columns = _kinds_of_bare_years([col for col in map(_column, head) if col])
    if not columns or not any("单位" in h for h in head) or not any(
            "指标" in h or "名称" in h for h in head):
        return []
    width = 2 + len(columns)
    rows: list[IndicatorRow] = []
    for i in range(header, len(cells) - width + 1, width):
        row = cells[i:i + width]
        name, unit, raw = row[0][0], row[1][0], [c[0] for c in row[2:]]
        if not _is_name(name) or not unit or len(unit) > 6 or _NUMBER.match(unit) or any(
                v and v not in _EMPTY and not _NUMBER.match(v.replace(",", "")) for v in raw):
            break
        values = [{"year": col.year, "kind": col.kind, "value": _value(v)}
                  for col, v in zip(columns, raw)]
        rows.append(IndicatorRow(name, unit, [v for v in values if v["value"] is not None],
                                 None, row[0][1], row[-1][2]))
    return rows


def _is_name(cell: str) -> bool:
    """A cell that names something (not empty, not a number, not a no-value mark)."""
    return bool(cell) and not _NUMBER.match(cell) and cell not in _EMPTY


def find_indicator_rows(text: str) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    for _, _, cells in table_blocks(text):
        rows.extend(parse_table(cells))
    return rows
