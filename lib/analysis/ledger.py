"""The 加扣分 ledger (附件3 扣分表, 附件4 加分表) across months: the rows, found by any word
of their details (a work-order or letter number), and totals by unit and by indicator.

Deductions are negative points and bonuses positive, as printed; the net is their sum.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis.display import COUNT, Table, shape
from lib.analysis.rows import in_months, latest_names
from lib.labels import month_label

KINDS = {"deduction": "扣分", "bonus": "加分"}
_POINTS = "%+.1f"
"""Points as printed, signed: -1.0, +1.5."""
_SUM = "%.1f"
"""A sum of one kind of points, whose sign its heading says."""


def search_ledger(
    adjustments: pd.DataFrame,
    start: str | None = None,
    end: str | None = None,
    kind: str | None = None,
    text: str = "",
) -> pd.DataFrame:
    """The rows of months start–end, of one kind when given, whose unit, unit id, indicator
    or details contain `text` (plain text, case ignored: '120836' finds 热线编号：120836)."""
    rows = in_months(adjustments, start, end)
    if kind is not None:
        rows = rows[rows["kind"] == kind]
    text = text.strip()
    if text:
        haystack = (
            rows["unit"] + "\n" + rows["unit_id"] + "\n" + rows["indicator"] + "\n" + rows["detail"]
        )
        rows = rows[haystack.str.contains(text, case=False, regex=False)]
    return rows.reset_index(drop=True)


def totals_by_unit(rows: pd.DataFrame) -> pd.DataFrame:
    """Per unit: unit_id, unit (latest printed name), items, deductions, bonuses, net, and one
    column of net points per month ('YYYY-MM'); most points lost first."""
    names = latest_names(rows)
    signed = rows.assign(
        deductions=rows["points"].where(rows["kind"] == "deduction", 0.0),
        bonuses=rows["points"].where(rows["kind"] == "bonus", 0.0),
    )
    totals = signed.groupby("unit_id").agg(
        items=("points", "size"),
        deductions=("deductions", "sum"),
        bonuses=("bonuses", "sum"),
        net=("points", "sum"),
    )
    by_month = rows.pivot_table(index="unit_id", columns="period", values="points", aggfunc="sum")
    out = totals.join(by_month).reset_index()
    out.insert(1, "unit", out["unit_id"].map(names))
    return out.sort_values(["net", "unit_id"], kind="stable").reset_index(drop=True)


def totals_by_indicator(rows: pd.DataFrame) -> pd.DataFrame:
    """Per kind and indicator (指标名称): items, units, points, and points per month."""
    totals = rows.groupby(["kind", "indicator"]).agg(
        items=("points", "size"), units=("unit_id", "nunique"), points=("points", "sum")
    )
    by_month = rows.pivot_table(
        index=["kind", "indicator"], columns="period", values="points", aggfunc="sum"
    )
    out = totals.join(by_month).reset_index()
    return out.sort_values(["kind", "points"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


@dataclass(frozen=True)
class LedgerView:
    """What the 加扣分 page shows."""

    rows: pd.DataFrame
    by_unit: pd.DataFrame
    by_indicator: pd.DataFrame


def ledger_view(
    adjustments: pd.DataFrame,
    start: str | None,
    end: str | None,
    kind: str | None = None,
    text: str = "",
) -> LedgerView:
    rows = search_ledger(adjustments, start, end, kind, text)
    return LedgerView(rows, totals_by_unit(rows), totals_by_indicator(rows))


def _months(frame: pd.DataFrame) -> list[tuple[str, str, str]]:
    """The per-month columns ('YYYY-MM') of a totals frame, headed 2024年3月."""
    return [(c, month_label(c), _POINTS) for c in frame.columns if _is_month(c)]


def _is_month(column: object) -> bool:
    return isinstance(column, str) and len(column) == 7 and column[4] == "-"


def rows_table(rows: pd.DataFrame) -> Table:
    named = rows.assign(kind=rows["kind"].map(KINDS))
    return shape(
        named,
        [
            ("period", "月份", None),
            ("kind", "类别", None),
            ("unit", "部门名称", None),
            ("points", "加扣分值", _POINTS),
            ("indicator", "指标名称", None),
            ("detail", "明细", None),
        ],
    )


def by_unit_table(totals: pd.DataFrame) -> Table:
    return shape(
        totals,
        [
            ("unit", "部门名称", None),
            ("items", "条数", COUNT),
            ("deductions", "扣分合计", _SUM),
            ("bonuses", "加分合计", _SUM),
            ("net", "净加扣分", _POINTS),
            *_months(totals),
        ],
    )


def by_indicator_table(totals: pd.DataFrame) -> Table:
    named = totals.assign(kind=totals["kind"].map(KINDS))
    return shape(
        named,
        [
            ("kind", "类别", None),
            ("indicator", "指标名称", None),
            ("items", "条数", COUNT),
            ("units", "单位数", COUNT),
            ("points", "分值合计", _POINTS),
            *_months(totals),
        ],
    )
