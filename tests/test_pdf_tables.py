"""lib.readers.pdf_tables finds the same cells and reads the same cell text as pdfplumber's own
table finder and Table.extract, on PDFs with every kind of ruled table the fixtures have."""

from __future__ import annotations

import pdfplumber
import pytest

from lib.readers.pdf_tables import cell_texts, rule_settings, ruled_tables
from lib.settings import DEFAULT_SETTINGS
from tests.conftest import FIXTURES

RULES = DEFAULT_SETTINGS
PDFS = [
    FIXTURES / "2024-03.pdf",
    FIXTURES / "2024-05.pdf",
    FIXTURES / "variants" / "v11-rotated-pages.pdf",
    FIXTURES / "variants" / "v14-rect-rules.pdf",
    FIXTURES / "variants" / "v7-pagesplit.pdf",
    FIXTURES / "unseen" / "2025-02-two-group-mailbox.pdf",
]


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_same_cells_and_text_as_pdfplumber(path):
    tables_seen = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            settings = rule_settings(page, RULES.rule_snap_pt, RULES.min_rule_pt)
            theirs = page.find_tables(settings) if settings else []
            ours = ruled_tables(page, RULES.rule_snap_pt, RULES.min_rule_pt)
            assert [t.cells for t in ours] == [t.cells for t in theirs]
            for mine, reference in zip(ours, theirs, strict=True):
                gap = RULES.word_gap_pt
                assert cell_texts(mine, gap) == reference.extract(x_tolerance=gap)
            tables_seen += len(ours)
    assert tables_seen > 0
