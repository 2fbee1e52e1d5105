"""排名: one period's ranking of a group on a measure — a month, 季度, 半年, 年度 or any span,
a period's figures recomputed from counts — its changes since the period before (环比) and a
year before (同比), and the 红黑榜. Unit names link to their dossiers."""

import streamlit as st

from lib import charts
from lib.analysis import metrics
from lib.analysis.periods import compared, weighted_note
from lib.analysis.pools import pool_rule
from lib.analysis.rankings import list_note, ranking_table, ranking_view
from lib.analysis.spans import period_label
from lib.model import GROUPS
from ui import frames, papers, periods, plots, prologue, source, state, tables

ALL_GROUPS = "全部分组"
CHOICE_PX = 200
NUMBER_PX = 120
"""Widths of the choices, which wrap onto a second line on a narrow page."""
LIST_MIN_PX = 420
"""红榜 and 黑榜 side by side while each has this width, else one above the other."""

opening = prologue.start("排名")
chosen, channel = opening.chosen, opening.channel
evaluations = prologue.evaluations(opening)
span = periods.choose(state.months())
periods.note_missing(span, state.months())
month = span.label

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

basis = compared(evaluations, chosen.channel, span)
view = ranking_view(
    basis.rows,
    chosen.channel,
    basis.period,
    None if group == ALL_GROUPS else group,
    measure,
    n,
    basis.before,
    basis.year_ago,
)
if view.ranking.empty:
    st.info(f"{month}{channel}评价表的{group}没有单位。", icon=":material/info:")
    st.stop()
label = metrics.label(measure, chosen.channel)
before = (
    f"上期为{period_label(view.previous_period)}" if view.previous_period else "库中没有上期数据"
)
before += (
    f"，去年同期为{period_label(view.year_period)}"
    if view.year_period
    else "，库中没有去年同期数据"
)
if span.kind != "month":
    before += "。期间数据由各月计数重新计算，综合指标值按公式以期间比率计算，等级为各月等级的分布"
    before += f"；{weighted_note(chosen.channel)}" if weighted_note(chosen.channel) else ""
st.caption(
    f"{month} · {channel} · {group} · 排名指标：{label}，并列同名次；{before}。"
    f"排名范围依通报：{pool_rule(chosen.channel)}；不在范围内的单位列在最后，"
    "名次为其在全组中的位置（图中为空心点）。"
)
choices = {"期间": month, "分组": group, "指标": label, "红黑榜人数": str(n)}

st.subheader("排名表")
one_month = span.kind == "month"
table = ranking_table(view.ranking, chosen.channel, measure)
picked = tables.show(
    table, "ranking", f"排名-{span.key}", choices, units=view.ranking["unit_id"], select=one_month
)
if one_month:
    papers.print_lists(
        frames.frame("evaluations"),
        span.start,
        chosen.channel,
        None if group == ALL_GROUPS else group,
    )
    source.show_picked(picked, view.ranking, table, span.start, chosen.channel, measure)

if group == ALL_GROUPS:
    st.caption("红黑榜按分组排出：选择一个分组即可查看。")
else:
    lists = st.grid(2, min_column_width=LIST_MIN_PX, gap="medium")
    for cell, (title, rows, key, best) in zip(
        (lists.cell(), lists.cell()),
        (("红榜", view.top, "red-list", True), ("黑榜", view.bottom, "black-list", False)),
        strict=True,
    ):
        with cell:
            st.subheader(f"{title}（{label}{'前' if best else '后'} {n} 名）")
            st.caption(list_note(rows, n, best))
            tables.show(
                ranking_table(rows, chosen.channel, measure, brief=True),
                key,
                f"{title}-{span.key}",
                choices,
                units=rows["unit_id"],
            )

st.subheader("分布")
plots.show(
    charts.ranking_dots(view.ranking, label, metrics.decimals(measure, chosen.channel)),
    f"排名图-{span.key}",
)
