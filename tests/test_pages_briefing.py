"""The 接听日简报 page under AppTest: pick a unit, read its briefing, switch month, print view,
batch, visit details, an empty library, and names that carry markup."""

from __future__ import annotations

from datetime import date

import pytest

from tests.apptest import HOSTILE_NAMES, made_bulletin, open_app, stored, texts

PAGE = "views/briefing.py"


@pytest.fixture
def page(monkeypatch, samples_db):
    at = open_app(monkeypatch, samples_db).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def pick(at, unit: str):
    at.selectbox(key="unit").set_value(unit).run()
    assert not at.exception
    return at


def metrics(at) -> list[tuple[str, str, str | None]]:
    return [(m.label, m.value, m.delta) for m in at.metric]


def test_the_page_asks_for_a_unit(page):
    assert page.title[0].value == "接听日简报"
    assert [i.value for i in page.info] == ["选择一个单位，查看它的接听日简报。"]
    assert not page.metric


def test_a_unit_s_briefing_on_screen(page):
    pick(page, "岳阳楼区")
    assert page.subheader[0].value == "岳阳楼区 · 2024年5月通报数据"
    assert metrics(page) == [
        ("综合指标值", "95.5", "+2.0"),
        ("等级", "A", "上期 A"),
        ("名次", "10/13", "+1 位"),
        ("综合指标值", "98.83", "+1.75"),
        ("等级", "A", "上期 A"),
        ("名次", "8/11", "+2 位"),
    ]
    hotline, mailbox = (frame.value for frame in page.dataframe)
    assert hotline.columns.tolist() == ["指标", "本单位（%）", "组中位数（%）", "差距（百分点）"]
    assert hotline.iloc[1].tolist() == ["按期办结率", "98.57", "99.77", "-1.20（较弱）"]
    assert mailbox.iloc[1].tolist() == ["按期办结率", "100.00", "100.00", "持平"]
    shown = list(texts(page))
    assert any(
        t.startswith("**2024年5月 · 扣分 -1 · 热线办理质量**：") and "537509、412489" in t
        for t in shown
    )
    assert (
        "**热线进入组内前三（≥ 97\\.2 分），差 1\\.7 分**\n"
        "- 超期办结仅 11 件，全部改善也只 \\+0\\.11 分\n"
        "- 返工仅 260 件，全部改善也只 \\+1\\.69 分\n"
        "- 少 255 次不满意回访（本月 310 次），回访数推算为 2991–2993 次" in shown
    )
    assert page.get("download_button")[0].label == "下载 Word（.docx）"


def test_an_earlier_month(page):
    pick(page, "市城管局")
    page.selectbox(key="month").set_value("2024-03").run()
    assert metrics(page) == [
        ("综合指标值", "96.7", ""),
        ("等级", "A", ""),
        ("名次", "2/11", ""),
        ("综合指标值", "75.83", ""),
        ("等级", "C", ""),
        ("名次", "9/9", ""),
    ]
    assert any("案件编号为190307的信件超期结案" in t for t in texts(page))


def test_units_are_listed_with_their_aliases(page):
    options = page.selectbox(key="unit").options
    assert "岳阳经开区（岳阳经济技术开发区、经开区）" in options
    assert "国网岳阳供电公司（市国网供电公司）" in options


def test_the_visit_goes_into_the_briefing(page):
    pick(page, "岳阳楼区")
    page.text_input(key="briefing-leader").input("王明").run()
    page.text_input(key="briefing-title").input("区长").run()
    page.date_input(key="briefing-day").set_value(date(2024, 6, 18)).run()
    assert page.caption[1].value.startswith("接听领导：王明 区长　接听日期：2024年6月18日")


def test_the_print_view_is_the_a4_sheet(page):
    pick(page, "岳阳楼区")
    page.toggle(key="print").set_value(True).run()
    assert not page.exception
    bodies = [element.proto.body for element in page.get("html")]
    sheet = next(b for b in bodies if b.startswith('<div class="hotline-briefing">'))
    assert "岳阳楼区 · 2024年5月通报数据" in sheet
    assert any("@media print" in b and "stSidebar" in b for b in bodies)
    assert not page.metric


def test_batch_offers_one_zip_for_the_units_picked(page):
    page.multiselect(key="briefing-batch-units").set_value(["岳阳楼区", "市城管局"]).run()
    labels = [button.label for button in page.get("download_button")]
    assert "下载 2 份简报（.zip）" in labels


def test_an_empty_library_points_to_upload(monkeypatch, tmp_path):
    at = open_app(monkeypatch, tmp_path / "empty.db").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "通报库还是空的" in at.info[0].value
    assert not at.selectbox


def test_names_with_markup_stay_text(monkeypatch, tmp_path):
    db = tmp_path / "hostile.db"
    stored(db, made_bulletin(2024, 5, HOSTILE_NAMES))
    at = open_app(monkeypatch, db).run()
    at.switch_page(PAGE).run()
    for name in HOSTILE_NAMES:
        pick(at, name)
        assert all("<script>" not in t and "](javascript" not in t for t in texts(at))
        at.toggle(key="print").set_value(True).run()
        sheet = next(
            e.proto.body
            for e in at.get("html")
            if e.proto.body.startswith('<div class="hotline-briefing">')
        )
        assert "<script>" not in sheet
        at.toggle(key="print").set_value(False).run()


def test_a_briefing_is_a_link(monkeypatch, samples_db):
    at = open_app(monkeypatch, samples_db)
    at.query_params.update({"unit": "市城管局", "month": "2024年3月", "print": "true"})
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    sheet = next(
        e.proto.body
        for e in at.get("html")
        if e.proto.body.startswith('<div class="hotline-briefing">')
    )
    assert "市城管局 · 2024年3月通报数据" in sheet
