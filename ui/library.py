"""The library: every stored bulletin, its original file, deleting one, removing the demo data."""

from __future__ import annotations

from functools import partial

import streamlit as st

from lib.labels import month_label, time_label
from lib.reports import LIBRARY_COLUMNS, library_frame
from lib.store import BulletinInfo
from ui import access, state

_CONFIRM = "library.confirm-delete"
FILE_NAME_PX = 150
"""A long file name is cut with … (whole on hover), so the list fits a tablet."""


def view(library: list[BulletinInfo]) -> None:
    if not library:
        st.info("通报库还是空的：在上方上传通报文件，检查解析结果后保存。", icon=":material/inbox:")
        return
    with st.container(key="library-table"):
        st.dataframe(
            library_frame(library),
            hide_index=True,
            column_order=LIBRARY_COLUMNS[:-2],
            column_config={"文件名": st.column_config.TextColumn(width=FILE_NAME_PX)},
        )
    st.page_link(
        "views/quality.py", label="逐项核实核对结果与解析警告", icon=":material/fact_check:"
    )
    if access.can_edit():
        _demo_removal(library)
    by_id = {info.id: info for info in library}
    with st.container(horizontal=True, vertical_alignment="bottom"):
        chosen = st.selectbox(
            "选择一期通报",
            list(by_id),
            key="library-chosen",
            width=360,
            format_func=lambda i: f"{month_label(by_id[i].period)} · {by_id[i].filename}",
        )
        if chosen is not None:
            _actions(by_id[chosen])
    if chosen is not None:
        info = by_id[chosen]
        demo = "；随应用附带的演示数据" if info.is_demo else ""
        st.caption(f"导入于 {time_label(info.imported_at)}{demo}。")
    if chosen is not None and access.can_edit():
        _confirm_delete(by_id[chosen])


def _demo_removal(library: list[BulletinInfo]) -> None:
    demo = [info for info in library if info.is_demo]
    if not demo:
        return
    months = "、".join(month_label(info.period) for info in demo)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(f"库中有演示数据（{months}），是随应用附带的两期样例通报。")
        if st.button("删除全部演示数据", icon=":material/delete_sweep:"):
            access.editing_store().delete_demo()
            st.rerun()


def _original_bytes(bulletin_id: int) -> bytes:
    """Read only when the user clicks download, not on every run."""
    return state.store().original(bulletin_id).data


def _actions(info: BulletinInfo) -> None:
    st.download_button(
        "下载原文件",
        partial(_original_bytes, info.id),
        file_name=info.filename,
        icon=":material/download:",
        on_click="ignore",
        key=f"download-{info.id}",
    )
    if access.can_edit() and st.button(
        f"删除{month_label(info.period)}通报", icon=":material/delete:", key=f"delete-{info.id}"
    ):
        st.session_state[_CONFIRM] = info.id


def _confirm_delete(info: BulletinInfo) -> None:
    """Deleting takes a second click; the message says what goes."""
    if st.session_state.get(_CONFIRM) != info.id:
        return
    month = month_label(info.period)
    st.error(
        f"确认删除 {month} 的通报及其全部数据？此操作不能撤销；原文件如需保留，请先下载。",
        icon=":material/delete_forever:",
    )
    with st.container(horizontal=True):
        confirmed = st.button(f"确认删除{month}", type="primary", key=f"confirm-{info.id}")
        cancelled = st.button("取消", key=f"cancel-{info.id}")
    if confirmed:
        access.editing_store().delete_bulletin(info.id)
    if confirmed or cancelled:
        st.session_state.pop(_CONFIRM)
        st.rerun()
