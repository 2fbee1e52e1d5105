"""The store's frames for the pages, cached until the store's data changes."""

from __future__ import annotations

import pandas as pd

from lib.store import Store
from ui.state import versioned


@versioned
def frame(store: Store, name: str, **filters) -> pd.DataFrame:
    """Store.frame(name, **filters), read once per data version."""
    return store.frame(name, **filters)
