"""The dossier's data: one unit's whole record over a span of months.

Built from the store's frames (the briefing's `Library`), never from the database, like
`briefing.content.build_briefing`; the page, the Word file and the workbook all render the
`Dossier` this returns. What it holds, per the analysts' questions ("how did 岳阳楼区 do over the
year", "what cost us points"):

- per month and channel the unit's row of the evaluation table (as printed, or as an analyst
  corrected it, `correction` saying what was printed), its place under the bulletin's ranking
  rule and its place in its whole group, and its grade changes;
- the span's figures recomputed from counts (lib.analysis.periods), both scores said;
- its deductions and bonuses month by month with running totals;
- every narrative passage naming it by any alias, and the reception days it took part in;
- its rates over the span against the median of its group's units over the same span
  (each recomputed from counts), the weakest marked;
- what it would take to reach the next grade or the top three in its latest month.

A month missing from the library inside the span is named (`missing`), never skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis.periods import period_rows
from lib.analysis.pools import placed
from lib.analysis.rows import one_row_per_unit
from lib.analysis.spans import Span, between
from lib.briefing.content import (
    CHANNEL_ORDER,
    Indicator,
    Library,
    indicators,
    month_targets,
    standings,
)
from lib.briefing.mentions import Mention, ReceptionDay, mentions, reception_days
from lib.briefing.whatif import Target
from lib.errors import MonthNotLoaded, UnknownUnit
from lib.model import FIGURES
from lib.units import normalise_name

HISTORY_COLUMNS = [
    "period",
    "channel",
    "group",
    "unit",
    *(f.name for f in FIGURES),
    "place",
    "group_place",
    "grade_change",
    "corrected",
    "correction",
]


@dataclass(frozen=True)
class Dossier:
    """One unit over `span`: what the 单位档案 page, `python -m lib dossier` and its files show.

    `history`: HISTORY_COLUMNS, oldest first, hotline before mailbox. `totals`: the span's
    period_rows of the unit, one per channel listed. `adjustments`: period, kind, points,
    indicator, detail and `running` (net points so far), oldest first, in printed order.
    """

    unit_id: str
    names: tuple[str, ...]
    span: Span
    stored: tuple[str, ...]
    missing: tuple[str, ...]
    history: pd.DataFrame
    totals: pd.DataFrame
    adjustments: pd.DataFrame
    mentions: tuple[Mention, ...]
    reception_days: tuple[ReceptionDay, ...]
    indicators: tuple[Indicator, ...]
    latest: str | None
    targets: tuple[Target, ...]


def build_dossier(library: Library, unit_id: str, span: Span | None = None) -> Dossier:
    """The dossier of `unit_id` over `span` (default: the library's first to last month)."""
    loaded = library.months()
    if not loaded:
        raise MonthNotLoaded(detail="通报库为空")
    if unit_id not in library.unit_ids():
        raise UnknownUnit(detail=unit_id)
    span = span or between(loaded[0], loaded[-1])
    stored = [m for m in loaded if span.start <= m <= span.end]
    rows = library.evaluations[library.evaluations["period"].isin(stored)]
    rows = sharing(rows, unit_id, ["channel", "group"])
    history = unit_history(sharing(rows, unit_id, ["period", "channel", "group"]), unit_id)
    latest = history["period"].max() if len(history) else None
    every = pd.concat([period_rows(rows, ch, span) for ch in CHANNEL_ORDER], ignore_index=True)
    finder = library.finder()
    named = mentions(library.sections, finder, unit_id, stored)
    days = reception_days(library.sections, library.adjustments, finder, unit_id, stored)
    return Dossier(
        unit_id=unit_id,
        names=names_of(library, unit_id),
        span=span,
        stored=tuple(stored),
        missing=tuple(span.missing(loaded)),
        history=history,
        totals=every[every["unit_id"] == unit_id].reset_index(drop=True),
        adjustments=running_adjustments(library.adjustments, unit_id, stored),
        mentions=tuple(sorted(named, key=lambda m: m.period)),
        reception_days=tuple(reversed(days)),
        indicators=tuple(indicators(every, unit_id, span.key)),
        latest=latest,
        targets=tuple(_targets(rows, unit_id, latest)),
    )


def names_of(library: Library, unit_id: str) -> tuple[str, ...]:
    """Every name the unit goes by: its id, the names tables print for it, its aliases."""
    printed = [
        normalise_name(n)
        for frame in (library.evaluations, library.adjustments)
        for n in frame.loc[frame["unit_id"] == unit_id, "unit"]
    ]
    return tuple(dict.fromkeys([unit_id, *printed, *library.index().names_of(unit_id)]))


def sharing(rows: pd.DataFrame, unit_id: str, keys: list[str]) -> pd.DataFrame:
    """The rows that share `keys` (e.g. channel and group) with one of the unit's rows: all a
    place, a median or a target of the unit is computed among, and far fewer than ten years of
    every table."""
    key = rows[keys[0]].astype(str)
    for column in keys[1:]:
        key = key + "|" + rows[column].astype(str)
    return rows[key.isin(set(key[rows["unit_id"] == unit_id]))]


def unit_history(rows: pd.DataFrame, unit_id: str) -> pd.DataFrame:
    """The unit's row of every table in `rows` (its first where a table prints it twice) with
    its place under the bulletin's rule (`place`: pools.placed), in its whole group
    (`group_place`) and the change of grade since its previous listed month of that channel
    ('A → B', '' if none)."""
    parts = [
        one_row_per_unit(ranked[ranked["unit_id"] == unit_id])
        for ranked in (placed(rows, channel) for channel in CHANNEL_ORDER)
    ]
    out = pd.concat(parts, ignore_index=True)
    out["grade_change"] = out.groupby("channel")["grade"].transform(_changes)
    out["_channel"] = out["channel"].map(CHANNEL_ORDER.index)
    out = out.sort_values(["period", "_channel"], kind="stable")
    return out[HISTORY_COLUMNS].reset_index(drop=True)


def _changes(grades: pd.Series) -> pd.Series:
    before = grades.shift()
    moved = before.notna() & (before != grades)
    return (before + " → " + grades).where(moved, "")


def _targets(rows: pd.DataFrame, unit_id: str, latest: str | None) -> list:
    """What it would take in the unit's latest listed month (briefing.content.month_targets)."""
    if latest is None:
        return []
    month = rows[rows["period"] == latest]
    return month_targets(month, unit_id, latest, standings(month, unit_id))


def running_adjustments(frame: pd.DataFrame, unit_id: str, months) -> pd.DataFrame:
    """The unit's deductions and bonuses in `months`, oldest first (deductions before
    bonuses, each as printed), with the net
    points so far (`running`)."""
    mine = frame[(frame["unit_id"] == unit_id) & frame["period"].isin(list(months))]
    mine = mine.sort_values(["period", "kind", "order"], ascending=[True, False, True])
    out = mine[["period", "kind", "unit", "points", "indicator", "detail"]].reset_index(drop=True)
    out["running"] = out["points"].cumsum().round(2)
    return out
