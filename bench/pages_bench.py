"""What a user waits for: every page's load and one typical interaction, in headless Chromium,
against a bare Streamlit page (a title and a paragraph) served beside the app.

    .venv/bin/python bench/pages_bench.py [--rounds N] [--stores synthetic,demo] [--db FILE]
                                          [--smoke]

For each store (the synthetic 120-month × 300-unit history of bench/synthetic.py, built unless
--db names one, and the demo store the app loads on first start), the app and the bare page
are started side by side; every page is visited once to warm the caches, then round by round
each page is timed right after the bare page: its load (navigation to finished) and its
interaction (a click to finished: the channel, group, measure or unit changed). "Finished" is
what a user sees: Streamlit's script state back to notRunning after a run was seen to be asked
for or to start (a quick rerun can go from rerunRequested to notRunning between two frames),
the page's own h1 present, every chart in view drawn (a canvas or svg in each Vega-Lite
element not hidden in a closed expander or tab) and every dataframe in view drawn (its canvas),
no skeleton left. Printed: median seconds, the ratio to the
bare page's median load, where the time went (start: navigation or click to the script's
start; script: its run as the browser saw it; draw: after the script, until drawn), the
kilobytes the page's websocket received, and the app's resident memory after visiting every
page. `--smoke` is one round, without warming, on a small synthetic store: it shows the bench
still runs.
Numbers are printed, never a reason to fail.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import SMOKE, synthetic_store  # noqa: E402
from tests.browser.appserver import CHROMIUM, CHROMIUM_ARGS, app_env, serving  # noqa: E402

TIMEOUT_MS = 120_000
UNITS = ("岳阳楼区", "华容县", "临湘市")
"""Units every store holds: the samples' own (the synthetic history clones them)."""

OBSERVE_RUNS = """
window.__runs = [];
new MutationObserver((changes) => {
  for (const change of changes) {
    window.__runs.push([change.target.getAttribute('data-test-script-state'), performance.now()]);
  }
}).observe(document, {
  subtree: true, attributes: true, attributeFilter: ['data-test-script-state'],
});
"""

FINISHED = """
(since) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const runs = window.__runs.filter(([, t]) => t >= since);
  const asked = runs.find(([state]) => state === 'running' || state === 'rerunRequested');
  if (!asked) return false;
  if (!document.querySelector("[data-testid='stMain'] h1")) return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  const shown = (selector) =>
    [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 0);
  for (const chart of shown("[data-testid='stVegaLiteChart']")) {
    if (!chart.querySelector('canvas, svg')) return false;
  }
  for (const grid of shown("[data-testid='stDataFrame']")) {
    if (!grid.querySelector('canvas')) return false;
  }
  const started = asked[1];
  const ended = runs.filter(([state]) => state === 'notRunning').pop()[1];
  window.__timing = [since, started, ended, performance.now()];
  return true;
}
"""


def sidebar_channel(page: Page) -> None:
    page.get_by_test_id("stSidebar").get_by_role("radio", name="市长信箱").click()


def choose(label: str, option: str) -> tuple[Callable[[Page], None], Callable[[Page], None]]:
    """Open the select box and type the option (not timed), then click it (timed)."""

    def open_and_type(page: Page) -> None:
        box = page.get_by_label(label).first
        box.click()
        box.press_sequentially(option)

    return (lambda page: page.get_by_role("option", name=option).first.click()), open_and_type


def segment(name: str) -> Callable[[Page], None]:
    return lambda page: page.get_by_test_id("stMain").get_by_role("radio", name=name).click()


@dataclass(frozen=True)
class Case:
    path: str
    change: str
    interact: Callable[[Page], None]
    prepare: Callable[[Page], None] = lambda page: None


UNIT_QUERY = "&".join(f"units={u}" for u in UNITS)
CASES = {
    "总览": Case("", "渠道", sidebar_channel),
    "排名": Case("rankings", "分组", *choose("分组", "行政事业单位")),
    "等级分布": Case("grades", "渠道", sidebar_channel),
    "单位对比": Case(f"compare?{UNIT_QUERY}", "指标", *choose("走势指标", "按期办结率")),
    "趋势": Case("trends", "指标", segment("占比")),
    "加扣分": Case("ledger", "类别", segment("扣分")),
    "预警": Case("alerts", "渠道", sidebar_channel),
    "自助分析": Case("explore", "维度", *choose("维度", "分组")),
    "接听日简报": Case(f"briefing?unit={UNITS[0]}", "单位", *choose("单位（", UNITS[1])),
    "上传与管理": Case("upload", "渠道", sidebar_channel),
    "数据质量": Case("quality", "渠道", sidebar_channel),
    "单位与别名": Case("units", "渠道", sidebar_channel),
}


@dataclass
class Sample:
    seconds: float
    start: float
    script: float
    draw: float
    kb: float


class Browsing:
    """One browser tab that times loads and clicks and counts the websocket bytes."""

    def __init__(self, browser: Browser):
        self.context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 1000})
        self.context.add_init_script(OBSERVE_RUNS)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.received = 0
        self.page.on("websocket", self._count)

    def _count(self, socket) -> None:
        def add(payload) -> None:
            self.received += len(payload)

        socket.on("framereceived", add)

    def load(self, url: str) -> Sample:
        return self._timed(lambda: self.page.goto(url), navigation=True)

    def act(self, case: Case) -> Sample:
        case.prepare(self.page)
        return self._timed(lambda: case.interact(self.page), navigation=False)

    def rerun(self) -> Sample:
        """Streamlit's own rerun shortcut (R), the bare page's only interaction; the page is
        clicked first so that it has the keyboard."""
        self.page.locator("h1").first.click()
        return self._timed(lambda: self.page.keyboard.press("r"), navigation=False)

    def _timed(self, action: Callable[[], object], navigation: bool) -> Sample:
        since = 0.0 if navigation else self.page.evaluate("performance.now()")
        self.received = 0
        started = time.perf_counter()
        action()
        self.page.wait_for_function(FINISHED, arg=since, polling="raf", timeout=TIMEOUT_MS)
        seconds = time.perf_counter() - started
        begin, running, ended, done = self.page.evaluate("window.__timing")
        if navigation:
            begin = 0.0
        return Sample(
            seconds,
            (running - begin) / 1000,
            (ended - running) / 1000,
            (done - ended) / 1000,
            self.received / 1024,
        )

    def close(self) -> None:
        self.context.close()


@dataclass
class Results:
    samples: dict[tuple[str, str], list[Sample]]
    rss_mb: float


def measure(app: str, bare: str, pid: int, browser: Browser, rounds: int, warm: bool) -> Results:
    """Each page (after the bare page) loaded and changed, round by round; with `warm`, every
    page is visited once before the first round so no round pays for a cold cache."""
    tab = Browsing(browser)
    try:
        for case in CASES.values() if warm else ():
            tab.load(f"{app}/{case.path}")
            tab.act(case)
        samples: dict[tuple[str, str], list[Sample]] = defaultdict(list)
        for _ in range(rounds):
            for name, case in CASES.items():
                samples["空白页", "load"].append(tab.load(bare))
                samples["空白页", "rerun"].append(tab.rerun())
                samples[name, "load"].append(tab.load(f"{app}/{case.path}"))
                samples[name, "act"].append(tab.act(case))
        return Results(samples, resident_mb(pid))
    finally:
        tab.close()


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report(label: str, results: Results) -> None:
    samples = results.samples
    floor = statistics.median(s.seconds for s in samples["空白页", "load"])
    rerun = statistics.median(s.seconds for s in samples["空白页", "rerun"])
    rounds = len(samples["空白页", "load"]) // len(CASES)
    print(
        f"\n{label}: medians over {rounds} rounds; bare page load {floor:.2f} s, rerun {rerun:.2f} s"
    )
    print(
        f"{'page':<10}{'what':>6}{'load s':>8}{'×bare':>7}{'start':>7}{'script':>8}{'draw':>7}"
        f"{'KB':>7}   {'click s':>8}{'×bare':>7}{'start':>7}{'script':>8}{'draw':>7}{'KB':>7}"
    )
    for name, case in CASES.items():
        row = f"{name:<10}{case.change:>6}"
        for kind in ("load", "act"):
            row += _columns(samples[name, kind], floor) + ("   " if kind == "load" else "")
        print(row)
    spans = [s.seconds for (name, _), values in samples.items() if name != "空白页" for s in values]
    print(
        f"all pages and clicks: min {min(spans):.2f} / median {statistics.median(spans):.2f} / "
        f"max {max(spans):.2f} s; app resident memory after the rounds {results.rss_mb:.0f} MB"
    )


def _columns(values: list[Sample], floor: float) -> str:
    def med(field: str) -> float:
        return statistics.median(getattr(s, field) for s in values)

    seconds = med("seconds")
    return (
        f"{seconds:>8.2f}{seconds / floor:>6.2f}x{med('start'):>7.2f}{med('script'):>8.2f}"
        f"{med('draw'):>7.2f}{med('kb'):>7.0f}"
    )


@contextmanager
def served(db: Path, demo: bool, logs: Path) -> Iterator[tuple[str, str, int]]:
    """The app on `db` and the bare page beside it: their URLs and the app's process id."""
    with ExitStack() as stack:
        app, process = stack.enter_context(serving("app.py", app_env(db, demo), logs / "app.log"))
        bare, _ = stack.enter_context(
            serving("bench/bare_page.py", app_env(db, False), logs / "bare.log")
        )
        yield app, bare, process.pid


def stores(names: list[str], db: Path | None, smoke: bool, tmp: Path) -> Iterator[tuple]:
    """(label, SQLite file, demo?) for each store asked for; the synthetic one built if needed."""
    for name in names:
        if name == "demo":
            yield "demo store (two sample months)", tmp / "demo.db", True
            continue
        if db is None:
            db = tmp / "synthetic.db"
            shape = SMOKE if smoke else {}
            synthetic_store(f"sqlite:///{db}", **shape).close()
        yield f"synthetic store ({db.name})", db, False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--stores", default=None, help="synthetic,demo (smoke: synthetic)")
    parser.add_argument("--db", type=Path, default=None, help="a synthetic store already built")
    parser.add_argument("--smoke", action="store_true", help="one round on small stores")
    args = parser.parse_args(argv)
    rounds = 1 if args.smoke else args.rounds
    names = (args.stores or ("synthetic" if args.smoke else "synthetic,demo")).split(",")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for label, db, demo in stores(names, args.db, args.smoke, Path(tmp)):
            with served(db, demo, Path(tmp)) as (app, bare, pid):
                report(label, measure(app, bare, pid, browser, rounds, warm=not args.smoke))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
