"""Page furniture: running headers and footers, dropped before anything reads the text.

A page header (页眉, `政务服务热线工作通报（2024年第3期）`) or footer is not the bulletin's
text: left in, it splits a sentence that runs over a page break and stands as a stray line
in a table. It is told by repetition: the same text in the same place on three pages or
more, with only such lines between it and the edge of the page. The place is the line's
height on the page where the format has positions (PDF), else its count of lines from the
page's top or from its bottom (a text extraction). A table's header row, which a table
repeats on each of its pages, is not furniture; nor is a line of bare numbers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lib.document import Block, Document, Line
from lib.extract.vocabulary import is_header_fragment
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.text import compact

_HAS_LETTER = re.compile(r"[^\W\d_]")

Place = tuple[str, str]


def without_running_lines(doc: Document, settings: ExtractSettings = DEFAULT_SETTINGS) -> Document:
    """The document less its running headers and footers (the same Document if it has none)."""
    running = running_places(doc, settings.running_min_pages)
    if not running:
        return doc
    pages = [replace(page, blocks=_trimmed(page.blocks, running)) for page in doc.pages]
    return replace(doc, pages=pages)


def running_places(
    doc: Document, min_pages: int = DEFAULT_SETTINGS.running_min_pages
) -> set[Place]:
    """(text, place) pairs printed on `min_pages` pages or more."""
    pages: dict[Place, set[int]] = {}
    for page in doc.pages:
        for places in _places(page.blocks):
            for place in places:
                pages.setdefault(place, set()).add(page.number)
    return {place for place, seen in pages.items() if len(seen) >= min_pages}


def _places(blocks: list[Block]) -> list[tuple[Place, ...]]:
    """Where each block could be furniture: none for a table, a table header or numbers."""
    out: list[tuple[Place, ...]] = []
    for index, block in enumerate(blocks):
        text = compact(block.text) if isinstance(block, Line) else ""
        if not _HAS_LETTER.search(text) or is_header_fragment(block.text):
            out.append(())
        elif block.top is not None:
            out.append(((text, f"at {round(block.top)}"),))
        else:
            out.append(((text, f"line {index}"), (text, f"line -{len(blocks) - index}")))
    return out


def _trimmed(blocks: list[Block], running: set[Place]) -> list[Block]:
    """The blocks less the running lines at the top and at the bottom of the page."""
    furniture = [bool(running.intersection(places)) for places in _places(blocks)]
    start = next((i for i, flag in enumerate(furniture) if not flag), len(blocks))
    end = len(blocks) - next((i for i, flag in enumerate(reversed(furniture)) if not flag), 0)
    return blocks[start : max(start, end)]
