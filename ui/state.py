"""The store for this app process, and its data cached per data version.

The store handle is one per database URL (st.cache_resource), shared by every session; on its
first opening the demo bulletins are loaded. Data read from it is cached (st.cache_data) under
the store's version(), which every write bumps, so a save in one session is seen by all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from lib.demo import ensure_demo
from lib.store import BulletinInfo, Store, resolve_url

R = TypeVar("R")


@st.cache_resource(show_spinner="正在打开通报库…")
def _open(url: str) -> Store:
    store = Store.open(url)
    ensure_demo(store)
    return store


def store() -> Store:
    """The store at DATABASE_URL / HOTLINE_DB (read on every call, so tests can point elsewhere)."""
    return _open(resolve_url())


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(name: str, url: str, version: int, _func: Callable, args: tuple, kwargs: dict):
    return _func(store(), *args, **kwargs)


def versioned(func: Callable[..., R]) -> Callable[..., R]:
    """Cache `func(store, *args)` until the store's data changes: decorate a reader of the store.

    The arguments after the store must be hashable by st.cache_data (str, int, tuples, frames).
    """

    @functools.wraps(func)
    def call(*args, **kwargs) -> R:
        current = store()
        return _cached(
            f"{func.__module__}.{func.__qualname__}",
            resolve_url(),
            current.version(),
            func,
            args,
            kwargs,
        )

    return call


@versioned
def library(store: Store) -> list[BulletinInfo]:
    """Every stored bulletin, oldest month first."""
    return sorted(store.list_bulletins(), key=lambda info: info.period)


def months() -> list[str]:
    return [info.period for info in library()]
