"""Wrapped unit names in a flowing text: an adjustment table extracted in reading order,
without positions or aligned columns.

Such an extraction prints a row's first line, then the rest of its wrapped cells, so a line
between two rows continues the upper row's detail, except where the lower row's unit name
wrapped: a merged unit cell prints its name on a line of its own before the rows it spans
(`湘阴县` / `+0.5 信息报送 …`), a long name its first part (`市住房公积金管理` / `中心 +0.5 …`).
The shape of a short line does not tell which it is (`领导接听日活动` ends a detail,
`市住房公积金管理` starts a name), so the units the bulletin names elsewhere decide (its
evaluation tables, the alias table). Failing that, only a single line that ends as unit names
end (县, 局, 公司, 中心 …) before a row that prints no unit is read as that row's unit, and
any other name-like line before a row is doubtful: it is not read, nor is the row, whose unit
is unknown. A unit guessed wrong is worse than a row missing.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from lib.document import Line
from lib.extract.rows import (
    AdjustmentCells,
    line_to_cells,
    looks_like_name,
    looks_like_unit,
    signed_points,
    tokens_to_adjustment,
    without_serial,
)
from lib.extract.wrapped.pieces import Anchor, Piece
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.text import compact, printed_width, squeeze


def columns_in_order(
    run: list[Anchor | Piece], known: frozenset[str], settings: ExtractSettings
) -> tuple[list[Anchor | Piece], dict[int, list[Piece]]]:
    """The run with each piece's column set ('unit' or 'detail'), less the doubtful pieces;
    and the doubtful pieces by the id of the row they stand before."""
    out = [replace(item, column="detail") if isinstance(item, Piece) else item for item in run]
    doubtful: dict[int, list[Piece]] = {}
    for i, item in enumerate(out):
        if not isinstance(item, Anchor) or item.row is None:
            continue
        names = names_before(out, i, settings)
        count = unit_lines([p.text for p in names], item.row.unit, known, settings)
        if count is None:
            doubtful[id(item)] = names
            continue
        for k in range(i - count, i):
            out[k] = replace(out[k], column="unit")
    dropped = {id(piece) for pieces in doubtful.values() for piece in pieces}
    return [item for item in out if id(item) not in dropped], doubtful


def names_before(items: list[Anchor | Piece], index: int, settings: ExtractSettings) -> list[Piece]:
    """The name-like lines (no digits, no sentence punctuation) right before items[index]."""
    start = index
    while (
        start > 0
        and isinstance(items[start - 1], Piece)
        and _name_like(items[start - 1].text, settings)
    ):
        start -= 1
    return items[start:index]


def unit_lines(
    names: list[str],
    own: str,
    known: frozenset[str],
    settings: ExtractSettings = DEFAULT_SETTINGS,
) -> int | None:
    """How many of the name-like lines right before a row start its unit (`own`, what the
    row's line prints of it): the last n lines if with `own` they make a known unit; none if
    `own` is a known unit; the one line before a row without unit that ends like a unit.
    None when it cannot be told."""
    texts = [compact(name) for name in names]
    for start in range(len(texts)):
        if "".join(texts[start:]) + compact(own) in known:
            return len(texts) - start
    if not texts or (own and compact(own) in known):
        return 0
    if own:
        return None
    if not looks_like_unit(texts[-1], settings):
        return 0
    return 1 if len(texts) == 1 else None


def _name_like(text: str, settings: ExtractSettings) -> bool:
    return looks_like_name(text, settings) and not re.search(r"\d", text)


def indicator_and_detail(lines: list[str]) -> tuple[str, str] | None:
    """The 指标名称 and 明细 of a row printed as `unit points` alone, from the lines after it
    (an extraction in cell order, `pdftotext -raw`: `国网岳阳供电公司 -2` / `热线办理综合考` /
    `评` / `热线月度考评 B 类`). The indicator's column is the narrow one: its wrapped lines
    are full, its last one shorter; a line wider than a full one is the detail's. None when
    that cannot be told: no line ends the indicator, or nothing is left for the detail.
    """
    widths = [printed_width(line) for line in lines]
    if len(widths) < 2:
        return None
    full = widths[0]
    for k, width in enumerate(widths):
        if width > full + 1:
            split = k
            break
        if width < full - 1:
            split = k + 1
            break
    else:
        return None
    if not 0 < split < len(lines):
        return None
    return squeeze("".join(lines[:split])), squeeze("".join(lines[split:]))


def flowing_items(line: Line, settings: ExtractSettings) -> list[Anchor | Piece]:
    """A line of a flowing text as a row or a piece: only the order tells, and
    `columns_in_order` settles the pieces.

    A line that starts like a row but is not one (`市供销联社 -2` with its indicator on
    the next line, as extractions in cell order print it) is kept as a broken anchor: its
    pieces go with it, and it is reported, not read.
    """
    tokens = without_serial(line_to_cells(line.text))
    row = tokens_to_adjustment(tokens, settings) or _open_row(tokens, settings)
    if row is None and not _starts_like_row(tokens, settings):
        return [Piece(text=line.text, page=line.page, pos=math.nan)]
    empty = {"indicator", "detail"} if row and not row.indicator else set()
    return [
        Anchor(
            row=row,
            page=line.page,
            pos=math.nan,
            empty=frozenset(empty if row and row.unit else empty | {"unit"}),
        )
    ]


def _open_row(tokens: list[str], settings: ExtractSettings) -> AdjustmentCells | None:
    """A line that is a unit and signed points and nothing more: the row's line in an
    extraction that prints a wrapped 指标名称 on the lines after it. Its indicator and detail
    are left empty for those lines (line_order.indicator_and_detail)."""
    if not tokens or signed_points(tokens[-1]) is None:
        return None
    if not all(looks_like_name(t, settings) for t in tokens[:-1]):
        return None
    if len(tokens) - 1 > settings.unit_max_tokens:
        return None
    unit = squeeze(" ".join(tokens[:-1]))
    return AdjustmentCells(
        unit=unit, points=signed_points(tokens[-1]), signed=True, indicator="", detail=""
    )


def _starts_like_row(tokens: list[str], settings: ExtractSettings) -> bool:
    return any(
        signed_points(t) is not None and all(looks_like_name(u, settings) for u in tokens[:i])
        for i, t in enumerate(tokens[: settings.unit_max_tokens + 1])
    )
