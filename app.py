"""热线通报分析台: the entry script. It routes to the pages and draws the shared sidebar."""

from pathlib import Path

import streamlit as st

from lib.labels import span_label
from ui import access, filters, overrides, review, safe, state

FAVICON = Path(__file__).parent / "assets" / "favicon.png"
"""Served by the app itself: a Material icon as favicon would load from fonts.gstatic.com."""

st.set_page_config(page_title="热线通报分析台", page_icon=str(FAVICON), layout="wide")

PAGES = {
    "分析": [
        st.Page(
            "views/overview.py",
            title="总览",
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        ),
        st.Page(
            "views/rankings.py", title="排名", icon=":material/leaderboard:", url_path="rankings"
        ),
        st.Page(
            "views/grades.py",
            title="等级分布",
            icon=":material/stacked_bar_chart:",
            url_path="grades",
        ),
        st.Page(
            "views/compare.py",
            title="单位对比",
            icon=":material/compare_arrows:",
            url_path="compare",
        ),
        st.Page("views/trends.py", title="趋势", icon=":material/trending_up:", url_path="trends"),
        st.Page(
            "views/dossier.py",
            title="单位档案",
            icon=":material/folder_shared:",
            url_path="dossier",
        ),
        st.Page(
            "views/ledger.py", title="加扣分", icon=":material/receipt_long:", url_path="ledger"
        ),
        st.Page(
            "views/alerts.py",
            title="预警",
            icon=":material/notifications_active:",
            url_path="alerts",
        ),
        st.Page(
            "views/explore.py", title="自助分析", icon=":material/insights:", url_path="explore"
        ),
        st.Page(
            "views/briefing.py",
            title="接听日简报",
            icon=":material/description:",
            url_path="briefing",
        ),
        st.Page(
            "views/report.py", title="月度报告", icon=":material/summarize:", url_path="report"
        ),
    ],
    "数据": [
        st.Page(
            "views/upload.py", title="上传与管理", icon=":material/upload_file:", url_path="upload"
        ),
        st.Page(
            "views/quality.py", title="数据质量", icon=":material/fact_check:", url_path="quality"
        ),
        st.Page("views/units.py", title="单位与别名", icon=":material/badge:", url_path="units"),
    ],
}


def sidebar() -> None:
    st.sidebar.subheader("热线通报分析台")
    months = state.months()
    demo = any(info.is_demo for info in state.library())
    span = f"已载入 {span_label(months)}" if months else "通报库还是空的"
    st.sidebar.caption(span + ("（含演示数据）" if demo else ""))
    filters.sidebar(months)
    review.sidebar()
    access.sidebar()


page = st.navigation(PAGES, expanded=True)
overrides.apply()
with safe.guarded():
    sidebar()
    page.run()
