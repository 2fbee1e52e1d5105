"""Backup and restore (lib/backup.py, `python -m lib backup|restore`): a round trip gives the
same store back, a backup taken during imports is one consistent moment, and a restore that
cannot be done whole changes nothing.

Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (the `store` fixture).
"""

from __future__ import annotations

import hashlib
import json
import threading
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import lib.backup
from lib.__main__ import main
from lib.backup import MANIFEST, backup, restore
from lib.errors import BackupDamaged, BackupIncompatible, NotABackup, OutputError, StoreNotEmpty
from lib.store import Store
from lib.store.migrations import CURRENT_VERSION
from tests.apptest import made_bulletin

FRAMES = (
    "evaluations",
    "adjustments",
    "overview",
    "categories",
    "grade_counts",
    "sections",
    "findings",
    "warnings",
    "units",
    "aliases",
    "saved_views",
)
UNITS = tuple(f"测试单位{i:02d}" for i in range(40))


@pytest.fixture
def filled(store, samples):
    """Two real months (ids 2 and 3: id 1 was deleted), an alias edit, the demo flag, a
    saved 自助分析 view."""
    first = store.import_bulletin(made_bulletin(2023, 12), b"made")
    store.delete_bulletin(first.bulletin_id)
    for name in ("2024-03.pdf", "2024-05.pdf"):
        store.import_bulletin(
            samples[name].bulletin, samples[name].data, demo=name == "2024-03.pdf"
        )
    store.set_alias("岳阳楼区", "岳阳经开区")
    store.mark_demo_seeded()
    store.save_view("县市区得分", '{"measure": "score"}')
    return store


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty SQLite store to restore into."""
    monkeypatch.setenv("HOTLINE_DEMO", "0")
    opened = Store.open(f"sqlite:///{tmp_path / 'restored.db'}")
    yield opened
    opened.close()


def contents(store: Store) -> dict:
    """Everything a user can see of a store, originals by their sha256."""
    infos = store.list_bulletins()
    return {
        "bulletins": infos,
        "demo_seeded": store.demo_seeded(),
        "originals": {i.id: hashlib.sha256(store.original(i.id).data).hexdigest() for i in infos},
        **{name: store.frame(name) for name in FRAMES},
    }


def assert_same(left: dict, right: dict) -> None:
    assert left.keys() == right.keys()
    for key, value in left.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, right[key], obj=key)
        else:
            assert value == right[key], key


def test_round_trip_gives_the_same_store_back(filled, fresh, tmp_path):
    out = tmp_path / "backup.zip"
    summary = backup(filled, out)
    assert summary.bulletins == 2
    assert restore(fresh, out) == summary
    assert_same(contents(filled), contents(fresh))
    assert [i.id for i in fresh.list_bulletins()] == [2, 3]
    assert fresh.integrity_problems() == []


def test_a_sqlite_backup_restores_into_either_backend_and_ids_go_on(
    samples, store, tmp_path, monkeypatch
):
    monkeypatch.setenv("HOTLINE_DEMO", "0")
    source = Store.open(f"sqlite:///{tmp_path / 'source.db'}")
    try:
        source.import_bulletin(samples["2024-05.pdf"].bulletin, samples["2024-05.pdf"].data)
        backup(source, tmp_path / "b.zip")
        restore(store, tmp_path / "b.zip")
        assert_same(contents(source), contents(store))
    finally:
        source.close()
    after = store.import_bulletin(made_bulletin(2024, 6, UNITS), b"june")
    assert after.status == "imported" and after.bulletin_id == 2
    assert store.integrity_problems() == []


def test_the_zip_holds_every_original_as_a_file_and_a_manifest(filled, tmp_path, samples):
    backup(filled, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        manifest = json.loads(archive.read(MANIFEST))
        originals = {e["filename"]: archive.read(e["path"]) for e in manifest["originals"]}
        names = archive.namelist()
    assert originals == {name: samples[name].data for name in ("2024-03.pdf", "2024-05.pdf")}
    assert manifest["rows"]["bulletins"] == 2
    assert manifest["backend"] == filled.backend
    assert {n for n in names if n.startswith("tables/")} == {
        f"tables/{t}.jsonl" for t in manifest["rows"]
    }


def test_the_snapshot_excludes_an_import_committed_during_the_backup(filled, tmp_path, monkeypatch):
    """After the bulletins table is written, another thread imports a month and commits; the
    backup goes on reading its rows, so without one snapshot the new month's rows (but not
    the month itself) would be in it."""
    before = contents(filled)
    write_table = lib.backup._write_table

    def import_after_bulletins(archive, name, rows):
        count = write_table(archive, name, rows)
        if name == "bulletins":
            worker = threading.Thread(
                target=filled.import_bulletin, args=(made_bulletin(2024, 6, UNITS), b"june")
            )
            worker.start()
            worker.join(timeout=60)
            assert not worker.is_alive()
        return count

    monkeypatch.setattr(lib.backup, "_write_table", import_after_bulletins)
    backup(filled, tmp_path / "b.zip")
    assert [i.period for i in filled.list_bulletins()][-1] == "2024-06"
    target = Store.open(f"sqlite:///{tmp_path / 'restored.db'}")
    try:
        restore(target, tmp_path / "b.zip")
        assert target.integrity_problems() == []
        assert_same(before, contents(target))
    finally:
        target.close()


def test_backups_taken_while_a_thread_imports_are_each_whole(store, tmp_path):
    months = [made_bulletin(2022 + m // 12, m % 12 + 1, UNITS) for m in range(12)]
    worker = threading.Thread(
        target=lambda: [store.import_bulletin(b, b.source.filename.encode()) for b in months]
    )
    worker.start()
    taken = []
    while worker.is_alive() or not taken:
        taken.append(tmp_path / f"b{len(taken)}.zip")
        backup(store, taken[-1])
    worker.join()
    for number, path in enumerate(taken):
        target = Store.open(f"sqlite:///{tmp_path / f'restored-{number}.db'}")
        try:
            restore(target, path)
            assert target.integrity_problems() == []
            counts = target.frame("evaluations").groupby("period").size()
            assert (counts == len(UNITS)).all()
            assert len(counts) == len(target.list_bulletins())
        finally:
            target.close()
    assert len(taken) >= 2


def test_a_failed_backup_leaves_no_file(filled, tmp_path, monkeypatch):
    def broken(conn, bulletin_id):
        raise OSError("disk full")

    monkeypatch.setattr(lib.backup.dump, "original", broken)
    (tmp_path / "out").mkdir()
    with pytest.raises(OutputError, match="无法写入，未生成文件"):
        backup(filled, tmp_path / "out" / "b.zip")
    assert list((tmp_path / "out").iterdir()) == []


def test_restore_refuses_a_store_with_data_unless_forced(filled, fresh, tmp_path, samples):
    backup(filled, tmp_path / "b.zip")
    fresh.import_bulletin(samples["2024-05.pdf"].bulletin, samples["2024-05.pdf"].data)
    mine = contents(fresh)
    with pytest.raises(StoreNotEmpty):
        restore(fresh, tmp_path / "b.zip")
    assert_same(mine, contents(fresh))
    restore(fresh, tmp_path / "b.zip", force=True)
    assert_same(contents(filled), contents(fresh))


@pytest.mark.parametrize(
    "keep",
    [
        lambda store: store.set_alias("某简称", "某单位"),
        lambda store: store.save_view("我的视图", "{}"),
    ],
    ids=["an alias edit", "a saved view"],
)
def test_an_edit_alone_makes_a_store_not_empty(filled, fresh, tmp_path, keep):
    backup(filled, tmp_path / "b.zip")
    keep(fresh)
    with pytest.raises(StoreNotEmpty):
        restore(fresh, tmp_path / "b.zip")


def rewritten(source: Path, target: Path, change) -> Path:
    """A copy of the backup zip with `change(name, data)` applied to every entry (None drops it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(name, data)
    return target


def _manifest_with(**changes):
    def change(name, data):
        return json.dumps({**json.loads(data), **changes}) if name == MANIFEST else data

    return change


DAMAGE = {
    "an original changed": (
        lambda n, d: d[:-1] + b"!" if n.startswith("originals/") else d,
        BackupDamaged,
        "通报 2（2024-03）的原文件缺失或校验不符",
    ),
    "an original missing": (
        lambda n, d: None if n.startswith("originals/3-") else d,
        BackupDamaged,
        "通报 3（2024-05）的原文件缺失或校验不符",
    ),
    "a table missing": (
        lambda n, d: None if n == "tables/findings.jsonl" else d,
        BackupDamaged,
        "缺少 findings 表",
    ),
    "a row missing": (
        lambda n, d: b"\n".join(d.split(b"\n")[1:]) if n == "tables/evaluations.jsonl" else d,
        BackupDamaged,
        "evaluations 表行数与清单不符",
    ),
    "a row with other columns": (
        lambda n, d: d.replace(b'"score"', b'"points"') if n == "tables/evaluations.jsonl" else d,
        BackupDamaged,
        "evaluations 表第 1 行的列不符",
    ),
    "a newer schema": (
        _manifest_with(schema_version=99),
        BackupIncompatible,
        f"备份的数据库结构版本 99，本程序为 {CURRENT_VERSION}",
    ),
    "no manifest": (lambda n, d: None if n == MANIFEST else d, NotABackup, ""),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_backup_changes_nothing(filled, fresh, tmp_path, samples, damage):
    change, error, detail = DAMAGE[damage]
    backup(filled, tmp_path / "b.zip")
    bad = rewritten(tmp_path / "b.zip", tmp_path / "bad.zip", change)
    fresh.import_bulletin(samples["2024-05.pdf"].bulletin, samples["2024-05.pdf"].data)
    mine = contents(fresh)
    with pytest.raises(error) as refused:
        restore(fresh, bad, force=True)
    assert refused.value.detail == detail
    assert refused.value.filename == "bad.zip"
    assert_same(mine, contents(fresh))
    assert fresh.integrity_problems() == []


def test_a_file_that_is_not_a_zip_is_not_a_backup(fresh, tmp_path):
    (tmp_path / "x.zip").write_bytes(b"%PDF-1.7 not a zip")
    with pytest.raises(NotABackup, match="不是热线通报分析台的备份文件"):
        restore(fresh, tmp_path / "x.zip")


def test_cli_backup_and_restore(filled, tmp_path, monkeypatch, capsys):
    out = tmp_path / "备份.zip"
    monkeypatch.setenv("DATABASE_URL", filled.engine.url.render_as_string(hide_password=False))
    assert main(["backup", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("已备份 2 期通报（共 ") and said.endswith(f"行数据）到 {out}\n")

    assert main(["restore", str(out)]) == 2
    assert capsys.readouterr() == ("", StoreNotEmpty().message + "\n")

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    assert main(["restore", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"已从 {out} 恢复 2 期通报")
