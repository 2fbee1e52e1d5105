"""A PDF page as a picture, and drawing on it in page coordinates (points, from the top left)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pypdfium2
from PIL import Image, ImageDraw, ImageFont

from lib.document import Box
from lib.errors import SourceUnavailable

SCALE = 2.0
"""Pixels per point: 144 dpi, enough to read a table's small print."""
_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)


def render_page(data: bytes, number: int, scale: float = SCALE) -> Image.Image:
    """Page `number` (1-based) of the PDF in `data`, as an RGB picture."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise SourceUnavailable(detail="原文件不是可打开的 PDF") from None
    try:
        if not 1 <= number <= len(pdf):
            raise SourceUnavailable(detail=f"原文件没有第 {number} 页")
        return pdf[number - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()


def pixels(box: Box, scale: float = SCALE) -> tuple[int, int, int, int]:
    return tuple(round(v * scale) for v in box)


def outline(draw: ImageDraw.ImageDraw, box: Box, colour, width: int = 1, scale=SCALE) -> None:
    draw.rectangle(pixels(box, scale), outline=colour, width=width)


def label(draw: ImageDraw.ImageDraw, at: tuple[float, float], text: str, colour, scale=SCALE):
    """`text` on a white ground at `at` (points); Chinese where a CJK font is installed, else
    only its ASCII characters."""
    font = _font(round(7 * scale))
    if not _has_cjk_font():
        text = "".join(c for c in text if c.isascii()).strip()
    x, y = at[0] * scale, at[1] * scale
    left, top, right, bottom = draw.textbbox((x, y), text, font=font)
    draw.rectangle((left - 1, top - 1, right + 1, bottom + 1), fill="white")
    draw.text((x, y), text, fill=colour, font=font)


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@cache
def _font(size: int):
    for path in _FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _has_cjk_font() -> bool:
    return any(Path(path).exists() for path in _FONTS)
