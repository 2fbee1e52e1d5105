"""Ruled tables in a page picture: rules by morphology, then rows, columns and merged cells.

An opening with a long, one-pixel-thin structuring element keeps only ink that runs that far
in one direction: rules survive, letters do not (no stroke of a character is a twentieth of
the page long). Rows and columns are where the kept rules lie; two neighbouring cells are one
merged cell where the rule between them is missing. The result is the grid a PDF's drawn rules
give pdfplumber, and it is handed on the same way: a merged cell's text in its top-left cell,
None in the cells it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# A rule is at least this share of the page's width (horizontal) or of a row (vertical).
_H_RULE = 1 / 25
_V_RULE_PX = 12
# A line position is a row/column edge where rules cover this share of the table.
_EDGE_COVER = 0.25
# Two cells are apart where the rule between them covers this share of their common side.
_SPLIT_COVER = 0.5
_MIN_TABLE = 3  # rows and columns edges at least


@dataclass(frozen=True)
class Cell:
    """A cell of the grid in page pixels; `row`/`col` index its top-left grid cell."""

    row: int
    col: int
    x0: int
    top: int
    x1: int
    bottom: int


@dataclass(frozen=True)
class Grid:
    """One ruled table: its edges and cells (merged cells once, at their top-left)."""

    ys: tuple[int, ...]
    xs: tuple[int, ...]
    cells: tuple[Cell, ...]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.ys) - 1, len(self.xs) - 1


def rule_masks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rules of an ink image (255 = ink)."""
    h, w = ink.shape
    long = max(20, int(w * _H_RULE))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, long), np.uint8))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((_V_RULE_PX, 1), np.uint8))
    return horizontal, _touching(vertical, horizontal)


def _touching(vertical: np.ndarray, horizontal: np.ndarray) -> np.ndarray:
    """Vertical runs that reach a horizontal rule at both ends: a tall stroke of a letter does
    not, a table's rule always does."""
    reach = cv2.dilate(horizontal, np.ones((5, 5), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(vertical, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        column = reach[:, x : x + w].any(axis=1)
        keep[label] = column[y] and column[min(y + h - 1, len(column) - 1)] and h >= _V_RULE_PX
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def find_grids(ink: np.ndarray) -> list[Grid]:
    """Every ruled table on the page, top to bottom."""
    horizontal, vertical = rule_masks(ink)
    joined = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    grids = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < ink.shape[1] / 5 or h < 20:
            continue
        grid = _grid(horizontal[y : y + h, x : x + w], vertical[y : y + h, x : x + w], x, y)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _edges(cover: np.ndarray, length: int) -> list[int]:
    """Centres of the runs of positions where rules cover enough of the table."""
    hits = np.flatnonzero(cover >= _EDGE_COVER * length)
    if not len(hits):
        return []
    runs = np.split(hits, np.flatnonzero(np.diff(hits) > 2) + 1)
    return [int(run.mean().round()) for run in runs]


def _grid(horizontal: np.ndarray, vertical: np.ndarray, dx: int, dy: int) -> Grid | None:
    h, w = horizontal.shape
    ys = _edges((horizontal > 0).sum(axis=1), w)
    xs = _edges((vertical > 0).sum(axis=0), h)
    if len(ys) < _MIN_TABLE or len(xs) < _MIN_TABLE - 1:
        return None
    cells = _cells(horizontal > 0, vertical > 0, ys, xs)
    return Grid(
        ys=tuple(y + dy for y in ys),
        xs=tuple(x + dx for x in xs),
        cells=tuple(
            Cell(c.row, c.col, c.x0 + dx, c.top + dy, c.x1 + dx, c.bottom + dy) for c in cells
        ),
    )


def _cells(horizontal, vertical, ys: list[int], xs: list[int]) -> list[Cell]:
    """Grid cells joined where the rule between two of them is missing (union-find)."""
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _ruled(vertical[ys[r] : ys[r + 1], :], xs[c + 1], axis=0):
                parent[root(r * cols + c + 1)] = root(r * cols + c)
            if r + 1 < rows and not _ruled(horizontal[:, xs[c] : xs[c + 1]], ys[r + 1], axis=1):
                parent[root((r + 1) * cols + c)] = root(r * cols + c)
    spans: dict[int, list[int]] = {}
    for i in range(rows * cols):
        r, c = divmod(i, cols)
        box = spans.setdefault(root(i), [r, c, r, c])
        box[0], box[1] = min(box[0], r), min(box[1], c)
        box[2], box[3] = max(box[2], r), max(box[3], c)
    return [
        Cell(r0, c0, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]) for r0, c0, r1, c1 in spans.values()
    ]


def _ruled(strip: np.ndarray, at: int, axis: int) -> bool:
    """Whether a rule runs along `at` (a column of `strip` for axis 0, a row for axis 1)."""
    lo, hi = max(0, at - 3), at + 4
    band = strip[:, lo:hi].any(axis=1) if axis == 0 else strip[lo:hi, :].any(axis=0)
    inner = band[2:-2] if len(band) > 6 else band
    return bool(len(inner)) and inner.mean() >= _SPLIT_COVER
