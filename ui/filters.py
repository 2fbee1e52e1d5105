"""Filters shared by the pages, kept in the URL so that a view is a link.

The sidebar (drawn by app.py on every run) holds the global ones: channel and period. They
use Streamlit's own query-parameter binding (`bind="query-params"`, the key is the parameter
name, the value is the option's label as shown), e.g. `?channel=市长信箱&period=2024年4月&period=
2024年5月`; a value left at its default is left out of the URL. A page reads them with
`current()`. A page-local choice that should survive a reload binds its own widget the same
way, with a key not used here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from lib.labels import CHANNELS, month_label

_CURRENT = "filters.current"
_SPAN = "filters.span"


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices. `start`/`end` are 'YYYY-MM' keys, None when the library is empty.

    A page about one month uses `end`, the latest month of the chosen period.
    """

    channel: str = "hotline"
    start: str | None = None
    end: str | None = None


def sidebar(months: Sequence[str]) -> Filters:
    """Draw the global filters in the sidebar; `months` are the library's months, oldest first."""
    channel = st.sidebar.segmented_control(
        "渠道",
        list(CHANNELS),
        format_func=CHANNELS.get,
        default="hotline",
        required=True,
        key="channel",
        bind="query-params",
    )
    start, end = _period(list(months)) if months else (None, None)
    chosen = Filters(channel=channel, start=start, end=end)
    st.session_state[_CURRENT] = chosen
    return chosen


def _period(months: list[str]) -> tuple[str, str]:
    if len(months) == 1:
        st.sidebar.caption(f"期间：{month_label(months[0])}")
        return months[0], months[0]
    span = (months[0], months[-1])
    _follow_library(span)
    start, end = st.sidebar.select_slider(
        "期间",
        options=months,
        value=span,
        format_func=month_label,
        key="period",
        bind="query-params",
    )
    return start, end


def _follow_library(span: tuple[str, str]) -> None:
    """A period left at the whole library moves with it when the library changes (a month
    saved or deleted here, or imported elsewhere and seen on this rerun); a chosen period stays.

    The value is set, not deleted: a deleted widget value is not sent back to the browser,
    which then keeps showing, and sending, the old span on every later run.
    """
    before = st.session_state.get(_SPAN)
    st.session_state[_SPAN] = span
    if before is not None and before != span and _chosen_period() == before:
        st.session_state["period"] = span


def _chosen_period() -> tuple[str, str] | None:
    value = st.session_state.get("period")
    return tuple(value) if value is not None else None


def current() -> Filters:
    """The filters the sidebar drew in this run (defaults when it has not)."""
    return st.session_state.get(_CURRENT, Filters())
