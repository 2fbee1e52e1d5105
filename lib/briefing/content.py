"""The briefing's data: what a 领导接听日 briefing says about one unit, for one month.

Built from the store's frames (a `Library`), never from the database directly, so the app can
cache the frames and build a briefing at will. Values are those in force — as printed, or as
an analyst corrected them (lib/review/apply.py; `Standing.correction` says what was printed);
places are the bulletin's own (lib.analysis.pools, the rule every page uses): within the
group's ranking pool, or in the whole group, said so, for a unit below the pool's floor.

The window is the briefing's month and the twelve calendar months before it; only the months
loaded appear. The comparison is with the previous month loaded, named as such, so a gap in
the library is never passed off as a change against last month.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from difflib import get_close_matches

import pandas as pd

from lib.analysis import metrics
from lib.analysis.comparison import versus_group_median
from lib.analysis.pools import in_their_pools, place_text, placed, places_moved
from lib.analysis.rows import one_row_per_unit
from lib.briefing.mentions import Mention, NameFinder, ReceptionDay, mentions, reception_days
from lib.briefing.whatif import Target, targets
from lib.errors import MonthNotLoaded, UnknownUnit
from lib.model import Evaluation
from lib.rules import load_rules
from lib.units import UnitIndex, normalise_name

CHANNEL_ORDER = ("hotline", "mailbox")
MAX_HINTS = 6
WINDOW_MONTHS = 12


@dataclass(frozen=True)
class Library:
    """The store's frames a briefing reads (Store.frame("evaluations"), adjustments(), …)."""

    evaluations: pd.DataFrame
    adjustments: pd.DataFrame
    sections: pd.DataFrame
    categories: pd.DataFrame
    aliases: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_store(cls, store) -> Library:
        names = store.frame("aliases")
        return cls(
            store.frame("evaluations"),
            store.frame("adjustments"),
            store.frame("sections"),
            store.frame("categories"),
            tuple(zip(names["unit_id"], names["alias"], strict=True)),
        )

    def index(self) -> UnitIndex:
        return UnitIndex.from_pairs(self.aliases)

    def months(self) -> list[str]:
        """Every month loaded, oldest first."""
        frames = (self.evaluations, self.sections, self.categories, self.adjustments)
        return sorted(set().union(*(_distinct(f["period"]) for f in frames)))

    def unit_ids(self) -> list[str]:
        """Units with a row in an evaluation table: those a briefing can be made for."""
        return sorted(_distinct(self.evaluations["unit_id"]))

    def finder(self) -> NameFinder:
        """Every name the library knows (aliases, ids, printed names) and the unit it means."""
        index = self.index()
        printed = _distinct(self.evaluations["unit"]) | _distinct(self.adjustments["unit"])
        names = {*index.aliases, *index.aliases.values(), *map(normalise_name, printed)}
        return NameFinder({name: index.unit_id(name) for name in names if name})


def _distinct(column: pd.Series) -> set:
    """The column's values as a set, found by pandas: iterating an Arrow-backed column in
    Python (set(column)) takes seconds over ten years of rows."""
    return set(column.unique().tolist())


@dataclass(frozen=True)
class Visit:
    """The reception day the briefing is for: all optional, shown only when given."""

    leader: str = ""
    title: str = ""
    day: date | None = None


@dataclass(frozen=True)
class Standing:
    """A unit's printed score and grade in one table, and its place under the bulletin's rule
    (lib.analysis.pools): `rank` among `of` units of `pool` (what it is ranked among, said in
    words); `pooled` is False for a unit below its pool's floor, placed in its whole group. `correction` is the row's note where an analyst corrected a
    value (lib/review/apply.py), '' where the row is as printed."""

    period: str
    channel: str
    group: str
    score: float
    grade: str
    rank: int
    of: int
    pool: str
    pooled: bool = True
    correction: str = ""

    @property
    def place(self) -> str:
        """'第 8 / 11 · 信件≥10件的县市区'."""
        return place_text(str(self.rank), str(self.of), self.pool)

    def moved_since(self, before: Standing | None) -> int | None:
        """Places moved up since `before` (pools.places_moved); None when not comparable."""
        if before is None:
            return None
        return places_moved(before.rank, before.pooled, self.rank, self.pooled)


@dataclass(frozen=True)
class Headline:
    """One channel in the briefing's month, against the previous month loaded."""

    channel: str
    current: Standing | None
    previous: Standing | None
    previous_month: str | None


@dataclass(frozen=True)
class Indicator:
    channel: str
    field: str
    value: float
    median: float
    weakest: bool = False

    @property
    def shortfall(self) -> float:
        """Score points this indicator costs the unit against the group median (< 0: ahead)."""
        return metrics.score_effect(self.field, self.channel) * (self.median - self.value)


@dataclass(frozen=True)
class AdjustmentItem:
    period: str
    kind: str
    points: float
    indicator: str
    detail: str


@dataclass(frozen=True)
class CityCategory:
    name: str
    count: int | None
    share: float | None


@dataclass(frozen=True)
class Briefing:
    unit_id: str
    names: tuple[str, ...]
    month: str
    months: tuple[str, ...]
    headlines: tuple[Headline, ...]
    history: tuple[Standing, ...]
    indicators: tuple[Indicator, ...]
    targets: tuple[Target, ...]
    adjustments: tuple[AdjustmentItem, ...]
    mentions: tuple[Mention, ...]
    reception_days: tuple[ReceptionDay, ...]
    categories: tuple[CityCategory, ...]
    visit: Visit = field(default_factory=Visit)

    def headline(self, channel: str) -> Headline:
        return next(h for h in self.headlines if h.channel == channel)


def find_unit(library: Library, text: str) -> str:
    """The unit id for a name, alias or unambiguous part of one ('城管局' → 市城管局); else
    UnknownUnit naming the units it may mean: those whose names contain it, or failing that
    the closest names (岳阳塔区 → 岳阳楼区)."""
    known = library.unit_ids()
    uid = library.index().unit_id(text)
    if uid in known:
        return uid
    key = normalise_name(text)
    names = library.finder().names
    partial = {names[name] for name in names if key and key in name} & set(known)
    if len(partial) == 1:
        return partial.pop()
    if partial:
        hint = "，可能是：" + "、".join(sorted(partial)[:MAX_HINTS])
    else:
        close = get_close_matches(key, [n for n in names if names[n] in known], MAX_HINTS, 0.6)
        hint = "，最接近的名称：" + "、".join(close) if close else ""
    raise UnknownUnit(detail=f"{text}{hint}")


def window(months: list[str], month: str) -> list[str]:
    """The loaded months from twelve calendar months before `month` up to it, oldest first."""
    end = _ordinal(month)
    return [m for m in months if end - WINDOW_MONTHS <= _ordinal(m) <= end]


def _ordinal(month: str) -> int:
    year, mon = (int(part) for part in month.split("-"))
    return year * 12 + mon - 1


def build_briefing(
    library: Library, unit_id: str, month: str | None = None, visit: Visit | None = None
) -> Briefing:
    """The briefing on `unit_id` for `month` ('YYYY-MM', default the latest month loaded)."""
    loaded = library.months()
    month = month or (loaded[-1] if loaded else None)
    if month not in loaded:
        raise MonthNotLoaded(detail=month or "通报库为空")
    if unit_id not in library.unit_ids():
        raise UnknownUnit(detail=unit_id)
    months = window(loaded, month)
    rows = library.evaluations[library.evaluations["period"].isin(months)]
    history = standings(rows, unit_id)
    finder = library.finder()
    return Briefing(
        unit_id=unit_id,
        names=tuple(library.index().names_of(unit_id)),
        month=month,
        months=tuple(months),
        headlines=tuple(_headline(history, channel, month, months) for channel in CHANNEL_ORDER),
        history=tuple(history),
        indicators=tuple(indicators(rows, unit_id, month)),
        targets=tuple(month_targets(rows, unit_id, month, history)),
        adjustments=tuple(adjustments(library.adjustments, unit_id, months)),
        mentions=tuple(mentions(library.sections, finder, unit_id, months)),
        reception_days=tuple(
            reception_days(
                library.sections,
                library.adjustments,
                finder,
                unit_id,
                [m for m in loaded if m <= month],
            )
        ),
        categories=tuple(city_categories(library.categories, month)),
        visit=visit or Visit(),
    )


def unit_rows(rows: pd.DataFrame, unit_id: str) -> pd.DataFrame:
    """The unit's rows, one per table (a unit printed twice counts by its first row)."""
    return one_row_per_unit(rows[rows["unit_id"] == unit_id])


def standings(rows: pd.DataFrame, unit_id: str) -> list[Standing]:
    """The unit's place in every table of `rows` under the bulletin's rule (pools.placed),
    oldest first, hotline before mailbox."""
    out = []
    for channel in CHANNEL_ORDER:
        ranked = placed(rows, channel)
        for _, row in unit_rows(ranked, unit_id).iterrows():
            out.append(
                Standing(
                    row["period"],
                    channel,
                    row["group"],
                    float(row["score"]),
                    row["grade"],
                    int(row["rank"]),
                    int(row["out_of"]),
                    row["pool"],
                    bool(row["in_pool"]),
                    row["correction"],
                )
            )
    return sorted(out, key=lambda s: (s.period, CHANNEL_ORDER.index(s.channel)))


def _headline(history: list[Standing], channel: str, month: str, months: list[str]) -> Headline:
    earlier = [m for m in months if m < month]
    previous_month = earlier[-1] if earlier else None
    by_month = {s.period: s for s in history if s.channel == channel}
    return Headline(channel, by_month.get(month), by_month.get(previous_month), previous_month)


def indicators(rows: pd.DataFrame, unit_id: str, month: str) -> list[Indicator]:
    """The four rates of each channel against the median of the unit's group that month
    (lib.analysis.comparison.versus_group_median); per channel, the one costing the most score
    points against the median is `weakest`."""
    out = []
    this_month = rows[rows["period"] == month]
    for channel in CHANNEL_ORDER:
        versus = versus_group_median(this_month, channel, month, [unit_id])
        versus = versus[versus["measure"].isin(metrics.RATES)]
        items = [
            Indicator(channel, m, float(v), float(med))
            for m, v, med in zip(versus["measure"], versus["value"], versus["median"], strict=True)
        ]
        if items:
            worst = max(items, key=lambda item: item.shortfall)
            out += [replace(item, weakest=item is worst and item.shortfall > 0) for item in items]
    return out


def month_targets(
    rows: pd.DataFrame, unit_id: str, month: str, history: list[Standing]
) -> list[Target]:
    """What it would take (whatif.targets) for the unit's rows of `month`, against the others
    of its ranking pool (its whole group when it is below the pool's floor)."""
    this_month = rows[rows["period"] == month]
    ranked = {s.channel: s for s in history if s.period == month}
    rules = load_rules()
    out = []
    for index, row in unit_rows(this_month, unit_id).iterrows():
        standing = ranked[row["channel"]]
        others = this_month[
            (this_month["channel"] == row["channel"]) & (this_month["group"] == row["group"])
        ].drop(index)
        if standing.pooled:
            others = others[in_their_pools(others, row["channel"])]
        out += targets(evaluation(row), list(others["score"]), rules[row["channel"]])
    return out


def evaluation(row: pd.Series) -> Evaluation:
    """A frame row of Store.frame("evaluations") as the model's Evaluation."""
    names = [f.name for f in fields(Evaluation) if f.name in row.index and f.name != "page"]
    return Evaluation(**{n: row[n].item() if hasattr(row[n], "item") else row[n] for n in names})


def adjustments(frame: pd.DataFrame, unit_id: str, months: list[str]) -> list[AdjustmentItem]:
    """The unit's deductions and bonuses in the window, newest month first, in printed order."""
    mine = frame[(frame["unit_id"] == unit_id) & frame["period"].isin(months)]
    mine = mine.sort_values(["period", "kind", "order"], ascending=[False, False, True])
    columns = (mine[c] for c in ("period", "kind", "points", "indicator", "detail"))
    return [
        AdjustmentItem(period, kind, float(points), indicator, detail)
        for period, kind, points, indicator, detail in zip(*columns, strict=True)
    ]


def city_categories(frame: pd.DataFrame, month: str) -> list[CityCategory]:
    """The city's complaint categories in `month` as printed (the unit's own are not printed)."""
    rows = frame[frame["period"] == month].sort_values("order")
    return [
        CityCategory(
            name, None if pd.isna(count) else int(count), None if pd.isna(share) else float(share)
        )
        for name, count, share in zip(rows["name"], rows["count"], rows["share"], strict=True)
    ]
