"""The Store: the one object the app and the CLI use to keep bulletins and read them back.

Thread-safe: share one Store across sessions (the app keeps it in st.cache_resource); every
method takes its own connection. Every write is one transaction, and every failure of the
database comes out as errors.StoreError (StoreUnavailable, StoreReadOnly), never half-done.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, select, update

from lib.model import Bulletin
from lib.store import aliases, importer, integrity, queries, reviews, saved
from lib.store.engine import connect, reading, resolve_url, safe_url, writing
from lib.store.migrations import ensure_schema
from lib.store.records import BulletinInfo, ImportResult, Original
from lib.store.schema import bulletins, store_state
from lib.store.sqlite import removed_if_creation_fails


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None, *, read_only: bool = False) -> Store:
        """Connect (URL, else DATABASE_URL, else HOTLINE_DB, else data/hotline.db) and
        create or upgrade the schema. Raises StoreUnavailable when the database cannot be
        reached: there is no fallback to another database. `read_only`: for callers that
        never write (export, briefing, backup); a SQLite file that cannot be written opens
        read-only anyway, and then every write raises StoreReadOnly."""
        engine = connect(resolve_url(url), read_only)
        try:
            with removed_if_creation_fails(engine):
                ensure_schema(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def url(self) -> str:
        """Where the data lives, password hidden: for the sidebar and error messages."""
        return safe_url(self.engine)

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    # --- writes -------------------------------------------------------------------------

    def import_bulletin(
        self,
        bulletin: Bulletin,
        original_bytes: bytes,
        *,
        replace: bool = False,
        demo: bool = False,
        parsed_at: datetime | None = None,
    ) -> ImportResult:
        """Store a parsed bulletin and its file, all in one transaction or not at all.

        Same file already stored → 'duplicate'; another file for the same month → 'conflict'
        (nothing written) unless `replace`, which swaps them in the same transaction.
        """
        now = _utc_now()
        with writing(self.engine) as conn:
            return importer.import_bulletin(
                conn,
                bulletin,
                original_bytes,
                replace=replace,
                demo=demo,
                parsed_at=_naive_utc(parsed_at) if parsed_at else now,
                now=now,
            )

    def delete_bulletin(self, bulletin_id: int) -> bool:
        """Remove a bulletin and all its rows; False when there was none with that id."""
        with writing(self.engine) as conn:
            return importer.delete_bulletin(conn, bulletin_id)

    def delete_demo(self) -> int:
        """Remove every bulletin loaded as demo data; returns how many."""
        with writing(self.engine) as conn:
            ids = conn.execute(select(bulletins.c.id).where(bulletins.c.is_demo)).scalars().all()
            return sum(importer.delete_bulletin(conn, i) for i in ids)

    def mark_demo_seeded(self) -> None:
        """Remember that the demo was loaded once, so it never comes back after deletion."""
        with writing(self.engine) as conn:
            conn.execute(update(store_state).values(demo_seeded=True))

    def set_alias(self, alias: str, unit_id: str) -> int:
        """Make `alias` a name of `unit_id` (an editor's edit) and re-point the stored rows
        printed with that name; returns how many rows now carry `unit_id`."""
        with writing(self.engine) as conn:
            changed = aliases.set_alias(conn, alias, unit_id)
            importer.bump_version(conn)
            return changed

    def remove_alias(self, alias: str) -> int:
        """Rows printed with `alias` become their own unit again; returns rows re-pointed."""
        with writing(self.engine) as conn:
            changed = aliases.remove_alias(conn, alias)
            importer.bump_version(conn)
            return changed

    def save_view(self, name: str, spec: str) -> int:
        """Keep a 自助分析 chart (its spec as JSON text) under a new `name`; returns its id.
        ViewNameTaken when the name is in use."""
        with writing(self.engine) as conn:
            view_id = saved.save_view(conn, name, spec, _utc_now())
            importer.bump_version(conn)
            return view_id

    def delete_view(self, view_id: int) -> bool:
        """Forget a saved view; False when there was none with that id."""
        with writing(self.engine) as conn:
            deleted = saved.delete_view(conn, view_id)
            importer.bump_version(conn)
            return deleted

    def append_review(self, build) -> int:
        """Append the review log entry `build(frame)` returns (lib/review/requests.py), built
        from frames read inside this write transaction; returns its id. A ReviewError raised
        by `build` leaves the store unchanged."""
        with writing(self.engine) as conn:
            return reviews.append(conn, build, _utc_now())

    # --- reads --------------------------------------------------------------------------

    def version(self) -> int:
        """A number that changes on every write: the app's cache key for frames."""
        with reading(self.engine) as conn:
            return queries.version(conn)

    def demo_seeded(self) -> bool:
        with reading(self.engine) as conn:
            return queries.demo_seeded(conn)

    def span(self) -> tuple[str, str] | None:
        """(first, last) period stored, as 'YYYY-MM', or None when the store is empty."""
        with reading(self.engine) as conn:
            return queries.span(conn)

    def list_bulletins(self) -> list[BulletinInfo]:
        with reading(self.engine) as conn:
            return queries.list_bulletins(conn)

    def original(self, bulletin_id: int) -> Original | None:
        """The file as uploaded: (filename, bytes), or None when there is no such bulletin."""
        with reading(self.engine) as conn:
            return queries.original(conn, bulletin_id)

    def frame(self, name: str, **filters) -> pd.DataFrame:
        """A stored table as a frame (queries.FRAMES: evaluations — corrected, see
        lib/review/apply.py — printed_evaluations, places, adjustments, overview, categories,
        grade_counts, sections, findings, warnings, review_log, units, aliases, saved_views),
        with the rows whose columns match `filters` (a value, or a list of values)."""
        with reading(self.engine) as conn:
            return queries.named_frame(conn, name, **filters)

    def integrity_problems(self) -> list[str]:
        """What is wrong with the stored data (orphan rows, SQLite's own checks); [] when sound."""
        with reading(self.engine) as conn:
            return integrity.problems(conn)


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
