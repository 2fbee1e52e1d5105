"""Pictures of pages (PNG, JPEG): one read by OCR, several bound into one scanned PDF.

A bulletin photographed page by page arrives as several pictures; bound in name order into an
image-only PDF they are one file like any other — one original to store, one sha256, read
again the same way — and the PDF reader's OCR path reads it. The header is read before any
pixel is decoded, so a picture that would unpack to gigabytes is refused first.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from PIL import Image, UnidentifiedImageError

from lib.document import Document
from lib.errors import CorruptFile, TooComplex, TooManyPages, UnsupportedFormat
from lib.readers import DEFAULT_LIMITS, Limits, sniff
from lib.readers.ocr import Progress, picture, read_pages

# A page photographed at 300 dpi is ~9 megapixels; more than this is not a page.
MAX_PIXELS = 40_000_000


def read_picture(data: bytes, filename: str, progress: Progress | None = None) -> Document:
    """One picture: one page, read by OCR."""
    gray, dpi = picture(_decoded(data, filename))
    return read_pages([(1, gray, dpi)], 1, progress)


def _decoded(data: bytes, filename: str) -> Image.Image:
    image = _opened(data, filename)
    try:
        image.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        raise CorruptFile(filename) from None
    return image


def _opened(data: bytes, filename: str) -> Image.Image:
    try:
        image = Image.open(BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError):
        raise CorruptFile(filename) from None
    if image.width * image.height > MAX_PIXELS:
        raise TooComplex(filename, f"图片 {image.width}×{image.height} 像素，过大")
    return image


def bound_name(files: Sequence[tuple[str, bytes]]) -> str:
    """The name of pictures bound into one PDF: the first's, with the page count."""
    first = min(name for name, _ in files)
    stem = first.rsplit(".", 1)[0]
    return f"{stem}（共{len(files)}页）.pdf"


def bind(files: Sequence[tuple[str, bytes]], limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Pictures of pages, in name order, as one image-only PDF (each page at its own dpi
    for an A4 width)."""
    for name, data in files:
        if sniff(data) != "image":
            raise UnsupportedFormat(name, "合为一份通报的只能是页面图片（PNG、JPEG）")
    if len(files) > limits.max_scan_pages:
        raise TooManyPages(files[0][0], f"共 {len(files)} 张图片，上限 {limits.max_scan_pages} 页")
    pages = []
    for name, data in sorted(files, key=lambda f: f[0]):
        image = _opened(data, name)
        try:
            pages.append(image.convert("L"))
        except (OSError, ValueError, Image.DecompressionBombError):
            raise CorruptFile(name) from None
    out = BytesIO()
    dpi = pages[0].width / (210 / 25.4)
    pages[0].save(
        out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=90
    )
    return out.getvalue()
