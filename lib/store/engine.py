"""Where the store lives, how to connect to it, and its failures in the user's terms.

SQLite (the default) runs in WAL mode so readers never wait for the writer; every write
transaction starts with BEGIN IMMEDIATE, so writers queue on the busy timeout instead of
failing later with "database is locked" when a read lock cannot be upgraded. On PostgreSQL
writers queue on one transaction-scoped advisory lock: the same one-writer-at-a-time rule,
so an import's checks (same file? same month?) cannot race another import.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, exc, func, select
from sqlalchemy.engine import make_url

from lib.errors import StoreError, StoreReadOnly, StoreUnavailable

DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "hotline.db"
BUSY_TIMEOUT_S = 60
PG_CONNECT_TIMEOUT_S = 5
WRITER_LOCK_KEY = 0x12345
_WRITE = "hotline_write"

_READ_ONLY_SQLITE = ("SQLITE_READONLY", "SQLITE_FULL")
_UNAVAILABLE_SQLITE = ("SQLITE_CANTOPEN", "SQLITE_NOTADB", "SQLITE_CORRUPT")
_BUSY_SQLITE = ("SQLITE_BUSY", "SQLITE_LOCKED")
_READ_ONLY_PG = ("25006", "53100")


def resolve_url(url: str | None = None) -> str:
    """The URL given, else DATABASE_URL, else HOTLINE_DB (a file path), else data/hotline.db."""
    if url:
        return url
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{Path(os.environ.get('HOTLINE_DB') or DEFAULT_DB)}"


def connect(url: str) -> Engine:
    """An engine for a sqlite:// or postgresql+psycopg:// URL; nothing is opened yet."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        if parsed.get_backend_name() == "postgresql":
            return create_engine(
                url, pool_pre_ping=True, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S}
            )
    except (exc.ArgumentError, exc.NoSuchModuleError) as error:
        raise StoreUnavailable(detail=f"数据库地址无效：{error}") from error
    raise StoreUnavailable(detail="只支持 SQLite 与 PostgreSQL 数据库地址")


def safe_url(engine: Engine) -> str:
    """Where the data lives, for messages: the SQLite file, or the URL without its password."""
    if engine.dialect.name == "sqlite":
        return engine.url.database or ":memory:"
    return engine.url.render_as_string(hide_password=True)


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:" and not parsed.query.get("uri"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # sqlite3 must not emit its own BEGIN: SQLAlchemy's begin hook below does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA foreign_keys = ON")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One consistent read: every query inside sees the same snapshot."""
    with translated(engine), engine.connect() as conn:
        yield conn


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, committed at the end of the block, rolled back on any error.

    Writers are serialised (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL).
    """
    with translated(engine), engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(select(func.pg_advisory_xact_lock(WRITER_LOCK_KEY)))
            yield conn


@contextmanager
def translated(engine: Engine) -> Iterator[None]:
    """Database errors become the store's typed errors; nothing else is caught."""
    try:
        yield
    except exc.DBAPIError as error:
        raise store_error(error, engine) from error


def store_error(error: exc.DBAPIError, engine: Engine) -> StoreError:
    orig, where = error.orig, safe_url(engine)
    sqlite_name = getattr(orig, "sqlite_errorname", "") or ""
    sqlstate = getattr(orig, "sqlstate", None) or ""
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
