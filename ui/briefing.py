"""The 接听日简报 page's parts: the library cached per data version, the briefing drawn with
Streamlit's own elements, the print sheet, and the downloads.

Parsed text (unit names, details, passages) reaches Markdown only through inert(); tables go
to st.dataframe; the print sheet is lib.briefing.html's escaped HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from lib.analysis import metrics
from lib.analysis.display import SAME
from lib.briefing import text
from lib.briefing.batch import briefings_zip, zip_name
from lib.briefing.chart import chart_spec, score_chart, spec_png
from lib.briefing.content import Briefing, Library, Standing, Visit
from lib.briefing.docx import briefing_docx
from lib.briefing.html import PRINT_STYLE, SHEET_CLASS, STYLE, briefing_html
from lib.briefing.tables import SECTIONS, adjustment_rows, headline_rows, indicator_rows
from lib.labels import CHANNELS, month_label
from lib.store import Store
from ui.safe import inert
from ui.state import versioned

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CARD_MIN_PX = 340
"""The channels' cards side by side while each is this wide: three figures fit uncut."""
INDICATORS_MIN_PX = 500
"""A channel's indicator table beside the other's while it has this width: its four columns."""
SCREEN_CHART_PX = 460
"""The score chart's plot width on screen, narrower than on paper so it fits a tablet."""


@versioned
def library(store: Store) -> Library:
    return Library.from_store(store)


@st.cache_data(show_spinner=False, max_entries=64)
def _png(spec: str) -> bytes:
    return spec_png(spec)


def chart_png(briefing: Briefing) -> bytes:
    return _png(chart_spec(briefing))


def unit_label(library: Library) -> Callable[[str], str]:
    """'岳阳经开区（经开区、岳阳经济技术开发区）': the id and its aliases, so that typing any
    name in the select box finds the unit."""
    index = library.index()

    def label(unit_id: str) -> str:
        others = [n for n in index.names_of(unit_id) if n != unit_id]
        return f"{unit_id}（{'、'.join(others)}）" if others else unit_id

    return label


def downloads(briefing: Briefing) -> None:
    st.download_button(
        "下载 Word（.docx）",
        partial(_docx, briefing),
        file_name=text.file_name(briefing),
        mime=DOCX,
        on_click="ignore",
        icon=":material/download:",
        key="briefing-docx",
        type="primary",
    )


def _docx(briefing: Briefing) -> bytes:
    return briefing_docx(briefing, chart_png(briefing))


def batch(library: Library, month: str, visit: Visit, label: Callable[[str], str]) -> None:
    with st.expander("批量生成：多个单位的简报打包为 .zip"):
        units = st.multiselect(
            "单位",
            library.unit_ids(),
            format_func=label,
            key="briefing-batch-units",
            placeholder="选择单位",
        )
        if units:
            st.download_button(
                f"下载 {len(units)} 份简报（.zip）",
                partial(briefings_zip, library, units, month, visit),
                file_name=zip_name(month, len(units)),
                mime="application/zip",
                on_click="ignore",
                icon=":material/folder_zip:",
                key="briefing-zip",
            )


SHEET_FIT = f"""<style>
.st-key-briefing-sheet {{ container-type: inline-size; }}
@media screen {{
  @container (max-width: 800px) {{ .{SHEET_CLASS} {{ zoom: .9; }} }}
  @container (max-width: 720px) {{ .{SHEET_CLASS} {{ zoom: .8; }} }}
  @container (max-width: 640px) {{ .{SHEET_CLASS} {{ zoom: .7; }} }}
  @container (max-width: 560px) {{ .{SHEET_CLASS} {{ zoom: .6; }} }}
}}
</style>"""
"""On a tablet the A4 sheet (210 mm, 794 px) is shown smaller, whole, never cut or scrolled;
printing is unchanged."""


def print_sheet(briefing: Briefing) -> None:
    """The A4 sheet, with the styles that hide everything else when printing."""
    st.html(STYLE)
    st.html(PRINT_STYLE)
    st.html(SHEET_FIT)
    with st.container(key="briefing-sheet"):
        st.html(briefing_html(briefing, chart_png(briefing)))


def show(briefing: Briefing) -> None:
    """The briefing on screen, part by part, in the order of the paper."""
    st.subheader(inert(text.subtitle(briefing)), divider="red")
    meta = "　".join(
        p
        for p in (
            text.visit(briefing.visit),
            text.aliases(briefing),
            "资料来源：" + text.source(briefing),
        )
        if p
    )
    st.caption(inert(meta))
    for number, (key, part) in enumerate(_PARTS.items(), start=1):
        st.markdown(f"#### {'一二三四五六七八九十'[number - 1]}、{SECTIONS[key]}")
        part(briefing)


def _standing(briefing: Briefing) -> None:
    _, rows = headline_rows(briefing)
    cards = st.grid(len(briefing.headlines), min_column_width=CARD_MIN_PX, border=True)
    for headline, row in zip(briefing.headlines, rows, strict=True):
        column = cards.cell()
        now = headline.current
        column.markdown(f"**{CHANNELS[headline.channel]}**")
        if now is None:
            column.caption(inert(text.no_row(headline.channel)))
            continue
        before = headline.previous
        score, grade, rank = column.columns(3)
        _metric(score, "综合指标值", row[1], _delta(now, before))
        grade.metric(
            "等级",
            row[2],
            f"上期 {before.grade}" if before else None,
            delta_color="off",
            delta_arrow="off",
        )
        _metric(rank, "名次", f"{now.rank}/{now.of}", _rank_delta(now, before))
        since = f"；变化较{month_label(headline.previous_month)}" if before else ""
        column.caption(inert(f"排名范围：{row[4]}{since}"))
    st.altair_chart(score_chart(briefing, SCREEN_CHART_PX), width="content")
    st.caption("等级走势：" + inert(text.grade_history(briefing)))


def _metric(column, label: str, value: str, delta: str | None) -> None:
    """A figure with its change, '持平' shown without an arrow or a colour."""
    same = delta == SAME
    column.metric(
        label,
        value,
        delta,
        delta_color="off" if same else "normal",
        delta_arrow="off" if same else "auto",
    )


def _delta(now: Standing, before: Standing | None) -> str | None:
    if before is None:
        return None
    change = now.score - before.score
    same = round(change, metrics.score_decimals(now.channel)) == 0
    return SAME if same else text.signed_score(change, now.channel)


def _rank_delta(now: Standing, before: Standing | None) -> str | None:
    moved = now.moved_since(before)
    if moved is None:
        return None
    return SAME if moved == 0 else f"{moved:+d} 位"


def _indicators(briefing: Briefing) -> None:
    """Hotline and mailbox each in a table of four columns, side by side on a wide page and
    one above the other on a tablet (paper has them in one table of seven)."""
    header, rows, _ = indicator_rows(briefing)
    if not rows:
        st.caption(text.NOT_LISTED)
        return
    halves = st.grid(2, min_column_width=INDICATORS_MIN_PX, gap="medium")
    for n, (channel, word) in enumerate(CHANNELS.items()):
        first = 1 + 3 * n
        columns = [header[0], "本单位（%）", *header[first + 1 : first + 3]]
        with halves.cell():
            st.markdown(f"**{word}**")
            frame = pd.DataFrame([[r[0], *r[first : first + 3]] for r in rows], columns=columns)
            st.dataframe(frame, hide_index=True, key=f"briefing-indicators-{channel}")
    st.caption(text.INDICATORS_NOTE)


def _whatif(briefing: Briefing) -> None:
    if not briefing.targets:
        st.markdown(text.NO_TARGETS)
        return
    for target in briefing.targets:
        lines = "\n".join(f"- {inert(text.lever(lever))}" for lever in target.levers)
        st.markdown(f"**{inert(text.target(target))}**\n{lines}")
    st.caption(text.WHATIF_NOTE)


def _adjustments(briefing: Briefing) -> None:
    """One line per item, its 明细 as running text: the browser keeps a work-order number
    whole and no line opens with a comma, which a table cell's wrapping did not."""
    _, rows = adjustment_rows(briefing)
    if not rows:
        st.markdown(text.NO_ADJUSTMENTS)
        return
    with st.container(key="briefing-adjustments"):
        for month, kind, points, indicator, detail in rows:
            st.markdown(f"**{month} · {kind} {points} · {inert(indicator)}**：{inert(detail)}")


def _mentions(briefing: Briefing) -> None:
    if not briefing.mentions:
        st.markdown(text.NO_MENTIONS)
    for mention in briefing.mentions:
        st.markdown(f"**{inert(text.mention_label(mention))}**：{inert(mention.excerpt)}")


def _reception(briefing: Briefing) -> None:
    if not briefing.reception_days:
        st.markdown(text.NO_RECEPTION)
    for day in briefing.reception_days:
        st.markdown(inert(text.reception(day)))


def _categories(briefing: Briefing) -> None:
    st.markdown(
        f"**{month_label(briefing.month)}**：" + inert(text.categories(briefing) or "通报未列出。")
    )
    st.caption(text.NO_OWN_CATEGORIES)


_PARTS = {
    "standing": _standing,
    "indicators": _indicators,
    "whatif": _whatif,
    "adjustments": _adjustments,
    "mentions": _mentions,
    "reception": _reception,
    "categories": _categories,
}
