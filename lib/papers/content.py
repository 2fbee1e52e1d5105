"""The city's monthly analysis report (月度分析报告): what it says about one month.

Pure, like the briefing (lib/briefing/content.py): the store's frames in, a `Report` out. Each
part comes from the analysis module of the page that shows it, so the paper and the pages agree:
the city's figures and categories (overview), grades and who moved (grades), places under the
bulletin's rule (rankings, pools), alerts (alerts), deductions and bonuses (ledger), the review
queue's findings (lib.review). Values are those in force: the evaluations frame applies the
review log's corrections, and a corrected row keeps its note of what was printed.

"The previous month" is the previous month stored, named wherever a change is shown; calendar
months between the two that the library lacks are named as well (`skipped`), so a step over a
gap is never passed off as last month's change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lib.analysis import alerts, grades, ledger, overview, rankings
from lib.analysis.rows import calendar, of_channel, previous_month
from lib.briefing.content import CHANNEL_ORDER, Library
from lib.briefing.mentions import NameFinder, item_number
from lib.errors import MonthNotLoaded
from lib.model import GROUPS
from lib.papers.checks import Check, month_checks
from lib.rules import load_rules

PROBLEMS = "存在的问题"
LIST_LENGTH = 5
"""Units named at each end of a group too large to list whole."""
COMPLETE_UP_TO = 15
"""A group of at most this many units in either channel is listed whole (the 13 县市区)."""
PROBLEM_CHARS = 60
"""An item of 存在的问题 is quoted up to this many characters, cut after a whole clause."""
_NUMBERING = re.compile(r"^\s*(?:\d+\s*[、.．]|（[一二三四五六七八九十]+）)\s*")


@dataclass(frozen=True)
class Frames:
    """The store's frames a report reads: the briefing's `Library` and the city's tables."""

    library: Library
    overview: pd.DataFrame
    grade_counts: pd.DataFrame
    findings: pd.DataFrame
    warnings: pd.DataFrame
    printed: pd.DataFrame
    review_log: pd.DataFrame
    issues: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_store(cls, store) -> Frames:
        return cls(
            Library.from_store(store),
            store.frame("overview"),
            store.frame("grade_counts"),
            store.frame("findings"),
            store.frame("warnings"),
            store.frame("printed_evaluations"),
            store.frame("review_log"),
            tuple((info.period, info.issue_label or "") for info in store.list_bulletins()),
        )

    def months(self) -> list[str]:
        """Every month loaded, oldest first."""
        return sorted(set(self.library.months()) | set(self.overview["period"]))


@dataclass(frozen=True)
class GroupRanking:
    """One group's ranking in one channel (rankings.rank_in_group) and its two ends."""

    channel: str
    group: str
    ranking: pd.DataFrame
    top: pd.DataFrame
    bottom: pd.DataFrame


@dataclass(frozen=True)
class Problem:
    """One item of the bulletin's 存在的问题, in short, with the units it names."""

    number: int | None
    summary: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    month: str
    issue: str
    previous: str | None
    skipped: tuple[str, ...]
    figures: pd.DataFrame
    categories: pd.DataFrame
    grades: pd.DataFrame
    previous_grades: pd.DataFrame
    movers: dict[str, pd.DataFrame]
    groups: tuple[GroupRanking, ...]
    alerts: dict[str, alerts.AlertsView]
    adjustments: pd.DataFrame
    by_indicator: pd.DataFrame
    problems: tuple[Problem, ...]
    checks: tuple[Check, ...]

    def ranking(self, channel: str, group: str) -> GroupRanking | None:
        return next((g for g in self.groups if (g.channel, g.group) == (channel, group)), None)

    def complete(self, group: str) -> bool:
        """Whether the report lists the group whole (else its best and worst)."""
        sizes = [len(g.ranking) for g in self.groups if g.group == group]
        return bool(sizes) and max(sizes) <= COMPLETE_UP_TO


def build_report(frames: Frames, month: str | None = None) -> Report:
    """The report on `month` ('YYYY-MM', default the latest month loaded)."""
    loaded = frames.months()
    month = month or (loaded[-1] if loaded else None)
    if month not in loaded:
        raise MonthNotLoaded(detail=month or "通报库为空")
    library = frames.library
    evaluations = library.evaluations
    before = previous_month(pd.DataFrame({"period": loaded}), month)
    months = calendar(before, month)[1:-1] if before else []
    return Report(
        month=month,
        issue=dict(frames.issues).get(month, ""),
        previous=before,
        skipped=tuple(m for m in months if m not in loaded),
        figures=overview.headline(frames.overview, month),
        categories=category_changes(library.categories, month, before),
        grades=overview.grade_counts(evaluations, frames.grade_counts, month),
        previous_grades=overview.grade_counts(evaluations, frames.grade_counts, before or ""),
        movers={
            channel: grades.grade_movers(evaluations, channel, before, month)
            for channel in _channels(evaluations, month)
            if before
        },
        groups=tuple(group_rankings(evaluations, month)),
        alerts={
            channel: alerts.alerts_view(
                evaluations, channel, month, load_rules()[channel].alert_limits
            )
            for channel in _channels(evaluations, month)
        },
        adjustments=ledger.search_ledger(library.adjustments, month, month),
        by_indicator=ledger.totals_by_indicator(
            ledger.search_ledger(library.adjustments, month, month)
        ),
        problems=tuple(problems(library.sections, library.finder(), month)),
        checks=tuple(month_checks(frames, month)),
    )


def _channels(evaluations: pd.DataFrame, month: str) -> list[str]:
    """The channels whose table the month has, hotline first."""
    present = set(evaluations.loc[evaluations["period"] == month, "channel"])
    return [c for c in CHANNEL_ORDER if c in present]


def category_changes(categories: pd.DataFrame, month: str, before: str | None) -> pd.DataFrame:
    """The month's 诉求类型 in printed order with the previous month's count and place of the
    same name: name, count, share, place, previous_count, previous_place, change (NA where the
    previous month did not list the category)."""
    now = overview.month_categories(categories, month)
    now["place"] = range(1, len(now) + 1)
    then = overview.month_categories(categories, before) if before else now.iloc[:0]
    then = then.assign(place=range(1, len(then) + 1))[["name", "count", "place"]]
    then = then.rename(columns={"count": "previous_count", "place": "previous_place"})
    out = now.merge(then, on="name", how="left")
    out["change"] = out["count"] - out["previous_count"]
    return out


def group_rankings(evaluations: pd.DataFrame, month: str) -> list[GroupRanking]:
    """Every channel × group of the month ranked on the score, the bulletin's rule."""
    out = []
    for channel in _channels(evaluations, month):
        present = set(of_channel(evaluations, channel, month)["group"])
        for group in (g for g in GROUPS if g in present):
            ranking = rankings.rank_in_group(evaluations, channel, month, group)
            top, bottom = rankings.top_and_bottom(ranking, LIST_LENGTH)
            out.append(GroupRanking(channel, group, ranking, top, bottom))
    return out


def problems(sections: pd.DataFrame, finder: NameFinder, month: str) -> list[Problem]:
    """The month's 存在的问题 items, each as its heading cut to PROBLEM_CHARS after a clause."""
    items = sections[(sections["period"] == month) & (sections["key"] == PROBLEMS)]
    out = []
    for heading, text in zip(items["heading"], items["text"], strict=True):
        lead = _NUMBERING.sub("", heading).rstrip("。") or text
        units = tuple(dict.fromkeys(uid for _, uid in finder.found(text or lead)))
        out.append(Problem(item_number(heading), shortened(lead), units))
    return out


def shortened(text: str, limit: int = PROBLEM_CHARS) -> str:
    """`text` whole when it fits in `limit` characters, else its clauses (cut at ，；) while
    they fit, then '……'; the first clause is kept however long."""
    if len(text) <= limit:
        return text
    kept = ""
    for clause in re.findall(r"[^，；]+[，；]?", text):
        if kept and len(kept) + len(clause) > limit:
            break
        kept += clause
    return kept.rstrip("，；") + "……"
