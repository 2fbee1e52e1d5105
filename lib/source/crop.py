"""The region of a page around one printed row, the row outlined: what a value was read from."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import ImageDraw

from lib.document import Box
from lib.source.render import SCALE, outline, pixels, png, render_page

MARGIN_PT = 24.0
"""White space kept left and right of the row."""
CONTEXT_PT = 40.0
"""Page shown above and below the row: a row or two on either side, for its neighbours."""
OUTLINE = (220, 38, 38)


@dataclass(frozen=True)
class Crop:
    """A PNG of `region` of page `page` (points), with `row` outlined; `scale` pixels a point."""

    png: bytes
    page: int
    region: Box
    row: Box
    scale: float


def crop_row(data: bytes, page: int, row: Box, scale: float = SCALE) -> Crop:
    """Page `page` of the PDF `data` around `row` (points, lib.document.Box)."""
    image = render_page(data, page, scale)
    width, height = image.width / scale, image.height / scale
    region = (
        max(0.0, row[0] - MARGIN_PT),
        max(0.0, row[1] - CONTEXT_PT),
        min(width, row[2] + MARGIN_PT),
        min(height, row[3] + CONTEXT_PT),
    )
    draw = ImageDraw.Draw(image)
    grown = (row[0] - 1.5, row[1] - 1.5, row[2] + 1.5, row[3] + 1.5)
    outline(draw, grown, OUTLINE, width=max(2, round(scale * 1.2)), scale=scale)
    shown = image.crop(pixels(region, scale))
    return Crop(png(shown), page, region, row, scale)
