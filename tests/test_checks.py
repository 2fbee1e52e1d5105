"""Checks on hand-worked rows: tolerances follow the printed precision, nothing is edited."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.checks import composite_score, rate_findings, run_checks, score_findings
from lib.model import Bulletin, Evaluation, HotlineGrades, Section, Source
from lib.rules import load_rules


def row(**kw) -> Evaluation:
    base = dict(
        channel="hotline",
        group="县市区",
        unit="甲县",
        due=100,
        handled=100,
        completion_rate=100.0,
        on_time=100,
        on_time_rate=100.0,
        rework=0,
        rework_rate=0.0,
        visited=0,
        visited_rate=0.0,
        score=100.0,
        grade="A",
        order=1,
        unit_id="甲县",
    )
    return Evaluation(**{**base, **kw})


def test_formula_matches_a_printed_row():
    # 2024-03 hotline 华容县: 0.3*99.67 + 0.3*99.67 + 0.2*(100-3.37) + 0.2*(100-11.65) = 96.798
    r = row(completion_rate=99.67, on_time_rate=99.67, rework_rate=3.37, visited_rate=11.65)
    assert composite_score(r) == pytest.approx(96.798)
    # mailbox uses the satisfaction rate itself: 2024-03 君山区 99.29
    m = row(channel="mailbox", visited_rate=96.43)
    assert composite_score(m) == pytest.approx(99.286)


@pytest.mark.parametrize(("printed", "finding"), [(90.62, False), (90.63, False), (90.61, True)])
def test_rate_tolerance_is_half_a_printed_unit(printed, finding):
    # 29/32 = 90.625: the source prints 90.62 (half-even); 90.63 would be half-up
    r = row(channel="mailbox", due=32, handled=32, on_time=32, visited=29, visited_rate=printed)
    assert bool(rate_findings(r)) is finding


def test_score_off_by_a_tenth_is_found_but_printed_value_kept():
    r = row(
        completion_rate=100.0, on_time_rate=100.0, rework_rate=1.96, visited_rate=15.75, score=96.4
    )
    [f] = score_findings(r, load_rules()["hotline"])
    assert (f.kind, f.printed, f.computed) == ("score", 96.4, 96.5)
    assert r.score == 96.4


@pytest.mark.parametrize(
    ("score", "grade"),
    [(90, "A"), (89.2, "B"), (85, "B"), (80, "C"), (76.7, "D"), (71, "E"), (58.3, "E")],
)
def test_hotline_bands_agree_with_observed_grades(score, grade):
    assert load_rules()["hotline"].grade_for(score) == grade


def test_grade_disagreeing_with_bands_is_a_finding():
    r = row(score=100.0, grade="B")
    kinds = [(f.kind, f.printed, f.computed) for f in score_findings(r, load_rules()["hotline"])]
    assert kinds == [("grade", "B", "A")]


def test_narrative_counts_and_quoted_scores():
    b = Bulletin(source=Source("x", "", 1, "text"))
    b.evaluations = [
        row(unit="甲县", unit_id="甲县", visited_rate=16.0, score=96.8),
        row(
            unit="乙县",
            unit_id="乙县",
            score=80.0,
            grade="C",
            rework=20,
            rework_rate=20.0,
            visited_rate=80.0,
            on_time_rate=100.0,
        ),
    ]
    b.evaluations[1].score = composite_score(b.evaluations[1])
    b.hotline_grades = HotlineGrades(A=1, B=0, C=2, D_or_below=0, zero_orders=3, units_total=6)
    b.sections = [Section(key="工单考核", heading="（二）工单考核", text="分别是：甲县（96.9分）")]
    got = {(f.kind, f.field, f.printed, f.computed) for f in run_checks(b)}
    assert got == {
        ("narrative_count", "C", 2, 1),
        ("narrative_count", "units_total", 6, 5),
        ("narrative_score", "score", 96.9, 96.8),
    }


rates = st.decimals(min_value=0, max_value=100, places=2).map(float)


@given(rates, rates, rates, rates)
def test_a_score_printed_from_the_formula_is_never_a_finding(c, o, r, v):
    base = row(completion_rate=c, on_time_rate=o, rework_rate=r, visited_rate=v)
    base.score = round(composite_score(base), 1)
    base.grade = load_rules()["hotline"].grade_for(base.score)
    assert score_findings(base, load_rules()["hotline"]) == []
