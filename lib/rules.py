"""The center's evaluation rules per channel, from the editable lib/data/rules.json.

Score weights, printed precision, grade bands and ranking pools are facts the bulletins do not
print in full: they live in one file the center can edit, validated when loaded (a bad key is
a `RulesError` naming it), and everything that computes a score, a tolerance, a grade or a
pool reads them from here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lib.errors import RulesError
from lib.model import FIGURE, GROUPS

RULES_JSON = Path(__file__).parent / "data" / "rules.json"
CHANNELS = ("hotline", "mailbox")
_KEYS = {
    "score_weights",
    "score_decimals",
    "rate_decimals",
    "grade_bands",
    "ranking_pools",
    "alert_limits",
}
_SLACK = 1e-6
"""Floating-point slack added to every tolerance, far below any printed precision."""


@dataclass(frozen=True)
class ChannelRules:
    channel: str
    weights: Mapping[str, float]
    score_decimals: int
    rate_decimals: int
    bands: tuple[tuple[str, float], ...]
    pools: Mapping[str, int]
    alert_limits: Mapping[str, float]

    def score(self, values) -> float:
        """The composite score of a row (an Evaluation or a mapping of rates): the weighted
        rates, each as (100 − rate) where less is better."""
        total = 0.0
        for name, weight in self.weights.items():
            rate = values[name] if isinstance(values, Mapping) else getattr(values, name)
            total += weight * (rate if FIGURE[name].higher_is_better(self.channel) else 100 - rate)
        return total

    def effect(self, rate: str) -> float:
        """Score points per percentage point of `rate`, signed (negative where less is better)."""
        weight = self.weights[rate]
        return weight if FIGURE[rate].higher_is_better(self.channel) else -weight

    def grade_for(self, score: float) -> str:
        for grade, floor in self.bands:
            if score >= floor - 1e-9:
                return grade
        return self.bands[-1][0]

    def pool_floor(self, group: str) -> int:
        """The fewest orders (letters) a unit of `group` needs to be ranked in its pool."""
        return self.pools.get(group, 0)

    @property
    def rate_tolerance(self) -> float:
        """Half a unit of a printed rate's last decimal: 29/32 = 90.625 may print as 90.62."""
        return 0.5 * 10**-self.rate_decimals + _SLACK

    @property
    def score_tolerance(self) -> float:
        """A score recomputed from printed, already rounded rates may differ from the printed
        score by half a unit of its precision plus the rates' own rounding."""
        return 0.5 * 10**-self.score_decimals + self.rate_tolerance


@dataclass(frozen=True)
class Rules:
    hotline: ChannelRules
    mailbox: ChannelRules

    def __getitem__(self, channel: str) -> ChannelRules:
        return getattr(self, channel)


@cache
def load_rules(path: Path = RULES_JSON) -> Rules:
    """The rules in `path`, validated; `RulesError` names the first bad key."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RulesError(path.name, f"无法读取：{exc}") from exc
    if not isinstance(raw, dict):
        raise RulesError(path.name, "应为一个对象")
    return Rules(**{ch: _channel(path.name, ch, raw.get(ch)) for ch in CHANNELS})


def _channel(filename: str, channel: str, raw) -> ChannelRules:
    def bad(key: str, what: str) -> RulesError:
        return RulesError(filename, f"{channel}.{key} {what}" if key else f"{channel} {what}")

    if not isinstance(raw, dict):
        raise bad("", "缺失或不是对象")
    missing = sorted(_KEYS - raw.keys())
    if missing:
        raise bad(missing[0], "缺失")
    return ChannelRules(
        channel=channel,
        weights=_weights(raw["score_weights"], bad),
        score_decimals=_decimals(raw["score_decimals"], bad("score_decimals", "应为 0–4 的整数")),
        rate_decimals=_decimals(raw["rate_decimals"], bad("rate_decimals", "应为 0–4 的整数")),
        bands=_bands(raw["grade_bands"], bad),
        pools=_pools(raw["ranking_pools"], bad),
        alert_limits=_rates(raw["alert_limits"], "alert_limits", bad),
    )


def _weights(raw, bad) -> dict[str, float]:
    weights = _rates(raw, "score_weights", bad)
    if abs(sum(weights.values()) - 1) > 1e-9:
        raise bad("score_weights", "权重之和应为 1")
    return weights


def _rates(raw, key: str, bad) -> dict[str, float]:
    """A non-negative number for each rate of the field table, and nothing else."""
    rates = {name for name, f in FIGURE.items() if f.kind == "rate"}
    if not isinstance(raw, dict) or set(raw) != rates:
        raise bad(key, f"应恰好列出 {'、'.join(sorted(rates))}")
    for name, value in raw.items():
        if not _number(value) or value < 0:
            raise bad(f"{key}.{name}", "应为非负数值")
    return {name: float(value) for name, value in raw.items()}


def _decimals(raw, error: RulesError) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or not 0 <= raw <= 4:
        raise error
    return raw


def _bands(raw, bad) -> tuple[tuple[str, float], ...]:
    ok = (
        isinstance(raw, list)
        and raw
        and all(
            isinstance(b, list) and len(b) == 2 and isinstance(b[0], str) and _number(b[1])
            for b in raw
        )
    )
    if not ok:
        raise bad("grade_bands", "应为 [等级, 最低分] 的列表")
    floors = [float(b[1]) for b in raw]
    if floors != sorted(floors, reverse=True) or len({b[0] for b in raw}) != len(raw):
        raise bad("grade_bands", "应按最低分从高到低排列，等级不重复")
    return tuple((grade, float(floor)) for grade, floor in raw)


def _pools(raw, bad) -> dict[str, int]:
    if not isinstance(raw, dict) or set(raw) - set(GROUPS):
        raise bad("ranking_pools", f"的分组应为 {'、'.join(GROUPS)}")
    for group, floor in raw.items():
        if not isinstance(floor, int) or isinstance(floor, bool) or floor < 0:
            raise bad(f"ranking_pools.{group}", "应为非负整数")
    return dict(raw)


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
