"""The result card of one uploaded file: what was read, what disagrees, and the choice to make.

Text from the file (unit names, snippets, the file name) is shown only in dataframes, st.text,
or through safe.inert(); headings are built from numbers.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.errors import HotlineError
from lib.labels import month_label, time_label
from lib.model import Bulletin
from lib.reports import (
    TABLES,
    doubtful_frames,
    doubtful_table,
    findings_frame,
    findings_table,
    heading,
    table_counts,
    table_frame,
    warnings_frame,
    warnings_table,
)
from lib.store import BulletinInfo
from ui import review, tables, uploads
from ui.safe import inert, show_error
from ui.uploads import Upload

FINDING_COLUMNS = ["月份", "位置", "单位", "类别", "说明"]
"""On screen: 说明 names the field and both values, so 字段, 印刷值 and 计算值 (kept in the
frame) would only repeat it and push it off the right edge."""
TEXT_WIDTHS = {"单位": 100, "类别": 100, "原文摘录": "medium", "说明": "medium"}
"""Widths that fit a tablet beside the sidebar; on a wider page the columns stretch."""
_BADGES = {
    "refused": ("未能读取", "red", ":material/block:"),
    "new": ("待保存", "blue", ":material/pending:"),
    "conflict": ("该月已有数据", "orange", ":material/warning:"),
    "stored": ("已在通报库", "green", ":material/check_circle:"),
    "discarded": ("已放弃", "gray", ":material/close:"),
}


def result_card(index: int, upload: Upload, library: list[BulletinInfo]) -> None:
    status = uploads.status(upload, library)
    key = f"{index}-{upload.key}"
    with st.container(border=True, key=f"card-{key}"):
        label, color, icon = _BADGES[status]
        st.markdown(f"**{inert(upload.name)}**　:{color}-badge[{icon} {label}]")
        if status == "refused":
            st.error(inert(upload.parsed.error), icon=":material/error:")
            return
        bulletin = upload.parsed.bulletin
        if status in ("stored", "discarded"):
            with st.expander(f"{heading(bulletin)} · 查看解析结果"):
                report(bulletin)
        else:
            report(bulletin)
        actions(status, upload, key, library)


def report(bulletin: Bulletin) -> None:
    """Period and issue, rows per attachment, disagreeing checks, warnings, table preview."""
    st.subheader(heading(bulletin))
    counts = table_counts(bulletin)
    doubtful = doubtful_table(*doubtful_frames(bulletin))
    metrics = [
        *((c.title, f"{c.rows} 行") for c in counts),
        ("核对不一致", f"{len(bulletin.checks)} 处"),
        ("解析警告", f"{len(bulletin.warnings)} 条"),
    ]
    if bulletin.source.format == "scan" or not doubtful.empty:
        metrics.append(("存疑数值", f"{len(doubtful)} 行"))
    with st.container(horizontal=True):
        for label, value in metrics:
            st.metric(label, value, border=True, width="content")
    if bulletin.checks:
        st.markdown("**核对不一致**：印刷值与按表内数字重新计算的值不符（原样保留，不作修改）")
        show_findings(findings_table(findings_frame(bulletin.checks)))
    if bulletin.warnings:
        st.markdown("**解析警告**：以下内容未能确定地读取，请对照原文")
        show_warnings(warnings_table(warnings_frame(bulletin.warnings)))
    if not doubtful.empty:
        st.markdown("**存疑数值**：文字识别（扫描件）中没有把握的数值，请对照原文核实")
        show_doubtful(doubtful)
    with st.expander("表格预览"):
        tabs = st.tabs([title for title, _ in TABLES])
        for tab, (_, part) in zip(tabs, TABLES, strict=True):
            tab.dataframe(table_frame(bulletin, part), hide_index=True, placeholder=tables.MISSING)


def show_findings(table: pd.DataFrame) -> None:
    """Findings (reports.findings_table) with their explanations wrapped, not cut off."""
    tables.wrapped(table, TEXT_WIDTHS, [c for c in FINDING_COLUMNS if c in table.columns])


def show_doubtful(table: pd.DataFrame) -> None:
    """Doubtful values (reports.doubtful_table), wrapped."""
    tables.wrapped(table, TEXT_WIDTHS | {"存疑数值（识别结果）": "medium"})


def show_warnings(table: pd.DataFrame) -> None:
    """Warnings (reports.warnings_table) with the snippet and explanation wrapped."""
    tables.wrapped(table, TEXT_WIDTHS)


def actions(status: str, upload: Upload, key: str, library: list[BulletinInfo]) -> None:
    if status == "stored":
        st.success("已保存到通报库。", icon=":material/check_circle:")
    elif status == "discarded":
        if st.button("撤销放弃", key=f"undo-{key}"):
            uploads.undo_discard(upload)
            st.rerun()
    elif status == "new":
        save, drop = _buttons(key, "保存", "放弃")
        if save:
            _save(upload, replace=False)
        if drop:
            _discard(upload)
    else:
        _conflict(upload, key, uploads.holder(upload.parsed.bulletin, library))


def _conflict(upload: Upload, key: str, existing: BulletinInfo) -> None:
    """Replacing a stored month takes two clicks; until the second the old data stays."""
    month = month_label(existing.period)
    st.warning(
        f"{month} 已有通报 {inert(existing.filename)}（导入于 "
        f"{time_label(existing.imported_at)}）。替换会删除它的全部数据并以本文件代替；"
        "确认之前，旧数据保持不变。",
        icon=":material/warning:",
    )
    corrected = review.corrections_in_force(existing.period)
    if corrected:
        st.caption(
            f"{month} 有 {corrected} 处更正：替换后，同一单元格仍在且通报原值未变的继续有效，"
            "其余在数据质量页列为不再适用。"
        )
    confirming = f"confirm-replace-{key}"
    if not st.session_state.get(confirming):
        ask, drop = _buttons(key, "替换…", "放弃")
        if ask:
            st.session_state[confirming] = True
            st.rerun()
        if drop:
            _discard(upload)
        return
    st.error(f"确认用本文件替换 {month} 的数据？此操作不能撤销。", icon=":material/delete_forever:")
    replace, cancel = _buttons(key, f"确认替换{month}", "取消")
    if replace:
        st.session_state.pop(confirming)
        _save(upload, replace=True)
    if cancel:
        st.session_state.pop(confirming)
        st.rerun()


def _buttons(key: str, primary: str, secondary: str) -> tuple[bool, bool]:
    with st.container(horizontal=True):
        return (
            st.button(primary, key=f"{key}-{primary}", type="primary"),
            st.button(secondary, key=f"{key}-{secondary}"),
        )


def save_all_button(batch: list[Upload], library: list[BulletinInfo]) -> None:
    """One click for every file waiting to be saved, when there are several; a file whose
    month another file of the batch takes first is then offered as a replacement."""
    waiting = [u for u in batch if uploads.status(u, library) == "new"]
    if len(waiting) < 2 or not st.button(
        f"保存全部 {len(waiting)} 个待保存文件", type="primary", icon=":material/done_all:"
    ):
        return
    for upload in waiting:
        try:
            uploads.save(upload)
        except HotlineError as error:
            show_error(error, upload.name)
            return
    st.rerun()


def _save(upload: Upload, replace: bool) -> None:
    try:
        uploads.save(upload, replace=replace)
    except HotlineError as error:
        show_error(error, upload.name)
        return
    st.rerun()


def _discard(upload: Upload) -> None:
    uploads.discard(upload)
    st.rerun()
