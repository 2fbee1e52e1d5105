"""Charts of 自助分析 saved under a name: the store's side (the spec is opaque JSON text here;
lib/analysis/explore.py writes and reads it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, select

from lib.errors import ViewNameTaken
from lib.store.schema import saved_views


def save_view(conn: Connection, name: str, spec: str, now: datetime) -> int:
    """Insert the view; its id. A name already used is refused, never overwritten: another
    person's link would silently show a different chart."""
    taken = conn.execute(select(saved_views.c.id).where(saved_views.c.name == name)).first()
    if taken is not None:
        raise ViewNameTaken(detail=name)
    inserted = conn.execute(saved_views.insert().values(name=name, spec=spec, saved_at=now))
    return inserted.inserted_primary_key[0]


def delete_view(conn: Connection, view_id: int) -> bool:
    return conn.execute(delete(saved_views).where(saved_views.c.id == view_id)).rowcount > 0
