"""Every chart of the app, as Altair specs sharing one theme: Chinese labels and tooltips, a
font with Chinese glyphs, one colour per grade, months on the axis as 2024年3月.

Builders take the frames of lib.analysis and return a chart; the pages only place them.
Numbers in tooltips keep the bulletin's precision (`places`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import altair as alt
import pandas as pd

from lib.analysis.rows import calendar
from lib.labels import month_label
from lib.model import GRADES

if TYPE_CHECKING:
    from lib.analysis.explore import Exploration

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
GRADE_COLORS = {"A": "#2e7d32", "B": "#1f77b4", "C": "#f2a900", "D": "#e8590c", "E": "#b3261e"}
KIND_COLORS = {"扣分": "#b3261e", "加分": "#2e7d32"}
MONTH_FORMAT = "%Y年%-m月"
SERIES_COLORS = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
"""Tableau 10: distinct hues for units and series (Streamlit's default pairs a blue with a pale
blue). A unit keeps its colour across a page's charts when they are given the same `domain`."""
ROW_HEIGHT = 28
"""Pixels per named row (a category, a unit) in the horizontal charts."""
LABEL_LIMIT = 240
POINTS_UP_TO = 24
"""Lines over more months than this are drawn without a dot per month."""
LEGEND_PX = 480
"""The width a legend below a chart may take: a chart beside another on a tablet has no more."""
GAPS = "break-paths-show-domains"
"""A line stops at a month with no value instead of bridging it (Vega-Lite's invalid mode)."""


def legend_columns(labels) -> int:
    """Legend entries per row so that the widest label fits LEGEND_PX: a legend wraps, it is
    never cut. Chinese characters are about 12 px at the legend's size, the symbol 30."""
    labels = [str(label) for label in labels]
    if not labels:
        return 1
    widest = 12 * max(map(len, labels)) + 30
    return max(1, min(len(labels), LEGEND_PX // widest))


def themed(chart: alt.TopLevelMixin, legend: int = 5) -> alt.TopLevelMixin:
    """The shared look: the font everywhere, quiet axes, legend below in `legend` columns."""
    return (
        chart.configure(font=FONT)
        .configure_axis(
            labelFontSize=12, titleFontSize=12, labelFont=FONT, titleFont=FONT, gridOpacity=0.5
        )
        .configure_legend(
            orient="bottom",
            columns=legend,
            labelFont=FONT,
            titleFont=FONT,
            labelFontSize=12,
            titleFontSize=12,
            labelLimit=260,
        )
        .configure_header(labelFont=FONT, titleFont=FONT, labelFontSize=13)
        .configure_view(stroke=None)
    )


def _months(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `month` (first day, for a time axis) and `月份` (2024年3月, for tooltips)."""
    return frame.assign(
        month=pd.to_datetime(frame["period"] + "-01"), 月份=frame["period"].map(month_label)
    )


def _month_axis(frame: pd.DataFrame) -> alt.X:
    """A time axis with one tick per month, or per few months when there are many."""
    months = frame["period"].nunique()
    step = max(1, math.ceil(months / 12))
    return alt.X(
        "month:T",
        title=None,
        axis=alt.Axis(
            format=MONTH_FORMAT, tickCount={"interval": "month", "step": step}, labelAngle=0
        ),
    )


def _month_band(frame: pd.DataFrame) -> alt.X:
    """Months as bands (for bars), in time order; labels thinned when they would overlap."""
    labels = [month_label(p) for p in sorted(frame["period"].unique())]
    return alt.X(
        "月份:O",
        title=None,
        sort=labels,
        axis=alt.Axis(labelAngle=0 if len(labels) <= 6 else -45, labelOverlap="greedy"),
    )


def _names_axis(field: str, sort) -> alt.Y:
    """Names down the side, one row of ROW_HEIGHT each, every one shown in full: Streamlit's
    theme would otherwise drop every other label where they come close (labelOverlap)."""
    return alt.Y(
        field, title=None, sort=sort, axis=alt.Axis(labelOverlap=False, labelLimit=LABEL_LIMIT)
    )


def _grade_color(title: str = "等级") -> alt.Color:
    return alt.Color(
        "grade:N",
        title=title,
        sort=list(GRADES),
        scale=alt.Scale(domain=list(GRADES), range=list(GRADE_COLORS.values())),
    )


def _series_color(field: str, title: str, domain: list[str] | None) -> alt.Color:
    scale = (
        alt.Scale(range=list(SERIES_COLORS))
        if domain is None
        else alt.Scale(
            domain=domain, range=[SERIES_COLORS[n % len(SERIES_COLORS)] for n in range(len(domain))]
        )
    )
    return alt.Color(f"{field}:N", title=title, scale=scale, sort=domain)


def _number(places: int) -> str:
    return f",.{places}f"


def categories_bar(month: pd.DataFrame) -> alt.TopLevelMixin:
    """The month's 诉求类型 (overview.month_categories): a bar per category, most first."""
    bars = (
        alt.Chart(month)
        .mark_bar(color="#8c6d46")
        .encode(
            x=alt.X("count:Q", title="件数"),
            y=_names_axis("name:N", "-x"),
            tooltip=[
                alt.Tooltip("name:N", title="诉求类型"),
                alt.Tooltip("count:Q", title="件数", format=","),
                alt.Tooltip("share:Q", title="占比（%）", format=".2f"),
            ],
        )
    )
    return themed(bars.properties(height=alt.Step(ROW_HEIGHT)))


def ranking_dots(ranking: pd.DataFrame, label: str, places: int) -> alt.TopLevelMixin:
    """A ranking (rankings.rank_in_group) as dots on the measure, in its order; a unit outside
    its ranking pool is a hollow dot. Dots are coloured by grade, except over a period, whose
    'grade' is the mix of its months' grades (lib.analysis.periods): one colour then."""
    data = ranking.assign(place=ranking["rank"].astype("float64"), outside=~ranking["in_pool"])
    order = list(dict.fromkeys(data["unit"]))
    graded = data["grade"].isin(list(GRADES)).all()
    colour = _grade_color() if graded else alt.value(SERIES_COLORS[0])
    dots = (
        alt.Chart(data)
        .mark_point(size=90, strokeWidth=2, fillOpacity=1)
        .encode(
            x=alt.X("value:Q", title=label, scale=alt.Scale(zero=False, nice=True)),
            y=_names_axis("unit:N", order),
            color=colour,
            fill=alt.condition("datum.outside", alt.value("white"), colour, legend=None),
            tooltip=[
                alt.Tooltip("place:Q", title="名次", format="d"),
                alt.Tooltip("unit:N", title="部门名称"),
                alt.Tooltip("value:Q", title=label, format=_number(places)),
                alt.Tooltip("grade:N", title="等级"),
                alt.Tooltip("due:Q", title="应办理数", format=","),
                alt.Tooltip("pool:N", title="排名范围"),
            ],
        )
    )
    return themed(dots.properties(height=alt.Step(ROW_HEIGHT)))


def grade_bars(per_month: pd.DataFrame, title: str | None = None) -> alt.TopLevelMixin:
    """Units per grade month by month, stacked (trends.units_per_grade, or one group's part of
    grades.grade_distribution, then titled with the group)."""
    data = _months(per_month)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=_month_band(data),
            y=alt.Y("units:Q", title="单位数"),
            color=_grade_color(),
            order=alt.Order("grade:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("月份:N"),
                alt.Tooltip("grade:N", title="等级"),
                alt.Tooltip("units:Q", title="单位数"),
            ],
        )
    )
    return themed(bars.properties(height=300, title=title or ""))


def lines(
    history: pd.DataFrame,
    label: str,
    places: int,
    series: str = "name",
    series_title: str = "单位",
    domain: list[str] | None = None,
) -> alt.TopLevelMixin:
    """Values over months, one line per `series` (comparison.measure_history, or any frame
    with period, value and the series column); `domain` fixes the series' colours. A month
    the library lacks, or a series' table does not list, is a gap in its line."""
    data = _months(_gapped(history, series))
    tooltip = [
        alt.Tooltip("月份:N"),
        alt.Tooltip(f"{series}:N", title=series_title),
        alt.Tooltip("value:Q", title=label, format=_number(places)),
    ]
    if "grade" in data.columns:
        tooltip.append(alt.Tooltip("grade:N", title="等级"))
    chart = (
        alt.Chart(data)
        .mark_line(point=data["period"].nunique() <= POINTS_UP_TO, invalid=GAPS)
        .encode(
            x=_month_axis(data),
            y=alt.Y("value:Q", title=label, scale=alt.Scale(zero=False, nice=True)),
            color=_series_color(series, series_title, domain),
            tooltip=tooltip,
        )
    )
    return themed(chart.properties(height=300), legend_columns(data[series].unique()))


def _gapped(history: pd.DataFrame, series: str) -> pd.DataFrame:
    """`history` with a row, value NaN, for every calendar month and series it lacks."""
    if history.empty:
        return history
    months = calendar(history["period"].min(), history["period"].max())
    full = pd.MultiIndex.from_product([history[series].unique(), months], names=[series, "period"])
    keyed = history.drop_duplicates([series, "period"]).set_index([series, "period"])
    return keyed.reindex(full).reset_index()


def versus_median(
    long: pd.DataFrame, labels: dict[str, str], domain: list[str] | None = None
) -> alt.TopLevelMixin:
    """How far each unit is ahead of its group's median (comparison.versus_group_median), per
    measure: above zero is better, whichever way the measure runs. `labels` name the
    measures; `domain` fixes the units' colours (by name)."""
    gap = long["difference"].abs()
    data = long.assign(lead=gap.where(long["ahead"], -gap), 指标=long["measure"].map(labels))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "指标:N",
                title=None,
                sort=list(dict.fromkeys(data["指标"])),
                axis=alt.Axis(labelAngle=0),
            ),
            xOffset=alt.XOffset("unit:N", sort=list(dict.fromkeys(data["unit"]))),
            y=alt.Y("lead:Q", title="优于组中位数（百分点 / 分）"),
            color=_series_color("unit", "单位", domain or list(dict.fromkeys(data["unit"]))),
            tooltip=[
                alt.Tooltip("unit:N", title="单位"),
                alt.Tooltip("group:N", title="分组"),
                alt.Tooltip("指标:N"),
                alt.Tooltip("value:Q", title="本单位", format=".2f"),
                alt.Tooltip("median:Q", title="组中位数", format=".2f"),
                alt.Tooltip("difference:Q", title="差值", format="+.2f"),
            ],
        )
    )
    rule = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#666").encode(y="zero:Q")
    return themed((bars + rule).properties(height=300), legend_columns(data["unit"].unique()))


def city_lines(city: pd.DataFrame, kind: str) -> alt.TopLevelMixin:
    """The city's counts (kind 'count') or rates ('rate') over months (trends.city_figures)."""
    part = city[city["kind"] == kind]
    title = "件数" if kind == "count" else "比率（%）"
    return lines(part, title, 0 if kind == "count" else 2, series="label", series_title="指标")


def category_lines(trend: pd.DataFrame, measure: str) -> alt.TopLevelMixin:
    """诉求类型 over months (trends.category_trends): 'count' or 'share'."""
    title, places = ("件数", 0) if measure == "count" else ("占比（%）", 2)
    data = trend.assign(value=trend[measure].astype("float64"))
    return lines(data, title, places, series="name", series_title="诉求类型")


def ledger_bars(rows: pd.DataFrame) -> alt.TopLevelMixin:
    """Points deducted and added per month (ledger.search_ledger rows), deductions below zero.

    Summed here, not by Vega-Lite: its stack of `sum(points)` over signed values set the scale
    by the rows, not the sums, and cut the taller bars."""
    sums = rows.groupby(["period", "kind"], as_index=False).agg(
        points=("points", "sum"), items=("points", "size")
    )
    data = _months(sums.assign(类别=sums["kind"].map({"deduction": "扣分", "bonus": "加分"})))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=_month_band(data),
            y=alt.Y("points:Q", title="分值", stack="zero"),
            color=alt.Color(
                "类别:N",
                title="类别",
                scale=alt.Scale(domain=list(KIND_COLORS), range=list(KIND_COLORS.values())),
            ),
            tooltip=[
                alt.Tooltip("月份:N"),
                alt.Tooltip("类别:N"),
                alt.Tooltip("points:Q", title="分值合计", format="+.1f"),
                alt.Tooltip("items:Q", title="条数"),
            ],
        )
    )
    return themed(bars.properties(height=240))


def explored(view: Exploration, chart: str) -> alt.TopLevelMixin:
    """A 自助分析 chart (explore.explore_view): the value per dimension value as bars or a
    line, one colour per series when split. Time runs across; bars over any other dimension
    lie down the side, one named row each (`view.drawn`). Sums and counts stack; averages and
    extremes stand side by side, as adding them would mean nothing."""
    split = view.series_title is not None
    tooltip = [alt.Tooltip("x:N", title=view.x_title)]
    if split:
        tooltip.append(alt.Tooltip("series:N", title=view.series_title))
    tooltip.append(alt.Tooltip("value:Q", title=view.value_title, format=_number(view.places)))
    color = (
        _series_color("series", view.series_title, view.series_order)
        if split
        else alt.value(SERIES_COLORS[0])
    )
    value = {"field": "value", "type": "quantitative", "title": view.value_title}
    base = alt.Chart(view.chart_data).encode(color=color, tooltip=tooltip)
    if chart == "line":
        line = base.mark_line(point=len(view.drawn) <= POINTS_UP_TO).encode(
            x=_bands(view), y=alt.Y(**value, scale=alt.Scale(zero=False, nice=True))
        )
        return themed(line.properties(height=320))
    stack = "zero" if view.stacked else None
    beside = {"sort": view.series_order} if view.side_by_side else None
    if view.time:
        bars = base.mark_bar().encode(x=_bands(view), y=alt.Y(**value, stack=stack))
        bars = bars.encode(xOffset=alt.XOffset("series:N", **beside)) if beside else bars
        return themed(bars.properties(height=320))
    bars = base.mark_bar().encode(y=_names_axis("x:N", view.drawn), x=alt.X(**value, stack=stack))
    bars = bars.encode(yOffset=alt.YOffset("series:N", **beside)) if beside else bars
    return themed(bars.properties(height=alt.Step(ROW_HEIGHT)))


def _bands(view: Exploration) -> alt.X:
    """The dimension across, in the view's order; labels slanted and thinned when many."""
    many = len(view.drawn) > 6
    return alt.X(
        "x:N",
        title=None if view.time else view.x_title,
        sort=view.drawn,
        axis=alt.Axis(labelAngle=-45 if many else 0, labelOverlap="greedy"),
    )
