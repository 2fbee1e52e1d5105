"""Where the text lines of a table without a grid stand across the page.

Down the page a line stands where the strategy says (choice.py): a PDF line's top, a layout
text's line index, nothing in a flowing text. Across: where a line's text starts and where a
row's numbers start, in points (PDF words) or characters (layout text). A wrapped unit name
is printed left of the numbers; text right of them is another column's (a 备注 note), never
part of a name.
"""

from __future__ import annotations

import re

from lib.document import Line
from lib.extract.numbers import is_count, is_decimal, is_rate
from lib.text import unify_width


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
