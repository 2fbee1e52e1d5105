"""总览: the last month of the chosen period at a glance."""

import streamlit as st

from lib import charts
from lib.analysis.display import SAME
from lib.analysis.overview import (
    categories_table,
    figure_texts,
    figures_table,
    grades_table,
    overview_view,
)
from lib.labels import month_label
from ui import frames, plots, prologue, tables

CARD_MIN_PX = 200
"""Four figure cards to a row while each is this wide, else fewer: a figure is never cut."""
HALF_MIN_PX = 380
"""诉求类型 beside 热点焦点 while each half is this wide, else one above the other."""

opening = prologue.start("总览")
chosen, month = opening.chosen, opening.month
view = overview_view(
    frames.frame("overview"),
    frames.frame("categories"),
    frames.frame("evaluations"),
    frames.frame("grade_counts"),
    frames.frame("sections"),
    chosen.end,
)
compared = (
    f"，与上期（{month_label(view.previous_period)}）相比"
    if view.previous_period
    else "；库中没有更早的月份可作比较"
)
year_ago = (
    f"；同比为与去年同期（{month_label(view.year_period)}）相比"
    if view.year_period
    else "；库中没有去年同期的通报，无同比"
)
st.caption(f"{month}全市运行情况{compared}（环比）{year_ago}。月份取侧边栏所选期间的最后一个月。")

cards = st.grid(4, min_column_width=CARD_MIN_PX)
for text in figure_texts(view.figures):
    same = text.change == SAME
    with cards.cell(), st.container(border=True):
        st.metric(
            text.label,
            text.value,
            text.change,
            delta_color="normal" if text.kind == "rate" and not same else "off",
            delta_arrow="off" if same else "auto",
        )
        if text.year_change:
            st.caption(f"同比 {text.year_change}")
with st.expander("运行概况表格与下载", icon=":material/table:"):
    figure_tables = st.grid(2, min_column_width=HALF_MIN_PX)
    for kind, word in (("count", "件数"), ("rate", "比率")):
        with figure_tables.cell():
            tables.show(
                figures_table(view.figures, kind), f"city-{kind}s", f"运行概况-{word}-{chosen.end}"
            )

halves = st.grid(2, min_column_width=HALF_MIN_PX, gap="large")
with halves.cell():
    st.subheader("诉求类型")
    if view.categories.empty:
        st.info("本月通报未列出诉求类型。")
    else:
        plots.show(charts.categories_bar(view.categories), f"诉求类型-{chosen.end}")
        with st.expander("诉求类型表格与下载", icon=":material/table:"):
            tables.show(categories_table(view.categories), "categories", f"诉求类型-{chosen.end}")
with halves.cell():
    st.subheader("热点焦点")
    if not view.hot_issues:
        st.info("本月通报没有“热点焦点”一节。")
    with st.container(border=bool(view.hot_issues), key="hot-issues"):
        for text in view.hot_issues:
            st.text(text)

st.subheader("等级评价")
st.caption(
    "按附件评价表统计，同一单位重复列出只计一次；“量为 0”（当月没有工单或来信的单位数）"
    "与承办单位总数取自通报正文。"
)
tables.show(grades_table(view.grades), "grade-counts", f"等级评价-{chosen.end}")
