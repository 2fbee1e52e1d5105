"""Columns of an adjustment table printed without vertical rules (a PDF 三线表), from its words.

Without rules there is no grid, but a reader gives each line's words with their left and
right edges. A cell's text stays inside its cell, so the table's columns show as runs of
the page's width that some word covers, separated by strips of white that none crosses
(the same idea as layout_columns.py's character columns, in points). The run holding the rows'
signed points is the points column, the run right of it the indicator, everything further
right the detail, everything left of it the unit. A wrapped cell's piece, or a merged unit
name sharing a line with a piece of the next row's detail (`湘阴县 湘阴县12345热线办参加…`),
then splits into its columns word by word.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.document import Line, Word
from lib.extract.rows import signed_points, tokens_to_adjustment
from lib.extract.vocabulary import Family
from lib.extract.wrapped.strategy import WORD_BOXES, Cut, Strategy, at_top
from lib.settings import DEFAULT_SETTINGS, ExtractSettings


@dataclass(frozen=True)
class Columns:
    """Where the points column starts and ends and where the indicator column ends (points)."""

    points_start: float
    points_end: float
    indicator_end: float

    def column(self, word: Word) -> str:
        if word.x0 < self.points_start:
            return "unit"
        if word.x0 < self.points_end:
            return "points"
        return "indicator" if word.x0 < self.indicator_end else "detail"

    def split(self, line: Line) -> Cut:
        """The line's words as the text of each column."""
        cells: dict[str, list[str]] = {"unit": [], "points": [], "indicator": [], "detail": []}
        for word in line.words:
            cells[self.column(word)].append(word.text)
        return Cut({role: " ".join(texts) for role, texts in cells.items()})


def covered_runs(words: list[Word]) -> list[tuple[float, float]]:
    """Maximal ranges of the page's width covered by at least one word, left to right."""
    runs: list[list[float]] = []
    for word in sorted(words, key=lambda w: w.x0):
        if runs and word.x0 <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], word.x1)
        else:
            runs.append([word.x0, word.x1])
    return [(start, end) for start, end in runs]


def points_word(line: Line, settings: ExtractSettings) -> Word | None:
    """The signed points of a line that reads as an adjustment row, else None."""
    if tokens_to_adjustment([w.text for w in line.words], settings) is None:
        return None
    return next(w for w in line.words if signed_points(w.text) is not None)


def find_columns(lines: list[Line], settings: ExtractSettings = DEFAULT_SETTINGS) -> Columns | None:
    """The columns, if two or more rows have their points in one run with two runs right of it
    and every row's points stand alone in that run; None if the words do not show them."""
    runs = covered_runs([w for line in lines for w in line.words])
    anchors = [(line, word) for line in lines if (word := points_word(line, settings)) is not None]
    homes = {
        next((k for k, (a, b) in enumerate(runs) if a <= word.x0 < b), None) for _, word in anchors
    }
    if len(anchors) < 2 or len(homes) != 1 or None in homes:
        return None
    k = homes.pop()
    if k + 2 >= len(runs):
        return None
    columns = Columns(points_start=runs[k][0], points_end=runs[k][1], indicator_end=runs[k + 1][1])
    if any(columns.split(line).cells["points"] != word.text for line, word in anchors):
        return None
    return columns


def strategy(lines: list[Line], family: Family, settings: ExtractSettings) -> Strategy | None:
    """Lines placed by their tops; an adjustment table's cut into columns by its words, if
    they show them (else None)."""
    if family == "evaluation":
        return Strategy(WORD_BOXES, at_top)
    columns = find_columns(lines, settings)
    return None if columns is None else Strategy(WORD_BOXES, at_top, columns.split)
