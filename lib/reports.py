"""The tables the app shows about bulletins, under Chinese headings, as pandas frames.

For one parsed file: rows read per attachment, its checks that disagree, its warnings, and the
attachments themselves. For the store: the library listing. Values are shown as printed:
nothing here rounds or repairs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import pandas as pd

from lib.checks import TABLE_OF
from lib.labels import FINDING_KINDS, field_label, month_label, time_label
from lib.model import FIGURES, Adjustment, Bulletin, Evaluation, Finding, ParseWarning
from lib.store.records import BulletinInfo

EVALUATION_FIELDS = ("group", "unit", *(f.name for f in FIGURES))
FINDING_FIELDS = [f.name for f in fields(Finding)]
WARNING_FIELDS = [f.name for f in fields(ParseWarning)]
TABLES = (
    ("附件1 热线评价表", "hotline"),
    ("附件2 信箱评价表", "mailbox"),
    ("附件3 扣分表", "deduction"),
    ("附件4 加分表", "bonus"),
)


@dataclass(frozen=True)
class TableCount:
    title: str
    rows: int


def heading(bulletin: Bulletin) -> str:
    """'2024年3月 · 2024年第3期' — built from numbers, so it is safe to show as Markdown."""
    issue = bulletin.issue
    if issue.year and issue.number:
        return f"{month_label(bulletin.period)} · {issue.year}年第{issue.number}期"
    return f"{month_label(bulletin.period)} · 期号未列明"


def table_counts(bulletin: Bulletin) -> list[TableCount]:
    """Rows read in each of the four attachments, in their printed order."""
    return [TableCount(title, len(_rows(bulletin, part))) for title, part in TABLES]


def table_frame(bulletin: Bulletin, part: str) -> pd.DataFrame:
    """One attachment's rows under their Chinese headings ('hotline', 'mailbox', 'deduction', 'bonus')."""
    rows = _rows(bulletin, part)
    if part in ("hotline", "mailbox"):
        return evaluations_frame(rows, part)
    return adjustments_frame(rows)


def evaluations_frame(rows: list[Evaluation], channel: str) -> pd.DataFrame:
    columns = [field_label(f, channel) for f in EVALUATION_FIELDS]
    data = [[getattr(row, f) for f in EVALUATION_FIELDS] for row in rows]
    return pd.DataFrame(data, columns=columns)


def adjustments_frame(rows: list[Adjustment]) -> pd.DataFrame:
    data = [[row.unit, row.points, row.indicator, row.detail] for row in rows]
    return pd.DataFrame(data, columns=["部门名称", "加扣分值", "指标名称", "明细"])


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """A parsed bulletin's findings with the columns of Store.frame("findings") (without the month)."""
    return pd.DataFrame([asdict(f) for f in findings], columns=FINDING_FIELDS)


def warnings_frame(warnings: list[ParseWarning]) -> pd.DataFrame:
    """A parsed bulletin's warnings with the columns of Store.frame("warnings") (without the month)."""
    return pd.DataFrame([asdict(w) for w in warnings], columns=WARNING_FIELDS)


def findings_table(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings (Store.frame("findings") or findings_frame()) under Chinese headings: where, which
    unit and field, printed against computed, and why."""
    table = _months(findings)
    table["位置"] = [place(t, p) for t, p in zip(findings["table"], findings["page"], strict=True)]
    table["单位"] = findings["unit"].fillna("")
    table["类别"] = findings["kind"].map(lambda k: FINDING_KINDS.get(k, k))
    table["字段"] = [
        field_label(f, c) for f, c in zip(findings["field"], findings["channel"], strict=True)
    ]
    table["印刷值"] = findings["printed"].map(shown)
    table["计算值"] = findings["computed"].map(shown)
    table["说明"] = findings["message"]
    return table


def warnings_table(warnings: pd.DataFrame) -> pd.DataFrame:
    """Warnings (Store.frame("warnings") or warnings_frame()) under Chinese headings."""
    table = _months(warnings)
    table["页"] = warnings["page"].map(page_label)
    table["原文摘录"] = warnings["snippet"]
    table["说明"] = warnings["message"]
    return table


def doubtful_frames(bulletin: Bulletin) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A parsed bulletin's evaluations and adjustments with the columns doubtful_table reads
    (those of Store.evaluations() / Store.adjustments())."""
    return (
        pd.DataFrame([asdict(e) for e in bulletin.evaluations], columns=_EVAL_COLUMNS),
        pd.DataFrame([asdict(a) for a in bulletin.adjustments], columns=_ADJ_COLUMNS),
    )


_EVAL_COLUMNS = [f.name for f in fields(Evaluation)]
_ADJ_COLUMNS = [f.name for f in fields(Adjustment)]
_ADJ_TABLES = {"deduction": "附件3", "bonus": "附件4"}


def doubtful_table(evaluations: pd.DataFrame, adjustments: pd.DataFrame) -> pd.DataFrame:
    """Every row with a value read without certainty (OCR, or text that does not settle it):
    where, which unit, and each doubtful field with the value as read. `doubtful` is a list
    (a parsed bulletin) or the store's comma-joined text."""
    rows = []
    for frame, table_of, channel_of in (
        (evaluations, lambda r: TABLE_OF[r["channel"]], lambda r: r["channel"]),
        (adjustments, lambda r: _ADJ_TABLES[r["kind"]], lambda r: None),
    ):
        for _, row in frame.iterrows():
            names = _doubtful_fields(row["doubtful"])
            if names:
                read = "、".join(
                    f"{field_label(f, channel_of(row))} {shown(row[f])}" for f in names
                )
                rows.append(
                    [row.get("period"), place(table_of(row), row["page"]), row["unit"], read]
                )
    table = pd.DataFrame(rows, columns=["period", "位置", "单位", "存疑数值（识别结果）"])
    months = _months(table) if table["period"].notna().any() else pd.DataFrame(index=table.index)
    return pd.concat([months, table.drop(columns="period")], axis=1)


def _doubtful_fields(value) -> list[str]:
    if isinstance(value, list):
        return value
    return [f for f in str(value or "").split(",") if f]


def _months(rows: pd.DataFrame) -> pd.DataFrame:
    table = pd.DataFrame(index=rows.index)
    if "period" in rows:
        table["月份"] = rows["period"].map(month_label)
    return table


def place(table: str, page) -> str:
    """'附件1 第7页', or the table alone where there is no single page."""
    return f"{table} 第{page_label(page)}页" if page_label(page) else table


def page_label(page) -> str:
    """A page number as text; blank where the check concerns no single page."""
    return "" if page is None or pd.isna(page) else str(int(page))


def shown(value: object) -> str:
    """A printed or computed value as text: numbers without a trailing '.0', None as '未列明'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "未列明"
    text = str(value)
    return text[:-2] if isinstance(value, float) and text.endswith(".0") else text


LIBRARY_COLUMNS = [
    "月份",
    "期号",
    "文件名",
    "热线/信箱评价行",
    "加扣分行",
    "核对不一致/警告",
    "导入时间",
    "演示数据",
]


def library_frame(library: list[BulletinInfo]) -> pd.DataFrame:
    """One row per stored bulletin, as the library lists them; rows read and checks found two
    to a column ('64 / 58'), so the list fits a tablet."""
    data = [
        [
            month_label(i.period),
            i.issue_label or "未列明",
            i.filename,
            f"{i.hotline_rows} / {i.mailbox_rows}",
            i.adjustment_rows,
            f"{i.findings} / {i.warnings}",
            time_label(i.imported_at),
            "是" if i.is_demo else "",
        ]
        for i in library
    ]
    return pd.DataFrame(data, columns=LIBRARY_COLUMNS)


def _rows(bulletin: Bulletin, part: str) -> list:
    if part in ("hotline", "mailbox"):
        return [e for e in bulletin.evaluations if e.channel == part]
    return [a for a in bulletin.adjustments if a.kind == part]
