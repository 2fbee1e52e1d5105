"""The monthly report as a Word document, in the house style of lib/wordfile.py, page numbers in
the footer."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from lib import wordfile
from lib.papers.content import Report
from lib.papers.parts import Grid, Para, report_parts, source, subtitle
from lib.papers.text import TITLE
from lib.wordfile import GREY, RED, TEXT_WIDTH_CM

NUMERALS = "一二三四五六七八九十"


def report_docx(report: Report) -> bytes:
    doc = wordfile.new_document()
    wordfile.page_numbers(doc)
    wordfile.paragraph(doc, TITLE, "简报标题", align=WD_ALIGN_PARAGRAPH.CENTER)
    sub = wordfile.paragraph(doc, subtitle(report), "简报副标题", align=WD_ALIGN_PARAGRAPH.CENTER)
    wordfile.rule_below(sub, RED, 12)
    for number, part in enumerate(report_parts(report), start=1):
        wordfile.paragraph(doc, f"{NUMERALS[number - 1]}、{part.heading}", "简报小标题")
        for block in part.blocks:
            _block(doc, block)
    wordfile.paragraph(doc, source(report), "简报注释", colour=GREY, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return wordfile.saved(doc)


def _block(doc, block: Para | Grid) -> None:
    if isinstance(block, Grid):
        widths = block.widths or [TEXT_WIDTH_CM / len(block.header)] * len(block.header)
        wordfile.table(doc, block.header, block.rows, widths)
    elif block.note:
        wordfile.paragraph(doc, block.text, "简报注释", colour=GREY)
    elif block.label:
        wordfile.labelled(doc, block.label, block.text)
    else:
        wordfile.paragraph(doc, block.text)
