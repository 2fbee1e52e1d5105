"""Warnings about units as of a month: scores falling month after month, a first fall below
grade A, rates beyond a limit.

Months are the stored ones: with April missing, March → May is one step. A unit's steps are
between the months its table lists it (a month with no orders is skipped).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import COUNT, PLACE, Table, measure_format, shape
from lib.analysis.pools import placed
from lib.analysis.rows import in_months, of_channel, one_row_per_unit


def _history(evaluations: pd.DataFrame, channel: str, period: str) -> pd.DataFrame:
    """The channel's rows up to `period`, one per unit and month, by unit then month."""
    rows = in_months(of_channel(evaluations, channel), None, period)
    return (
        one_row_per_unit(rows)
        .sort_values(["unit_id", "period"], kind="stable")
        .reset_index(drop=True)
    )


def score_declines(
    evaluations: pd.DataFrame, channel: str, period: str, min_run: int = 2
) -> pd.DataFrame:
    """Units listed in `period` whose score fell at each of their last `min_run` or more steps.

    Columns: unit_id, unit, group, declines (steps in the run), scores (the run as text,
    '96.8 → 96.5 → 95.1'), start_score, score, drop (score − start_score), grade; biggest
    drop first.
    """
    return _declines(_history(evaluations, channel, period), channel, period, min_run)


def _declines(rows: pd.DataFrame, channel: str, period: str, min_run: int) -> pd.DataFrame:
    step = rows.groupby("unit_id")["score"].diff()
    fell = step < 0
    run = fell.groupby([rows["unit_id"], (~fell).cumsum()]).cumsum()
    hit = rows[(rows["period"] == period) & (run >= min_run)].copy()
    hit["declines"] = run[hit.index].astype("int64")
    places = metrics.score_decimals(channel)
    hit["scores"] = [
        " → ".join(f"{s:.{places}f}" for s in rows["score"].iloc[i - n : i + 1])
        for i, n in zip(hit.index, hit["declines"], strict=True)
    ]
    hit["start_score"] = [
        rows["score"].iat[i - n] for i, n in zip(hit.index, hit["declines"], strict=True)
    ]
    hit["drop"] = hit["score"] - hit["start_score"]
    return hit.sort_values(["drop", "unit_id"], kind="stable")[
        ["unit_id", "unit", "group", "declines", "scores", "start_score", "score", "drop", "grade"]
    ].reset_index(drop=True)


def first_falls_below_a(evaluations: pd.DataFrame, channel: str, period: str) -> pd.DataFrame:
    """Units below A in `period` that every earlier table listing them graded A.

    Columns: unit_id, unit, group, score, grade, previous_period, previous_score (their
    previous listed month, graded A), lowest score first.
    """
    return _first_falls(_history(evaluations, channel, period), period)


def _first_falls(rows: pd.DataFrame, period: str) -> pd.DataFrame:
    earlier = rows[rows["period"] < period]
    always_a = earlier["grade"].eq("A").groupby(earlier["unit_id"]).all()
    last = earlier.drop_duplicates("unit_id", keep="last").set_index("unit_id")
    now = rows[(rows["period"] == period) & (rows["grade"] != "A")]
    now = now[now["unit_id"].isin(always_a.index[always_a])].copy()
    now["previous_period"] = now["unit_id"].map(last["period"])
    now["previous_score"] = now["unit_id"].map(last["score"])
    return now.sort_values(["score", "unit_id"], kind="stable")[
        ["unit_id", "unit", "group", "score", "grade", "previous_period", "previous_score"]
    ].reset_index(drop=True)


def rates_beyond_limits(
    evaluations: pd.DataFrame,
    channel: str,
    period: str,
    limits: Mapping[str, float],
    pool_only: bool = True,
) -> pd.DataFrame:
    """Rates of the month below their floor (办结率, 按期办结率, mailbox 满意率) or above their
    ceiling (返工率, hotline 不满意率); with `pool_only`, of the units in their ranking pool
    (pools.placed): a rate of a unit with three orders says little.

    Columns: unit_id, unit, group, due, measure, value, limit; by measure, worst first.
    """
    rows = placed(one_row_per_unit(of_channel(evaluations, channel, period)), channel)
    if pool_only:
        rows = rows[rows["in_pool"]]
    parts = []
    for measure, limit in limits.items():
        high = metrics.higher_is_better(measure, channel)
        beyond = rows[rows[measure] < limit] if high else rows[rows[measure] > limit]
        beyond = beyond.sort_values(measure, ascending=high, kind="stable")
        parts.append(beyond.assign(measure=measure, value=beyond[measure], limit=limit))
    columns = ["unit_id", "unit", "group", "due", "measure", "value", "limit"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts)[columns].reset_index(drop=True)


@dataclass(frozen=True)
class AlertsView:
    """What the 预警 page shows as of a month."""

    declines: pd.DataFrame
    first_falls: pd.DataFrame
    beyond_limits: pd.DataFrame


def alerts_view(
    evaluations: pd.DataFrame,
    channel: str,
    period: str,
    limits: Mapping[str, float],
    min_run: int = 2,
    pool_only: bool = True,
) -> AlertsView:
    return AlertsView(
        score_declines(evaluations, channel, period, min_run),
        first_falls_below_a(evaluations, channel, period),
        rates_beyond_limits(evaluations, channel, period, limits, pool_only),
    )


def declines_table(declines: pd.DataFrame, channel: str) -> Table:
    score = measure_format(metrics.SCORE, channel)
    return shape(
        declines,
        [
            ("unit", "部门名称", None),
            ("group", "分组", None),
            ("declines", "连续下降次数", PLACE),
            ("scores", "综合指标值走势", None),
            ("drop", "累计变化", measure_format(metrics.SCORE, channel, True)),
            ("score", "本期综合指标值", score),
            ("grade", "本期等级", None),
        ],
        secondary=["分组"],
    )


def first_falls_table(falls: pd.DataFrame, channel: str) -> Table:
    score = measure_format(metrics.SCORE, channel)
    return shape(
        falls,
        [
            ("unit", "部门名称", None),
            ("group", "分组", None),
            ("previous_period", "上次列入", None),
            ("previous_score", "当时综合指标值", score),
            ("score", "本期综合指标值", score),
            ("grade", "本期等级", None),
        ],
        secondary=["分组"],
    )


def beyond_limits_table(beyond: pd.DataFrame, channel: str) -> Table:
    named = beyond.assign(
        measure=beyond["measure"].map(lambda m: metrics.label(m, channel)),
        rule=beyond["measure"].map(
            lambda m: "低于" if metrics.higher_is_better(m, channel) else "高于"
        ),
    )
    return shape(
        named,
        [
            ("unit", "部门名称", None),
            ("group", "分组", None),
            ("due", "应办理数", COUNT),
            ("measure", "指标", None),
            ("value", "本期值（%）", "%.2f"),
            ("rule", "规则", None),
            ("limit", "阈值（%）", "%.2f"),
        ],
        secondary=["分组"],
    )
