"""A month saved shows everywhere at once: upload one, switch pages without reloading, see it;
a month imported elsewhere shows on the next rerun; a chosen period stays."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.apptest import FIXTURES, made_bulletin, stored
from tests.browser.appserver import wait_idle

JULY = FIXTURES / "unseen" / "2024-07-new-unit-de-listed.docx"
PARSE_TIMEOUT_MS = 90_000


def go(page: Page, title: str) -> None:
    """Follow the sidebar's link to a page, as a user does (no reload)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    wait_idle(page)


def period_shown(page: Page):
    return page.get_by_test_id("stSidebar").get_by_test_id("stSliderThumbValue")


def test_a_saved_month_is_on_every_page_without_a_reload(start_app, page: Page, tmp_path):
    db = tmp_path / "months.db"
    page.goto(start_app(demo=True, db=db))
    expect(page.get_by_text("2024年5月全市运行情况")).to_be_visible()

    go(page, "上传与管理")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(JULY)
    card = page.locator("[class*='st-key-card-0-']")
    card.get_by_role("button", name="保存").click(timeout=PARSE_TIMEOUT_MS)
    expect(card.get_by_text("已保存到通报库。")).to_be_visible()

    go(page, "总览")
    expect(page.get_by_text("2024年7月全市运行情况，与上期（2024年5月）相比")).to_be_visible()
    expect(period_shown(page)).to_have_text(["2024年3月", "2024年7月"])
    go(page, "趋势")
    expect(page.get_by_text("2024年3月 – 2024年7月。")).to_be_visible()

    # an older month imported by another process (the CLI): seen on the next rerun
    stored(db, made_bulletin(2023, 12))
    go(page, "总览")
    expect(period_shown(page)).to_have_text(["2023年12月", "2024年7月"])
    expect(
        page.get_by_test_id("stSidebar").get_by_text("已载入 2023年12月 – 2024年7月")
    ).to_be_visible()


def test_a_chosen_period_stays_when_a_month_arrives(start_app, page: Page, tmp_path: Path):
    db = tmp_path / "months.db"
    stored(db, *(made_bulletin(2024, m) for m in (3, 4, 5)))
    page.goto(f"{start_app(db=db)}/quality?period=2024年3月&period=2024年4月")
    expect(period_shown(page)).to_have_text(["2024年3月", "2024年4月"])

    stored(db, made_bulletin(2024, 6))
    go(page, "上传与管理")
    expect(
        page.get_by_test_id("stSidebar").get_by_text("已载入 2024年3月 – 2024年6月")
    ).to_be_visible()
    expect(period_shown(page)).to_have_text(["2024年3月", "2024年4月"])
    assert "period=" in page.url
