"""The queue and the log under Chinese headings: what the 数据质量 page, the exports and the
CLI show (one wording for all three)."""

from __future__ import annotations

from datetime import UTC

import pandas as pd

from lib.labels import CHANNELS, FINDING_KINDS, field_label, month_label, time_label
from lib.review.log import ACTIONS, STATES, undone_ids
from lib.review.queue import Item

KINDS = {
    **FINDING_KINDS,
    "warning": "解析警告",
    "doubtful": "数值存疑",
    "correction": "表格中更正",
}
QUEUE_COLUMNS = ["序号", "状态", "类别", "位置", "单位", "字段", "说明"]
LOG_COLUMNS = [
    "编号",
    "时间",
    "操作人",
    "操作",
    "月份",
    "渠道",
    "分组",
    "单位",
    "字段",
    "通报原值",
    "更正值",
    "理由",
    "现状",
]


def queue_table(items: list[Item]) -> pd.DataFrame:
    rows = [
        [
            n,
            STATES[item.state],
            KINDS.get(item.kind, item.kind),
            where(item),
            item.unit or "",
            field_label(item.field, item.channel) if item.field else "",
            item.message,
        ]
        for n, item in enumerate(items, start=1)
    ]
    return pd.DataFrame(rows, columns=QUEUE_COLUMNS)


def where(item: Item) -> str:
    """'热线 第8页', or the channel or page alone, or ''."""
    parts = [CHANNELS.get(item.channel, "")] if item.channel else []
    if item.page is not None:
        parts.append(f"第{item.page}页")
    return " ".join(parts)


def log_table(log: pd.DataFrame, stale: pd.DataFrame | None = None) -> pd.DataFrame:
    """The review log (Store.frame("review_log")), newest first; `stale` (apply.stale) marks
    the corrections that no longer apply."""
    undone = undone_ids(log)
    why = {} if stale is None else dict(zip(stale["id"], stale["why"], strict=True))
    rows = [
        [
            int(e.id),
            time_label(e.at.to_pydatetime().replace(tzinfo=UTC)),
            e.author,
            ACTIONS[e.action],
            month_label(e.period),
            CHANNELS.get(_text(e.channel), ""),
            _text(e.group),
            _text(e.unit),
            field_label(e.field, e.channel) if _text(e.field) else "",
            _text(e.printed),
            _text(e.value),
            e.reason,
            _status(e, undone, why),
        ]
        for e in log.sort_values("id", ascending=False).itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=LOG_COLUMNS)


SUMMARY_COLUMNS = ["编号", "记录", "内容", "理由", "现状"]


def log_summary(table: pd.DataFrame) -> pd.DataFrame:
    """log_table in five columns, narrow enough for a tablet: who did what when (记录), and
    what it was about (内容)."""
    rows = [row for _, row in table.iterrows()]
    return table.assign(
        记录=[f"{r['操作人']} {r['操作']}（{r['时间']}）" for r in rows],
        内容=[change(r) for r in rows],
    )[SUMMARY_COLUMNS]


def change(row: pd.Series) -> str:
    """'2024年3月 热线 市国资委 综合指标值 69.0 → 69.1' from a row of log_table."""
    cell = " ".join(v for v in (row["月份"], row["渠道"], row["单位"], row["字段"]) if v)
    return f"{cell} {row['通报原值']} → {row['更正值']}" if row["更正值"] else cell


def _status(entry, undone: set[int], why: dict) -> str:
    if entry.action == "undo":
        return f"撤销编号 {int(entry.undoes)}"
    if entry.id in undone:
        return "已撤销"
    if entry.id in why:
        return f"不再适用：{why[entry.id]}"
    return "有效"


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)
