"""Reads: the library listing and the frames the analysis pages work on.

Every frame carries `period` ('YYYY-MM') and `bulletin_id`, is sorted by period and printed
order (rows are inserted in the bulletin's order, so their ids keep it), and has the same columns and dtypes when empty, so a page never special-cases "no data".
Counts are int64 (Int64 where the bulletin may print nothing), rates and scores float64.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

import pandas as pd
from sqlalchemy import Boolean, Connection, Float, Integer, Select, func, select

from lib.store.records import BulletinInfo, Original
from lib.store.schema import (
    adjustments,
    bulletins,
    categories,
    evaluations,
    findings,
    grade_counts,
    overview,
    sections,
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
    return "str"


def _filtered(
    stmt: Select,
    channel_col,
    channel: str | None,
    periods: Iterable[str] | None,
    unit_col=None,
    unit_ids: Iterable[str] | None = None,
) -> Select:
    if channel is not None:
        stmt = stmt.where(channel_col == channel)
    if periods is not None:
        stmt = stmt.where(_B.period.in_(list(periods)))
    if unit_ids is not None:
        stmt = stmt.where(unit_col.in_(list(unit_ids)))
    return stmt


def evaluations_frame(
    conn: Connection,
    channel: str | None = None,
    periods: Iterable[str] | None = None,
    unit_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    e = evaluations.c
    stmt = (
        select(
            *_PERIOD,
            e.channel,
            e.group_name.label("group"),
            e.unit,
            e.unit_id,
            e.row_order.label("order"),
            e.page,
            e.due,
            e.handled,
            e.completion_rate,
            e.on_time,
            e.on_time_rate,
            e.rework,
            e.rework_rate,
            e.visited,
            e.visited_rate,
            e.score,
            e.grade,
            e.doubtful,
            e.bulletin_id,
        )
        .join_from(evaluations, bulletins)
        .order_by(_B.period, e.id)
    )
    return frame(conn, _filtered(stmt, e.channel, channel, periods, e.unit_id, unit_ids))


def adjustments_frame(
    conn: Connection,
    kind: str | None = None,
    periods: Iterable[str] | None = None,
    unit_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    a = adjustments.c
    stmt = (
        select(
            *_PERIOD,
            a.kind,
            a.unit,
            a.unit_id,
            a.points,
            a.indicator,
            a.detail,
            a.row_order.label("order"),
            a.page,
            a.doubtful,
            a.bulletin_id,
        )
        .join_from(adjustments, bulletins)
        .order_by(_B.period, a.id)
    )
    return frame(conn, _filtered(stmt, a.kind, kind, periods, a.unit_id, unit_ids))


def overview_frame(conn: Connection) -> pd.DataFrame:
    o = overview.c
    stmt = (
        select(
            *_PERIOD,
            o.calls,
            o.direct_answers,
            o.work_orders,
            o.completion_rate,
            o.on_time_rate,
            o.satisfaction_rate,
            o.mailbox_letters,
            o.mailbox_satisfaction_rate,
            o.bulletin_id,
        )
        .join_from(overview, bulletins)
        .order_by(_B.period)
    )
    return frame(conn, stmt)


def categories_frame(conn: Connection) -> pd.DataFrame:
    c = categories.c
    stmt = (
        select(*_PERIOD, c.name, c.count, c.share, c.row_order.label("order"), c.bulletin_id)
        .join_from(categories, bulletins)
        .order_by(_B.period, c.row_order)
    )
    return frame(conn, stmt)


def grade_counts_frame(conn: Connection) -> pd.DataFrame:
    g = grade_counts.c
    stmt = (
        select(
            *_PERIOD,
            g.channel,
            g.a.label("A"),
            g.b.label("B"),
            g.c.label("C"),
            g.d_or_below.label("D_or_below"),
            g.zero_units,
            g.units_total,
            g.bulletin_id,
        )
        .join_from(grade_counts, bulletins)
        .order_by(_B.period, g.channel)
    )
    return frame(conn, stmt)


def sections_frame(conn: Connection) -> pd.DataFrame:
    s = sections.c
    stmt = (
        select(*_PERIOD, s.key, s.heading, s.text, s.page, s.bulletin_id)
        .join_from(sections, bulletins)
        .order_by(_B.period, s.row_order)
    )
    return frame(conn, stmt)


def findings_frame(conn: Connection) -> pd.DataFrame:
    f = findings.c
    stmt = (
        select(
            *_PERIOD,
            f.channel,
            f.kind,
            f.table_name.label("table"),
            f.unit,
            f.field,
            f.printed,
            f.computed,
            f.message,
            f.page,
            f.bulletin_id,
        )
        .join_from(findings, bulletins)
        .order_by(_B.period, f.row_order)
    )
    return frame(conn, stmt)


def warnings_frame(conn: Connection) -> pd.DataFrame:
    w = warnings.c
    stmt = (
        select(*_PERIOD, w.message, w.page, w.snippet, w.bulletin_id)
        .join_from(warnings, bulletins)
        .order_by(_B.period, w.row_order)
    )
    return frame(conn, stmt)


def units_frame(conn: Connection) -> pd.DataFrame:
    return frame(conn, select(units.c.unit_id, units.c.name).order_by(units.c.unit_id))


def aliases_frame(conn: Connection) -> pd.DataFrame:
    a = unit_aliases.c
    stmt = (
        select(a.alias, a.unit_id, units.c.name, a.edited)
        .join_from(unit_aliases, units)
        .order_by(a.unit_id, a.alias)
    )
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
