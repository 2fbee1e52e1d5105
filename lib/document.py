"""The format-neutral document a reader produces and extract/ consumes.

A reader knows one file format and nothing about bulletins; it turns bytes into pages of
blocks in reading order. A block is either a text line or a table grid. extract/ works on
these blocks only, so a new format is a new reader and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["pdf", "docx", "text", "scan"]
SURE = 1.0
Box = tuple[float, float, float, float]
"""(x0, top, x1, bottom) on a page, in points from its top-left corner (pdfplumber's axes)."""


@dataclass(frozen=True)
class Word:
    """One word of a positioned line and where it is printed (page coordinates, points).

    `confidence` is how sure the reader is of the text, 0–1: 1.0 (SURE) where the file holds
    the text itself, the engine's lowest character score where it was recognised (OCR).
    """

    text: str
    x0: float
    x1: float
    confidence: float = SURE


@dataclass(frozen=True)
class Line:
    """One visual line of running text, as extracted (spaces kept as the format gives them).

    `top`/`bottom`/`x0`/`x1` are page coordinates in points where the format has them (PDF),
    else None. `words` are the line's space-separated words with their left and right edges
    where the format has them (PDF), else empty: a table without rules has no grid, and where
    each word is printed is what says its column. `page` is 1-based.
    """

    text: str
    page: int
    top: float | None = None
    bottom: float | None = None
    x0: float | None = None
    x1: float | None = None
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class Table:
    """A ruled table grid as the file draws it.

    `rows[i][j]` is the text of a cell; the visual lines of a wrapped cell are joined with
    "\\n" (extract/ decides how to join them). A cell covered by a merge is None (PDF) or
    repeats the merged cell's text (DOCX, as python-docx reports it). `confidence`, where the
    text was recognised (OCR), has the grid's shape and each cell's lowest character score;
    None where every cell is read from the file as it is. `boxes`, where the format has them
    (a PDF's ruled table), has the grid's shape and each cell's box (None where merged).
    """

    rows: list[list[str | None]]
    page: int
    top: float | None = None
    bottom: float | None = None
    confidence: list[list[float]] | None = None
    boxes: list[list[Box | None]] | None = None

    def row_box(self, index: int) -> Box | None:
        """The outline of row `index`: its cells' boxes together, None without boxes."""
        return enclosing(self.boxes[index]) if self.boxes else None


Block = Line | Table


def line_box(line: Line) -> Box | None:
    return None if line.top is None else (line.x0, line.top, line.x1, line.bottom)


def enclosing(boxes) -> Box | None:
    """The smallest box around every box given (None ones skipped); None for none."""
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass
class Page:
    """`has_text`: False for a picture of a page the reader could not read (a scan without
    OCR). `recognised`: its text was recognised by OCR, so its words and cells carry the
    engine's confidence."""

    number: int
    blocks: list[Block] = field(default_factory=list)
    width: float | None = None
    height: float | None = None
    has_text: bool = True
    recognised: bool = False


@dataclass
class Document:
    format: Format
    pages: list[Page]

    def blocks(self):
        for page in self.pages:
            yield from page.blocks

    @property
    def page_count(self) -> int:
        return len(self.pages)
