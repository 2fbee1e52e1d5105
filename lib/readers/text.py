"""Plain-text and Markdown extractions of a bulletin: lines only, pages from form feeds or markers.

A text extraction has no table grids; its table rows are lines of tab- or space-separated
cells, which extract/ recognises by their shape.
"""

from __future__ import annotations

import re

from lib.document import Document, Line, Page
from lib.errors import CorruptFile

_PAGE_FOOTER = re.compile(r"^\s*[—–-]\s*\d{1,4}\s*[—–-]\s*$")
_ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, filename: str = "") -> str:
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _ENCODINGS
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CorruptFile(filename, "文本编码无法识别")


def read_text(data: bytes, filename: str = "") -> Document:
    """Pages split at form feeds, which pdftotext writes after every page; an extraction without
    any (text copied out of a viewer) is split at its page markers instead. pdftotext also keeps
    the page's own marker (`— 7 —`) before the form feed: that is the same page break, once."""
    text = decode(data, filename).replace("\r\n", "\n").replace("\r", "\n")
    by_markers = "\f" not in text
    pages = [Page(number=1)]
    for raw in text.split("\n"):
        for k, chunk in enumerate(raw.split("\f")):
            if k:
                pages.append(Page(number=len(pages) + 1))
            if _PAGE_FOOTER.match(chunk):
                if by_markers:
                    pages.append(Page(number=len(pages) + 1))
                continue
            if chunk.strip():
                pages[-1].blocks.append(Line(text=chunk.rstrip(), page=pages[-1].number))
    while len(pages) > 1 and not pages[-1].blocks:
        pages.pop()
    return Document(format="text", pages=pages)
