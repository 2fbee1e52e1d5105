"""趋势: the city's figures, the complaint categories and the units per grade over months, and
one figure per month, 季度, 半年 or 年度 beside the period before (环比) and a year before (同比)."""

import streamlit as st

from lib import charts
from lib.analysis import metrics
from lib.analysis.city_periods import changes_table, city_changes, weighted_note
from lib.analysis.spans import KINDS
from lib.analysis.trends import categories_table, city_table, grades_table, trends_view
from ui import frames, periods, plots, prologue, tables

MEASURES = {"count": "件数", "share": "占比"}
PERIOD_KINDS = ("month", "quarter", "half", "year")
FIGURE_PX = 220
HALF_MIN_PX = 380
"""The two city charts side by side while each is this wide, else one above the other."""

opening = prologue.start("趋势")
chosen, channel = opening.chosen, opening.channel
view = trends_view(
    frames.frame("overview"),
    frames.frame("categories"),
    frames.frame("evaluations", channel=chosen.channel),
    chosen.channel,
    chosen.start,
    chosen.end,
)
st.caption(f"{opening.period}。只有已载入的月份参与作图，缺少的月份不补值。")

st.subheader("全市运行情况")
if view.city.empty:
    st.info("所选期间的通报没有列出全市运行数据。")
else:
    kinds = (("count", "件数"), ("rate", "比率"))
    halves = st.grid(2, min_column_width=HALF_MIN_PX, gap="large")
    for kind, word in kinds:
        with halves.cell():
            plots.show(charts.city_lines(view.city, kind), f"全市{word}走势")
    for kind, word in kinds:
        tables.show(city_table(view.city, kind), f"city-{kind}s", f"全市运行情况-{word}")

st.subheader("诉求类型")
measure = st.segmented_control(
    "显示",
    list(MEASURES),
    format_func=MEASURES.get,
    default="count",
    required=True,
    key="cat_measure",
    bind="query-params",
)
if view.categories.empty:
    st.info("所选期间的通报没有列出诉求类型。")
else:
    st.caption("通报只列出主要诉求类型：某月未列出的类型不代表为 0。")
    plots.show(charts.category_lines(view.categories, measure), f"诉求类型{MEASURES[measure]}走势")
    with st.expander("诉求类型表格与下载", icon=":material/table:"):
        tables.show(categories_table(view.categories), "category-trend", "诉求类型走势")

st.subheader(f"各等级单位数（{channel}）")
if view.grades.empty:
    st.info(f"所选期间没有{channel}评价表的数据。")
else:
    plots.show(charts.grade_bars(view.grades), f"{channel}各等级单位数")
    tables.show(grades_table(view.grades), "grade-trend", f"{channel}各等级单位数")

st.subheader("同比与环比")
with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
    kind = periods.choose_kind(kinds=PERIOD_KINDS)
    figure = st.selectbox(
        "指标",
        list(metrics.CITY_FIGURES),
        format_func=lambda f: metrics.CITY_FIGURES[f][0],
        key="trend_figure",
        bind="query-params",
        width=FIGURE_PX,
    )
changes = city_changes(frames.frame("overview"), kind, figure, chosen.start, chosen.end)
note = "环比：与上一个同类期间比较（按月时为库中上一个月）；同比：与去年同期比较。期间的件数为各月之和。"
if weighted_note(figure):
    note += f"{metrics.CITY_FIGURES[figure][0]}为{weighted_note(figure)}。"
st.caption(note)
tables.show(
    changes_table(changes, figure),
    "city-changes",
    f"同比环比-{metrics.CITY_FIGURES[figure][0]}",
    {"统计期": KINDS[kind]},
)
