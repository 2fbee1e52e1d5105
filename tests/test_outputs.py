"""Every file the CLI writes (export xlsx/csv, briefing docx/zip, backup) is whole at its path or
not there: to a full disk, a missing folder, a read-only or unchangeable folder it is one
Chinese line naming the path and the cause, exit 2, and nothing left behind."""

from __future__ import annotations

import gc
import io
import os
import stat
import tempfile
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from lib import outputs
from lib.__main__ import main
from lib.errors import OutputError
from lib.export import to_xlsx_bytes
from tests.mounts import fill, immutable, needs_root, remounted_read_only, tmpfs

WRITERS = {
    "export-xlsx": (["export", "--format", "xlsx"], "全部.xlsx"),
    "export-csv": (["export", "--format", "csv"], "全部.zip"),
    "briefing-docx": (["briefing", "城管局", "--out"], "简报.docx"),
    "briefing-zip": (["briefing", "城管局", "岳阳楼区", "--out"], "简报.zip"),
    "backup": (["backup"], "备份.zip"),
}


@pytest.fixture
def env(samples_db, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(samples_db))


def write_with(writer: str, out) -> int:
    args, _ = WRITERS[writer]
    return main([*args, str(out)])


def refused(capsys, out, cause: str) -> bool:
    said = capsys.readouterr()
    return said == ("", f"“{out}”：无法写入，未生成文件（{cause}）\n")


@pytest.mark.parametrize("writer", WRITERS)
def test_each_writer_writes_a_whole_file_and_nothing_else(env, tmp_path, writer):
    out = tmp_path / WRITERS[writer][1]
    assert write_with(writer, out) == 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    assert zipfile.is_zipfile(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()


@pytest.mark.parametrize("writer", WRITERS)
def test_each_writer_to_a_missing_folder_is_one_line(env, tmp_path, capsys, writer):
    out = tmp_path / "没有这个文件夹" / WRITERS[writer][1]
    assert write_with(writer, out) == 2
    assert refused(capsys, out, "文件夹不存在")
    assert list(tmp_path.iterdir()) == []


@needs_root
@pytest.mark.parametrize("writer", WRITERS)
def test_each_writer_to_a_full_disk_is_one_line_and_keeps_the_old_file(
    env, tmp_path, capsys, writer
):
    with tmpfs(tmp_path / "disk", size="64k") as disk:
        out = disk / WRITERS[writer][1]
        out.write_bytes(b"the previous file")
        filler = fill(disk)

        assert write_with(writer, out) == 2

        assert refused(capsys, out, "磁盘已满")
        assert sorted(p.name for p in disk.iterdir()) == sorted([out.name, filler.name])
        assert out.read_bytes() == b"the previous file"


@needs_root
@pytest.mark.parametrize("writer", ["export-xlsx", "backup"])
def test_a_writer_to_a_read_only_or_locked_folder_is_one_line(env, tmp_path, capsys, writer):
    with tmpfs(tmp_path / "disk") as disk:
        out = disk / WRITERS[writer][1]
        with remounted_read_only(disk):
            assert write_with(writer, out) == 2
            assert refused(capsys, out, "文件系统只读")
        with immutable(disk):
            assert write_with(writer, out) == 2
            assert refused(capsys, out, "没有写入权限")
        assert list(disk.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a folder without permission")
def test_a_writer_to_a_folder_without_permission_is_one_line(env, tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    out = folder / "全部.xlsx"
    assert write_with("export-xlsx", out) == 2
    assert refused(capsys, out, "没有写入权限")
    assert list(folder.iterdir()) == []


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_one(tmp_path):
    out = tmp_path / "a.zip"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError), outputs.replacing(out) as file:
        file.write(b"half of the new")
        raise RuntimeError("the writer failed")
    assert [p.name for p in tmp_path.iterdir()] == ["a.zip"]
    assert out.read_bytes() == b"old"


def test_a_folder_of_the_same_name_is_no_place_to_write(tmp_path):
    (tmp_path / "a.xlsx").mkdir()
    with pytest.raises(OutputError) as refusal:
        outputs.write_bytes(tmp_path / "a.xlsx", b"data")
    assert (
        refusal.value.message == f"“{tmp_path / 'a.xlsx'}”：无法写入，未生成文件（已有同名文件夹）"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


@needs_root
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_an_excel_built_in_memory_with_a_full_temporary_folder_is_one_line(tmp_path, monkeypatch):
    """openpyxl writes each sheet to a temporary file before zipping the workbook (the download
    buttons and `export` build the same bytes): the failure is one line, the half-written
    files are removed, and nothing raises again when collected (Python would print that)."""
    table = pd.DataFrame({"单位": [f"单位{n}" for n in range(5000)], "得分": range(5000)})
    with tmpfs(tmp_path / "scratch", size="64k") as scratch:
        filler = fill(scratch)
        filler.write_bytes(filler.read_bytes()[: -8 * 1024])
        monkeypatch.setattr(tempfile, "tempdir", str(scratch))
        with pytest.raises(OutputError) as refusal:
            to_xlsx_bytes({"表": table, "再一张": table}, {})
        gc.collect()
        assert list(scratch.iterdir()) == [filler]
    assert refusal.value.message == f"“{scratch}”：无法写入，未生成文件（磁盘已满）"


def test_export_writes_what_it_read(env, tmp_path):
    out = tmp_path / "全部.xlsx"
    assert write_with("export-xlsx", out) == 0
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert book["通报"].max_row == 1 + 2


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
