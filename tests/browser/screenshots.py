"""Screenshots of every page for a person to look at (run by scripts/screenshots).

Pages are found from the sidebar's navigation, so a new page is photographed without a change
here. Four sets: the demo store, the demo store with realistic choices made (STATES, opened by
their URL, as a shared link would be), an empty store, and upload cards (a conflicting month, a
new month and a refused file). Every page is shot at a desktop's width (1440 px), a tablet held
across (1024 px, sidebar open) and one held upright (800 px, sidebar closed); what
tests/browser/looks.py notices on a page (English words, tables scrolling sideways, cut chart
text) is printed beside its picture.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, expect, sync_playwright

from tests.apptest import FIXTURES
from tests.browser.appserver import CHROMIUM, CHROMIUM_ARGS, running_app
from tests.browser.looks import english_words, overflows, photograph, settle

WIDTHS = (1440, 1024, 800)
DESKTOP = {"width": 1440, "height": 1000}
STATES = {
    "compare-two-units": "compare?units=岳阳楼区&units=经开区",
    "briefing-unit": "briefing?unit=岳阳楼区",
    "briefing-print": "briefing?unit=岳阳楼区&print=true",
    "ledger-search": "ledger?adj_q=经开区&adj_view=明细",
    "alerts": "alerts",
    "quality": "quality",
    "units": "units",
    "trends-mailbox": "trends?channel=市长信箱",
    "rankings-bureaus": "rankings?group=行政事业单位",
    "grades-mailbox": "grades?channel=市长信箱",
    "explore-by-group": "explore?ex_by=分组&ex_chart=柱状图",
}
"""Views with choices made, by the query string their widgets are bound to."""


def shoot(page: Page, out: Path, name: str) -> None:
    """The whole page, and what looks.py notices on it."""
    settle(page)
    problems = english_words(page) + overflows(page)
    photograph(page, out / f"{name}.png")
    print(out / f"{name}.png", *(["  ←", *problems] if problems else []))


def pages_in_sidebar(page: Page) -> list[tuple[str, str]]:
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    expect(links.first).to_be_visible(timeout=120_000)
    return [
        (link.inner_text().strip().splitlines()[-1], link.get_attribute("href"))
        for link in links.all()
    ]


def every_page(page: Page, url: str, out: Path, prefix: str) -> None:
    page.goto(url)
    for n, (title, href) in enumerate(pages_in_sidebar(page), start=1):
        page.goto(href)
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=120_000)
        shoot(page, out, f"{prefix}-{n:02d}-{urlparse(href).path.strip('/') or 'home'}")


def chosen_views(page: Page, url: str, out: Path, width: int) -> None:
    for name, query in STATES.items():
        page.goto(f"{url}/{query}")
        expect(page.get_by_test_id("stSidebarNav")).to_be_attached(timeout=120_000)
        shoot(page, out, f"{width}-chosen-{name}")


def upload_cards(page: Page, url: str, out: Path, scratch: Path, width: int) -> None:
    refused = scratch / "会议纪要.txt"
    refused.write_text("这不是通报。", encoding="utf-8")
    page.goto(f"{url}/upload")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        [FIXTURES / "2024-05.docx", FIXTURES / "2024-03.docx", refused]
    )
    expect(page.get_by_test_id("stAlertContentError")).to_be_visible(timeout=120_000)
    shoot(page, out, f"{width}-upload-cards")


def at_width(browser, width: int) -> Page:
    """A new window `width` px wide: a new page load, so the sidebar opens or closes as it
    would for a user on that screen."""
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 1000})
    return context.new_page()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default="/tmp/shots", type=Path)
    out = parser.parse_args(argv).out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        scratch = Path(tmp)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with running_app(scratch / "demo.db", scratch / "demo.log", demo=True) as url:
            for width in WIDTHS:
                page = at_width(browser, width)
                every_page(page, url, out, f"{width}-demo")
                chosen_views(page, url, out, width)
                upload_cards(page, url, out, scratch, width)
        with running_app(scratch / "empty.db", scratch / "empty.log") as url:
            every_page(at_width(browser, DESKTOP["width"]), url, out, "empty")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
