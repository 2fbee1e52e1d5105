"""The briefing tests' data: the two sample bulletins (March and May 2024) stored, read back as
a briefing Library. Built once per format and shared: never mutate it."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from lib.briefing.content import Library
from lib.store import Store
from tests.conftest import sample


def store_samples(db: Path, fmt: str = "pdf") -> None:
    """Import the March and May samples (`fmt`: pdf or docx) into the SQLite store at `db`."""
    store = Store.open(f"sqlite:///{db}")
    try:
        for month in ("2024-03", "2024-05"):
            found = sample(f"{month}.{fmt}")
            store.import_bulletin(found.bulletin, found.data)
    finally:
        store.close()


@cache
def sample_library(fmt: str = "pdf") -> Library:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "samples.db"
        store_samples(db, fmt)
        store = Store.open(f"sqlite:///{db}")
        try:
            return Library.from_store(store)
        finally:
            store.close()
