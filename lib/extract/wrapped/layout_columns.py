"""Columns of a table printed as layout-preserving text (`pdftotext -layout`).

Such text keeps every character at its column, so a table's columns show as bands of
character positions that some line occupies, separated by positions that no line does.
The bands holding the rows' signed points are the points column (pdftotext may set one
row's points a character or two apart from the next's); the band right of it the
indicator, everything further right the detail, everything left of it the unit. A
flowing extraction (single spaces, nothing aligned) has no such bands: `find_bands` then
returns None and the caller reads the lines in order instead.

Positions are reliable only where a run of text starts: pdftotext places each run (words
close enough to be printed with one space between them) at a column worked out from its
left edge, then prints its characters one after another, though a Chinese character is
twice as wide as the column step. So a line is cut into columns run by run, never inside a
word. A run that starts in the indicator band and reaches into the detail's (`考评 B 类`
centred in a narrow column, `信息报送 未按要求及时报送典型案例`) is cut where a cell's edge
must be: within a cell Chinese text has no spaces, only where it meets a letter or a digit
(`考评 B 类`), so the first space between two Chinese characters is the indicator's end — if
the indicator then fits its column (ends in its band, or is no wider than the widest line
wholly in it); a run with no such space is one cell. Where that does not fit, both cells
are unsure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lib.document import Line
from lib.extract.rows import line_to_cells, looks_like_row, signed_points, tokens_to_adjustment
from lib.extract.vocabulary import Family
from lib.extract.wrapped.strategy import LAYOUT_COLUMNS, Cut, Strategy, at_index
from lib.settings import ExtractSettings
from lib.text import is_chinese, printed_width, unify_width

ROLES = ("unit", "points", "indicator", "detail")
Run = list[tuple[int, str]]
"""A run of words that touch: each word with the character position it starts at."""


@dataclass(frozen=True)
class Bands:
    """Character ranges [start, end) of the unit, points, indicator and detail columns;
    `capacity`: the printed width of the widest line wholly in the indicator band."""

    unit: tuple[int, int]
    points: tuple[int, int]
    indicator: tuple[int, int]
    detail: tuple[int, int]
    capacity: int = 0

    def role(self, at: int) -> str:
        return next((r for r in ROLES[:-1] if at < getattr(self, r)[1]), "detail")

    def split(self, text: str) -> Cut:
        """The line's words by column, each run of touching words cut at most once."""
        cells: dict[str, list[str]] = {role: [] for role in ROLES}
        unsure: tuple[str, ...] = ()
        for run in runs_of(text):
            roles = [self.role(at) for at, _ in run]
            if roles[0] == "indicator" and roles[-1] == "detail":
                roles, settled = self._fill(run, roles)
                unsure = unsure if settled else ("indicator", "detail")
            for (_, word), role in zip(run, roles, strict=True):
                cells[role].append(word)
        return Cut({role: " ".join(words) for role, words in cells.items()}, unsure)

    def _fill(self, run: Run, roles: list[str]) -> tuple[list[str], bool]:
        """A run from the indicator band into the detail's: the indicator takes the words up
        to its edge if they fit its column (settled), else those starting in its band."""
        first = roles.index("detail") - 1
        edge = next(
            (
                k
                for k in range(first, len(run) - 1)
                if is_chinese(run[k][1][-1]) and is_chinese(run[k + 1][1][0])
            ),
            len(run) - 1,
        )
        at, word = run[edge]
        settled = (
            at + len(word) <= self.indicator[1]
            or printed_width(" ".join(word for _, word in run[: edge + 1])) <= self.capacity
        )
        end = edge if settled else first
        return ["indicator"] * (end + 1) + ["detail"] * (len(run) - end - 1), settled


def runs_of(text: str) -> list[Run]:
    """The line's runs of touching words (one space between them), left to right."""
    runs: list[Run] = []
    end = None
    for match in re.finditer(r"\S+", unify_width(text)):
        if end is not None and match.start() - end <= 1:
            runs[-1].append((match.start(), match.group()))
        else:
            runs.append([(match.start(), match.group())])
        end = match.end()
    return runs


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
    """The four columns, if the lines are aligned text with two or more rows' points in
    neighbouring bands of their own, and two bands right of them."""
    texts = [unify_width(t) for t in texts]
    offsets = [o for o in (points_at(t) for t in texts) if o is not None]
    aligned = sum("  " in t.strip() for t in texts if points_at(t) is not None)
    if len(offsets) < 2 or aligned * 2 < len(offsets):
        return None
    runs = occupied_runs(texts)
    homes = sorted({next((k for k, (a, b) in enumerate(runs) if a <= o < b), -1) for o in offsets})
    first, last = homes[0], homes[-1]
    if first < 0 or homes != list(range(first, last + 1)) or last + 2 >= len(runs):
        return None
    bands = Bands(
        unit=(0, runs[first][0]),
        points=(runs[first][0], runs[last][1]),
        indicator=(runs[last][1], runs[last + 1][1]),
        detail=(runs[last + 1][1], runs[-1][1]),
    )
    return Bands(**{**bands.__dict__, "capacity": _capacity(texts, bands)})


def _capacity(texts: list[str], bands: Bands) -> int:
    """The printed width of the widest run that stands wholly in the indicator band."""
    start, end = bands.indicator
    return max(
        (
            printed_width(" ".join(word for _, word in run))
            for text in texts
            for run in runs_of(text)
            if start <= run[0][0] and run[-1][0] + len(run[-1][1]) <= end
        ),
        default=0,
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
