"""Grade distributions, units below A and grade transitions on the two real bulletins."""

from __future__ import annotations

import pytest

from lib.analysis.grades import (
    NOT_LISTED,
    below_a,
    below_a_table,
    by_group,
    grade_distribution,
    grade_movers,
    matrix_table,
    movers_table,
    transition_matrix,
)
from tests.demo_frames import demo


@pytest.fixture(scope="module")
def evaluations():
    return demo().evaluations


def counts(distribution, period, group):
    rows = distribution[(distribution["period"] == period) & (distribution["group"] == group)]
    return dict(zip(rows["grade"], rows["units"], strict=True))


def test_march_hotline_grades_per_group(evaluations):
    distribution = grade_distribution(evaluations, "hotline")

    assert counts(distribution, "2024-03", "县市区") == {"A": 13}
    assert counts(distribution, "2024-03", "行政事业单位") == {"A": 37, "C": 1, "D": 1, "E": 3}
    assert counts(distribution, "2024-03", "公共服务企业") == {"A": 7, "B": 2}


def test_a_unit_printed_twice_counts_once_in_its_first_group(evaluations):
    distribution = grade_distribution(evaluations, "hotline", "2024-05", "2024-05")

    assert counts(distribution, "2024-05", "县市区") == {"A": 13}
    assert counts(distribution, "2024-05", "行政事业单位") == {"A": 35, "B": 2, "C": 1, "E": 2}
    assert set(distribution["period"]) == {"2024-05"}


def test_may_units_below_a_lowest_first_with_their_march_grade(evaluations):
    rows = below_a(evaluations, "hotline", "2024-05")

    assert [(r.unit, r.score, r.grade, r.previous_grade) for r in rows.itertuples()] == [
        ("市国防动员办公室", 58.3, "E", "A"),
        ("市国资委", 70.6, "E", "E"),
        ("市农业农村局", 80.0, "C", NOT_LISTED),
        ("市民政局", 87.1, "B", "A"),
        ("市生态环境局", 89.2, "B", "A"),
    ]
    table = below_a_table(rows, "hotline")
    assert table.frame.columns[:5].tolist() == [
        "部门名称",
        "分组",
        "综合指标值",
        "等级评价",
        "上期等级",
    ]
    assert table.frame["群众不满意率（%）"].tolist()[:2] == [33.33, 29.41]


def test_the_first_month_has_no_previous_grade(evaluations):
    rows = below_a(evaluations, "mailbox", "2024-03")

    assert set(rows["previous_grade"]) == {""}
    assert rows["unit"].tolist()[:2] == ["岳阳职业技术学院", "市城管局"]


def test_hotline_transition_matrix_march_to_may(evaluations):
    matrix = transition_matrix(evaluations, "hotline", "2024-03", "2024-05")

    assert list(matrix.index) == ["A", "B", "C", "D", "E", NOT_LISTED]
    assert list(matrix.columns) == list(matrix.index)
    assert matrix.loc["A"].tolist() == [51, 2, 0, 0, 1, 3]
    assert matrix.loc["E"].tolist() == [2, 0, 0, 0, 1, 0]
    assert matrix.loc[NOT_LISTED].tolist() == [1, 0, 1, 0, 0, 0]
    assert matrix.to_numpy().sum() == 64 + 2
    table = matrix_table(matrix, "2024年3月", "2024年5月")
    assert table.frame.columns[0] == "2024年3月 ＼ 2024年5月"


def test_movers_fall_first_with_the_indicator_that_moved_the_score_most(evaluations):
    movers = grade_movers(evaluations, "hotline", "2024-03", "2024-05")

    assert movers["unit"].tolist() == [
        "市国防动员办公室",
        "市生态环境局",
        "市民政局",
        "国网岳阳供电公司",
        "市电信公司",
        "市烟草局",
        "湖南民族职业学院",
        "市发改委",
    ]
    first = movers.iloc[0]
    assert (first.grade_before, first.grade_after, first.indicator) == ("A", "E", "rework_rate")
    assert (first.indicator_before, first.indicator_after) == (0.0, 100.0)
    assert first.effect == pytest.approx(-20.0)
    power = movers.set_index("unit").loc["国网岳阳供电公司"]
    assert power.indicator == "visited_rate"
    assert power.effect == pytest.approx(0.2 * (22.18 - 7.94))


def test_mailbox_movers_weigh_satisfaction_as_better_when_higher(evaluations):
    movers = grade_movers(evaluations, "mailbox", "2024-03", "2024-05").set_index("unit")

    assert movers.loc["市城管局", "indicator"] == "on_time_rate"
    assert movers.loc["市城管局", "effect"] == pytest.approx(0.3 * (95.83 - 38.89))
    assert movers.loc["市水利局", "indicator"] == "visited_rate"
    assert movers.loc["市水利局", "effect"] == pytest.approx(20.0)
    table = movers_table(movers.reset_index(), "mailbox")
    assert "群众满意率" in set(table.frame["变化最大的指标"])
    assert table.frame.iloc[0][["部门名称", "等级变动", "本期分数", "分数变化"]].tolist() == [
        "市工信局",
        "A → B",
        86.11,
        -10.56,
    ]
    assert table.formats["本期分数"] == "%.2f"


def test_no_movers_between_a_month_and_itself(evaluations):
    movers = grade_movers(evaluations, "hotline", "2024-05", "2024-05")

    assert movers.empty
    assert list(movers_table(movers, "hotline").frame.columns)[-1] == "对分数的影响"


def test_the_distribution_splits_by_group_in_the_bulletins_order(evaluations):
    parts = by_group(grade_distribution(evaluations, "mailbox"))

    assert list(parts) == ["县市区", "行政事业单位", "公共服务企业"]
    assert set(parts["公共服务企业"]["group"]) == {"公共服务企业"}
