"""Where the bulletins' running text names a unit, and the reception days it records.

Names are found leftmost-longest over every name the library knows, so that a name inside a
longer one (经开区 in 岳阳经开区) counts for the longer one's unit. A passage is one numbered
item of a narrative section; the briefing quotes the clauses (split at 。 and ；, never inside
quotation marks) that name the unit, with "……" where clauses were left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from lib.labels import month_label

NARRATIVE_KEYS = ("存在的问题", "热点焦点", "工作动态", "工作经验交流", "知识库管理")
RECEPTION_WORDS = ("接听日", "接听群众", "接听来电")
GAP = "……"
_OPEN, _CLOSE = "“‘（(", "”’）)"
_CLAUSE_END = "。；;"
_NUMERALS = "一二三四五六七八九十"
_ITEM = re.compile(rf"^\s*(?:(\d+)\s*[、.．]|（([{_NUMERALS}]+)）)")
_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
_MONTH = re.compile(r"(\d{1,2})月份?")
_TITLE = r"[\u4e00-\u9fff]{0,5}?(?:长|书记|主任|经理)"
_PERSON = r"[\u4e00-\u9fff]{2,3}?(?=[、，,。；]|先后|等|到|一行|同志)"


class NameFinder:
    """Unit names in running text, each read as the longest known name at its place."""

    def __init__(self, names: dict[str, str]):
        self.names = names
        ordered = sorted(names, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def found(self, text: str) -> list[tuple[str, str]]:
        """(name as written, unit id) for every name in `text`, in order."""
        if self._pattern is None:
            return []
        return [(m.group(), self.names[m.group()]) for m in self._pattern.finditer(text)]

    def names_of(self, text: str, unit_id: str) -> list[str]:
        return [name for name, uid in self.found(text) if uid == unit_id]


@dataclass(frozen=True)
class Mention:
    """A narrative passage naming the unit: month, section key, item number, quoted clauses."""

    period: str
    key: str
    item: int | None
    heading: str
    excerpt: str


@dataclass(frozen=True)
class ReceptionDay:
    """A reception day of the unit: when, who (as the bulletin names them), and where found."""

    period: str
    when: str
    leader: str
    sources: tuple[str, ...]


def clauses(text: str) -> list[str]:
    """`text` cut after each 。 or ； that is not inside quotation marks or brackets."""
    out, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif char in _CLAUSE_END and depth == 0:
            out.append(text[start : i + 1])
            start = i + 1
    if text[start:].strip():
        out.append(text[start:])
    return out


def excerpt(parts: list[str], keep: list[bool]) -> str:
    """The kept clauses, with GAP where clauses before, between or after them were left out."""
    pieces = [GAP] if keep and not keep[0] else []
    for i, (part, kept) in enumerate(zip(parts, keep, strict=True)):
        if not kept:
            continue
        gap_after = i + 1 < len(parts) and not keep[i + 1]
        pieces.append(part.rstrip("；;，,") + GAP if gap_after else part)
    return "".join(pieces)


def item_number(heading: str) -> int | None:
    """1 for '1、…' or '（一）…'; None for a heading without a number."""
    match = _ITEM.match(heading)
    if match is None:
        return None
    if match.group(1):
        return int(match.group(1))
    return _chinese_number(match.group(2))


def _chinese_number(text: str) -> int:
    """一 … 九十九."""
    if "十" not in text:
        return _NUMERALS.index(text) + 1
    tens, _, units = text.partition("十")
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (
        _NUMERALS.index(units) + 1 if units else 0
    )


def _body(key: str, text: str) -> str:
    """The section's text without its run-in label ('热点焦点：…')."""
    return re.sub(rf"^{re.escape(key)}[：:。]", "", text.strip())


def mentions(
    sections: pd.DataFrame, finder: NameFinder, unit_id: str, months: Iterable[str]
) -> list[Mention]:
    """Every passage of NARRATIVE_KEYS in `months` naming the unit, newest month first."""
    rows = sections[sections["period"].isin(list(months)) & sections["key"].isin(NARRATIVE_KEYS)]
    out = []
    for period, key, heading, text in zip(
        rows["period"], rows["key"], rows["heading"], rows["text"], strict=True
    ):
        parts = clauses(_body(key, text))
        keep = [bool(finder.names_of(part, unit_id)) for part in parts]
        if any(keep):
            out.append(Mention(period, key, item_number(heading), heading, excerpt(parts, keep)))
    return sorted(out, key=lambda m: (m.period, -NARRATIVE_KEYS.index(m.key)), reverse=True)


def reception_days(
    sections: pd.DataFrame,
    adjustments: pd.DataFrame,
    finder: NameFinder,
    unit_id: str,
    months: Iterable[str],
) -> list[ReceptionDay]:
    """The unit's reception days in `months`: 工作动态 sentences about taking calls that name
    it, and bonus rows for taking part; one entry per month, newest first."""
    months = list(months)
    found: dict[str, list[ReceptionDay]] = {}
    news = sections[(sections["key"] == "工作动态") & sections["period"].isin(months)]
    for period, text in zip(news["period"], news["text"], strict=True):
        for sentence in _sentences(text):
            names = finder.names_of(sentence, unit_id)
            if names and any(word in sentence for word in RECEPTION_WORDS):
                found.setdefault(period, []).append(
                    ReceptionDay(
                        period, _when(sentence, period), _leader(sentence, names), ("工作动态",)
                    )
                )
    bonus = adjustments[
        (adjustments["unit_id"] == unit_id)
        & (adjustments["kind"] == "bonus")
        & adjustments["period"].isin(months)
    ]
    for period, indicator, detail, points in zip(
        bonus["period"], bonus["indicator"], bonus["detail"], bonus["points"], strict=True
    ):
        if "接听日" in indicator + detail:
            found.setdefault(period, []).append(
                ReceptionDay(period, month_label(period), "", (f"加分表（+{points:g} 分）",))
            )
    return [_merged(days) for _, days in sorted(found.items(), reverse=True)]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=。)", text) if s.strip()]


def _when(sentence: str, period: str) -> str:
    """The date the sentence gives ('3月25日', '5月份'), in the bulletin's year; else its month.

    A month after the bulletin's own belongs to the year before (a December visit reported in
    January's bulletin)."""
    year, month = (int(p) for p in period.split("-"))
    day = _DAY.search(sentence)
    found = day or _MONTH.search(sentence)
    if found is None:
        return month_label(period)
    mon = int(found.group(1))
    year = year - 1 if mon > month else year
    return f"{year}年{mon}月{day.group(2)}日" if day else f"{year}年{mon}月"


def _leader(sentence: str, names: list[str]) -> str:
    """'区长陈淼' from '君山区区长陈淼、…': the title and name written right after the unit."""
    for name in names:
        match = re.search(rf"{re.escape(name)}({_TITLE})({_PERSON})", sentence)
        if match:
            return match.group(1) + match.group(2)
    return ""


def _merged(days: list[ReceptionDay]) -> ReceptionDay:
    """One month's findings as one entry: the most precise date, the named leader, all sources."""
    when = max((d.when for d in days), key=len)
    leader = next((d.leader for d in days if d.leader), "")
    sources = tuple(dict.fromkeys(s for d in days for s in d.sources))
    return ReceptionDay(days[0].period, when, leader, sources)
