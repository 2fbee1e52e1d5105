"""自助分析 on the two real bulletins: what the user picks is aggregated exactly, named in the
bulletin's words, and a saved spec comes back whole or not at all. Expected values are
computed from the answer keys (tests/fixtures/*.truth.json), not from the store."""

from __future__ import annotations

import json
import unicodedata
from itertools import product
from statistics import mean

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib import charts
from lib.analysis.explore import (
    MAX_NAMES,
    SOURCES,
    Spec,
    aggregations,
    choices,
    explore_view,
    saved_table,
    value_label,
    view_name,
)
from lib.errors import BadViewName, ViewOutdated
from tests.apptest import FIXTURES
from tests.demo_frames import demo

TRUTH = {
    month: json.loads((FIXTURES / f"{month}.truth.json").read_text(encoding="utf-8"))
    for month in ("2024-03", "2024-05")
}


def frame_of(source: str) -> pd.DataFrame:
    return getattr(demo(), source)


def explored(**choices):
    spec = Spec(**choices)
    return explore_view(frame_of(spec.source), spec)


def truth_rows(channel: str, month: str) -> list[dict]:
    return [e for e in TRUTH[month]["evaluations"] if e["channel"] == channel]


def test_the_average_score_per_group_is_the_answer_keys():
    view = explored(dimension="group", chart="bar", start="2024-03", end="2024-03")

    expected = [
        [
            group,
            round(
                mean(e["score"] for e in truth_rows("hotline", "2024-03") if e["group"] == group), 2
            ),
        ]
        for group in ("县市区", "行政事业单位", "公共服务企业")
    ]
    assert view.table.frame.values.tolist() == expected
    assert list(view.table.frame.columns) == ["分组", "综合指标值（平均值）"]
    assert view.rows == len(truth_rows("hotline", "2024-03"))


def test_counting_rows_per_grade_gives_the_bulletins_grade_counts():
    view = explored(
        measure="score", aggregation="count", dimension="grade", start="2024-03", end="2024-03"
    )

    counts = dict(view.table.frame.values.tolist())
    grades = TRUTH["2024-03"]["hotline_grades"]
    assert (counts["A"], counts["B"], counts["C"]) == (grades["A"], grades["B"], grades["C"])
    assert counts.get("D", 0) + counts.get("E", 0) == grades["D_or_below"]


def test_points_summed_by_kind_and_month_are_the_answer_keys_totals():
    view = explored(
        source="adjustments",
        measure="points",
        aggregation="sum",
        dimension="kind",
        split="period",
        chart="bar",
    )

    table = view.table.frame
    assert list(table.columns) == ["类别", "2024年3月", "2024年5月"]
    assert table["类别"].tolist() == ["扣分", "加分"]
    for month, column in (("2024-03", "2024年3月"), ("2024-05", "2024年5月")):
        rows = TRUTH[month]["adjustments"]
        deducted = sum(a["points"] for a in rows if a["kind"] == "deduction")
        added = sum(a["points"] for a in rows if a["kind"] == "bonus")
        assert table[column].tolist() == [round(deducted, 1), round(added, 1)]
    assert view.stacked and not view.side_by_side


def test_the_mailbox_names_its_figures_as_the_mailbox_table_does():
    spec = Spec(measure="visited", aggregation="sum", channel="mailbox", dimension="group")
    view = explore_view(frame_of("evaluations"), spec)

    assert value_label(spec) == "回访满意数（合计）"
    may = {
        group: sum(e["visited"] for e in truth_rows("mailbox", "2024-05") if e["group"] == group)
        for group in ("县市区", "行政事业单位", "公共服务企业")
    }
    march = {
        group: sum(e["visited"] for e in truth_rows("mailbox", "2024-03") if e["group"] == group)
        for group in may
    }
    assert dict(view.table.frame.values.tolist()) == {g: may[g] + march[g] for g in may}
    assert choices(spec)["渠道"] == "市长信箱"


def test_city_figures_by_month_are_the_overview_as_printed():
    view = explored(source="overview", measure="calls", aggregation="sum", dimension="period")

    assert view.table.frame.values.tolist() == [
        ["2024年3月", TRUTH["2024-03"]["overview"]["calls"]],
        ["2024年5月", TRUTH["2024-05"]["overview"]["calls"]],
    ]
    assert view.table.formats == {"受理来电（合计）": "%,d"}


def test_a_combination_without_rows_stays_empty_not_zero():
    view = explored(
        source="adjustments", measure="points", aggregation="sum", dimension="unit_id", split="kind"
    )

    table = view.table.frame.set_index("统一单位名")
    assert table.loc["岳阳楼区"].notna().all()
    assert table.isna().any().any()
    assert (table.fillna(1) != 0).all().all()


def test_a_sum_of_rates_or_scores_is_never_offered():
    assert "sum" not in aggregations("score")
    assert "sum" not in aggregations("completion_rate")
    assert "sum" not in aggregations("share")
    assert "sum" in aggregations("due")
    assert "sum" in aggregations("points")
    assert Spec(measure="score", aggregation="sum").problems() == ["汇总方式"]


def test_every_measure_dimension_and_aggregation_gives_a_full_table():
    for name, source in SOURCES.items():
        for measure, dimension in product(source.measures, source.dimensions):
            for aggregation in aggregations(measure):
                spec = Spec(name, measure, aggregation, dimension)
                assert spec.problems() == []
                view = explore_view(frame_of(name), spec)
                assert len(view.table.frame) == len(view.x_order) > 0, spec
                assert view.table.frame.columns[0] == view.x_title


def every_layout():
    for name, source in SOURCES.items():
        for dimension, split in product(source.dimensions, (None, *source.dimensions)):
            for chart, aggregation in (("bar", "mean"), ("bar", "count"), ("line", "mean")):
                if split != dimension:
                    yield Spec(name, source.measures[0], aggregation, dimension, split, chart)


@pytest.mark.parametrize("spec", list(every_layout()), ids=str)
def test_every_layout_draws_a_valid_chart(spec):
    view = explore_view(frame_of(spec.source), spec)

    assert view.drawable
    chart = charts.explored(view, spec.chart).to_dict()
    assert chart["encoding"]["tooltip"][-1]["title"] == view.value_title


def test_many_names_are_all_in_the_table_and_the_largest_in_the_chart():
    view = explored(measure="due", aggregation="sum", dimension="unit_id", chart="bar")

    assert len(view.x_order) > MAX_NAMES
    assert view.drawn == view.x_order[:MAX_NAMES]
    assert set(view.chart_data["x"]) == set(view.drawn)
    sums = view.table.frame["应办理数（合计）"]
    assert sums.is_monotonic_decreasing
    assert len(view.table.frame) == len(view.x_order)


def test_a_spec_survives_its_json():
    spec = Spec("categories", "share", "median", "name", "period", "bar", "mailbox", "2024-03")

    assert Spec.from_json(spec.to_json()) == spec


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ('{"measure": "no_such"}', "指标 no_such"),
        ('{"source": "units"}', "数据表 units"),
        ('{"dimension": "group", "split": "group"}', "维度与分色相同"),
        ('{"chart": "pie", "channel": "fax"}', "图表 pie、渠道 fax"),
        ("[1, 2]", "设置无法读取"),
        ("not json", "设置无法读取"),
    ],
)
def test_an_outdated_spec_says_what_no_longer_fits(text, detail):
    with pytest.raises(ViewOutdated) as raised:
        Spec.from_json(text)
    assert raised.value.message.endswith(f"（{detail}）")


def test_a_saved_list_shows_an_outdated_view_without_failing():
    views = pd.DataFrame(
        {
            "id": [1, 2],
            "name": ["得分", "旧视图"],
            "spec": [Spec().to_json(), '{"measure": "gone"}'],
            "saved_at": ["2024-06-01 08:00:00", "2024-06-02 08:00:00.500000"],
        }
    )

    table = saved_table(views)

    assert table["名称"].tolist() == ["得分", "旧视图"]
    assert table["内容"].tolist() == [
        "单位评价表 · 热线 · 全部 · 综合指标值（平均值） · 月份 · 不分色 · 折线图",
        "（设置已不适用于本程序）",
    ]
    assert all(len(t) == len("2024-06-01 08:00") for t in table["保存时间"])


def shows_plainly(text: str) -> bool:
    """Every character printable or a space of some width: no control character, no break."""
    return all(c.isprintable() or unicodedata.category(c) == "Zs" for c in text)


@given(st.text(max_size=60))
def test_a_view_name_is_trimmed_text_or_refused(text):
    try:
        name = view_name(text)
    except BadViewName:
        stripped = text.strip()
        assert not stripped or len(stripped) > 40 or not shows_plainly(stripped)
        return
    assert name == text.strip()
    assert 1 <= len(name) <= 40
    assert shows_plainly(name)


@pytest.mark.parametrize("text", ["", "   ", "第一行\n第二行", "x" * 41, "名\u2028称", "名\x00称"])
def test_a_bad_view_name_is_refused_in_chinese(text):
    with pytest.raises(BadViewName, match="视图名称须为 1–40 个字"):
        view_name(text)
