"""数据质量: every stored check that disagrees, every value read without certainty (OCR) and
every parser warning, filterable."""

import streamlit as st

from lib.labels import FINDING_KINDS
from lib.reports import (
    doubtful_table,
    findings_table,
    in_period,
    select_findings,
    warnings_table,
)
from ui import filters, frames
from ui.cards import show_doubtful, show_findings, show_warnings

st.title("数据质量")
st.caption(
    "通报中印刷的数字与按表内数字重新计算的结果不一致之处，扫描件中识别没有把握的数值，"
    "以及解析时未能确定读取的内容。"
    "数据原样保存，这里只作提示，不作修改。按侧边栏的渠道与期间筛选。"
)
chosen = filters.current()
in_view = select_findings(
    in_period(frames.frame("findings"), chosen.start, chosen.end), chosen.channel
)
left, right = st.columns(2)
units = left.multiselect(
    "单位", sorted(set(in_view["unit"].dropna())), key="quality-units", placeholder="全部单位"
)
kinds = right.multiselect(
    "类别",
    list(FINDING_KINDS),
    format_func=FINDING_KINDS.get,
    key="quality-kinds",
    placeholder="全部类别",
)
shown = select_findings(in_view, units=units, kinds=kinds)
st.subheader(f"核对不一致（{len(shown)} 处）")
with st.container(key="quality-findings"):
    if shown.empty:
        st.caption("所选范围内，印刷值与计算值全部一致。")
    else:
        show_findings(findings_table(shown))

doubtful = doubtful_table(
    in_period(frames.frame("evaluations", channel=chosen.channel), chosen.start, chosen.end),
    in_period(frames.frame("adjustments"), chosen.start, chosen.end),
)
st.subheader(f"存疑数值（{len(doubtful)} 行）")
with st.container(key="quality-doubtful"):
    if doubtful.empty:
        st.caption("所选范围内没有存疑数值（扫描件中文字识别没有把握的数值会列在这里）。")
    else:
        show_doubtful(doubtful)

warnings = in_period(frames.frame("warnings"), chosen.start, chosen.end)
st.subheader(f"解析警告（{len(warnings)} 条）")
with st.container(key="quality-warnings"):
    if warnings.empty:
        st.caption("所选范围内没有解析警告。")
    else:
        show_warnings(warnings_table(warnings))
