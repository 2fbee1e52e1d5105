"""docs/RELIABILITY.md stays true: every test it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "RELIABILITY.md").read_text(encoding="utf-8")
CITED = re.compile(r"`((?:browser/)?test_\w+)::(test_\w+)")


def test_the_reliability_table_names_only_tests_that_exist():
    cited = CITED.findall(DOC)
    assert len(cited) > 50
    missing = [
        f"{module}::{name}"
        for module, name in cited
        if f"def {name}(" not in (ROOT / "tests" / f"{module}.py").read_text("utf-8")
    ]
    assert missing == []
