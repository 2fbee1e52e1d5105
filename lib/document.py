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
    None where every cell is read from the file as it is.
    """

    rows: list[list[str | None]]
    page: int
    top: float | None = None
    bottom: float | None = None
    confidence: list[list[float]] | None = None


Block = Line | Table


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
