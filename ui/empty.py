"""Helpful empty states: say what is missing and link to the upload page, then stop the page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.filters import Filters

UPLOAD_PAGE = "views/upload.py"


def stop_without_library(chosen: Filters) -> None:
    """Stop the page with a way forward when no bulletin is stored yet."""
    if chosen.end is None:
        _guide("通报库还是空的：上传每月的工作通报后，这里会显示分析结果。")


def stop_without_rows(rows: pd.DataFrame, message: str) -> None:
    """Stop the page with `message` (built from labels and numbers) when `rows` is empty."""
    if rows.empty:
        _guide(message)


def _guide(message: str) -> None:
    st.info(message, icon=":material/info:")
    st.page_link(UPLOAD_PAGE, label="去上传通报", icon=":material/upload_file:")
    st.stop()
