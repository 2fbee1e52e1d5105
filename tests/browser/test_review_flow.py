"""Reviewing the March sample in a real browser: pick a finding, see its page crop, correct the
score, see it marked on 单位对比 and the source of a figure picked on 排名, undo from the log."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from lib.store import Store
from tests.browser.appserver import wait_idle
from tests.browser.test_analysis_flow import cell, grid
from tests.conftest import sample

HEADER_PX = 35
QUEUE_ROW_PX = 84
"""ui.tables.WRAPPING_ROW_PX: the queue's rows are tall enough for four lines."""
COMPARED = "compare?units=市国资委&units=市发改委"
ROW_MARKER_PX = 12
"""The row's checkbox, left of the first column: a click there selects the row."""


@pytest.fixture
def march_url(start_app, tmp_path: Path) -> str:
    db = tmp_path / "march.db"
    store = Store.open(f"sqlite:///{db}")
    march = sample("2024-03.pdf")
    store.import_bulletin(march.bulletin, march.data)
    store.close()
    return start_app(db=db)


def click(table: Locator, page: Page, x: float, row: int, row_px: int) -> None:
    """Click row `row` (0-based) at `x` pixels from the grid's left edge: the grid is a canvas."""
    box = table.locator("canvas").first.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + HEADER_PX + row_px * row + row_px / 2)
    wait_idle(page)


def test_a_finding_is_corrected_seen_on_the_ranking_and_undone(march_url: str, page: Page):
    page.goto(f"{march_url}/quality")
    expect(page.get_by_role("heading", name="核实清单（3 项）")).to_be_visible()
    queue = page.locator(".st-key-review-queue")
    click(queue, page, ROW_MARKER_PX, 1, QUEUE_ROW_PX)
    item = page.locator(".st-key-review-item")
    expect(item.get_by_text(re.compile("市国资委 的综合指标值"))).to_be_visible()
    expect(item.get_by_test_id("stImage")).to_be_visible()

    item.get_by_role("tab", name="更正数值").click()
    item.get_by_label("更正值").fill("69.1")
    item.get_by_label("更正理由").fill("按公式计算为 69.11")
    item.get_by_role("button", name="记录更正").click()
    wait_idle(page)
    expect(cell(queue, "已更正")).to_have_count(1)
    log = page.locator(".st-key-review-log")
    expect(cell(log, "2024年3月 热线 市国资委 综合指标值 69.0 → 69.1")).to_have_count(1)
    expect(log.get_by_text(re.compile("^本机 更正（"))).to_have_count(1)

    page.goto(f"{march_url}/{COMPARED}")
    month = grid(page, "compare-month")
    expect(cell(month, "69.1※")).to_have_count(1)
    expect(cell(month, "综合指标值已更正：通报原值 69.0")).to_have_count(1)

    page.goto(f"{march_url}/rankings?group=行政事业单位")
    click(grid(page, "ranking"), page, 40, 0, HEADER_PX)
    picked = page.locator(".st-key-picked-source")
    expect(picked.get_by_text(re.compile("原文出处"))).to_be_visible()
    expect(picked.get_by_test_id("stImage")).to_be_visible()

    page.goto(f"{march_url}/quality")
    log = page.locator(".st-key-review-log")
    expect(cell(log, "有效")).to_have_count(1)
    page.get_by_role("button", name="撤销", exact=True).click()
    wait_idle(page)
    expect(cell(log, "已撤销")).to_have_count(1)
    expect(cell(log, "撤销编号 1")).to_have_count(1)
    page.goto(f"{march_url}/{COMPARED}")
    expect(cell(grid(page, "compare-month"), "69.0")).to_have_count(1)
