"""Real-browser fixtures: the app under `streamlit run`, Debian's chromium driven by Playwright.

- `start_app(demo=False, db=None)`: start the app on its own SQLite file (a fresh one unless
  `db` is given) and loopback port; returns the base URL; stopped at teardown.
- `app_url`: the app on an empty store.
- `page`: a new browser context (Chinese locale, desktop viewport) in a chromium launched once
  per session; Playwright's launch() gives that chromium a fresh temporary user-data-dir.
Every test here is marked `browser`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from itertools import count
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.browser.appserver import CHROMIUM, CHROMIUM_ARGS, AppDidNotStart, running_app

HERE = Path(__file__).parent
EXPECT_TIMEOUT_MS = 30_000
"""How long an assertion waits for the page: generous, as CI machines may be loaded."""
expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def start_app(tmp_path: Path) -> Iterator[Callable[..., str]]:
    numbers = count()
    with ExitStack() as apps:

        def start(demo: bool = False, db: Path | None = None) -> str:
            n = next(numbers)
            try:
                return apps.enter_context(
                    running_app(
                        db or tmp_path / f"store-{n}.db", tmp_path / f"streamlit-{n}.log", demo
                    )
                )
            except AppDidNotStart as error:
                pytest.fail(str(error))

        yield start


@pytest.fixture
def app_url(start_app) -> str:
    """The app on an empty store (no demo data)."""
    return start_app(demo=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()
