"""The store's frames for the analysis pages, cached until the store's data changes."""

from __future__ import annotations

import pandas as pd

from lib.store import Store
from ui.state import versioned


@versioned
def evaluations(store: Store, channel: str | None = None) -> pd.DataFrame:
    return store.evaluations(channel)


@versioned
def adjustments(store: Store) -> pd.DataFrame:
    return store.adjustments()


@versioned
def overview(store: Store) -> pd.DataFrame:
    return store.overview()


@versioned
def categories(store: Store) -> pd.DataFrame:
    return store.categories()


@versioned
def grade_counts(store: Store) -> pd.DataFrame:
    return store.grade_counts()


@versioned
def sections(store: Store) -> pd.DataFrame:
    return store.sections()


@versioned
def units(store: Store) -> pd.DataFrame:
    return store.units()


@versioned
def aliases(store: Store) -> pd.DataFrame:
    return store.aliases()
