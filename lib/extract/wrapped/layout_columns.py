"""Columns of a table printed as layout-preserving text (`pdftotext -layout`).

Such text keeps every character at its column, so a table's columns show as bands of
character positions that some line occupies, separated by positions that no line does.
The band holding the rows' signed points is the points column; the band right of it the
indicator, everything further right the detail, everything left of it the unit. A
flowing extraction (single spaces, nothing aligned) has no such bands: `find_bands` then
returns None and the caller reads the lines in order instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lib.document import Line
from lib.extract.rows import line_to_cells, looks_like_row, signed_points, tokens_to_adjustment
from lib.extract.vocabulary import Family
from lib.extract.wrapped.strategy import LAYOUT_COLUMNS, Strategy, at_index
from lib.settings import ExtractSettings
from lib.text import unify_width


@dataclass(frozen=True)
class Bands:
    """Character ranges [start, end) of the unit, points, indicator and detail columns."""

    unit: tuple[int, int]
    points: tuple[int, int]
    indicator: tuple[int, int]
    detail: tuple[int, int]

    def split(self, text: str) -> dict[str, str]:
        text = unify_width(text)
        return {role: text[start:end].strip() for role, (start, end) in self.__dict__.items()}


def occupied_runs(texts: list[str]) -> list[tuple[int, int]]:
    """Maximal ranges of character positions where at least one line has a character."""
    width = max((len(t) for t in texts), default=0)
    used = [False] * width
    for text in texts:
        for i, ch in enumerate(text):
            used[i] = used[i] or not ch.isspace()
    runs, start = [], None
    for i, flag in enumerate([*used, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    return runs


def find_bands(texts: list[str], points_at: Callable[[str], int | None]) -> Bands | None:
    """The four columns, if the lines are aligned text with two or more rows' points in one band."""
    texts = [unify_width(t) for t in texts]
    offsets = [o for o in (points_at(t) for t in texts) if o is not None]
    aligned = sum("  " in t.strip() for t in texts if points_at(t) is not None)
    if len(offsets) < 2 or aligned * 2 < len(offsets):
        return None
    runs = occupied_runs(texts)
    homes = {next((k for k, (a, b) in enumerate(runs) if a <= o < b), None) for o in offsets}
    if len(homes) != 1 or None in homes:
        return None
    k = homes.pop()
    if k + 2 >= len(runs):
        return None
    width = runs[-1][1]
    return Bands(
        unit=(0, runs[k][0]),
        points=runs[k],
        indicator=(runs[k][1], runs[k + 1][1]),
        detail=(runs[k + 1][1], width),
    )


def is_layout_text(lines: list[Line], settings: ExtractSettings) -> bool:
    """Text lines whose rows keep their columns apart with runs of spaces (no tabs)."""
    rows = [
        line.text.strip()
        for line in lines
        if "\t" not in line.text and looks_like_row(line_to_cells(line.text), settings)
    ]
    return len(rows) >= 2 and 2 * sum("  " in row for row in rows) > len(rows)


def points_offset(text: str, settings: ExtractSettings) -> int | None:
    """Where a row's own line has its signed points (None for other lines)."""
    tokens = line_to_cells(text)
    if tokens_to_adjustment(tokens, settings) is None:
        return None
    token = next(t for t in tokens if signed_points(t) is not None)
    return text.find(token)


def strategy(lines: list[Line], family: Family, settings: ExtractSettings) -> Strategy | None:
    """Lines placed by their index, if the text is aligned; an adjustment table's cut into
    columns by the bands of each page (None unless every page shows them)."""
    if family == "evaluation":
        return (
            Strategy(LAYOUT_COLUMNS, at_index(lines)) if is_layout_text(lines, settings) else None
        )

    def points_at(text: str) -> int | None:
        return points_offset(text, settings)

    bands = {
        page: find_bands([line.text for line in lines if line.page == page], points_at)
        for page in {line.page for line in lines}
    }
    if not bands or not all(bands.values()):
        return None
    return Strategy(LAYOUT_COLUMNS, at_index(lines), lambda line: bands[line.page].split(line.text))
