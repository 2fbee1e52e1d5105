"""The analysis pages under AppTest: on the two real bulletins and on an empty store."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import HOSTILE_NAMES, as_shown, made_bulletin, open_page, stored, texts
from tests.conftest import sample

PAGES = {
    "views/overview.py": "总览",
    "views/rankings.py": "排名",
    "views/grades.py": "等级分布",
    "views/compare.py": "单位对比",
    "views/trends.py": "趋势",
    "views/ledger.py": "加扣分",
    "views/alerts.py": "预警",
}
MARCH = {"period": ["2024年3月", "2024年3月"]}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A store holding the March and May 2024 samples, shared read-only by the tests here."""
    db = tmp_path_factory.mktemp("analysis") / "demo.db"
    stored(db, *(sample(name).bulletin for name in ("2024-03.pdf", "2024-05.pdf")))
    return db


def page(monkeypatch, db, path: str, **query) -> AppTest:
    at = open_page(monkeypatch, db, path, **query)
    assert at.title[0].value == PAGES[path]
    return at


def table(at: AppTest, column: str, nth: int = 0) -> pd.DataFrame:
    """The nth dataframe on the page that has `column`."""
    return as_shown([df.value for df in at.dataframe if column in df.value.columns][nth])


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_shows_the_demo_data_with_downloads(monkeypatch, demo_db, path):
    at = page(monkeypatch, demo_db, path, units=["岳阳楼区", "经开区"])

    assert at.dataframe
    labels = [b.label for b in at.download_button]
    assert labels.count("下载 CSV") == labels.count("下载 Excel") == len(at.dataframe)


@pytest.mark.parametrize("path", list(PAGES))
def test_an_empty_store_leads_to_the_upload_page(monkeypatch, tmp_path, path):
    at = page(monkeypatch, tmp_path / "empty.db", path)

    assert "通报库还是空的" in at.info[0].value
    assert [link.value for link in at.page_link] == ["去上传通报"]
    assert not at.dataframe


def test_march_ranking_of_counties_starts_with_the_bulletins_top_three(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/rankings.py", **MARCH)

    ranking = table(at, "名次")
    assert ranking[["名次", "部门名称", "综合指标值", "等级评价"]].head(4).values.tolist() == [
        [1, "华容县", 96.8, "A"],
        [2, "云溪区", 96.4, "A"],
        [2, "临湘市", 96.4, "A"],
        [4, "岳阳县", 95.9, "A"],
    ]
    assert ranking["上期名次"].isna().all()


def test_may_ranking_of_bureaus_in_the_bulletins_pool_from_the_url(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/rankings.py", group="行政事业单位")

    assert at.selectbox(key="group").value == "行政事业单位"
    ranking = table(at, "名次")
    assert ranking["部门名称"].head(3).tolist() == ["市教体局", "市邮政管理局", "市公安交警支队"]
    red, black = table(at, "名次", 1), table(at, "名次", 2)
    assert red[["名次", "部门名称"]].values.tolist() == [
        [1, "市教体局"],
        [2, "市邮政管理局"],
        [3, "市公安交警支队"],
        [4, "市人社局"],
        [5, "市交通运输局"],
        [5, "市卫健委"],
        [5, "市住房公积金管理中心"],
    ]
    assert black["部门名称"].tolist()[:2] == ["城陵矶新港区", "市税务局"]
    assert red.columns.tolist() == ["名次", "部门名称", "综合指标值", "等级评价"]
    notes = [c.value for c in at.caption]
    assert "排名范围内名次最前的 5 名，并列同名次；因并列共 7 个单位。" in notes
    assert any("工单≥50件的行政事业单位" in note for note in notes)
    assert not [w for w in at.number_input if w.label == "小样本阈值"]


def test_changing_the_group_reranks(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/rankings.py")
    at.selectbox(key="group").set_value("公共服务企业").run()

    ranking = table(at, "名次")
    assert ranking[["部门名称", "名次", "上期名次"]].head(2).values.tolist() == [
        ["市移动公司", 1, 1],
        ["市水务集团公司", 2, 2],
    ]


def test_overview_cards_show_may_against_march(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/overview.py")

    cards = {m.label: (m.value, m.delta) for m in at.metric}
    assert cards["受理来电"] == ("65,452", "-4,994 件")
    assert cards["群众满意率"] == ("91.54%", "-4.62 个百分点")
    assert table(at, "变化（件）").iloc[0].tolist() == ["受理来电", 65452, 70446, -4994]
    assert table(at, "变化（百分点）").iloc[2].tolist() == ["群众满意率", 91.54, 96.16, -4.62]
    assert table(at, "渠道").iloc[0].tolist() == ["热线", 57, 2, 1, 0, 2, 62, 16, 79]
    assert any(t.value.startswith("“五一”期间") for t in at.text)


def test_grades_page_lists_units_below_a_and_the_movers(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/grades.py")

    assert table(at, "上期等级")["部门名称"].tolist() == [
        "市国防动员办公室",
        "市国资委",
        "市农业农村局",
        "市民政局",
        "市生态环境局",
    ]
    matrix = table(at, "2024年3月 ＼ 2024年5月")
    assert matrix.iloc[0].tolist() == ["A", 51, 2, 0, 0, 1, 3]
    movers = table(at, "变化最大的指标")
    assert movers[["部门名称", "等级变动", "本期分数"]].iloc[0].tolist() == [
        "市国防动员办公室",
        "A → E",
        58.3,
    ]


def test_compare_two_units_named_by_alias_from_the_url(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/compare.py", units=["经开区", "岳阳电信公司"])

    month = table(at, "项目").set_index("项目")
    assert month.columns.tolist() == ["岳阳经开区", "市电信公司"]
    assert month.loc["名次"].tolist() == [
        "第 12 / 13 · 全部县市区",
        "第 4 / 6 · 工单≥100件的公共服务企业",
    ]
    assert month.loc["综合指标值"].tolist() == ["95.1", "93.8"]
    assert month.loc["按期办结率（%）"].tolist() == ["99.17", "95.97"]
    both = table(at, "渠道")
    assert both.loc[both["渠道"] == "热线", "综合指标值"].tolist() == ["95.1", "93.8"]
    median = table(at, "组中位数").set_index(["部门名称", "指标"])
    assert median.loc[("岳阳经开区", "综合指标值"), ["本单位", "组中位数", "差值"]].tolist() == [
        "95.1",
        "96.6",
        "-1.5",
    ]


def test_compare_with_no_unit_asks_for_units(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/compare.py")

    assert "选择要对比的单位" in at.info[0].value
    assert not at.dataframe


def test_trends_page_shows_the_city_month_by_month(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/trends.py", channel="市长信箱")

    counts, rates = table(at, "受理来电"), table(at, "群众满意率（%）")
    assert counts[["月份", "受理来电"]].values.tolist() == [
        ["2024年3月", 70446],
        ["2024年5月", 65452],
    ]
    assert rates["群众满意率（%）"].tolist() == [96.16, 91.54]
    assert table(at, "A 类").columns.tolist() == ["月份", "A 类", "B 类", "C 类"]


def test_ledger_search_finds_a_work_order_number(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/ledger.py", adj_q="120836", adj_view="明细")

    details = table(at, "明细")
    assert details[["月份", "部门名称", "加扣分值"]].values.tolist() == [
        ["2024年3月", "岳阳楼区", -1.0]
    ]
    assert "1 条，扣分合计 -1 分，加分合计 0 分" in at.caption[0].value


def test_alerts_link_each_unit_to_its_comparison(monkeypatch, demo_db):
    at = page(monkeypatch, demo_db, "views/alerts.py")

    falls = table(at, "上次列入")
    assert falls["部门名称"].tolist() == ["市国防动员办公室", "市民政局", "市生态环境局"]
    assert (
        falls["对比"]
        .iat[1]
        .startswith("compare?units=%E5%B8%82%E6%B0%91%E6%94%BF%E5%B1%80&channel=%E7%83%AD%E7%BA%BF")
    )
    assert "综合指标值连续下降（0 个）" in [h.value for h in at.subheader]
    assert "没有符合条件的数据。" in [c.value for c in at.caption]
    assert not [df for df in at.dataframe if "连续下降次数" in df.value.columns]


def test_parsed_names_never_reach_markdown(monkeypatch, tmp_path):
    db = tmp_path / "hostile.db"
    stored(db, made_bulletin(2024, 3, HOSTILE_NAMES), made_bulletin(2024, 4, HOSTILE_NAMES))
    for path in PAGES:
        at = page(monkeypatch, db, path, units=list(HOSTILE_NAMES))
        shown = list(texts(at))
        assert not any(name in text for name in HOSTILE_NAMES for text in shown), (path, shown)
