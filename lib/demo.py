"""First run: the two sample bulletins (demo/*.pdf) loaded as demo data, so a newcomer sees a
full app at once. Seeding happens at most once per store: a user who deleted the demo does
not get it back. HOTLINE_DEMO=0 turns it off (tests of empty stores, production set-ups).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from lib.errors import StoreFull, StoreReadOnly
from lib.model import Bulletin
from lib.parse import parse_bytes
from lib.store import ImportResult, Store

DEMO_DIR = Path(__file__).resolve().parents[1] / "demo"


def demo_enabled() -> bool:
    return os.environ.get("HOTLINE_DEMO", "1") != "0"


Parse = Callable[[bytes, str], Bulletin]


def ensure_demo(
    store: Store, folder: Path = DEMO_DIR, parse: Parse = parse_bytes
) -> list[ImportResult]:
    """Load the demo into a store that never had it and holds no bulletin; else do nothing.

    A store that already holds bulletins is marked as past its first run. A read-only store
    (or one on a full disk) is left as it is. The files are ours, so they are parsed in this process (`parse`; tests
    pass a cached one). Safe to call from several sessions at once: the second finds the files
    already stored (duplicates) and writes nothing.
    """
    if not demo_enabled() or store.demo_seeded():
        return []
    try:
        results = _load(store, folder, parse) if store.span() is None else []
        store.mark_demo_seeded()
    except (StoreReadOnly, StoreFull):
        return []
    return results


def _load(store: Store, folder: Path, parse: Parse) -> list[ImportResult]:
    results = []
    for path in sorted(folder.glob("*.pdf")):
        data = path.read_bytes()
        results.append(store.import_bulletin(parse(data, path.name), data, demo=True))
    return results
