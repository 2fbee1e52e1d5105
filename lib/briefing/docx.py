"""The briefing as a Word document: A4, one page where the data allow, editable by the staff.

The house style (fonts, ruled tables, styles named 简报正文, 简报标题 …) is lib/wordfile.py;
the only colour is the red rule under the title and the chart's two lines.

Lists that could run long are capped (MAX_ADJUSTMENTS, MAX_MENTIONS) with a line saying how
many more the app holds, so the document stays within two pages.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from lib.briefing import text
from lib.briefing.chart import chart_png
from lib.briefing.content import Briefing
from lib.briefing.tables import SECTIONS, adjustment_rows, headline_rows, indicator_rows
from lib.briefing.whatif import Target
from lib.labels import month_label
from lib.wordfile import GREY, RED, WordFile, chinese_number, rule_below

MAX_ADJUSTMENTS, MAX_MENTIONS = 10, 6


def briefing_docx(briefing: Briefing, chart: bytes | None = None) -> bytes:
    """The .docx bytes of the briefing (`chart`: the chart PNG, made here when not given)."""
    word = WordFile("简报")
    _title(word, briefing)
    _heading(word, 1, "standing")
    _standing(word, briefing, chart or chart_png(briefing))
    for number, (key, write) in enumerate(_WRITERS.items(), start=2):
        _heading(word, number, key)
        write(word, briefing)
    word.paragraph(
        f"资料来源：{text.source(briefing)}",
        "注释",
        colour=GREY,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    ).paragraph_format.space_before = Pt(4)
    return word.bytes()


def _title(word: WordFile, briefing: Briefing) -> None:
    word.paragraph(text.TITLE, "标题", align=WD_ALIGN_PARAGRAPH.CENTER)
    sub = word.paragraph(text.subtitle(briefing), "副标题", align=WD_ALIGN_PARAGRAPH.CENTER)
    rule_below(sub, RED, 12)
    meta = [part for part in (text.visit(briefing.visit), text.aliases(briefing)) if part]
    if meta:
        word.paragraph("　".join(meta), "注释", colour=GREY, align=WD_ALIGN_PARAGRAPH.CENTER)


def _heading(word: WordFile, number: int, key: str) -> None:
    word.paragraph(f"{chinese_number(number)}、{SECTIONS[key]}", "小标题")


def _standing(word: WordFile, briefing: Briefing, chart: bytes) -> None:
    header, rows = headline_rows(briefing)
    word.table(header, rows, [1.8, 2.1, 1.1, 2.0, 4.9, 5.5])
    picture = word.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
    picture.paragraph_format.line_spacing = 1.0
    picture.paragraph_format.space_before = Pt(4)
    picture.add_run().add_picture(io.BytesIO(chart), width=Cm(word.text_width_cm - 0.6))
    word.labelled("等级走势", text.grade_history(briefing), "注释")


def _indicators(word: WordFile, briefing: Briefing) -> None:
    header, rows, weakest = indicator_rows(briefing)
    if not rows:
        word.paragraph(text.NOT_LISTED)
        return
    word.table(header, rows, [3.6, 2.0, 2.0, 2.7, 2.0, 2.0, 2.7], weakest)
    word.note(text.INDICATORS_NOTE, space_before=2)


def _whatif(word: WordFile, briefing: Briefing) -> None:
    write_targets(word, briefing.targets)


def write_targets(word: WordFile, targets: Sequence[Target]) -> None:
    """What it would take, a target a paragraph with its levers, and how it was worked out;
    the briefing's and the dossier's."""
    if not targets:
        word.paragraph(text.NO_TARGETS)
        return
    for target in targets:
        word.labelled(text.target(target), "；".join(text.lever(lv) for lv in target.levers) + "。")
    word.note(text.WHATIF_NOTE)


def _adjustments(word: WordFile, briefing: Briefing) -> None:
    header, rows = adjustment_rows(briefing)
    if not rows:
        word.paragraph(text.NO_ADJUSTMENTS)
        return
    word.table(header, rows[:MAX_ADJUSTMENTS], [2.0, 1.1, 1.1, 3.2, 9.8])
    if len(rows) > MAX_ADJUSTMENTS:
        word.note(text.more(len(rows) - MAX_ADJUSTMENTS), space_before=2)


def _mentions(word: WordFile, briefing: Briefing) -> None:
    if not briefing.mentions:
        word.paragraph(text.NO_MENTIONS)
        return
    for mention in briefing.mentions[:MAX_MENTIONS]:
        word.labelled(text.mention_label(mention), mention.excerpt)
    if len(briefing.mentions) > MAX_MENTIONS:
        word.note(text.more(len(briefing.mentions) - MAX_MENTIONS))


def _reception(word: WordFile, briefing: Briefing) -> None:
    if not briefing.reception_days:
        word.paragraph(text.NO_RECEPTION)
        return
    for day in briefing.reception_days:
        word.paragraph(text.reception(day))


def _categories(word: WordFile, briefing: Briefing) -> None:
    word.labelled(month_label(briefing.month), text.categories(briefing) or "通报未列出。")
    word.note(text.NO_OWN_CATEGORIES)


_WRITERS = {
    "indicators": _indicators,
    "whatif": _whatif,
    "adjustments": _adjustments,
    "mentions": _mentions,
    "reception": _reception,
    "categories": _categories,
}
