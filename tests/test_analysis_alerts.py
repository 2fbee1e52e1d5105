"""Alerts: runs of falling scores, first falls below A, rates beyond limits."""

from __future__ import annotations

import pytest

from lib.analysis.alerts import (
    alerts_view,
    beyond_limits_table,
    declines_table,
    first_falls_below_a,
    first_falls_table,
    rates_beyond_limits,
    score_declines,
)
from lib.rules import load_rules
from tests.demo_frames import demo, made_evaluations


@pytest.fixture(scope="module")
def evaluations():
    return demo().evaluations


@pytest.fixture
def history():
    """Four months: 甲 falls three times, 乙 falls then rises, 丙 misses May, 丁 is new."""
    return made_evaluations(
        [
            ("2024-01", "甲", 97.0, "A"),
            ("2024-01", "乙", 95.0, "A"),
            ("2024-01", "丙", 96.0, "A"),
            ("2024-02", "甲", 96.5, "A"),
            ("2024-02", "乙", 94.0, "A"),
            ("2024-02", "丙", 95.0, "A"),
            ("2024-03", "甲", 92.0, "A"),
            ("2024-03", "乙", 96.0, "A"),
            ("2024-05", "甲", 88.0, "B"),
            ("2024-05", "乙", 95.5, "A"),
            ("2024-05", "丙", 89.0, "B"),
            ("2024-05", "丁", 80.0, "C"),
        ]
    )


def test_two_or_more_declines_in_a_row_up_to_the_month(history):
    declines = score_declines(history, "hotline", "2024-05")

    assert [(r.unit, r.declines, r.scores, r.drop) for r in declines.itertuples()] == [
        ("甲", 3, "97.0 → 96.5 → 92.0 → 88.0", -9.0),
        ("丙", 2, "96.0 → 95.0 → 89.0", -7.0),
    ]
    assert score_declines(history, "hotline", "2024-05", min_run=3)["unit"].tolist() == ["甲"]
    assert score_declines(history, "hotline", "2024-03")["unit"].tolist() == ["甲"]


def test_a_rise_breaks_the_run(history):
    single = score_declines(history, "hotline", "2024-05", min_run=1).set_index("unit")

    assert single.loc["乙", ["declines", "scores"]].tolist() == [1, "96.0 → 95.5"]


def test_first_fall_below_a_needs_an_all_a_past(history):
    falls = first_falls_below_a(history, "hotline", "2024-05")

    assert [(r.unit, r.grade, r.previous_period, r.previous_score) for r in falls.itertuples()] == [
        ("甲", "B", "2024-03", 92.0),
        ("丙", "B", "2024-02", 95.0),
    ]


def test_may_hotline_units_that_fell_below_a_for_the_first_time(evaluations):
    falls = first_falls_below_a(evaluations, "hotline", "2024-05")

    assert [(r.unit, r.grade, r.previous_score) for r in falls.itertuples()] == [
        ("市国防动员办公室", "E", 100.0),
        ("市民政局", "B", 92.5),
        ("市生态环境局", "B", 95.7),
    ]
    assert first_falls_below_a(evaluations, "mailbox", "2024-05")["unit"].tolist() == ["市工信局"]
    table = first_falls_table(falls, "hotline")
    assert table.frame["上次列入"].tolist() == ["2024年3月"] * 3


def test_rates_beyond_their_limits_worst_first(evaluations):
    limits = load_rules()["hotline"].alert_limits
    beyond = rates_beyond_limits(evaluations, "hotline", "2024-05", limits)

    completion = beyond[beyond["measure"] == "completion_rate"]
    assert completion[["unit", "value"]].values.tolist()[:2] == [
        ["国网岳阳供电公司", 95.17],
        ["市电信公司", 97.32],
    ]
    pools = {"县市区": 0, "行政事业单位": 50, "公共服务企业": 100}
    assert (beyond["due"] >= beyond["group"].map(pools)).all()
    assert (beyond["measure"] != "visited_rate").all()
    everyone = rates_beyond_limits(evaluations, "hotline", "2024-05", limits, pool_only=False)
    dissatisfied = everyone[everyone["measure"] == "visited_rate"]
    assert dissatisfied[["unit", "due", "value"]].values.tolist() == [
        ["岳阳监狱", 2, 50.0],
        ["市国防动员办公室", 4, 33.33],
        ["市国资委", 17, 29.41],
    ]
    table = beyond_limits_table(everyone, "hotline")
    assert set(table.frame["规则"]) == {"低于", "高于"}
    assert table.frame.iloc[0][["本期值（%）", "阈值（%）"]].tolist() == [95.17, 99.0]


def test_mailbox_satisfaction_is_a_floor(evaluations):
    beyond = rates_beyond_limits(evaluations, "mailbox", "2024-05", {"visited_rate": 80.0})

    assert beyond[["unit", "value"]].values.tolist() == [
        ["市税务局", 70.0],
        ["市工信局", 72.22],
        ["市卫健委", 72.73],
        ["市公交集团公司", 78.57],
    ]


def test_two_months_can_show_one_decline_but_not_two(evaluations):
    view = alerts_view(evaluations, "hotline", "2024-05", load_rules()["hotline"].alert_limits)

    assert view.declines.empty
    one = score_declines(evaluations, "hotline", "2024-05", min_run=1)
    assert one.iloc[0][["unit", "scores"]].tolist() == ["市国防动员办公室", "100.0 → 58.3"]
    assert declines_table(one, "hotline").frame.columns.tolist() == [
        "部门名称",
        "分组",
        "连续下降次数",
        "综合指标值走势",
        "累计变化",
        "本期综合指标值",
        "本期等级",
    ]
