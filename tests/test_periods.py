"""Periods (季度, 半年, 年度, any span): how they are written and read, and a period's figures
recomputed from the monthly counts.

The expected values are worked out by hand from the fixtures' answer keys
(tests/fixtures/unseen/*.expected.json, samples/truth): sums of the printed counts, rates as
summed numerator / summed denominator rounded half up to two decimals, the score by the
formula 0.3·办结率 + 0.3·按期办结率 + 0.2·(100 − 返工率) + 0.2·(100 − 不满意率) (mailbox:
+ 0.2·满意率) on those rounded rates, and the mean of the printed scores.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.analysis.periods import grade_mix, period_rows, period_table, rounded
from lib.analysis.pools import placed
from lib.analysis.spans import (
    Span,
    before,
    between,
    containing,
    missing_text,
    parse_span,
    spans_of,
    year_before,
    year_earlier,
)
from lib.errors import BadPeriod
from tests.briefing_library import sample_library
from tests.quarter_library import quarter_library

Q4 = parse_span("2024Q4")


@pytest.mark.parametrize(
    ("written", "kind", "start", "end", "label"),
    [
        ("2024-05", "month", "2024-05", "2024-05", "2024年5月"),
        ("2024Q2", "quarter", "2024-04", "2024-06", "2024年第二季度"),
        ("2024q4", "quarter", "2024-10", "2024-12", "2024年第四季度"),
        ("2024H1", "half", "2024-01", "2024-06", "2024年上半年"),
        ("2024H2", "half", "2024-07", "2024-12", "2024年下半年"),
        ("2024", "year", "2024-01", "2024-12", "2024年度"),
        ("2024-03~2024-05", "span", "2024-03", "2024-05", "2024年3月 – 2024年5月"),
        ("2023-11..2024-02", "span", "2023-11", "2024-02", "2023年11月 – 2024年2月"),
    ],
)
def test_a_period_is_read_from_how_it_is_written(written, kind, start, end, label):
    span = parse_span(written)

    assert (span.kind, span.start, span.end, span.label) == (kind, start, end, label)


@pytest.mark.parametrize("written", ["2024Q5", "2024H3", "2024-13", "24Q1", "第二季度", ""])
def test_a_period_written_otherwise_is_refused_with_the_forms_it_may_take(written):
    with pytest.raises(BadPeriod) as refused:
        parse_span(written)
    assert refused.value.message == (
        f"期间写法无法识别（“{written}”；应为 2024-05、2024Q2、2024H1、2024 或 2024-03~2024-05）"
    )


@given(
    st.sampled_from(["month", "quarter", "half", "year"]),
    st.integers(2000, 2099),
    st.integers(1, 12),
)
def test_every_period_holds_its_month_and_reads_back_from_its_key(kind, year, month):
    key = f"{year:04d}-{month:02d}"
    span = containing(kind, key)

    assert key in span.months
    assert len(span.months) == {"month": 1, "quarter": 3, "half": 6, "year": 12}[kind]
    assert parse_span(span.key) == span


@given(st.integers(0, 1199), st.integers(0, 1199))
def test_any_span_reads_back_from_its_key_whichever_end_comes_first(a, b):
    first, last = (f"{2000 + n // 12:04d}-{n % 12 + 1:02d}" for n in (a, b))
    span = between(first, last)

    assert parse_span(span.key) == span
    assert len(span.months) == abs(a - b) + 1


def test_the_months_a_period_lacks_are_named():
    assert Q4.missing(["2024-10", "2024-12"]) == ["2024-11"]
    assert missing_text(Q4.missing(["2024-10", "2024-12"])) == "缺 2024年11月"
    h1 = parse_span("2024H1")
    assert missing_text(h1.missing(["2024-03", "2024-05"])) == (
        "缺 2024年1月、2024年2月、2024年4月、2024年6月"
    )
    assert missing_text([]) == ""


def test_periods_of_a_kind_over_the_library_and_a_year_earlier():
    quarters = spans_of("quarter", ["2024-05", "2024-03", "2024-12", "2024-10"])

    assert [s.key for s in quarters] == ["2024Q1", "2024Q2", "2024Q4"]
    assert year_earlier("2024-05") == "2023-05"
    assert year_earlier("2024-01") == "2023-01"
    assert Span("quarter", "2024-10", "2024-12") == Q4


@pytest.mark.parametrize(
    ("written", "previous", "year_ago"),
    [
        ("2024Q1", "2023Q4", "2023Q1"),
        ("2024H2", "2024H1", "2023H2"),
        ("2024", "2023", "2023"),
        ("2024-01", "2023-12", "2023-01"),
        ("2024-03~2024-05", "2023-12~2024-02", "2023-03~2023-05"),
    ],
)
def test_the_period_before_and_the_same_period_a_year_earlier(written, previous, year_ago):
    span = parse_span(written)

    assert (before(span).key, year_before(span).key) == (previous, year_ago)


def test_rounding_is_half_up_as_written():
    assert rounded(99.35, 1) == 99.4
    assert rounded(90.625, 2) == 90.63
    assert rounded(94.436, 1) == 94.4
    assert grade_mix(["B", "A", "A", "C"]) == "A×2 B×1 C×1"


def _unit(rows, unit_id):
    return rows.set_index("unit_id").loc[unit_id]


def test_a_quarter_of_hotline_counts_is_summed_and_its_rates_recomputed():
    evaluations = quarter_library().evaluations
    row = _unit(period_rows(evaluations, "hotline", Q4), "岳阳楼区")

    # October 3338/3338/3317/41/41 (不满意率 3.85, 98.8 A), December 3641/3641/3640/0/4 (0.45, 99.9 A)
    assert [row[c] for c in ("due", "handled", "on_time", "rework", "visited")] == [
        6979,
        6979,
        6957,
        41,
        45,
    ]
    assert row["completion_rate"] == 100.00
    assert row["on_time_rate"] == 99.68  # 6957 / 6979 = 99.6848 %
    assert row["rework_rate"] == 0.59  # 41 / 6979 = 0.5875 %
    assert row["visited_rate"] == 2.08  # (3.85·3338 + 0.45·3641) / 6979 = 2.0762, weighted
    assert row["score"] == 99.4  # 30 + 29.904 + 19.882 + 19.584 = 99.370
    assert row["mean_score"] == 99.4  # (98.8 + 99.9) / 2 = 99.35, half up
    assert (row["grade"], row["months"], row["period"]) == ("A×2", 2, "2024Q4")


def test_a_quarter_of_mailbox_letters_gives_two_different_scores_and_a_grade_mix():
    evaluations = quarter_library().evaluations
    row = _unit(period_rows(evaluations, "mailbox", Q4), "岳阳楼区")

    # October 155/154/132/7/119 (89.9 B), December 210/210/208/0/196 (98.38 A)
    assert [row[c] for c in ("due", "handled", "on_time", "rework", "visited")] == [
        365,
        364,
        340,
        7,
        315,
    ]
    assert row["completion_rate"] == 99.73  # 364 / 365 = 99.7260 %
    assert row["on_time_rate"] == 93.15  # 340 / 365 = 93.1507 %
    assert row["rework_rate"] == 1.92  # 7 / 365 = 1.9178 %
    assert row["visited_rate"] == 86.54  # 315 / 364 = 86.5385 %: 满意率 over letters handled
    assert row["score"] == 94.79  # 29.919 + 27.945 + 19.616 + 17.308 = 94.788
    assert row["mean_score"] == 94.14  # (89.90 + 98.38) / 2
    assert row["grade"] == "A×1 B×1"


def test_a_unit_printed_twice_in_a_month_counts_once_in_the_period():
    evaluations = quarter_library().evaluations
    row = _unit(period_rows(evaluations, "hotline", Q4), "市城运集团公司")

    # October prints it twice (32 orders, 1 reworked, under two groups); December 34, none
    assert (row["due"], row["rework"], row["rework_rate"]) == (66, 1, 1.52)
    assert (row["score"], row["mean_score"]) == (99.7, 99.7)  # 30 + 30 + 19.696 + 20
    assert (row["group"], row["months"]) == ("公共服务企业", 2)


def test_a_unit_listed_in_one_month_of_the_quarter_says_so():
    evaluations = quarter_library().evaluations
    rows = period_rows(evaluations, "hotline", Q4)

    assert _unit(rows, "市烟草局")["months"] == 1
    assert _unit(rows, "岳阳监狱")["months"] == 1
    assert rows["unit_id"].is_unique


def test_the_half_year_of_the_samples_recomputes_march_and_may():
    evaluations = sample_library().evaluations
    row = _unit(period_rows(evaluations, "hotline", parse_span("2024H1")), "岳阳楼区")

    # March 3322/3313/3289/289/806 (22.13, 93.5), May 3083/3050/3039/260/310 (10.36, 95.5)
    assert (row["due"], row["handled"], row["on_time"], row["rework"]) == (6405, 6363, 6328, 549)
    assert (row["completion_rate"], row["on_time_rate"], row["rework_rate"]) == (
        99.34,  # 6363 / 6405 = 99.3443 %
        98.80,  # 6328 / 6405 = 98.7978 %
        8.57,  # 549 / 6405 = 8.5714 %
    )
    assert row["visited_rate"] == 16.46  # (22.13·3322 + 10.36·3083) / 6405 = 16.4646
    assert row["score"] == 94.4  # 29.802 + 29.640 + 18.286 + 16.708 = 94.436
    assert row["mean_score"] == 94.5


def test_a_period_without_rows_is_an_empty_frame_with_the_same_columns():
    evaluations = sample_library().evaluations
    rows = period_rows(evaluations, "hotline", parse_span("2023"))

    assert rows.empty
    assert {"due", "score", "mean_score", "months"} <= set(rows.columns)


def test_the_period_table_says_which_figures_are_weighted_and_how_scores_were_made():
    evaluations = quarter_library().evaluations
    hotline = period_table(period_rows(evaluations, "hotline", Q4), "hotline").frame
    mailbox = period_table(period_rows(evaluations, "mailbox", Q4), "mailbox").frame

    assert list(hotline.columns[-6:]) == [
        "返工率（%）",
        "回访不满意数",
        "群众不满意率（%，加权平均）",
        "综合指标值（按公式）",
        "综合指标值（各月平均）",
        "各月等级",
    ]
    assert "群众满意率（%）" in mailbox.columns
    first = hotline.set_index("部门名称").loc["岳阳楼区"]
    assert (first["列入月数"], first["应办理数"], first["综合指标值（按公式）"]) == (2, 6979, 99.4)


def test_a_period_is_ranked_against_the_pools_floor_for_each_stored_month():
    evaluations = sample_library().evaluations
    rows = placed(period_rows(evaluations, "mailbox", parse_span("2024H1")), "mailbox")
    counties = rows[rows["group"] == "县市区"].set_index("unit")

    # 城陵矶新港区: 10 letters in March (in that month's pool), 5 in May — 15 < 10 × 2 months
    assert (
        counties.loc["城陵矶新港区", "place"]
        == "第 12 / 13 · 县市区全组（信件不足10件/月，通报不排名）"
    )
    # 云溪区: 25 + 39 = 64 ≥ 20
    assert counties.loc["云溪区", ["place", "group_place"]].tolist() == [
        "第 1 / 11 · 信件≥10件/月的县市区",
        "第 1 / 13",
    ]
