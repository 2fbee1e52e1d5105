""" "What it would take", worked by hand and checked against the score formula."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lib.briefing.whatif import (
    Lever,
    Target,
    levers,
    next_band,
    orders_needed,
    targets,
    top_three_score,
    visit_count,
)
from lib.checks import composite_score
from lib.model import Evaluation
from lib.rules import load_rules

HOTLINE, MAILBOX = load_rules()["hotline"], load_rules()["mailbox"]


def hotline_row(**changes) -> Evaluation:
    """100 due, all handled, 70 on time, 10 reworked, 5 dissatisfied of 50 visits (10.00 %):
    0.3·100 + 0.3·70 + 0.2·90 + 0.2·90 = 87.0, grade B."""
    row = Evaluation(
        channel="hotline",
        group="县市区",
        unit="甲区",
        due=100,
        handled=100,
        completion_rate=100.0,
        on_time=70,
        on_time_rate=70.0,
        rework=10,
        rework_rate=10.0,
        visited=5,
        visited_rate=10.0,
        score=87.0,
        grade="B",
    )
    return replace(row, **changes)


def test_the_made_up_row_scores_as_its_docstring_says():
    assert composite_score(hotline_row()) == pytest.approx(87.0)


def test_to_grade_a_by_hand():
    """Gap 3.0. On time: +0.3 per order → 10 (of 30 late). Rework: +0.2 → 15, but only 10.
    Dissatisfied: 50 visits, +0.4 → 8, but only 5."""
    (target,) = targets(hotline_row(), [80.0, 81.0], HOTLINE)
    assert (target.kind, target.grade, target.score, target.gap) == ("grade", "A", 90.0, 3.0)
    on_time, rework, dissatisfied = target.levers
    assert (on_time.needed, on_time.available, on_time.reachable) == (10, 30, True)
    assert (rework.needed, rework.available, rework.reachable) == (15, 10, False)
    assert (dissatisfied.needed, dissatisfied.available, dissatisfied.visits) == (8, 5, (50, 50))
    assert not dissatisfied.reachable


def test_ten_more_on_time_orders_reach_ninety_by_the_formula_and_nine_do_not():
    assert composite_score(hotline_row(on_time=80, on_time_rate=80.0)) == pytest.approx(90.0)
    assert composite_score(hotline_row(on_time=79, on_time_rate=79.0)) < 90.0


def test_the_city_management_bureau_mailbox_in_march_to_grade_b():
    """75.83 (C), 18 due, 16 handled, 7 on time, no rework, 14 of 16 satisfied. Gap 4.17 to
    80. On time: 100/18·0.3 = 1.667 per letter → 3 (9 letters were late). Rework: none.
    Satisfied: 100/16·0.2 = 1.25 per letter → 4, but only 2 were not satisfied."""
    row = Evaluation(
        channel="mailbox",
        group="行政事业单位",
        unit="市城管局",
        due=18,
        handled=16,
        completion_rate=88.89,
        on_time=7,
        on_time_rate=38.89,
        rework=0,
        rework_rate=0.0,
        visited=14,
        visited_rate=87.5,
        score=75.83,
        grade="C",
    )
    grade, top = targets(row, [100.0, 100.0, 100.0, 99.14], MAILBOX)
    assert grade == Target(
        "mailbox",
        "grade",
        "B",
        80.0,
        4.17,
        (
            Lever("on_time", 3, 9, pytest.approx(30 / 18)),
            Lever("rework", 4, 0, pytest.approx(20 / 18)),
            Lever("satisfied", 4, 2, pytest.approx(20 / 16)),
        ),
    )
    assert [lever.reachable for lever in grade.levers] == [True, False, False]
    assert (top.kind, top.score, top.gap) == ("top3", 100.0, 24.17)
    three_more = replace(row, on_time=10, on_time_rate=55.56)
    assert (
        composite_score(three_more)
        >= 80
        > composite_score(replace(row, on_time=9, on_time_rate=50.0))
    )


def test_louqu_hotline_in_may_into_the_top_three():
    """95.5, third place 97.2 (岳阳县): gap 1.7. 3083 due → on time +0.00973 per order, 175
    needed, 11 late; rework +0.00649, 263 needed, 260 reworked; dissatisfied: 310 at 10.36 %
    means 2991–2993 visits; at 2993, +0.006682 per visit, 255 needed of 310."""
    row = Evaluation(
        channel="hotline",
        group="县市区",
        unit="岳阳楼区",
        due=3083,
        handled=3050,
        completion_rate=98.93,
        on_time=3039,
        on_time_rate=98.57,
        rework=260,
        rework_rate=8.43,
        visited=310,
        visited_rate=10.36,
        score=95.5,
        grade="A",
    )
    (top,) = targets(row, [98.1, 97.8, 97.2, 97.1, 97.0], HOTLINE)
    assert (top.kind, top.score, top.gap) == ("top3", 97.2, 1.7)
    assert [(lv.kind, lv.needed, lv.available) for lv in top.levers] == [
        ("on_time", 175, 11),
        ("rework", 263, 260),
        ("dissatisfied", 255, 310),
    ]
    assert top.levers[2].visits == (2991, 2993)
    assert 20 * 255 / 2993 >= 1.7 > 20 * 254 / 2993


@pytest.mark.parametrize(
    ("dissatisfied", "rate", "visits"),
    [
        (806, 22.13, (3642, 3642)),
        (5, 10.0, (50, 50)),
        (310, 10.36, (2991, 2993)),
        (1, 33.33, (3, 3)),
    ],
)
def test_return_visits_derived_from_the_printed_rate(dissatisfied, rate, visits):
    assert visit_count(dissatisfied, rate) == visits
    low, high = visits
    assert round(100 * dissatisfied / low, 2) == rate == round(100 * dissatisfied / high, 2)


@pytest.mark.parametrize(("dissatisfied", "rate"), [(0, 0.0), (5, 0.0), (3, 100.0)])
def test_return_visits_that_cannot_be_derived(dissatisfied, rate):
    """No dissatisfied visit says nothing of the visits; 3 at 100 % needs 3 visits, which fits,
    but 5 at 0 % fits no count."""
    got = visit_count(dissatisfied, rate)
    assert got == ((3, 3) if dissatisfied == 3 else None)


def test_a_lever_that_cannot_be_derived_says_so():
    row = hotline_row(visited=0, visited_rate=0.0, score=89.0)
    dissatisfied = levers(row, 1.0)[2]
    assert dissatisfied == Lever("dissatisfied", None, 0, None, None)
    assert not dissatisfied.reachable


def test_top_three_ties_rank_alike():
    assert top_three_score(95.0, [97.0, 96.0, 96.0, 90.0]) == 96.0
    assert top_three_score(96.0, [97.0, 96.0, 96.0, 90.0]) is None
    assert top_three_score(80.0, [99.0, 98.0]) is None


def test_the_band_above():
    assert next_band(87.0, HOTLINE) == ("A", 90.0)
    assert next_band(79.9, HOTLINE) == ("C", 80.0)
    assert next_band(90.0, HOTLINE) is None
    assert next_band(75.83, MAILBOX) == ("B", 80.0)


def test_no_target_for_a_unit_at_the_top():
    assert targets(hotline_row(score=96.0, grade="A"), [95.0, 94.0, 93.0], HOTLINE) == []


@pytest.mark.parametrize(
    ("gap", "gain", "orders"),
    [(0.6, 0.3, 2), (0.9, 0.3, 3), (0.61, 0.3, 3), (0.0, 0.3, 0), (-1.0, 0.3, 0)],
)
def test_whole_orders_round_up_but_not_past_float_noise(gap, gain, orders):
    assert orders_needed(gap, gain) == orders
