"""加扣分: the deductions and bonuses across months, by unit, by indicator, and found by any
word of their details."""

import streamlit as st

from lib import charts
from lib.analysis.ledger import (
    KINDS,
    by_indicator_table,
    by_unit_table,
    ledger_view,
    rows_table,
)
from lib.analysis.rows import in_months
from ui import empty, frames, plots, prologue, tables

ALL = "all"
KIND_CHOICES = {ALL: "全部", **KINDS}

opening = prologue.start("加扣分")
chosen = opening.chosen
adjustments = frames.frame("adjustments")
empty.stop_without_rows(
    in_months(adjustments, chosen.start, chosen.end), "所选期间的通报没有加扣分表（附件3、附件4）。"
)

with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
    kind = st.segmented_control(
        "类别",
        list(KIND_CHOICES),
        format_func=KIND_CHOICES.get,
        default=ALL,
        required=True,
        key="adj_kind",
        bind="query-params",
    )
    text = st.text_input(
        "搜索（工单或信件编号、单位、指标、明细中的任意文字）",
        key="adj_q",
        bind="query-params",
        placeholder="如 120836、经开区、知识库",
    )
view = ledger_view(adjustments, chosen.start, chosen.end, None if kind == ALL else kind, text)
deducted = view.rows.loc[view.rows["kind"] == "deduction", "points"].sum()
added = view.rows.loc[view.rows["kind"] == "bonus", "points"].sum()
st.caption(
    f"{opening.period}：{len(view.rows)} 条，扣分合计 {deducted:g} 分，加分合计 {added:g} 分。"
    "加扣分表不分渠道，不受侧边栏渠道筛选影响。"
)
choices = {"类别": KIND_CHOICES[kind], "搜索": text or "（无）"}

if view.rows.empty:
    st.info("没有符合条件的加扣分记录。", icon=":material/search_off:")
    st.stop()
plots.show(charts.ledger_bars(view.rows), "加扣分逐月")
by_unit, by_indicator, details = st.tabs(
    ["按单位", "按指标", "明细"], key="adj_view", bind="query-params"
)
# Bound to the URL, the tabs are lazy: only the open one's table is built and sent.
if by_unit.open:
    with by_unit:
        tables.show(
            by_unit_table(view.by_unit),
            "ledger-units",
            "加扣分-按单位",
            choices,
            units=view.by_unit["unit_id"],
        )
if by_indicator.open:
    with by_indicator:
        tables.show(
            by_indicator_table(view.by_indicator), "ledger-indicators", "加扣分-按指标", choices
        )
if details.open:
    with details:
        tables.show(
            rows_table(view.rows),
            "ledger-rows",
            "加扣分-明细",
            choices,
            wrap={"明细": 220},
            units=view.rows["unit_id"],
        )
