"""自助分析: a chart and a pivot table of the user's own choosing over the stored tables,
saved under a name and opened again from its link."""

import streamlit as st

from lib import charts
from lib.analysis.explore import MAX_POINTS, SOURCES, choices, explore_view
from ui import explore, frames, plots, prologue, tables

opening = prologue.start("自助分析")
opened = explore.open_saved()
spec = explore.choose(opening.chosen)
opened = explore.forget_if_changed(opened, spec)
source = SOURCES[spec.source]
rows = frames.frame(spec.source, **({"channel": spec.channel} if source.per_channel else {}))
view = explore_view(rows, spec)

scope = f"{opening.channel}，" if source.per_channel else "不分渠道，"
st.caption(
    f"{source.title}：{scope}{opening.period}，{view.rows} 行汇总为 {len(view.data)} 项。"
    "在服务器上汇总，只把汇总结果送到浏览器。"
)
if view.data.empty:
    st.info("所选期间没有可汇总的数据。", icon=":material/search_off:")
elif view.drawable:
    if len(view.drawn) < len(view.x_order):
        st.caption(
            f"{view.x_title}共 {len(view.x_order)} 项，图中按数值从大到小画出前 "
            f"{len(view.drawn)} 项，下表列出全部。"
        )
    plots.show(charts.explored(view, spec.chart), "自助分析")
else:
    st.info(
        f"共 {len(view.data)} 项，超过作图上限 {MAX_POINTS} 项：请换一个维度、去掉分色或缩短期间。"
        "下表列出全部结果。",
        icon=":material/info:",
    )
tables.show(view.table, "explore", "自助分析", choices(spec))

st.subheader("保存与分享")
explore.save_and_share(spec, opened)
with st.expander("已保存的视图", icon=":material/bookmarks:"):
    explore.saved_list()
