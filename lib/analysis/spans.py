"""Periods longer than a month: 季度, 半年, 年度 or any span of months, and the calendar
arithmetic around them (the months a period holds, the ones the library lacks, a month a year
earlier).

A `Span` is a run of calendar months, whatever the library holds: a quarter is three months
even when only one is stored, and the months it lacks are named ("缺 2024年4月"), never
skipped in silence. Periods are written '2024-05' (a month), '2024Q2', '2024H1', '2024' or
'2024-03~2024-05' (any span); `parse_span` reads those and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lib.errors import BadPeriod
from lib.labels import month_label

KINDS = {"month": "月", "quarter": "季度", "half": "半年", "year": "年度", "span": "任意期间"}
"""Kinds of period, in the words of the period choice."""
MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_NUMERALS = "一二三四"
_MONTH = r"(\d{4})-(\d{1,2})"
_FORMS = (
    (re.compile(rf"^{_MONTH}$"), "month"),
    (re.compile(r"^(\d{4})\s*[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})\s*[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(rf"^{_MONTH}\s*(?:~|～|\.\.|至|–|—)\s*{_MONTH}$"), "span"),
)


@dataclass(frozen=True)
class Span:
    """The calendar months `start` to `end` ('YYYY-MM', both included) and what kind of
    period they make."""

    kind: str
    start: str
    end: str

    @property
    def months(self) -> list[str]:
        """Every calendar month of the span, oldest first, stored or not."""
        return [_month(n) for n in range(ordinal(self.start), ordinal(self.end) + 1)]

    @property
    def key(self) -> str:
        """'2024-05', '2024Q2', '2024H1', '2024', '2024-03~2024-05': how it is written."""
        year, month = (int(p) for p in self.start.split("-"))
        return {
            "month": self.start,
            "quarter": f"{year}Q{(month - 1) // 3 + 1}",
            "half": f"{year}H{(month - 1) // 6 + 1}",
            "year": f"{year}",
        }.get(self.kind, f"{self.start}~{self.end}")

    @property
    def label(self) -> str:
        """'2024年5月', '2024年第二季度', '2024年上半年', '2024年度', '2024年3月 – 2024年5月'."""
        year, month = (int(p) for p in self.start.split("-"))
        if self.kind == "quarter":
            return f"{year}年第{_NUMERALS[(month - 1) // 3]}季度"
        if self.kind == "half":
            return f"{year}年{'上' if month <= 6 else '下'}半年"
        if self.kind == "year":
            return f"{year}年度"
        if self.start == self.end:
            return month_label(self.start)
        return f"{month_label(self.start)} – {month_label(self.end)}"

    def missing(self, stored: Iterable[str]) -> list[str]:
        """The span's months the library does not hold, oldest first."""
        have = set(stored)
        return [m for m in self.months if m not in have]


def ordinal(month: str) -> int:
    """Months since year 0: consecutive months are consecutive numbers."""
    year, mon = (int(part) for part in month.split("-")[:2])
    return year * 12 + mon - 1


def _month(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def year_earlier(month: str) -> str:
    """The same month a year before: '2024-05' → '2023-05' (同比)."""
    return _month(ordinal(month) - 12)


def shifted(span: Span, months: int) -> Span:
    """The same kind of period `months` calendar months later (earlier when negative)."""
    start, end = (_month(ordinal(m) + months) for m in (span.start, span.end))
    return Span(span.kind, start, end)


def before(span: Span) -> Span:
    """The period of the same kind and length just before (环比): 2024Q1 for 2024Q2."""
    return shifted(span, -len(span.months))


def year_before(span: Span) -> Span:
    """The same period a year earlier (同比): 2023Q2 for 2024Q2."""
    return shifted(span, -12)


def containing(kind: str, month: str) -> Span:
    """The period of `kind` ('month', 'quarter', 'half', 'year') that holds `month`."""
    length = MONTHS_IN[kind]
    number = ordinal(month)
    first = number - (number % 12) % length
    return Span(kind, _month(first), _month(first + length - 1))


def between(start: str, end: str) -> Span:
    """Any span of months; one month is a 'month'."""
    if ordinal(start) > ordinal(end):
        start, end = end, start
    return Span("month" if start == end else "span", start, end)


def spans_of(kind: str, months: Sequence[str]) -> list[Span]:
    """The periods of `kind` holding at least one of `months`, oldest first."""
    return list(dict.fromkeys(containing(kind, m) for m in sorted(months)))


def parse_span(text: str) -> Span:
    """'2024-05', '2024Q2', '2024H1', '2024' or '2024-03~2024-05' as a Span; anything else is
    BadPeriod, naming what was given."""
    written = text.strip()
    for pattern, kind in _FORMS:
        found = pattern.match(written)
        if found is None:
            continue
        numbers = [int(g) for g in found.groups()]
        if any(not 1 <= m <= 12 for m in _month_numbers(kind, numbers)):
            break
        return _span(kind, numbers)
    raise BadPeriod(detail=f"“{text}”；{BadPeriod.forms}")


def _month_numbers(kind: str, numbers: list[int]) -> list[int]:
    return {"month": numbers[1:2], "span": numbers[1::2]}.get(kind, [])


def _span(kind: str, numbers: list[int]) -> Span:
    year = numbers[0]
    if kind == "month":
        return between(*[f"{year:04d}-{numbers[1]:02d}"] * 2)
    if kind == "span":
        return between(f"{year:04d}-{numbers[1]:02d}", f"{numbers[2]:04d}-{numbers[3]:02d}")
    part = numbers[1] if len(numbers) > 1 else 1
    return containing(kind, f"{year:04d}-{(part - 1) * MONTHS_IN[kind] + 1:02d}")


def period_label(key: str | None) -> str:
    """The words for a period's key or a month: '2024年第二季度', '2024年5月'."""
    return parse_span(key).label if key else ""


def missing_text(missing: Sequence[str]) -> str:
    """'缺 2024年4月、2024年6月'; '' when nothing is missing."""
    return "缺 " + "、".join(month_label(m) for m in missing) if missing else ""
