"""The briefing in a real browser: pick a unit, download its Word document, print the page
to PDF through Chromium, and find one A4 page with the unit's briefing and nothing else."""

from __future__ import annotations

import io
import logging
import unicodedata

import docx
import pdfplumber
import pytest
from playwright.sync_api import Page, expect

from tests.briefing_library import store_samples
from tests.browser.appserver import wait_idle


@pytest.fixture
def briefing_url(start_app, tmp_path) -> str:
    db = tmp_path / "samples.db"
    store_samples(db)
    return start_app(db=db) + "/briefing"


def pick_unit(page: Page, typed: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text="单位（").click()
    page.keyboard.type(typed)
    page.get_by_role("option").first.click()


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, NFKC-normalised (Chromium's CJK fonts map some characters to their
    compatibility forms, e.g. 日 as the Kangxi radical ⽇)."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert all(abs(p.width - 595.3) < 1 and abs(p.height - 841.9) < 1 for p in pdf.pages)
        return [unicodedata.normalize("NFKC", p.extract_text() or "") for p in pdf.pages]


def test_pick_a_unit_download_the_docx_and_print_one_page(briefing_url: str, page: Page):
    page.goto(briefing_url)
    expect(page.get_by_role("heading", name="接听日简报")).to_be_visible()
    pick_unit(page, "岳阳楼")
    expect(page.get_by_text("岳阳楼区 · 2024年5月通报数据")).to_be_visible()
    wait_idle(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="下载 Word（.docx）").click()
    assert download.value.suggested_filename == "接听日简报_岳阳楼区_2024年5月.docx"
    document = docx.Document(download.value.path())
    assert [p.text for p in document.paragraphs][:2] == [
        "领导接听日简报",
        "岳阳楼区 · 2024年5月通报数据",
    ]
    assert document.tables[0].rows[1].cells[1].text == "95.5"

    page.get_by_text("打印视图").click()
    sheet = page.locator(".hotline-briefing")
    expect(sheet).to_be_visible()
    wait_idle(page)
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    (text,) = pdf_pages(page.pdf(format="A4", print_background=True))
    assert "岳阳楼区 · 2024年5月通报数据" in text
    assert "热线 95.5 A 第 10 / 13" in text
    assert "热线编号:537509、412489" in text.replace("\n", "")
    for chrome in ("热线通报分析台", "上传与管理", "下载 Word", "打印视图", "选择一个单位"):
        assert chrome not in text
