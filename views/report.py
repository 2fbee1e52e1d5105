"""月度报告: the city's monthly analysis report for a chosen month — previewed here, downloaded
as Word or as an A4 print sheet."""

import streamlit as st

from lib.labels import month_label
from ui import empty, filters, papers

st.title("月度报告")
st.caption(
    "选定月份的全市分析报告：总体情况与环比、诉求类型、等级分布与变动、各组排名、预警、"
    "加扣分、存在的问题与数据核对。可下载 Word 或 A4 打印版。"
)
empty.stop_without_library(filters.current())
months = papers.months()
month = st.selectbox(
    "报告月份",
    months[::-1],
    format_func=month_label,
    key="report_month",
    bind="query-params",
    width=240,
)
chosen = papers.report(month)
papers.downloads(chosen)
papers.preview(chosen)
