"""A chart of lib.charts on screen. Streamlit's chart toolbar saves it as PNG; the 下载图片（SVG）
button renders the same spec with vl-convert, only when clicked."""

from __future__ import annotations

from functools import partial

import altair as alt
import streamlit as st
import vl_convert

EXPORT_WIDTH = 900


def show(chart: alt.TopLevelMixin, name: str) -> None:
    """The chart across the page's width, then its SVG button (`name` names the file)."""
    st.altair_chart(chart, width="stretch")
    st.download_button(
        "下载图片（SVG）",
        partial(svg_bytes, chart),
        file_name=f"{name}.svg",
        mime="image/svg+xml",
        icon=":material/image:",
        on_click="ignore",
        key=f"svg-{name}",
        type="tertiary",
    )


def svg_bytes(chart: alt.TopLevelMixin) -> bytes:
    """The chart as SVG, EXPORT_WIDTH wide where the page would have stretched it."""
    spec = chart.to_dict()
    spec.setdefault("width", EXPORT_WIDTH)
    return vl_convert.vegalite_to_svg(spec).encode()
