"""What an analyst asks for, checked against the month it concerns, as a log entry to append.

Each function reads the store's frames through `frame(name, **filters)` (Store.frame, or the
same reader inside the store's write transaction, so the check and the write see one moment)
and returns the `Entry` to append, or raises ReviewError with the one Chinese line the user
reads. A correction names an evaluation cell by the field table's names (lib.model.FIGURES);
its value is checked against the field's kind (a count a whole number, a rate or a score
0–100, a grade A–E).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lib.errors import ReviewError
from lib.labels import CHANNELS, field_label, month_label
from lib.model import FIGURE, FIGURES, GRADES
from lib.review.apply import corrected, same_value
from lib.review.log import LOCAL_AUTHOR, Entry, undone_ids
from lib.review.queue import build_queue
from lib.text import unify_width
from lib.units import UnitIndex, normalise_name

Frames = Callable[..., pd.DataFrame]
_NUMBER = re.compile(r"\d+(\.\d+)?")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


@dataclass(frozen=True)
class CorrectionRequest:
    """`python -m lib correct 2024-03 hotline 市国资委 score 69.1 --reason …`: the unit by any
    of its names; the channel and field by code or by their Chinese words; `group` needed
    only where the month's table lists the unit twice."""

    period: str
    channel: str
    unit: str
    field: str
    value: str
    reason: str
    author: str = LOCAL_AUTHOR
    group: str | None = None
    item: str = ""


def correction(frame: Frames, request: CorrectionRequest) -> Entry:
    period = month_key(request.period)
    channel = channel_key(request.channel)
    field = field_key(request.field, channel)
    reason = _reason(request.reason, "更正")
    rows = _month_rows(frame, period, channel)
    row = _unit_row(frame, rows, request.unit, request.group, period, channel)
    value = checked_value(field, channel, request.value)
    log = frame("review_log", period=period)
    now = corrected(rows.loc[[row.name]], log).iloc[0][field]
    if same_value(value, now):
        raise ReviewError(detail=f"{field_label(field, channel)}的当前值已是 {value}")
    return Entry(
        period=period,
        action="correct",
        author=request.author,
        reason=reason,
        item=request.item,
        channel=channel,
        group=row["group"],
        unit=row["unit"],
        field=field,
        printed=str(row[field]),
        value=value,
    )


def decision(
    frame: Frames, period: str, key: str, action: str, reason: str, author: str = LOCAL_AUTHOR
) -> Entry:
    """确认原文 (`confirm`) or 忽略 (`ignore`, with a reason) for an item of the month's queue."""
    period = month_key(period)
    items = {item.key: item for item in month_queue(frame, period)}
    if key not in items:
        raise ReviewError(detail=f"{month_label(period)}的核实清单中没有这一项")
    if action == "ignore":
        reason = _reason(reason, "忽略")
    item = items[key]
    return Entry(
        period=period,
        action=action,
        author=author,
        reason=reason.strip(),
        item=key,
        channel=item.channel,
        group=item.group,
        unit=item.unit,
        field=item.field,
    )


def undo(frame: Frames, entry_id: int, author: str = LOCAL_AUTHOR, reason: str = "") -> Entry:
    """Take back entry `entry_id`: another entry naming it, never a deletion."""
    log = frame("review_log")
    target = log[log["id"] == entry_id]
    if target.empty:
        raise ReviewError(detail=f"没有编号为 {entry_id} 的核实记录")
    entry = target.iloc[0]
    if entry["action"] == "undo":
        raise ReviewError(detail=f"编号 {entry_id} 本身是撤销记录，不能再撤销")
    if entry_id in undone_ids(log):
        raise ReviewError(detail=f"编号 {entry_id} 已经撤销过")
    return Entry(
        period=entry["period"],
        action="undo",
        author=author,
        reason=reason.strip(),
        item=entry["item"],
        channel=_text(entry["channel"]),
        group=_text(entry["group"]),
        unit=_text(entry["unit"]),
        field=_text(entry["field"]),
        printed=_text(entry["printed"]),
        value=_text(entry["value"]),
        undoes=entry_id,
    )


def month_queue(frame: Frames, period: str) -> list:
    """The month's queue (queue.build_queue) read through `frame`."""
    return build_queue(
        period,
        frame("findings", period=period),
        frame("warnings", period=period),
        frame("evaluations", period=period),
        frame("review_log", period=period),
        frame("adjustments", period=period),
    )


def month_key(text: str) -> str:
    """'2024-03' (or '2024-3') → '2024-03'; anything else refused."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ReviewError(detail=f"月份“{text}”应写作 YYYY-MM，如 2024-03")
    return f"{int(match[1]):04d}-{int(match[2]):02d}"


def channel_key(text: str) -> str:
    for key, word in CHANNELS.items():
        if text.strip() in (key, word):
            return key
    choices = "、".join(f"{key}（{word}）" for key, word in CHANNELS.items())
    raise ReviewError(detail=f"渠道“{text}”无效，应为 {choices}")


def field_key(text: str, channel: str) -> str:
    """A field of the evaluation table by its name (`score`) or its heading (综合指标值)."""
    text = text.strip()
    for figure in FIGURES:
        if text in (figure.name, figure.label(channel)):
            return figure.name
    choices = "、".join(f"{f.name}（{f.label(channel)}）" for f in FIGURES)
    raise ReviewError(detail=f"字段“{text}”不是评价表的一列，可用：{choices}")


def checked_value(field: str, channel: str, text: str) -> str:
    """The new value as stored text, if it is one the field can hold."""
    kind, label = FIGURE[field].kind, field_label(field, channel)
    given = unify_width(text).strip()
    if kind == "grade":
        if given.upper() not in GRADES:
            raise ReviewError(detail=f"{label}应为 {'、'.join(GRADES)} 之一，而不是“{text}”")
        return given.upper()
    number = given.removesuffix("%") if kind == "rate" else given
    if number.startswith("-") and _NUMBER.fullmatch(number[1:]):
        raise ReviewError(detail=f"{label}不能为负数，而不是“{text}”")
    if not _NUMBER.fullmatch(number):
        raise ReviewError(detail=f"{label}的更正值“{text}”不是数值")
    if kind == "count":
        if "." in number and float(number) != int(float(number)):
            raise ReviewError(detail=f"{label}应为整数，而不是“{text}”")
        return str(int(float(number)))
    if float(number) > 100:
        raise ReviewError(detail=f"{label}应在 0–100 之间，而不是“{text}”")
    return str(float(number))


def _month_rows(frame: Frames, period: str, channel: str) -> pd.DataFrame:
    rows = frame("printed_evaluations", period=period, channel=channel)
    if rows.empty:
        raise ReviewError(
            detail=f"通报库中没有{month_label(period)}的{CHANNELS[channel]}评价表数据"
        )
    return rows


def _unit_row(frame: Frames, rows, name: str, group, period: str, channel: str) -> pd.Series:
    """The row of the unit `name` (printed name, id or alias), in `group` where given."""
    aliases = frame("aliases")
    index = UnitIndex.from_pairs(zip(aliases["unit_id"], aliases["alias"], strict=True))
    wanted = {normalise_name(name), index.unit_id(name)}
    mine = rows[rows["unit"].map(normalise_name).isin(wanted) | rows["unit_id"].isin(wanted)]
    where = f"{month_label(period)}{CHANNELS[channel]}评价表"
    if mine.empty:
        raise ReviewError(detail=f"{where}中没有单位“{name}”")
    if group:
        mine = mine[mine["group"] == group.strip()]
        if mine.empty:
            raise ReviewError(detail=f"{where}的{group}中没有单位“{name}”")
    if len(mine) > 1:
        groups = "、".join(mine["group"])
        raise ReviewError(
            detail=f"“{name}”在{where}中出现 {len(mine)} 次（{groups}），请用 --group 指明分组"
        )
    return mine.iloc[0]


def _reason(text: str, what: str) -> str:
    if not (text or "").strip():
        raise ReviewError(detail=f"{what}须说明理由")
    return text.strip()


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)
