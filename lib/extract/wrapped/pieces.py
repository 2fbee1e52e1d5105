"""Wrapped cells in text lines: which row each stray line belongs to.

Where a table reaches us as text lines, a cell that wraps (a long unit name, a detail)
leaves pieces on lines of their own: above the row's line, below it, or both when the
cell is vertically centred. The line that holds a row's values is its anchor; every other
line of the table is a piece of one anchor's cell.

With positions (a PDF's line tops, or the line order of a layout-preserving text) a piece
belongs to the nearest anchor: on a tie, to the one whose cell in that column is empty on
its own line, then to the earlier one. Without positions (a flowing extraction, which
prints a row's first line and then the rest of its wrapped cells) the table's reader
decides from the order, with `place_in_order`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from lib.document import Box, enclosing
from lib.text import squeeze


@dataclass
class Anchor:
    """A row's own line and its parsed cells; pieces of its wrapped cells are added to it."""

    row: Any
    page: int
    pos: float
    empty: frozenset[str] = frozenset()
    before: list[Piece] = field(default_factory=list)
    after: list[Piece] = field(default_factory=list)
    box: Box | None = None
    text: str = ""

    def lines(self, column: str, own: str) -> list[str]:
        """The cell's printed lines: pieces above, the anchor line's own text, pieces below."""
        parts = [p.text for p in self.before if p.column == column]
        return parts + [own] + [p.text for p in self.after if p.column == column]

    def cell(self, column: str, own: str) -> str:
        """The whole cell, its lines joined."""
        return squeeze("".join(squeeze(p) for p in self.lines(column, own)))

    def outline(self) -> Box | None:
        """The row's lines on its page together: its own line and the pieces given to it."""
        pieces = [p.box for p in [*self.before, *self.after] if p.page == self.page]
        return enclosing([self.box, *pieces])

    def as_read(self) -> str:
        """The row's lines as printed, top to bottom."""
        return "\n".join([*(p.text for p in self.before), self.text, *(p.text for p in self.after)])


@dataclass(frozen=True)
class Piece:
    """A line's text in one column, not a row's own line; `unsure`: the strategy could not
    settle where in its line this column's text ends."""

    text: str
    page: int
    pos: float
    column: str | None = None
    box: Box | None = None
    unsure: bool = False


def line_step(positions: list[float]) -> float:
    """The usual distance between two consecutive lines of a table."""
    ordered = sorted(set(positions))
    gaps = [b - a for a, b in zip(ordered, ordered[1:], strict=False) if b - a > 1e-6]
    return median(gaps) if gaps else 1.0


def place_nearest(anchors: list[Anchor], pieces: list[Piece], reach: float) -> list[Piece]:
    """Give each piece to its nearest anchor; return the pieces farther than `reach` lines."""
    if not anchors:
        return list(pieces)
    step = line_step([a.pos for a in anchors] + [p.pos for p in pieces])
    left = []
    for piece in pieces:
        anchor = min(
            anchors,
            key=lambda a, p=piece: (
                round(abs(a.pos - p.pos) / step, 1),
                p.column not in a.empty,
                a.pos,
            ),
        )
        if abs(anchor.pos - piece.pos) > reach * step:
            left.append(piece)
        elif piece.pos < anchor.pos:
            anchor.before.append(piece)
        else:
            anchor.after.append(piece)
    return left


def place_centred(anchors: list[Anchor], pieces: list[Piece]) -> bool:
    """Cells centred on their row's line have as many pieces above that line as below it.

    Going down the rows, the pieces between two rows are the upper row's lower half (as many
    as its upper half), then the lower row's upper half. If the counts do not come out (a
    cell merged over rows, a top-aligned table), place nothing and return False.
    """
    anchors = sorted(anchors, key=lambda a: a.pos)
    bounds = [-math.inf, *(a.pos for a in anchors), math.inf]
    if not anchors or any(p.pos in bounds for p in pieces):
        return False
    gaps = [
        [p for p in pieces if lo < p.pos < hi] for lo, hi in zip(bounds, bounds[1:], strict=False)
    ]
    halves, below = [], 0
    for gap in gaps[:-1]:
        halves.append(len(gap) - below)
        below = halves[-1]
    if min(halves) < 0 or len(gaps[-1]) != below:
        return False
    for anchor, half, gap, next_gap in zip(anchors, halves, gaps, gaps[1:], strict=False):
        anchor.before += gap[len(gap) - half :]
        anchor.after += next_gap[:half]
    return True


def place_in_order(items: list[Anchor | Piece], to_next) -> list[Piece]:
    """Give the pieces between two anchors to the one above, or to the one below where
    `to_next(piece, next_anchor)` says so; return the pieces with no anchor to go to."""
    left = []
    anchors = [i for i, item in enumerate(items) if isinstance(item, Anchor)]
    for i, item in enumerate(items):
        if isinstance(item, Anchor):
            continue
        above = max((a for a in anchors if a < i), default=None)
        below = min((a for a in anchors if a > i), default=None)
        if below is not None and (above is None or to_next(item, items[below])):
            items[below].before.append(item)
        elif above is not None:
            items[above].after.append(item)
        else:
            left.append(item)
    return left
