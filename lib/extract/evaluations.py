"""附件1 (hotline) and 附件2 (mailbox): the evaluation rows, exactly as printed.

Each attachment is read block by block, the state carried over pages and tables: the
channel (from the header, else the caption), the group (县市区 / 行政事业单位 / 公共服务企业,
printed as a merged row, as a row's first cell or as a line of text), and the printed order.
Grids are read row by row; text lines are grouped into runs between headers and group
labels, and a wrapped unit name left on lines of its own is joined to its row (wrapped/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lib.document import Box, Document, Line, Table, line_box
from lib.extract.attachments import Attachment
from lib.extract.reading import Reading, TableReader, read_tables
from lib.extract.rows import (
    EvaluationCells,
    RowError,
    cells_to_evaluation,
    group_label,
    line_to_cells,
    looks_like_name,
    looks_like_row,
)
from lib.extract.vocabulary import header_cells, header_kind, header_runs, line_kind
from lib.extract.wrapped.centring import place_by_position
from lib.extract.wrapped.choice import choose_strategy
from lib.extract.wrapped.pieces import Anchor, Piece, place_in_order, place_nearest
from lib.extract.wrapped.places import numbers_start, text_start
from lib.extract.wrapped.strategy import LAYOUT_COLUMNS, Strategy
from lib.model import Evaluation, ParseWarning
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.text import compact, unify_width


@dataclass
class _State(Reading):
    """What carries from one block of an attachment to the next."""

    channel: str | None = None
    group: str | None = None
    percent_header: bool = False
    note_column: bool = False


def read_evaluations(
    doc: Document,
    chosen: dict[str, list[str]] | None = None,
    settings: ExtractSettings = DEFAULT_SETTINGS,
) -> tuple[list[Evaluation], list[ParseWarning]]:
    """The rows of every evaluation table; the strategies used go into `chosen`, if given."""
    reader = TableReader("evaluation", _start, _read_table, _read_lines, _finish, "channel")
    return read_tables(doc, reader, chosen, settings)


def _start(attachment: Attachment, settings: ExtractSettings) -> _State:
    return _State(settings, channel=attachment.variant)


def _finish(attachment: Attachment, state: _State) -> None:
    if not state.rows:
        state.warn("找到评价表，但未读出任何数据行", attachment.page, attachment.caption)
    elif any(r.group == "" for r in state.rows):
        state.warn(
            "评价表中有数据行之前没有分组标签（县市区/行政事业单位/公共服务企业）",
            attachment.page,
            attachment.caption,
        )


def _read_table(table: Table, state: _State) -> None:
    header = ""
    for index, cells in enumerate(table.rows):
        texts = {compact(c) for c in cells if c and compact(c)}
        if header_cells(cells):
            header += "".join(c or "" for c in cells)
            _take_header(header, state)
        elif len(texts) == 1 and group_label(min(texts)):
            state.group = group_label(min(texts))
        elif len(texts) == 1 and line_kind(min(texts), state.settings) != "other":
            continue
        elif texts:
            row = _take_cells(cells, state, table.page, tokens=False)
            if row is not None:
                as_read = " │ ".join(c or "" for c in cells)
                _emit(row, row.name, table.page, state, table.row_box(index), as_read)


def _take_header(text: str, state: _State) -> None:
    kind = header_kind(text, state.settings)
    if kind and kind[1]:
        state.channel = kind[1]
    state.percent_header = "%" in unify_width(text)
    state.note_column = "备注" in compact(text)


def _take_cells(cells, state: _State, page: int, tokens: bool) -> EvaluationCells | None:
    """The row in these cells, its group the one in force here (a first-cell label sets it)."""
    try:
        row = cells_to_evaluation(
            cells, tokens=tokens, percent_header=state.percent_header, note=state.note_column
        )
    except RowError as error:
        if looks_like_row(cells, state.settings) or not tokens:
            state.warn(f"评价表的一行无法读取：{error}", page, " ".join(c or "" for c in cells))
        return None
    state.group = row.group or state.group
    return replace(row, group=state.group)


def _emit(
    row: EvaluationCells,
    name: str,
    page: int,
    state: _State,
    box: Box | None = None,
    as_read: str = "",
    doubtful: list[str] | None = None,
) -> None:
    snippet = f"{name} {' '.join(str(v) for v in row.values.values())} {row.grade}"
    if not name:
        state.warn("评价表的一行没有单位名称，未读取", page, snippet)
    elif state.channel is None:
        state.warn(
            "无法确定评价表是热线还是市长信箱（表头与标题都没有说明），未读取", page, snippet
        )
    else:
        state.rows.append(
            Evaluation(
                channel=state.channel,
                group=row.group or "",
                unit=name,
                grade=row.grade,
                page=page,
                box=box,
                row_text=as_read,
                doubtful=doubtful or [],
                **row.values,
            )
        )


def _read_lines(lines: list[Line], state: _State) -> None:
    """Text lines of an evaluation table: runs of rows between headers and group labels."""
    strategy = choose_strategy(lines, "evaluation", state.settings)
    run: list[tuple[Anchor | Piece, float | None] | None] = []
    for is_header, block in header_runs(lines, state.settings):
        line = block[0]
        if is_header or group_label(line.text):
            _finish_run(run, state, strategy)
            run = []
        if is_header:
            _take_header("".join(h.text for h in block), state)
        elif group_label(line.text):
            state.group = group_label(line.text)
        elif line_kind(line.text, state.settings) == "other":
            run.append(_line_item(line, state, strategy.down(line)))
    _finish_run(run, state, strategy)


def _line_item(line: Line, state: _State, pos: float) -> tuple[Anchor | Piece, float | None] | None:
    """The line as a row (with where its numbers start across) or as a piece of a wrapped
    cell (with where its text starts); None for a line that is neither."""
    cells = line_to_cells(line.text)
    row = _take_cells(cells, state, line.page, tokens="\t" not in line.text)
    if row is None:
        if not looks_like_name(line.text, state.settings):
            return None
        piece = Piece(line.text, line.page, pos, column="name", box=line_box(line))
        return piece, text_start(line)
    empty = frozenset() if row.name else frozenset({"name"})
    anchor = Anchor(row, line.page, pos, empty, box=line_box(line), text=line.text)
    return anchor, numbers_start(line)


def _finish_run(run: list, state: _State, strategy: Strategy) -> None:
    run = [entry for entry in run if entry is not None]
    if run:
        state.used(strategy.name)
    if not strategy.by_position:
        items = [item for item, _ in run]
        anchors = [item for item in items if isinstance(item, Anchor)]
        left = place_in_order(items, lambda piece, below: not below.row.name)
    else:
        anchors, pieces = _names_only(run, state)
        # Layout text puts a wrapped name's lines above and below its numbers line, centred
        # on it (`国家金融监督` / `管理总局岳阳  178 …` / `监管分局`): by nearness alone the
        # piece above would go to the row above. Word boxes keep their own measure of reach.
        place = place_by_position if strategy.name == LAYOUT_COLUMNS else place_nearest
        left = place(anchors, pieces, state.settings.piece_reach_lines)
    for piece in left:
        state.warn("评价表中有一行文字不属于任何数据行，未读取", piece.page, piece.text)
    for anchor in anchors:
        name = anchor.cell("name", anchor.row.name)
        unsure = not strategy.by_position and state.note_column and _may_hold_a_note(anchor)
        if unsure:
            state.warn(
                "评价表这一行的单位名称前有一行可能是备注，在文本中无法分开：单位名称已标为存疑，请核对",
                anchor.page,
                name,
            )
        _emit(
            anchor.row,
            name,
            anchor.page,
            state,
            anchor.outline(),
            anchor.as_read(),
            ["unit"] if unsure else [],
        )


def _may_hold_a_note(anchor: Anchor) -> bool:
    """In a flowing text of a table with a 备注 column, a line before a row may be a note's
    rather than the unit's (`7 月起纳` / `入考核` / `市退役军人事务` / `局`): one with a digit,
    which a unit's name does not have, says the pieces mix the two."""
    return any(re.search(r"\d", piece.text) for piece in anchor.before)


def _names_only(
    run: list[tuple[Anchor | Piece, float | None]], state: _State
) -> tuple[list[Anchor], list[Piece]]:
    """The rows, and the pieces printed left of the rows' numbers (a wrapped name's). A
    piece further right is a 备注 note's, set aside, or else text no row explains."""
    anchors = [item for item, _ in run if isinstance(item, Anchor)]
    numbers = [at for item, at in run if isinstance(item, Anchor) and at is not None]
    pieces = []
    for item, at in run:
        if isinstance(item, Anchor):
            continue
        if numbers and at is not None and at >= min(numbers):
            if not state.note_column:
                state.warn("评价表中有一行文字不属于任何数据行，未读取", item.page, item.text)
            continue
        pieces.append(item)
    return anchors, pieces
