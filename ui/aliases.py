"""The alias table on screen, and the editor's two forms: put a printed name under a unit,
or make an alias its own unit again. Every write goes through access.editing_store()."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.units import normalise_name
from ui import access
from ui.safe import inert

MAX_NAME = 60
_DONE = "aliases.done"


def table(aliases: pd.DataFrame) -> None:
    shown = pd.DataFrame(
        {
            "通报中的名称": aliases["alias"],
            "归入单位": aliases["unit_id"],
            "来源": aliases["edited"].map({True: "编辑修改", False: "默认别名表"}),
        }
    )
    with st.container(key="aliases-table"):
        st.dataframe(shown, hide_index=True)


def editor(units: pd.DataFrame, aliases: pd.DataFrame) -> None:
    """The last edit's outcome, then the add and remove forms side by side."""
    if st.session_state.get(_DONE):
        st.success(st.session_state.pop(_DONE), icon=":material/check_circle:")
    add, remove = st.columns(2, gap="large")
    with add:
        _add_form(sorted(units["unit_id"]))
    with remove:
        _remove_form(sorted(aliases.loc[aliases["alias"] != aliases["unit_id"], "alias"]))


def _add_form(unit_ids: list[str]) -> None:
    with st.form("alias-add"):
        st.markdown("**添加或修改别名**")
        alias = st.text_input(
            "通报中印的名称",
            max_chars=MAX_NAME,
            key="alias-name",
            placeholder="如 岳阳经济技术开发区",
        )
        unit = st.selectbox(
            "归入单位", unit_ids, index=None, key="alias-unit", placeholder="选择单位"
        )
        submitted = st.form_submit_button("保存别名", type="primary")
    if not submitted:
        return
    name = normalise_name(alias or "")
    if not name or unit is None:
        st.error("请填写名称并选择单位。", icon=":material/error:")
    elif name == unit:
        st.error("名称与单位相同，无需设置别名。", icon=":material/error:")
    else:
        rows = access.editing_store().set_alias(name, unit)
        _done(f"已把“{inert(name)}”归入“{inert(unit)}”，{rows} 行已存数据随之改归该单位。")


def _remove_form(aliases: list[str]) -> None:
    with st.form("alias-remove"):
        st.markdown("**取消别名**")
        alias = st.selectbox(
            "别名", aliases, index=None, key="alias-remove-name", placeholder="选择要取消的别名"
        )
        submitted = st.form_submit_button("取消别名")
    if not submitted:
        return
    if alias is None:
        st.error("请选择要取消的别名。", icon=":material/error:")
    else:
        rows = access.editing_store().remove_alias(alias)
        _done(f"“{inert(alias)}”已恢复为独立单位，{rows} 行已存数据随之改归它。")


def _done(message: str) -> None:
    st.session_state[_DONE] = message
    st.rerun()
