"""Faults: an unreachable server, a read-only database, a full disk, a killed import. Each gives the store's
typed error with its Chinese message, never a fallback, and the data already stored stays."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import time

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

from lib.errors import StoreFull, StoreReadOnly, StoreUnavailable
from lib.store import Store, resolve_url


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_postgresql_is_an_error_not_a_fallback(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"postgresql+psycopg://hotline@127.0.0.1:{_closed_port()}/x")
    monkeypatch.setenv("HOTLINE_DB", str(tmp_path / "fallback.db"))
    started = time.monotonic()

    with pytest.raises(StoreUnavailable, match="无法连接数据库") as raised:
        Store.open()

    assert time.monotonic() - started < 10
    assert "127.0.0.1" in raised.value.message
    assert not (tmp_path / "fallback.db").exists()


def test_url_comes_from_database_url_then_hotline_db(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(tmp_path / "h.db"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'h.db'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/d")
    assert resolve_url() == "postgresql+psycopg://u@h/d"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_unsupported_url_is_refused():
    with pytest.raises(StoreUnavailable, match="只支持 SQLite 与 PostgreSQL"):
        Store.open("mysql://u@h/d")


def test_first_open_creates_the_database_directory(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'new' / 'dir' / 'hotline.db'}")
    assert (tmp_path / "new" / "dir" / "hotline.db").is_file()
    store.close()


def _read_only_url(url: str) -> str:
    """The same database, opened so that every write is refused by the database itself."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///file:{parsed.database}?mode=ro&uri=true"
    options = f"{parsed.query['options']} -cdefault_transaction_read_only=on"
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


def test_read_only_database_refuses_writes_and_keeps_data(store_url, samples, monkeypatch):
    monkeypatch.setenv("HOTLINE_DEMO", "0")
    march, may = samples["2024-03.pdf"], samples["2024-05.pdf"]
    writable = Store.open(store_url)
    kept = writable.import_bulletin(march.bulletin, march.data)
    writable.close()

    read_only = Store.open(_read_only_url(store_url))
    assert [b.period for b in read_only.list_bulletins()] == ["2024-03"]
    with pytest.raises(StoreReadOnly, match="数据库只读，本次操作未保存"):
        read_only.import_bulletin(may.bulletin, may.data)
    with pytest.raises(StoreReadOnly):
        read_only.delete_bulletin(kept.bulletin_id)
    read_only.close()

    reopened = Store.open(store_url)
    assert [b.period for b in reopened.list_bulletins()] == ["2024-03"]
    assert len(reopened.frame("evaluations")) == len(march.bulletin.evaluations)
    assert reopened.integrity_problems() == []
    reopened.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_read_only_sqlite_file_refuses_writes(tmp_path, samples):
    path = tmp_path / "hotline.db"
    Store.open(f"sqlite:///{path}").close()
    path.chmod(0o444)
    store = Store.open(f"sqlite:///{path}")
    with pytest.raises(StoreReadOnly):
        store.import_bulletin(samples["2024-03.pdf"].bulletin, samples["2024-03.pdf"].data)
    store.close()


def test_full_disk_refuses_the_import_and_keeps_data(tmp_path, samples):
    march, may = samples["2024-03.pdf"], samples["2024-05.pdf"]
    store = Store.open(f"sqlite:///{tmp_path / 'hotline.db'}")
    store.import_bulletin(march.bulletin, march.data)
    version = store.version()

    @event.listens_for(store.engine, "connect")
    def no_room_to_grow(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    store.engine.dispose()
    with pytest.raises(StoreFull, match="磁盘已满，本次操作未保存"):
        store.import_bulletin(may.bulletin, may.data)

    assert [b.period for b in store.list_bulletins()] == ["2024-03"]
    assert store.version() == version
    assert store.integrity_problems() == []
    store.close()


def _import_and_hang(url, bulletin, data, halfway):
    """In a child process: start importing, announce when half the rows are written, hang."""
    from lib.store import importer

    def hang(*_args):
        halfway.set()
        time.sleep(600)

    importer._insert_adjustments = hang
    Store.open(url).import_bulletin(bulletin, data)


def test_process_killed_mid_import_leaves_nothing_behind(store, store_url, samples):
    march, may = samples["2024-03.pdf"], samples["2024-05.pdf"]
    store.import_bulletin(march.bulletin, march.data)
    context = multiprocessing.get_context("spawn")
    halfway = context.Event()
    child = context.Process(
        target=_import_and_hang, args=(store_url, may.bulletin, may.data, halfway)
    )
    child.start()
    assert halfway.wait(60), "the child never reached the middle of its import"

    os.kill(child.pid, signal.SIGKILL)
    child.join()

    assert [b.period for b in store.list_bulletins()] == ["2024-03"]
    assert len(store.frame("evaluations")) == len(march.bulletin.evaluations)
    assert store.integrity_problems() == []
    assert store.import_bulletin(may.bulletin, may.data).status == "imported"
