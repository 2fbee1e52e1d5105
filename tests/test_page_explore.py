"""The 自助分析 page under AppTest: build a chart, save it, open it again from its link; who may
save; links that name no view or an outdated one; hostile view names stay text."""

from __future__ import annotations

import json
from statistics import mean

import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.explore import Spec
from lib.store import Store
from tests.apptest import FIXTURES, HOSTILE_NAMES, open_app, stored, texts
from tests.conftest import sample

PAGE = "views/explore.py"
MARCH = json.loads((FIXTURES / "2024-03.truth.json").read_text(encoding="utf-8"))


@pytest.fixture
def db(tmp_path):
    db = tmp_path / "samples.db"
    stored(db, *(sample(name).bulletin for name in ("2024-03.pdf", "2024-05.pdf")))
    return db


def explore(monkeypatch, db, **query) -> AppTest:
    at = open_app(monkeypatch, db)
    at.query_params.update(query)
    at.run()
    at.switch_page(PAGE).run()
    assert_fine(at)
    assert at.title[0].value == "自助分析"
    return at


def assert_fine(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def pick(at: AppTest, key: str, value) -> AppTest:
    at.selectbox(key=key).select(value).run()
    assert_fine(at)
    return at


def pivot(at: AppTest) -> list[list]:
    (table,) = [df.value for df in at.dataframe if "综合指标值（平均值）" in df.value.columns]
    return table.values.tolist()


def saved_views(db) -> list[tuple[int, str, Spec]]:
    store = Store.open(f"sqlite:///{db}")
    try:
        views = store.frame("saved_views")
    finally:
        store.close()
    return [
        (i, n, Spec.from_json(s)) for i, n, s in zip(views.id, views.name, views.spec, strict=True)
    ]


def march_mean_score(group: str) -> float:
    rows = [e for e in MARCH["evaluations"] if e["channel"] == "hotline" and e["group"] == group]
    return round(mean(e["score"] for e in rows), 2)


def test_build_a_bar_chart_by_group_save_it_and_open_it_from_its_link(monkeypatch, db):
    at = explore(monkeypatch, db, period=["2024年3月", "2024年3月"])
    assert [s.label for s in at.selectbox] == ["数据表", "指标", "汇总方式", "维度", "分色", "图表"]
    pick(at, "ex_by", "group")
    pick(at, "ex_chart", "bar")
    groups = ("县市区", "行政事业单位", "公共服务企业")
    assert pivot(at) == [[g, march_mean_score(g)] for g in groups]
    assert at.get("vega_lite_chart")

    at.text_input(key="ex-name").input("三月各分组得分")
    at.button(key="FormSubmitter:explore-save-保存视图").click().run()
    assert_fine(at)

    ((view_id, name, spec),) = saved_views(db)
    assert name == "三月各分组得分"
    assert spec == Spec(
        dimension="group", chart="bar", channel="hotline", start="2024-03", end="2024-03"
    )
    assert at.query_params["view"] == str(view_id)
    (link,) = [c.value for c in at.code]
    assert link == f"explore?view={view_id}&channel=热线&period=2024年3月&period=2024年3月"

    again = explore(
        monkeypatch, db, view=str(view_id), channel="热线", period=["2024年3月", "2024年3月"]
    )
    assert again.selectbox(key="ex_by").value == "group"
    assert again.selectbox(key="ex_chart").value == "bar"
    assert pivot(again) == [[g, march_mean_score(g)] for g in groups]
    assert any("已保存的视图“三月各分组得分”" in t for t in texts(again))


def test_changing_an_opened_view_leaves_the_saved_one_alone(monkeypatch, db):
    store = Store.open(f"sqlite:///{db}")
    view_id = store.save_view("各分组", Spec(dimension="group", chart="bar").to_json())
    store.close()
    at = explore(monkeypatch, db, view=str(view_id), channel="热线")

    pick(at, "ex_measure", "on_time_rate")

    assert "view" not in at.query_params
    assert not at.code
    assert saved_views(db) == [(view_id, "各分组", Spec(dimension="group", chart="bar"))]


def test_a_link_to_a_deleted_view_says_so_and_shows_the_defaults(monkeypatch, db):
    at = open_app(monkeypatch, db)
    at.query_params["view"] = "999"
    at.run()
    at.switch_page(PAGE).run()

    assert not at.exception
    assert [e.value for e in at.error] == [
        "链接中的视图不存在（可能已被删除），下面显示的是默认设置"
    ]
    assert at.selectbox(key="ex_by").value == "period"


def test_an_outdated_view_says_what_no_longer_fits(monkeypatch, db):
    store = Store.open(f"sqlite:///{db}")
    view_id = store.save_view("旧视图", '{"measure": "retired_figure"}')
    store.close()
    at = open_app(monkeypatch, db)
    at.query_params["view"] = str(view_id)
    at.run()
    at.switch_page(PAGE).run()

    assert not at.exception
    assert "（指标 retired\\_figure）" in at.error[0].value
    assert pivot(at)


def test_the_measures_are_named_per_channel(monkeypatch, db):
    at = explore(monkeypatch, db, channel="市长信箱")

    measures = at.selectbox(key="ex_measure").options
    assert "回访满意数" in measures and "回访不满意数" not in measures
    assert "群众满意率" in measures and "群众不满意率" not in measures


def test_a_name_in_use_is_refused_and_nothing_is_overwritten(monkeypatch, db):
    store = Store.open(f"sqlite:///{db}")
    store.save_view("得分", Spec().to_json())
    store.close()
    at = explore(monkeypatch, db)
    pick(at, "ex_by", "group")

    at.text_input(key="ex-name").input("得分")
    at.button(key="FormSubmitter:explore-save-保存视图").click().run()

    assert not at.exception
    assert "已有同名的视图" in at.error[0].value
    assert [(n, s) for _, n, s in saved_views(db)] == [("得分", Spec())]


def test_a_viewer_may_open_views_but_not_save_or_delete(monkeypatch, db, exposed):
    store = Store.open(f"sqlite:///{db}")
    view_id = store.save_view("各分组", Spec(dimension="group").to_json())
    store.close()

    at = explore(monkeypatch, db, view=str(view_id), channel="热线")

    assert at.selectbox(key="ex_by").value == "group"
    assert not at.text_input
    assert [b.label for b in at.button] == []
    assert "保存视图需要编辑权限" in at.main.info[0].value
    assert any("浏览器地址栏中的网址已包含当前的全部选择" in t for t in texts(at))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_view_name_is_shown_as_text(monkeypatch, db, name):
    store = Store.open(f"sqlite:///{db}")
    view_id = store.save_view(name, Spec().to_json())
    store.close()

    at = explore(monkeypatch, db, view=str(view_id), channel="热线")

    (listed,) = [df.value for df in at.dataframe if "名称" in df.value.columns]
    assert listed["名称"].tolist() == [name]
    assert all(name not in t for t in texts(at))


def test_an_editor_deletes_a_view(monkeypatch, db):
    store = Store.open(f"sqlite:///{db}")
    view_id = store.save_view("各分组", Spec(dimension="group").to_json())
    store.close()
    at = explore(monkeypatch, db, view=str(view_id), channel="热线")

    at.selectbox(key="explore-delete").select(view_id).run()
    at.button(key="explore-delete-button").click().run()

    assert_fine(at)
    assert saved_views(db) == []
    assert "view" not in at.query_params


def test_an_empty_store_leads_to_the_upload_page(monkeypatch, tmp_path):
    at = explore(monkeypatch, tmp_path / "empty.db")

    assert "通报库还是空的" in at.info[0].value
    assert [link.value for link in at.page_link] == ["去上传通报"]
    assert not at.selectbox
