"""The 加扣分 ledger on the two real bulletins: search, totals by unit and by indicator."""

from __future__ import annotations

import pytest

from lib.analysis.ledger import (
    by_indicator_table,
    by_unit_table,
    ledger_view,
    rows_table,
    search_ledger,
    totals_by_indicator,
    totals_by_unit,
)
from tests.demo_frames import demo


@pytest.fixture(scope="module")
def adjustments():
    return demo().adjustments


def test_a_work_order_number_finds_its_deduction(adjustments):
    rows = search_ledger(adjustments, text=" 120836 ")

    assert [(r.period, r.unit, r.points, r.indicator) for r in rows.itertuples()] == [
        ("2024-03", "岳阳楼区", -1.0, "热线办理质量")
    ]


def test_a_unit_is_found_under_its_printed_name_and_its_id(adjustments):
    rows = search_ledger(adjustments, text="经开区")

    assert len(rows) == 6
    assert set(rows["unit"]) == {"经开区", "岳阳经开区"}
    assert set(rows["unit_id"]) == {"岳阳经开区"}


def test_search_is_plain_text_and_filters_by_kind_and_months(adjustments):
    assert search_ledger(adjustments, text="(").empty
    bonuses = search_ledger(adjustments, "2024-05", "2024-05", kind="bonus")
    assert set(bonuses["kind"]) == {"bonus"} and set(bonuses["period"]) == {"2024-05"}
    assert len(search_ledger(adjustments)) == len(adjustments) == 74


def test_totals_by_unit_most_points_lost_first(adjustments):
    totals = totals_by_unit(adjustments).set_index("unit_id")

    assert totals.index[0] == "市国资委"
    assert totals.loc[
        "市国资委", ["items", "deductions", "bonuses", "net", "2024-03", "2024-05"]
    ].tolist() == [2, -12.0, 0.0, -12.0, -6.0, -6.0]
    assert totals.loc["汨罗市", "2024-03"] == pytest.approx(-1 - 2 + 2 + 0.5)
    table = by_unit_table(totals_by_unit(adjustments))
    assert table.frame.columns.tolist() == [
        "部门名称",
        "条数",
        "扣分合计",
        "加分合计",
        "净加扣分",
        "2024年3月",
        "2024年5月",
    ]
    assert table.formats["净加扣分"] == "%+.1f"


def test_totals_by_indicator(adjustments):
    totals = totals_by_indicator(adjustments).set_index(["kind", "indicator"])

    row = totals.loc[("deduction", "热线办理综合考评")]
    assert [row["items"], row["units"], row["points"]] == [10, 9, -42.0]
    assert totals.loc[("bonus", "信息报送"), "points"] == 21.0
    assert by_indicator_table(totals.reset_index()).frame["类别"].tolist()[0] == "扣分"


def test_the_ledger_view_of_a_search(adjustments):
    view = ledger_view(adjustments, None, None, "deduction", "信件编号")

    assert len(view.rows) == 2
    assert view.by_unit["net"].sum() == -2.0
    assert rows_table(view.rows).frame.columns.tolist() == [
        "月份",
        "类别",
        "部门名称",
        "加扣分值",
        "指标名称",
        "明细",
    ]
