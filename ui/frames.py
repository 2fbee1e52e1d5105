"""The store's frames for the pages, cached until the store's data changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from lib.store import Store, resolve_url
from ui import state
from ui.state import versioned

R = TypeVar("R")


@versioned
def frame(store: Store, name: str, **filters) -> pd.DataFrame:
    """Store.frame(name, **filters), read once per data version."""
    return store.frame(name, **filters)


def derived(func: Callable[..., R], name: str, *args, **filters) -> R:
    """func(frame(name, **filters), *args), computed once per data version and arguments: a
    page's analysis is not redone on a rerun that changed none of its inputs (a click
    elsewhere on the page, a return to it). The arguments must be hashable by st.cache_data."""
    return _derived(
        f"{func.__module__}.{func.__qualname__}",
        resolve_url(),
        state.store().version(),
        func,
        name,
        tuple(sorted(filters.items())),
        args,
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _derived(
    key: str, url: str, version: int, _func: Callable[..., R], name: str, filters: tuple, args
) -> R:
    return _func(frame(name, **dict(filters)), *args)
