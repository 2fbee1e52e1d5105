"""The bar of issue 2: every sample and seed parses to its answer key, field for field."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from lib.__main__ import main
from lib.parse import parse_bytes
from tests.truth_compare import mismatches

FIXTURES = Path(__file__).parent / "fixtures"
CASES = {
    "2024-03.pdf": "2024-03",
    "2024-03.docx": "2024-03",
    "seed-2024-03.md": "2024-03",
    "2024-05.pdf": "2024-05",
    "2024-05.docx": "2024-05",
    "seed-2024-05.txt": "2024-05",
}


@cache
def parsed(name: str):
    return parse_bytes((FIXTURES / name).read_bytes(), name)


def truth(month: str) -> dict:
    return json.loads((FIXTURES / f"{month}.truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_parse_equals_answer_key(name):
    problems = mismatches(truth(CASES[name]), parsed(name).to_json())
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.parametrize("name", CASES)
def test_known_source_errors_are_found_and_nothing_else(name):
    want = json.loads((FIXTURES / f"{CASES[name]}.findings.json").read_text(encoding="utf-8"))
    got = [
        {k: getattr(f, k) for k in ("kind", "table", "unit", "field", "printed", "computed")}
        for f in parsed(name).checks
    ]
    assert got == want


@pytest.mark.parametrize("name", [n for n, month in CASES.items() if month == "2024-03"])
def test_printed_values_are_never_corrected(name):
    rows = {(e.channel, e.unit): e for e in parsed(name).evaluations}
    assert rows[("hotline", "市国资委")].score == 69.0
    assert rows[("hotline", "临湘市")].score == 96.4
    assert rows[("mailbox", "南湖新区")].score == 98.53


@pytest.mark.parametrize("name", CASES)
def test_every_row_has_a_canonical_unit_id(name):
    b = parsed(name)
    ids = {r.unit: r.unit_id for r in [*b.evaluations, *b.adjustments]}
    assert all(ids.values())
    assert ids["经开区"] == ids["岳阳经开区"] == "岳阳经开区"


def test_cli_json_for_several_files_is_an_array_matching_the_keys(capsys):
    names = ["2024-03.pdf", "2024-05.docx"]
    assert main(["parse", "--json", *[str(FIXTURES / n) for n in names]]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [o["source"]["filename"] for o in out] == names
    for name, obj in zip(names, out, strict=True):
        assert mismatches(truth(CASES[name]), obj) == []
        assert {"checks", "warnings", "source"} <= obj.keys()
