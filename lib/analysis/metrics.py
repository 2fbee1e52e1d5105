"""The measures a view can rank, compare or plot, and how each one is read.

A measure is a column of the store's evaluations frame, one of the model's `FIGURES` (the
field table): whether more is better, its heading and its printed precision all come from
there and from the rules file (lib/rules.py). On the hotline `visited`/`visited_rate` count
dissatisfied visits (less is better), on the mailbox satisfied ones (more is better).
"""

from __future__ import annotations

from lib.labels import field_label
from lib.model import FIGURE, FIGURES
from lib.rules import load_rules

SCORE = "score"
RATES = tuple(f.name for f in FIGURES if f.kind == "rate")
COUNTS = tuple(f.name for f in FIGURES if f.kind == "count")
MEASURES = (SCORE, *RATES, *COUNTS)


def label(measure: str, channel: str) -> str:
    """The bulletin's column heading, e.g. 按期办结率, 群众不满意率 (hotline) / 群众满意率 (mailbox)."""
    return field_label(measure, channel)


def heading(measure: str, channel: str) -> str:
    """A table's column heading: the label, with （%） on a rate (its cells are bare numbers)."""
    return (
        f"{label(measure, channel)}（%）"
        if FIGURE[measure].kind == "rate"
        else label(measure, channel)
    )


def change_heading(measure: str, channel: str) -> str:
    """The heading of a change of the measure: a rate changes by percentage points."""
    unit = "（百分点）" if FIGURE[measure].kind == "rate" else ""
    return f"{label(measure, channel)}变化{unit}"


def decimals(measure: str, channel: str) -> int:
    rules = load_rules()[channel]
    return {"score": rules.score_decimals, "rate": rules.rate_decimals}.get(FIGURE[measure].kind, 0)


def score_decimals(channel: str) -> int:
    return load_rules()[channel].score_decimals


def higher_is_better(measure: str, channel: str) -> bool:
    return FIGURE[measure].higher_is_better(channel)


def score_effect(indicator: str, channel: str) -> float:
    """Points of composite score per percentage point of a rate, signed (the channel's
    score weights, lib/data/rules.json)."""
    return load_rules()[channel].effect(indicator)


CITY_FIGURES = {
    name: (field_label(name), kind)
    for name, kind in (
        ("calls", "count"),
        ("direct_answers", "count"),
        ("work_orders", "count"),
        ("completion_rate", "rate"),
        ("on_time_rate", "rate"),
        ("satisfaction_rate", "rate"),
        ("mailbox_letters", "count"),
        ("mailbox_satisfaction_rate", "rate"),
    )
}
"""The city's monthly figures (Store.frame("overview") columns): Chinese heading (lib.labels)
and kind."""
