"""The briefing as a Word document: A4, one page where the data allow, editable by the staff,
in the house style of lib/wordfile.py; the only colour is the red rule under the title and the
chart's two lines.

Lists that could run long are capped (MAX_ADJUSTMENTS, MAX_MENTIONS) with a line saying how
many more the app holds, so the document stays within two pages.
"""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from lib import wordfile
from lib.briefing import text
from lib.briefing.chart import chart_png
from lib.briefing.content import Briefing
from lib.briefing.tables import SECTIONS, adjustment_rows, headline_rows, indicator_rows
from lib.labels import month_label
from lib.wordfile import GREY, RED, TEXT_WIDTH_CM

MAX_ADJUSTMENTS, MAX_MENTIONS = 10, 6


def briefing_docx(briefing: Briefing, chart: bytes | None = None) -> bytes:
    """The .docx bytes of the briefing (`chart`: the chart PNG, made here when not given)."""
    doc = wordfile.new_document()
    _title(doc, briefing)
    _heading(doc, 1, "standing")
    _standing(doc, briefing, chart or chart_png(briefing))
    for number, (key, write) in enumerate(_WRITERS.items(), start=2):
        _heading(doc, number, key)
        write(doc, briefing)
    wordfile.paragraph(
        doc,
        f"资料来源：{text.source(briefing)}",
        "简报注释",
        colour=GREY,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    ).paragraph_format.space_before = Pt(4)
    return wordfile.saved(doc)


def _chinese(number: int) -> str:
    return "一二三四五六七八九十"[number - 1]


def _title(doc, briefing: Briefing) -> None:
    wordfile.paragraph(doc, text.TITLE, "简报标题", align=WD_ALIGN_PARAGRAPH.CENTER)
    sub = wordfile.paragraph(
        doc, text.subtitle(briefing), "简报副标题", align=WD_ALIGN_PARAGRAPH.CENTER
    )
    wordfile.rule_below(sub, RED, 12)
    meta = [part for part in (text.visit(briefing.visit), text.aliases(briefing)) if part]
    if meta:
        wordfile.paragraph(
            doc, "　".join(meta), "简报注释", colour=GREY, align=WD_ALIGN_PARAGRAPH.CENTER
        )


def _heading(doc, number: int, key: str) -> None:
    wordfile.paragraph(doc, f"{_chinese(number)}、{SECTIONS[key]}", "简报小标题")


# --- the parts ------------------------------------------------------------------------------


def _standing(doc, briefing: Briefing, chart: bytes) -> None:
    header, rows = headline_rows(briefing)
    wordfile.table(doc, header, rows, [1.8, 2.1, 1.1, 2.0, 4.9, 5.5])
    picture = wordfile.paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    picture.paragraph_format.line_spacing = 1.0
    picture.paragraph_format.space_before = Pt(4)
    picture.add_run().add_picture(io.BytesIO(chart), width=Cm(TEXT_WIDTH_CM - 0.6))
    wordfile.labelled(doc, "等级走势", text.grade_history(briefing), "简报注释")


def _indicators(doc, briefing: Briefing) -> None:
    header, rows, weakest = indicator_rows(briefing)
    if not rows:
        wordfile.paragraph(doc, text.NOT_LISTED)
        return
    wordfile.table(doc, header, rows, [3.6, 2.0, 2.0, 2.7, 2.0, 2.0, 2.7], weakest)
    wordfile.paragraph(
        doc, text.INDICATORS_NOTE, "简报注释", colour=GREY
    ).paragraph_format.space_before = Pt(2)


def _whatif(doc, briefing: Briefing) -> None:
    if not briefing.targets:
        wordfile.paragraph(doc, text.NO_TARGETS)
        return
    for target in briefing.targets:
        wordfile.labelled(
            doc, text.target(target), "；".join(text.lever(lv) for lv in target.levers) + "。"
        )
    wordfile.paragraph(doc, text.WHATIF_NOTE, "简报注释", colour=GREY)


def _adjustments(doc, briefing: Briefing) -> None:
    header, rows = adjustment_rows(briefing)
    if not rows:
        wordfile.paragraph(doc, text.NO_ADJUSTMENTS)
        return
    wordfile.table(doc, header, rows[:MAX_ADJUSTMENTS], [2.0, 1.1, 1.1, 3.2, 9.8])
    if len(rows) > MAX_ADJUSTMENTS:
        wordfile.paragraph(
            doc, text.more(len(rows) - MAX_ADJUSTMENTS), "简报注释", colour=GREY
        ).paragraph_format.space_before = Pt(2)


def _mentions(doc, briefing: Briefing) -> None:
    if not briefing.mentions:
        wordfile.paragraph(doc, text.NO_MENTIONS)
        return
    for mention in briefing.mentions[:MAX_MENTIONS]:
        wordfile.labelled(doc, text.mention_label(mention), mention.excerpt)
    if len(briefing.mentions) > MAX_MENTIONS:
        wordfile.paragraph(
            doc, text.more(len(briefing.mentions) - MAX_MENTIONS), "简报注释", colour=GREY
        )


def _reception(doc, briefing: Briefing) -> None:
    if not briefing.reception_days:
        wordfile.paragraph(doc, text.NO_RECEPTION)
        return
    for day in briefing.reception_days:
        wordfile.paragraph(doc, text.reception(day))


def _categories(doc, briefing: Briefing) -> None:
    wordfile.labelled(doc, month_label(briefing.month), text.categories(briefing) or "通报未列出。")
    wordfile.paragraph(doc, text.NO_OWN_CATEGORIES, "简报注释", colour=GREY)


_WRITERS = {
    "indicators": _indicators,
    "whatif": _whatif,
    "adjustments": _adjustments,
    "mentions": _mentions,
    "reception": _reception,
    "categories": _categories,
}
