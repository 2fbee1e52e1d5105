"""The bulletin's header: issue, period, publication date and issuer.

Only the lines before the first section heading count: the 版记 at the end repeats the issuer
with its own "印发" date, and attachment captions name months that can be wrong (March's
附件4 is captioned 2024年2月). The period comes from the title ("2024年3月12345热线和市长信箱
运行办理情况通报", possibly wrapped over two lines), else from the issue line ("2024年第3期").
A date in running text never makes a period: the title must name the hotline or mailbox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lib.document import Line
from lib.extract.narrative import section_heading
from lib.extract.numbers import parse_cn_numeral
from lib.model import Bulletin, Issue, ParseWarning, Period
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.text import join_wrapped, squeeze, strip_markup

_ISSUE = re.compile(r"(?P<year>\d{4})年第(?P<number>\d{1,3}|[一二三四五六七八九十]{1,3})期")
_TITLE = re.compile(
    r"(?P<year>\d{4})年(?P<month>\d{1,2})月份?(?!\d{1,2}日)"
    r"(?P<subject>[^。；，]{0,40}?)(?:情况通报|通报|情况)"
)
_DATE = re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?!印发)")
_ISSUER = re.compile(r".{2,40}(?:中心|办公室|办|局|委员会|委|政府|厅|处|科)")


@dataclass(frozen=True)
class _HeaderLine:
    text: str
    page: int


def read_header(
    lines: list[Line], bulletin: Bulletin, settings: ExtractSettings = DEFAULT_SETTINGS
) -> None:
    header = _header_lines(lines, settings)
    text = "".join(h.text for h in header)
    page = header[0].page if header else None
    bulletin.issue = _issue(text)
    bulletin.period = _period(text, bulletin.issue, bulletin.warnings, page)
    published, date_index = _published(header)
    bulletin.published = published.isoformat() if published else None
    bulletin.issuer = _issuer(header, date_index)
    if published is None:
        bulletin.warnings.append(ParseWarning("通报头部未找到发文日期", page, text[:60]))
    if bulletin.issuer is None:
        bulletin.warnings.append(ParseWarning("通报头部未找到发文单位", page, text[:60]))


def _header_lines(lines: list[Line], settings: ExtractSettings) -> list[_HeaderLine]:
    """Printed lines up to the first section heading (一、…), at most a page's worth."""
    header = []
    for line in lines[: settings.header_max_lines]:
        text = join_wrapped(strip_markup(line.text))
        if section_heading(text, settings.heading_max_chars):
            break
        if text:
            header.append(_HeaderLine(text, line.page))
    return header


def _issue(text: str) -> Issue:
    match = _ISSUE.search(text)
    if not match:
        return Issue()
    year, raw = int(match["year"]), match["number"]
    number = int(raw) if raw.isdigit() else parse_cn_numeral(raw)
    if not number:
        return Issue()
    return Issue(year=year, number=number, label=f"{year}年第{number}期")


def _period(
    text: str, issue: Issue, warnings: list[ParseWarning], page: int | None
) -> Period | None:
    title = next((m for m in _TITLE.finditer(text) if _names_the_service(m["subject"])), None)
    if title and 1 <= int(title["month"]) <= 12:
        period = Period(int(title["year"]), int(title["month"]))
        if issue.number and (issue.year, issue.number) != (period.year, period.month):
            warnings.append(
                ParseWarning(
                    f"期号“{issue.label}”与标题月份“{period.year}年{period.month}月”不一致，"
                    "以标题为准",
                    page,
                    title.group(0),
                )
            )
        return period
    if issue.year and issue.number and 1 <= issue.number <= 12:
        warnings.append(
            ParseWarning(f"标题中未找到通报月份，按期号“{issue.label}”推定", page, text[:60])
        )
        return Period(issue.year, issue.number)
    return None


def _names_the_service(subject: str) -> bool:
    return any(word in subject for word in ("热线", "信箱", "12345"))


def _published(header: list[_HeaderLine]) -> tuple[date | None, int]:
    """The first valid date in the header and the index of its line (else None, the end)."""
    for index, line in enumerate(header):
        for match in _DATE.finditer(line.text):
            try:
                return date(int(match["year"]), int(match["month"]), int(match["day"])), index
            except ValueError:
                continue
    return None, len(header)


def _issuer(header: list[_HeaderLine], date_index: int) -> str | None:
    """The organisation printed before the date: on its line (May seed, DOCX) or above it."""
    on_date_line = header[date_index].text if date_index < len(header) else ""
    before_date = _DATE.split(on_date_line, maxsplit=1)[0]
    candidates = [before_date, *(h.text for h in reversed(header[:date_index]))]
    for candidate in candidates:
        name = squeeze(candidate)
        if _ISSUER.fullmatch(name) and not _ISSUE.search(name) and "通报" not in name:
            return name
    return None
