"""`python -m lib import` and `python -m lib export` on the store named by the environment."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from lib.__main__ import main
from lib.store import Store
from tests.conftest import FIXTURES

MARCH, MAY, MARCH_DOCX = (str(FIXTURES / n) for n in ("2024-03.pdf", "2024-05.pdf", "2024-03.docx"))


@pytest.fixture
def env_store(store_url, monkeypatch):
    """The CLI's store: DATABASE_URL set to a fresh database; yields a way to look inside."""
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.delenv("HOTLINE_DB", raising=False)

    def periods() -> list[str]:
        store = Store.open(store_url)
        try:
            return [b.period for b in store.list_bulletins()]
        finally:
            store.close()

    return periods


def test_import_prints_one_line_per_file(env_store, capsys):
    assert main(["import", MARCH, MAY]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2024-03.pdf：已导入 2024-03（编号 1）",
        "2024-05.pdf：已导入 2024-05（编号 2）",
    ]
    assert env_store() == ["2024-03", "2024-05"]

    assert main(["import", MARCH]) == 0
    assert (
        capsys.readouterr().out == "2024-03.pdf：同一文件已在库中（2024-03，编号 1），未重复导入\n"
    )


def test_conflict_needs_replace(env_store, capsys):
    main(["import", MARCH])
    capsys.readouterr()

    assert main(["import", MARCH_DOCX]) == 1
    assert capsys.readouterr().out == (
        "2024-03.docx：2024-03 已有另一份通报（编号 1），未导入；确认替换请加 --replace\n"
    )
    assert main(["import", "--replace", MARCH_DOCX]) == 0
    assert capsys.readouterr().out == "2024-03.docx：已导入 2024-03（编号 2），替换了原编号 1\n"
    assert env_store() == ["2024-03"]


def test_rejected_files_are_reported_and_the_others_imported(env_store, tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要：今天没有通报。", encoding="utf-8")

    code = main(["import", str(notes), MAY, str(tmp_path / "missing.pdf")])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == "2024-05.pdf：已导入 2024-05（编号 1）\n"
    first, second = err.splitlines()
    assert first.startswith("“notes.txt”：")
    assert second.startswith(f"“{tmp_path / 'missing.pdf'}”：无法读取文件")
    assert env_store() == ["2024-05"]


def test_unreachable_store_is_a_message_and_exit_2(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://hotline@127.0.0.1:9/none")
    assert main(["import", MARCH]) == 2
    assert capsys.readouterr().err.startswith("无法连接数据库")


def test_hotline_db_names_the_sqlite_file(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("HOTLINE_DB", str(tmp_path / "mine.db"))
    assert main(["import", MAY]) == 0
    assert (tmp_path / "mine.db").is_file()


def test_export_xlsx_and_csv_zip(env_store, tmp_path, capsys):
    main(["import", MARCH])
    xlsx, archive = tmp_path / "all.xlsx", tmp_path / "all.zip"

    assert main(["export", "--format", "xlsx", str(xlsx)]) == 0
    assert main(["export", "--format", "csv", str(archive)]) == 0

    book = load_workbook(xlsx)
    assert book.sheetnames[:3] == ["通报", "热线评价", "市长信箱评价"]
    assert book.sheetnames[-1] == "筛选条件"
    assert book["热线评价"].max_row == 1 + 64
    names = zipfile.ZipFile(io.BytesIO(archive.read_bytes())).namelist()
    assert names == [f"{name}.csv" for name in book.sheetnames]
    assert capsys.readouterr().out.splitlines()[-1] == f"已导出 {len(names) - 1} 张表到 {archive}"


def test_check_reports_a_sound_store_and_each_problem(env_store, store_url, capsys):
    from sqlalchemy import delete

    from lib.store.schema import overview

    assert main(["import", MARCH]) == 0
    capsys.readouterr()
    assert main(["check"]) == 0
    assert capsys.readouterr().out.strip().endswith("完整，未发现问题")
    store = Store.open(store_url)
    with store.engine.begin() as conn:
        conn.execute(delete(overview))
    store.close()
    assert main(["check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "通报 1 缺少概况行（导入不完整）"
    assert lines[-1].endswith("发现 1 处问题")
