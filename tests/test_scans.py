"""Scanned bulletins read by OCR against the answer keys: ≥ 99 % of figures exact, none wrong
and sure (SILENT 0).

The scans are made from the sample PDFs by tests/fixtures/scans/make_scans.py into its cache
folder (many megabytes, not committed): image-only PDFs at 150 and 300 dpi, and the March
issue photographed page by page (turned, unevenly lit JPEGs), read as one bulletin through
the CLI the way a user gives it: `python -m lib parse --as-one --json page-*.jpg`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from lib.parse import parse_bytes
from tests.fixtures.scans.make_scans import CACHE, make
from tests.truth_compare import figure_count, mismatches, silent

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SCANS = [("2024-03", "150dpi"), ("2024-05", "150dpi"), ("2024-03", "300dpi"), ("2024-05", "300dpi")]


def truth(month: str) -> dict:
    return json.loads((FIXTURES / f"{month}.truth.json").read_text(encoding="utf-8"))


@cache
def scanned(month: str, kind: str) -> dict:
    path = make(month, kind, CACHE)
    return json.loads(json.dumps(parse_bytes(path.read_bytes(), path.name).to_json(), default=str))


def assert_read_well(month: str, out: dict) -> None:
    key = truth(month)
    wrong, total = mismatches(key, out), figure_count(key)
    assert len(wrong) <= 0.01 * total, "\n".join(wrong[:20])
    assert silent(key, out) == []


@pytest.mark.parametrize(("month", "kind"), SCANS)
def test_scan_reads_like_the_answer_key(month, kind):
    out = scanned(month, kind)
    assert out["source"]["format"] == "scan"
    assert_read_well(month, out)


def test_photographed_pages_read_as_one_bulletin_through_the_cli():
    folder = make("2024-03", "photo", CACHE)
    pages = sorted(str(p) for p in folder.glob("page-*.jpg"))
    done = subprocess.run(
        [sys.executable, "-m", "lib", "parse", "--as-one", "--json", *reversed(pages)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["source"]["filename"] == "page-01（共13页）.pdf"
    assert "“page-01（共13页）.pdf”：第 3/13 页 识别中…" in done.stderr.splitlines()
    assert_read_well("2024-03", out)
