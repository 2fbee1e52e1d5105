"""Every row of the store out, in one snapshot, and back in, in one transaction: the SQL half
of lib/backup.py (which owns the file format).

Rows travel as JSON-ready dicts (datetimes as ISO text), bulletins without their bytes; the
originals travel apart. A snapshot is one read transaction (SQLite WAL; PostgreSQL
REPEATABLE READ), so an import committing meanwhile is in it wholly or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from itertools import islice

from sqlalchemy import Connection, DateTime, Engine, Table, delete, func, select, update

from lib.errors import StoreNotEmpty
from lib.store.engine import translated, writing
from lib.store.schema import (
    BULLETIN_PARTS,
    bulletins,
    review_log,
    saved_views,
    store_state,
    unit_aliases,
    units,
)

TABLES: tuple[Table, ...] = (
    store_state,
    units,
    unit_aliases,
    saved_views,
    bulletins,
    *BULLETIN_PARTS,
    review_log,
)
"""Every table a backup holds, parents before children (schema_version is the store's own)."""
BY_NAME = {table.name: table for table in TABLES}
_BATCH = 500


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction: every query inside sees the same committed moment."""
    with translated(engine), engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def rows(conn: Connection, table: Table) -> Iterator[dict]:
    """The table's rows in key order, bulletins without `original`."""
    columns = [c for c in table.columns if c.name != "original"]
    stmt = select(*columns).order_by(*table.primary_key.columns)
    for row in conn.execute(stmt):
        yield {key: _to_json(value) for key, value in row._mapping.items()}


def original(conn: Connection, bulletin_id: int) -> bytes:
    return bytes(
        conn.execute(select(bulletins.c.original).where(bulletins.c.id == bulletin_id)).scalar_one()
    )


def is_empty(conn: Connection) -> bool:
    """No bulletin, no editor's alias and no saved view: nothing a restore would destroy."""
    stored = conn.execute(select(func.count()).select_from(bulletins)).scalar_one()
    edited = conn.execute(
        select(func.count()).select_from(unit_aliases).where(unit_aliases.c.edited)
    ).scalar_one()
    views = conn.execute(select(func.count()).select_from(saved_views)).scalar_one()
    return stored == 0 and edited == 0 and views == 0


Loader = Callable[[Callable[[str, Iterable[dict]], int]], None]


def replace_all(engine: Engine, load: Loader, force: bool) -> None:
    """In one write transaction: refuse a store holding data unless `force`, empty it, let
    `load(insert)` insert every table's rows, and bump the data version past both the old
    and the loaded one so every running app reads afresh. Any error undoes all of it."""
    with writing(engine) as conn:
        if not force and not is_empty(conn):
            raise StoreNotEmpty()
        before = conn.execute(select(store_state.c.data_version)).scalar_one()
        for table in reversed(TABLES):
            conn.execute(delete(table))
        load(lambda name, table_rows: _insert(conn, BY_NAME[name], table_rows))
        loaded = conn.execute(select(store_state.c.data_version)).scalar_one()
        conn.execute(update(store_state).values(data_version=max(before, loaded) + 1))
        _reset_sequences(conn)


def _insert(conn: Connection, table: Table, table_rows: Iterable[dict]) -> int:
    dates = [c.name for c in table.columns if isinstance(c.type, DateTime)]
    count = 0
    size = 1 if table is bulletins else _BATCH  # a bulletin row carries its file
    remaining = iter(table_rows)
    while batch := list(islice(remaining, size)):
        conn.execute(table.insert(), [_from_json(row, dates) for row in batch])
        count += len(batch)
    return count


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL's id sequences past the restored ids (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for table in TABLES:
        key = table.c.get("id")
        if key is None or key.autoincrement is False:
            continue
        top = select(func.max(key)).scalar_subquery()
        conn.execute(
            select(
                func.setval(
                    func.pg_get_serial_sequence(table.name, "id"),
                    func.coalesce(top, 1),
                    top.is_not(None),
                )
            )
        )


def _to_json(value):
    return value.isoformat() if isinstance(value, datetime) else value


def _from_json(row: dict, dates: list[str]) -> dict:
    return {**row, **{k: datetime.fromisoformat(row[k]) for k in dates if row.get(k)}}
