"""The 单位档案 page's parts: the unit directory with its search, and one unit's dossier drawn
with Streamlit's own elements, with its Word and Excel downloads.

Parsed text (names, details, passages) reaches Markdown only through inert(); tables go to
st.dataframe.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from lib import charts
from lib.analysis.display import Table, table_text
from lib.analysis.spans import Span, missing_text
from lib.briefing import text
from lib.dossier import tables
from lib.dossier.content import Dossier, build_dossier
from lib.dossier.directory import matching, unit_directory
from lib.dossier.docx import dossier_docx
from lib.export import to_xlsx_bytes
from lib.labels import CHANNELS, month_label
from lib.store import Store
from ui import briefing, frames, plots
from ui import tables as shown
from ui.downloads import offer as downloads_of
from ui.links import DOSSIER_TEXT, dossier_url
from ui.safe import inert
from ui.state import versioned

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOTALS_MIN_PX = 280
"""The two channels' totals side by side while each column has this width."""


@versioned
def directory(store: Store) -> pd.DataFrame:
    return unit_directory(frames.frame("evaluations"), frames.frame("aliases"))


@versioned
def dossier(store: Store, unit_id: str, kind: str, start: str, end: str) -> Dossier:
    """build_dossier over the briefing's cached library, once per unit, period and data
    version (the period as its kind and months: Span's fields)."""
    return build_dossier(briefing.library(), unit_id, Span(kind, start, end))


def directory_table(units: pd.DataFrame) -> None:
    """Every unit, searchable by any of its names, each a link to its dossier."""
    words = st.text_input(
        "搜索单位（名称、简称或别名）",
        key="dossier-search",
        placeholder="如“经开区”“城管”",
    )
    found = matching(units, words)
    st.caption(f"共 {len(units)} 个单位" + (f"，符合条件 {len(found)} 个" if words.strip() else ""))
    frame = pd.DataFrame(
        {
            "单位": [dossier_url(u) for u in found["unit_id"]],
            "分组": found["group"],
            "热线综合指标值": found["hotline_score"],
            "热线等级": found["hotline_grade"],
            "走势": found["trend"],
            "市长信箱综合指标值": found["mailbox_score"],
            "信箱等级": found["mailbox_grade"],
            "列入月数": found["months"],
            "最近月份": found["last"].map(month_label),
            "其他名称": found["names"],
        }
    )
    config = {
        "单位": st.column_config.LinkColumn("单位", display_text=DOSSIER_TEXT, pinned=True),
        "热线综合指标值": st.column_config.NumberColumn(format="%.1f"),
        "市长信箱综合指标值": st.column_config.NumberColumn(format="%.2f"),
        "走势": st.column_config.LineChartColumn("热线走势", width="small"),
        "其他名称": st.column_config.TextColumn(width="medium"),
    }
    with st.container(key="table-dossier-directory"):
        st.dataframe(
            frame,
            hide_index=True,
            column_config=config,
            placeholder=shown.MISSING,
            key="dossier-directory",
        )
    st.caption(
        "综合指标值与等级为各单位最近一次列入评价表的月份；走势为最近 24 个月的热线综合指标值。"
    )


def header(dossier: Dossier) -> None:
    others = [n for n in dossier.names if n != dossier.unit_id]
    parts = [dossier.span.label, f"库中 {len(dossier.stored)} 个月"]
    if dossier.missing:
        parts.append(missing_text(dossier.missing) + "（库中没有这些月份的通报，未计入）")
    if others:
        parts.append("也称：" + "、".join(others))
    st.caption(inert(" · ".join(parts)))


def totals(dossier: Dossier) -> None:
    """Each channel's totals as a column of items, the two channels side by side (one above
    the other on a narrow page); the downloads are the tables as the workbook has them."""
    st.subheader("期间合计")
    listed = [(ch, w) for ch, w in CHANNELS.items() if (dossier.totals["channel"] == ch).any()]
    if not listed:
        st.caption("所选期间未列入评价表。")
    grid = st.grid(len(listed) or 1, min_column_width=TOTALS_MIN_PX, gap="medium")
    for channel, word in listed:
        table = tables.totals_table(dossier, channel)
        header, rows = table_text(table)
        items = pd.DataFrame({"项目": header[2:], word: rows[0][2:]})
        with grid.cell():
            st.dataframe(
                items,
                hide_index=True,
                height=shown.ROW_PX * (len(items) + 1) + 3,
                key=f"dossier-totals-{channel}",
            )
            downloads_of(table, f"dossier-totals-{channel}", f"期间合计-{word}")
    for note in tables.totals_notes(dossier)[1:]:
        st.caption(note)


def score_chart(dossier: Dossier) -> None:
    history = dossier.history
    if history["period"].nunique() < 2:
        return
    lines = pd.DataFrame(
        {
            "period": history["period"],
            "name": history["channel"].map(CHANNELS),
            "value": history["score"],
            "grade": history["grade"],
        }
    )
    st.subheader("综合指标值走势")
    plots.show(
        charts.lines(lines, "综合指标值", 2, series_title="渠道"),
        f"综合指标值走势-{dossier.unit_id}",
    )


def history(dossier: Dossier) -> None:
    st.subheader("逐月评价")
    listed = [(ch, w) for ch, w in CHANNELS.items() if (dossier.history["channel"] == ch).any()]
    if not listed:
        st.caption("所选期间未列入评价表。")
        return
    for tab, (channel, word) in zip(st.tabs([w for _, w in listed]), listed, strict=True):
        with tab:
            table = tables.history_table(dossier, channel)
            same = [c for c in ("分组", "印刷名称") if table.frame[c].nunique() == 1]
            shown.show(
                Table(table.frame.drop(columns=same), table.formats),
                f"dossier-history-{channel}",
                f"逐月评价-{word}",
            )


def adjustments(dossier: Dossier) -> None:
    st.subheader("加扣分")
    shown.show(
        tables.adjustments_table(dossier),
        "dossier-adjustments",
        "加扣分",
        wrap={"明细": "large", "指标名称": 120},
    )


def mentions(dossier: Dossier) -> None:
    """Every passage naming the unit, one row each (a year of months can hold hundreds): the
    clauses that name it, the rest cut to '……'."""
    st.subheader("通报点名")
    if not dossier.mentions:
        st.caption("所选期间的通报正文未点名本单位。")
        return
    shown.show(
        tables.mentions_table(dossier),
        "dossier-mentions",
        "通报点名",
        wrap={"原文摘录": "large", "栏目": 110},
    )


def reception(dossier: Dossier) -> None:
    st.subheader("领导接听日")
    if not dossier.reception_days:
        st.caption("所选期间的通报中未见本单位参加领导接听日的记录。")
    for day in dossier.reception_days:
        st.markdown(inert(text.reception(day)))


def indicators(dossier: Dossier) -> None:
    st.subheader("指标与组中位数（期间）")
    table = tables.indicators_table(dossier)
    shown.show(table, "dossier-indicators", "指标与组中位数")
    if not table.empty:
        st.caption(text.INDICATORS_NOTE)


def targets(dossier: Dossier) -> None:
    heading = f"提升空间（{month_label(dossier.latest)}测算）" if dossier.latest else "提升空间"
    st.subheader(heading)
    if not dossier.targets:
        st.caption(text.NO_TARGETS)
        return
    for target in dossier.targets:
        levers = "；".join(text.lever(lv) for lv in target.levers)
        st.markdown(f"**{inert(text.target(target))}**：{inert(levers)}。")
    st.caption(text.WHATIF_NOTE)


def downloads(dossier: Dossier) -> None:
    name = f"单位档案_{dossier.unit_id}_{dossier.span.key}"
    with st.container(horizontal=True, gap="medium"):
        st.download_button(
            "下载 Word（.docx）",
            partial(dossier_docx, dossier),
            file_name=f"{name}.docx",
            mime=DOCX,
            on_click="ignore",
            icon=":material/download:",
            key="dossier-docx",
            type="primary",
        )
        st.download_button(
            "下载 Excel（每部分一页）",
            partial(_xlsx, dossier),
            file_name=f"{name}.xlsx",
            mime=XLSX,
            on_click="ignore",
            icon=":material/download:",
            key="dossier-xlsx",
        )


def _xlsx(dossier: Dossier) -> bytes:
    return to_xlsx_bytes(tables.sheets(dossier), tables.choices(dossier))


def show(dossier: Dossier) -> None:
    """The whole dossier, part after part."""
    header(dossier)
    downloads(dossier)
    totals(dossier)
    score_chart(dossier)
    history(dossier)
    adjustments(dossier)
    mentions(dossier)
    reception(dossier)
    indicators(dossier)
    targets(dossier)
