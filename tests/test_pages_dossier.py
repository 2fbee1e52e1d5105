"""单位档案 under AppTest: the directory, one unit's dossier, and each kind of period."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.apptest import HOSTILE_NAMES, made_bulletin, open_page, stored, texts
from tests.quarter_library import store_quarter

PAGE = "views/dossier.py"


@pytest.fixture(scope="module")
def quarter_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("dossier-quarter") / "quarter.db"
    store_quarter(db)
    return db


def page(monkeypatch, db, **query):
    at = open_page(monkeypatch, db, PAGE, **query)
    assert at.title[0].value == "单位档案"
    return at


def frame_with(at, column: str, nth: int = 0) -> pd.DataFrame:
    return [df.value for df in at.dataframe if column in df.value.columns][nth]


def said(at) -> str:
    return "\n".join(texts(at))


def test_the_page_starts_with_every_unit_each_linked_to_its_dossier(monkeypatch, samples_db):
    at = page(monkeypatch, samples_db)

    units = frame_with(at, "热线综合指标值")
    assert len(units) == 70
    assert "dossier?unit=%E5%B2%B3%E9%98%B3%E6%A5%BC%E5%8C%BA" in units["单位"].tolist()
    assert "共 70 个单位" in said(at)

    at.text_input(key="dossier-search").set_value("经开区").run()
    found = frame_with(at, "热线综合指标值")
    assert found["单位"].tolist() == ["dossier?unit=%E5%B2%B3%E9%98%B3%E7%BB%8F%E5%BC%80%E5%8C%BA"]
    assert found["其他名称"].str.contains("经开区").all()


def test_a_dossier_from_its_link_shows_the_whole_record(monkeypatch, samples_db):
    at = page(monkeypatch, samples_db, unit="岳阳楼区")

    assert at.selectbox(key="unit").value == "岳阳楼区"
    text = said(at)
    assert "2024年3月 – 2024年5月 · 库中 2 个月 · 缺 2024年4月" in text
    hotline = frame_with(at, "应办理数")
    assert hotline["月份"].tolist() == ["2024年3月", "2024年5月"]
    assert hotline["综合指标值"].tolist() == [93.5, 95.5]
    totals = frame_with(at, "热线").set_index("项目")["热线"]
    assert totals[
        ["应办理数", "综合指标值（按公式）", "综合指标值（各月平均）", "各月等级"]
    ].tolist() == [
        "6,405",
        "94.4",
        "94.5",
        "A×2",
    ]
    ledger = frame_with(at, "累计净分")
    assert ledger["累计净分"].tolist() == [-1.0, -0.5, -1.5, 0.0, 1.0]
    assert any("120836" in d for d in ledger["明细"])
    named = frame_with(at, "原文摘录")
    assert named[["月份", "栏目", "条目"]].values.tolist() == [
        ["2024年3月", "存在的问题", "第1条"],
        ["2024年5月", "存在的问题", "第1条"],
        ["2024年5月", "存在的问题", "第2条"],
        ["2024年5月", "热点焦点", "第2条"],
    ]
    assert "**热线进入组内前三（≥ 97\\.2 分），差 1\\.7 分**" in text
    labels = [b.label for b in at.download_button]
    assert {"下载 Word（.docx）", "下载 Excel（每部分一页）"} <= set(labels)


@pytest.mark.parametrize(
    ("query", "label", "months"),
    [
        ({}, "2024年10月 – 2024年12月", "库中 2 个月 · 缺 2024年11月"),
        ({"span": "月"}, "2024年12月", "库中 1 个月"),
        ({"span": "季度"}, "2024年第四季度", "库中 2 个月 · 缺 2024年11月"),
        (
            {"span": "半年"},
            "2024年下半年",
            "库中 2 个月 · 缺 2024年7月、2024年8月、2024年9月、2024年11月",
        ),
        ({"span": "年度"}, "2024年度", "库中 2 个月 · 缺 2024年1月"),
    ],
)
def test_each_kind_of_period(monkeypatch, quarter_db, query, label, months):
    at = page(monkeypatch, quarter_db, unit="岳阳楼区", **query)

    assert f"{label} · {months}" in said(at)
    history = frame_with(at, "应办理数")
    expected = ["2024年12月"] if query.get("span") == "月" else ["2024年10月", "2024年12月"]
    assert history["月份"].tolist() == expected


def test_a_quarter_recomputes_the_mailbox_from_counts(monkeypatch, quarter_db):
    at = page(monkeypatch, quarter_db, unit="岳阳楼区", span="季度")

    mailbox = frame_with(at, "市长信箱").set_index("项目")["市长信箱"]
    assert mailbox[
        ["按期办结率（%）", "群众满意率（%）", "综合指标值（按公式）", "综合指标值（各月平均）"]
    ].tolist() == [
        "93.15",
        "86.54",
        "94.79",
        "94.14",
    ]
    assert mailbox["各月等级"] == "A×1 B×1"
    assert at.selectbox(key="quarter").value.label == "2024年第四季度"


def test_a_period_chosen_on_the_page_is_the_dossiers(monkeypatch, samples_db):
    at = page(monkeypatch, samples_db, unit="岳阳楼区")
    at.segmented_control(key="span").set_value("quarter").run()

    assert at.selectbox(key="quarter").value.label == "2024年第二季度"
    assert "2024年第二季度 · 库中 1 个月 · 缺 2024年4月、2024年6月" in said(at)
    at.selectbox(key="quarter").set_value(at.selectbox(key="quarter").options[0]).run()
    assert "2024年第一季度 · 库中 1 个月 · 缺 2024年1月、2024年2月" in said(at)


def test_a_unit_not_in_the_library_leaves_the_directory(monkeypatch, samples_db):
    at = page(monkeypatch, samples_db, unit="岳阳塔区")

    assert at.selectbox(key="unit").value is None
    assert len(frame_with(at, "热线综合指标值")) == 70


def test_an_empty_library_leads_to_the_upload_page(monkeypatch, tmp_path):
    at = page(monkeypatch, tmp_path / "empty.db")

    assert "通报库还是空的" in at.info[0].value


def test_hostile_unit_names_are_shown_as_text(monkeypatch, tmp_path):
    db = tmp_path / "hostile.db"
    stored(db, made_bulletin(2024, 3, HOSTILE_NAMES), made_bulletin(2024, 4, HOSTILE_NAMES))
    listed = page(monkeypatch, db)
    unit_id = listed.selectbox(key="unit").options[0]

    at = page(monkeypatch, db, unit=unit_id)

    assert at.selectbox(key="unit").value == unit_id
    assert frame_with(at, "应办理数")["月份"].tolist() == ["2024年3月", "2024年4月"]
    assert not any("<script>" in t or "](javascript" in t for t in texts(at))
