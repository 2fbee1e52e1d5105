"""Picking rows out of the store's frames: a month, the month before, one row per unit.

Every function takes a store frame (`Store.frame("evaluations")` and the others: sorted by month, rows
in printed order) and returns one with the same columns. "The previous month" is the previous
month *stored*: with March and May loaded, May's previous month is March.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def months(frame: pd.DataFrame) -> list[str]:
    """The 'YYYY-MM' months present, oldest first."""
    return sorted(frame["period"].unique())


def calendar(first: str, last: str) -> list[str]:
    """Every calendar month from `first` to `last` ('YYYY-MM'), both included: where a chart
    shows a month missing from the library as a gap rather than a step over it."""
    year, month = (int(part) for part in first.split("-"))
    out = []
    while (key := f"{year:04d}-{month:02d}") <= last:
        out.append(key)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def previous_month(frame: pd.DataFrame, period: str) -> str | None:
    """The latest month before `period` that has rows; None when there is none."""
    earlier = frame.loc[frame["period"] < period, "period"]
    return None if earlier.empty else earlier.max()


def in_months(
    frame: pd.DataFrame, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """Rows from month `start` to month `end`, both included; None leaves that side open."""
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame["period"] >= start
    if end is not None:
        keep &= frame["period"] <= end
    return kept(frame, keep)


def of_channel(evaluations: pd.DataFrame, channel: str, period: str | None = None) -> pd.DataFrame:
    """The rows of one channel, of one month when `period` is given."""
    keep = evaluations["channel"] == channel
    if period is not None:
        keep &= evaluations["period"] == period
    return kept(evaluations, keep)


def kept(frame: pd.DataFrame, keep: pd.Series) -> pd.DataFrame:
    """The rows where `keep` holds; the frame itself when that is every row (views never
    change their input, and copying ten years of rows on every filter is what costs)."""
    return frame if keep.all() else frame[keep]


def one_row_per_unit(evaluations: pd.DataFrame) -> pd.DataFrame:
    """One row per month, channel and unit id: the first the bulletin prints.

    A table may list a unit twice (May 2024 prints 城陵矶新港区 under two groups, a source
    error that checks report); views about units count it once, in its first group.
    """
    return evaluations.drop_duplicates(["period", "channel", "unit_id"], keep="first")


def latest_names(frame: pd.DataFrame, unit_ids: Sequence[str] | None = None) -> dict[str, str]:
    """unit id → the name printed in the latest month that lists the unit."""
    rows = frame if unit_ids is None else frame[frame["unit_id"].isin(list(unit_ids))]
    last = rows.drop_duplicates("unit_id", keep="last")
    return dict(zip(last["unit_id"], last["unit"], strict=True))
