"""Word files in the house style, for the briefing, the dossier and the monthly report: A4, 仿宋/黑体, ruled tables.

Chinese text is set in 仿宋 (body) and 黑体 (title and headings), the fonts of government
documents; the font table names Noto CJK as their alternative, for machines without them.
Tables are ruled like a printed report (heavy top and bottom rules, a thin one under the head,
hairlines between rows, no verticals). Paragraph styles carry Chinese names — a document's
prefix and the role: 简报正文, 档案小标题 … — so staff can restyle the document in Word.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT, HEADING_FONT, LATIN_FONT = "仿宋", "黑体", "Times New Roman"
FALLBACKS = {"仿宋": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"}
RED, GREY = RGBColor(0xA5, 0x1C, 0x1C), RGBColor(0x55, 0x55, 0x55)
A4_CM, MARGIN_CM = (21.0, 29.7), 1.8
ROLES = {
    # role: (font, size pt, exact line pt, space before, space after)
    "正文": (BODY_FONT, 10, 15, 0, 1),
    "标题": (HEADING_FONT, 18, 26, 0, 2),
    "副标题": (BODY_FONT, 12, 17, 0, 1),
    "小标题": (HEADING_FONT, 11.5, 16, 5, 2),
    "表格": (BODY_FONT, 9, 12, 0, 0),
    "注释": (BODY_FONT, 8.5, 12, 0, 1),
}
"""The paragraph styles every document has, by role; exact line spacing, so the page breaks
alike whichever CJK font a machine substitutes."""


def chinese_number(number: int) -> str:
    """一 … 十, for numbered headings."""
    return "一二三四五六七八九十"[number - 1]


class WordFile:
    """A new document: page set up (A4, portrait or `landscape`), styles named `prefix` + role."""

    def __init__(self, prefix: str, landscape: bool = False):
        self.prefix = prefix
        self.doc = Document()
        width, height = A4_CM[::-1] if landscape else A4_CM
        section = self.doc.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(width), Cm(height)
        section.top_margin = section.bottom_margin = Cm(1.4)
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        self.text_width_cm = width - 2 * MARGIN_CM
        self._styles()
        self._fallback_fonts()

    def style(self, role: str) -> str:
        return f"{self.prefix}{role}"

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(10)
        _fonts(normal.element, BODY_FONT)
        _chinese_language(normal.element)
        normal.paragraph_format.space_after = Pt(0)
        for role, (font, size, line, before, after) in ROLES.items():
            style = self.doc.styles.add_style(self.style(role), WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size, style.font.bold = Pt(size), False
            _fonts(style.element, font)
            layout = style.paragraph_format
            layout.space_before, layout.space_after = Pt(before), Pt(after)
            layout.line_spacing = Pt(line)
            layout.keep_with_next = role == "小标题" or None

    def _fallback_fonts(self) -> None:
        """Name Noto CJK as the alternative of 仿宋 and 黑体 in the font table (w:altName)."""
        part = next(
            r.target_part for r in self.doc.part.rels.values() if r.reltype.endswith("/fontTable")
        )
        entries = "".join(
            f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{"modern" if name == BODY_FONT else "swiss"}"/>'
            f'<w:pitch w:val="fixed"/></w:font>'
            for name, alt in FALLBACKS.items()
        )
        head, _, rest = part.blob.partition(b"<w:font ")
        part._blob = head + entries.encode() + b"<w:font " + rest

    def paragraph(
        self,
        content: str = "",
        role: str = "正文",
        bold: bool = False,
        colour: RGBColor | None = None,
        align=None,
    ):
        paragraph = self.doc.add_paragraph(style=self.style(role))
        if content:
            run = paragraph.add_run(content)
            run.bold = bold or None
            if colour is not None:
                run.font.color.rgb = colour
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def labelled(self, label: str, body: str, role: str = "正文"):
        """'label：body' with the label in bold: a lead-in the eye can scan."""
        paragraph = self.doc.add_paragraph(style=self.style(role))
        paragraph.add_run(label + "：").bold = True
        paragraph.add_run(body)
        return paragraph

    def note(self, content: str, space_before: float = 0):
        """A grey note in the 注释 style."""
        paragraph = self.paragraph(content, "注释", colour=GREY)
        paragraph.paragraph_format.space_before = Pt(space_before)
        return paragraph

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        strong: set[tuple[int, int]] = frozenset(),
    ) -> None:
        """A ruled table; `strong` holds (row, column) cells set in bold."""
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _table_rules(table)
        for c, width in enumerate(widths):
            table.columns[c].width = Cm(width)
        style = self.doc.styles[self.style("表格")]
        for r, values in enumerate([header, *rows]):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.width = Cm(widths[c])
                paragraph = cell.paragraphs[0]
                paragraph.style = style
                run = paragraph.add_run(value)
                run.bold = (r == 0 or (r - 1, c) in strong) or None
                if r == 0:
                    _cell_rule_below(cell)

    def page_numbers(self) -> None:
        """A centred page number ('— 1 —') in the footer, Word's PAGE field."""
        footer = self.doc.sections[0].footer.paragraphs[0]
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

    def bytes(self) -> bytes:
        """The .docx, without the empty paragraph python-docx's template starts with."""
        first = self.doc.paragraphs[0]
        if not first.text and not first.runs:
            first._element.getparent().remove(first._element)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _fonts(element, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set the Latin and East Asian fonts of a style's or run's rPr."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attribute, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(attribute), value)


def _chinese_language(style) -> None:
    """Mark East Asian text as zh-CN, so a renderer picks Simplified Chinese glyphs."""
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    style.get_or_add_rPr().append(language)


def rule_below(paragraph, colour: RGBColor, eighths: int) -> None:
    """A rule under a paragraph (`eighths` of a point thick), like the red one under a title."""
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
