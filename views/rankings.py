"""排名: one month's ranking of a group on a measure, its changes, and the 红黑榜."""

import streamlit as st

from lib import charts
from lib.analysis import metrics
from lib.analysis.rankings import ranking_table, ranking_view
from lib.labels import month_label
from lib.model import GROUPS
from ui import plots, prologue, source, tables

ALL_GROUPS = "全部分组"
CHOICE_PX = 200
NUMBER_PX = 120
"""Widths of the choices, which wrap onto a second line on a narrow page."""
LIST_MIN_PX = 420
"""红榜 and 黑榜 side by side while each has this width, else one above the other."""

opening = prologue.start("排名")
chosen, channel, month = opening.chosen, opening.channel, opening.month
evaluations = prologue.evaluations(opening)

with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
    group = st.selectbox(
        "分组", [*GROUPS, ALL_GROUPS], key="group", bind="query-params", width=CHOICE_PX
    )
    measure = st.selectbox(
        "指标",
        metrics.MEASURES,
        key="rank_measure",
        bind="query-params",
        format_func=lambda m: metrics.label(m, chosen.channel),
        width=CHOICE_PX,
    )
    n = st.number_input(
        "红黑榜人数",
        min_value=1,
        max_value=30,
        value=5,
        key="top_n",
        bind="query-params",
        width=NUMBER_PX,
    )
    min_due = st.number_input(
        "小样本阈值",
        min_value=0,
        max_value=10_000,
        value=10,
        key="min_due",
        bind="query-params",
        width=NUMBER_PX,
        help="应办理数少于此数的单位标为小样本：件数太少，比率不宜与大单位直接比较。",
    )
    exclude_small = st.toggle("小样本不参与排名", key="exclude_small", bind="query-params")

view = ranking_view(
    evaluations,
    chosen.channel,
    chosen.end,
    None if group == ALL_GROUPS else group,
    measure,
    min_due,
    exclude_small,
    n,
)
if view.ranking.empty:
    st.info(f"{month}{channel}评价表的{group}没有单位。", icon=":material/info:")
    st.stop()
label = metrics.label(measure, chosen.channel)
before = (
    f"上期为{month_label(view.previous_period)}" if view.previous_period else "库中没有上期数据"
)
st.caption(
    f"{month} · {channel} · {group} · 按{label}排名，并列同名次；{before}。"
    f"应办理数少于 {min_due} 件的单位标为小样本"
    + ("，不参与排名。" if exclude_small else "（图中为空心点），仍参与排名。")
)
choices = {
    "月份": month,
    "分组": group,
    "指标": label,
    "红黑榜人数": str(n),
    "小样本阈值（应办理数少于）": str(min_due),
    "小样本参与排名": "否" if exclude_small else "是",
}

st.subheader("排名表")
table = ranking_table(view.ranking, chosen.channel, measure)
picked = tables.show(table, "ranking", f"排名-{chosen.end}", choices, select=True)
source.show_picked(picked, view.ranking, table, chosen.end, chosen.channel, measure)

lists = st.grid(2, min_column_width=LIST_MIN_PX, gap="medium")
with lists.cell():
    st.subheader(f"红榜（前 {n} 名）")
    tables.show(
        ranking_table(view.top, chosen.channel, measure, brief=True),
        "red-list",
        f"红榜-{chosen.end}",
        choices,
    )
with lists.cell():
    st.subheader(f"黑榜（后 {n} 名）")
    tables.show(
        ranking_table(view.bottom, chosen.channel, measure, brief=True),
        "black-list",
        f"黑榜-{chosen.end}",
        choices,
    )

st.subheader("分布")
plots.show(
    charts.ranking_dots(view.ranking, label, metrics.decimals(measure, chosen.channel)),
    f"排名图-{chosen.end}",
)
