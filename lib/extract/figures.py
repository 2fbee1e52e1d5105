"""The figures printed in the narrative's sentences: overview, categories, grade counts, mailbox.

Each figure is a label followed by its number ("办结率 99.81%", "来电 70446 件"), looked for in
the sections that hold it (the overview in 二's opening paragraph, the categories in 诉求类型,
the grade counts in 工单考核, the mailbox in 三). A figure is never guessed: when its words are
there but its number cannot be read, it stays None and a ParseWarning says where.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lib.extract.numbers import parse_count, parse_rate
from lib.model import (
    Bulletin,
    Category,
    HotlineGrades,
    MailboxGrades,
    MailboxSummary,
    Overview,
    ParseWarning,
    Section,
)
from lib.text import compact

Warn = Callable[[ParseWarning], None]

_N = r"(?P<value>\d[\d,]*)"
# A figure as stated, exact or not ("7.2万", "1万余"): a figure not stated exactly is read
# as unreadable (None and a warning), and no later figure with the same words stands in.
_STATED = r"(?P<value>\d[\d,.]*[万千]?余?)"
_R = r"(?P<value>\d+(?:\.\d+)?%)"
_IS = r"(?:共计|共|总量为|总量|为|达)?"


@dataclass(frozen=True)
class _Figure:
    """A field, the words that name it in a sentence, and the pattern that reads its value."""

    field: str
    words: str
    pattern: re.Pattern


def _figure(field: str, words: str, pattern: str) -> _Figure:
    return _Figure(field, words, re.compile(pattern))


OVERVIEW_FIGURES = (
    _figure("calls", "来电", rf"(?:受理|接听|接到|接收)[^，。；：\d]{{0,12}}?来电{_IS}{_STATED}件"),
    _figure("direct_answers", "直接答复", rf"直接(?:答复|解答)(?:咨询|来电)?{_IS}{_STATED}件"),
    _figure("work_orders", "工单", rf"(?:承办|转办|转派|交办|派发|分派)工单{_IS}{_STATED}件"),
    _figure("completion_rate", "办结率", rf"(?<!按期)(?<!按时)(?<!一次性)办结率{_IS}{_R}"),
    _figure("on_time_rate", "按期办结率", rf"(?:按期|按时)办结率{_IS}{_R}"),
    _figure("satisfaction_rate", "满意率", rf"(?<!不)满意率{_IS}{_R}"),
)
MAILBOX_FIGURES = (
    _figure("letters", "来信", rf"(?:受理|收到|接收)[^，。；：\d]{{0,12}}?来信{_IS}{_STATED}件"),
    _figure("satisfaction_rate", "满意率", rf"(?<!不)满意率{_IS}{_R}"),
)

_CATEGORY = re.compile(
    r"(?P<name>[^\d，,、：:；;（(类]+类)[（(]?(?P<count>\d[\d,]*)件?"
    r"(?:[，,、（(]?所?占(?:比例?|比重|总量的|总数的)?(?:为|达)?"
    r"(?P<share>\d+(?:\.\d+)?%))?[）)]?"
)
# A "name" starting with these words is a sentence around the list, not a category.
_NOT_A_NAME = ("其中", "分别", "依次", "主要", "包括", "排名", "为", "是")
_GRADE = re.compile(
    r"(?P<grade>[A-E])类(?P<below>及以下|以下)?(?:的?单位)?(?:的|有|为)?"
    r"(?P<value>\d+)个"
)
_GRADE_WORD = re.compile(r"[A-E]类")
# "全市79个热线承办单位" or "全市参与考核的热线承办单位80个".
_UNITS_TOTAL = re.compile(
    rf"全市(?:(?:共有|共)?{_N}个[^，。；\d]{{0,20}}?单位"
    r"|[^，。；\d]{0,20}?单位(?:共有|共计|共)?(?P<after>\d[\d,]*)个)"
)
_ZERO = re.compile(
    rf"(?:(?:工单|来电|信件|来信)量?为(?:0|零)|无(?:工单|来电|信件|来信))的(?:单位)?{_N}个"
)
_VALUE = r"\d[\d,]*(?:\.\d+)?(?:%|件|个|分)?"
_RESPECTIVELY = re.compile(
    rf"(?P<labels>[^，。；：,;:]+?)分别(?:为|是|达到|达)"
    rf"(?P<values>{_VALUE}(?:[、和及与]{_VALUE})+)(?=[，。；]|$)"
)
_ZERO_WORDS = re.compile(r"量?为(?:0|零)的|无(?:工单|来电|信件|来信)的")


@dataclass(frozen=True)
class _Passage:
    text: str
    page: int | None


def read_figures(bulletin: Bulletin) -> None:
    sections, warn = bulletin.sections, bulletin.warnings.append
    hotline = _passages(sections, "热线运行情况")
    mailbox = _passages(sections, "市长信箱运行情况")
    bulletin.overview = Overview(**_read(OVERVIEW_FIGURES, hotline, warn))
    bulletin.categories = read_categories(_passages(sections, "诉求类型") or hotline, warn)
    grades = _passages(sections, "工单考核") + hotline
    bulletin.hotline_grades = HotlineGrades(**_hotline_grades(grades, warn))
    bulletin.mailbox = MailboxSummary(**_read(MAILBOX_FIGURES, mailbox, warn))
    bulletin.mailbox_grades = MailboxGrades(**_mailbox_grades(mailbox, warn))


def _passages(sections: list[Section], key: str) -> list[_Passage]:
    return [_Passage(distribute(compact(s.text)), s.page) for s in sections if s.key == key]


def distribute(text: str) -> str:
    """ "办结率、按期办结率分别为99.81%、98.36%" → "办结率99.81%，按期办结率98.36%".

    Left as printed when the labels and the values do not pair up one to one.
    """

    def pair(match: re.Match) -> str:
        labels = re.split(r"[、和及与]", match["labels"])
        values = re.findall(_VALUE, match["values"])
        if len(labels) != len(values) or not all(labels):
            return match.group(0)
        return "，".join(label + value for label, value in zip(labels, values, strict=True))

    return _RESPECTIVELY.sub(pair, text)


def _read(figures: tuple[_Figure, ...], passages: list[_Passage], warn: Warn) -> dict:
    """Each figure's first readable value, in order of the passages."""
    values = {}
    for figure in figures:
        found = next(((m, p) for p in passages for m in [figure.pattern.search(p.text)] if m), None)
        if found:
            values[figure.field] = _value(found[0]["value"], found[1], warn)
        else:
            _warn_if_named(figure.words, passages, warn)
    return values


def _value(printed: str, passage: _Passage, warn: Warn) -> int | float | None:
    try:
        return parse_rate(printed) if printed.endswith("%") else parse_count(printed)
    except ValueError:
        warn(ParseWarning(f"数字“{printed}”无法读取", passage.page, _around(passage.text, printed)))
        return None


def _warn_if_named(words: str, passages: list[_Passage], warn: Warn) -> None:
    for passage in passages:
        if words in passage.text:
            warn(
                ParseWarning(
                    f"句中提到“{words}”，但未能读出其数值",
                    passage.page,
                    _around(passage.text, words),
                )
            )
            return


def read_categories(passages: list[_Passage], warn: Warn) -> list[Category]:
    """ "人力资源和社会保障类 13214 件，占比 27.23%；…": one Category per clause, in order;
    a clause may list several with 、 ("城市管理类4632件（占比18.12%）、住房与城乡建设类…")."""
    categories = []
    for passage in passages:
        for clause in re.split(r"[；;。]", passage.text):
            matches = _listed_categories(clause)
            if matches:
                categories += [
                    Category(
                        m["name"],
                        _value(m["count"], passage, warn),
                        _value(m["share"], passage, warn) if m["share"] else None,
                    )
                    for m in matches
                ]
            elif "占" in clause and "%" in clause:
                warn(ParseWarning("诉求类型的句子未能完整读出", passage.page, clause[:60]))
    return categories


def _listed_categories(clause: str) -> list[re.Match]:
    """The categories a clause lists after its lead-in ("主要诉求类型：", "按诉求类型分，"):
    one, or several joined by 、 — all of them or none."""
    listed = re.split(r"[：:]", clause)[-1]
    for start in [0, *(m.end() for m in re.finditer(r"[，,]", listed))]:
        for pieces in ([listed[start:]], listed[start:].split("、")):
            matches = [_CATEGORY.fullmatch(piece) for piece in pieces]
            if all(m and not m["name"].startswith(_NOT_A_NAME) for m in matches):
                return matches
    return []


def _grade_sentence(passages: list[_Passage], warn: Warn) -> tuple[str, _Passage] | None:
    """The first sentence counting units by grade ("…A类的57个，B类2个…")."""
    for passage in passages:
        for sentence in passage.text.split("。"):
            if _GRADE.search(sentence):
                return sentence, passage
    for passage in passages:
        if named := _GRADE_WORD.search(passage.text):
            warn(
                ParseWarning(
                    "提到等级类别，但未能读出各等级单位数",
                    passage.page,
                    _around(passage.text, named.group(0)),
                )
            )
            break
    return None


def read_grade_counts(sentence: str, passage: _Passage, warn: Warn) -> dict:
    """Letter counts, units total and zero-volume count of one grade sentence, as printed.

    Keys: 'A'…'E', 'D_or_below' (from "D类及以下"), 'units_total', 'zero'.
    """
    counts: dict = {}
    for match in _GRADE.finditer(sentence):
        key = "D_or_below" if match["below"] and match["grade"] == "D" else match["grade"]
        if key in counts or (match["below"] and match["grade"] != "D"):
            warn(ParseWarning(f"等级“{match.group(0)}”无法归类", passage.page, sentence[:80]))
            counts[key] = None
            continue
        counts[key] = _value(match["value"], passage, warn)
    if len(_GRADE_WORD.findall(sentence)) != len(_GRADE.findall(sentence)):
        warn(ParseWarning("等级句中有未能读出的等级数", passage.page, sentence[:80]))
    total = _UNITS_TOTAL.search(sentence)
    counts["units_total"] = (
        _value(total["value"] or total["after"], passage, warn) if total else None
    )
    zero = _ZERO.search(sentence)
    if zero:
        counts["zero"] = _value(zero["value"], passage, warn)
    elif _ZERO_WORDS.search(sentence):
        warn(ParseWarning("等级句中“量为0”的单位数未能读出", passage.page, sentence[:80]))
    return counts


def _hotline_grades(passages: list[_Passage], warn: Warn) -> dict:
    found = _grade_sentence(passages, warn)
    if not found:
        return {}
    counts = read_grade_counts(*found, warn)
    below = counts.get("D_or_below")
    if below is None and ("D" in counts or "E" in counts):
        if "D" in counts and "E" in counts and None not in (counts["D"], counts["E"]):
            below = counts["D"] + counts["E"]
        else:
            warn(
                ParseWarning(
                    "热线等级句只列出D类或E类之一，无法得出“D类及以下”",
                    found[1].page,
                    found[0][:80],
                )
            )
    return {
        "A": counts.get("A"),
        "B": counts.get("B"),
        "C": counts.get("C"),
        "D_or_below": below,
        "zero_orders": counts.get("zero"),
        "units_total": counts["units_total"],
    }


def _mailbox_grades(passages: list[_Passage], warn: Warn) -> dict:
    found = _grade_sentence(passages, warn)
    if not found:
        return {}
    counts = read_grade_counts(*found, warn)
    if {"D", "E", "D_or_below"} & counts.keys():
        warn(ParseWarning("信箱等级句含D类及以下，未收录", found[1].page, found[0][:80]))
    return {
        "A": counts.get("A"),
        "B": counts.get("B"),
        "C": counts.get("C"),
        "zero_letters": counts.get("zero"),
        "units_total": counts["units_total"],
    }


def _around(text: str, words: str, width: int = 30) -> str:
    at = max(text.find(words), 0)
    return text[max(at - width, 0) : at + len(words) + width]
