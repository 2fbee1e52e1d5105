"""Where the store lives, how to connect to it, and its failures in the user's terms.

SQLite (the default, lib/store/sqlite.py) runs in WAL mode so readers never wait for the
writer; every write transaction starts with BEGIN IMMEDIATE, so writers queue on the busy
timeout instead of failing later with "database is locked" when a read lock cannot be
upgraded. On PostgreSQL writers queue on one transaction-scoped advisory lock: the same
one-writer-at-a-time rule, so an import's checks (same file? same month?) cannot race
another import.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, exc, func, select
from sqlalchemy.engine import make_url

from lib.errors import (
    StoreError,
    StoreFull,
    StoreFullReading,
    StoreReadOnly,
    StoreUnavailable,
)
from lib.store.sqlite import WRITE_OPTION, sqlite_engine

DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "hotline.db"
PG_CONNECT_TIMEOUT_S = 5
WRITER_LOCK_KEY = 0x12345

# SQLite reports a full disk as SQLITE_FULL when writing pages, and as a failure to grow the
# WAL's shared-memory file (which even a reader needs) when opening.
_FULL_SQLITE = ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE")
_READ_ONLY_SQLITE = ("SQLITE_READONLY",)
_UNAVAILABLE_SQLITE = ("SQLITE_CANTOPEN", "SQLITE_NOTADB", "SQLITE_CORRUPT")
_BUSY_SQLITE = ("SQLITE_BUSY", "SQLITE_LOCKED")
_FULL_PG = ("53100",)
_READ_ONLY_PG = ("25006",)


def resolve_url(url: str | None = None) -> str:
    """The URL given, else DATABASE_URL, else HOTLINE_DB (a file path), else data/hotline.db."""
    if url:
        return url
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{Path(os.environ.get('HOTLINE_DB') or DEFAULT_DB)}"


def connect(url: str, read_only: bool = False) -> Engine:
    """An engine for a sqlite:// or postgresql+psycopg:// URL; nothing is opened yet, except
    that a new SQLite store's folder is made. `read_only`: only ever read (lib/store/sqlite.py
    says when a SQLite file is opened read-only anyway)."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            return sqlite_engine(url, read_only)
        if parsed.get_backend_name() == "postgresql":
            engine = create_engine(
                url, pool_pre_ping=True, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S}
            )
            if read_only:
                event.listen(engine, "connect", _pg_read_only)
            return engine
    except (exc.ArgumentError, exc.NoSuchModuleError) as error:
        raise StoreUnavailable(detail=f"数据库地址无效：{error}") from error
    raise StoreUnavailable(detail="只支持 SQLite 与 PostgreSQL 数据库地址")


def safe_url(engine: Engine) -> str:
    """Where the data lives, for messages: the SQLite file, or the URL without its password."""
    if engine.dialect.name == "sqlite":
        return engine.url.database or ":memory:"
    return engine.url.render_as_string(hide_password=True)


def _pg_read_only(dbapi_connection, _record) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    dbapi_connection.commit()


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One consistent read: every query inside sees the same snapshot."""
    with translated(engine, reading=True), engine.connect() as conn:
        yield conn


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, committed at the end of the block, rolled back on any error.

    Writers are serialised (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL).
    """
    with translated(engine), engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(select(func.pg_advisory_xact_lock(WRITER_LOCK_KEY)))
            yield conn


@contextmanager
def translated(engine: Engine, reading: bool = False) -> Iterator[None]:
    """Database errors become the store's typed errors; nothing else is caught. `reading`: the
    block only reads, so a full disk is reported as keeping the data from being read."""
    try:
        yield
    except exc.DBAPIError as error:
        raise store_error(error, engine, reading) from error


def store_error(error: exc.DBAPIError, engine: Engine, reading: bool = False) -> StoreError:
    orig, where = error.orig, safe_url(engine)
    sqlite_name = getattr(orig, "sqlite_errorname", "") or ""
    sqlstate = getattr(orig, "sqlstate", None) or ""
    if sqlite_name.startswith(_FULL_SQLITE) or sqlstate in _FULL_PG:
        return StoreFullReading(detail=where) if reading else StoreFull(detail=where)
    if sqlite_name.startswith(_READ_ONLY_SQLITE) or sqlstate in _READ_ONLY_PG:
        return StoreReadOnly(detail=where)
    if sqlite_name.startswith(_BUSY_SQLITE):
        return StoreError(detail="数据库繁忙，请稍后重试")
    unreachable = (
        sqlite_name.startswith(_UNAVAILABLE_SQLITE)
        if engine.dialect.name == "sqlite"
        else _pg_unreachable(error, sqlstate)
    )
    if unreachable:
        return StoreUnavailable(detail=where)
    return StoreError(detail=type(orig).__name__)


def _pg_unreachable(error: exc.DBAPIError, sqlstate: str) -> bool:
    """No server answering (no SQLSTATE), a broken connection (08…), or a shutdown (57P…)."""
    if error.connection_invalidated or sqlstate.startswith(("08", "57P")):
        return True
    return isinstance(error, exc.OperationalError | exc.InterfaceError) and not sqlstate
