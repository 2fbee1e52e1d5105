"""The analysis pages in a real browser: overview → rankings → comparison of two units, a
filter changed on the way, and the URL reloaded to the same view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.apptest import stored
from tests.browser.appserver import wait_idle
from tests.conftest import sample
from ui.links import dossier_url


@pytest.fixture
def demo_url(start_app, tmp_path: Path) -> str:
    db = tmp_path / "samples.db"
    stored(db, *(sample(name).bulletin for name in ("2024-03.pdf", "2024-05.pdf")))
    return start_app(db=db)


def grid(page: Page, key: str) -> Locator:
    """The st.dataframe that ui.tables.show drew under `key`."""
    return page.locator(f".st-key-table-{key}")


def cell(table: Locator, text: str) -> Locator:
    return table.locator("td[role='gridcell']").filter(has_text=re.compile(f"^{re.escape(text)}$"))


def unit_cell(table: Locator, unit_id: str) -> Locator:
    """A unit's name in a table that links it to its dossier: the grid's accessible cell holds
    the link (ui.links.dossier_url), the canvas shows the name."""
    return cell(table, dossier_url(unit_id))


def header(table: Locator, text: str) -> Locator:
    return table.locator("th[role='columnheader']").filter(
        has_text=re.compile(f"^{re.escape(text)}$")
    )


def nav(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    wait_idle(page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the selectbox or multiselect labelled `label`."""
    page.get_by_label(label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def test_overview_rankings_comparison_and_back_by_url(demo_url: str, page: Page):
    page.goto(demo_url)
    expect(page.get_by_role("heading", name="总览", level=1)).to_be_visible()
    calls = page.get_by_test_id("stMetric").filter(has_text="受理来电")
    expect(calls).to_contain_text("65,452")
    expect(calls).to_contain_text("-4,994 件")

    nav(page, "排名")
    ranking = grid(page, "ranking")
    expect(unit_cell(ranking, "屈原管理区")).to_have_count(1)
    choose(page, "分组", "公共服务企业")
    expect(unit_cell(ranking, "市移动公司")).to_have_count(1)
    expect(unit_cell(ranking, "屈原管理区")).to_have_count(0)
    expect(page).to_have_url(
        re.compile("group=%E5%85%AC%E5%85%B1%E6%9C%8D%E5%8A%A1%E4%BC%81%E4%B8%9A")
    )

    page.get_by_test_id("stSidebar").get_by_role("radio", name="市长信箱").click()
    wait_idle(page)
    expect(page).to_have_url(re.compile("channel="))
    expect(page.get_by_text("2024年5月 · 市长信箱 · 公共服务企业")).to_be_visible()

    nav(page, "单位对比")
    for name in ("经开区", "岳阳电信公司"):
        units = page.get_by_label(re.compile("^单位（"))
        units.click()
        units.press_sequentially(name)
        page.get_by_role("option", name=name, exact=True).click()
        units.press("Escape")
        wait_idle(page)
    month = grid(page, "compare-month")
    expect(header(month, "岳阳经开区")).to_have_count(1)
    expect(header(month, "市电信公司")).to_have_count(1)
    expect(cell(month, "99.84")).to_have_count(1)
    expect(page.get_by_role("heading", name="2024年5月指标对比（市长信箱）")).to_be_visible()

    shared = page.url
    assert "units=" in shared and "channel=" in shared
    page.goto("about:blank")
    page.goto(shared)
    expect(page.get_by_role("heading", name="单位对比", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="2024年5月指标对比（市长信箱）")).to_be_visible()
    month = grid(page, "compare-month")
    expect(header(month, "岳阳经开区")).to_have_count(1)
    expect(header(month, "市电信公司")).to_have_count(1)
    expect(page.get_by_test_id("stSidebar").get_by_role("radio", name="市长信箱")).to_be_checked()


def test_an_alert_opens_its_units_comparison_in_a_new_tab(demo_url: str, page: Page):
    page.goto(f"{demo_url}/alerts?channel=市长信箱")
    falls = grid(page, "first-falls")
    expect(unit_cell(falls, "市工信局")).to_have_count(1)

    # The grid is a canvas: the link is the first row's last cell, "单位对比 →" drawn at its left.
    box = falls.locator("canvas").first.bounding_box()
    x, y = box["x"] + box["width"] - 85, box["y"] + 35 + 17
    page.mouse.move(x, y)
    with page.context.expect_page() as opened:
        page.mouse.click(x, y)
    comparison = opened.value
    expect(comparison.get_by_role("heading", name="2024年5月指标对比（市长信箱）")).to_be_visible()
    expect(header(grid(comparison, "compare-month"), "市工信局")).to_have_count(1)
