"""The 月度报告 page's parts and the 排名 page's print download: the report built once per data
version and month, its downloads (Word, the print sheet) and its preview, which is
lib.papers.html's escaped HTML — no parsed text reaches Markdown or HTML any other way."""

from __future__ import annotations

from functools import partial

import streamlit as st

from lib.labels import month_label
from lib.papers.content import Frames, Report, build_report, group_rankings
from lib.papers.docx import report_docx
from lib.papers.html import SHEET_STYLE, report_file, report_html
from lib.papers.lists import lists_file
from lib.store import Store
from ui.state import versioned

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"


@versioned
def report(store: Store, month: str) -> Report:
    return build_report(Frames.from_store(store), month)


@versioned
def months(store: Store) -> list[str]:
    return Frames.from_store(store).months()


def downloads(chosen: Report) -> None:
    name = f"月度分析报告_{month_label(chosen.month)}"
    with st.container(horizontal=True):
        st.download_button(
            "下载 Word（.docx）",
            partial(report_docx, chosen),
            file_name=f"{name}.docx",
            mime=DOCX,
            on_click="ignore",
            icon=":material/download:",
            key="report-docx",
            type="primary",
        )
        st.download_button(
            "下载打印版（A4）",
            partial(lambda r: report_file(r).encode(), chosen),
            file_name=f"{name}_打印版.html",
            mime=HTML,
            on_click="ignore",
            icon=":material/print:",
            key="report-print",
            help="用浏览器打开后打印（Ctrl+P），纸张 A4，带页码。",
        )


def preview(chosen: Report) -> None:
    st.html(SHEET_STYLE)
    with st.container(border=True):
        st.html(report_html(chosen))


def print_lists(evaluations, month: str, channel: str, group: str | None) -> None:
    """'打印本页表格': the month's ranking sheets of the channel (of one group when given)."""

    def build() -> bytes:
        groups = [
            g
            for g in group_rankings(evaluations, month)
            if g.channel == channel and group in (None, g.group)
        ]
        return lists_file(month, groups).encode()

    st.download_button(
        "打印本页表格",
        build,
        file_name=f"排名与红黑榜_{month_label(month)}.html",
        mime=HTML,
        on_click="ignore",
        icon=":material/print:",
        key="rankings-print",
        help="A4 横向，每个分组一页，按综合指标值排名，标出红榜与黑榜；用浏览器打开后打印。",
    )
