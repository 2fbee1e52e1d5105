"""A table of lib.analysis on screen: its number formats, its downloads, optional links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from lib.analysis.display import Table
from ui import downloads

LINK = "对比"
ROW_PX = 35
MAX_HEIGHT_PX = 600


def show(table: Table, key: str, file_name: str, choices: Mapping[str, str] | None = None,
         links: Sequence[str] | None = None) -> None:
    """The table, tall enough for its rows up to a limit, then its CSV and Excel buttons.

    `key` (ASCII: it becomes the CSS class st-key-table-<key>) keys the widgets, `file_name`
    names the downloads, `choices` go to the Excel 筛选条件 sheet.

    `links`, one URL per row, add a last column of links to the unit comparison; they are not
    part of the downloads.
    """
    config = {column: st.column_config.NumberColumn(format=printf)
              for column, printf in table.formats.items()}
    frame = table.frame
    if links is not None:
        frame = frame.assign(**{LINK: list(links)})
        config[LINK] = st.column_config.LinkColumn(LINK, display_text="单位对比 →")
    height = min(ROW_PX * (len(frame) + 1) + 3, MAX_HEIGHT_PX)
    with st.container(key=f"table-{key}"):
        st.dataframe(frame, hide_index=True, column_config=config, height=height,
                     placeholder="—")
    downloads.offer(table.frame, key, file_name, choices)
