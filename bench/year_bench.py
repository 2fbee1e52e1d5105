"""A year at once: twelve sample-sized month PDFs imported in one go, from the command line and
through the upload page, against parsing the same files one after another in one process.

    .venv/bin/python bench/year_bench.py [--rounds N] [--months 12] [--smoke]

The months are made on the fly by tests/fixtures/years.py (the sample PDFs with another year on
the first page). Each round, interleaved: `python -m lib import` of all of them into a new
SQLite store (a whole process: parsed side by side, one sandboxed child per core, stored one at
a time); the same files through the upload page in headless Chromium (chosen at once, until
every file's card is drawn, then 保存全部 until the last is stored); and the floor, one process
parsing them one after another with lib.parse.parse_bytes and nothing else. Prints min / median
/ max seconds (target: under 15 s for twelve). `--smoke`: one round of two months.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.appserver import CHROMIUM, CHROMIUM_ARGS, app_env, serving  # noqa: E402
from tests.fixtures.years import write_months  # noqa: E402

TIMEOUT_MS = 300_000
ONE_BY_ONE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from lib.parse import parse_bytes\n"
    "for name in sys.argv[1:]:\n"
    "    parse_bytes(Path(name).read_bytes(), Path(name).name)\n"
)


def cli_import(months: list[Path], db: Path) -> float:
    db.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"HOTLINE_DB": str(db)}
    command = [sys.executable, "-m", "lib", "import", *map(str, months)]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def one_by_one(months: list[Path]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", ONE_BY_ONE, *map(str, months)], cwd=ROOT, check=True)
    return time.perf_counter() - started


def upload_page(browser: Browser, months: list[Path], db: Path, log: Path) -> float:
    """Seconds from choosing the files to every one stored: parsed (the cards and their
    保存全部 button are drawn once all are), then saved with one click."""
    db.unlink(missing_ok=True)
    with serving("app.py", app_env(db, demo=False), log) as (url, _):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 1000})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.goto(f"{url}/upload")
        expect(page.get_by_text("通报库还是空的").first).to_be_visible(timeout=TIMEOUT_MS)
        started = time.perf_counter()
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(months)
        page.get_by_role("button", name=f"保存全部 {len(months)} 个待保存文件").click()
        expect(page.get_by_text("已保存到通报库。")).to_have_count(len(months), timeout=TIMEOUT_MS)
        seconds = time.perf_counter() - started
        context.close()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--months", type=int, default=12, help="2 to 12")
    parser.add_argument("--smoke", action="store_true", help="one round of two months")
    args = parser.parse_args(argv)
    rounds, count = (1, 2) if args.smoke else (args.rounds, args.months)
    times: dict[str, list[float]] = {"cli import": [], "upload page": [], "one by one": []}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        months = write_months(Path(tmp), count)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for _ in range(rounds):
            times["cli import"].append(cli_import(months, Path(tmp, "cli.db")))
            times["upload page"].append(
                upload_page(browser, months, Path(tmp, "app.db"), Path(tmp, "app.log"))
            )
            times["one by one"].append(one_by_one(months))
        browser.close()
    print(f"{count} months, {rounds} rounds, {os.cpu_count()} cores: min / median / max seconds")
    for label, values in times.items():
        spread = f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}"
        print(f"{label:<12}{spread:>24}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
