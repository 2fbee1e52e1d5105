"""自助分析: a chart and a pivot table of the user's own choosing over the stored tables.

The user picks a table (SOURCES), one of its measures, how to aggregate it, a dimension and
optionally a second one (the chart's colours, the pivot's columns). Every field is named by
lib.labels, the one field table (an evaluation figure per channel: 回访不满意数 on the hotline,
回访满意数 on the mailbox). The aggregation runs here, on the server: the browser receives one
value per pair of dimension values, however many rows the store holds.

A `Spec` is everything that makes the chart, the sidebar's channel and period included: what a
saved view keeps (as JSON), so its link opens the same chart for everyone.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime

import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import Table, number_format
from lib.analysis.ledger import KINDS
from lib.analysis.rows import in_months
from lib.errors import BadViewName, ViewOutdated
from lib.labels import CHANNELS, field_label, month_label, span_label, time_label
from lib.model import FIGURE, GRADES, GROUPS, NUMBERS
from lib.rules import load_rules


@dataclass(frozen=True)
class Source:
    """A store frame (Store.frame name) and the fields it offers; `per_channel`: its rows
    belong to the hotline or the mailbox, so the sidebar's channel picks them."""

    title: str
    measures: tuple[str, ...]
    dimensions: tuple[str, ...]
    per_channel: bool = False


SOURCES = {
    "evaluations": Source(
        "单位评价表", NUMBERS, ("period", "year", "group", "unit_id", "grade"), per_channel=True
    ),
    "adjustments": Source(
        "加扣分表", ("points",), ("period", "year", "kind", "unit_id", "indicator")
    ),
    "categories": Source("诉求类型", ("count", "share"), ("period", "year", "name")),
    "overview": Source("全市运行情况", tuple(metrics.CITY_FIGURES), ("period", "year")),
}
AGGREGATIONS = {
    "mean": "平均值",
    "median": "中位数",
    "sum": "合计",
    "max": "最大值",
    "min": "最小值",
    "count": "条数",
}
CHARTS = {"bar": "柱状图", "line": "折线图"}
TIME = ("period", "year")
"""Dimensions that run in time: across the chart, in order."""
MAX_POINTS = 2000
"""More values than this are listed in the table but not drawn: no chart reads at that size."""
MAX_NAMES = 50
"""Bars of a dimension other than time lie one per row: the chart holds the first this many
(largest first), the table all of them."""
MAX_NAME = 40
_KIND_OF = {"points": "points", "count": "count", "share": "rate"}
_ADDITIVE = ("count", "points")
"""Kinds whose sum means something; a sum of rates or scores does not."""
_ORDER = {"group": GROUPS, "grade": GRADES, "kind": tuple(KINDS.values())}


def measure_kind(measure: str) -> str:
    """'count', 'rate', 'score' or 'points': how the measure is printed and aggregated."""
    if measure in FIGURE:
        return FIGURE[measure].kind
    if measure in metrics.CITY_FIGURES:
        return metrics.CITY_FIGURES[measure][1]
    return _KIND_OF[measure]


def aggregations(measure: str) -> tuple[str, ...]:
    """The aggregations that mean something for `measure`: no sum of rates or scores."""
    additive = measure_kind(measure) in _ADDITIVE
    return tuple(a for a in AGGREGATIONS if additive or a != "sum")


def places(measure: str, aggregation: str, channel: str) -> int:
    """Decimals of an aggregated value: the bulletin's for a value it could print (a sum, the
    largest…), two at least for an average, none for a count of rows."""
    if aggregation == "count":
        return 0
    rules = load_rules()[channel]
    kind = measure_kind(measure)
    printed = {"rate": rules.rate_decimals, "score": rules.score_decimals, "points": 1}.get(kind, 0)
    return max(printed, 2) if aggregation in ("mean", "median") else printed


@dataclass(frozen=True)
class Spec:
    source: str = "evaluations"
    measure: str = "score"
    aggregation: str = "mean"
    dimension: str = "period"
    split: str | None = None
    chart: str = "line"
    channel: str = "hotline"
    start: str | None = None
    end: str | None = None

    def problems(self) -> list[str]:
        """What does not fit the catalog; [] for a spec that can be drawn."""
        source = SOURCES.get(self.source)
        if source is None:
            return [f"数据表 {self.source}"]
        wrong = [
            (self.measure in source.measures, f"指标 {self.measure}"),
            (self.dimension in source.dimensions, f"维度 {self.dimension}"),
            (self.split in (None, *source.dimensions), f"分色 {self.split}"),
            (self.split != self.dimension, "维度与分色相同"),
            (self.chart in CHARTS, f"图表 {self.chart}"),
            (self.channel in CHANNELS, f"渠道 {self.channel}"),
        ]
        if self.measure in source.measures:
            wrong.append((self.aggregation in aggregations(self.measure), "汇总方式"))
        return [what for fine, what in wrong if not fine]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Spec:
        """The spec a saved view holds; ViewOutdated when it no longer fits the catalog."""
        try:
            raw = json.loads(text)
            known = {f.name for f in fields(cls)}
            spec = cls(**{k: v for k, v in raw.items() if k in known})
        except (ValueError, TypeError, AttributeError) as error:
            raise ViewOutdated(detail="设置无法读取") from error
        if problems := spec.problems():
            raise ViewOutdated(detail="、".join(problems))
        return spec


def view_name(text: str) -> str:
    """A name for a saved view as typed, trimmed; BadViewName when empty, too long or holding
    a control character or line break (it is shown to everyone)."""
    name = text.strip()
    unseen = any(not (c.isprintable() or unicodedata.category(c) == "Zs") for c in name)
    if not name or len(name) > MAX_NAME or unseen:
        raise BadViewName()
    return name


def value_label(spec: Spec) -> str:
    """'综合指标值（平均值）'."""
    return f"{field_label(spec.measure, spec.channel)}（{AGGREGATIONS[spec.aggregation]}）"


def choices(spec: Spec) -> dict[str, str]:
    """The spec in words, for the Excel 筛选条件 sheet and the list of saved views."""
    source = SOURCES[spec.source]
    words = {
        "数据表": source.title,
        "渠道": CHANNELS[spec.channel] if source.per_channel else "不分渠道",
        "期间": span_label([m for m in (spec.start, spec.end) if m]) or "全部",
        "指标": value_label(spec),
        "维度": field_label(spec.dimension),
        "分色": field_label(spec.split) if spec.split else "不分色",
        "图表": CHARTS[spec.chart],
    }
    return words


def describe(spec: Spec) -> str:
    """'单位评价表 · 热线 · 2024年3月 – 2024年5月 · 综合指标值（平均值） · …'."""
    return " · ".join(choices(spec).values())


@dataclass(frozen=True)
class Exploration:
    """What the page shows for a spec. `data`: one row per dimension value (and series
    value), columns x, series (with a split) and value, rounded as shown; `table` the same as
    a pivot; `rows` how many stored rows went into it. The rest tells the chart how to draw:
    `x_order` the dimension values in reading order, `drawn` those the chart holds."""

    data: pd.DataFrame
    table: Table
    rows: int
    x_title: str
    value_title: str
    series_title: str | None
    x_order: list[str]
    series_order: list[str]
    places: int
    time: bool
    stacked: bool

    @property
    def drawn(self) -> list[str]:
        return self.x_order if self.time else self.x_order[:MAX_NAMES]

    @property
    def chart_data(self) -> pd.DataFrame:
        drawn = self.drawn
        return self.data if len(drawn) == len(self.x_order) else self.data[self.data.x.isin(drawn)]

    @property
    def drawable(self) -> bool:
        return 0 < len(self.chart_data) <= MAX_POINTS

    @property
    def side_by_side(self) -> bool:
        """Several series share a dimension value and do not add up: bars stand in a row."""
        if self.series_title is None or self.stacked:
            return False
        return bool(self.data.groupby("x")["series"].size().max() > 1)


def explore_view(frame: pd.DataFrame, spec: Spec) -> Exploration:
    """Aggregate the store frame of `spec.source` as `spec` says (rows of its channel and
    period, those without a value of the measure left out)."""
    source = SOURCES[spec.source]
    rows = frame[frame["channel"] == spec.channel] if source.per_channel else frame
    rows = in_months(rows, spec.start, spec.end)
    rows = rows[rows[spec.measure].notna()]
    keys = [spec.dimension, *([spec.split] if spec.split else [])]
    grouped = rows.groupby(keys, sort=True)[spec.measure].agg(spec.aggregation)
    decimals = places(spec.measure, spec.aggregation, spec.channel)
    data = pd.DataFrame({"x": _labels(grouped.index.get_level_values(0), spec.dimension)})
    if spec.split:
        data["series"] = _labels(grouped.index.get_level_values(1), spec.split)
    data["value"] = _rounded(grouped.to_numpy(dtype="float64", na_value=float("nan")), decimals)
    x_order = _order(rows, spec, spec.dimension)
    series_order = _order(rows, spec, spec.split) if spec.split else []
    x_title, value_title = field_label(spec.dimension), value_label(spec)
    table = _pivot(data, x_order, series_order, x_title, value_title, decimals)
    return Exploration(
        data=data,
        table=table,
        rows=len(rows),
        x_title=x_title,
        value_title=value_title,
        series_title=field_label(spec.split) if spec.split else None,
        x_order=x_order,
        series_order=series_order,
        places=decimals,
        time=spec.dimension in TIME,
        stacked=spec.aggregation in ("sum", "count"),
    )


def _labels(values, column: str) -> pd.Series:
    """Dimension values as shown: 2024年3月, 2024年, 扣分; names as printed."""
    series = pd.Series(values)
    if column == "period":
        return series.map(month_label)
    if column == "year":
        return series.map(lambda year: f"{year}年")
    if column == "kind":
        return series.map(lambda kind: KINDS.get(kind, kind))
    return series.astype(str)


def _order(rows: pd.DataFrame, spec: Spec, column: str) -> list[str]:
    """A dimension's values in reading order: time in time order, groups, grades and kinds in
    the bulletin's, any other by its aggregated value, largest first."""
    if column in TIME:
        return list(_labels(sorted(rows[column].unique()), column))
    present = list(_labels(rows[column].unique(), column))
    if column in _ORDER:
        fixed = [v for v in _ORDER[column] if v in present]
        return fixed + sorted(set(present) - set(fixed))
    totals = rows.groupby(column)[spec.measure].agg(spec.aggregation).astype("float64")
    ranked = totals.sort_values(ascending=False, kind="stable")
    return list(_labels(ranked.index, column))


def _rounded(values, decimals: int) -> pd.Series:
    rounded = pd.Series(values, dtype="float64").round(decimals)
    return rounded.astype("Int64") if decimals == 0 else rounded


def _pivot(
    data: pd.DataFrame,
    x_order: list[str],
    series_order: list[str],
    x_title: str,
    value_title: str,
    decimals: int,
) -> Table:
    """One row per dimension value; one column per series value (a combination without rows
    is empty, not 0), or the one value column without a split."""
    printf = number_format(decimals)
    if "series" not in data:
        wide = data.set_index("x")["value"].reindex(x_order).rename(value_title).to_frame()
        return Table(wide.rename_axis(x_title).reset_index(), {value_title: printf})
    wide = data.pivot(index="x", columns="series", values="value")
    wide = wide.reindex(index=x_order, columns=series_order)
    wide.columns = [str(c) for c in wide.columns]
    table = wide.rename_axis(x_title).reset_index()
    return Table(table, dict.fromkeys(wide.columns, printf))


def saved_table(views: pd.DataFrame) -> pd.DataFrame:
    """The saved views (Store.frame("saved_views")) as listed: 名称, 内容, 保存时间; a view
    whose spec no longer fits says so instead of failing the list."""
    return pd.DataFrame(
        {
            "名称": views["name"].astype(str),
            "内容": [_described(spec) for spec in views["spec"]],
            "保存时间": [time_label(_utc(moment)) for moment in views["saved_at"]],
        }
    )


def _described(text: str) -> str:
    try:
        return describe(Spec.from_json(text))
    except ViewOutdated:
        return "（设置已不适用于本程序）"


def _utc(stored: str) -> datetime:
    """The store keeps naive UTC."""
    return datetime.fromisoformat(str(stored)).replace(tzinfo=UTC)
