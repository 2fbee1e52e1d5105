"""Word .docx to Document blocks: paragraphs as lines, tables as grids, in body order.

The zip is vetted before python-docx opens it (entry count, uncompressed size, compression
ratio, no DTD in any XML part), because python-docx loads every part into memory and lxml
would read a DTD. Table cells are what python-docx's `row.cells` reports: a horizontally
merged cell repeats its text in every grid column it spans, and the continuation cells of a
vertical merge repeat the text of the merge's first cell.

A .docx has no pages until Word lays it out. Where Word saved its layout
(`w:lastRenderedPageBreak`) those breaks number the pages; otherwise explicit breaks do (page
breaks, page-break-before, new-page section breaks); a document with neither is one page.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO

import docx
from docx.table import Table as DocxTable
from lxml import etree

from lib.document import Document, Line, Page, Table
from lib.errors import CorruptFile, HotlineError, TooComplex
from lib.readers import Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = {"w": W[1:-1]}
_SKIPPED = {
    f"{W}del",
    f"{W}moveFrom",
    f"{W}drawing",
    f"{W}pict",
    f"{W}txbxContent",
    f"{W}instrText",
    f"{W}delText",
    f"{W}pPr",
    f"{W}rPr",
    f"{W}object",
}
_TEXT_EQUIVALENTS = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
_ONE_MB = 1024 * 1024


def read_docx(data: bytes, filename: str, limits: Limits) -> Document:
    check_zip(data, filename, limits)
    try:
        body = docx.Document(BytesIO(data)).element.body
        return _body_to_document(body)
    except HotlineError:
        raise
    except (MemoryError, RecursionError):
        raise TooComplex(filename) from None
    except Exception:
        raise CorruptFile(filename) from None


def check_zip(data: bytes, filename: str, limits: Limits) -> None:
    """Refuse a zip bomb, a DTD or a broken archive before any XML parser sees the parts."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise CorruptFile(filename) from None
    if len(entries) > limits.max_zip_entries:
        raise TooComplex(filename, f"压缩包内有 {len(entries)} 个文件")
    total = sum(e.file_size for e in entries)
    if total > limits.max_unzipped_mb * _ONE_MB:
        raise TooComplex(filename, f"解压后 {total / _ONE_MB:.0f} MB")
    for entry in entries:
        if entry.file_size > _ONE_MB and entry.file_size > limits.max_zip_ratio * max(
            entry.compress_size, 1
        ):
            raise TooComplex(filename, "压缩比异常")
    for entry in entries:
        if entry.filename.lower().endswith((".xml", ".rels")):
            _check_xml_part(archive, entry, filename)


def _check_xml_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, filename: str) -> None:
    """A DTD can only come before the root element, so parsing up to the root's start tag
    (in whatever encoding the part declares) is enough to find one."""
    try:
        with archive.open(entry) as part:
            events = etree.iterparse(
                part, events=("start",), resolve_entities=False, load_dtd=False, no_network=True
            )
            _, root = next(events)
            docinfo = root.getroottree().docinfo
    except StopIteration:
        raise CorruptFile(filename) from None
    except (
        etree.XMLSyntaxError,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ):
        raise CorruptFile(filename) from None
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise CorruptFile(filename, "文档包含不允许的 DTD 声明")


@dataclass
class _Pages:
    """Page numbering while walking the body; `rendered` picks which breaks count."""

    rendered: bool
    section_types: list[str]
    pages: list[Page] = field(default_factory=lambda: [Page(number=1)])
    sections_seen: int = 0

    @property
    def number(self) -> int:
        return len(self.pages)

    def new_page(self) -> None:
        self.pages.append(Page(number=self.number + 1))

    def add(self, block: Line | Table) -> None:
        self.pages[block.page - 1].blocks.append(block)


def _body_to_document(body) -> Document:
    rendered = bool(body.xpath(".//w:lastRenderedPageBreak"))
    types = [(s.xpath("string(w:type/@w:val)") or "nextPage") for s in body.xpath(".//w:sectPr")]
    pages = _Pages(rendered=rendered, section_types=types)
    for element in _block_elements(body):
        if element.tag == f"{W}p":
            _add_paragraph(element, pages)
        else:
            _add_table(element, body, pages)
    while len(pages.pages) > 1 and not pages.pages[-1].blocks:
        pages.pages.pop()
    return Document(format="docx", pages=pages.pages)


def _block_elements(parent):
    """Paragraphs and tables in order, looking through content controls and custom XML."""
    for child in parent.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _block_elements(content)


def _add_paragraph(p, pages: _Pages) -> None:
    if not pages.rendered and p.xpath("w:pPr/w:pageBreakBefore[not(@w:val='0' or @w:val='false')]"):
        pages.new_page()
    text: list[str] = []
    for piece in _paragraph_pieces(p, pages.rendered):
        if piece is None:
            _add_lines("".join(text), pages)
            text = []
            pages.new_page()
        else:
            text.append(piece)
    _add_lines("".join(text), pages)
    if p.find(f"{W}pPr/{W}sectPr") is not None:
        pages.sections_seen += 1
        following = pages.section_types[pages.sections_seen : pages.sections_seen + 1]
        if not pages.rendered and following and following[0] not in ("continuous", "nextColumn"):
            pages.new_page()


def _add_lines(text: str, pages: _Pages) -> None:
    for line in text.split("\n"):
        if line.strip():
            pages.add(Line(text=line.strip(), page=pages.number))


def _paragraph_pieces(element, rendered: bool):
    """The text of a paragraph as strings, with None where a counted page break falls."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == f"{W}t":
            yield child.text or ""
        elif tag in _TEXT_EQUIVALENTS:
            yield _TEXT_EQUIVALENTS[tag]
        elif tag == f"{W}br":
            is_page = child.get(f"{W}type") == "page"
            if is_page and not rendered:
                yield None
            elif not is_page:
                yield "\n"
        elif tag == f"{W}lastRenderedPageBreak":
            if rendered:
                yield None
        else:
            yield from _paragraph_pieces(child, rendered)


def _add_table(tbl, body, pages: _Pages) -> None:
    table = DocxTable(tbl, body)
    width = len(table.columns)
    rows = []
    for row in table.rows:
        cells = [_cell_text(cell._tc) for cell in row.cells]
        cells = [None] * row.grid_cols_before + cells
        rows.append(cells + [None] * (width - len(cells)))
    pages.add(Table(rows=rows, page=pages.number))
    breaks = ".//w:lastRenderedPageBreak" if pages.rendered else ".//w:br[@w:type='page']"
    for _ in tbl.xpath(breaks):
        pages.new_page()


def _cell_text(tc) -> str:
    paragraphs = tc.xpath("./w:p | ./w:sdt/w:sdtContent/w:p")
    return "\n".join(
        "".join(piece for piece in _paragraph_pieces(p, rendered=True) if piece) for p in paragraphs
    )
