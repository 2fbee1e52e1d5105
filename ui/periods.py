"""The period a page shows: a month, 季度, 半年, 年度 or any span (lib.analysis.spans), kept in
the URL (`?span=季度&quarter=2024年第二季度`).

It works with the sidebar's 期间: 月 is the sidebar's last month, 任意期间 the sidebar's span,
and a quarter, half or year is picked among those overlapping the sidebar's span (the latest
by default). A period the library does not fully hold is said under the choice, naming the
months it lacks.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.analysis.spans import KINDS, Span, between, containing, missing_text, spans_of
from ui import filters

KIND_KEY = "span"
CHOICE_PX = 320
PICK_PX = 200


def choose(
    months: Sequence[str], default: str = "month", kinds: Sequence[str] = tuple(KINDS)
) -> Span:
    """Draw the choice (in the current container) and return the period chosen; `months` are
    the library's months."""
    chosen = filters.current()
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        kind = choose_kind(default, kinds)
        if kind == "month":
            return containing("month", chosen.end)
        if kind == "span":
            return between(chosen.start, chosen.end)
        in_view = [m for m in months if chosen.start <= m <= chosen.end] or [chosen.end]
        options = spans_of(kind, in_view)
        return st.selectbox(
            KINDS[kind],
            options,
            index=len(options) - 1,
            format_func=lambda span: span.label,
            key=kind,
            bind="query-params",
            width=PICK_PX,
        )


def choose_kind(default: str = "month", kinds: Sequence[str] = tuple(KINDS)) -> str:
    """Only the kind of period (月, 季度 …), for a page that shows every period of a kind."""
    return st.segmented_control(
        "统计期",
        list(kinds),
        format_func=KINDS.get,
        default=default,
        required=True,
        key=KIND_KEY,
        bind="query-params",
        width=CHOICE_PX,
    )


def note_missing(span: Span, months: Sequence[str]) -> None:
    """Under the choice: the months of the period the library lacks, if any."""
    missing = span.missing(months)
    if missing:
        st.caption(f"{missing_text(missing)}：库中没有这些月份的通报，{span.label}的合计未计入。")
