"""Opening a store that does not exist yet from several processes at once: every one of them
gets the store, none is refused, and the store is created exactly once."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time

import pytest
from sqlalchemy import func, select

from lib.store import Store
from lib.store.migrations import CURRENT_VERSION
from lib.store.schema import schema_version, store_state
from tests.conftest import postgres_schemas

PROCESSES, ROUNDS = 4, 20


def test_first_open_waits_while_another_connection_creates_the_file(tmp_path):
    """What happens when another process is creating the file: it holds the write lock of a
    new, not yet WAL database. Switching to WAL cannot take that lock, and SQLite does not wait
    on the busy timeout for it; before the fix this was "数据库繁忙" at once."""
    path = tmp_path / "hotline.db"
    creator = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    creator.execute("BEGIN IMMEDIATE")
    creator.execute("CREATE TABLE being_created (x)")
    threading.Timer(0.5, lambda: creator.execute("ROLLBACK")).start()
    started = time.monotonic()

    store = Store.open(f"sqlite:///{path}")

    assert time.monotonic() - started >= 0.4
    assert store.list_bulletins() == []
    store.close()
    creator.close()


def _open_each_round(urls: list[str], barrier, results) -> None:
    """In a child process: for each round, wait for the others, then open the round's store."""
    from lib.errors import HotlineError

    for url in urls:
        barrier.wait()
        try:
            Store.open(url).close()
            results.put("ok")
        except HotlineError as error:
            results.put(error.message)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_store_urls(request, tmp_path):
    """ROUNDS URLs of stores that do not exist yet: SQLite files, or PostgreSQL schemas."""
    if request.param == "sqlite":
        yield [f"sqlite:///{tmp_path / f'round-{n}' / 'hotline.db'}" for n in range(ROUNDS)]
        return
    with postgres_schemas(ROUNDS) as urls:
        yield urls


def test_processes_opening_a_new_store_at_once_are_never_refused(new_store_urls):
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    children = [
        context.Process(target=_open_each_round, args=(new_store_urls, barrier, results))
        for _ in range(PROCESSES)
    ]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=120) for _ in range(PROCESSES * ROUNDS)]
    for child in children:
        child.join()

    assert [o for o in outcomes if o != "ok"] == []
    for url in new_store_urls:
        store = Store.open(url)
        with store.engine.connect() as conn:
            versions = conn.execute(select(schema_version.c.version)).scalars().all()
            states = conn.execute(select(func.count()).select_from(store_state)).scalar()
        assert (versions, states) == ([CURRENT_VERSION], 1)
        store.close()
