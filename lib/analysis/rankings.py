"""Ranks of units within their group, month by month, and the 红黑榜 (top and bottom N).

Ties are ranked alike (competition ranking, 1 2 2 4), on the value in force (as printed, or
as corrected: the store's evaluations frame, lib/review/apply.py). A unit with fewer
than `min_due` orders (应办理数) is a small sample: always marked, and left unranked when
`exclude_small` is set — the bulletin itself ranks bureaus only among those with 50 orders or
more, so 2 orders at 100 % are not read as better than 500 at 99 %.

Ranks within a group follow the printed table, a unit printed twice included; ranks across all
groups count each unit once (see rows.one_row_per_unit).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import Table, measure_format, shape
from lib.analysis.rows import of_channel, one_row_per_unit, previous_month

RANKED_COLUMNS = [
    "rank",
    "out_of",
    "unit_id",
    "unit",
    "group",
    "value",
    "score",
    "grade",
    "due",
    "small",
    "previous_rank",
    "rank_change",
    "previous_value",
    "value_change",
    "previous_score",
    "score_change",
    "correction",
]


def ranks(
    evaluations: pd.DataFrame,
    channel: str,
    measure: str = metrics.SCORE,
    min_due: int = 0,
    exclude_small: bool = False,
    by_group: bool = True,
) -> pd.DataFrame:
    """The channel's rows of every month with `value` (the measure), `small`, `rank` (Int64,
    NA when excluded) and `out_of` (units ranked alongside), ranked within month and group
    (or within month across groups when `by_group` is False)."""
    rows = of_channel(evaluations, channel)
    if not by_group:
        rows = one_row_per_unit(rows)
    out = rows.assign(value=rows[measure], small=rows["due"] < min_due)
    keys = ["period", "group"] if by_group else ["period"]
    ranked_values = out["value"].where(~out["small"]) if exclude_small else out["value"]
    ascending = not metrics.higher_is_better(measure, channel)
    out["rank"] = (
        ranked_values.groupby([out[k] for k in keys])
        .rank(method="min", ascending=ascending)
        .astype("Int64")
    )
    out["out_of"] = out.groupby(keys)["rank"].transform("count").astype("int64")
    return out


def rank_in_group(
    evaluations: pd.DataFrame,
    channel: str,
    period: str,
    group: str | None = None,
    measure: str = metrics.SCORE,
    min_due: int = 0,
    exclude_small: bool = False,
) -> pd.DataFrame:
    """The ranking of one month: a group's units (all groups when `group` is None), best first,
    with the previous stored month's rank, value and score, and the changes since.

    Columns: RANKED_COLUMNS. `rank_change` is positive for a unit that moved up. For a
    unit's place ("第 3 / 13"), read its `rank` and `out_of`.
    """
    rows = of_channel(evaluations, channel)
    before = previous_month(rows, period)
    rows = rows[rows["period"].isin([period, before])]
    if group is not None:
        rows = rows[rows["group"] == group]
    ranked = ranks(rows, channel, measure, min_due, exclude_small, by_group=group is not None)
    now = ranked[ranked["period"] == period]
    then = ranked[ranked["period"] == before].drop_duplicates("unit_id")
    then = then[["unit_id", "rank", "value", "score"]].rename(
        columns={"rank": "previous_rank", "value": "previous_value", "score": "previous_score"}
    )
    out = now.merge(then, on="unit_id", how="left", validate="many_to_one")
    out["rank_change"] = out["previous_rank"] - out["rank"]
    out["value_change"] = out["value"] - out["previous_value"]
    out["score_change"] = out["score"] - out["previous_score"]
    return out.sort_values(["rank", "order"], na_position="last", kind="stable")[
        RANKED_COLUMNS
    ].reset_index(drop=True)


def top_and_bottom(ranked: pd.DataFrame, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """红榜 and 黑榜: the ranked units placed in the best n, and in the worst n (worst first).

    Ties at the edge are all in, so a list may hold more than n units.
    """
    placed = ranked[ranked["rank"].notna()]
    from_bottom = placed["rank"].rank(method="min", ascending=False)
    bottom = placed[from_bottom <= n].iloc[::-1]
    return placed[placed["rank"] <= n], bottom.reset_index(drop=True)


@dataclass(frozen=True)
class RankingView:
    """What the 排名 page shows for one channel, month, group and measure."""

    ranking: pd.DataFrame
    top: pd.DataFrame
    bottom: pd.DataFrame
    previous_period: str | None


def ranking_view(
    evaluations: pd.DataFrame,
    channel: str,
    period: str,
    group: str | None,
    measure: str = metrics.SCORE,
    min_due: int = 0,
    exclude_small: bool = False,
    n: int = 5,
) -> RankingView:
    ranking = rank_in_group(evaluations, channel, period, group, measure, min_due, exclude_small)
    top, bottom = top_and_bottom(ranking, n)
    return RankingView(
        ranking, top, bottom, previous_month(of_channel(evaluations, channel), period)
    )


def ranking_table(
    ranking: pd.DataFrame, channel: str, measure: str = metrics.SCORE, brief: bool = False
) -> Table:
    """The ranking under the bulletin's headings: the measure's own column unless it is the
    score, then the changes since the previous month. `brief` (红黑榜, half the page wide)
    keeps the rank, name, values, grade and small-sample mark."""
    score = measure_format(metrics.SCORE, channel)
    ranking = ranking.assign(small=ranking["small"].map({True: "是", False: ""}))
    columns = [("rank", "名次", "%d"), ("unit", "部门名称", None)]
    if not brief:
        columns.append(("group", "分组", None))
    label = metrics.label(measure, channel)
    if measure != metrics.SCORE:
        columns.append(("value", label, measure_format(measure, channel)))
    columns += [("score", "综合指标值", score), ("grade", "等级评价", None)]
    if brief:
        return shape(ranking, [*columns, ("small", "小样本", None)])
    columns += [
        ("due", "应办理数", "%d"),
        ("small", "小样本", None),
        ("previous_rank", "上期名次", "%d"),
        ("rank_change", "名次变化", "%+d"),
    ]
    if measure != metrics.SCORE:
        columns.append(("value_change", f"{label}变化", measure_format(measure, channel, True)))
    columns.append(("score_change", "综合指标值变化", measure_format(metrics.SCORE, channel, True)))
    return shape(ranking, columns)
