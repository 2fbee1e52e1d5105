"""Periods and 同比 on the analysis pages under AppTest.

The store holds the March and May 2024 samples and, as May 2023, a copy of March (the same
figures under another month): so May 2024 has a month a year earlier whose values are known —
March's — and every 同比 below is May 2024 against March 2024's printed figures.
"""

from __future__ import annotations

import copy
import hashlib

import pytest

from lib.model import Issue, Period
from lib.store import Store
from tests.apptest import as_shown, open_page, texts
from tests.conftest import sample


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("periods") / "hotline.db"
    earlier = copy.deepcopy(sample("2024-03.pdf").bulletin)
    earlier.period, earlier.issue = Period(2023, 5), Issue(2023, 5, "2023年第5期")
    earlier.source.filename = "2023-05.pdf"
    earlier.source.sha256 = hashlib.sha256(b"2023-05").hexdigest()
    store = Store.open(f"sqlite:///{path}")
    try:
        assert store.import_bulletin(earlier, b"2023-05").status == "imported"
        for name in ("2024-03.pdf", "2024-05.pdf"):
            store.import_bulletin(sample(name).bulletin, sample(name).data)
    finally:
        store.close()
    return path


def table(at, column: str, nth: int = 0):
    return as_shown([df.value for df in at.dataframe if column in df.value.columns][nth])


def said(at) -> str:
    return "\n".join(texts(at))


def test_overview_cards_give_the_same_month_a_year_earlier(monkeypatch, db):
    at = open_page(monkeypatch, db, "views/overview.py")

    cards = {m.label: m.delta for m in at.metric}
    assert cards["受理来电"] == "-4,994 件"
    assert "同比 -4,994 件" in said(at)
    assert "同比为与去年同期（2023年5月）相比" in said(at)
    counts = table(at, "同比（件）")
    assert counts.iloc[0].tolist() == ["受理来电", 65452, 70446, -4994, 70446, -4994]


def test_the_month_ranking_gives_its_change_since_a_year_earlier(monkeypatch, db):
    at = open_page(monkeypatch, db, "views/rankings.py")

    ranking = table(at, "同比名次变化").set_index("部门名称")
    assert ranking.loc["岳阳楼区", ["名次", "上期名次", "同比名次变化"]].tolist() == [10, 11, 1]
    assert ranking.loc["岳阳楼区", "综合指标值同比变化"] == 2.0
    assert "上期为2024年3月，去年同期为2023年5月" in said(at)


@pytest.mark.parametrize(
    ("kind", "label", "score", "grades"),
    [
        ("季度", "2024年第二季度", 95.5, "A×1"),
        ("半年", "2024年上半年", 94.4, "A×2"),
        ("年度", "2024年度", 94.4, "A×2"),
        ("任意期间", "2024年3月 – 2024年5月", 94.4, "A×2"),
    ],
)
def test_the_ranking_of_a_period_is_recomputed_from_counts(
    monkeypatch, db, kind, label, score, grades
):
    at = open_page(
        monkeypatch, db, "views/rankings.py", span=kind, period=["2024年3月", "2024年5月"]
    )

    ranking = table(at, "名次").set_index("部门名称")
    assert ranking.loc["岳阳楼区", ["综合指标值", "等级评价"]].tolist() == [score, grades]
    assert label in said(at)
    assert "期间数据由各月计数重新计算" in said(at)


def test_a_quarter_ranking_names_its_missing_months_and_compares_with_the_quarter_before(
    monkeypatch, db
):
    at = open_page(monkeypatch, db, "views/rankings.py", span="季度")

    assert "缺 2024年4月、2024年6月" in said(at)
    assert "上期为2024年第一季度，去年同期为2023年第二季度" in said(at)
    ranking = table(at, "名次").set_index("部门名称")
    assert ranking.loc["岳阳楼区", ["上期名次", "名次变化", "同比名次变化"]].tolist() == [11, 1, 1]


def test_grades_over_a_quarter_count_each_units_monthly_grades(monkeypatch, db):
    at = open_page(
        monkeypatch, db, "views/grades.py", span="半年", period=["2024年3月", "2024年5月"]
    )

    grades = table(at, "各月等级").set_index("部门名称")
    assert grades.loc["市国资委", ["E 类（月）", "各月等级"]].tolist() == [2, "E×2"]
    assert "列入月数" not in grades.columns  # in the download: the letters' months add up to it
    assert "下载的表格另有：分组、列入月数。" in said(at)
    assert grades.index[0] == "市国资委"
    assert "2024年上半年各单位的月度等级（热线）" in said(at)
    assert "市国防动员办公室" in table(at, "上期等级")["部门名称"].tolist()


def test_compare_two_units_over_a_half_year(monkeypatch, db):
    at = open_page(
        monkeypatch,
        db,
        "views/compare.py",
        units=["岳阳楼区", "经开区"],
        span="半年",
        period=["2024年3月", "2024年5月"],
    )

    month = table(at, "项目").set_index("项目")
    assert month.loc["综合指标值", "岳阳楼区"] == "94.4"
    assert month.loc["等级评价", "岳阳楼区"] == "A×2"
    assert "2024年上半年指标对比（热线）" in said(at)
    links = [link.label for link in at.get("page_link")]
    assert "岳阳楼区的单位档案" in links


@pytest.mark.parametrize(
    ("kind", "rows"),
    [
        (
            "月",
            [
                ["2023年5月", 70446, None, None, None, None],
                ["2024年3月", 70446, 70446, 0, None, None],
                ["2024年5月", 65452, 70446, -4994, 70446, -4994],
            ],
        ),
        (
            "季度",
            [
                ["2023年第二季度", 70446, None, None, None, None],
                ["2024年第一季度", 70446, None, None, None, None],
                ["2024年第二季度", 65452, 70446, -4994, 70446, -4994],
            ],
        ),
    ],
)
def test_trends_give_each_period_its_change_and_the_change_since_a_year_earlier(
    monkeypatch, db, kind, rows
):
    at = open_page(monkeypatch, db, "views/trends.py", span=kind, period=["2023年5月", "2024年5月"])

    changes = table(at, "同比")
    shown = changes.drop(columns=["缺少的月份"]).astype(object)
    assert shown.where(shown.notna(), None).values.tolist() == rows
