"""The city's figures per month, quarter, half or year, each beside the period before (环比) and
the same period a year earlier (同比): the 趋势 page's period summary.

A period's counts (受理来电, 承办工单, 市长信箱来信 …) are the sums of its stored months. The
bulletin prints the city's rates without their numerators, so a period's rate cannot be
recomputed: it is the mean of the monthly rates weighted by the count each is taken over
(`WEIGHTS`), and says so. A period is compared with the previous one of its kind (a month with
the previous month stored, as everywhere) and with the same period a year earlier; a period
missing months names them.
"""

from __future__ import annotations

import pandas as pd

from lib.analysis import metrics
from lib.analysis.display import COUNT, Table, shape
from lib.analysis.periods import rounded
from lib.analysis.spans import before, containing, missing_text, year_before
from lib.rules import load_rules

WEIGHTS = {
    "completion_rate": "work_orders",
    "on_time_rate": "work_orders",
    "satisfaction_rate": "work_orders",
    "mailbox_satisfaction_rate": "mailbox_letters",
}
"""The count each city rate is weighted by over a period (承办工单 for the hotline's rates,
市长信箱来信 for the mailbox's)."""
COLUMNS = ["period", "label", "start", "months", "missing"]
WEIGHTED = "各月比率按{weight}加权的平均（通报未印分子，无法由计数重算）"


def city_periods(overview: pd.DataFrame, kind: str) -> pd.DataFrame:
    """One row per period of `kind` holding a stored month, oldest first: period (key),
    label, months (stored), missing ('缺 …'), and every city figure for the period."""
    starts = overview["period"].map(lambda m: containing(kind, m).start)
    rows = []
    for start, months in overview.groupby(starts, sort=True):
        span = containing(kind, start)
        row = {
            "period": span.key,
            "label": span.label,
            "start": span.start,
            "months": len(months),
            "missing": missing_text(span.missing(months["period"])),
        }
        for figure, (_, figure_kind) in metrics.CITY_FIGURES.items():
            row[figure] = _value(months, figure, figure_kind)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*COLUMNS, *metrics.CITY_FIGURES])


def _value(months: pd.DataFrame, figure: str, kind: str) -> float:
    values = months[figure].astype("float64")
    if kind == "count":
        return values.sum(min_count=1)
    weights = months[WEIGHTS[figure]].astype("float64").where(values.notna())
    if not weights.sum() > 0:
        return float("nan")
    return rounded((values * weights).sum() / weights.sum(), load_rules()["hotline"].rate_decimals)


def city_changes(
    overview: pd.DataFrame, kind: str, figure: str, start: str, end: str
) -> pd.DataFrame:
    """One figure per period of `kind` whose months lie in start–end ('YYYY-MM'): period,
    label, value, previous (the period before: 环比) and its change, year (the same period a
    year earlier: 同比) and its change, months, missing."""
    every = city_periods(overview, kind)
    by_key = every.set_index("period")[figure]
    keys = list(every["period"])
    spans = every["start"].map(lambda m: containing(kind, m))
    previous = [None, *keys][: len(keys)] if kind == "month" else [before(s).key for s in spans]
    year = [year_before(s).key for s in spans]
    out = every.assign(
        value=every[figure],
        previous=by_key.reindex(previous).to_numpy(dtype="float64"),
        year=by_key.reindex(year).to_numpy(dtype="float64"),
    )
    out["previous_change"] = out["value"] - out["previous"]
    out["year_change"] = out["value"] - out["year"]
    keep = (out["start"] >= containing(kind, start).start) & (out["start"] <= end)
    return out[keep].reset_index(drop=True)


def changes_table(changes: pd.DataFrame, figure: str) -> Table:
    """The figure per period beside the period before and a year before, at its precision:
    counts whole, rates to two decimals (changes in percentage points)."""
    label, kind = metrics.CITY_FIGURES[figure]
    value, change = (COUNT, "%+,d") if kind == "count" else ("%.2f", "%+.2f")
    unit = "（%）" if kind == "rate" else ""
    points = "（百分点）" if kind == "rate" else ""
    return shape(
        changes,
        [
            ("label", "期间", None),
            ("value", f"{label}{unit}", value),
            ("previous", f"上期{unit}", value),
            ("previous_change", f"环比{points}", change),
            ("year", f"去年同期{unit}", value),
            ("year_change", f"同比{points}", change),
            ("missing", "缺少的月份", None),
        ],
    )


def weighted_note(figure: str) -> str:
    """How a period's value of `figure` is made, '' for a count."""
    if figure not in WEIGHTS:
        return ""
    return WEIGHTED.format(weight=metrics.CITY_FIGURES[WEIGHTS[figure]][0])
