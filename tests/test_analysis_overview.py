"""The month at a glance, on the two real bulletins."""

from __future__ import annotations

import pytest

from lib.analysis.overview import (
    categories_table,
    figure_texts,
    figures_table,
    grades_table,
    headline,
    overview_view,
)
from tests.demo_frames import demo


@pytest.fixture(scope="module")
def view():
    frames = demo()
    return overview_view(
        frames.overview,
        frames.categories,
        frames.evaluations,
        frames.grade_counts,
        frames.sections,
        "2024-05",
    )


def test_may_figures_against_march(view):
    figures = view.figures.set_index("figure")

    assert view.previous_period == "2024-03"
    assert figures.loc["calls", ["value", "previous", "change"]].tolist() == [65452, 70446, -4994]
    assert figures.loc["satisfaction_rate", ["value", "previous", "change"]].tolist() == [
        91.54,
        96.16,
        -4.62,
    ]
    assert figures.loc["mailbox_letters", "change"] == 666


def test_figures_as_the_cards_show_them(view):
    texts = {t.label: t for t in figure_texts(view.figures)}

    assert (texts["受理来电"].value, texts["受理来电"].change) == ("65,452", "-4,994 件")
    assert (texts["按期办结率"].value, texts["按期办结率"].change) == ("98.68%", "+0.32 个百分点")
    assert texts["市长信箱群众满意率"].kind == "rate"


def test_the_first_month_has_nothing_to_compare_with():
    frames = demo()
    figures = headline(frames.overview, "2024-03")

    assert figures["previous"].isna().all()
    assert {t.change for t in figure_texts(figures)} == {None}
    assert figure_texts(figures)[0].value == "70,446"


def test_the_figures_tables_keep_counts_whole_and_rates_at_two_decimals(view):
    counts, rates = figures_table(view.figures, "count"), figures_table(view.figures, "rate")

    assert counts.frame.columns.tolist() == ["指标", "本月（件）", "上期（件）", "变化（件）"]
    assert counts.frame.iloc[0].tolist() == ["受理来电", 65452, 70446, -4994]
    assert counts.formats["变化（件）"] == "%+,d"
    assert rates.frame.columns.tolist() == ["指标", "本月（%）", "上期（%）", "变化（百分点）"]
    assert rates.frame.iloc[0].tolist() == ["办结率", 99.61, 99.81, -0.2]
    assert rates.formats["变化（百分点）"] == "%+.2f"


def test_categories_in_printed_order(view):
    assert len(view.categories) == 8
    assert view.categories.iloc[0].tolist() == ["人力资源和社会保障类", 9173, 20.06]
    assert categories_table(view.categories).frame.columns.tolist() == [
        "诉求类型",
        "件数",
        "占比（%）",
    ]


def test_grade_counts_per_channel_from_the_tables_and_the_narrative(view):
    table = grades_table(view.grades).frame.set_index("渠道")

    assert table.loc["热线"].tolist() == [57, 2, 1, 0, 2, 62, 16, 79]
    assert table.loc["市长信箱"].tolist() == [52, 2, 0, 0, 0, 54, 22, 76]


def test_hot_issues_are_the_months_text(view):
    assert len(view.hot_issues) == 1
    assert view.hot_issues[0].startswith("“五一”期间，中华大熊猫苑")
