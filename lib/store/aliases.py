"""The store's copy of the unit alias table, and the unit ids it gives printed names.

The store starts from lib/data/units.csv and keeps editors' changes (`edited`). Aliases the
csv gains later are added on the next import; an edited alias is never overwritten by the csv.
Rows are stored with the id this table gives their printed name, so an alias edit re-points
the rows already stored.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from lib.store.schema import adjustments, evaluations, unit_aliases, units
from lib.units import UnitIndex, normalise_name


def sync_default_aliases(conn: Connection) -> None:
    """Add the csv's aliases the store does not know yet (never touching edited ones)."""
    known = set(conn.execute(select(unit_aliases.c.alias)).scalars())
    missing = [(uid, alias) for uid, alias in UnitIndex.default().pairs() if alias not in known]
    ensure_units(conn, {uid for uid, _ in missing})
    if missing:
        conn.execute(
            unit_aliases.insert(),
            [{"alias": alias, "unit_id": uid, "edited": False} for uid, alias in missing],
        )


def unit_index(conn: Connection) -> UnitIndex:
    rows = conn.execute(select(unit_aliases.c.unit_id, unit_aliases.c.alias))
    return UnitIndex.from_pairs(rows.all())


def ensure_units(conn: Connection, unit_ids: set[str]) -> None:
    """Register unit ids not yet in `units`, each named after itself."""
    if not unit_ids:
        return
    known = set(conn.execute(select(units.c.unit_id)).scalars())
    new = sorted(unit_ids - known)
    if new:
        conn.execute(units.insert(), [{"unit_id": uid, "name": uid} for uid in new])


def set_alias(conn: Connection, alias: str, unit_id: str) -> int:
    """Make `alias` a name of `unit_id`; returns how many stored rows now carry that id."""
    alias, unit_id = normalise_name(alias), normalise_name(unit_id)
    ensure_units(conn, {unit_id})
    exists = conn.execute(select(unit_aliases.c.alias).where(unit_aliases.c.alias == alias))
    if exists.first() is None:
        conn.execute(unit_aliases.insert().values(alias=alias, unit_id=unit_id, edited=True))
    else:
        conn.execute(
            update(unit_aliases)
            .where(unit_aliases.c.alias == alias)
            .values(unit_id=unit_id, edited=True)
        )
    return _repoint_rows(conn, alias, unit_id)


def remove_alias(conn: Connection, alias: str) -> int:
    """Rows printed with `alias` become their own unit again; kept as an edit so the csv
    does not bring the alias back."""
    return set_alias(conn, alias, alias)


def _repoint_rows(conn: Connection, alias: str, unit_id: str) -> int:
    changed = 0
    for table in (evaluations, adjustments):
        printed = conn.execute(select(table.c.unit).distinct()).scalars()
        names = [name for name in printed if normalise_name(name) == alias]
        if names:
            result = conn.execute(
                update(table).where(table.c.unit.in_(names)).values(unit_id=unit_id)
            )
            changed += result.rowcount
    return changed
