"""A photographed bulletin in a real browser: page pictures chosen together become one card,
read by OCR page by page, saved, and their doubtful values listed on 数据质量."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.test_upload_flow import choose_files
from tests.test_app_scans import page_png

OCR_TIMEOUT_MS = 300_000


def pictures(folder: Path) -> list[Path]:
    paths = []
    for number in (13, 1):
        path = folder / f"p{number:02d}.png"
        path.write_bytes(page_png(number))
        paths.append(path)
    return paths


def test_page_pictures_are_read_as_one_bulletin_and_saved(app_url: str, page: Page, tmp_path):
    page.goto(f"{app_url}/upload")
    expect(page.get_by_role("heading", name="上传与管理")).to_be_visible()
    choose_files(page, *pictures(tmp_path))
    expect(page.get_by_text(re.compile(r"第 [12]/2 页 识别中…"))).to_be_visible(
        timeout=OCR_TIMEOUT_MS
    )
    card = page.locator("[class*='st-key-card-0-']")
    expect(card.get_by_text("p01（共2页）.pdf")).to_be_visible(timeout=OCR_TIMEOUT_MS)
    expect(card.get_by_test_id("stMetric").filter(has_text="附件4 加分表")).to_contain_text("16 行")
    expect(card.get_by_test_id("stMetric").filter(has_text="存疑数值")).to_be_visible()
    card.get_by_role("button", name="保存").click()
    expect(card.get_by_text("已保存到通报库。")).to_be_visible()

    page.get_by_test_id("stSidebar").get_by_role("link", name="数据质量").click()
    queue = page.locator(".st-key-review-queue")
    unsure = queue.locator("td[role='gridcell']").filter(has_text=re.compile("没有把握"))
    expect(unsure).not_to_have_count(0)
