"""预警: units whose score keeps falling, that fell below A for the first time, or whose rates
are beyond a limit — as of the last month of the period, each linked to its comparison."""

import streamlit as st

from lib.analysis import metrics
from lib.analysis.alerts import (
    alerts_view,
    beyond_limits_table,
    declines_table,
    first_falls_table,
)
from lib.analysis.pools import pool_rule
from lib.rules import load_rules
from ui import frames, links, prologue, tables

opening = prologue.start("预警")
chosen, month = opening.chosen, opening.month
prologue.evaluations(opening)

with st.expander("预警条件", icon=":material/tune:"):
    run_col, pool_col = st.columns(2)
    min_run = run_col.number_input(
        "连续下降至少几次", min_value=1, max_value=24, value=2, key="alert_run", bind="query-params"
    )
    everyone = pool_col.toggle(
        "比率预警包括不在排名范围的单位",
        key="alert_everyone",
        bind="query-params",
        help=f"排名范围依通报：{pool_rule(chosen.channel)}。件数太少的单位，比率不宜作预警。",
    )
    limits = {}
    for column, rate in zip(st.columns(len(metrics.RATES)), metrics.RATES, strict=True):
        rule = "低于" if metrics.higher_is_better(rate, chosen.channel) else "高于"
        limits[rate] = column.number_input(
            f"{metrics.label(rate, chosen.channel)}{rule}（%）",
            min_value=0.0,
            max_value=100.0,
            value=load_rules()[chosen.channel].alert_limits[rate],
            step=0.5,
            format="%.2f",
            key=f"limit_{chosen.channel}_{rate}",
            bind="query-params",
        )

view = frames.derived(
    alerts_view,
    "evaluations",
    chosen.channel,
    chosen.end,
    limits,
    min_run,
    not everyone,
    channel=chosen.channel,
)
st.caption(
    f"截至{month}（{opening.channel}），回溯库中全部更早的月份；缺少的月份跳过，不视为下降。"
    "点“单位对比 →”在新标签页打开该单位的对比视图。"
)
choices = {
    "月份": month,
    "连续下降至少": f"{min_run} 次",
    "比率预警范围": "全部单位" if everyone else "排名范围内的单位",
    **{metrics.label(r, chosen.channel): f"{v:.2f}" for r, v in limits.items()},
}

st.subheader(f"综合指标值连续下降（{len(view.declines)} 个）")
tables.show(
    declines_table(view.declines, chosen.channel),
    "declines",
    f"预警-连续下降-{chosen.end}",
    choices,
    links=links.compare_urls(view.declines["unit_id"], chosen),
    units=view.declines["unit_id"],
)

st.subheader(f"首次跌出 A 类（{len(view.first_falls)} 个）")
tables.show(
    first_falls_table(view.first_falls, chosen.channel),
    "first-falls",
    f"预警-跌出A类-{chosen.end}",
    choices,
    links=links.compare_urls(view.first_falls["unit_id"], chosen),
    units=view.first_falls["unit_id"],
)

st.subheader(f"比率超出阈值（{len(view.beyond_limits)} 项）")
tables.show(
    beyond_limits_table(view.beyond_limits, chosen.channel),
    "beyond-limits",
    f"预警-比率-{chosen.end}",
    choices,
    links=links.compare_urls(view.beyond_limits["unit_id"], chosen),
    units=view.beyond_limits["unit_id"],
)
