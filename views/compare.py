"""单位对比: 2–10 units side by side on a month or a longer period (figures recomputed from
counts), over months, across channels, against the median of their group; each unit's name
links to its dossier."""

import pandas as pd
import streamlit as st

from lib import charts
from lib.analysis import metrics
from lib.analysis.comparison import (
    MAX_UNITS,
    comparison_view,
    resolve_units,
    unit_choices,
    versus_table,
)
from lib.analysis.display import Table
from lib.analysis.periods import period_rows, weighted_note
from lib.labels import CHANNELS
from ui import frames, periods, plots, prologue, source, state, tables
from ui.safe import inert

PERIOD_NOTE = (
    "期间数据由各月计数重新计算：计数为合计，比率为合计计数之比，综合指标值按公式以期间比率计算，"
    "等级为各月等级的分布。"
)
HALF_MIN_PX = 380
"""The two channels' charts side by side while each is this wide, else one above the other."""

opening = prologue.start("单位对比")
chosen, channel, month = opening.chosen, opening.channel, opening.month
aliases = frames.frame("aliases")
units = frames.frame("units")

picked = st.multiselect(
    f"单位（2–{MAX_UNITS} 个，可按任一名称查找，如“经开区”“岳阳电信公司”）",
    unit_choices(units, aliases),
    key="units",
    bind="query-params",
    max_selections=MAX_UNITS,
    placeholder="输入单位名称查找",
    select_all=False,
)
unit_ids, unknown = resolve_units(picked, aliases, units["unit_id"])
if unknown:
    st.warning("未找到单位：" + inert("、".join(unknown)), icon=":material/search_off:")
if not unit_ids:
    st.info(
        "选择要对比的单位。同一单位的不同名称（如“经开区”与“岳阳经开区”）按同一单位计。",
        icon=":material/info:",
    )
    st.stop()
if len(unit_ids) == 1:
    st.caption("再选择一个或多个单位即可并排对比。")
measure = st.selectbox(
    "走势指标",
    metrics.MEASURES,
    key="cmp_measure",
    bind="query-params",
    format_func=lambda m: metrics.label(m, chosen.channel),
)

span = periods.choose(state.months())
periods.note_missing(span, state.months())
month = span.label
evaluations = frames.frame("evaluations")
totals = None
if span.kind != "month":
    rows = [period_rows(evaluations, ch, span) for ch in CHANNELS]
    totals = (span.key, pd.concat(rows, ignore_index=True))
view = comparison_view(
    evaluations, chosen.channel, chosen.start, chosen.end, unit_ids, measure, totals
)
with st.container(horizontal=True, gap="medium"):
    for unit_id in unit_ids:
        st.page_link(
            "views/dossier.py",
            label=inert(f"{view.names.get(unit_id, unit_id)}的单位档案"),
            icon=":material/folder_shared:",
            query_params={"unit": unit_id},
        )
label = metrics.label(measure, chosen.channel)
colours = [view.names.get(u, u) for u in unit_ids]
choices = {"单位": "、".join(view.names.get(u, u) for u in unit_ids), "期间": month}

st.subheader(f"{month}指标对比（{channel}）")
if totals is not None:
    note = weighted_note(chosen.channel)
    st.caption(PERIOD_NOTE + (f"{note}。" if note else ""))
cell = tables.show(
    Table(view.month), "compare-month", f"单位对比-{span.key}", choices, select=totals is None
)
if totals is None:
    source.show_compared(cell, view.month, view.names, evaluations, span.start, chosen.channel)

st.subheader(f"{label}逐月走势（{channel}）")
if view.history.empty:
    st.info(f"所选期间这些单位没有{channel}评价数据。")
else:
    plots.show(
        charts.lines(
            view.history, label, metrics.decimals(measure, chosen.channel), domain=colours
        ),
        f"{label}走势",
    )

st.subheader("热线与市长信箱")
halves = st.grid(2, min_column_width=HALF_MIN_PX, gap="large")
for key, word in CHANNELS.items():
    with halves.cell():
        st.markdown(f"**{word}综合指标值**")
        history = view.channel_scores[key]
        if history.empty:
            st.info(f"所选期间这些单位没有{word}评价数据。")
        else:
            plots.show(
                charts.lines(history, "综合指标值", metrics.score_decimals(key), domain=colours),
                f"{word}综合指标值走势",
            )
tables.show(
    Table(view.channels),
    "compare-channels",
    f"两渠道对比-{span.key}",
    choices,
    units=[u for u in unit_ids for _ in CHANNELS],
)

st.subheader(f"与组中位数比较（{month}，{channel}）")
st.caption(
    "柱高为优于所在分组中位数的幅度：正数优于中位数，负数落后；返工率、不满意率越低越好，已按方向换算。"
)
if view.versus_median.empty:
    st.info(f"{month}这些单位没有{channel}评价数据。")
else:
    labels = {m: metrics.label(m, chosen.channel) for m in metrics.MEASURES}
    plots.show(charts.versus_median(view.versus_median, labels, colours), "与组中位数比较")
    tables.show(
        versus_table(view.versus_median, chosen.channel),
        "compare-median",
        f"与组中位数比较-{span.key}",
        choices,
        units=view.versus_median["unit_id"],
    )
