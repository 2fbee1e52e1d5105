"""The main flow in a real browser: upload a bulletin, check its card, save it, find it stored;
the sidebar filters in the URL; user text that stays inert."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.apptest import FIXTURES, HOSTILE_NAMES, made_bulletin, stored
from tests.browser.appserver import wait_idle

PARSE_TIMEOUT_MS = 90_000


def choose_files(page: Page, *paths) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(list(paths))


def cells(table: Locator, text: str) -> Locator:
    """Cells of a st.dataframe holding exactly `text` (from the grid's accessible table)."""
    return table.locator("td[role='gridcell']").filter(has_text=re.compile(f"^{re.escape(text)}$"))


def test_upload_a_pdf_save_it_and_find_the_month_in_the_library(app_url: str, page: Page):
    page.goto(f"{app_url}/upload")
    expect(page.get_by_role("heading", name="上传与管理")).to_be_visible()
    expect(page.get_by_text("通报库还是空的").first).to_be_visible()

    choose_files(page, FIXTURES / "2024-05.pdf")
    card = page.locator("[class*='st-key-card-0-']")
    expect(card.get_by_text("2024年5月 · 期号未列明")).to_be_visible(timeout=PARSE_TIMEOUT_MS)
    expect(card.get_by_test_id("stMetric").filter(has_text="附件1 热线评价表")).to_contain_text(
        "行"
    )
    card.get_by_role("button", name="保存").click()

    expect(card.get_by_text("已保存到通报库。")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text("已载入 2024年5月")).to_be_visible()
    library = page.locator(".st-key-library-table")
    expect(cells(library, "2024年5月")).to_have_count(1)
    expect(cells(library, "2024-05.pdf")).to_have_count(1)


def test_sidebar_filters_live_in_the_url_across_pages_and_reloads(start_app, page: Page, tmp_path):
    db = tmp_path / "three-months.db"
    stored(db, *(made_bulletin(2024, m) for m in (3, 4, 5)))
    url = start_app(db=db)
    page.goto(f"{url}/quality?channel=市长信箱&period=2024年4月&period=2024年5月")
    sidebar = page.get_by_test_id("stSidebar")
    findings = page.get_by_role("heading", name=re.compile("核实清单"))
    expect(findings).to_have_text("核实清单（1 项）")
    expect(sidebar.get_by_role("radio", name="市长信箱")).to_be_checked()

    sidebar.get_by_role("radio", name="热线").click()
    expect(findings).to_have_text("核实清单（2 项）")
    expect(page).not_to_have_url(re.compile("channel="))
    sidebar.get_by_role("link", name="上传与管理").click()
    expect(page.get_by_role("heading", name="上传与管理")).to_be_visible()
    sidebar.get_by_role("link", name="数据质量").click()
    expect(findings).to_have_text("核实清单（2 项）")
    shared = page.url
    assert "/quality?period=" in shared

    page.goto("about:blank")
    page.goto(shared)
    expect(findings).to_have_text("核实清单（2 项）")


def test_hostile_text_is_shown_not_run(start_app, page: Page, tmp_path):
    db = tmp_path / "hostile.db"
    stored(db, made_bulletin(2024, 4, HOSTILE_NAMES, filename="[y](javascript:alert(2)).txt"))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{start_app(db=db)}/upload")

    hostile_file = tmp_path / "[x](javascript:alert(1)).txt"
    hostile_file.write_bytes(b"<script>alert(1)</script>")
    choose_files(page, hostile_file)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "“[x](javascript:alert(1)).txt”：", timeout=PARSE_TIMEOUT_MS
    )
    expect(page.get_by_role("combobox", name="选择一期通报")).to_have_value(
        "2024年4月 · [y](javascript:alert(2)).txt"
    )

    page.get_by_test_id("stSidebar").get_by_role("link", name="数据质量").click()
    expect(cells(page.locator(".st-key-review-queue"), HOSTILE_NAMES[0])).to_have_count(1)
    wait_idle(page)
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("script:text('alert(1)')").count() == 0
    assert dialogs == []
