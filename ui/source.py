"""The source behind a value: the file, the page, and the printed row — a crop of the PDF page
with the row outlined, or the row as text for a .docx or text file.

Pictures are drawn in the sandbox (lib.sandbox) from the stored original and cached by the
file's sha256, so a replaced month never shows its predecessor's page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.errors import HotlineError
from lib.labels import field_label, month_label
from lib.model import FIGURE, FIGURES
from lib.sandbox import crop_untrusted, explain_untrusted
from lib.store import BulletinInfo
from lib.store.schema import BOX_COLUMNS
from ui import frames, state
from ui.safe import inert, show_error

NO_TEXT = "（未保存这一行的原文：重新导入该月通报后即可显示）"


def show_row(period: str, channel: str, unit: str, group: str | None = None, field=None) -> None:
    """Where `unit`'s row of `channel` in `period` was printed (`field` named in the caption)."""
    places = frames.frame("places", period=period, channel=channel)
    mine = places[(places["unit"] == unit) & ((places["group"] == group) if group else True)]
    if mine.empty:
        st.caption("未找到这一行在原文中的位置。")
        return
    place = mine.iloc[0]
    info = _bulletin(int(place["bulletin_id"]))
    what = f"{inert(unit)} 的{field_label(field, channel)}" if field else inert(unit)
    st.markdown(
        f"**原文出处**：{inert(info.filename)} · {month_label(period)} · "
        f"第 {int(place['page'])} 页 · {what}"
    )
    box = tuple(float(place[c]) for c in BOX_COLUMNS)
    if info.format == "pdf" and not any(pd.isna(v) for v in box):
        _picture(lambda: _crop_png(info.sha256, info.id, int(place["page"]), box))
        st.caption("红框为该单位在通报中的这一行。")
    else:
        st.text(place["row_text"] or NO_TEXT)


def show_page(period: str, page: int) -> None:
    """What the parser recognised on page `page` of the month's PDF (lib.source.explain)."""
    info = next((i for i in state.library() if i.period == period), None)
    if info is None or info.format != "pdf":
        st.caption("该月通报不是 PDF，没有页面图；请对照下方原文摘录。")
        return
    _picture(lambda: _explain_png(info.sha256, info.id, page))
    st.caption(
        "蓝框：识别到的表格及单元格；灰框与橙框：文字行与词；绿框：读出的评价表数据行。"
        "没有绿框的数据行即未能读取。"
    )


def _picture(draw) -> None:
    try:
        st.image(draw())
    except HotlineError as error:
        show_error(error)


def _bulletin(bulletin_id: int) -> BulletinInfo:
    return next(i for i in state.library() if i.id == bulletin_id)


@st.cache_data(show_spinner="正在绘制原文页面…", max_entries=128)
def _crop_png(sha256: str, bulletin_id: int, page: int, box: tuple) -> bytes:
    original = state.store().original(bulletin_id)
    return crop_untrusted(original.data, original.filename, page, box).png


@st.cache_data(show_spinner="正在绘制解析示意图…", max_entries=32)
def _explain_png(sha256: str, bulletin_id: int, page: int) -> bytes:
    original = state.store().original(bulletin_id)
    return explain_untrusted(original.data, original.filename, [page])[0][1]


def show_picked(
    picked: tuple[int, str] | None,
    rows: pd.DataFrame,
    table,
    period: str,
    channel: str,
    measure: str | None = None,
) -> None:
    """The source of the cell picked in `table` (ui.tables.show with select=True), whose rows
    are `rows` in order (with unit and group); `measure` is what a 'value' column holds."""
    if picked is None:
        st.caption("点选表中的数字，可查看它在通报原文中的位置。")
        return
    position, heading = picked
    row = rows.iloc[position]
    field = table.sources.get(heading)
    field = measure if field == "value" else field
    with st.container(border=True, key="picked-source"):
        show_row(period, channel, row["unit"], row["group"], field if field in FIGURE else None)


def show_compared(
    picked: tuple[int, str] | None,
    side_by_side: pd.DataFrame,
    names: dict[str, str],
    evaluations: pd.DataFrame,
    period: str,
    channel: str,
) -> None:
    """The source of a cell picked in 单位对比's month table (one column per unit, one row per
    item, lib.analysis.comparison.side_by_side)."""
    unit_of = {name: unit_id for unit_id, name in names.items()}
    if picked is None or picked[1] not in unit_of:
        st.caption("点选表中某单位的数字，可查看它在通报原文中的位置。")
        return
    item = side_by_side.iloc[picked[0]]["项目"]
    field = next((f.name for f in FIGURES if f.label(channel) == item), None)
    rows = evaluations[
        (evaluations["period"] == period)
        & (evaluations["channel"] == channel)
        & (evaluations["unit_id"] == unit_of[picked[1]])
    ]
    if rows.empty:
        st.caption("该单位本月未列入评价表。")
        return
    with st.container(border=True, key="picked-source"):
        show_row(period, channel, rows.iloc[0]["unit"], rows.iloc[0]["group"], field)
