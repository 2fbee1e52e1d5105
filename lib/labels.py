"""Chinese names for what the model stores in English: months, channels, fields, finding kinds.

One place for the words the app and the exports show, so every page says the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from lib.model import FIGURE, FIGURES, Period

CHANNELS = {"hotline": "热线", "mailbox": "市长信箱"}

FINDING_KINDS = {
    "rate": "比率与计数不符",
    "score": "综合指标值与公式不符",
    "grade": "等级与分数区间不符",
    "narrative_count": "正文计数与表格不符",
    "narrative_score": "正文分数与表格不符",
    "duplicate": "单位重复",
}

FIELDS = {
    "unit": "部门名称",
    "group": "分组",
    **{f.name: f.label() for f in FIGURES},
    "A": "A 类单位数",
    "B": "B 类单位数",
    "C": "C 类单位数",
    "D_or_below": "D 类及以下单位数",
    "units_total": "承办单位总数",
    "period": "月份",
    "year": "年",
    "month": "月",
    "channel": "渠道",
    "unit_id": "统一单位名",
    "order": "表内序号",
    "page": "页码",
    "kind": "类别",
    "points": "加扣分值",
    "indicator": "指标名称",
    "detail": "明细",
    "doubtful": "存疑字段",
    "bulletin_id": "通报编号",
    "calls": "受理来电",
    "direct_answers": "直接答复",
    "work_orders": "承办工单",
    "satisfaction_rate": "群众满意率",
    "mailbox_letters": "市长信箱来信",
    "mailbox_satisfaction_rate": "市长信箱群众满意率",
    "name": "诉求类型",
    "count": "件数",
    "share": "占比",
    "zero_units": "无工单单位数",
    "table": "表",
    "field": "字段",
    "printed": "通报所印",
    "computed": "重新计算",
    "message": "说明",
    "snippet": "原文片段",
    "key": "栏目",
    "heading": "标题",
    "text": "正文",
    "issue_label": "期号",
    "published": "印发日期",
    "filename": "文件名",
    "rows": "行数",
    "findings": "核对不一致",
    "warnings": "解析警告",
    "imported_at": "导入时间（UTC）",
    "is_demo": "演示数据",
    "rank": "名次",
    "out_of": "共",
    "pool": "排名范围",
    "correction": "更正说明",
}
"""Headings of stored fields (every column of the store's frames); an evaluation figure's
heading on the hotline (see field_label)."""


def month_label(period: Period | str | None) -> str:
    """'2024年3月' from a Period or a 'YYYY-MM' key; '月份不明' when there is none."""
    if period is None:
        return "月份不明"
    if isinstance(period, str):
        year, month = (int(part) for part in period.split("-")[:2])
    else:
        year, month = period.year, period.month
    return f"{year}年{month}月"


def span_label(months: Sequence[Period | str]) -> str:
    """'2024年3月 – 2024年5月' for months oldest first; one month alone; '' for none."""
    if not months:
        return ""
    start, end = month_label(months[0]), month_label(months[-1])
    return start if start == end else f"{start} – {end}"


def time_label(moment: datetime) -> str:
    """'2024-04-22 09:30' in the server's local time (the store keeps UTC)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def field_label(field: str, channel: str | None = None) -> str:
    """The column heading of a field; some figures are headed differently per channel."""
    if field in FIGURE:
        return FIGURE[field].label(channel if channel in CHANNELS else "hotline")
    return FIELDS.get(field, field)
