"""The month at a glance: the city's figures against the previous month, the complaint
categories, grade counts per channel, and the hot issues as the bulletin words them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import COUNT, SAME, Table, shape
from lib.analysis.rows import one_row_per_unit, previous_month
from lib.analysis.spans import year_earlier
from lib.labels import CHANNELS
from lib.model import GRADES

HOT_ISSUES = "热点焦点"
_OPENING = re.compile(rf"^\s*{HOT_ISSUES}\s*[：:。.，,]\s*")


def headline(overview: pd.DataFrame, period: str) -> pd.DataFrame:
    """One row per city figure of the month: figure, label, kind ('count' | 'rate'), value,
    previous (the previous stored month's: 环比) and change, year (the same month a year
    earlier, when stored: 同比) and year_change; NA where a bulletin prints nothing."""
    months = {
        "value": period,
        "previous": previous_month(overview, period),
        "year": year_earlier(period),
    }
    rows = []
    for figure, (label, kind) in metrics.CITY_FIGURES.items():
        values = [_figure(overview, month, figure) for month in months.values()]
        rows.append((figure, label, kind, *values))
    out = pd.DataFrame(rows, columns=["figure", "label", "kind", *months])
    for column in months:
        out[column] = pd.to_numeric(out[column])
    out["change"] = (out["value"] - out["previous"]).round(2)
    out["year_change"] = (out["value"] - out["year"]).round(2)
    return out


def _figure(overview: pd.DataFrame, month: str | None, figure: str):
    found = overview.loc[overview["period"] == month, figure]
    return found.iloc[0] if len(found) else pd.NA


@dataclass(frozen=True)
class FigureText:
    """A city figure as a metric card shows it: '65,452', '99.61%', change '-4,994 件',
    '+0.32 个百分点' or '持平'; `change` is None when there is no previous month to compare
    with."""

    label: str
    kind: str
    value: str
    change: str | None
    year_change: str | None = None


def figure_texts(figures: pd.DataFrame) -> list[FigureText]:
    """The headline's figures (headline()) as text, the printed precision kept; `change` is
    against the previous stored month (环比), `year_change` the same month a year earlier
    (同比), None when the library has no such month."""
    texts = []
    for row in figures.itertuples():
        if pd.isna(row.value):
            value = "未列明"
        else:
            value = f"{int(row.value):,}" if row.kind == "count" else f"{row.value:.2f}%"
        texts.append(
            FigureText(
                row.label,
                row.kind,
                value,
                _change(row.change, row.kind),
                _change(row.year_change, row.kind),
            )
        )
    return texts


def _change(change, kind: str) -> str | None:
    """'-4,994 件', '+0.32 个百分点', 持平; None for no change to show."""
    if pd.isna(change):
        return None
    if round(change, 2) == 0:
        return SAME
    return f"{int(change):+,} 件" if kind == "count" else f"{change:+.2f} 个百分点"


def month_categories(categories: pd.DataFrame, period: str) -> pd.DataFrame:
    """The month's 诉求类型 in printed order: name, count, share."""
    month = categories[categories["period"] == period].sort_values("order", kind="stable")
    return month[["name", "count", "share"]].reset_index(drop=True)


def grade_counts(evaluations: pd.DataFrame, narrative: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per channel: units per grade in the month's table (A…E), units listed, and what the
    narrative adds: units with no orders or letters (zero_units) and its total (units_total)."""
    rows = one_row_per_unit(evaluations[evaluations["period"] == period])
    counts = pd.crosstab(rows["channel"], rows["grade"]).reindex(
        index=list(CHANNELS), columns=list(GRADES), fill_value=0
    )
    counts["listed"] = counts.sum(axis=1)
    told = narrative[narrative["period"] == period].set_index("channel")
    told = told[["zero_units", "units_total"]].reindex(list(CHANNELS))
    return counts.join(told).rename_axis("channel").reset_index()


def hot_issues(sections: pd.DataFrame, period: str) -> list[str]:
    """The month's 热点焦点 texts, as parsed (plain text: never render it as Markdown), without
    the words "热点焦点：" they open with: the page heads them already."""
    month = sections[(sections["period"] == period) & (sections["key"] == HOT_ISSUES)]
    return [_OPENING.sub("", text, count=1) for text in month["text"]]


@dataclass(frozen=True)
class OverviewView:
    """What the 总览 page shows for a month."""

    previous_period: str | None
    figures: pd.DataFrame
    categories: pd.DataFrame
    grades: pd.DataFrame
    hot_issues: list[str]
    year_period: str | None = None


def overview_view(
    overview: pd.DataFrame,
    categories: pd.DataFrame,
    evaluations: pd.DataFrame,
    narrative: pd.DataFrame,
    sections: pd.DataFrame,
    period: str,
) -> OverviewView:
    return OverviewView(
        previous_month(overview, period),
        headline(overview, period),
        month_categories(categories, period),
        grade_counts(evaluations, narrative, period),
        hot_issues(sections, period),
        year if (year := year_earlier(period)) in set(overview["period"]) else None,
    )


FIGURE_UNITS = {"count": ("件", "件", COUNT), "rate": ("%", "百分点", "%.2f")}
"""Per kind of city figure: the unit of its values, of its change, and their precision."""


def figures_table(figures: pd.DataFrame, kind: str) -> Table:
    """The city's counts (`kind` 'count': whole numbers) or rates ('rate': two decimals, the
    change in percentage points) this month, the previous (环比) and — when the library holds
    it — a year before (同比), the unit in each heading."""
    unit, change_unit, printf = FIGURE_UNITS[kind]
    signed = printf.replace("%", "%+", 1)
    columns = [
        ("label", "指标", None),
        ("value", f"本月（{unit}）", printf),
        ("previous", f"上期（{unit}）", printf),
        ("change", f"变化（{change_unit}）", signed),
    ]
    if figures["year"].notna().any():
        columns += [
            ("year", f"去年同期（{unit}）", printf),
            ("year_change", f"同比（{change_unit}）", signed),
        ]
    return shape(figures[figures["kind"] == kind], columns)


def categories_table(month: pd.DataFrame) -> Table:
    return shape(
        month,
        [("name", "诉求类型", None), ("count", "件数", COUNT), ("share", "占比（%）", "%.2f")],
    )


def grades_table(counts: pd.DataFrame) -> Table:
    named = counts.assign(channel=counts["channel"].map(CHANNELS))
    return shape(
        named,
        [
            ("channel", "渠道", None),
            *((g, f"{g} 类", COUNT) for g in GRADES),
            ("listed", "表内单位", COUNT),
            ("zero_units", "量为 0", COUNT),
            ("units_total", "承办单位总数", COUNT),
        ],
    )
