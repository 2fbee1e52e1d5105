"""The measures a view can rank, compare or plot, and how each one is read.

A measure is a column of the store's evaluations frame. Whether more is better depends on the
channel for `visited`/`visited_rate`: on the hotline they count dissatisfied visits (less is
better), on the mailbox satisfied ones (more is better). Precision is the bulletin's: the
hotline score has 1 decimal, the mailbox score 2 (lib/data/grade_bands.json), rates 2.
"""

from __future__ import annotations

from lib.checks import load_rules
from lib.labels import field_label

SCORE = "score"
RATES = ("completion_rate", "on_time_rate", "rework_rate", "visited_rate")
COUNTS = ("due", "handled", "on_time", "rework", "visited")
MEASURES = (SCORE, *RATES, *COUNTS)
GRADES = ("A", "B", "C", "D", "E")
_WEIGHTS = {"completion_rate": 0.3, "on_time_rate": 0.3, "rework_rate": 0.2, "visited_rate": 0.2}
_LESS_IS_BETTER = {"rework", "rework_rate"}


def label(measure: str, channel: str) -> str:
    """The bulletin's column heading, e.g. 按期办结率, 群众不满意率 (hotline) / 群众满意率 (mailbox)."""
    return field_label(measure, channel)


def decimals(measure: str, channel: str) -> int:
    if measure == SCORE:
        return score_decimals(channel)
    return 2 if measure in RATES else 0


def score_decimals(channel: str) -> int:
    return load_rules()[channel].score_decimals


def higher_is_better(measure: str, channel: str) -> bool:
    if measure in ("visited", "visited_rate"):
        return channel == "mailbox"
    return measure not in _LESS_IS_BETTER


def score_effect(indicator: str, channel: str) -> float:
    """Points of composite score per percentage point of a rate, signed: the score formula
    0.3·办结率 + 0.3·按期办结率 + 0.2·(100 − 返工率) + 0.2·(100 − 不满意率 | 满意率)."""
    weight = _WEIGHTS[indicator]
    return weight if higher_is_better(indicator, channel) else -weight


CITY_FIGURES = {
    "calls": ("受理来电", "count"),
    "direct_answers": ("直接答复", "count"),
    "work_orders": ("承办工单", "count"),
    "completion_rate": ("办结率", "rate"),
    "on_time_rate": ("按期办结率", "rate"),
    "satisfaction_rate": ("群众满意率", "rate"),
    "mailbox_letters": ("市长信箱来信", "count"),
    "mailbox_satisfaction_rate": ("市长信箱群众满意率", "rate"),
}
"""The city's monthly figures (Store.overview() columns): Chinese label and kind."""
