"""Columns of an adjustment table that reaches us as positioned text lines (a PDF 三线表).

Without vertical rules there is no grid: a reader gives each visual line with its left and
right edge and its height, its words separated by single spaces. A wrapped cell then leaves
pieces on lines of their own, and a vertically merged unit cell may share a line with a
piece of the next row's detail (`湘阴县 湘阴县12345热线办参加…`). To say which column a
piece is in, the columns' edges are estimated from the rows themselves:

- the unit column ends where a row without a unit starts (its points), or else just right
  of the longest unit name;
- the detail column starts where the last word of the rows that print all four cells starts,
  which is known from the line's right edge and the word's width (a CJK character is as
  wide as the line is high; a digit or Latin letter about half of that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.document import Line
from lib.extract.rows import AdjustmentCells, line_to_cells, tokens_to_adjustment

_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’、，。；：？！（）《》【】—…]")


def text_width(text: str, size: float) -> float:
    """Estimated printed width: a wide (CJK) character is `size` wide, others about half."""
    return sum(size if _WIDE.match(ch) else 0.55 * size for ch in text)


def has_positions(line: Line) -> bool:
    return None not in (line.top, line.bottom, line.x0, line.x1)


def _size(line: Line) -> float:
    return line.bottom - line.top


def _last_start(line: Line, tokens: list[str]) -> float:
    return line.x1 - text_width(tokens[-1], _size(line))


@dataclass(frozen=True)
class Edges:
    """Where the unit column ends and the detail column starts, in page coordinates."""

    unit_end: float
    detail_start: float

    def column(self, x: float, size: float) -> str:
        if x < self.unit_end:
            return "unit"
        return "detail" if x >= self.detail_start - size / 2 else "indicator"


def find_edges(lines: list[Line]) -> Edges | None:
    """The column edges from the rows' own lines; None if the rows do not show them."""
    starts, ends, details = [], [], []
    for line in lines:
        tokens = line_to_cells(line.text)
        row = tokens_to_adjustment(tokens)
        if row is None:
            continue
        if row.unit:
            ends.append(line.x0 + text_width(row.unit, _size(line)) + _size(line) / 2)
        else:
            starts.append(line.x0)
        if row.unit and row.detail and len(row.detail.split()) == 1 and (
                tokens[-1] == row.detail):
            details.append(_last_start(line, tokens))
    if not details or not (starts or ends):
        return None
    unit_end = min(starts) - 1 if starts else max(ends)
    return Edges(unit_end=unit_end, detail_start=min(details))


def split_row(line: Line, edges: Edges) -> AdjustmentCells | None:
    """A row's own line, its last word moved to the detail where it starts in that column."""
    tokens = line_to_cells(line.text)
    row = tokens_to_adjustment(tokens)
    if row is None or row.detail or not row.indicator:
        return row
    if edges.column(_last_start(line, tokens), _size(line)) == "detail":
        return AdjustmentCells(row.unit, row.points, row.signed, indicator="", detail=row.indicator)
    return row


def split_piece(line: Line, edges: Edges) -> list[tuple[str, str]]:
    """A line of wrapped pieces as (column, text): one piece, or a unit name followed by a
    piece of a detail (when their columns differ, known from where each starts)."""
    tokens = line_to_cells(line.text)
    first = edges.column(line.x0, _size(line))
    if len(tokens) > 1:
        last = edges.column(_last_start(line, tokens), _size(line))
        if first == "unit" and last != "unit":
            return [("unit", tokens[0]), (last, " ".join(tokens[1:]))]
    return [(first, line.text)]
