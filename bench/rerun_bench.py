"""Where a page's rerun spends its time on the server: each page's script profiled under
AppTest on a store, its time split by what the page script itself calls.

    .venv/bin/python bench/rerun_bench.py [--rounds N] [--db FILE] [--demo] [--smoke]

The app runs on the store (the synthetic 120-month × 300-unit history of bench/synthetic.py
unless --db names one; --demo: the demo store), every page is run once to fill the caches,
then each page's rerun is profiled ROUNDS times (cProfile in the script's thread). A page's
time is split by the callee of each call the page script makes: data (ui.frames, ui.state,
ui.prologue: the cached store frames), analysis (lib.analysis, lib.briefing, lib.reports),
charts (lib.charts and ui.plots: specs built, validated and sent), tables (ui.tables, ui.cards,
ui.library, ui.briefing, ui.aliases: frames and cards formatted and sent), st.* (Streamlit's own elements and widgets called by
the page), other; the sidebar app.py draws on every page is its own column. Then the page's
three costliest direct calls. Medians in milliseconds; what the browser then does with it is
bench/pages_bench.py's "draw".
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages_bench import UNITS  # noqa: E402
from bench.synthetic import SMOKE, synthetic_store  # noqa: E402

PAGES = {
    "总览": ("overview", {}),
    "排名": ("rankings", {}),
    "等级分布": ("grades", {}),
    "单位对比": ("compare", {"units": list(UNITS)}),
    "趋势": ("trends", {}),
    "加扣分": ("ledger", {}),
    "预警": ("alerts", {}),
    "自助分析": ("explore", {}),
    "接听日简报": ("briefing", {"unit": UNITS[0]}),
    "上传与管理": ("upload", {}),
    "数据质量": ("quality", {}),
    "单位与别名": ("units", {}),
}
BUCKETS = {
    "data": ("ui/frames.py", "ui/state.py", "ui/prologue.py"),
    "analysis": ("lib/analysis/", "lib/briefing/", "lib/reports.py"),
    "charts": ("lib/charts.py", "ui/plots.py"),
    "tables": (
        "ui/tables.py",
        "ui/cards.py",
        "ui/library.py",
        "ui/briefing.py",
        "ui/aliases.py",
        "ui/explore.py",
    ),
    "st.*": ("site-packages/streamlit/",),
}
COLUMNS = ["total", "sidebar", *BUCKETS, "other"]
SCRIPT_THREAD = "ScriptRunner.scriptThread"


def profiled_run(at: AppTest) -> pstats.Stats:
    """One rerun of `at` with cProfile on in the thread that runs the script (wall-clock, so
    time it waits for helper threads, such as pyarrow's, counts where it waits)."""
    profile = cProfile.Profile()

    def start(*_):
        sys.setprofile(None)
        if threading.current_thread().name == SCRIPT_THREAD:
            profile.enable()

    threading.setprofile(start)
    try:
        at.run()
    finally:
        threading.setprofile(None)
    return pstats.Stats(profile)


def split(stats: pstats.Stats, page_file: str) -> tuple[dict[str, float], list[tuple[float, str]]]:
    """Seconds per column, and the page script's direct calls with their cumulative time."""
    parts: dict[str, float] = defaultdict(float)
    direct = []
    for (file, _, name), (_, _, _, _, callers) in stats.stats.items():
        for (caller_file, _, caller_name), edge in callers.items():
            seconds = edge[3]
            if caller_file.endswith(page_file) and caller_name == "<module>":
                parts[_bucket(file)] += seconds
                direct.append((seconds, f"{Path(file).stem}.{name}"))
            elif caller_file.endswith("app.py") and name == "sidebar" and file.endswith("app.py"):
                parts["sidebar"] += seconds
            elif name == "run" and file.endswith("navigation/page.py"):
                parts["total"] += seconds
    parts["total"] += parts["sidebar"]
    return parts, sorted(direct, reverse=True)


def _bucket(file: str) -> str:
    path = file.replace(os.sep, "/")
    return next((b for b, parts in BUCKETS.items() if any(p in path for p in parts)), "other")


def profile_pages(rounds: int) -> None:
    apps = {}
    for name, (stem, query) in PAGES.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.switch_page(f"views/{stem}.py")
        at.query_params.update(query)
        apps[name] = at.run()
    print(f"ms per rerun, medians over {rounds} rounds (server side, AppTest)")
    print(f"{'page':<10}" + "".join(f"{c:>9}" for c in COLUMNS) + "   costliest calls")
    for name, at in apps.items():
        runs = [split(profiled_run(at), f"views/{PAGES[name][0]}.py") for _ in range(rounds)]
        row = "".join(
            f"{1000 * statistics.median(parts.get(c, 0.0) for parts, _ in runs):>9.0f}"
            for c in COLUMNS
        )
        top = ", ".join(f"{label} {1000 * s:.0f}" for s, label in runs[-1][1][:3])
        print(f"{name:<10}{row}   {top}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--demo", action="store_true", help="the demo store instead")
    parser.add_argument("--smoke", action="store_true", help="one round on a small store")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp, "store.db")
        if args.db is None and not args.demo:
            synthetic_store(f"sqlite:///{db}", **(SMOKE if args.smoke else {})).close()
        os.environ.pop("DATABASE_URL", None)
        os.environ.update(HOTLINE_DB=str(db), HOTLINE_DEMO="1" if args.demo else "0")
        profile_pages(1 if args.smoke else args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
