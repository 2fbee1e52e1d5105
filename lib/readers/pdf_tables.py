"""Ruled tables on a PDF page: pdfplumber's "explicit lines" table finder and its cell text,
with the two steps that cost more than parsing the page done in linear time.

pdfplumber finds a cell's corner points by scanning every later point for each point, and
extracts each row's text by scanning every character of the page; on a 300-row attachment page
that was most of the reader's time. `_cells` and `cell_texts` give exactly what
`intersections_to_cells` and `Table.extract` give (tests/test_pdf_tables.py compares them on
PDFs with every kind of ruled table the fixtures have), from points grouped by column and row,
characters sorted by height, and a cell that is one word read without pdfplumber's word and
line machinery.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
)
from pdfplumber.utils import extract_text, obj_to_bbox
from pdfplumber.utils.text import DEFAULT_Y_TOLERANCE, LIGATURES

Bbox = tuple[float, float, float, float]


def ruled_tables(page, snap: float, length: float) -> list[Table]:
    """The tables the page's rules draw (see rule_settings), as pdfplumber finds them."""
    settings = rule_settings(page, snap, length)
    return _LinearFinder(page, settings).tables if settings else []


def rule_settings(page, snap: float, length: float) -> TableSettings | None:
    """pdfplumber's "lines" strategy, fed with the rules at least `length` long whose
    orientation is decided with a tolerance (`snap`): pdfplumber calls a line horizontal only
    when top == bottom exactly, and on a page with /Rotate the rotation leaves 1e-14 between
    them, so every rule turned vertical. None when the page has too few rules for a table."""
    vertical, horizontal = [], []
    for edge in page.edges:
        if abs(edge["top"] - edge["bottom"]) <= snap and edge["x1"] - edge["x0"] >= length:
            horizontal.append(
                {
                    **edge,
                    "bottom": edge["top"],
                    "height": 0,
                    "orientation": "h",
                    "object_type": "rule_edge",
                }
            )
        elif abs(edge["x1"] - edge["x0"]) <= snap and edge["bottom"] - edge["top"] >= length:
            vertical.append(
                {
                    **edge,
                    "x1": edge["x0"],
                    "width": 0,
                    "orientation": "v",
                    "object_type": "rule_edge",
                }
            )
    if len(vertical) < 2 or len(horizontal) < 2:
        return None
    return TableSettings.resolve(
        {
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": vertical,
            "explicit_horizontal_lines": horizontal,
        }
    )


class _LinearFinder(TableFinder):
    """TableFinder's own steps, with `_cells` in place of intersections_to_cells."""

    def __init__(self, page, settings: TableSettings):
        self.page = page
        self.settings = settings
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
        )
        self.cells = _cells(self.intersections)
        self.tables = [Table(page, group) for group in cells_to_tables(self.cells)]


def _cells(intersections: dict) -> list[Bbox]:
    """For each corner point in (x, top) order, the smallest cell it is the top-left of: the
    nearest point below and to the right joined to it by a rule, whose far corner exists and is
    joined to both (pdfplumber's rule, point for point)."""
    points = sorted(intersections)
    rules = {
        p: ({obj_to_bbox(e) for e in found["v"]}, {obj_to_bbox(e) for e in found["h"]})
        for p, found in intersections.items()
    }
    columns: dict[float, list] = defaultdict(list)
    rows: dict[float, list] = defaultdict(list)
    places = {}
    for point in points:
        column, row = columns[point[0]], rows[point[1]]
        places[point] = (len(column), len(row))
        column.append(point)
        row.append(point)

    def joined(a, b) -> bool:
        axis = 0 if a[0] == b[0] else 1
        return bool(rules[a][axis] & rules[b][axis])

    cells = []
    for point in points:
        down, across = places[point]
        below = columns[point[0]][down + 1 :]
        right = rows[point[1]][across + 1 :]
        cell = _smallest(point, below, right, intersections, joined)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(point, below, right, intersections, joined) -> Bbox | None:
    for low in below:
        if not joined(point, low):
            continue
        for side in right:
            if not joined(point, side):
                continue
            corner = (side[0], low[1])
            if corner in intersections and joined(corner, side) and joined(corner, low):
                return (point[0], point[1], corner[0], corner[1])
    return None


def cell_texts(table: Table, x_tolerance: float) -> list[list[str | None]]:
    """Table.extract(x_tolerance=…): each cell's text from the characters whose centre lies in
    it, in page order; "" for an empty cell, None where a merged cell covers the grid."""
    chars = table.page.chars
    by_height = _Sorted([((c["top"] + c["bottom"]) / 2, i) for i, c in enumerate(chars)])
    grid = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        in_row = [chars[i] for i in by_height.between(top, bottom)]
        in_row = [c for c in in_row if x0 <= (c["x0"] + c["x1"]) / 2 < x1]
        across = _Sorted([((c["x0"] + c["x1"]) / 2, n) for n, c in enumerate(in_row)])
        grid.append([_text(in_row, across, cell, x_tolerance) for cell in row.cells])
    return grid


class _Sorted:
    """Positions of characters (centre, index), to pick those in a range in page order."""

    def __init__(self, centres: list[tuple[float, int]]):
        self.centres = sorted(centres)
        self.keys = [centre for centre, _ in self.centres]

    def between(self, low: float, high: float) -> list[int]:
        """The indices of the centres in [low, high), ascending."""
        found = self.centres[bisect_left(self.keys, low) : bisect_left(self.keys, high)]
        return sorted(i for _, i in found)


def _text(in_row: list[dict], across: _Sorted, cell: Bbox | None, gap: float) -> str | None:
    if cell is None:
        return None
    x0, top, x1, bottom = cell
    inside = [in_row[n] for n in across.between(x0, x1)]
    inside = [c for c in inside if top <= (c["top"] + c["bottom"]) / 2 < bottom]
    if not inside:
        return ""
    return _one_word(inside, gap) or extract_text(inside, x_tolerance=gap)


def _one_word(chars: list[dict], gap: float) -> str | None:
    """What extract_text gives characters that make one word on one line — most cells: a
    number, a grade, a short name — without building its words and lines: upright letters, no
    blank ones, tops within its line tolerance, none further than `gap` from the one before in
    left-to-right order (its order, ties kept as given). None for anything else."""
    tops = [c["top"] for c in chars]
    if max(tops) - min(tops) > DEFAULT_Y_TOLERANCE:
        return None
    ordered = sorted(chars, key=lambda c: c["x0"])
    for before, char in zip([None, *ordered], ordered, strict=False):
        text = char["text"]
        if not char["upright"] or not text or text.isspace():
            return None
        if before is not None and char["x0"] > before["x1"] + gap:
            return None
    return "".join(LIGATURES.get(c["text"], c["text"]) for c in ordered)
