"""接听日简报: a one-page briefing on a unit before its leader's reception day — on screen,
in Word, printed from the browser, and for several units at once.

Unit, month and print view live in the URL (`?unit=岳阳楼区&month=2024年3月&print=true`), so a
briefing is a link."""

import streamlit as st

from lib.briefing.content import Visit
from lib.labels import month_label
from ui import briefing as view
from ui import empty, filters

library = view.library()
months = library.months()
label = view.unit_label(library)
with st.container(key="briefing-controls"):
    st.title("接听日简报")
    st.caption(
        "领导接听日前，为接听单位准备一页简报：排名与得分走势、指标短板、提升空间、"
        "加扣分与通报点名。可在线查看、下载 Word、打印，或批量生成。"
    )
    empty.stop_without_library(filters.current())
    left, right = st.columns([3, 1])
    unit = left.selectbox(
        "单位（可按任一名称或简称查找）",
        library.unit_ids(),
        index=None,
        format_func=label,
        placeholder="输入单位名称，如“经开区”",
        key="unit",
        bind="query-params",
    )
    month = right.selectbox(
        "通报月份", months[::-1], format_func=month_label, key="month", bind="query-params"
    )
    who, title, day = st.columns(3)
    visit = Visit(
        who.text_input("接听领导（可选）", max_chars=20, key="briefing-leader"),
        title.text_input("职务（可选）", max_chars=20, key="briefing-title"),
        day.date_input("接听日期（可选）", value=None, key="briefing-day"),
    )
    view.batch(library, month, visit, label)
    if unit is None:
        st.info("选择一个单位，查看它的接听日简报。", icon=":material/info:")
        st.stop()
    briefing = view.briefing_of(unit, month, visit)
    with st.container(horizontal=True, vertical_alignment="center"):
        view.downloads(briefing)
        printing = st.toggle(
            "打印视图",
            key="print",
            bind="query-params",
            help="按 A4 排版，打印时隐藏侧边栏与控件：用浏览器打印（Ctrl+P）即为一页。",
        )
        if printing:
            st.caption("用浏览器打印（Ctrl+P），纸张选 A4。")

if printing:
    view.print_sheet(briefing)
else:
    view.show(briefing)
