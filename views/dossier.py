"""单位档案: every unit the library has listed, searchable by any of its names, and one unit's
whole record over a period — its rows, places and grades month by month, the period's totals,
deductions and bonuses, the passages naming it, reception days, weak indicators and what it
would take (lib.dossier).

The unit and the period live in the URL (`?unit=岳阳楼区&span=季度&quarter=2024年第二季度`), so
a dossier is a link; the unit names on 排名, 单位对比, 预警 and 加扣分 link here.
"""

import streamlit as st

from ui import dossier as view
from ui import periods, prologue, state

prologue.start("单位档案")
units = view.directory()
unit = st.selectbox(
    "单位",
    units["unit_id"],
    index=None,
    placeholder="输入单位名称查找，或在下表中搜索后点击单位",
    key="unit",
    bind="query-params",
)
if unit is None:
    st.caption(
        "每个单位的完整记录：逐月评价与名次、期间合计、加扣分、通报点名、领导接听日、指标短板与提升空间。"
    )
    view.directory_table(units)
    st.stop()

span = periods.choose(state.months(), default="span")
view.show(view.dossier(unit, span.kind, span.start, span.end))
