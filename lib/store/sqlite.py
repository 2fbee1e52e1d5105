"""A SQLite store's file: its folder made, opened for writing or only for reading, WAL switched
on even while other processes open the same new file, and no stray files after a failed creation.

Read-only: a file or folder this process cannot write (a read-only mount, a file without write
permission) is opened with `mode=ro`, so reading works and every write fails with SQLite's own
"read-only" error. WAL needs a `-shm` file beside the database; on a read-only folder without
one (no process has the database open) the file is opened `immutable`, which reads it without
locks or shared memory — the one way SQLite can read it there.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from lib.errors import StoreFull, StoreFullReading, StoreNotCreated, StoreUnavailable, os_cause

BUSY_TIMEOUT_S = 60
WRITE_OPTION = "hotline_write"
_COMPANIONS = ("-wal", "-shm", "-journal")
_FIRST_PAGE = 4096  # SQLite's default page size
# mkdir under /proc, under a file, or where a file of that name exists
_NO_FOLDER_HERE = (errno.ENOENT, errno.ENOTDIR, errno.EEXIST)


def sqlite_engine(url: str, read_only: bool = False) -> Engine:
    """An engine on the SQLite database at `url`; read-only when asked or when the file or its
    folder cannot be written."""
    path = database_file(url)
    if path is not None:
        _make_folder(path)
        if read_only and not path.exists():
            raise StoreUnavailable(detail=f"{path} 不存在")
        if read_only or not _writable(path):
            return _read_only_engine(path)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def database_file(url: str) -> Path | None:
    """The file of a plain sqlite:///path URL; None for memory, `file:` URI and other
    databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.query.get("uri"):
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


@contextmanager
def removed_if_creation_fails(engine: Engine) -> Iterator[None]:
    """Around the first opening of a SQLite store: when this call creates the file and the
    block fails (a full disk, most often), the file and its -wal/-shm are removed again, so a
    failed creation leaves nothing behind.

    The file is created here with O_EXCL, so of several processes creating the same store only
    the one that made the file removes it, and only while nothing is stored in it.
    """
    path = database_file(engine.url.render_as_string(hide_password=False))
    created = path is not None and _create_empty(path)
    try:
        yield
    except BaseException as error:
        if not created:
            raise
        engine.dispose()
        _remove_if_empty(path)
        if isinstance(error, StoreFull | StoreFullReading):
            raise StoreNotCreated(str(path), "磁盘已满") from None
        raise


def _make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        cause = "此处不能创建文件夹" if error.errno in _NO_FOLDER_HERE else os_cause(error)
        raise StoreNotCreated(str(path), cause) from None


def _writable(path: Path) -> bool:
    """A store that does not exist yet counts as writable: creating it says what is wrong."""
    if not path.exists():
        return True
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _create_empty(path: Path) -> bool:
    """True when this call created the (empty) file; an empty file is an empty SQLite database."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        return False
    except OSError as error:
        raise StoreNotCreated(str(path), os_cause(error)) from None
    return True


def _remove_if_empty(path: Path) -> None:
    """Remove the file and its companions if no table was stored: the file holds at most its
    first page (the header the switch to WAL writes) and the WAL holds nothing."""
    companions = [path.with_name(path.name + suffix) for suffix in _COMPANIONS]
    if _size(path) > _FIRST_PAGE or _size(companions[0]) > 0:
        return
    for p in (path, *companions):
        p.unlink(missing_ok=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _read_only_engine(path: Path) -> Engine:
    uri = f"file:{quote(str(path))}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not wal.exists():
        uri += "&immutable=1"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)

    engine = create_engine(f"sqlite:///{path}", creator=connect)
    event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection, _record) -> None:
    # sqlite3 must not emit its own BEGIN: SQLAlchemy's begin hook below does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA foreign_keys = ON")
    _use_wal(cursor)
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _on_connect_read_only(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")


def _use_wal(cursor) -> None:
    """Switch the file to WAL, waiting for other processes that are doing the same.

    The switch upgrades a read lock to a write lock, and SQLite does not call the busy handler
    for that upgrade (two connections waiting on each other would deadlock): while another
    process creates the file or switches it, the pragma fails at once with SQLITE_BUSY. So it
    is retried here, up to the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    pause = 0.002
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            busy = getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY")
            if not busy or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _on_begin(conn) -> None:
    write = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
