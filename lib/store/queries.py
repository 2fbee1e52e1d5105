"""Reads: the library listing and the frames the analysis pages work on.

Every frame of a bulletin part carries `period` ('YYYY-MM') and `bulletin_id`, is sorted by
period and printed order, and has the same columns and dtypes when empty, so a page never
special-cases "no data". A new table needs its schema and an entry in FRAMES, nothing more.
Counts are int64 (Int64 where the bulletin may print nothing), rates and scores float64.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from functools import partial

import pandas as pd
from sqlalchemy import Boolean, Connection, DateTime, Float, Integer, Select, Table, func, select

from lib.review.apply import corrected
from lib.store.records import BulletinInfo, Original
from lib.store.schema import (
    BOX_COLUMNS,
    BULLETIN_PARTS,
    adjustments,
    bulletins,
    evaluations,
    findings,
    review_log,
    saved_views,
    store_state,
    unit_aliases,
    units,
    warnings,
)

_B = bulletins.c
_PERIOD = (_B.period, _B.year, _B.month)


def frame(conn: Connection, stmt: Select) -> pd.DataFrame:
    """The rows of `stmt` as a DataFrame with dtypes from the column types."""
    return pd.read_sql(stmt, conn, dtype={c.key: _dtype(c) for c in stmt.selected_columns})


def _dtype(column) -> str:
    kind, base = column.type, getattr(column, "element", column)
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Integer):
        return "Int64" if getattr(base, "nullable", True) else "int64"
    if isinstance(kind, Float):
        return "float64"
    if isinstance(kind, DateTime):
        return "datetime64[us]"
    return "str"


_LABELS = {
    "group_name": "group",
    "row_order": "order",
    "table_name": "table",
    "a": "A",
    "b": "B",
    "c": "C",
    "d_or_below": "D_or_below",
}
"""Stored column names that avoid SQL keywords, and the model's names frames use instead."""


_PLACE = {*BOX_COLUMNS, "row_text"}
"""Where an evaluation row was printed: in the `places` frame, not in every evaluations frame."""


def _bulletin_part(table: Table, leave_out: frozenset[str] = frozenset()) -> Select:
    """A bulletin part with its month first, its own columns (renamed per _LABELS) next and
    `bulletin_id` last, ordered by month and printed order (rows are inserted in the
    bulletin's order, so their ids keep it; a table without ids by its other key)."""
    skip = {"id", "bulletin_id", *leave_out}
    own = [c.label(_LABELS.get(c.name, c.name)) for c in table.c if c.name not in skip]
    order = (
        [table.c.id]
        if "id" in table.c
        else [c for c in table.primary_key if c.name != "bulletin_id"]
    )
    return (
        select(*_PERIOD, *own, table.c.bulletin_id)
        .join_from(table, bulletins)
        .order_by(_B.period, *order)
    )


def _aliases() -> Select:
    a = unit_aliases.c
    return (
        select(a.alias, a.unit_id, units.c.name, a.edited)
        .join_from(unit_aliases, units)
        .order_by(a.unit_id, a.alias)
    )


def _places() -> Select:
    """Each evaluation row's key (month, bulletin, channel, printed order) and where it was
    printed: page, box (points) and the row as read."""
    e = evaluations.c
    return (
        select(
            *_PERIOD,
            e.channel,
            e.group_name.label("group"),
            e.unit,
            e.row_order.label("order"),
            e.page,
            *(e[name] for name in BOX_COLUMNS),
            e.row_text,
            e.bulletin_id,
        )
        .join_from(evaluations, bulletins)
        .order_by(_B.period, e.id)
    )


def _review_log() -> Select:
    r = review_log.c
    own = [c.label(_LABELS.get(c.name, c.name)) for c in review_log.c if c.name != "period"]
    return select(r.period, *own).order_by(r.id)


FRAMES: dict[str, Callable[[], Select]] = {
    **{table.name: partial(_bulletin_part, table) for table in BULLETIN_PARTS},
    "printed_evaluations": partial(_bulletin_part, evaluations, frozenset(_PLACE)),
    "places": _places,
    "review_log": _review_log,
    "units": lambda: select(units.c.unit_id, units.c.name).order_by(units.c.unit_id),
    "aliases": _aliases,
    "saved_views": lambda: select(
        saved_views.c.id, saved_views.c.name, saved_views.c.spec, saved_views.c.saved_at
    ).order_by(saved_views.c.id),
}
FRAMES["evaluations"] = FRAMES["printed_evaluations"]
"""Every frame the store hands out, by name (Store.frame). `evaluations` are the values in
force — the printed ones with the review log's corrections applied (lib/review/apply.py), and
`corrected`/`correction` saying where; `printed_evaluations` the values as printed."""


def named_frame(conn: Connection, name: str, **filters) -> pd.DataFrame:
    """The frame `name` (FRAMES), keeping the rows whose column equals a filter's value, or is
    in it when the value is a list, tuple or set: `named_frame(conn, "evaluations",
    channel="hotline", period=["2024-03"])`."""
    rows = _filtered(conn, name, filters)
    if name != "evaluations":
        return rows
    log = _filtered(conn, "review_log", {"period": sorted(set(rows["period"]))})
    return corrected(rows, log)


def _filtered(conn: Connection, name: str, filters: dict) -> pd.DataFrame:
    stmt = FRAMES[name]()
    columns = {c.key: c for c in stmt.selected_columns}
    for key, value in filters.items():
        column = columns[key]
        if isinstance(value, list | tuple | set | frozenset):
            stmt = stmt.where(column.in_(list(value)))
        else:
            stmt = stmt.where(column == value)
    return frame(conn, stmt)


def _count(table, *where) -> object:
    return (
        select(func.count())
        .select_from(table)
        .where(table.c.bulletin_id == _B.id, *where)
        .scalar_subquery()
    )


def list_bulletins(conn: Connection) -> list[BulletinInfo]:
    e = evaluations.c
    stmt = select(
        _B.id,
        _B.period,
        _B.issue_label,
        _B.published,
        _B.filename,
        _B.format,
        _B.size,
        _B.sha256,
        _count(evaluations, e.channel == "hotline").label("hotline_rows"),
        _count(evaluations, e.channel == "mailbox").label("mailbox_rows"),
        _count(adjustments).label("adjustment_rows"),
        _count(findings).label("findings"),
        _count(warnings).label("warnings"),
        _B.parser_version,
        _B.parsed_at,
        _B.imported_at,
        _B.is_demo,
    ).order_by(_B.period)
    return [_info(row._mapping) for row in conn.execute(stmt)]


def _info(row) -> BulletinInfo:
    """Times are stored as naive UTC; handed out aware."""
    times = {k: row[k].replace(tzinfo=UTC) for k in ("parsed_at", "imported_at")}
    return BulletinInfo(**{**row, **times})


def original(conn: Connection, bulletin_id: int) -> Original | None:
    row = conn.execute(select(_B.filename, _B.original).where(_B.id == bulletin_id)).first()
    return None if row is None else Original(row.filename, bytes(row.original))


def span(conn: Connection) -> tuple[str, str] | None:
    first, last = conn.execute(select(func.min(_B.period), func.max(_B.period))).one()
    return None if first is None else (first, last)


def version(conn: Connection) -> int:
    return conn.execute(select(store_state.c.data_version)).scalar_one()


def demo_seeded(conn: Connection) -> bool:
    return bool(conn.execute(select(store_state.c.demo_seeded)).scalar_one())
