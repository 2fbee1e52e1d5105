"""'Download this table': CSV and Excel buttons under a table, built only when clicked.

Excel has Chinese headers, the table's sheet and a 筛选条件 sheet listing the sidebar's filters
and the page's own choices; CSV is the table alone. Both are formula-safe (lib.export).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import pandas as pd
import streamlit as st

from lib.export import to_csv_bytes, to_xlsx_bytes
from lib.labels import CHANNELS, span_label
from ui import filters

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def applied(choices: Mapping[str, str] | None = None) -> dict[str, str]:
    """The filters behind what the page shows: channel and period, then the page's choices."""
    chosen = filters.current()
    period = span_label([m for m in (chosen.start, chosen.end) if m])
    return {"渠道": CHANNELS[chosen.channel], "期间": period or "全部", **(choices or {})}


def offer(
    frame: pd.DataFrame, key: str, name: str, choices: Mapping[str, str] | None = None
) -> None:
    """Two small buttons in a row: `name`.csv and `name`.xlsx of `frame` (its sheet is `name`)."""
    with st.container(horizontal=True, gap="medium", key=f"downloads-{key}"):
        st.download_button(
            "下载 CSV",
            partial(to_csv_bytes, frame),
            file_name=f"{name}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key=f"csv-{key}",
            type="tertiary",
        )
        st.download_button(
            "下载 Excel",
            partial(to_xlsx_bytes, {name: frame}, applied(choices)),
            file_name=f"{name}.xlsx",
            mime=XLSX,
            icon=":material/download:",
            on_click="ignore",
            key=f"xlsx-{key}",
            type="tertiary",
        )
