"""Wrapped cells centred on their rows, a unit's name perhaps on a cell merged over several.

Where a table centres every cell vertically, a row's own line (its points or numbers, one
line high) stands at the middle of the row, and so does the middle of each wrapped cell:
`城陵矶新` / `-1 信息报送 …` / `港区`. A unit's name on a cell merged over several rows stands
at the middle of their lines: `国网岳阳` and `供电公司` between two rows that print no unit
belong to both, not one line to each. `pieces.place_centred` places a column when its
pieces split evenly between the rows around them; where a merged cell upsets that count,
every reading is tried here: each row takes the pieces between its neighbours whose middle
(with its own line, if it prints text in that column) is its line, or a run of rows printing
nothing there shares the pieces centred on them; a cell's lines stand close together (no
more than a line or two of other columns between them) — as few rows merged as can be. One such
reading places the pieces; where several do, the pieces they give to different rows are
placed as the first reading does and marked unsure; where none does, nothing is placed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from lib.extract.wrapped.pieces import Anchor, Piece, line_step, place_centred, place_nearest

# Readings beyond this many are not kept: two already leave the pieces unsure.
_MAX_READINGS = 4

Cell = tuple[int, int, int, int]
"""Rows [first, last] of a cell and the pieces [start, end) it takes, by index."""


@dataclass(frozen=True)
class Centring:
    """What a reading of centred cells allows, in lines: a cell's middle `near` its rows'
    middle, `gap` between two of its lines; cells merged over rows in the `merged` columns."""

    near: float
    gap: float
    merged: tuple[str, ...] = ()


def place_by_position(
    anchors: list[Anchor], pieces: list[Piece], reach: float, centring: Centring | None = None
) -> list[Piece]:
    """Place each column's pieces as vertically centred cells if they fit; else, given
    `centring`, by the one reading of centred cells; else by nearness (within `reach`
    lines). The pieces too far from any row are returned."""
    step = line_step([a.pos for a in anchors] + [p.pos for p in pieces])
    left = []
    for column in dict.fromkeys(p.column for p in pieces):
        mine = [p for p in pieces if p.column == column]
        if place_centred(anchors, mine):
            continue
        if centring is None or not place_centred_cells(anchors, mine, column, centring, step):
            left += place_nearest(anchors, mine, reach)
    return left


def place_centred_cells(
    anchors: list[Anchor], pieces: list[Piece], column: str, centring: Centring, step: float = 1
) -> bool:
    """Place one column's pieces on the cells of a reading (lines `step` apart); False,
    placing nothing, where no reading exists."""
    anchors = sorted(anchors, key=lambda a: a.pos)
    pieces = sorted(pieces, key=lambda p: p.pos)
    readings = _Readings(anchors, pieces, column, centring, step).of(0, 0)
    if not anchors or not readings:
        return False
    owners = [_owners(reading) for reading in readings]
    for first, _, start, end in readings[0]:
        anchor = anchors[first]
        for k in range(start, end):
            piece = pieces[k]
            if any(other.get(k) != owners[0][k] for other in owners[1:]):
                piece = replace(piece, unsure=True)
            (anchor.before if piece.pos < anchor.pos else anchor.after).append(piece)
    return True


def _owners(reading: tuple[Cell, ...]) -> dict[int, int]:
    return {k: first for first, _, start, end in reading for k in range(start, end)}


class _Readings:
    """The readings of the rows from one on and the pieces from one on that merge the fewest
    rows, memoised: a name is one cell of its own rows unless nothing else places it, so
    `岳阳华润` / `燃气公司` … `国网岳阳` is not read as one name merged over two rows where
    each name centres on its own."""

    def __init__(self, anchors, pieces, column, centring: Centring, step: float) -> None:
        self.anchors, self.pieces = anchors, pieces
        self.near, self.gap = centring.near * step, centring.gap * step
        self.merged = column in centring.merged
        self.empty = [column in a.empty for a in anchors]
        self.memo: dict[tuple[int, int], tuple[float, list[tuple[Cell, ...]]]] = {}

    def of(self, row: int, piece: int) -> list[tuple[Cell, ...]]:
        return self._best(row, piece)[1]

    def _best(self, row: int, piece: int) -> tuple[float, list[tuple[Cell, ...]]]:
        """The fewest rows merged from here on, and the readings (a few) that merge as few."""
        key = (row, piece)
        if key not in self.memo:
            self.memo[key] = self._find(row, piece)
        return self.memo[key]

    def _find(self, row: int, piece: int) -> tuple[float, list[tuple[Cell, ...]]]:
        if row == len(self.anchors):
            return (0, [()]) if piece == len(self.pieces) else (math.inf, [])
        best: tuple[float, list[tuple[Cell, ...]]] = (math.inf, [])
        for last in range(row, len(self.anchors) if self.merged else row + 1):
            if last > row and not (self.empty[row] and self.empty[last]):
                break
            for end in self._ends(row, last, piece):
                if not self._centred(row, last, piece, end):
                    continue
                cost, rest = self._best(last + 1, end)
                cost += last - row
                cell = (row, last, piece, end)
                if cost < best[0]:
                    best = (cost, [(cell, *r) for r in rest])
                elif cost == best[0]:
                    best = (cost, best[1] + [(cell, *r) for r in rest])
        return best[0], best[1][:_MAX_READINGS]

    def _ends(self, first: int, last: int, start: int) -> range:
        """How far the pieces of rows first..last may run: those between the rows around."""
        low = self.anchors[first - 1].pos if first else float("-inf")
        high = self.anchors[last + 1].pos if last + 1 < len(self.anchors) else float("inf")
        if start < len(self.pieces) and self.pieces[start].pos <= low:
            return range(0)
        end = start
        while end < len(self.pieces) and self.pieces[end].pos < high:
            end += 1
        return range(start + (last > first), end + 1)

    def _centred(self, first: int, last: int, start: int, end: int) -> bool:
        if start == end:
            return True
        lines = [p.pos for p in self.pieces[start:end]]
        if first == last and not self.empty[first]:
            lines.append(self.anchors[first].pos)
        lines.sort()
        if any(b - a > self.gap + 1e-9 for a, b in zip(lines, lines[1:], strict=False)):
            return False
        middle = (self.anchors[first].pos + self.anchors[last].pos) / 2
        return abs((lines[0] + lines[-1]) / 2 - middle) <= self.near + 1e-9
