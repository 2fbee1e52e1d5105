"""Several files at once: sandboxed children side by side, outcomes kept to their files, the
CLI storing a run of months in the order given, and the CLI's `parse` importing only what a
parse needs."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from lib.__main__ import main
from lib.errors import EncryptedPdf, TooComplex
from lib.model import Bulletin
from lib.readers import Limits
from lib.sandbox import parse_each, parse_in_order
from lib.store import Store
from tests.apptest import ROOT
from tests.conftest import FIXTURES
from tests.fixtures.years import write_months

BAD = FIXTURES / "bad"


def read(*paths) -> list[tuple[bytes, str]]:
    return [(path.read_bytes(), path.name) for path in paths]


@pytest.mark.parametrize("from_here", [False, True], ids=["zygote", "from-here"])
def test_every_file_gets_its_own_outcome(from_here):
    files = read(FIXTURES / "2024-05.pdf", BAD / "encrypted.pdf", FIXTURES / "2024-03.docx")
    outcomes = dict(parse_each(files, from_here=from_here))
    assert sorted(outcomes) == [0, 1, 2]
    assert outcomes[0].period.key == "2024-05"
    assert (type(outcomes[1]), outcomes[1].filename) == (EncryptedPdf, "encrypted.pdf")
    assert (outcomes[2].period.key, outcomes[2].source.format) == ("2024-03", "docx")


def test_outcomes_come_in_the_order_given():
    files = read(FIXTURES / "2024-05.pdf", FIXTURES / "seed-2024-03.md", BAD / "random.bin")
    outcomes = list(parse_in_order(files, from_here=True))
    assert [o.source.filename for o in outcomes[:2]] == ["2024-05.pdf", "seed-2024-03.md"]
    assert outcomes[2].filename == "random.bin"


def test_a_hanging_file_does_not_hold_up_the_next():
    """Two children at a time: the sample's outcome comes while the other still hangs, and
    closing the run kills the hanging child."""
    files = read(BAD / "endless-page.pdf", FIXTURES / "2024-05.pdf")
    run = parse_each(files, Limits(timeout_s=120), workers=2, from_here=True)
    index, outcome = next(run)
    run.close()
    assert index == 1
    assert isinstance(outcome, Bulletin) and outcome.period.key == "2024-05"


def test_one_worker_parses_one_file_at_a_time():
    files = read(BAD / "endless-page.pdf", FIXTURES / "seed-2024-03.md")
    outcomes = list(parse_each(files, Limits(timeout_s=1), workers=1, from_here=True))
    assert [index for index, _ in outcomes] == [0, 1]
    assert isinstance(outcomes[0][1], TooComplex)


def test_the_cli_imports_months_in_the_order_given(tmp_path, monkeypatch, capsys):
    months = write_months(tmp_path, 4)
    url = f"sqlite:///{tmp_path / 'year.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["import", *map(str, months)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{path.name}：已导入 {path.stem}（编号 {n}）" for n, path in enumerate(months, start=1)
    ]
    store = Store.open(url)
    try:
        assert [b.period for b in store.list_bulletins()] == [p.stem for p in months]
    finally:
        store.close()


def test_cli_parse_reports_every_refused_file(capsys):
    files = [FIXTURES / "2024-05.pdf", BAD / "encrypted.pdf", BAD / "random.bin"]
    assert main(["parse", *map(str, files)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert [line.split("：")[0] for line in err.splitlines()] == ["“encrypted.pdf”", "“random.bin”"]


HEAVY = ("pandas", "numpy", "sqlalchemy", "altair", "openpyxl", "docx", "lxml", "streamlit")


def test_cli_parse_of_a_pdf_imports_no_analysis_or_store_libraries():
    """What `python -m lib parse FILE.pdf` imports, every module, from -X importtime."""
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "lib",
            "parse",
            FIXTURES / "2024-05.pdf",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = set(re.findall(r"^import time:.*\|\s*([\w.]+)$", run.stderr, re.M))
    assert "pdfplumber" in imported
    assert {name.split(".")[0] for name in imported} & set(HEAVY) == set()
    assert json.loads(run.stdout)["period"] == {"year": 2024, "month": 5}
