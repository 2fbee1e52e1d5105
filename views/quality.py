"""数据质量: the review queue of a month — every check finding, parse warning and doubtful value,
its state, the source page behind it, and the log of who decided what."""

import streamlit as st

from lib.labels import month_label
from ui import filters, review, state

st.title("数据质量")
st.caption(
    "通报中印刷的数字与按表内数字重新计算的结果不一致之处、解析时未能确定读取的内容，逐项核实："
    "确认原文、更正数值（另行记录，通报原值保留）或忽略。每项操作都记入核实记录，可撤销。"
    "按侧边栏的渠道列出；解析警告不分渠道。"
)
chosen = filters.current()
months = [m for m in state.months() if chosen.start <= m <= chosen.end] if chosen.end else []
if not months:
    st.info("通报库还是空的：上传通报后，这里逐月列出需要核实的内容。", icon=":material/info:")
    st.stop()
month = st.selectbox(
    "月份",
    list(reversed(months)),
    format_func=month_label,
    key=f"review-month-{chosen.start}-{chosen.end}",
    width=200,
)
review.month_view(month, chosen.channel)
