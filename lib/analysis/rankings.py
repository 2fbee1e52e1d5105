"""One period's ranking of a group — a month, or a quarter, half or year of lib.analysis.periods'
rows — with the changes since the previous period (环比) and since the same period a year
earlier (同比), and the 红黑榜 (best and worst n).

Places are the bulletin's (lib.analysis.pools): within the group's ranking pool, ties alike
(1 2 2 4) on the value in force (as printed, or as an analyst corrected it: the store's
evaluations frame, lib/review/apply.py); a unit outside its pool is listed after the pool with
its place in the whole group and the reason. Ranks within a group follow the printed table, a
unit printed twice included.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import PLACE, Table, measure_format, shape
from lib.analysis.pools import placed, places_moved
from lib.analysis.rows import of_channel, previous_month
from lib.model import GROUPS

RANKED_COLUMNS = [
    "rank",
    "out_of",
    "in_pool",
    "pool",
    "place",
    "unit_id",
    "unit",
    "group",
    "value",
    "score",
    "grade",
    "due",
    "previous_rank",
    "rank_change",
    "previous_value",
    "value_change",
    "previous_score",
    "score_change",
    "year_rank",
    "year_rank_change",
    "year_value",
    "year_value_change",
    "year_score",
    "year_score_change",
    "correction",
]
STORED = "stored"
"""`before` of rank_in_group: the previous month stored (rows.previous_month)."""
AGAINST = {"previous": "", "year": "year_"}
"""The earlier periods a ranking is compared with — 环比 (the previous one) and 同比 (the same a
year earlier) — by the prefix of their columns and of their changes."""


def rank_in_group(
    evaluations: pd.DataFrame,
    channel: str,
    period: str,
    group: str | None = None,
    measure: str = metrics.SCORE,
    before: str | None = STORED,
    year_ago: str | None = None,
) -> pd.DataFrame:
    """The ranking of one period: a group's units (every group's, group after group, when
    `group` is None), the pool first by place, then the units outside it; with the place,
    value and score of the period `before` (环比; by default the previous stored month) and of
    `year_ago` (同比), and the changes since. `period` may be a month or a period key of
    lib.analysis.periods' rows.

    Columns: RANKED_COLUMNS. A `…rank_change` is positive for a unit that moved up, NA when
    the two places are not comparable (pools.places_moved); the year_ columns are NA without
    a `year_ago`.
    """
    rows = of_channel(evaluations, channel)
    if before == STORED:
        before = previous_month(rows, period)
    ranked = placed(rows[rows["period"].isin([period, before, year_ago])], channel, measure)
    if group is not None:
        ranked = ranked[ranked["group"] == group]
    out = ranked[ranked["period"] == period]
    for name, then in (("previous", before), ("year", year_ago)):
        out = _against(out, ranked[ranked["period"] == then], name)
    out["group_order"] = out["group"].map({g: n for n, g in enumerate(GROUPS)})
    out = out.sort_values(
        ["group_order", "in_pool", "rank", "order"],
        ascending=[True, False, True, True],
        kind="stable",
    )
    return out[RANKED_COLUMNS].reset_index(drop=True)


def _against(now: pd.DataFrame, then: pd.DataFrame, name: str) -> pd.DataFrame:
    """`now` with the place, value and score of `then` (columns `{name}_rank`, …) and the
    changes since (AGAINST's prefix + rank_change, value_change, score_change)."""
    change = AGAINST[name]
    kept = then.drop_duplicates("unit_id")[["unit_id", "rank", "in_pool", "value", "score"]]
    kept = kept.rename(columns={c: f"{name}_{c}" for c in ("rank", "in_pool", "value", "score")})
    out = now.merge(kept, on="unit_id", how="left", validate="many_to_one")
    out[f"{change}rank_change"] = pd.array(
        [
            places_moved(*args)
            for args in zip(
                out[f"{name}_rank"],
                out[f"{name}_in_pool"],
                out["rank"],
                out["in_pool"],
                strict=True,
            )
        ],
        dtype="Int64",
    )
    out[f"{change}value_change"] = out["value"] - out[f"{name}_value"]
    out[f"{change}score_change"] = out["score"] - out[f"{name}_score"]
    return out


def top_and_bottom(ranked: pd.DataFrame, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """红榜 and 黑榜 of one group's ranking: the pool's units placed in the best n, and in the
    worst n (worst first). Units outside the pool are on neither list.

    Ties at the edge are all in, so a list may hold more than n units.
    """
    pool = ranked[ranked["in_pool"]]
    from_bottom = pool["rank"].rank(method="min", ascending=False)
    bottom = pool[from_bottom <= n].iloc[::-1]
    return pool[pool["rank"] <= n].reset_index(drop=True), bottom.reset_index(drop=True)


def list_note(listed: pd.DataFrame, n: int, best: bool) -> str:
    """What a 红榜 (`best`) or 黑榜 holds, said under it: whose places, why it may hold more
    than n units, and — on a 黑榜 — that a low place is not a low grade."""
    parts = [f"排名范围内名次{'最前' if best else '最后'}的 {n} 名，并列同名次"]
    if len(listed) > n:
        parts.append(f"因并列共 {len(listed)} 个单位")
    graded_a = int((listed["grade"] == "A").sum())
    if not best and graded_a:
        parts.append(f"其中 {graded_a} 个为 A 类：名次靠后不等于等级低")
    return "；".join(parts) + "。"


@dataclass(frozen=True)
class RankingView:
    """What the 排名 page shows for one channel, month, group and measure. With every group
    at once there are no 红黑榜 (`top` and `bottom` are empty): the bulletin ranks within a
    group."""

    ranking: pd.DataFrame
    top: pd.DataFrame
    bottom: pd.DataFrame
    previous_period: str | None
    year_period: str | None = None


def ranking_view(
    evaluations: pd.DataFrame,
    channel: str,
    period: str,
    group: str | None,
    measure: str = metrics.SCORE,
    n: int = 5,
    before: str | None = STORED,
    year_ago: str | None = None,
) -> RankingView:
    """`before` and `year_ago` as in rank_in_group; each is kept only when `evaluations` hold
    it (previous_period and year_period say which)."""
    rows = of_channel(evaluations, channel)
    held = set(rows["period"].unique())
    before = previous_month(rows, period) if before == STORED else before
    before, year_ago = (p if p in held else None for p in (before, year_ago))
    ranking = rank_in_group(evaluations, channel, period, group, measure, before, year_ago)
    top, bottom = top_and_bottom(ranking if group else ranking.iloc[:0], n)
    return RankingView(ranking, top, bottom, before, year_ago)


def ranking_table(
    ranking: pd.DataFrame, channel: str, measure: str = metrics.SCORE, brief: bool = False
) -> Table:
    """The ranking under the bulletin's headings: place, how many share the pool and which
    pool, the measure's own column unless it is the score, then the changes since the
    previous month. `brief` (红黑榜, half the page wide) keeps the place, name, values and
    grade. 分组 only when the ranking holds several groups."""
    columns = [("rank", "名次", PLACE)]
    if not brief:
        columns.append(("out_of", "共", PLACE))
    columns.append(("unit", "部门名称", None))
    if not brief and ranking["group"].nunique() > 1:
        columns.append(("group", "分组", None))
    if measure != metrics.SCORE:
        columns.append(
            ("value", metrics.heading(measure, channel), measure_format(measure, channel))
        )
    columns += [
        ("score", "综合指标值", measure_format(metrics.SCORE, channel)),
        ("grade", "等级评价", None),
    ]
    if brief:
        return shape(ranking, columns)
    columns += [
        ("due", metrics.heading("due", channel), measure_format("due", channel)),
        ("pool", "排名范围", None),
        ("previous_rank", "上期名次", PLACE),
        ("rank_change", "名次变化", "%+d"),
    ]
    if measure != metrics.SCORE:
        columns.append(
            (
                "value_change",
                metrics.change_heading(measure, channel),
                measure_format(measure, channel, True),
            )
        )
    columns.append(("score_change", "综合指标值变化", measure_format(metrics.SCORE, channel, True)))
    if not ranking["year_score"].notna().any():
        return shape(ranking, columns)
    columns += [
        ("year_rank", "去年同期名次", PLACE),
        ("year_rank_change", "同比名次变化", "%+d"),
        ("year_score_change", "综合指标值同比变化", measure_format(metrics.SCORE, channel, True)),
    ]
    return shape(ranking, columns, secondary=["去年同期名次"])
