"""The unit dossier in a real browser: opened from a unit's name on 排名 (a link drawn in the
table's canvas, opening a new tab), showing the unit's months, then over a quarter."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.apptest import stored
from tests.browser.appserver import wait_idle
from tests.conftest import sample

ROW_PX = 35
"""Streamlit's dataframe row (and header) height."""
STEP_PX = 6


@pytest.fixture
def demo_url(start_app, tmp_path: Path) -> str:
    db = tmp_path / "samples.db"
    stored(db, *(sample(name).bulletin for name in ("2024-03.pdf", "2024-05.pdf")))
    return start_app(db=db)


def open_link(page: Page, context: BrowserContext, table: Locator, url: str) -> Page:
    """Click the link to `url` in `table` (an st.dataframe): its row is found from the grid's
    accessible cells, then the pointer moves along that row of the canvas until it is over a
    link, and clicks it; the link opens a new tab, which is returned."""
    cell = table.locator("td[role='gridcell']").filter(has_text=re.compile(f"^{re.escape(url)}$"))
    row = int(cell.first.evaluate("td => td.parentElement.getAttribute('aria-rowindex')")) - 1
    canvas = table.locator("canvas[data-testid='data-grid-canvas']")
    box = canvas.bounding_box()
    y = box["y"] + ROW_PX * row + ROW_PX / 2
    for dx in range(STEP_PX, int(box["width"]), STEP_PX):
        page.mouse.move(box["x"] + dx, y)
        if canvas.evaluate("c => getComputedStyle(c).cursor") == "pointer":
            with context.expect_page() as opened:
                page.mouse.click(box["x"] + dx + 2, y)
            return opened.value
    raise AssertionError(f"no link in row {row} of the table")


def test_a_dossier_opens_from_a_unit_name_on_the_ranking(demo_url: str, page: Page):
    page.goto(f"{demo_url}/rankings")
    expect(page.get_by_role("heading", name="排名表")).to_be_visible()
    wait_idle(page)
    ranking = page.locator(".st-key-table-ranking")

    dossier = open_link(page, page.context, ranking, f"dossier?unit={quote('岳阳楼区')}")

    expect(dossier).to_have_url(re.compile(r"/dossier\?unit=%E5%B2%B3%E9%98%B3%E6%A5%BC%E5%8C%BA"))
    expect(dossier.get_by_role("heading", name="单位档案", level=1)).to_be_visible()
    expect(dossier.get_by_role("heading", name="逐月评价")).to_be_visible()
    wait_idle(dossier)
    history = dossier.locator(".st-key-table-dossier-history-hotline")
    for score in ("93.5", "95.5"):
        cells = history.locator("td[role='gridcell']").filter(has_text=re.compile(f"^{score}$"))
        expect(cells).to_have_count(1)
    expect(dossier.get_by_text("缺 2024年4月", exact=False).first).to_be_visible()

    dossier.get_by_test_id("stMain").get_by_role("radio", name="季度").click()
    wait_idle(dossier)
    expect(dossier).to_have_url(re.compile("span="))
    expect(dossier.get_by_text("2024年第二季度 · 库中 1 个月", exact=False)).to_be_visible()
