"""The review queue on screen: a month's findings, warnings and doubtful values with their
state, the source behind the chosen one, the editor's decision, and the month's log.

Every write goes through access.editing_store() and lib.review.requests, inside the store's
write transaction; a refusal is one Chinese line. Viewers see all of it but the controls.
"""

from __future__ import annotations

import hashlib
from functools import partial

import pandas as pd
import streamlit as st

from lib.errors import HotlineError
from lib.labels import CHANNELS, month_label
from lib.model import FIGURE, FIGURES
from lib.review import requests
from lib.review.apply import stale
from lib.review.log import STATES, in_force, standing
from lib.review.queue import Item, build_queue, state_counts
from lib.review.report import KINDS, log_summary, log_table, queue_table
from ui import access, frames, source, tables
from ui.safe import inert, show_error
from ui.state import versioned

QUEUE_WIDTHS = {"序号": 40, "状态": 70, "单位": 100, "说明": "large"}
"""On screen, so 说明 shows on a tablet; 类别, 位置 and 字段 (in the CLI's lines) are in the
chosen item's panel and in 说明 itself."""
"""On screen; 位置 and 字段 (in the table's downloads and the CLI) are in the item's panel."""
LOG_WIDTHS = {"编号": 40, "记录": 130, "内容": "medium", "理由": "medium", "现状": 100}
_BADGE = {"open": "orange", "confirmed": "blue", "corrected": "green", "ignored": "gray"}


@versioned
def queues(store) -> dict[str, list[Item]]:
    """Every stored month's queue, oldest first (read once per data version)."""
    months = [info.period for info in store.list_bulletins()]
    findings, warnings = store.frame("findings"), store.frame("warnings")
    evaluations, log = store.frame("evaluations"), store.frame("review_log")
    adjustments = store.frame("adjustments")
    return {
        m: build_queue(m, findings, warnings, evaluations, log, adjustments) for m in sorted(months)
    }


def open_counts() -> dict[str, int]:
    """Month → items 待核实."""
    return {month: state_counts(items)["open"] for month, items in queues().items()}


def corrections_in_force(period: str) -> int:
    log = frames.frame("review_log", period=period)
    return len(in_force(log))


SIDEBAR_MONTHS = 3
"""Months with items waiting listed in the sidebar, newest first; the rest are counted."""


def sidebar() -> None:
    """A link to 数据质量 per month with items waiting, so an unreviewed month shows."""
    waiting = [(m, n) for m, n in reversed(open_counts().items()) if n]
    with st.sidebar.container(key="review-waiting"):
        for month, n in waiting[:SIDEBAR_MONTHS]:
            label = f"{month_label(month)}待核实 {n} 项"
            st.page_link("views/quality.py", label=label, icon=":material/rule:")
        if len(waiting) > SIDEBAR_MONTHS:
            st.caption(f"另有 {len(waiting) - SIDEBAR_MONTHS} 个月有待核实项")


def month_view(period: str, channel: str) -> None:
    """The month's items of `channel` and those of no channel (parse warnings)."""
    items = [i for i in queues()[period] if i.channel in (None, channel)]
    counts = state_counts(items)
    with st.container(horizontal=True, key="review-counts"):
        for state, n in counts.items():
            st.metric(STATES[state], f"{n} 项", border=True, width="content")
    st.subheader(f"核实清单（{len(items)} 项）")
    if not items:
        st.caption(f"{month_label(period)}{CHANNELS[channel]}没有核对不一致、解析警告或存疑数值。")
    else:
        chosen = _chosen(period, items)
        if chosen is not None:
            item_panel(chosen)
    _stale(period)
    log_view(period)


def _chosen(period: str, items: list[Item]) -> Item | None:
    """The queue as a table; the row picked, else the first item still 待核实."""
    with st.container(key="review-queue"):
        event = st.dataframe(
            queue_table(items),
            hide_index=True,
            column_order=list(QUEUE_WIDTHS),
            column_config={c: st.column_config.Column(width=w) for c, w in QUEUE_WIDTHS.items()},
            row_height=tables.WRAPPING_ROW_PX,
            on_select="rerun",
            selection_mode="single-row",
            key=f"review-queue-{period}",
        )
    picked = event.selection.rows
    if picked and picked[0] < len(items):
        return items[picked[0]]
    st.caption("点选清单中的一项，查看原文并核实。")
    return next((item for item in items if item.state == "open"), None)


def item_panel(item: Item) -> None:
    with st.container(border=True, key="review-item"):
        badge = f":{_BADGE[item.state]}-badge[{STATES[item.state]}]"
        kind = KINDS.get(item.kind, item.kind)
        st.markdown(f"{badge} **{kind}**：{inert(item.message)}")
        _decided(item)
        if item.unit and item.channel and item.kind != "narrative_count":
            source.show_row(item.period, item.channel, item.unit, item.group, item.field)
        if item.kind in ("warning", "doubtful") and item.page is not None:
            with st.expander(f"解析示意图（第 {item.page} 页）", icon=":material/grid_on:"):
                source.show_page(item.period, item.page)
        if access.can_edit():
            _actions(item)
        else:
            access.viewer_note("核实与更正")


def _decided(item: Item) -> None:
    if item.entry is None:
        return
    log = frames.frame("review_log", id=item.entry)
    row = log_table(log).iloc[0]
    reason = f"，理由：{inert(row['理由'])}" if row["理由"] else ""
    st.caption(
        f"{inert(row['操作人'])}于 {row['时间']} {row['操作']}（编号 {row['编号']}）{reason}"
    )


def _actions(item: Item) -> None:
    key = _slug(item.key)
    confirm, ignore, correct = st.tabs(["确认原文", "忽略", "更正数值"])
    with confirm:
        st.caption("通报所印数值无误（或确属原文错误但保留原值）：数据不作改动。")
        if st.button("确认原文", key=f"confirm-{key}", type="primary"):
            _decide(item, "confirm", "")
    with ignore, st.form(f"ignore-{key}", border=False):
        reason = st.text_input("忽略理由", key=f"ignore-reason-{key}")
        if st.form_submit_button("忽略此项"):
            _decide(item, "ignore", reason)
    with correct:
        if item.unit and item.channel and item.kind not in ("narrative_count", "warning"):
            correction_form(item, key)
        else:
            st.caption("这一项不是评价表中的数值，只能确认或忽略。")
    if item.entry is not None and st.button("撤销这项核实", key=f"undo-item-{key}"):
        _write(partial(requests.undo, entry_id=item.entry, author=access.author()))


def correction_form(item: Item, key: str) -> None:
    """A new value for one of the row's figures, with the reason: appended to the log."""
    names = [f.name for f in FIGURES]
    with st.form(f"correct-{key}", border=False):
        chosen = st.selectbox(
            "字段",
            names,
            index=names.index(item.field) if item.field in names else names.index("score"),
            format_func=lambda n: FIGURE[n].label(item.channel),
            key=f"field-{key}",
        )
        value = st.text_input("更正值", key=f"value-{key}")
        reason = st.text_input("更正理由", key=f"reason-{key}")
        if st.form_submit_button("记录更正", type="primary"):
            request = requests.CorrectionRequest(
                item.period,
                item.channel,
                item.unit,
                chosen,
                value,
                reason,
                access.author(),
                item.group,
                item.key,
            )
            _write(partial(requests.correction, request=request))


def _slug(text: str) -> str:
    """A short widget key for an item (its key holds printed text of any length)."""
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def _decide(item: Item, action: str, reason: str) -> None:
    build = partial(
        requests.decision,
        period=item.period,
        key=item.key,
        action=action,
        reason=reason,
        author=access.author(),
    )
    _write(build)


def _write(build) -> None:
    try:
        access.editing_store().append_review(build)
    except HotlineError as error:
        show_error(error)
        return
    st.rerun()


def _stale(period: str) -> None:
    log = frames.frame("review_log", period=period)
    gone = stale(frames.frame("printed_evaluations", period=period), log)
    if gone.empty:
        return
    st.warning(
        f"{len(gone)} 条更正不再适用（替换文件后，原单元格已不存在或原值已改变），未应用：",
        icon=":material/history:",
    )
    with st.container(key="review-stale"):
        tables.wrapped(log_summary(log_table(gone, gone)), LOG_WIDTHS)


def log_view(period: str) -> None:
    log = frames.frame("review_log", period=period)
    st.subheader(f"核实记录（{len(log)} 条）")
    if log.empty:
        st.caption("本月还没有核实记录。每次确认、忽略、更正与撤销都会记入这里，不会被改写。")
        return
    printed = frames.frame("printed_evaluations", period=period)
    with st.container(key="review-log"):
        tables.wrapped(log_summary(log_table(log, stale(printed, log))), LOG_WIDTHS)
    if access.can_edit():
        _undo_control(log)


def _undo_control(log: pd.DataFrame) -> None:
    ids = sorted(standing(log)["id"].astype(int), reverse=True)
    if not ids:
        return
    with st.container(horizontal=True, vertical_alignment="bottom"):
        chosen = st.selectbox("撤销一条记录", ids, format_func=lambda i: f"编号 {i}", width=200)
        if st.button("撤销", icon=":material/undo:", key="review-undo"):
            _write(partial(requests.undo, entry_id=chosen, author=access.author()))
