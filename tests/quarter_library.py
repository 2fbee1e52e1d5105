"""A library holding the fourth quarter of 2024 as the unseen fixtures give it: October and
December stored, November missing. Read back as a briefing Library, once per session; never
mutate it."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from lib.briefing.content import Library
from lib.parse import parse_bytes
from lib.store import Store

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
QUARTER_FILES = ("2024-10-holiday-duplicate.docx", "2024-12-wan-figure-no-bonus.docx")


def store_quarter(db: Path) -> None:
    store = Store.open(f"sqlite:///{db}")
    try:
        for name in QUARTER_FILES:
            data = (UNSEEN / name).read_bytes()
            store.import_bulletin(parse_bytes(data, name), data)
    finally:
        store.close()


@cache
def quarter_library() -> Library:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "quarter.db"
        store_quarter(db)
        store = Store.open(f"sqlite:///{db}")
        try:
            return Library.from_store(store)
        finally:
            store.close()
