"""The chart builders: valid Vega-Lite, the shared theme, Chinese titles and tooltips."""

from __future__ import annotations

import json
import re

import pytest

from lib import charts
from lib.analysis import comparison, grades, ledger, metrics, overview, rankings, trends
from tests.demo_frames import demo
from ui.plots import svg_bytes

LABELS = {m: metrics.label(m, "hotline") for m in metrics.MEASURES}


def built():
    frames = demo()
    e = frames.evaluations
    view = comparison.comparison_view(
        e, "hotline", "2024-03", "2024-05", ["岳阳楼区", "市电信公司"]
    )
    city = trends.city_figures(frames.overview)
    return {
        "categories": charts.categories_bar(
            overview.month_categories(frames.categories, "2024-05")
        ),
        "ranking": charts.ranking_dots(
            rankings.rank_in_group(e, "hotline", "2024-05", "行政事业单位"),
            "综合指标值",
            1,
        ),
        "grade_group": charts.grade_bars(
            grades.by_group(grades.grade_distribution(e, "hotline"))["行政事业单位"], "行政事业单位"
        ),
        "grade_bars": charts.grade_bars(trends.units_per_grade(e, "mailbox")),
        "lines": charts.lines(
            view.history,
            "综合指标值",
            1,
            domain=[view.names[u] for u in ("岳阳楼区", "市电信公司")],
        ),
        "versus": charts.versus_median(view.versus_median, LABELS),
        "city": charts.city_lines(city, "rate"),
        "category_lines": charts.category_lines(trends.category_trends(frames.categories), "share"),
        "ledger": charts.ledger_bars(ledger.search_ledger(frames.adjustments)),
    }


@pytest.fixture(scope="module")
def specs():
    return {name: chart.to_dict() for name, chart in built().items()}


def tooltip_titles(spec: dict) -> set[str]:
    """Every tooltip title anywhere in a spec (layers and facets included)."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            tooltip = node.get("tooltip")
            if isinstance(tooltip, list):
                found.update(t.get("title") or t.get("field") for t in tooltip)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


@pytest.mark.parametrize(
    "name",
    [
        "categories",
        "ranking",
        "grade_group",
        "grade_bars",
        "lines",
        "versus",
        "city",
        "category_lines",
        "ledger",
    ],
)
def test_every_chart_shares_the_theme_and_speaks_chinese(specs, name):
    spec = specs[name]

    assert spec["config"]["font"] == charts.FONT
    assert spec["config"]["legend"]["orient"] == "bottom"
    titles = tooltip_titles(spec)
    assert titles and all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles), titles


def test_grades_have_one_colour_each_everywhere(specs):
    for name in ("ranking", "grade_group", "grade_bars"):
        text = json.dumps(specs[name])
        assert json.dumps(list(charts.GRADE_COLORS.values())) in text


def test_tooltips_keep_the_bulletins_precision(specs):
    ranking = json.dumps(specs["ranking"], ensure_ascii=False)
    assert '"format": ",.1f", "title": "综合指标值"' in ranking


def test_months_read_as_chinese_dates(specs):
    assert specs["lines"]["encoding"]["x"]["axis"]["format"] == "%Y年%-m月"
    band = specs["ledger"]["encoding"]["x"]
    assert band["field"] == "月份" and band["sort"] == ["2024年3月", "2024年5月"]


def test_a_unit_keeps_its_colour_when_a_chart_lacks_it(specs):
    scale = specs["lines"]["encoding"]["color"]["scale"]
    assert scale["domain"] == ["岳阳楼区", "市电信公司"]
    assert scale["range"] == list(charts.SERIES_COLORS[:2])


def test_units_outside_their_ranking_pool_are_hollow_dots(specs):
    fill = specs["ranking"]["encoding"]["fill"]
    assert fill["condition"]["test"] == "datum.outside" and fill["condition"]["value"] == "white"
    assert "排名范围" in tooltip_titles(specs["ranking"])


def test_the_svg_download_renders_the_chart_with_its_chinese_text():
    chart = built()["lines"]

    svg = svg_bytes(chart).decode()

    assert svg.startswith("<svg") and "岳阳楼区" in svg and "综合指标值" in svg
    root_width = float(re.search(r'width="([\d.]+)"', svg).group(1))
    assert root_width >= 900
