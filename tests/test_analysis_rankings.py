"""Rankings on the two real bulletins: the bulletin's pools, ties, changes, 红黑榜."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from lib.analysis.rankings import (
    list_note,
    rank_in_group,
    ranking_table,
    ranking_view,
    top_and_bottom,
)
from lib.export import to_xlsx_bytes
from tests.demo_frames import demo

GROUPS = ("县市区", "行政事业单位", "公共服务企业")


@pytest.fixture(scope="module")
def evaluations():
    return demo().evaluations


def placed(ranking, n=None):
    rows = ranking if n is None else ranking.head(n)
    return [(r.unit, r.score, r.rank) for r in rows.itertuples()]


def test_march_counties_start_with_the_bulletins_top_three_ties_ranked_alike(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", "县市区")

    assert placed(ranking, 4) == [
        ("华容县", 96.8, 1),
        ("云溪区", 96.4, 2),
        ("临湘市", 96.4, 2),
        ("岳阳县", 95.9, 4),
    ]
    assert set(ranking["out_of"]) == {13} and set(ranking["pool"]) == {"全部县市区"}
    assert ranking["previous_rank"].isna().all()


@pytest.mark.parametrize(
    ("channel", "period", "group", "expected"),
    [
        # 工单考核: "工单量50件以上的行政事业单位…前三位：市人社局（96.9分）、市公安交警支队（96.7分）和市城管局（96.7分）"
        (
            "hotline",
            "2024-03",
            "行政事业单位",
            [("市人社局", 96.9, 1), ("市公安交警支队", 96.7, 2), ("市城管局", 96.7, 2)],
        ),
        # "工单量100件以上的公共服务企业…：岳阳移动公司（96.5分）、市水务集团公司（96.3分）和市公交集团公司（96.1分）"
        (
            "hotline",
            "2024-03",
            "公共服务企业",
            [("市移动公司", 96.5, 1), ("市水务集团公司", 96.3, 2), ("市公交集团公司", 96.1, 3)],
        ),
        (
            "hotline",
            "2024-05",
            "行政事业单位",
            [("市教体局", 99.2, 1), ("市邮政管理局", 99.0, 2), ("市公安交警支队", 98.9, 3)],
        ),
        # 市长信箱: "…信件办理量在15件以上且综合指标排名前三的有：华容县（100分）、云溪区（100分）和岳阳经开区（99.84分）"
        (
            "mailbox",
            "2024-05",
            "县市区",
            [("华容县", 100.0, 1), ("云溪区", 100.0, 1), ("岳阳经开区", 99.84, 3)],
        ),
    ],
)
def test_the_ranking_pool_gives_the_bulletins_own_top_three(
    evaluations, channel, period, group, expected
):
    ranking = rank_in_group(evaluations, channel, period, group)

    assert placed(ranking, 3) == expected
    assert ranking["in_pool"].head(3).all()


def test_units_outside_the_pool_follow_it_with_their_place_in_the_whole_group(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", "行政事业单位")

    pool, outside = ranking[ranking["in_pool"]], ranking[~ranking["in_pool"]]
    assert list(ranking["in_pool"]) == [True] * 11 + [False] * 31
    assert (pool["due"] >= 50).all() and (pool["out_of"] == 11).all()
    assert set(pool["pool"]) == {"工单≥50件的行政事业单位"}
    assert (outside["out_of"] == 42).all() and (outside["due"] < 50).all()
    assert placed(outside, 1) == [("市公路建养中心", 100.0, 1)]
    finance = outside.set_index("unit").loc["市财政局"]
    assert (finance["rank"], finance["out_of"]) == (35, 42)
    assert finance["place"] == "第 35 / 42 · 行政事业单位全组（工单不足50件，通报不排名）"


def test_may_shows_rank_and_score_changes_against_march(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-05", "县市区").set_index("unit")

    assert ranking.loc["屈原管理区", ["rank", "previous_rank", "rank_change"]].tolist() == [1, 5, 4]
    assert ranking.loc["屈原管理区", "score_change"] == pytest.approx(2.5)
    assert ranking.loc["华容县", ["rank", "previous_rank", "rank_change"]].tolist() == [6, 1, -5]
    assert ranking.loc[["汨罗市", "君山区"], "rank"].tolist() == [7, 7]


def test_a_rank_change_is_given_only_between_places_of_the_same_kind(evaluations):
    ranking = rank_in_group(evaluations, "mailbox", "2024-05", "县市区").set_index("unit")

    # 城陵矶新港区: first in the pool in March; 5 letters in May, so outside it
    assert ranking.loc["城陵矶新港区", ["in_pool", "previous_rank"]].tolist() == [False, 1]
    assert pd.isna(ranking.loc["城陵矶新港区", "rank_change"])
    # 屈原管理区: outside the pool both months, first of the whole group both times
    assert ranking.loc["屈原管理区", ["rank", "previous_rank", "rank_change"]].tolist() == [1, 1, 0]
    louqu = ranking.loc["岳阳楼区", ["rank", "out_of", "previous_rank", "rank_change"]]
    assert louqu.tolist() == [8, 11, 10, 2]


def test_a_rate_where_less_is_better_ranks_the_lowest_first(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", "县市区", measure="rework_rate")

    assert [(r.unit, r.value, r.rank) for r in ranking.head(3).itertuples()] == [
        ("临湘市", 1.96, 1),
        ("云溪区", 1.97, 2),
        ("华容县", 3.37, 3),
    ]


def test_red_and_black_lists_keep_ties_at_the_edge_and_say_so(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", "县市区")

    top, bottom = top_and_bottom(ranking, 2)

    assert list(top["unit"]) == ["华容县", "云溪区", "临湘市"]
    assert list(bottom["unit"]) == ["城陵矶新港区", "平江县"]
    assert (
        list_note(top, 2, best=True) == "排名范围内名次最前的 2 名，并列同名次；因并列共 3 个单位。"
    )


def test_the_black_list_holds_the_pool_only_and_says_a_low_place_is_not_a_low_grade(
    evaluations,
):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", "行政事业单位")

    top, bottom = top_and_bottom(ranking, 3)

    assert list(bottom["unit"]) == ["市住建局", "市交通运输局", "市卫健委"]
    assert bottom["in_pool"].all() and top["in_pool"].all()
    assert list_note(bottom, 3, best=False) == (
        "排名范围内名次最后的 3 名，并列同名次；其中 3 个为 A 类：名次靠后不等于等级低。"
    )


def test_every_group_at_once_is_each_groups_ranking_in_turn(evaluations):
    # May 2024 prints 城陵矶新港区 under 县市区 and again under 行政事业单位: placed in both.
    everyone = rank_in_group(evaluations, "hotline", "2024-05", None)
    view = ranking_view(evaluations, "hotline", "2024-05", None)

    assert list(dict.fromkeys(everyone["group"])) == list(GROUPS)
    assert (everyone["unit_id"] == "城陵矶新港区").sum() == 2
    columns = ["unit", "rank", "out_of", "pool"]
    for group in GROUPS:
        alone = rank_in_group(evaluations, "hotline", "2024-05", group)[columns]
        assert (
            everyone.loc[everyone["group"] == group, columns].reset_index(drop=True).equals(alone)
        )
    assert view.top.empty and view.bottom.empty


def test_the_ranking_table_keeps_the_bulletins_precision_and_headings(evaluations):
    view = ranking_view(evaluations, "mailbox", "2024-05", "县市区", n=3)

    table = ranking_table(view.ranking, "mailbox")
    brief = ranking_table(view.top, "mailbox", brief=True)

    assert view.previous_period == "2024-03"
    assert list(table.frame.columns) == [
        "名次",
        "共",
        "部门名称",
        "综合指标值",
        "等级评价",
        "应办理数",
        "排名范围",
        "上期名次",
        "名次变化",
        "综合指标值变化",
    ]
    assert table.formats["综合指标值"] == "%.2f" and table.formats["综合指标值变化"] == "%+.2f"
    assert table.formats["应办理数"] == "%,d"
    assert table.frame.iloc[0].tolist()[:4] == [1, 11, "华容县", 100.0]
    assert list(brief.frame.columns) == ["名次", "部门名称", "综合指标值", "等级评价"]


def test_a_rate_ranking_table_shows_the_rate_in_percent_and_its_change_in_points(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-05", "县市区", measure="on_time_rate")

    table = ranking_table(ranking, "hotline", "on_time_rate")

    assert {"按期办结率（%）", "按期办结率变化（百分点）"} <= set(table.frame.columns)
    assert table.formats["按期办结率（%）"] == "%.2f" and table.formats["综合指标值"] == "%.1f"


def test_a_ranking_downloads_as_excel_with_chinese_headers_and_its_filters(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", None)
    table = ranking_table(ranking, "hotline")

    data = to_xlsx_bytes({"排名-2024-03": table.frame}, {"渠道": "热线", "分组": "全部分组"})

    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["排名-2024-03", "筛选条件"]
    rows = list(book["排名-2024-03"].values)
    assert rows[0][:5] == ("名次", "共", "部门名称", "分组", "综合指标值")
    assert rows[1][:5] == (1, 13, "华容县", "县市区", 96.8)
    assert list(book["筛选条件"].values)[1:] == [("渠道", "热线"), ("分组", "全部分组")]
