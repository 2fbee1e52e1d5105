"""The monthly report as a Word document, in the house style of lib/wordfile.py, page numbers in
the footer."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from lib.papers.content import Report
from lib.papers.parts import Grid, Para, report_parts, source, subtitle
from lib.papers.text import TITLE
from lib.wordfile import GREY, RED, WordFile, chinese_number, rule_below


def report_docx(report: Report) -> bytes:
    word = WordFile("报告")
    word.page_numbers()
    word.paragraph(TITLE, "标题", align=WD_ALIGN_PARAGRAPH.CENTER)
    sub = word.paragraph(subtitle(report), "副标题", align=WD_ALIGN_PARAGRAPH.CENTER)
    rule_below(sub, RED, 12)
    for number, part in enumerate(report_parts(report), start=1):
        word.paragraph(f"{chinese_number(number)}、{part.heading}", "小标题")
        for block in part.blocks:
            _block(word, block)
    word.paragraph(source(report), "注释", colour=GREY, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return word.bytes()


def _block(word: WordFile, block: Para | Grid) -> None:
    if isinstance(block, Grid):
        widths = block.widths or [word.text_width_cm / len(block.header)] * len(block.header)
        word.table(block.header, block.rows, widths)
    elif block.note:
        word.note(block.text)
    elif block.label:
        word.labelled(block.label, block.text)
    else:
        word.paragraph(block.text)
