"""Every unit the library has ever listed, one row each: where the 单位档案 page starts.

A unit is its canonical id (the store's alias table); beside it the names tables printed
for it and its aliases, so a search for any of them finds it.
"""

from __future__ import annotations

import pandas as pd

from lib.analysis.rows import one_row_per_unit
from lib.labels import CHANNELS
from lib.model import GROUPS

COLUMNS = ("period", "channel", "group", "unit", "unit_id", "score", "grade", "order")
"""The evaluations' columns the directory reads (taking rows of fewer columns is faster)."""
TREND_MONTHS = 24
"""The score trend a row shows: the latest this many months listed."""


def unit_directory(evaluations: pd.DataFrame, aliases: pd.DataFrame) -> pd.DataFrame:
    """One row per unit id in `evaluations` (Store.frame("evaluations")), by group, then as
    its latest table prints it.

    Columns: unit_id; names (printed names and aliases other than the id, '、'); group (its
    latest); channels ('热线、市长信箱'); months (months listed in either table); first and
    last ('YYYY-MM'); per channel `<channel>_score` and `<channel>_grade` of its latest
    listed month; `trend`, its latest TREND_MONTHS hotline scores (mailbox when it has no
    hotline row), oldest first; `search`, every name in one string, for finding it.
    """
    rows = one_row_per_unit(evaluations[list(COLUMNS)])
    units = rows.groupby("unit_id", sort=False)
    last = units.tail(1).set_index("unit_id")
    out = pd.DataFrame(index=last.index)
    out["names"] = _names(rows, aliases, out.index)
    out["group"] = last["group"]
    out["channels"] = _channels(rows).reindex(out.index)
    out["months"] = units["period"].nunique()
    out["first"] = units["period"].min()
    out["last"] = units["period"].max()
    for channel in CHANNELS:
        latest = rows[rows["channel"] == channel].groupby("unit_id", sort=False).tail(1)
        latest = latest.set_index("unit_id")
        out[f"{channel}_score"] = latest["score"].reindex(out.index)
        out[f"{channel}_grade"] = latest["grade"].reindex(out.index)
    out["trend"] = _trends(rows).reindex(out.index)
    out["search"] = out.index + "、" + out["names"]
    group_order = out["group"].map({g: n for n, g in enumerate(GROUPS)}).fillna(len(GROUPS))
    out = out.assign(_order=group_order).rename_axis("unit_id").reset_index()
    return (
        out.sort_values(["_order", "unit_id"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _names(rows: pd.DataFrame, aliases: pd.DataFrame, ids: pd.Index) -> pd.Series:
    printed = rows[["unit_id", "unit"]].rename(columns={"unit": "name"})
    known = aliases[["unit_id", "alias"]].rename(columns={"alias": "name"})
    every = pd.concat([printed, known]).drop_duplicates()
    every = every[every["name"] != every["unit_id"]]
    return every.groupby("unit_id")["name"].agg("、".join).reindex(ids).fillna("")


def _channels(rows: pd.DataFrame) -> pd.Series:
    """unit id → the channels listing it, in words: '热线、市长信箱'."""
    listed = pd.crosstab(rows["unit_id"], rows["channel"]).reindex(columns=list(CHANNELS)) > 0
    words = list(CHANNELS.values())
    return pd.Series(
        ["、".join(w for w, on in zip(words, row, strict=True) if on) for row in listed.to_numpy()],
        index=listed.index,
    )


def _trends(rows: pd.DataFrame) -> pd.Series:
    """unit id → its latest TREND_MONTHS scores of its first channel (hotline first)."""
    order = rows["channel"].map(list(CHANNELS).index)
    first = order.groupby(rows["unit_id"]).transform("min")
    mine = rows[order == first].groupby("unit_id", sort=False).tail(TREND_MONTHS)
    scores = mine["score"].to_numpy()
    ids = mine["unit_id"].to_numpy()
    trends: dict[str, list[float]] = {}
    for unit_id, score in zip(ids, scores, strict=True):
        trends.setdefault(unit_id, []).append(float(score))
    return pd.Series(trends, dtype="object")


def matching(directory: pd.DataFrame, text: str) -> pd.DataFrame:
    """The directory's rows with `text` in any of their names (case and spaces ignored)."""
    words = "".join(text.split())
    if not words:
        return directory
    return directory[directory["search"].str.contains(words, case=False, regex=False)]
