"""The running-text Lines of a fixture file, read once through the real readers.

For the tests of extract/'s running-text half (header, narrative, figures), which take Lines.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from lib.document import Line
from lib.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"
MONTH_OF = {
    "2024-03.pdf": "2024-03",
    "2024-03.docx": "2024-03",
    "seed-2024-03.md": "2024-03",
    "2024-05.pdf": "2024-05",
    "2024-05.docx": "2024-05",
    "seed-2024-05.txt": "2024-05",
}


@cache
def fixture_lines(name: str) -> tuple[Line, ...]:
    doc = read_document((FIXTURES / name).read_bytes(), name)
    return tuple(b for b in doc.blocks() if isinstance(b, Line))


@cache
def answer_key(name: str) -> dict:
    return json.loads((FIXTURES / f"{MONTH_OF[name]}.truth.json").read_text(encoding="utf-8"))


def lines(*texts: str, page: int = 1) -> list[Line]:
    """Lines of a made-up document, as a text reader gives them (no positions)."""
    return [Line(text, page) for text in texts]
