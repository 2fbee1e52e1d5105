"""Time to compute each analysis page's data on ten years of synthetic history.

    .venv/bin/python bench/views_bench.py [ROUNDS] [--db FILE] [--smoke]

Builds the history of bench/synthetic.py (120 months, 300 units per table) unless --db names
a store that already holds it (`--smoke`: one round on a small history, to show the bench
still runs), reads the store's frames once (as the app does: it caches them
per data version), then for each page computes what the page computes on its default choices
for the last month: its lib.analysis view and the tables it shows ("data", target <= 0.3 s),
then also its charts as Vega-Lite dicts ("+ charts"). Prints the median of ROUNDS runs; the
times are reported, never a reason to fail.
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

from bench.synthetic import SMOKE, synthetic_store  # noqa: E402
from lib import charts  # noqa: E402
from lib.analysis import (  # noqa: E402
    alerts,
    comparison,
    explore,
    grades,
    ledger,
    metrics,
    overview,
    periods,
    rankings,
    spans,
    trends,
)
from lib.analysis.rows import months, previous_month  # noqa: E402
from lib.briefing.content import Library  # noqa: E402
from lib.dossier import tables as dossier_tables  # noqa: E402
from lib.dossier.content import build_dossier  # noqa: E402
from lib.dossier.directory import unit_directory  # noqa: E402
from lib.rules import load_rules  # noqa: E402
from lib.store import Store  # noqa: E402

TARGET_S = 0.3
LABELS = {m: metrics.label(m, "hotline") for m in metrics.MEASURES}


class Frames:
    """The store's frames, read once, as ui/frames.py caches them."""

    def __init__(self, store: Store):
        self.all = store.frame("evaluations")
        self.hotline = store.frame("evaluations", channel="hotline")
        self.adjustments = store.frame("adjustments")
        self.overview = store.frame("overview")
        self.categories = store.frame("categories")
        self.grade_counts = store.frame("grade_counts")
        self.sections = store.frame("sections")
        self.units = store.frame("units")
        self.aliases = store.frame("aliases")
        stored = months(self.hotline)
        self.start, self.end = stored[0], stored[-1]
        self.before = previous_month(self.hotline, self.end)


def overview_page(f: Frames):
    view = overview.overview_view(
        f.overview, f.categories, f.all, f.grade_counts, f.sections, f.end
    )
    data = (
        overview.figure_texts(view.figures),
        overview.figures_table(view.figures, "count"),
        overview.figures_table(view.figures, "rate"),
        overview.categories_table(view.categories),
        overview.grades_table(view.grades),
    )
    return data, [charts.categories_bar(view.categories)]


def rankings_page(f: Frames):
    view = rankings.ranking_view(f.hotline, "hotline", f.end, "县市区", n=5)
    data = [
        rankings.ranking_table(view.ranking, "hotline"),
        rankings.ranking_table(view.top, "hotline", brief=True),
        rankings.ranking_table(view.bottom, "hotline", brief=True),
    ]
    return data, [charts.ranking_dots(view.ranking, "综合指标值", 1)]


def grades_page(f: Frames):
    view = grades.grades_view(f.hotline, "hotline", f.start, f.end, f.before, f.end)
    data = [
        grades.below_a_table(view.below_a, "hotline"),
        grades.matrix_table(view.matrix, f.before, f.end),
        grades.movers_table(view.movers, "hotline"),
    ]
    return data, [
        charts.grade_bars(part, group) for group, part in grades.by_group(view.distribution).items()
    ]


def compare_page(f: Frames):
    choices = comparison.unit_choices(f.units, f.aliases)
    unit_ids, _ = comparison.resolve_units(choices[::31][:10], f.aliases, f.units["unit_id"])
    view = comparison.comparison_view(f.all, "hotline", f.start, f.end, unit_ids)
    data = [
        comparison.versus_table(view.versus_median, "hotline"),
    ]
    names = [view.names.get(u, u) for u in unit_ids]
    plots = [
        charts.lines(view.history, "综合指标值", 1, domain=names),
        *(charts.lines(h, "综合指标值", 2, domain=names) for h in view.channel_scores.values()),
        charts.versus_median(view.versus_median, LABELS, names),
    ]
    return data, plots


def trends_page(f: Frames):
    view = trends.trends_view(f.overview, f.categories, f.hotline, "hotline", f.start, f.end)
    data = [
        trends.city_table(view.city, "count"),
        trends.city_table(view.city, "rate"),
        trends.categories_table(view.categories),
        trends.grades_table(view.grades),
    ]
    plots = [
        charts.city_lines(view.city, "count"),
        charts.city_lines(view.city, "rate"),
        charts.category_lines(view.categories, "count"),
        charts.grade_bars(view.grades),
    ]
    return data, plots


def ledger_page(f: Frames):
    view = ledger.ledger_view(f.adjustments, f.start, f.end, text="编号")
    data = [
        ledger.by_unit_table(view.by_unit),
        ledger.by_indicator_table(view.by_indicator),
        ledger.rows_table(view.rows),
    ]
    return data, [charts.ledger_bars(view.rows)]


def alerts_page(f: Frames):
    view = alerts.alerts_view(
        f.hotline, "hotline", f.end, load_rules()["hotline"].alert_limits, min_run=2
    )
    data = [
        alerts.declines_table(view.declines, "hotline"),
        alerts.first_falls_table(view.first_falls, "hotline"),
        alerts.beyond_limits_table(view.beyond_limits, "hotline"),
    ]
    return data, []


def quarter_rankings_page(f: Frames):
    """排名 over the last quarter: its rows recomputed from counts, beside the quarter before
    and a year before."""
    basis = periods.compared(f.hotline, "hotline", spans.containing("quarter", f.end))
    view = rankings.ranking_view(
        basis.rows,
        "hotline",
        basis.period,
        "县市区",
        n=5,
        before=basis.before,
        year_ago=basis.year_ago,
    )
    data = [rankings.ranking_table(view.ranking, "hotline")]
    return data, [charts.ranking_dots(view.ranking, "综合指标值", 1)]


def directory_page(f: Frames):
    """单位档案 as it opens: every unit, searchable (cached by the app per data version)."""
    return [unit_directory(f.all, f.aliases)], []


def dossier_page(f: Frames):
    """单位档案 of one unit over the whole history (cached per unit, period and version)."""
    library = Library(
        f.all,
        f.adjustments,
        f.sections,
        f.categories,
        tuple(zip(f.aliases["unit_id"], f.aliases["alias"], strict=True)),
    )
    dossier = build_dossier(library, "岳阳楼区")
    return list(dossier_tables.sheets(dossier).values()), []


def explore_page(f: Frames):
    spec = explore.Spec(dimension="unit_id", split="group", chart="bar")
    view = explore.explore_view(f.hotline, spec)
    return [view.table], [charts.explored(view, spec.chart)]


PAGES: dict[str, Callable] = {
    "总览 overview": overview_page,
    "排名 rankings": rankings_page,
    "等级分布 grades": grades_page,
    "单位对比 compare": compare_page,
    "趋势 trends": trends_page,
    "加扣分 ledger": ledger_page,
    "预警 alerts": alerts_page,
    "自助分析 explore": explore_page,
    "排名 quarter": quarter_rankings_page,
    "单位档案 list": directory_page,
    "单位档案 unit": dossier_page,
}


def median_seconds(job: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def with_charts(page: Callable, frames: Frames) -> None:
    _, plots = page(frames)
    for chart in plots:
        chart.to_dict()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rounds", nargs="?", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--smoke", action="store_true", help="one round on a small history")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.db is None:
            args.db = Path(tmp, "views-bench.db")
            synthetic_store(f"sqlite:///{args.db}", **(SMOKE if args.smoke else {})).close()
        report(Path(args.db), 1 if args.smoke else args.rounds)
    return 0


def report(db: Path, rounds: int) -> None:
    store = Store.open(f"sqlite:///{db}")
    read = median_seconds(lambda: store.frame("evaluations"), 3)
    frames = Frames(store)
    store.close()
    print(
        f"history: {frames.start} – {frames.end}, {len(frames.all)} evaluation rows, "
        f"{len(frames.adjustments)} adjustments; store.frame(evaluations) read {read:.3f} s "
        f"(cached by the app per data version)"
    )
    print(f"{'page':<18}{'data (s)':>10}{'+ charts (s)':>14}  target <= {TARGET_S} s")
    for name, page in PAGES.items():
        data = median_seconds(lambda page=page: page(frames), rounds)
        total = median_seconds(lambda page=page: with_charts(page, frames), rounds)
        print(f"{name:<18}{data:>10.3f}{total:>14.3f}  {'ok' if data <= TARGET_S else 'SLOW'}")


if __name__ == "__main__":
    raise SystemExit(main())
