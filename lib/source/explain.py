"""What the parser saw, page by page: `python -m lib parse FILE --explain OUT_DIR`.

Each page of a PDF drawn with what the reader and the table readers recognised on it, after
pdfplumber's `debug_tablefinder`: ruled tables (blue) and their cells (light blue, which are
its columns), text lines (grey) and their words (orange), and every evaluation row read
(green, labelled with its table and place). A row that has no green box was not read: its
warning says why. For an analyst judging a doubtful row, and for the next developer.
"""

from __future__ import annotations

from collections.abc import Iterable

from PIL import ImageDraw

from lib.document import Line, Page, Table, enclosing, line_box
from lib.errors import SourceUnavailable
from lib.labels import CHANNELS
from lib.model import Evaluation
from lib.parse import parse_document
from lib.readers import DEFAULT_LIMITS, Limits
from lib.readers.ocr import Progress
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.source.render import SCALE, label, outline, png, render_page

TABLE = (37, 99, 235)
CELL = (147, 197, 253)
LINE = (156, 163, 175)
WORD = (249, 115, 22)
ROW = (22, 163, 74)


def explain_pages(
    data: bytes,
    filename: str,
    pages: Iterable[int] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    settings: ExtractSettings = DEFAULT_SETTINGS,
    progress: Progress | None = None,
) -> list[tuple[int, bytes]]:
    """(page number, PNG) for each page of the PDF in `data` (or only `pages`); a scanned
    page with what OCR recognised on it (`progress` hears after each)."""
    doc, bulletin = parse_document(data, filename, limits, settings, progress)
    if doc.format not in ("pdf", "scan"):
        raise SourceUnavailable(filename, "只有 PDF 文件有页面图")
    wanted = set(pages) if pages is not None else None
    return [
        (page.number, _page_png(data, page, bulletin.evaluations))
        for page in doc.pages
        if wanted is None or page.number in wanted
    ]


def _page_png(data: bytes, page: Page, rows: list[Evaluation]) -> bytes:
    image = render_page(data, page.number, SCALE)
    draw = ImageDraw.Draw(image)
    for block in page.blocks:
        if isinstance(block, Table):
            _table(draw, block)
        else:
            _line(draw, block)
    for row in rows:
        if row.page == page.number and row.box is not None:
            outline(draw, row.box, ROW, width=3)
            label(draw, (row.box[2] + 2, row.box[1]), f"{CHANNELS[row.channel]} {row.order}", ROW)
    return png(image)


def _table(draw: ImageDraw.ImageDraw, table: Table) -> None:
    cells = [box for row in table.boxes or [] for box in row if box is not None]
    for box in cells:
        outline(draw, box, CELL)
    whole = enclosing(cells)
    if whole is not None:
        outline(draw, whole, TABLE, width=3)
        label(draw, (whole[0], whole[1] - 10), f"表格 {len(table.rows)} 行", TABLE)


def _line(draw: ImageDraw.ImageDraw, line: Line) -> None:
    box = line_box(line)
    if box is None:
        return
    outline(draw, box, LINE)
    for word in line.words:
        outline(draw, (word.x0, line.top, word.x1, line.bottom), WORD)
