"""Scans and photos of pages to a Document, by OCR: the same Document a PDF gives.

A scanned PDF's pages are rendered by pdfium at READ_DPI; a picture is taken at its own size
(its dpi from the page's width, an A4 sheet). Each page goes through page.read_page; the
caller hears after each page (`progress(done, total)`), since a page takes seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from lib.document import Document, Page

Progress = Callable[[int, int], None]
READ_DPI = 150
A4_WIDTH_IN = 210 / 25.4
# A picture larger than this (pixels on its long side) is scaled down before reading:
# finer than ~200 dpi on A4 costs time and adds nothing the recogniser can use.
MAX_SIDE = 2400


def read_pages(
    pages: Iterable[tuple[int, np.ndarray, float]], total: int, progress: Progress | None = None
) -> Document:
    """Grey page pictures, each with its page number and dpi, to a Document ("scan").
    `progress(0, total)` comes first, before the engine is imported (the sandbox raises its
    limits then)."""
    if progress is not None:
        progress(0, total)
    from lib.readers.ocr import engine
    from lib.readers.ocr.page import read_page

    engine.load()
    read: list[Page] = []
    for done, (number, gray, dpi) in enumerate(pages, start=1):
        read.append(read_page(gray, number, dpi))
        if progress is not None:
            progress(done, total)
    return Document(format="scan", pages=read)


def picture(image) -> tuple[np.ndarray, float]:
    """A photo or scan of one page (a PIL image), grey, at most MAX_SIDE on its long side,
    with its dpi."""
    gray = image.convert("L")
    scale = min(1.0, MAX_SIDE / max(gray.size))
    if scale < 1.0:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)))
    return np.asarray(gray), min(gray.size) / A4_WIDTH_IN
