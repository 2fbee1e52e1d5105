"""Tables to CSV and Excel that are safe to open: no cell ever becomes a formula.

A text cell starting with = + - @, tab, CR or LF is what spreadsheet programs run as a
formula (CSV/formula injection); such cells are written with a leading apostrophe. Numbers
are written as numbers, so a deduction of -1 stays the number -1. CSV is UTF-8 with a BOM so
Excel reads the Chinese; the workbook has one sheet per table plus 筛选条件, the filters applied.

The pages call `to_xlsx_bytes` / `to_csv_bytes` for every table they show; the CLI exports
the whole library with `library_tables`, whose evaluations carry the corrected values, a
更正说明 column with what the bulletin printed, and the review log as a sheet of its own.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Mapping
from datetime import datetime

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lib.analysis.periods import period_rows, period_table, weighted_note
from lib.analysis.pools import placed
from lib.analysis.spans import Span, missing_text
from lib.errors import OutputError
from lib.labels import CHANNELS, FIELDS, FINDING_KINDS, month_label
from lib.model import FIGURES
from lib.outputs import scratch
from lib.review.apply import stale
from lib.review.report import log_table
from lib.store import Store

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
FILTERS_SHEET = "筛选条件"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_FILE_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

_VALUES = {"channel": CHANNELS, "kind": {"deduction": "扣分", "bonus": "加分", **FINDING_KINDS}}


def neutralise(value):
    """A text cell as it is safe to write; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """One table as CSV, UTF-8 with BOM, formula-safe."""
    safe = df.rename(columns=lambda c: neutralise(str(c)))
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise, na_action="ignore")
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_csv_zip_bytes(tables: Mapping[str, pd.DataFrame], filters: Mapping[str, str]) -> bytes:
    """Several tables as one zip of CSV files (`<name>.csv`), plus 筛选条件.csv."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, df in {**tables, FILTERS_SHEET: _filters_frame(filters)}.items():
            archive.writestr(f"{_FILE_FORBIDDEN.sub('_', name)}.csv", to_csv_bytes(df))
    return buffer.getvalue()


def to_xlsx_bytes(tables: Mapping[str, pd.DataFrame], filters: Mapping[str, str]) -> bytes:
    """A workbook: one sheet per table (named after its key), then the 筛选条件 sheet."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    buffer = io.BytesIO()
    try:
        with scratch():
            for name, df in {**tables, FILTERS_SHEET: _filters_frame(filters)}.items():
                sheet = workbook.create_sheet(_sheet_title(name, taken))
                sheet.append([_xlsx_cell(str(c)) for c in df.columns])
                for row in df.itertuples(index=False, name=None):
                    sheet.append([_xlsx_cell(v) for v in row])
            workbook.save(buffer)
    except OutputError:
        _discard(workbook)
        raise
    return buffer.getvalue()


def _discard(workbook: Workbook) -> None:
    """After a failed write, close the generators through which openpyxl streams each sheet to
    its temporary file, and remove the files. Left to the garbage collector, the generators
    raise their write error again there, and Python prints it as a traceback."""
    for sheet in workbook.worksheets:
        writer = sheet._writer
        for stream in filter(None, (sheet._rows, writer and writer.xf)):
            with contextlib.suppress(Exception):
                stream.close()
        if writer:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()


def _filters_frame(filters: Mapping[str, str]) -> pd.DataFrame:
    rows = list(filters.items()) or [("（无）", "全部数据")]
    return pd.DataFrame(rows, columns=["条件", "取值"])


def _sheet_title(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip("'")[:31] or "表"
    title, n = base, 1
    while title.lower() in taken:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    taken.add(title.lower())
    return title


def _xlsx_cell(value):
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def library_tables(store: Store) -> dict[str, pd.DataFrame]:
    """Everything stored, as Chinese-headed tables: what `python -m lib export` writes."""
    evaluations = store.frame("evaluations").drop(columns="corrected")
    log = store.frame("review_log")
    return {
        "通报": _bulletins_frame(store),
        "热线评价": _evaluations(evaluations, "hotline"),
        "市长信箱评价": _evaluations(evaluations, "mailbox"),
        "加扣分": _chinese(store.frame("adjustments")),
        "运行概况": _chinese(store.frame("overview")),
        "诉求类型": _chinese(store.frame("categories")),
        "等级统计": _chinese(store.frame("grade_counts")),
        "核对不一致": _chinese(store.frame("findings")),
        "解析警告": _chinese(store.frame("warnings")),
        "正文栏目": _chinese(store.frame("sections")),
        "核实记录": log_table(log, stale(store.frame("printed_evaluations"), log)),
    }


def period_tables(store: Store, span: Span) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """A period's tables, one per channel (every unit listed, figures recomputed from counts:
    lib.analysis.periods), and the 筛选条件 naming the period, the months it holds and the
    months the library lacks: what `python -m lib export --period` writes."""
    evaluations = store.frame("evaluations", period=span.months)
    stored = sorted({b.period for b in store.list_bulletins()} & set(span.months))
    tables = {
        f"{word}（{span.key}）": period_table(
            period_rows(evaluations, channel, span), channel
        ).frame
        for channel, word in CHANNELS.items()
    }
    choices = {
        "期间": span.label,
        "库中月份": "、".join(month_label(m) for m in stored) or "无",
    }
    missing = span.missing(stored)
    if missing:
        choices["缺少的月份"] = missing_text(missing)
    choices["比率"] = "由各月计数之和重新计算，不是各月比率的平均"
    choices["热线群众不满意率"] = weighted_note("hotline") or "由计数重新计算"
    choices["综合指标值"] = (
        "按公式：以期间比率代入评分公式；各月平均：各月所印分数的平均。通报均未公布"
    )
    choices["各月等级"] = "期间内各月等级的分布，不是期间等级"
    return tables, choices


def _evaluations(evaluations: pd.DataFrame, channel: str) -> pd.DataFrame:
    """A channel's rows with each one's place under the bulletin's rule (pools.placed)."""
    rows = placed(evaluations, channel).drop(columns=["value", "in_pool", "place", "group_place"])
    return _chinese(rows, channel)


def _bulletins_frame(store: Store) -> pd.DataFrame:
    columns = [
        "bulletin_id",
        "period",
        "issue_label",
        "published",
        "filename",
        "rows",
        "findings",
        "warnings",
        "imported_at",
        "is_demo",
    ]
    rows = [
        (
            b.id,
            b.period,
            b.issue_label,
            b.published,
            b.filename,
            b.rows,
            b.findings,
            b.warnings,
            b.imported_at,
            "是" if b.is_demo else "否",
        )
        for b in store.list_bulletins()
    ]
    return _chinese(pd.DataFrame(rows, columns=columns))


def _chinese(df: pd.DataFrame, channel: str | None = None) -> pd.DataFrame:
    """Store column names and codes in the words of the bulletin."""
    out = df.copy()
    for column, words in _VALUES.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, words=words: words.get(v, v))
    headers = dict(FIELDS)
    if channel is not None:
        headers.update({f.name: f.label(channel) for f in FIGURES})
    return out.rename(columns=headers)
