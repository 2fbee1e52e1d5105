"""Where the text lines of a table without a grid stand across the page.

Down the page a line stands where the strategy says (choice.py): a PDF line's top, a layout
text's line index, nothing in a flowing text. Across: where a line's text starts and where a
row's numbers start, in points (PDF words) or characters (layout text). A wrapped unit name
is printed left of the numbers; text right of them is another column's (a 备注 note), never
part of a name. A row's numbers are its ten values: a serial number or rank printed before
the name (`7   国家金融监督…  135 …`) is not where they start.
"""

from __future__ import annotations

import re

from lib.document import Line
from lib.extract.numbers import is_count, is_decimal, is_rate
from lib.model import NUMBERS
from lib.text import unify_width


def text_start(line: Line) -> float | None:
    """Where the line's text starts across; None where that is not known."""
    if line.words:
        return line.words[0].x0
    if line.top is None and not line.text.startswith("\t"):
        return float(len(line.text) - len(line.text.lstrip()))
    return None


def numbers_start(line: Line) -> float | None:
    """Where a row's values (its last ten numbers) start across; None where that is not known."""
    if line.words:
        return _values_start([(w.x0, w.text) for w in line.words])
    if line.top is None and "\t" not in line.text:
        text = unify_width(line.text)
        return _values_start([(float(m.start()), m.group()) for m in re.finditer(r"\S+", text)])
    return None


def _values_start(tokens: list[tuple[float, str]]) -> float | None:
    starts = [at for at, text in tokens if _is_number(text)]
    return starts[-len(NUMBERS) :][0] if starts else None


def _is_number(text: str) -> bool:
    return is_count(text) or is_rate(text) or is_decimal(text)
