"""Fuzz the readers with the real files cut, flipped and spliced: a Document or a typed error.

Derandomized so CI is repeatable; run with `--hypothesis-seed=random` and a larger
HYPOTHESIS_MAX (environment) to fuzz for longer.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.document import Document, Line, Table
from lib.errors import HotlineError
from lib.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"
BAD = FIXTURES / "bad"
PDF_SEEDS = [(BAD / "unrelated.pdf").read_bytes(), (BAD / "rotated-landscape.pdf").read_bytes()]
DOCX_SEEDS = [(BAD / "unrelated.docx").read_bytes(), (FIXTURES / "2024-05.docx").read_bytes()]
TEXT_SEEDS = [
    (FIXTURES / "seed-2024-05.txt").read_bytes()[:6000],
    (BAD / "sheet.xlsx").read_bytes(),
]
FUZZ = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX", "25")),
    deadline=None,
    derandomize="HYPOTHESIS_MAX" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated(draw, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        kind = draw(st.sampled_from(["cut", "flip", "insert", "splice", "zero"]))
        if kind == "cut":
            del data[at:]
        elif kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "splice":
            other = draw(st.sampled_from(PDF_SEEDS + DOCX_SEEDS + TEXT_SEEDS))
            start = draw(st.integers(0, len(other) - 1))
            data[at:] = other[start : start + draw(st.integers(1, 4096))]
        else:
            data[at : at + draw(st.integers(1, 512))] = b"\0" * 512
    return bytes(data)


def assert_well_formed(doc: Document) -> None:
    assert [page.number for page in doc.pages] == list(range(1, doc.page_count + 1))
    for page in doc.pages:
        for block in page.blocks:
            assert block.page == page.number
            if isinstance(block, Line):
                assert block.text.strip()
            else:
                assert isinstance(block, Table)
                assert all(
                    cell is None or isinstance(cell, str) for row in block.rows for cell in row
                )


def read_or_refuse(data: bytes) -> None:
    try:
        doc = read_document(data, "fuzz.bin")
    except HotlineError as refused:
        assert refused.filename == "fuzz.bin"
        assert "Traceback" not in refused.message
        return
    assert_well_formed(doc)


@FUZZ
@given(mutated(PDF_SEEDS))
def test_mutated_pdfs(data):
    read_or_refuse(data)


@FUZZ
@given(mutated(DOCX_SEEDS))
def test_mutated_docx(data):
    read_or_refuse(data)


@FUZZ
@given(mutated(TEXT_SEEDS))
def test_mutated_text_and_other_zips(data):
    read_or_refuse(data)
