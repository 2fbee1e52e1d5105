"""自助分析 in a real browser: build a bar chart of 综合指标值 by 分组, save it, open its link in
a fresh browser context as a colleague would; not one request leaves the app's own host."""

from __future__ import annotations

import json
from pathlib import Path
from statistics import mean
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.apptest import FIXTURES, stored
from tests.browser.appserver import wait_idle
from tests.browser.test_analysis_flow import cell, choose, grid
from tests.conftest import sample

MONTHS = ("2024-03", "2024-05")
GROUPS = ("县市区", "行政事业单位", "公共服务企业")


@pytest.fixture
def demo_url(start_app, tmp_path: Path) -> str:
    db = tmp_path / "samples.db"
    stored(db, *(sample(f"{month}.pdf").bulletin for month in MONTHS))
    return start_app(db=db)


def mean_score(group: str) -> str:
    """The hotline's average score of a group over both months, from the answer keys, as the
    grid's accessible cells hold it (the value, not its 2-decimal display: 94.1 for 94.10)."""
    scores = [
        e["score"]
        for month in MONTHS
        for e in json.loads((FIXTURES / f"{month}.truth.json").read_text(encoding="utf-8"))[
            "evaluations"
        ]
        if e["channel"] == "hotline" and e["group"] == group
    ]
    return str(round(mean(scores), 2))


def watch_hosts(page: Page) -> list[str]:
    """Every host:port the page sends a request to (http and websocket alike)."""
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    page.on("websocket", lambda socket: hosts.append(urlsplit(socket.url).netloc))
    return hosts


def expect_groups(page: Page) -> None:
    table = grid(page, "explore")
    for group in GROUPS:
        expect(cell(table, group)).to_have_count(1)
        expect(table.locator("tr").filter(has_text=group)).to_contain_text(mean_score(group))
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()


def test_build_save_and_reopen_from_the_link_with_no_other_host(
    demo_url: str, page: Page, browser: Browser
):
    own = urlsplit(demo_url).netloc
    hosts = watch_hosts(page)
    page.goto(f"{demo_url}/explore")
    expect(page.get_by_role("heading", name="自助分析", level=1)).to_be_visible()
    wait_idle(page)

    choose(page, "维度", "分组")
    choose(page, "图表", "柱状图")
    expect_groups(page)

    page.get_by_label("视图名称").fill("各分组综合指标值")
    page.get_by_role("button", name="保存视图").click()
    link_box = page.get_by_test_id("stCode")
    expect(link_box).to_contain_text("/explore?view=")
    link = link_box.inner_text().strip()
    assert link.startswith(f"{demo_url}/explore?view=")

    colleague = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    try:
        other = colleague.new_page()
        other_hosts = watch_hosts(other)
        other.goto(link)
        expect(other.get_by_text("当前图表是已保存的视图“各分组综合指标值”")).to_be_visible()
        wait_idle(other)
        expect(other.get_by_role("combobox", name="维度")).to_have_value("分组")
        expect(other.get_by_role("combobox", name="图表")).to_have_value("柱状图")
        expect_groups(other)
    finally:
        colleague.close()
    assert set(hosts) == set(other_hosts) == {own}
