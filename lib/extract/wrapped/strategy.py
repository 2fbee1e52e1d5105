"""What a strategy for wrapped cells is: a name, where each line stands down the table, and
(for an adjustment table) how a line cuts into its columns."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from lib.document import Line

WORD_BOXES = "word_boxes"
LAYOUT_COLUMNS = "layout_columns"
LINE_ORDER = "line_order"
# Positions stay below this: position = page * PAGE + top (or index), so pages never interleave.
PAGE = 100_000


@dataclass(frozen=True)
class Cut:
    """An adjustment line's text by column (unit, points, indicator, detail; "" where it
    prints nothing), and the columns whose share of the text the line leaves unsure."""

    cells: dict[str, str]
    unsure: tuple[str, ...] = ()


@dataclass(frozen=True)
class Strategy:
    """How one run of a rule-less table's text lines is read.

    `down`: where a line stands down the table (NaN in line order, where only the order
    tells). `split`: an adjustment line cut into its columns; None where the strategy finds
    no columns.
    """

    name: str
    down: Callable[[Line], float]
    split: Callable[[Line], Cut] | None = None

    @property
    def by_position(self) -> bool:
        return self.name != LINE_ORDER


def at_top(line: Line) -> float:
    return line.page * PAGE + line.top


def at_index(lines: list[Line]) -> Callable[[Line], float]:
    """A line's place by its index among `lines` (each one printed line)."""
    index = {id(line): i for i, line in enumerate(lines)}
    return lambda line: line.page * PAGE + index[id(line)]


IN_ORDER = Strategy(LINE_ORDER, lambda line: math.nan)
