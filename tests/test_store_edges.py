"""The store at the edges of its file system: a read-only mount or file (or a read-only
PostgreSQL), a full disk, a folder that cannot be made. Reading works wherever the data can be
read; every refusal is one Chinese line that names the cause (只读, 磁盘已满, …), exit 2 in the
CLI; a failed creation leaves no file behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from lib.__main__ import main
from lib.errors import StoreReadOnly, StoreUnavailable
from lib.store import Store
from tests.apptest import ROOT, RUN_TIMEOUT_S, open_app
from tests.briefing_library import store_samples
from tests.conftest import FIXTURES, postgres_schemas, sample
from tests.mounts import IS_ROOT, fill, immutable, needs_root, remounted_read_only, tmpfs
from tests.test_store_faults import _read_only_url

MAY, MARCH_DOCX = str(FIXTURES / "2024-05.pdf"), str(FIXTURES / "2024-03.docx")


def use(monkeypatch, db: Path | None = None, url: str | None = None) -> None:
    """Point the CLI and the app at the SQLite file `db` or at the database `url`."""
    monkeypatch.setenv("HOTLINE_DEMO", "0")
    if url:
        monkeypatch.setenv("DATABASE_URL", url)
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.setenv("HOTLINE_DB", str(db))


@pytest.fixture(
    params=["sqlite-mount", "sqlite-file", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def read_only_store(request, tmp_path, monkeypatch):
    """The two samples in a store this process cannot write: on a tmpfs remounted read-only,
    in a file the kernel keeps unchanged (chattr +i; chmod 444 without root), or through a
    read-only PostgreSQL session. Yields where it is, as messages name it."""
    if request.param == "postgresql":
        with postgres_schemas(1) as (url,):
            _store_both(url)
            read_only = _read_only_url(url)
            use(monkeypatch, url=read_only)
            yield make_url(read_only).render_as_string(hide_password=True)
        return
    if not IS_ROOT and request.param == "sqlite-mount":
        pytest.skip("mounts a tmpfs, which needs root")
    folder = tmp_path / "disk"
    db = folder / "hotline.db"
    if not IS_ROOT:
        folder.mkdir()
        store_samples(db)
        db.chmod(0o444)
        use(monkeypatch, db)
        yield str(db)
        return
    with tmpfs(folder):
        store_samples(db)
        use(monkeypatch, db)
        locked = remounted_read_only(folder) if request.param == "sqlite-mount" else immutable(db)
        with locked:
            yield str(db)


def _store_both(url: str) -> None:
    store = Store.open(url)
    for name in ("2024-03.pdf", "2024-05.pdf"):
        store.import_bulletin(sample(name).bulletin, sample(name).data)
    store.close()


def test_a_read_only_store_exports_briefs_and_backs_up(read_only_store, tmp_path, capsys):
    xlsx = tmp_path / "全部.xlsx"
    assert main(["export", str(xlsx)]) == 0
    assert main(["briefing", "城管局", "--out", str(tmp_path / "简报.docx")]) == 0
    assert main(["backup", str(tmp_path / "备份.zip")]) == 0
    assert capsys.readouterr().err == ""
    book = load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert [row[1] for row in book["通报"].iter_rows(min_row=2, values_only=True)] == [
        "2024-03",
        "2024-05",
    ]


def test_a_write_to_a_read_only_store_says_read_only(read_only_store, capsys):
    assert main(["import", "--replace", MARCH_DOCX]) == 2
    assert capsys.readouterr() == (
        "",
        f"数据库只读，本次操作未保存，已有数据未受影响（{read_only_store}）\n",
    )


def test_the_app_shows_a_read_only_store_to_viewers(read_only_store, monkeypatch):
    """The demo would be seeded on a first opening; on a read-only store it is left alone."""
    monkeypatch.setenv("HOTLINE_DEMO", "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT_S)
    at.switch_page("views/overview.py").run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert at.sidebar.caption[0].value.startswith("已载入 2024年3月")


def test_reading_a_store_that_does_not_exist_read_only_creates_nothing(tmp_path):
    with pytest.raises(StoreUnavailable) as refusal:
        Store.open(f"sqlite:///{tmp_path / 'none.db'}", read_only=True)
    assert refusal.value.message.endswith(f"（{tmp_path / 'none.db'} 不存在）")
    assert list(tmp_path.iterdir()) == []


@needs_root
def test_reading_on_a_full_disk_says_so_and_works_once_there_is_room(tmp_path, monkeypatch, capsys):
    """A WAL database needs its -shm file even to be read; with no room for it SQLite says
    only "disk I/O error"."""
    with tmpfs(tmp_path / "disk") as disk:
        db = disk / "hotline.db"
        store_samples(db)
        use(monkeypatch, db)
        filler = fill(disk)

        assert main(["export", str(tmp_path / "全部.xlsx")]) == 2
        assert capsys.readouterr() == ("", f"磁盘已满，无法读取数据库（{db}）\n")
        assert not (tmp_path / "全部.xlsx").exists()

        filler.unlink()
        assert main(["export", str(tmp_path / "全部.xlsx")]) == 0


@needs_root
def test_an_import_on_a_full_disk_says_so_and_keeps_the_data(tmp_path, monkeypatch, capsys):
    with tmpfs(tmp_path / "disk", size="2m") as disk:
        db = disk / "hotline.db"
        store = Store.open(f"sqlite:///{db}")
        store.import_bulletin(sample("2024-03.pdf").bulletin, sample("2024-03.pdf").data)
        store.close()
        use(monkeypatch, db)
        filler = fill(disk)
        filler.write_bytes(filler.read_bytes()[: -96 * 1024])

        assert main(["import", MAY]) == 2
        assert capsys.readouterr() == (
            "",
            f"磁盘已满，本次操作未保存，已有数据未受影响（{db}）\n",
        )
        filler.unlink()
        store = Store.open(f"sqlite:///{db}")
        assert [b.period for b in store.list_bulletins()] == ["2024-03"]
        assert store.integrity_problems() == []
        store.close()


@needs_root
def test_a_store_created_on_a_full_disk_leaves_no_file(tmp_path, monkeypatch, capsys):
    with tmpfs(tmp_path / "disk") as disk:
        db = disk / "new.db"
        use(monkeypatch, db)
        filler = fill(disk)

        assert main(["import", MAY]) == 2

        assert capsys.readouterr() == ("", f"“{db}”：无法创建数据库（磁盘已满）\n")
        assert list(disk.iterdir()) == [filler]


@pytest.mark.parametrize(
    ("where", "cause"),
    [
        ("/proc/hotline/hotline.db", "此处不能创建文件夹"),
        ("a-file/hotline.db", "此处不能创建文件夹"),
    ],
)
def test_a_hotline_db_whose_folder_cannot_be_made_is_one_line(
    where, cause, tmp_path, monkeypatch, capsys
):
    (tmp_path / "a-file").write_text("not a folder")
    db = tmp_path / where
    use(monkeypatch, db)
    assert main(["import", MAY]) == 2
    assert capsys.readouterr() == ("", f"“{db}”：无法创建数据库（{cause}）\n")


@needs_root
@pytest.mark.parametrize("where", ["locked/new/hotline.db", "locked/hotline.db"])
def test_a_hotline_db_in_a_folder_without_permission_is_one_line(
    where, tmp_path, monkeypatch, capsys
):
    with tmpfs(tmp_path / "disk") as disk:
        (disk / "locked").mkdir()
        db = disk / where
        use(monkeypatch, db)
        with immutable(disk / "locked"):
            assert main(["import", MAY]) == 2
        assert capsys.readouterr() == ("", f"“{db}”：无法创建数据库（没有写入权限）\n")
        assert list((disk / "locked").iterdir()) == []


def test_the_app_shows_a_store_that_cannot_be_created(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("not a folder")
    at = open_app(monkeypatch, tmp_path / "a-file" / "hotline.db").run()
    assert not at.exception
    assert "无法创建数据库（此处不能创建文件夹）" in at.error[0].value


def test_a_store_opened_read_only_refuses_writes(store, store_url, samples):
    """What `export`, `briefing` and `backup` open: reads work, a write is refused by the
    database itself."""
    march = samples["2024-03.pdf"]
    store.import_bulletin(march.bulletin, march.data)
    reader = Store.open(store_url, read_only=True)
    assert [b.period for b in reader.list_bulletins()] == ["2024-03"]
    with pytest.raises(StoreReadOnly, match="数据库只读"):
        reader.delete_bulletin(1)
    reader.close()
    assert [b.period for b in store.list_bulletins()] == ["2024-03"]
