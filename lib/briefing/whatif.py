"""What it would take: how many whole orders would lift a unit's printed score to a target —
the next grade band, or its group's top three — in the same month, one lever at a time.

From the score formula (lib/rules.py; w below is a rate's weight in lib/data/rules.json), each
lever changes one count and leaves the others as printed:

- on_time: an order finished late is finished on time: 按期办结率 +100/应办理数 per order,
  score +100·w/应办理数; at most the orders finished late (办理数 − 按期办理数).
- rework: one reworked order fewer: 返工率 −100/应办理数, score +100·w/应办理数; at most 返工数.
- dissatisfied (hotline): one dissatisfied return visit fewer: 不满意率 −100/回访数, score
  +100·w/回访数; at most 回访不满意数. 回访数 is not printed: it is bounded by 回访不满意数 and the
  printed rate (two decimals), and the largest count in those bounds is used, which asks for
  the most orders — the answer errs on the safe side. With no dissatisfied visits, or a rate
  that fits no count, it cannot be derived, and the lever says so.
- satisfied (mailbox): one more satisfied letter: 满意率 +100/办理数, score +100·w/办理数; at
  most the letters not rated satisfied (办理数 − 回访满意数).

The gap is measured from the printed score, so a source error in a score does not move the
target; a target is met when printed score + k·gain ≥ target score. A top-three target is
the third best printed score among the others of the ranking pool (ties rank alike).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from lib.model import Evaluation
from lib.rules import ChannelRules, load_rules

EPSILON = 1e-9


@dataclass(frozen=True)
class Lever:
    """One way to close the gap: `needed` whole orders, of `available` that could change.

    `gain` is score points per order; None (and `needed` None) when it cannot be derived.
    `visits` is the 回访数 range derived for the hotline's dissatisfied lever.
    """

    kind: str
    needed: int | None
    available: int
    gain: float | None
    visits: tuple[int, int] | None = None

    @property
    def reachable(self) -> bool:
        return self.needed is not None and 0 < self.needed <= self.available


@dataclass(frozen=True)
class Target:
    """A score to reach: `kind` 'grade' (the band `grade`) or 'top3' (`grade` empty)."""

    channel: str
    kind: str
    grade: str
    score: float
    gap: float
    levers: tuple[Lever, ...]


def targets(row: Evaluation, others: Sequence[float], rules: ChannelRules) -> list[Target]:
    """The next grade band above the row's printed score, and its group's top three (the
    other units' printed scores in `others`), each with the levers that could reach it."""
    out = []
    band = next_band(row.score, rules)
    if band is not None:
        out.append(_target(row, "grade", *band))
    third = top_three_score(row.score, others)
    if third is not None:
        out.append(_target(row, "top3", "", third))
    return out


def next_band(score: float, rules: ChannelRules) -> tuple[str, float] | None:
    """(grade, floor) of the band above the one `score` falls in; None in the top band."""
    grades = [grade for grade, _ in rules.bands]
    position = grades.index(rules.grade_for(score))
    return rules.bands[position - 1] if position > 0 else None


def top_three_score(score: float, others: Sequence[float]) -> float | None:
    """The score that ranks third among `others` plus this one; None when already in the top 3."""
    ahead = sorted(others, reverse=True)
    if len(ahead) < 3 or score >= ahead[2]:
        return None
    return ahead[2]


def _target(row: Evaluation, kind: str, grade: str, score: float) -> Target:
    gap = round(score - row.score, 6)
    return Target(row.channel, kind, grade, score, gap, tuple(levers(row, gap)))


def levers(row: Evaluation, gap: float) -> list[Lever]:
    """Every lever of the row's channel for a gap in score points. One order moves a rate by
    100 / its denominator points, and the score by that times the rate's weight."""
    rules = load_rules()[row.channel]

    def gain(rate: str, denominator: int | None) -> float | None:
        return abs(rules.effect(rate)) * 100 / denominator if denominator else None

    out = [
        _lever("on_time", gap, gain("on_time_rate", row.due), row.handled - row.on_time),
        _lever("rework", gap, gain("rework_rate", row.due), row.rework),
    ]
    if row.channel == "hotline":
        visits = visit_count(row.visited, row.visited_rate, rules.rate_tolerance)
        lever_gain = gain("visited_rate", visits[1]) if visits else None
        out.append(_lever("dissatisfied", gap, lever_gain, row.visited, visits))
    else:
        lever_gain = gain("visited_rate", row.handled)
        out.append(_lever("satisfied", gap, lever_gain, row.handled - row.visited))
    return out


def _lever(
    kind: str, gap: float, gain: float | None, available: int, visits: tuple[int, int] | None = None
) -> Lever:
    needed = orders_needed(gap, gain) if gain else None
    return Lever(kind, needed, max(available, 0), gain, visits)


def orders_needed(gap: float, gain: float) -> int:
    """Whole orders at `gain` points each to close `gap` points (0 when there is no gap)."""
    if gap <= 0:
        return 0
    return math.ceil(gap / gain - EPSILON)


def visit_count(
    dissatisfied: int, rate: float, tolerance: float | None = None
) -> tuple[int, int] | None:
    """The return-visit counts n with 100·dissatisfied/n printing as `rate` (within the
    hotline's rate `tolerance`): (smallest, largest); None when there is no dissatisfied visit
    or no count fits."""
    tolerance = tolerance or load_rules()["hotline"].rate_tolerance
    if dissatisfied <= 0 or rate <= tolerance:
        return None
    low = math.ceil(100 * dissatisfied / (rate + tolerance) - EPSILON)
    high = math.floor(100 * dissatisfied / (rate - tolerance) + EPSILON)
    low = max(low, dissatisfied)
    return (low, high) if low <= high else None
