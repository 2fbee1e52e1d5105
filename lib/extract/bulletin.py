"""From a Document to a Bulletin: the running text and the attachments, put together."""

from __future__ import annotations

from lib.document import Document, Line
from lib.errors import NotABulletin
from lib.extract.adjustments import read_adjustments
from lib.extract.evaluations import read_evaluations
from lib.extract.figures import read_figures
from lib.extract.furniture import without_running_lines
from lib.extract.header import read_header
from lib.extract.narrative import read_sections
from lib.model import Bulletin, ParseWarning, Source
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.text import compact
from lib.units import UnitIndex


def build_bulletin(
    doc: Document, source: Source, settings: ExtractSettings = DEFAULT_SETTINGS
) -> Bulletin:
    doc = without_running_lines(doc, settings)
    lines = [b for b in doc.blocks() if isinstance(b, Line)]
    bulletin = Bulletin(source=source)
    read_header(lines, bulletin, settings)
    unread = frozenset(p.number for p in doc.pages if not p.has_text)
    bulletin.sections = read_sections(lines, unread, settings)
    read_figures(bulletin)
    chosen = source.strategies
    bulletin.evaluations, eval_warnings = read_evaluations(doc, chosen, settings)
    bulletin.adjustments, adj_warnings = read_adjustments(
        doc, known_units(bulletin), chosen, settings
    )
    bulletin.warnings.extend(scanned_pages(doc) + eval_warnings + adj_warnings)
    if bulletin.period is None or not (bulletin.evaluations or bulletin.sections):
        raise NotABulletin(source.filename)
    return bulletin


def scanned_pages(doc: Document) -> list[ParseWarning]:
    """A page that is only a picture (a scan amid text pages) cannot be read: name each one."""
    return [
        ParseWarning(
            f"第 {page.number} 页是扫描图片，没有可提取的文字，该页内容未读取", page=page.number
        )
        for page in doc.pages
        if not page.has_text
    ]


def known_units(bulletin: Bulletin) -> frozenset[str]:
    """The unit names this bulletin's evaluation tables print, and the alias table's names."""
    return (
        frozenset(compact(row.unit) for row in bulletin.evaluations) | UnitIndex.default().names()
    )
