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
    """Grey page pictures, each with its page number and dpi, to a Document ("scan")."""
    from lib.readers.ocr import engine
    from lib.readers.ocr.page import read_page

    if progress is not None:
        progress(0, total)
    engine.load()
    read: list[Page] = []
    for done, (number, gray, dpi) in enumerate(pages, start=1):
        read.append(read_page(gray, number, dpi))
        if progress is not None:
            progress(done, total)
    return Document(format="scan", pages=read)


def picture(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """A photo or scan of one page, at most MAX_SIDE on its long side, with its dpi."""
    import cv2

    scale = min(1.0, MAX_SIDE / max(gray.shape))
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return gray, min(gray.shape) / A4_WIDTH_IN
