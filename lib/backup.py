"""`python -m lib backup OUT.zip` and `python -m lib restore OUT.zip`: the whole store in one zip.

    manifest.json           what this is, the schema version, row counts, every original's sha256
    tables/<name>.jsonl     one JSON object per row (lib/store/dump.py), bulletins without bytes
    originals/<id>-<name>   every bulletin's file as uploaded, to open as it is

One format for both backends, so a SQLite backup restores into PostgreSQL and back. The backup
reads everything in one snapshot while the app keeps working, and is written through
lib/outputs.py, so a failed backup leaves no half file. A restore checks what it reads (the
format, the schema version, each table's columns and row count, each original's sha256) inside
the one transaction that replaces the store's contents: a bad backup changes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lib import outputs
from lib.errors import BackupDamaged, BackupIncompatible, NotABackup
from lib.store import Store, dump
from lib.store.migrations import CURRENT_VERSION
from lib.store.schema import bulletins

FORMAT = "hotline-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\\/:*?"<>|]')


@dataclass(frozen=True)
class Summary:
    """What a backup holds: rows per table; `bulletins` is the number of months."""

    rows: dict[str, int]

    @property
    def bulletins(self) -> int:
        return self.rows[bulletins.name]


def backup(store: Store, out: Path) -> Summary:
    """Write the store to `out` (a zip), consistent while other sessions write."""
    with (
        outputs.replacing(out) as file,
        dump.snapshot(store.engine) as conn,
        zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        counts = {t.name: _write_table(archive, t.name, dump.rows(conn, t)) for t in dump.TABLES}
        originals = [
            _write_original(archive, row, dump.original(conn, row["id"]))
            for row in dump.rows(conn, bulletins)
        ]
        archive.writestr(
            MANIFEST,
            json.dumps(_manifest(store, counts, originals), ensure_ascii=False, indent=1),
        )
    return Summary(counts)


def restore(store: Store, source: Path, force: bool = False) -> Summary:
    """Replace the store's contents with the backup at `source`; StoreNotEmpty when the store
    holds bulletins or alias edits, unless `force`."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise NotABackup(source.name) from None
    with archive:
        manifest = _read_manifest(archive, source.name)
        originals = {entry["bulletin_id"]: entry for entry in manifest["originals"]}

        def load(insert) -> None:
            for table in dump.TABLES:
                rows = _read_table(archive, table, source.name)
                if table is bulletins:
                    rows = _with_originals(archive, rows, originals, source.name)
                if insert(table.name, rows) != manifest["rows"][table.name]:
                    raise BackupDamaged(source.name, f"{table.name} 表行数与清单不符")

        try:
            dump.replace_all(store.engine, load, force)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
            raise BackupDamaged(source.name, type(error).__name__) from None
    return Summary(manifest["rows"])


def _write_table(archive: zipfile.ZipFile, name: str, rows: Iterator[dict]) -> int:
    count = 0
    with (
        archive.open(f"tables/{name}.jsonl", "w") as raw,
        io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as out,
    ):
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n")
            count += 1
    return count


def _write_original(archive: zipfile.ZipFile, row: dict, data: bytes) -> dict:
    name = _UNSAFE_IN_NAME.sub("_", row["filename"]).lstrip(".")[-120:] or "file"
    path = f"originals/{row['id']}-{name}"
    archive.writestr(path, data)
    return {
        "bulletin_id": row["id"],
        "period": row["period"],
        "filename": row["filename"],
        "path": path,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def _manifest(store: Store, counts: dict[str, int], originals: list[dict]) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": CURRENT_VERSION,
        "backend": store.backend,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": counts,
        "originals": originals,
    }


def _read_manifest(archive: zipfile.ZipFile, name: str) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile, zlib.error):
        raise NotABackup(name) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise NotABackup(name)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupIncompatible(
            name, f"备份格式版本 {manifest.get('format_version')}，本程序读取版本 {FORMAT_VERSION}"
        )
    if manifest.get("schema_version") != CURRENT_VERSION:
        raise BackupIncompatible(
            name,
            f"备份的数据库结构版本 {manifest.get('schema_version')}，本程序为 {CURRENT_VERSION}",
        )
    rows = manifest.get("rows")
    if (
        not isinstance(rows, dict)
        or set(rows) != set(dump.BY_NAME)
        or not isinstance(manifest.get("originals"), list)
    ):
        raise BackupDamaged(name, "清单不完整")
    return manifest


def _read_table(archive: zipfile.ZipFile, table, name: str) -> Iterator[dict]:
    """The table's rows, each checked to have exactly the table's columns."""
    columns = {c.name for c in table.columns if c.name != "original"}
    try:
        raw = archive.open(f"tables/{table.name}.jsonl")
    except KeyError:
        raise BackupDamaged(name, f"缺少 {table.name} 表") from None
    with raw, io.TextIOWrapper(raw, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                row = json.loads(line)
            except ValueError:
                raise BackupDamaged(name, f"{table.name} 表第 {number} 行无法读取") from None
            if not isinstance(row, dict) or set(row) != columns:
                raise BackupDamaged(name, f"{table.name} 表第 {number} 行的列不符")
            yield row


def _with_originals(
    archive: zipfile.ZipFile, rows: Iterator[dict], originals: dict[int, dict], name: str
) -> Iterator[dict]:
    for row in rows:
        entry = originals.get(row["id"])
        try:
            data = archive.read(entry["path"]) if entry else None
        except KeyError:
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise BackupDamaged(name, f"通报 {row['id']}（{row['period']}）的原文件缺失或校验不符")
        yield {**row, "original": data}
