"""排名: one month's ranking of a group on a measure, its changes, and the 红黑榜."""

import streamlit as st

from lib import charts
from lib.analysis import metrics
from lib.analysis.rankings import ranking_table, ranking_view
from lib.analysis.rows import of_channel
from lib.labels import CHANNELS, month_label
from lib.model import GROUPS
from ui import empty, filters, frames, plots, tables

ALL_GROUPS = "全部分组"

st.title("排名")
chosen = filters.current()
empty.stop_without_library(chosen)
channel = CHANNELS[chosen.channel]
month = month_label(chosen.end)
evaluations = frames.evaluations(chosen.channel)
empty.stop_without_rows(of_channel(evaluations, chosen.channel, chosen.end),
                        f"{month}没有{channel}评价表的数据。")

group_col, measure_col, n_col, due_col, exclude_col = st.columns([2, 2, 1, 1, 2],
                                                                 vertical_alignment="bottom")
group = group_col.selectbox("分组", [*GROUPS, ALL_GROUPS], key="group", bind="query-params")
measure = measure_col.selectbox("指标", metrics.MEASURES, key="rank_measure", bind="query-params",
                                format_func=lambda m: metrics.label(m, chosen.channel))
n = n_col.number_input("红黑榜人数", min_value=1, max_value=30, value=5, key="top_n",
                       bind="query-params")
min_due = due_col.number_input("小样本阈值", min_value=0, max_value=10_000, value=10,
                               key="min_due", bind="query-params",
                               help="应办理数少于此数的单位标为小样本：件数太少，比率不宜与大单位直接比较。")
exclude_small = exclude_col.toggle("小样本不参与排名", key="exclude_small", bind="query-params")

view = ranking_view(evaluations, chosen.channel, chosen.end, None if group == ALL_GROUPS else group,
                    measure, min_due, exclude_small, n)
if view.ranking.empty:
    st.info(f"{month}{channel}评价表的{group}没有单位。", icon=":material/info:")
    st.stop()
label = metrics.label(measure, chosen.channel)
before = f"上期为{month_label(view.previous_period)}" if view.previous_period else "库中没有上期数据"
st.caption(f"{month} · {channel} · {group} · 按{label}排名，并列同名次；{before}。"
           f"应办理数少于 {min_due} 件的单位标为小样本"
           + ("，不参与排名。" if exclude_small else "（图中为空心点），仍参与排名。"))
choices = {"月份": month, "分组": group, "指标": label, "红黑榜人数": str(n),
           "小样本阈值（应办理数少于）": str(min_due), "小样本参与排名": "否" if exclude_small else "是"}

st.subheader("排名表")
tables.show(ranking_table(view.ranking, chosen.channel, measure), "ranking", f"排名-{chosen.end}",
            choices)

red, black = st.columns(2)
with red:
    st.subheader(f"红榜（前 {n} 名）")
    tables.show(ranking_table(view.top, chosen.channel, measure, brief=True), "red-list",
                f"红榜-{chosen.end}", choices)
with black:
    st.subheader(f"黑榜（后 {n} 名）")
    tables.show(ranking_table(view.bottom, chosen.channel, measure, brief=True),
                "black-list", f"黑榜-{chosen.end}", choices)

st.subheader("分布")
plots.show(charts.ranking_dots(view.ranking, label, metrics.decimals(measure, chosen.channel)),
           f"排名图-{chosen.end}")
