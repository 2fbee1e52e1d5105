"""The city over months: its monthly figures, the complaint categories, units per grade."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import COUNT, Table, shape
from lib.analysis.rows import in_months, of_channel, one_row_per_unit
from lib.model import GRADES


def city_figures(
    overview: pd.DataFrame, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """Long form, one row per month and figure: period, figure, label, kind, value (months
    whose bulletin prints no such figure are left out)."""
    months = in_months(overview, start, end)
    long = months.melt(
        id_vars=["period"],
        value_vars=list(metrics.CITY_FIGURES),
        var_name="figure",
        value_name="value",
    ).dropna(subset=["value"])
    long["label"] = long["figure"].map(lambda f: metrics.CITY_FIGURES[f][0])
    long["kind"] = long["figure"].map(lambda f: metrics.CITY_FIGURES[f][1])
    long["value"] = long["value"].astype("float64")
    return long[["period", "figure", "label", "kind", "value"]].reset_index(drop=True)


def category_trends(
    categories: pd.DataFrame, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """诉求类型 month by month: period, name, count, share. A bulletin lists only its main
    categories, so a category missing in a month was not printed, not zero."""
    return in_months(categories, start, end)[["period", "name", "count", "share"]].reset_index(
        drop=True
    )


def units_per_grade(
    evaluations: pd.DataFrame, channel: str, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """Units per grade month by month in a channel's table: period, grade, units."""
    rows = one_row_per_unit(in_months(of_channel(evaluations, channel), start, end))
    return rows.groupby(["period", "grade"]).size().rename("units").reset_index()


@dataclass(frozen=True)
class TrendsView:
    """What the 趋势 page shows."""

    city: pd.DataFrame
    categories: pd.DataFrame
    grades: pd.DataFrame


def trends_view(
    overview: pd.DataFrame,
    categories: pd.DataFrame,
    evaluations: pd.DataFrame,
    channel: str,
    start: str | None,
    end: str | None,
) -> TrendsView:
    return TrendsView(
        city_figures(overview, start, end),
        category_trends(categories, start, end),
        units_per_grade(evaluations, channel, start, end),
    )


def city_table(city: pd.DataFrame, kind: str) -> Table:
    """One row per month, one column per figure of `kind` ('count' or 'rate'), in the order of
    metrics.CITY_FIGURES: counts and rates apart, so each table fits a tablet."""
    part = city[city["kind"] == kind]
    wide = part.pivot(index="period", columns="figure", values="value")
    figures = [f for f in metrics.CITY_FIGURES if f in wide.columns]
    columns = [("period", "月份", None)]
    for figure in figures:
        label = metrics.CITY_FIGURES[figure][0]
        columns.append(
            (figure, *((label, COUNT) if kind == "count" else (f"{label}（%）", "%.2f")))
        )
    return shape(wide.reset_index(), columns)


def categories_table(trend: pd.DataFrame) -> Table:
    return shape(
        trend,
        [
            ("period", "月份", None),
            ("name", "诉求类型", None),
            ("count", "件数", COUNT),
            ("share", "占比（%）", "%.2f"),
        ],
    )


def grades_table(grades: pd.DataFrame) -> Table:
    wide = grades.pivot(index="period", columns="grade", values="units").fillna(0)
    present = [g for g in GRADES if g in wide.columns]
    return shape(
        wide.reset_index(), [("period", "月份", None), *((g, f"{g} 类", COUNT) for g in present)]
    )
