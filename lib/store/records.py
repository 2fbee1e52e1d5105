"""What the store hands back besides frames: the outcome of an import, a stored bulletin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple

ImportStatus = Literal["imported", "duplicate", "conflict", "replaced"]


@dataclass(frozen=True)
class ImportResult:
    """What one import did.

    - imported: stored as `bulletin_id`.
    - duplicate: the same file (same sha256) is already stored as `existing_id`; nothing written.
    - conflict: another file for `period` is stored as `existing_id`; nothing written. Import
      again with replace=True once the user confirms.
    - replaced: `existing_id` was deleted and this file stored as `bulletin_id`, in one transaction.
    """

    status: ImportStatus
    period: str
    bulletin_id: int | None = None
    existing_id: int | None = None


@dataclass(frozen=True)
class BulletinInfo:
    """One stored bulletin as the library page lists it (without the original bytes)."""

    id: int
    period: str
    issue_label: str | None
    published: str | None
    filename: str
    format: str
    size: int
    sha256: str
    hotline_rows: int
    mailbox_rows: int
    adjustment_rows: int
    findings: int
    warnings: int
    parser_version: str
    parsed_at: datetime
    imported_at: datetime
    is_demo: bool

    @property
    def rows(self) -> int:
        return self.hotline_rows + self.mailbox_rows + self.adjustment_rows


class Original(NamedTuple):
    """The file as uploaded, for download: `filename, data = store.original(id)`."""

    filename: str
    data: bytes
