"""Every page on the demo data, as a tablet held upright (800 px) and a tablet held across
(1024 px, the sidebar open) show it: Chinese only, nothing loaded from another host, no table
or chart wider than its place. Each page is photographed on the way (to $HOTLINE_SHOTS when
set, else the test's temporary folder) for a person to look at; `scripts/screenshots` adds
1440 px."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.looks import english_words, foreign_hosts, overflows, photograph, settle
from tests.browser.screenshots import STATES, pages_in_sidebar

WIDTHS = (800, 1024)
VIEWS = ("briefing-unit", "compare-two-units", "ledger-search", "rankings-bureaus")
"""Views with choices made, beside every page as it opens (tests.browser.screenshots.STATES)."""


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("HOTLINE_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_speaks_chinese_stays_home_and_fits(start_app, browser: Browser, shots, width):
    url = start_app(demo=True)
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 1000})
    context.set_default_timeout(60_000)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(url)
    views = [(title, href) for title, href in pages_in_sidebar(page)]
    views += [(name, f"{url}/{STATES[name]}") for name in VIEWS]
    found: dict[str, list[str]] = {}
    for n, (name, href) in enumerate(views):
        page.goto(href)
        expect(
            page.get_by_test_id("stMainBlockContainer").get_by_role("heading", level=1)
        ).to_be_visible()
        settle(page)
        found[name] = [f"英文：{w}" for w in english_words(page)] + overflows(page)
        photograph(page, shots / f"{width}-{n:02d}-{name}.png")
    context.close()

    problems = [
        f"{name}：{problem}" for name, found_here in found.items() for problem in found_here
    ]
    assert not problems, "\n".join(problems)
    assert foreign_hosts(requested, url) == []
