"""Unit comparison on the two real bulletins: names to units, medians, histories, both channels."""

from __future__ import annotations

import pytest

from lib.analysis.comparison import (
    channels_side_by_side,
    comparison_view,
    group_medians,
    resolve_units,
    side_by_side,
    unit_choices,
    versus_group_median,
    versus_table,
)
from tests.demo_frames import demo


@pytest.fixture(scope="module")
def frames():
    return demo()


def test_any_alias_finds_its_unit_once_and_unknown_names_are_kept_apart(frames):
    found, unknown = resolve_units(
        ["经开区", "岳阳电信公司", "岳阳楼区", "不存在的局", "岳阳经开区"],
        frames.aliases,
        frames.units["unit_id"],
    )

    assert found == ["岳阳经开区", "市电信公司", "岳阳楼区"]
    assert unknown == ["不存在的局"]


def test_the_choices_hold_every_unit_and_every_alias(frames):
    choices = unit_choices(frames.units, frames.aliases)

    assert {"经开区", "岳阳经开区", "岳阳电信公司", "市电信公司", "国家金融监督管理总局"} <= set(
        choices
    )
    assert choices == sorted(set(choices))


def test_group_medians_of_may_hotline(frames):
    medians = group_medians(frames.evaluations, "hotline", "2024-05")

    assert medians.loc["县市区", ["score", "on_time_rate", "rework_rate"]].tolist() == [
        96.6,
        99.77,
        6.97,
    ]
    assert medians.loc["公共服务企业", "score"] == 93.8


def test_each_unit_against_its_group_median_knows_which_way_is_better(frames):
    long = versus_group_median(
        frames.evaluations, "hotline", "2024-05", ["岳阳经开区", "市电信公司"]
    )

    rework = long[long["measure"] == "rework_rate"].set_index("unit_id")
    assert rework.loc["岳阳经开区", ["value", "median"]].tolist() == [12.11, 6.97]
    assert not rework.loc["岳阳经开区", "ahead"]
    visited = long[long["measure"] == "visited_rate"].set_index("unit_id")
    assert visited.loc["市电信公司", ["value", "median"]].tolist() == [7.50, 6.85]
    assert long["unit_id"].tolist()[:5] == ["岳阳经开区"] * 5
    table = versus_table(long, "hotline")
    assert table.frame.loc[table.frame["指标"] == "返工率（%）", "比较"].tolist() == [
        "落后于中位数",
        "与中位数持平",
    ]
    shown = table.frame.set_index(["部门名称", "指标"])[["本单位", "组中位数", "差值"]]
    assert shown.loc[("岳阳经开区", "综合指标值")].tolist() == ["95.1", "96.6", "-1.5"]
    assert shown.loc[("岳阳经开区", "返工率（%）")].tolist() == ["12.11", "6.97", "+5.14"]
    assert shown.loc[("市电信公司", "返工率（%）"), "差值"] == "持平"


def test_side_by_side_shows_a_month_at_the_bulletins_precision(frames):
    names = {"岳阳楼区": "岳阳楼区", "市商务局": "市商务局"}
    month = side_by_side(frames.evaluations, "hotline", "2024-05", ["岳阳楼区", "市商务局"], names)
    rows = month.set_index("项目")

    assert rows.loc["名次", "岳阳楼区"] == "第 10 / 13 · 全部县市区"
    assert rows.loc["综合指标值", "岳阳楼区"] == "95.5"
    assert rows.loc["按期办结率（%）", "岳阳楼区"] == "98.57"
    assert rows.loc["应办理数", "岳阳楼区"] == "3,083"
    assert set(rows["市商务局"]) == {"未列入"}


def test_hotline_and_mailbox_side_by_side(frames):
    names = {u: u for u in ("岳阳经开区", "市电信公司")}
    both = channels_side_by_side(frames.evaluations, "2024-05", list(names), names)

    assert both.values.tolist() == [
        ["岳阳经开区", "热线", "95.1", "A", "第 12 / 13 · 全部县市区"],
        ["岳阳经开区", "市长信箱", "99.84", "A", "第 3 / 11 · 信件≥10件的县市区"],
        ["市电信公司", "热线", "93.8", "A", "第 4 / 6 · 工单≥100件的公共服务企业"],
        ["市电信公司", "市长信箱", "未列入", "未列入", "未列入"],
    ]


def test_the_comparison_view_names_units_alike_everywhere(frames):
    view = comparison_view(
        frames.evaluations,
        "hotline",
        "2024-03",
        "2024-05",
        ["国家金融监督管理总局岳阳监管分局", "岳阳楼区"],
        "on_time_rate",
    )

    names = set(view.names.values())
    assert set(view.history["name"]) == names
    assert set(view.versus_median["unit"]) == names
    assert list(view.month.columns[1:]) == [
        view.names[u] for u in ["国家金融监督管理总局岳阳监管分局", "岳阳楼区"]
    ]
    assert view.history.loc[view.history["unit_id"] == "岳阳楼区", "value"].tolist() == [
        99.01,
        98.57,
    ]
    assert set(view.channel_scores) == {"hotline", "mailbox"}
