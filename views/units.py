"""单位与别名: the names each unit is printed under; editors add and remove aliases."""

import streamlit as st

from ui import access, aliases, frames

st.title("单位与别名")
st.caption(
    "同一单位在不同月份、不同表格中可能印成不同名称（如“经开区”与“岳阳经开区”）。"
    "别名把这些名称归为同一单位：排名、对比、趋势和简报都按单位合并，印刷的名称原样保留。"
)
if access.can_edit():
    aliases.editor(frames.frame("units"), frames.frame("aliases"))
else:
    access.viewer_note("修改别名")
aliases.table(frames.frame("aliases"))
