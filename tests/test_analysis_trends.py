"""The city over months, on the two real bulletins."""

from __future__ import annotations

import pytest

from lib.analysis.trends import (
    categories_table,
    category_trends,
    city_figures,
    city_table,
    grades_table,
    trends_view,
    units_per_grade,
)
from tests.demo_frames import demo


@pytest.fixture(scope="module")
def frames():
    return demo()


def test_city_figures_month_by_month(frames):
    city = city_figures(frames.overview)

    assert len(city) == 16
    calls = city[city["figure"] == "calls"]
    assert calls["value"].tolist() == [70446, 65452]
    assert set(city.loc[city["kind"] == "rate", "label"]) == {
        "办结率",
        "按期办结率",
        "群众满意率",
        "市长信箱群众满意率",
    }
    counts, rates = city_table(city, "count"), city_table(city, "rate")
    assert counts.frame.iloc[1, :4].tolist() == ["2024年5月", 65452, 48024, 17428]
    assert counts.formats["受理来电"] == "%,d" and "办结率（%）" not in counts.frame
    assert rates.frame.columns.tolist() == [
        "月份",
        "办结率（%）",
        "按期办结率（%）",
        "群众满意率（%）",
        "市长信箱群众满意率（%）",
    ]
    assert rates.formats["办结率（%）"] == "%.2f"


def test_a_period_keeps_only_its_months(frames):
    assert set(city_figures(frames.overview, "2024-04", "2024-05")["period"]) == {"2024-05"}
    assert (
        category_trends(frames.categories, None, "2024-03")["name"].tolist()[0]
        == "人力资源和社会保障类"
    )


def test_categories_keep_count_and_share(frames):
    trend = category_trends(frames.categories)
    may = trend[trend["period"] == "2024-05"].set_index("name")

    assert may.loc["住房与城乡建设类", ["count", "share"]].tolist() == [5774, 12.63]
    assert "环境保护类" not in set(trend.loc[trend["period"] == "2024-03", "name"])
    assert categories_table(trend).frame.iloc[0].tolist() == [
        "2024年3月",
        "人力资源和社会保障类",
        13214,
        27.23,
    ]


def test_units_per_grade_month_by_month(frames):
    grades = units_per_grade(frames.evaluations, "hotline")
    table = grades_table(grades).frame.set_index("月份")

    assert table.loc["2024年3月"].tolist() == [57, 2, 1, 1, 3]
    assert table.loc["2024年5月"].tolist() == [57, 2, 1, 0, 2]


def test_the_trends_view_follows_the_channel(frames):
    view = trends_view(
        frames.overview, frames.categories, frames.evaluations, "mailbox", None, None
    )

    assert set(view.grades["grade"]) == {"A", "B", "C"}
    assert grades_table(view.grades).frame.columns.tolist() == ["月份", "A 类", "B 类", "C 类"]
