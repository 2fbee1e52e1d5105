"""Text extractions (pdftotext -raw / -layout, tests/fixtures/text/make_text.py) read as well as
the PDF they came from: every figure of the answer key, none wrong and sure (issue 12)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from lib.parse import parse_bytes
from tests.truth_compare import mismatches, silent

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = FIXTURES / "text"
SAMPLES = ["2024-03.raw.txt", "2024-03.layout.txt", "2024-05.raw.txt", "2024-05.layout.txt"]


@cache
def parsed(name: str) -> dict:
    bulletin = parse_bytes((TEXT / name).read_bytes(), name)
    return json.loads(json.dumps(bulletin.to_json(), ensure_ascii=False, default=str))


def key(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_extraction_reads_like_its_answer_key(name):
    truth = key(FIXTURES / f"{name[:7]}.truth.json")
    out = parsed(name)
    assert mismatches(truth, out) == []
    assert silent(truth, out) == []


def test_raw_text_reads_a_row_whose_indicator_wraps():
    """`国网岳阳供电公司 -2` / `热线办理综合考` / `评` / `热线月度考评 B 类`: once dropped with a warning."""
    out = parsed("2024-03.raw.txt")
    assert [a for a in out["adjustments"] if a["unit"] == "国网岳阳供电公司"][0]["indicator"] == (
        "热线办理综合考评"
    )
    assert not [w for w in out["warnings"] if "指标名称" in w["message"]]


def test_layout_text_gives_names_wrapped_round_their_numbers_line_to_their_row():
    """A narrow name column: `国家金融监督` / `管理总局岳阳  178 …` / `监管分局`, the pieces
    above and below centred on the numbers line. Every evaluation row reads exactly (the
    adjustment tables of this layout are not yet: see the branch report)."""
    truth = key(FIXTURES / "variants" / "v5-narrow-wrap.expected.json")
    out = parsed("v5-narrow-wrap.layout.txt")
    assert [m for m in mismatches(truth, out) if m.startswith("evaluation")] == []
    assert silent({**truth, "adjustments": []}, {**out, "adjustments": []}) == []
