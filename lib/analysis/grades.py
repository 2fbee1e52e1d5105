"""Grades: how many units got each grade, who is below A, and who moved between two months.

Each unit counts once per month (rows.one_row_per_unit). A unit a month's table does not list
(no orders that month) is "未列入" in the transition matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import COUNT, PLACE, Table, measure_format, shape
from lib.analysis.periods import grade_tally, mix_text
from lib.analysis.rows import in_months, of_channel, one_row_per_unit, previous_month
from lib.model import GRADES, GROUPS

NOT_LISTED = "未列入"


def grade_distribution(
    evaluations: pd.DataFrame, channel: str, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """Units per month, group and grade: period, group, grade, units."""
    rows = one_row_per_unit(in_months(of_channel(evaluations, channel), start, end))
    counts = rows.groupby(["period", "group", "grade"], sort=False).size()
    return counts.rename("units").reset_index()


def by_group(distribution: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """grade_distribution() split by group, in the bulletin's order of groups."""
    present = set(distribution["group"])
    ordered = [g for g in GROUPS if g in present] + sorted(present - set(GROUPS))
    return {g: distribution[distribution["group"] == g] for g in ordered}


def below_a(evaluations: pd.DataFrame, channel: str, period: str) -> pd.DataFrame:
    """The month's units graded below A, lowest score first, with the previous month's grade
    (`previous_grade`, 未列入 when that table did not list the unit)."""
    rows = of_channel(evaluations, channel)
    before = previous_month(rows, period)
    rows = one_row_per_unit(rows[rows["period"].isin([period, before])])
    now = rows[(rows["period"] == period) & (rows["grade"] != "A")]
    then = rows.loc[rows["period"] == before, ["unit_id", "grade"]]
    out = now.merge(then.rename(columns={"grade": "previous_grade"}), on="unit_id", how="left")
    out["previous_grade"] = out["previous_grade"].fillna(NOT_LISTED if before else "")
    return out.sort_values(["score", "order"], kind="stable").reset_index(drop=True)


def _two_months(evaluations: pd.DataFrame, channel: str, before: str, after: str) -> pd.DataFrame:
    """One row per unit listed in either month: its columns suffixed _before and _after."""
    rows = of_channel(evaluations, channel)
    rows = one_row_per_unit(rows[rows["period"].isin([before, after])])
    first, second = (rows[rows["period"] == p].set_index("unit_id") for p in (before, after))
    both = first.merge(
        second, how="outer", left_index=True, right_index=True, suffixes=("_before", "_after")
    )
    for side in ("before", "after"):
        both[f"grade_{side}"] = both[f"grade_{side}"].fillna(NOT_LISTED)
    both["unit"] = both["unit_after"].fillna(both["unit_before"])
    both["group"] = both["group_after"].fillna(both["group_before"])
    return both.reset_index()


def _grade_order(grades) -> list[str]:
    seen = set(grades)
    return [g for g in (*GRADES, NOT_LISTED) if g in seen] + sorted(seen - {*GRADES, NOT_LISTED})


def transition_matrix(
    evaluations: pd.DataFrame, channel: str, before: str, after: str
) -> pd.DataFrame:
    """Units by grade in `before` (rows) and in `after` (columns), 未列入 included."""
    both = _two_months(evaluations, channel, before, after)
    order = _grade_order([*both["grade_before"], *both["grade_after"]])
    matrix = pd.crosstab(both["grade_before"], both["grade_after"])
    return matrix.reindex(index=order, columns=order, fill_value=0)


def grade_movers(evaluations: pd.DataFrame, channel: str, before: str, after: str) -> pd.DataFrame:
    """Units listed in both months whose grade changed, falls first, with the indicator that
    moved the score most: `indicator`, its values then and now, and `effect`, the points of
    score that change made (its weight in the score formula times its change).

    Columns: unit_id, unit, group, grade_before, grade_after, score_before, score_after,
    score_change, indicator, indicator_before, indicator_after, effect.
    """
    both = _two_months(evaluations, channel, before, after)
    listed = ~both[["grade_before", "grade_after"]].isin([NOT_LISTED]).any(axis=1)
    movers = both[listed & (both["grade_before"] != both["grade_after"])].copy()
    then, now = ({i: movers[f"{i}_{side}"] for i in metrics.RATES} for side in ("before", "after"))
    effects = pd.DataFrame(
        {i: metrics.score_effect(i, channel) * (now[i] - then[i]) for i in metrics.RATES},
        index=movers.index,
    )
    movers["indicator"] = effects.abs().idxmax(axis=1) if len(movers) else pd.Series(dtype=str)
    movers["effect"] = _pick(effects, movers["indicator"])
    movers["indicator_before"] = _pick(pd.DataFrame(then), movers["indicator"])
    movers["indicator_after"] = _pick(pd.DataFrame(now), movers["indicator"])
    movers["score_change"] = movers["score_after"] - movers["score_before"]
    rank = {g: n for n, g in enumerate(GRADES)}
    movers["fell"] = movers["grade_after"].map(rank) > movers["grade_before"].map(rank)
    movers = movers.sort_values(["fell", "score_change"], ascending=[False, True], kind="stable")
    return movers[
        [
            "unit_id",
            "unit",
            "group",
            "grade_before",
            "grade_after",
            "score_before",
            "score_after",
            "score_change",
            "indicator",
            "indicator_before",
            "indicator_after",
            "effect",
        ]
    ].reset_index(drop=True)


def _pick(values: pd.DataFrame, columns: pd.Series) -> np.ndarray:
    """Row by row, the value in the column `columns` names."""
    at = values.columns.get_indexer(columns)
    return values.to_numpy()[np.arange(len(values)), at]


@dataclass(frozen=True)
class GradesView:
    """What the 等级分布 page shows."""

    distribution: pd.DataFrame
    below_a: pd.DataFrame
    matrix: pd.DataFrame
    movers: pd.DataFrame


def grades_view(
    evaluations: pd.DataFrame,
    channel: str,
    start: str,
    end: str,
    before: str | None,
    after: str | None,
    month: str | None = None,
) -> GradesView:
    """The distribution over months start–end, the units below A in `month` (default `end`),
    and the moves from month `before` to `after`."""
    pair = before is not None and after is not None
    return GradesView(
        grade_distribution(evaluations, channel, start, end),
        below_a(evaluations, channel, month or end),
        transition_matrix(evaluations, channel, before, after) if pair else pd.DataFrame(),
        grade_movers(evaluations, channel, before, after) if pair else pd.DataFrame(),
    )


def below_a_table(rows: pd.DataFrame, channel: str) -> Table:
    rate = measure_format("completion_rate", channel)
    return shape(
        rows,
        [
            ("unit", "部门名称", None),
            ("group", "分组", None),
            ("score", "综合指标值", measure_format(metrics.SCORE, channel)),
            ("grade", "等级评价", None),
            ("previous_grade", "上期等级", None),
            ("due", metrics.heading("due", channel), COUNT),
            *((r, metrics.heading(r, channel), rate) for r in metrics.RATES),
        ],
        secondary=[metrics.heading(r, channel) for r in metrics.RATES],
    )


def matrix_table(matrix: pd.DataFrame, before_label: str, after_label: str) -> Table:
    """The matrix with its row labels as a first column headed '<before> ＼ <after>'."""
    corner = f"{before_label} ＼ {after_label}"
    frame = matrix.rename_axis(index=corner, columns=None).reset_index()
    return Table(frame, {c: COUNT for c in matrix.columns})


def movers_table(movers: pd.DataFrame, channel: str) -> Table:
    score = measure_format(metrics.SCORE, channel)
    rate = measure_format("completion_rate", channel)
    named = movers.assign(
        indicator=movers["indicator"].map(lambda i: metrics.label(i, channel)),
        moved=movers["grade_before"] + " → " + movers["grade_after"],
    )
    return shape(
        named,
        [
            ("unit", "部门名称", None),
            ("group", "分组", None),
            ("moved", "等级变动", None),
            ("score_after", "本期分数", score),
            ("score_change", "分数变化", measure_format(metrics.SCORE, channel, True)),
            ("indicator", "变化最大的指标", None),
            ("indicator_before", "该指标上期（%）", rate),
            ("indicator_after", "该指标本期（%）", rate),
            ("effect", "对分数的影响", "%+.2f"),
        ],
        secondary=["分组", "该指标上期（%）", "该指标本期（%）"],
    )


def period_grades(evaluations: pd.DataFrame, channel: str, start: str, end: str) -> pd.DataFrame:
    """Each unit's monthly grades over months start–end: a period has no grade of its own (the
    bulletin sets none), so its grade is this count. Columns: unit_id, unit (latest printed),
    group, months (listed), one count per grade letter present, mix ('A×2 B×1'); units with
    the most months below A first."""
    rows = one_row_per_unit(in_months(of_channel(evaluations, channel), start, end))
    tally = grade_tally(rows)
    last = rows.drop_duplicates("unit_id", keep="last").set_index("unit_id")
    out = tally.assign(
        unit=last["unit"],
        group=last["group"],
        months=tally.sum(axis=1),
        mix=mix_text(tally),
        below=tally.drop(columns=["A"], errors="ignore").sum(axis=1),
    )
    out = out.rename_axis("unit_id").reset_index()
    out = out.sort_values(["below", "unit_id"], ascending=[False, True], kind="stable")
    return out.drop(columns="below").reset_index(drop=True)


def period_grades_table(grades: pd.DataFrame) -> Table:
    letters = [g for g in grades.columns if g in GRADES]
    return shape(
        grades,
        [
            ("unit", "部门名称", None),
            ("group", "分组", None),
            ("months", "列入月数", PLACE),
            *((g, f"{g} 类（月）", PLACE) for g in letters),
            ("mix", "各月等级", None),
        ],
        secondary=["分组", "列入月数"],
    )
