"""How an analysis page begins: its title, the sidebar's choices and the words the page writes
them in, the evaluation rows it reads — or, when there is nothing to show, a helpful stop."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from lib.analysis.rows import in_months, of_channel
from lib.labels import CHANNELS, month_label, span_label
from ui import empty, filters, frames
from ui.filters import Filters


@dataclass(frozen=True)
class Opening:
    """The sidebar's choices (`chosen`) and their labels: `channel` 热线, `month` 2024年5月 (the
    period's last month, the one a one-month view shows), `period` 2024年3月 – 2024年5月."""

    chosen: Filters
    channel: str
    month: str
    period: str


def start(title: str) -> Opening:
    """Draw the title; stop the page with a way to the upload page while the library is empty."""
    st.title(title)
    chosen = filters.current()
    empty.stop_without_library(chosen)
    return Opening(
        chosen,
        CHANNELS[chosen.channel],
        month_label(chosen.end),
        span_label([chosen.start, chosen.end]),
    )


def evaluations(opening: Opening, whole_period: bool = False) -> pd.DataFrame:
    """The chosen channel's evaluations, every stored month; the page stops when its month has
    none (or, with `whole_period`, no month of the period has any)."""
    chosen = opening.chosen
    rows = frames.frame("evaluations", channel=chosen.channel)
    if whole_period:
        in_view = in_months(of_channel(rows, chosen.channel), chosen.start, chosen.end)
        empty.stop_without_rows(in_view, f"所选期间没有{opening.channel}评价表的数据。")
    else:
        empty.stop_without_rows(
            of_channel(rows, chosen.channel, chosen.end),
            f"{opening.month}没有{opening.channel}评价表的数据。",
        )
    return rows
