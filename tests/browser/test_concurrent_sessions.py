"""Five sessions at once against one server: two import different months while three browse
every page; each import lands exactly once and no page shows an error or a locked database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from lib.store import Store
from tests.apptest import FIXTURES
from tests.browser.appserver import wait_idle
from tests.browser.test_upload_flow import PARSE_TIMEOUT_MS, cells, choose_files

PAGES = (
    "总览",
    "排名",
    "等级分布",
    "趋势",
    "加扣分",
    "预警",
    "数据质量",
    "单位与别名",
    "上传与管理",
)


@pytest.fixture
def sessions(browser: Browser) -> Iterator[list[Page]]:
    """Five browser contexts: five separate users with their own cookies and sessions."""
    contexts = [
        browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
        for _ in range(5)
    ]
    for context in contexts:
        context.set_default_timeout(60_000)
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def go(page: Page, title: str) -> None:
    """Follow the sidebar link to a page, without waiting for its run to finish."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=title, exact=True).click()


def browse(readers: list[Page], step: int) -> None:
    for offset, page in enumerate(readers):
        go(page, PAGES[(step + 3 * offset) % len(PAGES)])


def assert_no_error(page: Page) -> None:
    wait_idle(page)
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert "database is locked" not in page.content()


def card(page: Page):
    return page.locator("[class*='st-key-card-0-']")


def stored_periods(db: Path) -> tuple[list[str], list[str]]:
    store = Store.open(f"sqlite:///{db}")
    try:
        return [i.period for i in store.list_bulletins()], store.integrity_problems()
    finally:
        store.close()


def test_two_import_while_three_browse(start_app, sessions: list[Page], tmp_path):
    db = tmp_path / "five.db"
    url = start_app(db=db)
    march, may, *readers = sessions
    for page in (march, may):
        page.goto(f"{url}/upload")
    for page in readers:
        page.goto(url)
    choose_files(march, FIXTURES / "2024-03.docx")
    choose_files(may, FIXTURES / "2024-05.pdf")
    for step in range(len(PAGES)):
        browse(readers, step)
    for uploader in (march, may):
        expect(card(uploader).get_by_role("button", name="保存", exact=True)).to_be_visible(
            timeout=PARSE_TIMEOUT_MS
        )

    march_save = card(march).get_by_role("button", name="保存", exact=True)
    may_save = card(may).get_by_role("button", name="保存", exact=True)
    march_save.click()
    may_save.click()
    for step in range(len(PAGES)):
        browse(readers, step)
    for uploader in (march, may):
        expect(card(uploader).get_by_text("已保存到通报库。")).to_be_visible(
            timeout=PARSE_TIMEOUT_MS
        )
    for page in sessions:
        assert_no_error(page)

    assert stored_periods(db) == (["2024-03", "2024-05"], [])
    for step, page in enumerate(readers):
        go(page, "上传与管理")
        library = page.locator(".st-key-library-table")
        for month in ("2024年3月", "2024年5月"):
            expect(cells(library, month)).to_have_count(1)
        go(page, PAGES[step])
        assert_no_error(page)

    choose_files(may, FIXTURES / "2024-03.docx")
    expect(card(may).get_by_text("已在通报库")).to_be_visible(timeout=PARSE_TIMEOUT_MS)
    assert_no_error(may)
    assert stored_periods(db) == (["2024-03", "2024-05"], [])
    log = (tmp_path / "streamlit-0.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log and "database is locked" not in log
