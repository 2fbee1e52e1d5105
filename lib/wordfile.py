"""The house style of the Word documents the app writes (the briefing, the monthly report): A4,
Chinese text in 仿宋 (body) and 黑体 (title and headings), the fonts of government documents,
with Noto CJK named as their alternative in the font table for machines without them. Tables are
ruled like a printed report (heavy top and bottom rules, a thin one under the head, hairlines
between rows, no verticals). Paragraph styles carry Chinese names (简报正文, 简报标题 …) so
staff can restyle a document in Word.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT, HEADING_FONT, LATIN_FONT = "仿宋", "黑体", "Times New Roman"
FALLBACKS = {"仿宋": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"}
RED, GREY = RGBColor(0xA5, 0x1C, 0x1C), RGBColor(0x55, 0x55, 0x55)
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 21.0, 29.7, 1.8
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM


def new_document():
    """An empty A4 document in the house style."""
    doc = Document()
    _page(doc)
    _styles(doc)
    _fallback_fonts(doc)
    return doc


def page_numbers(doc) -> None:
    """A centred page number ('— 1 —') in the footer, Word's PAGE field."""
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    for kind, content in (("begin", None), (None, " PAGE "), ("end", None)):
        run = footer.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = content
        run._r.append(element)
    footer.add_run(" —")


def saved(doc) -> bytes:
    """The .docx bytes, python-docx's empty first paragraph dropped."""
    _remove_empty_first_paragraph(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    section.top_margin = section.bottom_margin = Cm(1.4)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)


def _fonts(element, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set the Latin and East Asian fonts of a style's or run's rPr."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attribute, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(attribute), value)


def _style(
    doc,
    name: str,
    font: str,
    size: float,
    line: float,
    bold: bool = False,
    before: float = 0,
    after: float = 0,
):
    """A paragraph style with exact line spacing (`line` points), so the page breaks alike
    whichever CJK font a machine substitutes."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size, style.font.bold = Pt(size), bold
    _fonts(style.element, font)
    layout = style.paragraph_format
    layout.space_before, layout.space_after, layout.line_spacing = Pt(before), Pt(after), Pt(line)
    return style


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    _fonts(normal.element, BODY_FONT)
    _chinese_language(normal.element)
    normal.paragraph_format.space_after = Pt(0)
    _style(doc, "简报正文", BODY_FONT, 10, 15, after=1)
    _style(doc, "简报标题", HEADING_FONT, 18, 26, after=2)
    _style(doc, "简报副标题", BODY_FONT, 12, 17, after=1)
    _style(
        doc, "简报小标题", HEADING_FONT, 11.5, 16, before=5, after=2
    ).paragraph_format.keep_with_next = True
    _style(doc, "简报表格", BODY_FONT, 9, 12)
    _style(doc, "简报注释", BODY_FONT, 8.5, 12, after=1)


def _chinese_language(style) -> None:
    """Mark East Asian text as zh-CN, so a renderer picks Simplified Chinese glyphs."""
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    style.get_or_add_rPr().append(language)


def _fallback_fonts(doc) -> None:
    """Name Noto CJK as the alternative of 仿宋 and 黑体 in the font table (w:altName)."""
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{"modern" if name == BODY_FONT else "swiss"}"/>'
        f'<w:pitch w:val="fixed"/></w:font>'
        for name, alt in FALLBACKS.items()
    )
    head, _, rest = part.blob.partition(b"<w:font ")
    part._blob = head + entries.encode() + b"<w:font " + rest


def _remove_empty_first_paragraph(doc) -> None:
    """python-docx's template starts with an empty paragraph: drop it."""
    first = doc.paragraphs[0]
    if not first.text and not first.runs:
        first._element.getparent().remove(first._element)


def paragraph(
    doc,
    content: str = "",
    style: str = "简报正文",
    bold: bool = False,
    colour: RGBColor | None = None,
    align=None,
):
    paragraph = doc.add_paragraph(style=style)
    if content:
        run = paragraph.add_run(content)
        run.bold = bold or None
        if colour is not None:
            run.font.color.rgb = colour
    if align is not None:
        paragraph.alignment = align
    return paragraph


def labelled(doc, label: str, body: str, style: str = "简报正文"):
    """'label：body' with the label in bold: a lead-in the eye can scan."""
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(label + "：").bold = True
    paragraph.add_run(body)
    return paragraph


def rule_below(paragraph, colour: RGBColor, eighths: int) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("val", "single"),
        ("sz", str(eighths)),
        ("space", "4"),
        ("color", str(colour)),
    ):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def table(
    doc,
    header: list[str],
    rows: list[list[str]],
    widths: list[float],
    strong: set[tuple[int, int]] = frozenset(),
) -> None:
    """A ruled table; `strong` holds (row, column) cells set in bold."""
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_rules(table)
    for c, width in enumerate(widths):
        table.columns[c].width = Cm(width)
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = Cm(widths[c])
            paragraph = cell.paragraphs[0]
            paragraph.style = doc.styles["简报表格"]
            run = paragraph.add_run(value)
            run.bold = (r == 0 or (r - 1, c) in strong) or None
            if r == 0:
                _cell_rule_below(cell)


def _table_rules(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge, size, colour in (
        ("top", 12, "000000"),
        ("bottom", 12, "000000"),
        ("insideH", 2, "BFBFBF"),
    ):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", str(size)), ("space", "0"), ("color", colour)):
            element.set(qn(f"w:{key}"), value)
        borders.append(element)
    for edge in ("left", "right", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", 25), ("bottom", 25), ("left", 80), ("right", 80)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(width))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.append(margins)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)


def _cell_rule_below(cell) -> None:
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    cell._tc.get_or_add_tcPr().append(borders)
