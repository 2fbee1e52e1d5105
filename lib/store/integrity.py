"""The store's integrity check: what a crash or a bug could have left behind.

Run after a fault (tests, `python -m lib backup`) to prove that nothing half-written exists:
no row without its bulletin, no bulletin without its figures, one state row, and on SQLite
the engine's own page and foreign-key checks.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from lib.store.schema import BULLETIN_PARTS, bulletins, overview, store_state


def problems(conn: Connection) -> list[str]:
    found = [*_orphans(conn), *_incomplete(conn)]
    if conn.execute(select(func.count()).select_from(store_state)).scalar_one() != 1:
        found.append("store_state 应恰有一行")
    if conn.dialect.name == "sqlite":
        found += _sqlite_checks(conn)
    return found


def _orphans(conn: Connection) -> list[str]:
    found = []
    for table in BULLETIN_PARTS:
        orphan = ~table.c.bulletin_id.in_(select(bulletins.c.id))
        count = conn.execute(select(func.count()).select_from(table).where(orphan)).scalar_one()
        if count:
            found.append(f"{table.name}: {count} 行没有对应的通报")
    return found


def _incomplete(conn: Connection) -> list[str]:
    """Every import writes an overview row: a bulletin without one was cut short."""
    missing = ~bulletins.c.id.in_(select(overview.c.bulletin_id))
    ids = conn.execute(select(bulletins.c.id).where(missing)).scalars().all()
    return [f"通报 {i} 缺少概况行（导入不完整）" for i in ids]


def _sqlite_checks(conn: Connection) -> list[str]:
    pages = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
    keys = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    found = [] if pages == ["ok"] else [f"SQLite integrity_check: {p}" for p in pages]
    return found + [f"SQLite foreign_key_check: {tuple(row)}" for row in keys]
