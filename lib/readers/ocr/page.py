"""One page picture to a Page: ruled tables as grids, the text around them as lines.

The engine finds text regions on the whole page once; each region inside a ruled table is
cut at the column edges it crosses and given to the cell it lies in, the rest become words of
positioned lines. Everything is recognised in one batch. Coordinates leave here in points, as
the PDF reader gives them, so extract/ measures a scan with the same rulers.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from lib.document import SURE, Line, Page, Table, Word
from lib.readers.ocr import engine
from lib.readers.ocr.image import ink, prepared
from lib.readers.ocr.rules import Cell, Grid, find_grids
from lib.readers.ocr.text import tidy_cell, tidy_line

# Margin (pixels) kept around a detected region when it is cut out for the recogniser.
_PAD = 3
# A region piece narrower than this (pixels) after cutting at column edges is a rule's stub.
_MIN_PIECE = 6
# Ink pixels in a cell with no text found: something is printed there that was not read.
_UNREAD_INK = 25


@dataclass(frozen=True)
class _Piece:
    box: engine.Box
    cell: Cell | None
    grid: int | None


def read_page(gray: np.ndarray, number: int, dpi: float) -> Page:
    """A grey page picture at `dpi` to the Page a PDF reader would give."""
    gray = prepared(gray)
    page_ink = ink(gray)
    grids = find_grids(page_ink)
    pieces = _pieces(engine.detect(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)), grids)
    readings = engine.recognise([_strip(gray, p) for p in pieces])
    to_pt = 72.0 / dpi
    blocks: list[Line | Table] = [
        _table(grid, i, pieces, readings, page_ink, number, to_pt) for i, grid in enumerate(grids)
    ]
    loose = [(p, r) for p, r in zip(pieces, readings, strict=True) if p.grid is None and r.text]
    blocks += [_line(words, number, to_pt) for words in _lines(loose)]
    blocks.sort(key=lambda b: (b.top, b.x0 if isinstance(b, Line) else 0.0))
    h, w = gray.shape
    return Page(number=number, blocks=blocks, width=w * to_pt, height=h * to_pt, recognised=True)


def _pieces(boxes: list[engine.Box], grids: list[Grid]) -> list[_Piece]:
    """Regions outside tables as they are; inside a table, cut at the column edges."""
    pieces = []
    for box in boxes:
        cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        at = next((i for i, g in enumerate(grids) if _inside(cx, cy, g.box)), None)
        if at is None:
            pieces.append(_Piece(box, None, None))
            continue
        for cell in grids[at].cells:
            x0, x1 = max(box.x0, cell.x0), min(box.x1, cell.x1)
            if x1 - x0 >= _MIN_PIECE and cell.top <= cy < cell.bottom:
                cut = engine.Box(x0, max(box.top, cell.top), x1, min(box.bottom, cell.bottom))
                pieces.append(_Piece(cut, cell, at))
    return pieces


def _inside(x: float, y: float, box: tuple[int, int, int, int]) -> bool:
    x0, top, x1, bottom = box
    return x0 <= x < x1 and top <= y < bottom


def _strip(gray: np.ndarray, piece: _Piece) -> np.ndarray:
    """The piece cut out with a margin, kept off the cell's rules."""
    box, cell = piece.box, piece.cell
    lo_x, lo_y, hi_x, hi_y = 0, 0, gray.shape[1], gray.shape[0]
    if cell is not None:
        lo_x, lo_y, hi_x, hi_y = cell.x0 + 3, cell.top + 3, cell.x1 - 2, cell.bottom - 2
    x0, x1 = max(lo_x, box.x0 - _PAD), min(hi_x, box.x1 + _PAD)
    top, bottom = max(lo_y, box.top - _PAD), min(hi_y, box.bottom + _PAD)
    crop = gray[top : max(bottom, top + 1), x0 : max(x1, x0 + 1)]
    return cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR)


def _table(grid: Grid, at: int, pieces, readings, page_ink, number: int, to_pt: float) -> Table:
    rows_n, cols_n = grid.shape
    rows: list[list[str | None]] = [[None] * cols_n for _ in range(rows_n)]
    sure: list[list[float]] = [[SURE] * cols_n for _ in range(rows_n)]
    for cell in grid.cells:
        found = [
            (p.box, r)
            for p, r in zip(pieces, readings, strict=True)
            if p.cell == cell and p.grid == at
        ]
        text, confidence = _cell_text(found)
        if not text and _has_ink(page_ink, cell):
            confidence = 0.0
        rows[cell.row][cell.col], sure[cell.row][cell.col] = tidy_cell(text, confidence)
    return Table(
        rows=rows,
        page=number,
        top=grid.ys[0] * to_pt,
        bottom=grid.ys[-1] * to_pt,
        confidence=sure,
    )


def _cell_text(found: list[tuple[engine.Box, engine.Reading]]) -> tuple[str, float]:
    """A cell's lines top to bottom joined by newlines, pieces of a line left to right."""
    lines = _lines([(box, r) for box, r in found if r.text])
    text = "\n".join("".join(r.text for _, r in line) for line in lines)
    confidence = min((r.confidence for _, r in found if r.text), default=SURE)
    return text, confidence


def _has_ink(page_ink: np.ndarray, cell: Cell) -> bool:
    inner = page_ink[cell.top + 4 : cell.bottom - 3, cell.x0 + 4 : cell.x1 - 3]
    return int((inner > 0).sum()) >= _UNREAD_INK


def _lines(found: list) -> list[list]:
    """(box, reading) pairs grouped into visual lines (a box joins the line its middle falls
    in), each left to right, the lines top to bottom."""
    lines: list[list] = []
    for item in sorted(found, key=lambda pair: (_box(pair).top + _box(pair).bottom) / 2):
        box = _box(item)
        middle = (box.top + box.bottom) / 2
        if lines and min(_box(i).bottom for i in lines[-1]) > middle:
            lines[-1].append(item)
        else:
            lines.append([item])
    return [sorted(line, key=lambda pair: _box(pair).x0) for line in lines]


def _box(pair) -> engine.Box:
    first = pair[0]
    return first.box if isinstance(first, _Piece) else first


def _line(words: list[tuple[_Piece, engine.Reading]], number: int, to_pt: float) -> Line:
    boxes = [p.box for p, _ in words]
    parts = [word for p, r in words for word in _words(p.box, r, to_pt)]
    return Line(
        text=" ".join(w.text for w in parts),
        page=number,
        top=min(b.top for b in boxes) * to_pt,
        bottom=max(b.bottom for b in boxes) * to_pt,
        x0=boxes[0].x0 * to_pt,
        x1=boxes[-1].x1 * to_pt,
        words=tuple(parts),
    )


def _words(box: engine.Box, reading: engine.Reading, to_pt: float) -> list[Word]:
    """A region's text split at its spaces, each part placed by its share of the characters
    (the recogniser gives no position per character that would be worth more)."""
    text = tidy_line(reading.text)
    parts = text.split()
    width = (box.x1 - box.x0) / max(len(text), 1)
    words, at = [], 0
    for part in parts:
        start = text.index(part, at)
        at = start + len(part)
        x0, x1 = box.x0 + start * width, box.x0 + at * width
        words.append(Word(part, x0 * to_pt, x1 * to_pt, reading.confidence))
    return words
