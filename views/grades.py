"""等级分布: grades per group and month, the units below A, and who moved between two months;
over a 季度, 半年, 年度 or any span, each unit's monthly grades counted (a period has no grade of
its own)."""

import streamlit as st

from lib import charts
from lib.analysis.grades import (
    below_a_table,
    by_group,
    grades_view,
    matrix_table,
    movers_table,
    period_grades,
    period_grades_table,
)
from lib.analysis.rows import months, of_channel
from lib.labels import month_label
from ui import periods, plots, prologue, state, tables

GROUP_MIN_PX = 260
"""The three groups' charts side by side while each is this wide, else fewer to a row."""
MONTH_PX = 170
"""A month box wide enough for '2024年12月' and its arrow."""

opening = prologue.start("等级分布")
chosen, channel, month = opening.chosen, opening.channel, opening.month
evaluations = prologue.evaluations(opening, whole_period=True)
stored = months(of_channel(evaluations, chosen.channel))
span = periods.choose(state.months(), default="span")
periods.note_missing(span, state.months())
upper = st.container()

st.subheader("等级变动")
choices = st.container(horizontal=True, gap="medium")
before_col, after_col = choices.container(width=MONTH_PX), choices.container(width=MONTH_PX)
latest_first = stored[::-1]
after = after_col.selectbox(
    "本期",
    latest_first,
    format_func=month_label,
    key="to",
    bind="query-params",
    index=latest_first.index(chosen.end) if chosen.end in stored else 0,
)
earlier = [m for m in latest_first if m < after]
before = before_col.selectbox(
    "上期",
    earlier,
    format_func=month_label,
    key="from",
    bind="query-params",
    placeholder="没有更早的月份",
)
view = grades_view(
    evaluations, chosen.channel, span.start, span.end, before, after, month=chosen.end
)

with upper:
    st.subheader(f"各组等级分布（{channel}）")
    st.caption(f"{span.label}，每个单位每月计一次。")
    groups = st.grid(3, min_column_width=GROUP_MIN_PX)
    for group, part in by_group(view.distribution).items():
        with groups.cell():
            plots.show(charts.grade_bars(part, group), f"等级分布-{group}")
    if span.kind != "month":
        mixes = period_grades(evaluations, chosen.channel, span.start, span.end)
        st.subheader(f"{span.label}各单位的月度等级（{channel}）")
        st.caption(
            "期间不另评等级：列出每个单位在期间内各月的等级与月数，有月份低于 A 类的单位在前。"
        )
        tables.show(
            period_grades_table(mixes),
            "period-grades",
            f"期间等级-{span.key}",
            {"期间": span.label},
            units=mixes["unit_id"],
        )
    st.subheader(f"{month}低于 A 类的单位（{len(view.below_a)} 个）")
    if view.below_a.empty:
        st.success("本月列入评价表的单位均为 A 类。", icon=":material/check_circle:")
    else:
        tables.show(
            below_a_table(view.below_a, chosen.channel),
            "below-a",
            f"低于A类-{chosen.end}",
            {"月份": month},
            units=view.below_a["unit_id"],
        )

if before is None:
    st.info(f"{month_label(after)}之前库中没有{channel}数据，无法比较等级变动。")
else:
    pair = {"上期": month_label(before), "本期": month_label(after)}
    st.caption(
        f"行为{pair['上期']}的等级，列为{pair['本期']}的等级；“未列入”指当月评价表未列出该单位"
        "（工单量为 0）。分数即综合指标值；“变化最大的指标”按指标变化乘以其在综合指标值公式中的权重计，"
        "“对分数的影响”为由此带来的分数变化。"
    )
    tables.show(
        matrix_table(view.matrix, pair["上期"], pair["本期"]),
        "transition-matrix",
        f"等级变动矩阵-{after}",
        pair,
    )
    st.markdown(f"**等级变动的单位（{len(view.movers)} 个）**")
    tables.show(movers_table(view.movers, chosen.channel), "movers", f"等级变动单位-{after}", pair)
