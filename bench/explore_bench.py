"""Load time of 自助分析 in headless Chromium on ten years of synthetic history, against a bare
Streamlit page served and opened the same way.

    .venv/bin/python bench/explore_bench.py [ROUNDS] [--db FILE] [--smoke]

Serves the app on the store of bench/synthetic.py (120 months × 300 units per table; built
unless --db names a store holding it) and a page that only writes a title, each by
`streamlit run` on loopback. Each view is opened ROUNDS times, each time in a fresh browser
context (a new session), and timed from navigation to the page at rest: the script finished,
and its chart drawn. The app's very first opening also reads the store (frames are then cached
per data version) and is printed apart; 总览, an existing page, is timed the same way for
comparison. Prints medians and their ratio to the bare page's. --smoke: 3 months × 20 units, one round (what the test suite runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from bench.synthetic import synthetic_store  # noqa: E402
from tests.browser.appserver import CHROMIUM, CHROMIUM_ARGS, running_app, wait_idle  # noqa: E402

BARE_TITLE = "空白页"
VIEWS = {
    "按月份（默认）": "explore",
    "按分组柱状图": "explore?ex_by=分组&ex_chart=柱状图",
    "按单位柱状图（画出前 50 个）": "explore?ex_by=统一单位名&ex_chart=柱状图",
    "单位 × 分组透视": "explore?ex_by=统一单位名&ex_split=分组&ex_chart=柱状图",
}
"""The 自助分析 views timed, by the query string their controls are bound to."""
OVERVIEW = "总览"
"""An existing page with a chart and tables, timed the same way: the app's own yardstick."""


def settled(title: str, chart: bool) -> Callable[[Page], None]:
    def wait(page: Page) -> None:
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=120_000)
        wait_idle(page)
        if chart:
            expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=120_000)

    return wait


def open_once(browser: Browser, url: str, ready: Callable[[Page], None]) -> float:
    """Seconds from navigation to `ready` in a new context (a new Streamlit session)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        ready(page)
        return time.perf_counter() - started
    finally:
        context.close()


def median_of(rounds: int, browser: Browser, url: str, ready: Callable[[Page], None]) -> float:
    return statistics.median(open_once(browser, url, ready) for _ in range(rounds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rounds", nargs="?", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args(argv)
    months, units = (3, 20) if args.smoke else (120, 300)
    rounds = 1 if args.smoke else args.rounds
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        db = args.db or scratch / "synthetic.db"
        if args.db is None:
            synthetic_store(f"sqlite:///{db}", months, units).close()
        bare = scratch / "bare.py"
        bare.write_text(f"import streamlit as st\n\nst.title({BARE_TITLE!r})\n", encoding="utf-8")
        with (
            sync_playwright() as playwright,
            running_app(db, scratch / "app.log") as app,
            running_app(scratch / "unused.db", scratch / "bare.log", script=str(bare)) as floor,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            explore = settled("自助分析", chart=True)
            first = open_once(browser, f"{app}/explore", explore)
            base = median_of(rounds, browser, floor, settled(BARE_TITLE, chart=False))
            print(f"{months} 个月 × {units} 个单位，每项打开 {rounds} 次取中位数")
            print(f"{base:6.2f} s         空白 Streamlit 页面（基准）")
            print(f"{first:6.2f} s {first / base:5.1f} 倍  自助分析首次打开（读取数据库）")
            for name, query in VIEWS.items():
                took = median_of(rounds, browser, f"{app}/{query}", explore)
                print(f"{took:6.2f} s {took / base:5.1f} 倍  自助分析 {name}")
            took = median_of(rounds, browser, app, settled(OVERVIEW, chart=True))
            print(f"{took:6.2f} s {took / base:5.1f} 倍  {OVERVIEW}（已有页面，作对照）")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
