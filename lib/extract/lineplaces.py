"""Where the text lines of a table without a grid stand: down the page and across it.

Down: a PDF line's top; in layout-preserving text (`pdftotext -layout`, the rows' columns
aligned by runs of spaces) the line's index, since each line is one printed line; in a
flowing extraction nothing (NaN), and the order alone must tell. Across: where a line's
text starts and where a row's numbers start, in points (PDF words) or characters (layout
text). A wrapped unit name is printed left of the numbers; text right of them is another
column's (a 备注 note), never part of a name.
"""

from __future__ import annotations

import math
import re

from lib.document import Line
from lib.extract.numbers import is_count, is_decimal, is_rate
from lib.extract.rows import line_to_cells, looks_like_row
from lib.text import unify_width

# Positions stay below this: position = page * PAGE + top (or index).
PAGE = 100_000


def positions_down(lines: list[Line]) -> dict[int, float]:
    """Each line's place down the table (by id), pages never interleaving; NaN for a
    flowing extraction."""
    if all(line.top is not None for line in lines):
        return {id(line): line.page * PAGE + line.top for line in lines}
    if is_layout_text(lines):
        return {id(line): line.page * PAGE + index for index, line in enumerate(lines)}
    return {id(line): math.nan for line in lines}


def is_layout_text(lines: list[Line]) -> bool:
    """Text lines whose rows keep their columns apart with runs of spaces (no tabs)."""
    rows = [
        line.text.strip()
        for line in lines
        if "\t" not in line.text and looks_like_row(line_to_cells(line.text))
    ]
    return len(rows) >= 2 and 2 * sum("  " in row for row in rows) > len(rows)


def text_start(line: Line) -> float | None:
    """Where the line's text starts across; None where that is not known."""
    if line.words:
        return line.words[0].x0
    if line.top is None and not line.text.startswith("\t"):
        return float(len(line.text) - len(line.text.lstrip()))
    return None


def numbers_start(line: Line) -> float | None:
    """Where a row's first number starts across; None where that is not known."""
    if line.words:
        return next((w.x0 for w in line.words if _is_number(w.text)), None)
    if line.top is None and "\t" not in line.text:
        text = unify_width(line.text)
        return next(
            (float(m.start()) for m in re.finditer(r"\S+", text) if _is_number(m.group())), None
        )
    return None


def _is_number(text: str) -> bool:
    return is_count(text) or is_rate(text) or is_decimal(text)
