"""附件3 (deductions, 扣分表) and 附件4 (bonuses, 加分表): one Adjustment per printed row.

A unit with several items prints its name once: its later rows have an empty name cell, or
one vertically merged cell spans them (python-docx repeats the text, pdfplumber gives None
below the first row). Either way such a row carries the unit above. The kind comes from the
caption or the header (扣分明细 / 加分原因 …), else from the sign of the points; unsigned
points take the sign of their table. A detail that wraps is joined without spaces.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from lib.document import Document, Line, Table
from lib.extract.attachments import Attachment
from lib.extract.reading import TAB_CELLS, Reading, TableReader, read_tables
from lib.extract.rows import (
    AdjustmentCells,
    RowError,
    cells_to_adjustment,
    line_to_cells,
    signed_points,
    without_serial,
)
from lib.extract.vocabulary import (
    adjustment_columns,
    header_cells,
    header_kind,
    header_runs,
    line_kind,
)
from lib.extract.wrapped.centring import Centring, place_by_position
from lib.extract.wrapped.choice import choose_strategy
from lib.extract.wrapped.line_order import columns_in_order, flowing_items, indicator_and_detail
from lib.extract.wrapped.merged_names import rows_doubtful_above_merged_names
from lib.extract.wrapped.pieces import Anchor, Piece, place_in_order
from lib.extract.wrapped.strategy import LAYOUT_COLUMNS, Cut, Strategy
from lib.labels import field_label
from lib.model import Adjustment, ParseWarning
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.text import compact, out_of_order, squeeze

COLUMNS = ("unit", "points", "indicator", "detail")
ADJ_FIELDS = ("kind", *COLUMNS)


@dataclass
class _State(Reading):
    """What carries from one block of an attachment to the next."""

    kind: str | None = None
    known: frozenset[str] = frozenset()
    columns: dict[str, int] = field(
        default_factory=lambda: dict(zip(COLUMNS, range(4), strict=True))
    )
    unit: str | None = None
    unit_doubtful: bool = False


def read_adjustments(
    doc: Document,
    known: frozenset[str] = frozenset(),
    chosen: dict[str, list[str]] | None = None,
    settings: ExtractSettings = DEFAULT_SETTINGS,
) -> tuple[list[Adjustment], list[ParseWarning]]:
    """The rows of every adjustment table. `known`: unit names (spaces removed) the bulletin
    prints elsewhere, which tell a wrapped unit name in a flowing text (see
    wrapped/line_order.py). The strategies used go into `chosen`, if given."""

    def start(attachment: Attachment, settings: ExtractSettings) -> _State:
        return _State(settings, kind=attachment.variant, known=known)

    reader = TableReader("adjustment", start, _read_table, _read_lines, _finish, "kind")
    return read_tables(doc, reader, chosen, settings)


def _finish(attachment: Attachment, state: _State) -> None:
    if not state.rows:
        state.warn("找到加扣分表，但未读出任何数据行", attachment.page, attachment.caption)


def _take_header(cells: list[str | None], state: _State) -> None:
    """Columns and kind from a header row (or a header printed as a tab-separated line)."""
    kind = header_kind("".join(c or "" for c in cells), state.settings)
    if kind and kind[1]:
        state.kind = kind[1]
    roles = adjustment_columns(cells)
    if set(roles) == set(COLUMNS):
        state.columns = roles


def _read_table(table: Table, state: _State) -> None:
    first = True
    for cells in table.rows:
        if not any(c and c.strip() for c in cells):
            continue
        if header_cells(cells):
            _take_header(cells, state)
            continue
        picked = _pick(cells, state.columns)
        if first and state.rows and not compact(picked["points"] or ""):
            _extend_last(state.rows[-1], picked)
            state.unit = state.rows[-1].unit
        else:
            _take_cells(picked, state, table.page)
        first = False


def _pick(cells: list[str | None], columns: dict[str, int]) -> dict[str, str | None]:
    """The four cells by the header's columns; without a header, around the signed points."""

    def at(i: int) -> str | None:
        return cells[i] if 0 <= i < len(cells) else None

    p = columns["points"]
    if signed_points(at(p) or "") is None:
        p = next((i for i, c in enumerate(cells) if signed_points(c or "") is not None), p)
    shift = p - columns["points"]
    return {role: at(columns[role] + shift) for role in COLUMNS}


def _extend_last(row: Adjustment, picked: dict[str, str | None]) -> None:
    """A row cut by a page break: the next page's table starts with the rest of its cells."""
    row.unit = squeeze(row.unit + squeeze(picked["unit"] or ""))
    row.indicator = squeeze(row.indicator + squeeze(picked["indicator"] or ""))
    row.detail = squeeze(row.detail + "".join((picked["detail"] or "").split()))


def _take_cells(picked: dict[str, str | None], state: _State, page: int) -> None:
    try:
        row = cells_to_adjustment(**picked)
    except RowError as error:
        state.warn(
            f"加扣分表的一行无法读取：{error}", page, " ".join(c or "" for c in picked.values())
        )
        return
    _emit(row, page, state)


def _emit(row: AdjustmentCells, page: int, state: _State, doubtful: tuple[str, ...] = ()) -> None:
    """Append the row (its unit carried from above where it prints none); `doubtful`: the
    fields its text does not settle, kept with the row and named in a warning."""
    snippet = f"{row.unit} {row.points:+g} {row.indicator} {row.detail}"
    unit = row.unit or state.unit
    doubtful = (*row.unsure, *doubtful)
    if not row.unit and state.unit_doubtful:
        doubtful = ("unit", *doubtful)
    kind = state.kind
    if kind is None and row.signed and row.points:
        kind = "deduction" if row.points < 0 else "bonus"
    if not unit:
        state.warn("加扣分表的一行没有单位名称，上方也没有可沿用的单位，未读取", page, snippet)
    elif kind is None:
        state.warn(
            "无法确定这一行是扣分还是加分（分值无正负号，表头与标题也未说明），未读取",
            page,
            snippet,
        )
    else:
        points = row.points
        if not row.signed:
            points = -abs(points) if kind == "deduction" else abs(points)
        elif (kind == "deduction") != (points < 0):
            state.warn("分值的正负号与表格（扣分表/加分表）不一致，按原样保留", page, snippet)
        if doubtful:
            names = "、".join(field_label(name) for name in doubtful)
            state.warn(
                f"加扣分表这一行的{names}在文本中无法确定，已标为存疑，请核对", page, snippet
            )
        if row.unit:
            state.unit_doubtful = "unit" in doubtful
        state.unit = unit
        state.rows.append(
            Adjustment(
                kind=kind,
                unit=unit,
                points=points,
                indicator=row.indicator,
                detail=row.detail,
                page=page,
                doubtful=[name for name in ADJ_FIELDS if name in doubtful],
            )
        )


def _read_lines(lines: list[Line], state: _State) -> None:
    """Text lines of an adjustment table: tab-separated rows, or rows with wrapped pieces.

    Pieces are settled in runs between headers and tab-separated rows, by the strategy
    chosen for the table's other lines (wrapped/choice.py).
    """
    other = [line for line in lines if line_kind(line.text, state.settings) == "other"]
    runs = header_runs(other, state.settings)
    body = [b[0] for is_header, b in runs if not is_header and "\t" not in b[0].text]
    strategy = choose_strategy(body, "adjustment", state.settings)
    run: list[Anchor | Piece] = []
    for is_header, block in runs:
        line = block[0]
        if is_header or "\t" in line.text:
            _finish_run(run, state, strategy)
            run = []
        if is_header:
            _take_header(line_to_cells(line.text) if "\t" in line.text else [line.text], state)
        elif "\t" in line.text:
            state.used(TAB_CELLS)
            _take_cells(_pick(line_to_cells(line.text), state.columns), state, line.page)
        elif strategy.split is not None:
            run += _column_items(line, strategy.split(line), strategy.down(line))
        else:
            run += flowing_items(line, state.settings)
    _finish_run(run, state, strategy)


def _column_items(line: Line, cut: Cut, pos: float) -> list[Anchor | Piece]:
    """A line cut into columns: a row if its points column holds signed points, else a piece
    of each column it prints in."""
    cells = cut.cells
    points = signed_points(cells["points"])
    if points is None:
        return [
            Piece(text=text, page=line.page, pos=pos, column=column, unsure=column in cut.unsure)
            for column, text in cells.items()
            if text
        ]
    row = AdjustmentCells(
        unit=squeeze(" ".join(without_serial(cells["unit"].split()))),
        points=points,
        signed=True,
        indicator=squeeze(cells["indicator"]),
        detail=squeeze(cells["detail"]),
        unsure=cut.unsure,
    )
    empty = frozenset(c for c in ("unit", "indicator", "detail") if not cells[c])
    return [Anchor(row=row, page=line.page, pos=pos, empty=empty)]


def _finish_run(run: list[Anchor | Piece], state: _State, strategy: Strategy) -> None:
    if run:
        state.used(strategy.name)
    run = _continue_last_unit(run, state)
    aligned = strategy.by_position
    anchors = [item for item in run if isinstance(item, Anchor)]
    doubtful: dict[int, list[Piece]] = {}
    if aligned:
        pieces = [p for p in run if isinstance(p, Piece)]
        settings = state.settings
        centring = Centring(settings.layout_centre_lines, settings.layout_cell_gap_lines, ("unit",))
        layout = strategy.name == LAYOUT_COLUMNS
        left = place_by_position(
            anchors, pieces, settings.piece_reach_lines, centring if layout else None
        )
    else:
        run, doubtful = columns_in_order(run, state.known, state.settings)
        left = place_in_order(run, lambda piece, below: piece.column == "unit")
    for piece in left:
        state.warn("加扣分表中有一行文字不属于任何数据行，未读取", piece.page, piece.text)
    _merged_units(anchors)
    tolerance = state.settings.centre_tolerance_lines
    unsure = rows_doubtful_above_merged_names(anchors, tolerance) if aligned else set()
    for anchor in anchors:
        if anchor.row is None:
            text = " ".join(p.text for p in anchor.before + anchor.after)
            state.warn("加扣分表的一行无法读取：分值后没有指标名称", anchor.page, text)
            state.unit = None
            continue
        if id(anchor) in unsure:
            _warn_unsure(anchor, state)
            continue
        if id(anchor) in doubtful:
            _warn_doubtful(doubtful[id(anchor)], anchor, state)
            continue
        whole = _whole(anchor)
        if whole is None:
            text = " ".join(p.text for p in anchor.before + anchor.after)
            state.warn("加扣分表的一行无法读取：分值后没有指标名称", anchor.page, text)
            state.unit = None
            continue
        _emit(whole, anchor.page, state, _unsettled(anchor))


def _continue_last_unit(run: list[Anchor | Piece], state: _State) -> list[Anchor | Piece]:
    """The run less its first line where that ends the unit name of the row before a page
    break (`市住房公积金管理 +0.5 …` / page header / `中心`): a line before the page's first row
    that, joined to that row's unit, makes a unit the bulletin names elsewhere."""
    first = run[0] if run else None
    last = state.rows[-1] if state.rows else None
    if not isinstance(first, Piece) or last is None or first.page == last.page:
        return run
    if first.column not in (None, "unit") or compact(last.unit + first.text) not in state.known:
        return run
    last.unit = state.unit = squeeze(last.unit + squeeze(first.text))
    return run[1:]


def _unsettled(anchor: Anchor) -> tuple[str, ...]:
    """The text columns of the row with a line the extraction put out of order, or a piece
    whose share of its line the strategy could not settle."""
    row = anchor.row
    unsure = {p.column for p in anchor.before + anchor.after if p.unsure}
    return tuple(
        column
        for column in ("unit", "indicator", "detail")
        if column in unsure
        or any(out_of_order(text) for text in anchor.lines(column, getattr(row, column)))
    )


def _whole(anchor: Anchor) -> AdjustmentCells | None:
    """The row with its wrapped cells joined; a row of a flowing text whose line ends at its
    points takes its indicator and detail from the lines after it, or is None when they cannot
    be told apart."""
    row = anchor.row
    whole = replace(
        row,
        unit=anchor.cell("unit", row.unit),
        indicator=anchor.cell("indicator", row.indicator),
        detail=anchor.cell("detail", row.detail),
    )
    if whole.indicator or not math.isnan(anchor.pos):
        return whole
    split = indicator_and_detail([p.text for p in anchor.after if p.column == "detail"])
    return None if split is None else replace(whole, indicator=split[0], detail=split[1])


def _warn_doubtful(pieces: list[Piece], anchor: Anchor, state: _State) -> None:
    """Lines that may end the detail above or start the unit of the row below: neither is
    read, nor is that row (its unit is unknown), nor the rows that would carry its unit."""
    row = anchor.row
    text = " ".join(p.text for p in pieces)
    state.warn(
        "无法确定这行文字是上一行明细的末尾还是下一行单位名称的开头：未计入任何一行，"
        "下一行因单位不明未读取，请核对",
        pieces[0].page,
        f"{text} | {row.unit} {row.points:+g} {row.indicator} {row.detail}",
    )
    state.unit = None


def _warn_unsure(anchor: Anchor, state: _State) -> None:
    row = anchor.row
    state.warn(
        "无法确定这一行属于上方的单位，还是下方跨行合并单元格中的单位：未读取，请核对",
        anchor.page,
        f"{row.points:+g} {anchor.cell('indicator', row.indicator)} "
        f"{anchor.cell('detail', row.detail)}",
    )


def _merged_units(anchors: list[Anchor]) -> None:
    """A unit name alone between two rows that print none is a cell merged over both: it is
    centred on their span, nearer the taller row, but names the first (the next carries it)."""
    for above, anchor in zip(anchors, anchors[1:], strict=False):
        units = [p for p in anchor.before + anchor.after if p.column == "unit"]
        if (
            len(units) == 1
            and units[0] in anchor.before
            and not anchor.row.unit
            and not above.row.unit
            and above.pos < units[0].pos
            and not any(p.column == "unit" for p in above.before + above.after)
        ):
            anchor.before.remove(units[0])
            above.after.append(units[0])
