"""The review log in the store: entries appended, never updated or deleted (lib/review/log.py).

An entry is built and checked inside the write transaction that appends it (`append`), from
frames read on that transaction's connection, so two editors cannot both undo one entry or
correct a month being replaced meanwhile.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from functools import partial

from sqlalchemy import Connection

from lib.review.log import Entry
from lib.store import queries
from lib.store.importer import bump_version
from lib.store.schema import review_log


def append(conn: Connection, build, now: datetime) -> int:
    """Append the entry `build(frame)` returns (frame: queries.named_frame on `conn`)."""
    entry: Entry = build(partial(queries.named_frame, conn))
    values = asdict(entry)
    values["group_name"] = values.pop("group")
    new_id = conn.execute(
        review_log.insert().values(**values, at=now).returning(review_log.c.id)
    ).scalar_one()
    bump_version(conn)
    return new_id
