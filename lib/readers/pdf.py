"""PDF pages to Document blocks: ruled tables as grids, the text around them as lines.

Cheap, decisive checks come first with pypdfium2 (page count, password) so an oversized or
locked file is refused before pdfminer parses a single page. Then pdfplumber reads each page
once: its characters are parsed a single time and shared by the table finder and the text
lines, which is what keeps the reader close to pdfplumber's own floor.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import TYPE_CHECKING

import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFPasswordIncorrect

from lib.document import Document, Line, Page, Table, Word
from lib.errors import CorruptFile, EncryptedPdf, HotlineError, TooComplex, TooManyPages
from lib.readers import Limits
from lib.readers.pdf_tables import cell_texts, ruled_tables
from lib.settings import ExtractSettings

if TYPE_CHECKING:
    import numpy as np

    from lib.readers.ocr import Progress

# pypdfium2 is not thread-safe; the app may parse in several threads.
_PDFIUM_LOCK = threading.Lock()


def read_pdf(
    data: bytes,
    filename: str,
    limits: Limits,
    settings: ExtractSettings,
    progress: Progress | None = None,
) -> Document:
    """Text pages read from their characters; pages that are pictures of print read by OCR
    (all of them: a scan; some: a document with scanned pages slipped in)."""
    count = pdf_page_count(data, filename)
    if count > limits.max_pages:
        raise TooManyPages(filename, f"共 {count} 页，上限 {limits.max_pages} 页")
    with _failures_as_corrupt(filename), _opened(data) as pdf:
        if len(pdf.pages) != count:
            raise CorruptFile(filename, "页面结构不一致")
        pages = [_read_page(page, settings) for page in pdf.pages]
    scanned = [page.number for page in pages if not page.has_text]
    if not scanned:
        return Document(format="pdf", pages=pages)
    if len(scanned) > limits.max_scan_pages:
        raise TooManyPages(filename, f"扫描页共 {len(scanned)} 页，上限 {limits.max_scan_pages} 页")
    from lib.readers.ocr import read_pages

    with _failures_as_corrupt(filename):
        read = read_pages(rendered_pages(data, scanned), len(scanned), progress)
    by_number = {page.number: page for page in read.pages}
    pages = [by_number.get(page.number, page) for page in pages]
    return Document(format="scan" if len(scanned) == count else "pdf", pages=pages)


def rendered_pages(data: bytes, numbers: list[int]) -> Iterator[tuple[int, np.ndarray, float]]:
    """The pages (1-based numbers) as grey pictures at READ_DPI, one at a time. NumPy and the
    OCR package are imported here, not with the module: a text PDF needs neither."""
    import numpy as np

    from lib.readers.ocr import READ_DPI

    for number in numbers:
        with _PDFIUM_LOCK:
            doc = pypdfium2.PdfDocument(data)
            try:
                bitmap = doc[number - 1].render(scale=READ_DPI / 72, grayscale=True)
                gray = np.array(bitmap.to_numpy(), copy=True)
            finally:
                doc.close()
        yield number, gray.reshape(gray.shape[0], gray.shape[1], -1)[:, :, 0], READ_DPI


def pdf_page_count(data: bytes, filename: str) -> int:
    """Page count from pdfium, which answers without parsing any page content."""
    with _PDFIUM_LOCK:
        try:
            doc = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise EncryptedPdf(filename) from None
            raise CorruptFile(filename) from None
        try:
            return len(doc)
        finally:
            doc.close()


@contextmanager
def _opened(data: bytes) -> Iterator[pdfplumber.PDF]:
    """pdfplumber on the file, which pdfium has already opened without a password.

    So the document itself needs none. When pdfminer still asks for one, only the embedded
    files are encrypted (the /EFF crypt filter; pages and strings use /Identity), which
    pdfminer does not support: it reads pdfium's copy of the file without the security
    handler instead, and the file is judged on its content like any other.
    """
    try:
        pdf = pdfplumber.open(BytesIO(data))
    except Exception as exc:
        if not any(isinstance(cause, PDFPasswordIncorrect) for cause in _causes(exc)):
            raise
        pdf = pdfplumber.open(BytesIO(_without_security(data)))
    with pdf:
        yield pdf


def _without_security(data: bytes) -> bytes:
    with _PDFIUM_LOCK:
        doc = pypdfium2.PdfDocument(data)
        try:
            copy = BytesIO()
            doc.save(copy, flags=pypdfium2.raw.FPDF_REMOVE_SECURITY)
            return copy.getvalue()
        finally:
            doc.close()


@contextmanager
def _failures_as_corrupt(filename: str) -> Iterator[None]:
    """pdfminer raises almost anything on a damaged file; the user sees one typed error."""
    try:
        yield
    except HotlineError:
        raise
    except Exception as exc:
        causes = _causes(exc)
        if any(isinstance(cause, (MemoryError, RecursionError)) for cause in causes):
            raise TooComplex(filename) from None
        if any(isinstance(cause, PDFPasswordIncorrect) for cause in causes):
            raise EncryptedPdf(filename) from None
        raise CorruptFile(filename) from None


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what it wraps: pdfplumber re-raises pdfminer's errors, MemoryError
    included, as PdfminerException(original)."""
    chain = [exc]
    while len(chain) < 10:
        last = chain[-1]
        inner = last.args[0] if last.args and isinstance(last.args[0], BaseException) else None
        inner = inner or last.__cause__ or last.__context__
        if inner is None:
            break
        chain.append(inner)
    return chain


def _read_page(page, settings: ExtractSettings) -> Page:
    """The page's blocks sorted by top.

    `has_text` is False only for a page that shows images and no usable characters: a scan
    (with no text layer, or one of a few stray glyphs). A blank page is not a scan.
    """
    number = page.page_number
    page = _without_duplicate_chars(page, settings.duplicate_char_pt)
    tables = ruled_tables(page, settings.rule_snap_pt, settings.min_rule_pt)
    blocks: list[Line | Table] = [_table_block(t, number, settings.word_gap_pt) for t in tables]
    bboxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: not _inside_any(obj, bboxes)) if bboxes else page
    blocks += [
        _line_block(line, number)
        for line in outside.extract_text_lines(
            strip=True, return_chars=True, x_tolerance=settings.word_gap_pt
        )
        if line["text"]
    ]
    blocks.sort(key=lambda b: (b.top, b.x0 if isinstance(b, Line) else 0.0))
    return Page(
        number=number,
        blocks=blocks,
        width=float(page.width),
        height=float(page.height),
        has_text=_usable_chars(page.chars) >= settings.scan_min_chars or not page.images,
    )


def _usable_chars(chars: list[dict]) -> int:
    """Characters that are text: not blank, not a glyph the font could not map."""
    return sum(
        1
        for c in chars
        if c["text"].strip() and c["text"] != "\ufffd" and not c["text"].startswith("(cid:")
    )


def _table_block(table, number: int, word_gap: float) -> Table:
    x0, top, x1, bottom = table.bbox
    return Table(
        rows=cell_texts(table, word_gap),
        page=number,
        top=float(top),
        bottom=float(bottom),
        boxes=[[_box(cell) for cell in row.cells] for row in table.rows],
    )


def _box(cell) -> tuple[float, float, float, float] | None:
    return None if cell is None else tuple(float(v) for v in cell)


def _line_block(line: dict, number: int) -> Line:
    return Line(
        text=line["text"],
        page=number,
        top=float(line["top"]),
        bottom=float(line["bottom"]),
        x0=float(line["x0"]),
        x1=float(line["x1"]),
        words=_words(line["text"], line["chars"]),
    )


def _words(text: str, chars: list[dict]) -> tuple[Word, ...]:
    """The line's words with their edges. pdfplumber joins a line's words with one space and
    gives one character object per printed letter (a ligature once per letter), so the
    characters of each word follow one another in `chars`."""
    words, at = [], 0
    for part in text.split(" "):
        own = chars[at : at + len(part)]
        at += len(part)
        words.append(Word(part, float(min(c["x0"] for c in own)), float(max(c["x1"] for c in own))))
    return tuple(words)


def _inside_any(obj: dict, bboxes: list[tuple[float, float, float, float]]) -> bool:
    """True for a character whose centre lies in a table (the rule pdfplumber's cells use)."""
    if obj.get("object_type") != "char":
        return False
    h_mid = (obj["x0"] + obj["x1"]) / 2
    v_mid = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= h_mid < x1 and top <= v_mid < bottom for x0, top, x1, bottom in bboxes)


def _without_duplicate_chars(page, near: float):
    """Drop characters drawn twice within `near` points, as fake-bold text is.

    Without this, a bold "96.8" printed twice reads "9966..88". pdfplumber's dedupe_chars does
    the same but costs more than parsing the page; buckets 2 × `near` wide are enough: a
    character's neighbours lie in at most four of them.
    """
    width = 2 * near
    seen: dict[tuple, dict[tuple[int, int], list[dict]]] = {}
    duplicates: set[int] = set()
    for char in page.chars:
        x0, top = char["x0"], char["top"]
        key = (char["text"], char["fontname"], round(char["size"], 1))
        grid = seen.get(key)
        if grid is None:
            seen[key] = grid = {}
        elif _drawn_near(grid, x0, top, near, width):
            duplicates.add(id(char))
            continue
        bucket = (int(x0 // width), int(top // width))
        kept = grid.get(bucket)
        if kept is None:
            grid[bucket] = [char]
        else:
            kept.append(char)
    return page.filter(lambda obj: id(obj) not in duplicates) if duplicates else page


def _drawn_near(grid: dict, x0: float, top: float, near: float, width: float) -> bool:
    """A character of the same text, font and size already kept within `near` points."""
    for bx in range(int((x0 - near) // width), int((x0 + near) // width) + 1):
        for by in range(int((top - near) // width), int((top + near) // width) + 1):
            for c in grid.get((bx, by), ()):
                if abs(c["x0"] - x0) <= near and abs(c["top"] - top) <= near:
                    return True
    return False
