"""Tables on screen: one of lib.analysis with its number formats, downloads and optional
links; or a frame of long text (explanations, details) wrapped in its cells."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

import pandas as pd
import streamlit as st

from lib.analysis.display import SAME, Table, format_places
from ui import downloads
from ui.links import DOSSIER_TEXT, dossier_urls

LINK = "对比"
UNIT_COLUMNS = ("部门名称", "单位")
"""The column holding a unit's name, in the tables that have one."""
ROW_PX = 35
MAX_HEIGHT_PX = 600
NOTHING = "没有符合条件的数据。"
MISSING = "—"
"""Shown for a value the bulletin does not print (Streamlit would show 'None')."""
WRAPPING_ROW_PX = 84
"""Rows tall enough for four lines: Streamlit wraps cell text only in rows over 4rem."""
SHOWN_ROWS = 500
"""Rows a table shows on the page; a longer one is whole in its downloads, as a line says.
Thousands of rows cost seconds to send and draw and are read by nobody on screen."""


def show(
    table: Table,
    key: str,
    file_name: str,
    choices: Mapping[str, str] | None = None,
    links: Sequence[str] | None = None,
    wrap: Mapping[str, int | str] | None = None,
    units: Sequence[str] | None = None,
    select: bool = False,
) -> tuple[int, str] | None:
    """The table, tall enough for its rows up to a limit, then its CSV and Excel buttons.

    `key` (ASCII: it becomes the CSS class st-key-table-<key>) keys the widgets, `file_name`
    names the downloads, `choices` go to the Excel 筛选条件 sheet.

    `links`, one URL per row, add a last column of links to the unit comparison; they are not
    part of the downloads. `units`, one unit id per row, make each unit's name (the first of
    UNIT_COLUMNS) a link to its dossier; the downloads keep the names. `wrap` gives long-text
    columns their widths (as in `wrapped`) and lets their text wrap. The table's secondary columns are only in the downloads, which a
    line under the table says. A table without rows is a line saying so, without downloads.
    With `select`, one cell can be picked: returns its (row position, heading), else None.
    """
    if table.empty:
        st.caption(NOTHING)
        return None
    frame = table.frame.drop(columns=list(table.secondary)).head(SHOWN_ROWS)
    changes = _needing_words(frame, table.formats)
    config = {
        column: st.column_config.NumberColumn(format=printf)
        for column, printf in table.formats.items()
        if column not in changes
    }
    frame = _linked(frame, config, units, links)
    config.update(
        {column: st.column_config.TextColumn(width=width) for column, width in (wrap or {}).items()}
    )
    row_height = WRAPPING_ROW_PX if wrap else None
    height = _height(len(frame), row_height or ROW_PX)
    picking = {"on_select": "rerun", "selection_mode": "single-cell", "key": f"pick-{key}"}
    with st.container(key=f"table-{key}"):
        event = st.dataframe(
            _changes_shown(frame, changes),
            hide_index=True,
            column_config=config,
            height=height,
            placeholder=MISSING,
            row_height=row_height,
            **(picking if select else {}),
        )
    if len(table.frame) > SHOWN_ROWS:
        st.caption(f"共 {len(table.frame):,} 行，这里列出前 {SHOWN_ROWS} 行；完整的表格请下载。")
    if table.secondary:
        st.caption(f"下载的表格另有：{'、'.join(table.secondary)}。")
    downloads.offer(table.frame, key, file_name, choices)
    cells = event.selection.cells if select else []
    return tuple(cells[0]) if cells else None


def _linked(frame: pd.DataFrame, config: dict, units, links) -> pd.DataFrame:
    """The unit's name as a link to its dossier (`units`), and a last column of links to the
    unit comparison (`links`); `config` gets their link columns."""
    if units is not None:
        column = next(c for c in UNIT_COLUMNS if c in frame.columns)
        frame = frame.assign(**{column: dossier_urls(list(units)[: len(frame)], frame[column])})
        config[column] = st.column_config.LinkColumn(column, display_text=DOSSIER_TEXT)
    if links is not None:
        frame = frame.assign(**{LINK: list(links)[: len(frame)]})
        config[LINK] = st.column_config.LinkColumn(LINK, display_text="单位对比 →")
    return frame


def _needing_words(frame: pd.DataFrame, formats: Mapping[str, str]) -> dict[str, str]:
    """The change columns ('%+…' formats) with a value that rounds to nothing (持平), which
    only a Styler can show; a NumberColumn prints the others alike ('+1.4', '-3') far faster:
    a Styler formats every cell of the table in Python."""
    changes = {c: f for c, f in formats.items() if f.startswith("%+") and c in frame}
    return {
        column: printf
        for column, printf in changes.items()
        if "," in printf or (frame[column].round(format_places(printf)) == 0).any()
    }


def _changes_shown(frame: pd.DataFrame, changes: Mapping[str, str]):
    """Changes ('%+…' formats) as the page shows them: '+1.4', '-3', and 持平 for none (a
    NumberColumn would print '+0' and '+0.0'). The frame keeps its numbers: sorting and the
    downloads are unchanged."""
    if not changes:
        return frame
    return frame.style.format(
        {column: partial(change_text, printf=printf) for column, printf in changes.items()},
        na_rep=MISSING,
    )


def change_text(value, printf: str) -> str:
    """A change as text in `printf` ('%+.1f', '%+,d'): '+2.5', '-1,234'; 持平 when it rounds to 0."""
    number = ("{:" + printf[1:] + "}").format(value)
    return SAME if number.lstrip("+-").strip("0.,") == "" else number


def wrapped(
    frame: pd.DataFrame,
    widths: Mapping[str, int | str],
    columns: Sequence[str] | None = None,
    key: str | None = None,
) -> None:
    """`frame` with its long text wrapped onto up to four lines instead of cut at the right
    edge: `widths` (pixels, or 'small', 'medium', 'large') for the text columns, `columns` to
    show only some; on a page wider than the columns they stretch."""
    config = {column: st.column_config.TextColumn(width=width) for column, width in widths.items()}
    st.dataframe(
        frame,
        hide_index=True,
        column_order=columns,
        column_config=config,
        row_height=WRAPPING_ROW_PX,
        height=_height(len(frame), WRAPPING_ROW_PX),
        key=key,
        placeholder=MISSING,
    )


def _height(rows: int, row_px: int) -> int:
    """Tall enough for every row under the header, up to MAX_HEIGHT_PX: no last row hidden
    behind an inner scroll."""
    return min(row_px * rows + ROW_PX + 3, MAX_HEIGHT_PX)
