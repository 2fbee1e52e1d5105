"""Regression log: each weak spot of the parser, on a real file made for it (tests/fixtures/cases/,
see make_cases.py there), against the expected values beside it."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict
from pathlib import Path

from lib.document import Line
from lib.extract.adjustments import read_adjustments
from lib.parse import parse_bytes
from lib.readers import read_document
from tests.truth_compare import mismatches, silent

FIXTURES = Path(__file__).parent / "fixtures"
CASES = FIXTURES / "cases"
ADJ_FIELDS = ("kind", "unit", "points", "indicator", "detail")


def expected(name: str) -> dict:
    return json.loads((CASES / f"{name}.expected.json").read_text(encoding="utf-8"))


@functools.cache
def parsed(path: Path):
    return parse_bytes(path.read_bytes(), path.name)


def adjustments(rows) -> list[dict]:
    return [{k: asdict(r)[k] for k in ADJ_FIELDS} for r in rows]


def warnings(found) -> list[dict]:
    return [{"message": w.message, "page": w.page, "snippet": w.snippet} for w in found]


def compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_threeline_letterspaced_adjustments_take_their_columns_from_word_positions():
    """Letter-spaced, wrapped, vertically centred cells of a rule-less table: a piece of a
    detail is in the detail column because that is where its words are printed."""
    name = "threeline-letterspaced-adjustments.pdf"
    doc = read_document((CASES / name).read_bytes(), name)
    rows, found = read_adjustments(doc)
    want = expected("threeline-letterspaced-adjustments")
    assert adjustments(rows) == want["adjustments"]
    assert warnings(found) == want["warnings"]


def test_pdftotext_page_marker_and_form_feed_are_one_page_break():
    doc = read_document(
        (CASES / "pdftotext-page-markers.txt").read_bytes(), "pdftotext-page-markers.txt"
    )
    want = expected("pdftotext-page-markers")["first_lines"]
    assert doc.page_count == len(want) == 13
    assert [compact(page.blocks[0].text) for page in doc.pages] == [compact(t) for t in want]


def test_flowing_unit_wrapped_before_row_is_joined_when_known_else_not_read():
    bulletin = parsed(CASES / "flowing-unit-wrapped-before-row.txt")
    want = expected("flowing-unit-wrapped-before-row")
    assert adjustments(bulletin.adjustments) == want["adjustments"]
    assert warnings(bulletin.warnings) == want["warnings"]


def test_pdftotext_running_header_is_dropped_from_every_page_and_the_narrative():
    bulletin = parsed(CASES / "pdftotext-running-header.txt")
    want = expected("pdftotext-running-header")
    same_pdf = parsed(FIXTURES / "variants" / "v9-distributed.pdf")
    assert bulletin.source.pages == want["pages"] == 12
    assert str(bulletin.issue.label) == "2024年第3期"
    assert not [s.key for s in bulletin.sections if want["running_header"] in compact(s.text)]
    assert [(s.key, compact(s.text), s.page) for s in bulletin.sections] == [
        (s.key, compact(s.text), s.page) for s in same_pdf.sections
    ]


def test_v9_page_header_is_dropped_silently_from_tables_and_narrative():
    bulletin = parsed(FIXTURES / "variants" / "v9-distributed.pdf")
    docx = parsed(FIXTURES / "variants" / "v9-distributed.docx")
    assert bulletin.warnings == []
    assert [(s.key, compact(s.text)) for s in bulletin.sections] == [
        (s.key, compact(s.text)) for s in docx.sections
    ]


def test_v16_wrapped_headings_read_like_the_docx_one_line_headings():
    pdf = parsed(FIXTURES / "variants" / "v16-wrapped-headings.pdf")
    docx = parsed(FIXTURES / "variants" / "v16-wrapped-headings.docx")
    assert [(s.key, compact(s.heading), compact(s.text)) for s in pdf.sections] == [
        (s.key, compact(s.heading), compact(s.text)) for s in docx.sections
    ]
    assert [s.heading for s in pdf.sections if s.heading.startswith(("二、", "三、"))] == [
        "二、全市12345政务服务便民热线受理办理运行情况",
        "三、岳阳市人民政府门户网站等平台市长信箱运行情况",
    ]


def test_mixed_scan_reads_its_scanned_pages_by_ocr_and_the_whole_exactly():
    """Pages 2 (narrative) and 11 (附件3) are pictures at 72 dpi: read by OCR, the bulletin is
    its answer key, and no value read wrong is presented as sure."""
    bulletin = parsed(CASES / "mixed-scan-2024-05.pdf")
    truth = json.loads((FIXTURES / "2024-05.truth.json").read_text(encoding="utf-8"))
    out = json.loads(json.dumps(bulletin.to_json(), ensure_ascii=False, default=str))
    assert mismatches(truth, out) == []
    assert silent(truth, out) == []
    assert not [w for w in bulletin.warnings if "扫描" in w.message]


def test_mixed_scan_pages_are_recognised_and_the_others_keep_their_text():
    doc = read_document((CASES / "mixed-scan-2024-05.pdf").read_bytes(), "mixed-scan-2024-05.pdf")
    sample = read_document((FIXTURES / "2024-05.pdf").read_bytes(), "2024-05.pdf")
    assert [p.number for p in doc.pages if p.recognised] == [2, 11]
    kept = [
        [b.text for b in p.blocks if isinstance(b, Line)] for p in doc.pages if not p.recognised
    ]
    assert kept == [
        [b.text for b in p.blocks if isinstance(b, Line)]
        for p in sample.pages
        if p.number not in (2, 11)
    ]
