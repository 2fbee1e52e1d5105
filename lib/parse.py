"""One bulletin file to one checked Bulletin: sniff, read, extract, name units, check."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from lib.checks import run_checks
from lib.document import Document
from lib.doubt import mark_doubtful
from lib.extract.bulletin import build_bulletin
from lib.model import Bulletin, Source
from lib.readers import DEFAULT_LIMITS, Limits, read_document
from lib.settings import DEFAULT_SETTINGS, ExtractSettings
from lib.units import UnitIndex

if TYPE_CHECKING:
    from lib.readers.ocr import Progress


def parse_bytes(
    data: bytes,
    filename: str,
    limits: Limits = DEFAULT_LIMITS,
    settings: ExtractSettings = DEFAULT_SETTINGS,
    progress: Progress | None = None,
) -> Bulletin:
    """Parse in this process. For untrusted bytes use lib.sandbox.parse_untrusted.
    `progress(done, total)` hears after each page read by OCR."""
    return parse_document(data, filename, limits, settings, progress)[1]


def parse_document(
    data: bytes,
    filename: str,
    limits: Limits = DEFAULT_LIMITS,
    settings: ExtractSettings = DEFAULT_SETTINGS,
    progress: Progress | None = None,
) -> tuple[Document, Bulletin]:
    """The document the reader made and the bulletin made from it (lib.source.explain draws
    the one with the rows of the other)."""
    doc = read_document(data, filename, limits, settings, progress)
    source = Source(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        pages=doc.page_count,
        format=doc.format,
        size=len(data),
    )
    bulletin = build_bulletin(doc, source, settings)
    UnitIndex.default().assign(bulletin)
    mark_doubtful(bulletin, doc)
    bulletin.checks = run_checks(bulletin)
    return doc, bulletin
