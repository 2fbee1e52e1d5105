"""Rankings on the two real bulletins: ties, small samples, changes, 红黑榜."""

from __future__ import annotations

import io

import openpyxl
import pytest

from lib.analysis.rankings import rank_in_group, ranking_table, ranking_view, ranks, top_and_bottom
from lib.export import to_xlsx_bytes
from tests.demo_frames import demo


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
    assert set(ranking["out_of"]) == {13}
    assert ranking["previous_rank"].isna().all()


@pytest.mark.parametrize(
    ("channel", "period", "group", "min_due", "expected"),
    [
        # 工单考核: "工单量50件以上的行政事业单位…前三位：市人社局（96.9分）、市公安交警支队（96.7分）和市城管局（96.7分）"
        (
            "hotline",
            "2024-03",
            "行政事业单位",
            50,
            [("市人社局", 96.9, 1), ("市公安交警支队", 96.7, 2), ("市城管局", 96.7, 2)],
        ),
        # "工单量100件以上的公共服务企业…：岳阳移动公司（96.5分）、市水务集团公司（96.3分）和市公交集团公司（96.1分）"
        (
            "hotline",
            "2024-03",
            "公共服务企业",
            100,
            [("市移动公司", 96.5, 1), ("市水务集团公司", 96.3, 2), ("市公交集团公司", 96.1, 3)],
        ),
        (
            "hotline",
            "2024-05",
            "行政事业单位",
            50,
            [("市教体局", 99.2, 1), ("市邮政管理局", 99.0, 2), ("市公安交警支队", 98.9, 3)],
        ),
        # 市长信箱: "信件办理量在15件以上且综合指标排名前三的有：华容县（100分）、云溪区（100分）和岳阳经开区（99.84分）"
        (
            "mailbox",
            "2024-05",
            "县市区",
            15,
            [("华容县", 100.0, 1), ("云溪区", 100.0, 1), ("岳阳经开区", 99.84, 3)],
        ),
    ],
)
def test_leaving_small_samples_out_gives_the_bulletins_own_top_three(
    evaluations, channel, period, group, min_due, expected
):
    ranking = rank_in_group(
        evaluations, channel, period, group, min_due=min_due, exclude_small=True
    )

    assert placed(ranking, 3) == expected
    small = ranking[ranking["small"]]
    assert small["rank"].isna().all() and (small["due"] < min_due).all()
    assert ranking["rank"].tail(len(small)).isna().all()


def test_small_samples_are_marked_but_ranked_unless_left_out(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", "行政事业单位", min_due=10)

    assert ranking.loc[ranking["unit"] == "市财政局", "small"].item()
    assert placed(ranking, 1) == [("市公路建养中心", 100.0, 1)]
    assert ranking["rank"].notna().all()
    assert (ranking["out_of"] == 42).all()


def test_may_shows_rank_and_score_changes_against_march(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-05", "县市区").set_index("unit")

    assert ranking.loc["屈原管理区", ["rank", "previous_rank", "rank_change"]].tolist() == [1, 5, 4]
    assert ranking.loc["屈原管理区", "score_change"] == pytest.approx(2.5)
    assert ranking.loc["华容县", ["rank", "previous_rank", "rank_change"]].tolist() == [6, 1, -5]
    assert ranking.loc[["汨罗市", "君山区"], "rank"].tolist() == [7, 7]


def test_a_rate_where_less_is_better_ranks_the_lowest_first(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", "县市区", measure="rework_rate")

    assert [(r.unit, r.value, r.rank) for r in ranking.head(3).itertuples()] == [
        ("临湘市", 1.96, 1),
        ("云溪区", 1.97, 2),
        ("华容县", 3.37, 3),
    ]


def test_red_and_black_lists_keep_ties_at_the_edge(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", "县市区")

    top, bottom = top_and_bottom(ranking, 2)

    assert list(top["unit"]) == ["华容县", "云溪区", "临湘市"]
    assert list(bottom["unit"]) == ["城陵矶新港区", "平江县"]


def test_ranking_all_groups_counts_a_unit_printed_twice_once(evaluations):
    # May 2024 prints 城陵矶新港区 under 县市区 and again under 行政事业单位.
    in_group = rank_in_group(evaluations, "hotline", "2024-05", "行政事业单位")
    everyone = rank_in_group(evaluations, "hotline", "2024-05", None)

    assert "城陵矶新港区" in set(in_group["unit"])
    assert (everyone["unit_id"] == "城陵矶新港区").sum() == 1
    assert everyone["out_of"].iat[0] == 62
    assert (everyone["rank"] == 1).sum() == 7
    assert placed(everyone.iloc[7:10]) == [
        ("市教体局", 99.2, 8),
        ("市邮政管理局", 99.0, 9),
        ("市公安交警支队", 98.9, 10),
    ]


def test_ranks_of_every_month_at_once_match_the_monthly_ranking(evaluations):
    every = ranks(evaluations, "mailbox")
    may = every[(every["period"] == "2024-05") & (every["group"] == "县市区")]
    monthly = rank_in_group(evaluations, "mailbox", "2024-05", "县市区")

    assert dict(zip(may["unit"], may["rank"], strict=True)) == dict(
        zip(monthly["unit"], monthly["rank"], strict=True)
    )


def test_the_ranking_table_keeps_the_bulletins_precision_and_headings(evaluations):
    view = ranking_view(
        evaluations, "mailbox", "2024-05", "县市区", min_due=15, exclude_small=True, n=3
    )

    table = ranking_table(view.ranking, "mailbox")
    brief = ranking_table(view.top, "mailbox", brief=True)

    assert view.previous_period == "2024-03"
    assert list(table.frame.columns) == [
        "名次",
        "部门名称",
        "分组",
        "综合指标值",
        "等级评价",
        "应办理数",
        "小样本",
        "上期名次",
        "名次变化",
        "综合指标值变化",
    ]
    assert table.formats["综合指标值"] == "%.2f" and table.formats["综合指标值变化"] == "%+.2f"
    assert table.frame.iloc[0].tolist()[:4] == [1, "华容县", "县市区", 100.0]
    assert list(brief.frame.columns) == ["名次", "部门名称", "综合指标值", "等级评价", "小样本"]
    assert set(table.frame["小样本"]) == {"", "是"}


def test_a_rate_ranking_table_shows_the_rate_and_its_change(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-05", "县市区", measure="on_time_rate")

    table = ranking_table(ranking, "hotline", "on_time_rate")

    assert "按期办结率" in table.frame.columns and "按期办结率变化" in table.frame.columns
    assert table.formats["按期办结率"] == "%.2f" and table.formats["综合指标值"] == "%.1f"


def test_a_ranking_downloads_as_excel_with_chinese_headers_and_its_filters(evaluations):
    ranking = rank_in_group(evaluations, "hotline", "2024-03", "县市区")
    table = ranking_table(ranking, "hotline")

    data = to_xlsx_bytes({"排名-2024-03": table.frame}, {"渠道": "热线", "分组": "县市区"})

    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["排名-2024-03", "筛选条件"]
    rows = list(book["排名-2024-03"].values)
    assert rows[0][:4] == ("名次", "部门名称", "分组", "综合指标值")
    assert rows[1][:4] == (1, "华容县", "县市区", 96.8)
    assert list(book["筛选条件"].values)[1:] == [("渠道", "热线"), ("分组", "县市区")]
