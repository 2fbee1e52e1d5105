"""The 自助分析 page's controls: the choices that make a chart, a saved view opened from its
link, saving the chart under a name, and the list of saved views.

Every choice is bound to the URL (like the sidebar's filters), so the address bar is always a
link to the chart on screen: anyone can share a chart without writing anything. Saving under a
name is a write to the store and goes through `access.editing_store()` like every other edit.
A saved view's link is `explore?view=<id>` plus its channel and period; opening it puts the
view's choices into the controls once, after which the user may change them freely (the
`view` parameter is then dropped, as the chart is no longer the saved one).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

import streamlit as st

from lib.analysis.explore import (
    AGGREGATIONS,
    CHARTS,
    MAX_NAME,
    SOURCES,
    Spec,
    aggregations,
    saved_table,
    view_name,
)
from lib.errors import ViewError, ViewNotFound
from lib.labels import field_label
from ui import access, frames, links
from ui.filters import Filters
from ui.safe import inert, show_error

VIEW = "view"
KEYS = {
    "source": "ex_source",
    "measure": "ex_measure",
    "aggregation": "ex_agg",
    "dimension": "ex_by",
    "split": "ex_split",
    "chart": "ex_chart",
}
"""Spec field → the control's key, which is also its URL parameter."""
NO_SPLIT = "不分色"
_APPLIED = "explore.applied"
_DEFAULT = Spec()


@dataclass(frozen=True)
class Opened:
    """The saved view the URL names."""

    view_id: int
    name: str
    spec: Spec


def open_saved() -> Opened | None:
    """The view `?view=<id>` names, its choices put into the controls the first time this
    session opens it; None without one. A view deleted or outdated is one line, no more."""
    raw = st.query_params.get(VIEW)
    if raw is None:
        return None
    try:
        opened = _load(raw)
    except ViewError as error:
        show_error(error)
        del st.query_params[VIEW]
        return None
    if st.session_state.get(_APPLIED) != raw:
        for field, key in KEYS.items():
            st.session_state[key] = getattr(opened.spec, field)
        st.session_state[_APPLIED] = raw
    return opened


def _load(raw: str) -> Opened:
    rows = frames.frame("saved_views", id=int(raw)) if raw.isdigit() else None
    if rows is None or rows.empty:
        raise ViewNotFound()
    row = rows.iloc[0]
    return Opened(int(row["id"]), str(row["name"]), Spec.from_json(row["spec"]))


def choose(chosen: Filters) -> Spec:
    """Draw the controls in a row; the spec they make, under the sidebar's channel and period."""
    with st.container(horizontal=True, gap="small", key="explore-controls"):
        source = _select("数据表", list(SOURCES), "source", lambda s: SOURCES[s].title)
        offered = SOURCES[source]
        measure = _select(
            "指标", offered.measures, "measure", lambda m: field_label(m, chosen.channel)
        )
        aggregation = _select("汇总方式", aggregations(measure), "aggregation", AGGREGATIONS.get)
        dimension = _select("维度", offered.dimensions, "dimension", field_label)
        others = [None, *(d for d in offered.dimensions if d != dimension)]
        split = _select("分色", others, "split", lambda d: field_label(d) if d else NO_SPLIT)
        chart = _select("图表", list(CHARTS), "chart", CHARTS.get)
    return Spec(
        source,
        measure,
        aggregation,
        dimension,
        split,
        chart,
        chosen.channel,
        chosen.start,
        chosen.end,
    )


def _select(label: str, options, field: str, format_func):
    """A select box bound to the URL, on the default spec's choice when that is offered. A
    choice the options no longer hold (another table was picked) falls back to it."""
    key, options = KEYS[field], list(options)
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    default = getattr(_DEFAULT, field)
    index = options.index(default) if default in options and key not in st.session_state else 0
    return st.selectbox(
        label, options, index=index, format_func=format_func, key=key, bind="query-params"
    )


def forget_if_changed(opened: Opened | None, spec: Spec) -> Opened | None:
    """The opened view while the chart is still the saved one; once changed, the link in the
    address bar no longer names it."""
    if opened is None or opened.spec == spec:
        return opened
    del st.query_params[VIEW]
    st.session_state.pop(_APPLIED, None)
    return None


def save_and_share(spec: Spec, opened: Opened | None) -> None:
    """The saved view's link when one is open; for an editor, a name to save the chart under."""
    if opened is not None:
        st.caption(f"当前图表是已保存的视图“{inert(opened.name)}”，链接：")
        _link(opened.view_id, spec)
    if not access.can_edit():
        access.viewer_note("保存视图")
        st.caption("不保存也能分享：浏览器地址栏中的网址已包含当前的全部选择。")
        return
    with (
        st.form("explore-save", border=False, clear_on_submit=True),
        st.container(horizontal=True, vertical_alignment="bottom", gap="small"),
    ):
        name = st.text_input(
            "视图名称", max_chars=MAX_NAME, placeholder="如：各分组综合指标值", key="ex-name"
        )
        submitted = st.form_submit_button("保存视图", icon=":material/bookmark_add:")
    if submitted:
        _save(spec, name)


def _save(spec: Spec, typed: str) -> None:
    try:
        view_id = access.editing_store().save_view(view_name(typed), spec.to_json())
    except ViewError as error:
        show_error(error)
        return
    st.session_state[_APPLIED] = str(view_id)
    st.query_params[VIEW] = str(view_id)
    st.rerun()


def _link(view_id: int, spec: Spec) -> None:
    """The link as text to copy: absolute when the browser told us where the app is, its
    Chinese shown as such (browsers encode it again when it is opened)."""
    relative = links.view_url(view_id, Filters(spec.channel, spec.start, spec.end))
    here = st.context.url
    link = f"{here.rsplit('/', 1)[0]}/{relative}" if here else relative
    st.code(unquote(link), language=None, wrap_lines=True)


def saved_list() -> None:
    """Every saved view with its link; an editor may delete one."""
    views = frames.frame("saved_views")
    if views.empty:
        st.caption("还没有保存的视图。")
        return
    table = saved_table(views)
    table["链接"] = [
        links.view_url(int(view_id), _filters(spec))
        for view_id, spec in zip(views["id"], views["spec"], strict=True)
    ]
    st.dataframe(
        table,
        hide_index=True,
        column_order=["名称", "链接", "保存时间", "内容"],
        column_config={"链接": st.column_config.LinkColumn("链接", display_text="打开 →")},
        key="explore-saved",
    )
    if access.can_edit():
        _delete(dict(zip(views["id"].astype(int), views["name"], strict=True)))


def _filters(text: str) -> Filters:
    try:
        spec = Spec.from_json(text)
    except ViewError:
        return Filters()
    return Filters(spec.channel, spec.start, spec.end)


def _delete(names: dict[int, str]) -> None:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        view_id = st.selectbox(
            "删除视图",
            list(names),
            format_func=names.get,
            index=None,
            placeholder="选择视图",
            key="explore-delete",
        )
        clicked = st.button(
            "删除", icon=":material/delete:", disabled=view_id is None, key="explore-delete-button"
        )
    if clicked and view_id is not None:
        access.editing_store().delete_view(view_id)
        if st.query_params.get(VIEW) == str(view_id):
            del st.query_params[VIEW]
        st.rerun()
