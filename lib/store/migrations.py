"""The schema's version and the path from any older version to the current one.

A new store gets the current schema (schema.py) in one step and is stamped CURRENT_VERSION.
An older store runs the numbered migrations after its version, in order, each in the same
write transaction as its stamp, so a store is always at exactly one version.
To change the schema: edit schema.py, add `_to_N` below, register it in MIGRATIONS.

Versions:
1. bulletins and their parts, store_state, schema_version.
2. units and unit_aliases (the store's copy of lib/data/units.csv), backfilled from the rows.
3. saved_views (自助分析 charts saved under a name).
4. `doubtful` on evaluations and adjustments (the fields read without certainty); '' on rows
   stored before, which came from text layers and were read as printed.
5. review_log (the review and correction audit log); where each evaluation row was printed
   (box_x0 … box_bottom, row_text), empty on rows stored before: re-import a month to show
   its crops.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, func, inspect, select, text, union

from lib.errors import StoreError
from lib.store.aliases import ensure_units, sync_default_aliases
from lib.store.engine import reading, writing
from lib.store.schema import (
    adjustments,
    evaluations,
    metadata,
    place_columns,
    review_log,
    saved_views,
    schema_version,
    store_state,
    unit_aliases,
    units,
)


def _to_2(conn: Connection) -> None:
    units.create(conn)
    unit_aliases.create(conn)
    sync_default_aliases(conn)
    printed = union(select(evaluations.c.unit_id), select(adjustments.c.unit_id))
    ensure_units(conn, set(conn.execute(printed).scalars()))


def _to_3(conn: Connection) -> None:
    saved_views.create(conn)


def _to_4(conn: Connection) -> None:
    for table in (evaluations, adjustments):
        conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN doubtful TEXT NOT NULL DEFAULT ''"))


def _to_5(conn: Connection) -> None:
    review_log.create(conn)
    for column in place_columns():
        kind = column.type.compile(dialect=conn.dialect)
        default = " NOT NULL DEFAULT ''" if column.server_default is not None else ""
        conn.execute(
            text(f"ALTER TABLE {evaluations.name} ADD COLUMN {column.name} {kind}{default}")
        )


MIGRATIONS = {2: _to_2, 3: _to_3, 4: _to_4, 5: _to_5}
CURRENT_VERSION = 5


def ensure_schema(engine: Engine) -> int:
    """Create or upgrade the schema; returns the version found before. Reads only when current."""
    with reading(engine) as conn:
        found = stored_version(conn)
    if found == CURRENT_VERSION:
        return found
    if found > CURRENT_VERSION:
        raise StoreError(detail=f"数据库结构版本 {found} 比本程序新，请升级程序")
    with writing(engine) as conn:
        found = stored_version(conn)
        if found == 0:
            _create(conn)
        else:
            _upgrade(conn, found)
    return found


def stored_version(conn: Connection) -> int:
    if not inspect(conn).has_table(schema_version.name):
        return 0
    return conn.execute(select(func.max(schema_version.c.version))).scalar() or 0


def _create(conn: Connection) -> None:
    metadata.create_all(conn)
    conn.execute(store_state.insert().values(id=1, data_version=0, demo_seeded=False))
    sync_default_aliases(conn)
    _stamp(conn, CURRENT_VERSION)


def _upgrade(conn: Connection, found: int) -> None:
    for version in range(found + 1, CURRENT_VERSION + 1):
        MIGRATIONS[version](conn)
        _stamp(conn, version)


def _stamp(conn: Connection, version: int) -> None:
    conn.execute(
        schema_version.insert().values(
            version=version, applied_at=datetime.now(UTC).replace(tzinfo=None)
        )
    )
