"""Synthetic history for benchmarks: ten years of monthly bulletins with 300-unit tables,
derived from the two real samples, written into a store.

    .venv/bin/python bench/synthetic.py [--months 120] [--units 300] [--db FILE]

Units are the samples' units (their groups and workloads), cloned with a number when more
are needed (华容县·2). Each month every unit's orders wander around its sample workload and
its rates around its sample rates; the score comes from the bulletin's formula at the printed
precision and the grade from the configured bands, so the history looks like the real thing to
every view. Deductions, bonuses, categories, city figures and hot issues are the samples',
with new amounts. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.checks import composite_score  # noqa: E402
from lib.model import (  # noqa: E402
    Adjustment,
    Bulletin,
    Category,
    Evaluation,
    Issue,
    Overview,
    Period,
    Source,
)
from lib.parse import parse_bytes  # noqa: E402
from lib.rules import load_rules  # noqa: E402
from lib.store import Store  # noqa: E402

SAMPLES = (ROOT / "demo" / "2024-03.pdf", ROOT / "demo" / "2024-05.pdf")
FIRST_YEAR = 2015
SMOKE = {"count": 6, "units": 40}
"""A history small enough for a bench's smoke run (scripts/test): it shows the bench runs."""


def sample_bulletins() -> list[Bulletin]:
    return [parse_bytes(path.read_bytes(), path.name) for path in SAMPLES]


def months(count: int) -> list[Period]:
    return [Period(FIRST_YEAR + n // 12, n % 12 + 1) for n in range(count)]


def _units(rows: list[Evaluation], count: int) -> list[Evaluation]:
    """`count` template rows: the sample's rows, then clones named 华容县·2, 华容县·3…"""
    out = []
    for n in range(count):
        row = rows[n % len(rows)]
        copy = n // len(rows) + 1
        out.append(row if copy == 1 else replace(row, unit=f"{row.unit}·{copy}"))
    return out


def _rate(rng: random.Random, centre: float, spread: float) -> float:
    return round(min(100.0, max(0.0, rng.gauss(centre, spread))), 2)


def _evaluation(rng: random.Random, template: Evaluation, order: int) -> Evaluation:
    due = max(1, round(template.due * rng.uniform(0.7, 1.3)))
    completion = _rate(rng, max(template.completion_rate, 97.0), 1.5)
    on_time = min(completion, _rate(rng, template.on_time_rate, 2.5))
    rework = _rate(rng, template.rework_rate, 3.0)
    visited = _rate(rng, template.visited_rate, 4.0)
    rules = load_rules()[template.channel]
    row = Evaluation(
        channel=template.channel,
        group=template.group,
        unit=template.unit,
        due=due,
        handled=round(due * completion / 100),
        completion_rate=completion,
        on_time=round(due * on_time / 100),
        on_time_rate=on_time,
        rework=round(due * rework / 100),
        rework_rate=rework,
        visited=round(due * visited / 100),
        visited_rate=visited,
        score=0.0,
        grade="",
        order=order,
    )
    score = round(composite_score(row), rules.score_decimals)
    return replace(row, score=score, grade=rules.grade_for(score))


def _month(
    rng: random.Random, samples: list[Bulletin], period: Period, units: int, n: int
) -> Bulletin:
    base = samples[n % len(samples)]
    rows = []
    for channel in ("hotline", "mailbox"):
        templates = _units([e for e in base.evaluations if e.channel == channel], units)
        rows += [_evaluation(rng, t, i + 1) for i, t in enumerate(templates)]
    names = [r.unit for r in rows if r.channel == "hotline"]
    adjustments = [
        replace(
            a,
            unit=rng.choice(names),
            points=a.points * rng.choice((1, 1, 2)),
            detail=f"{a.detail}（编号：{rng.randrange(100000, 999999)}）",
        )
        for a in base.adjustments
    ]
    key = f"synthetic {period.key}"
    scale = rng.uniform(0.8, 1.2)
    return Bulletin(
        source=Source(
            filename=f"{period.key}.synthetic",
            sha256=hashlib.sha256(key.encode()).hexdigest(),
            pages=14,
            format="synthetic",
        ),
        issue=Issue(period.year, period.month, f"{period.year}年第{period.month}期"),
        period=period,
        overview=Overview(
            **{
                k: (round(v * scale) if isinstance(v, int) else v)
                for k, v in vars(base.overview).items()
            }
        ),
        categories=[
            Category(c.name, round((c.count or 0) * scale), c.share) for c in base.categories
        ],
        hotline_grades=base.hotline_grades,
        mailbox=base.mailbox,
        mailbox_grades=base.mailbox_grades,
        evaluations=rows,
        adjustments=[Adjustment(**vars(a)) for a in adjustments],
        sections=base.sections,
    )


def synthetic_bulletins(
    count: int = 120, units: int = 300, seed: int = 7, samples: list[Bulletin] | None = None
) -> Iterator[Bulletin]:
    """`count` monthly bulletins from January 2015, each with `units` rows per channel."""
    rng = random.Random(seed)
    samples = samples or sample_bulletins()
    for n, period in enumerate(months(count)):
        yield _month(rng, samples, period, units, n)


def synthetic_store(url: str, count: int = 120, units: int = 300, seed: int = 7) -> Store:
    """A store at `url` holding the synthetic history (written in one import per month)."""
    store = Store.open(url)
    for bulletin in synthetic_bulletins(count, units, seed):
        store.import_bulletin(bulletin, bulletin.source.sha256.encode())
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, default=Path("/tmp/hotline-synthetic.db"))
    args = parser.parse_args(argv)
    args.db.unlink(missing_ok=True)
    started = time.perf_counter()
    store = synthetic_store(f"sqlite:///{args.db}", args.months, args.units, args.seed)
    rows = len(store.frame("evaluations"))
    store.close()
    print(
        f"{args.db}: {args.months} months, {rows} evaluation rows "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
