"""One Bulletin into the tables, and out again. Runs inside the caller's write transaction.

Each table has its own insert step, called in turn, so a failure in any step (or a crash)
leaves the transaction to roll back as a whole: nothing of the bulletin is ever half there.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Connection, delete, select, update

from lib import PARSER_VERSION
from lib.errors import NotABulletin
from lib.model import FIGURES, Bulletin
from lib.store.aliases import ensure_units, sync_default_aliases, unit_index
from lib.store.records import ImportResult
from lib.store.schema import (
    BOX_COLUMNS,
    BULLETIN_PARTS,
    adjustments,
    bulletins,
    categories,
    evaluations,
    findings,
    grade_counts,
    overview,
    sections,
    store_state,
    warnings,
)
from lib.units import UnitIndex


def import_bulletin(
    conn: Connection,
    bulletin: Bulletin,
    original: bytes,
    *,
    replace: bool,
    demo: bool,
    parsed_at: datetime,
    now: datetime,
) -> ImportResult:
    """Decide duplicate / conflict / import / replace, and write accordingly."""
    period = _period_key(bulletin)
    sha256 = hashlib.sha256(original).hexdigest()
    same_file = _find(conn, bulletins.c.sha256, sha256)
    if same_file is not None:
        return ImportResult("duplicate", period, existing_id=same_file)
    same_month = _find(conn, bulletins.c.period, period)
    if same_month is not None and not replace:
        return ImportResult("conflict", period, existing_id=same_month)
    if same_month is not None:
        delete_bulletin(conn, same_month)
    bulletin_id = insert_bulletin(
        conn, bulletin, original, sha256=sha256, demo=demo, parsed_at=parsed_at, now=now
    )
    status = "imported" if same_month is None else "replaced"
    return ImportResult(status, period, bulletin_id=bulletin_id, existing_id=same_month)


def insert_bulletin(
    conn: Connection,
    bulletin: Bulletin,
    original: bytes,
    *,
    sha256: str,
    demo: bool,
    parsed_at: datetime,
    now: datetime,
) -> int:
    sync_default_aliases(conn)
    index = unit_index(conn)
    bulletin_id = _insert_header(conn, bulletin, original, sha256, demo, parsed_at, now)
    _insert_evaluations(conn, bulletin_id, bulletin, index)
    _insert_adjustments(conn, bulletin_id, bulletin, index)
    _insert_overview(conn, bulletin_id, bulletin)
    _insert_categories(conn, bulletin_id, bulletin)
    _insert_grade_counts(conn, bulletin_id, bulletin)
    _insert_sections(conn, bulletin_id, bulletin)
    _insert_findings(conn, bulletin_id, bulletin)
    _insert_warnings(conn, bulletin_id, bulletin)
    ensure_units(
        conn, {index.unit_id(r.unit) for r in [*bulletin.evaluations, *bulletin.adjustments]}
    )
    bump_version(conn)
    return bulletin_id


def delete_bulletin(conn: Connection, bulletin_id: int) -> bool:
    for table in BULLETIN_PARTS:
        conn.execute(delete(table).where(table.c.bulletin_id == bulletin_id))
    deleted = conn.execute(delete(bulletins).where(bulletins.c.id == bulletin_id)).rowcount
    if deleted:
        bump_version(conn)
    return bool(deleted)


def bump_version(conn: Connection) -> None:
    conn.execute(update(store_state).values(data_version=store_state.c.data_version + 1))


def _period_key(bulletin: Bulletin) -> str:
    if bulletin.period is None:
        raise NotABulletin(bulletin.source.filename, "未找到通报所属月份，无法入库")
    return bulletin.period.key


def _find(conn: Connection, column, value) -> int | None:
    return conn.execute(select(bulletins.c.id).where(column == value)).scalar()


def _insert_header(conn, b: Bulletin, original, sha256, demo, parsed_at, now) -> int:
    values = {
        "sha256": sha256,
        "period": b.period.key,
        "year": b.period.year,
        "month": b.period.month,
        "issue_year": b.issue.year,
        "issue_number": b.issue.number,
        "issue_label": b.issue.label,
        "published": b.published,
        "issuer": b.issuer,
        "filename": b.source.filename,
        "format": b.source.format,
        "pages": b.source.pages,
        "size": len(original),
        "original": original,
        "parsed_at": parsed_at,
        "imported_at": now,
        "parser_version": PARSER_VERSION,
        "is_demo": demo,
    }
    return conn.execute(bulletins.insert().values(values).returning(bulletins.c.id)).scalar_one()


def _insert_rows(conn: Connection, table, rows: list[dict]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def _insert_evaluations(conn, bulletin_id: int, b: Bulletin, index: UnitIndex) -> None:
    rows = [
        {
            "bulletin_id": bulletin_id,
            "channel": e.channel,
            "group_name": e.group,
            "unit": e.unit,
            "unit_id": index.unit_id(e.unit),
            "row_order": e.order,
            "page": e.page,
            **{f.name: getattr(e, f.name) for f in FIGURES},
            "doubtful": ",".join(e.doubtful),
            **dict(zip(BOX_COLUMNS, e.box or (None,) * len(BOX_COLUMNS), strict=True)),
            "row_text": e.row_text,
        }
        for e in b.evaluations
    ]
    _insert_rows(conn, evaluations, rows)


def _insert_adjustments(conn, bulletin_id: int, b: Bulletin, index: UnitIndex) -> None:
    _insert_rows(
        conn,
        adjustments,
        [
            {
                "bulletin_id": bulletin_id,
                "kind": a.kind,
                "unit": a.unit,
                "unit_id": index.unit_id(a.unit),
                "points": a.points,
                "indicator": a.indicator,
                "detail": a.detail,
                "row_order": a.order,
                "page": a.page,
                "doubtful": ",".join(a.doubtful),
            }
            for a in b.adjustments
        ],
    )


def _insert_overview(conn, bulletin_id: int, b: Bulletin) -> None:
    o = b.overview
    _insert_rows(
        conn,
        overview,
        [
            {
                "bulletin_id": bulletin_id,
                "calls": o.calls,
                "direct_answers": o.direct_answers,
                "work_orders": o.work_orders,
                "completion_rate": o.completion_rate,
                "on_time_rate": o.on_time_rate,
                "satisfaction_rate": o.satisfaction_rate,
                "mailbox_letters": b.mailbox.letters,
                "mailbox_satisfaction_rate": b.mailbox.satisfaction_rate,
            }
        ],
    )


def _insert_categories(conn, bulletin_id: int, b: Bulletin) -> None:
    _insert_rows(
        conn,
        categories,
        [
            {
                "bulletin_id": bulletin_id,
                "row_order": i,
                "name": c.name,
                "count": c.count,
                "share": c.share,
            }
            for i, c in enumerate(b.categories)
        ],
    )


def _insert_grade_counts(conn, bulletin_id: int, b: Bulletin) -> None:
    h, m = b.hotline_grades, b.mailbox_grades
    _insert_rows(
        conn,
        grade_counts,
        [
            {
                "bulletin_id": bulletin_id,
                "channel": "hotline",
                "a": h.A,
                "b": h.B,
                "c": h.C,
                "d_or_below": h.D_or_below,
                "zero_units": h.zero_orders,
                "units_total": h.units_total,
            },
            {
                "bulletin_id": bulletin_id,
                "channel": "mailbox",
                "a": m.A,
                "b": m.B,
                "c": m.C,
                "d_or_below": None,
                "zero_units": m.zero_letters,
                "units_total": m.units_total,
            },
        ],
    )


def _insert_sections(conn, bulletin_id: int, b: Bulletin) -> None:
    _insert_rows(
        conn,
        sections,
        [
            {
                "bulletin_id": bulletin_id,
                "row_order": i,
                "key": s.key,
                "heading": s.heading,
                "text": s.text,
                "page": s.page,
            }
            for i, s in enumerate(b.sections)
        ],
    )


def _insert_findings(conn, bulletin_id: int, b: Bulletin) -> None:
    _insert_rows(
        conn,
        findings,
        [
            {
                "bulletin_id": bulletin_id,
                "row_order": i,
                "kind": f.kind,
                "channel": f.channel,
                "table_name": f.table,
                "unit": f.unit,
                "field": f.field,
                "printed": _as_text(f.printed),
                "computed": _as_text(f.computed),
                "message": f.message,
                "page": f.page,
            }
            for i, f in enumerate(b.checks)
        ],
    )


def _insert_warnings(conn, bulletin_id: int, b: Bulletin) -> None:
    _insert_rows(
        conn,
        warnings,
        [
            {
                "bulletin_id": bulletin_id,
                "row_order": i,
                "message": w.message,
                "page": w.page,
                "snippet": w.snippet,
            }
            for i, w in enumerate(b.warnings)
        ],
    )


def _as_text(value) -> str | None:
    """Printed and computed values are shown, never computed with: kept as their text."""
    return None if value is None else str(value)
