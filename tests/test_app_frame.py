"""The app's frame under AppTest: navigation, the sidebar's span and filters, the URL, the guard."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from lib.store import Store
from tests.apptest import FIXTURES, ROOT, made_bulletin, open_app, stored
from ui.filters import Filters

PAGE_TITLES = {"views/upload.py": "上传与管理", "views/quality.py": "数据质量"}


@pytest.fixture
def db(tmp_path):
    return tmp_path / "hotline.db"


def sidebar_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def test_empty_store_shows_an_empty_library(monkeypatch, db):
    at = open_app(monkeypatch, db).run()
    assert not at.exception
    assert at.title[0].value == "上传与管理"
    assert sidebar_captions(at) == ["通报库还是空的"]
    assert any("通报库还是空的" in info.value for info in at.info)
    assert not at.sidebar.select_slider


def test_first_run_loads_the_demo_and_the_sidebar_shows_its_span(monkeypatch, db):
    at = open_app(monkeypatch, db, demo=True).run()
    assert not at.exception
    assert sidebar_captions(at)[0] == "已载入 2024年3月 – 2024年5月（含演示数据）"


@pytest.mark.parametrize("page", list(PAGE_TITLES))
@pytest.mark.parametrize("with_data", [False, True])
def test_every_page_runs(monkeypatch, db, page, with_data):
    if with_data:
        stored(db, made_bulletin(2024, 3), made_bulletin(2024, 4))
    at = open_app(monkeypatch, db).run()
    at.switch_page(page).run()
    assert not at.exception
    assert not at.error
    assert at.title[0].value == PAGE_TITLES[page]


def test_filters_open_from_the_url(monkeypatch, db):
    stored(db, *(made_bulletin(2024, m) for m in (3, 4, 5)))
    at = open_app(monkeypatch, db)
    at.query_params.update({"channel": "市长信箱", "period": ["2024年4月", "2024年5月"]})
    at.run()
    assert at.sidebar.segmented_control[0].value == "mailbox"
    assert at.sidebar.select_slider[0].value == ("2024-04", "2024-05")
    assert sidebar_captions(at)[0] == "已载入 2024年3月 – 2024年5月"


def test_pages_read_the_filters_the_sidebar_drew(monkeypatch, db):
    stored(db, *(made_bulletin(2024, m) for m in (3, 4, 5)))
    at = open_app(monkeypatch, db).run()
    assert at.session_state["filters.current"] == Filters("hotline", "2024-03", "2024-05")
    at.sidebar.segmented_control[0].set_value("mailbox")
    at.sidebar.select_slider[0].set_value(("2024-04", "2024-04"))
    at.run()
    assert at.session_state["filters.current"] == Filters("mailbox", "2024-04", "2024-04")


def test_filters_survive_a_page_change(monkeypatch, db):
    stored(db, *(made_bulletin(2024, m) for m in (3, 4, 5)))
    at = open_app(monkeypatch, db).run()
    at.sidebar.segmented_control[0].set_value("mailbox").run()
    at.switch_page("views/quality.py").run()
    assert at.sidebar.segmented_control[0].value == "mailbox"


def test_an_untouched_period_grows_with_the_library(monkeypatch, db):
    stored(db, made_bulletin(2024, 3), made_bulletin(2024, 4))
    at = open_app(monkeypatch, db).run()
    assert at.sidebar.select_slider[0].value == ("2024-03", "2024-04")
    stored(db, made_bulletin(2024, 5))
    at.run()
    assert at.sidebar.select_slider[0].value == ("2024-03", "2024-05")


def test_a_chosen_period_stays_when_the_library_grows(monkeypatch, db):
    stored(db, *(made_bulletin(2024, m) for m in (3, 4, 5)))
    at = open_app(monkeypatch, db).run()
    at.sidebar.select_slider[0].set_value(("2024-04", "2024-05")).run()
    stored(db, made_bulletin(2024, 6))
    at.run()
    assert at.sidebar.select_slider[0].value == ("2024-04", "2024-05")


def test_a_month_the_cli_imports_while_the_app_runs_shows_on_the_next_rerun(monkeypatch, db):
    stored(db, made_bulletin(2024, 3), made_bulletin(2024, 5))
    at = open_app(monkeypatch, db, page="views/overview.py").run()
    assert at.sidebar.select_slider[0].value == ("2024-03", "2024-05")

    july = FIXTURES / "unseen" / "2024-07-new-unit-de-listed.docx"
    cli = subprocess.run(
        [sys.executable, "-m", "lib", "import", str(july)],
        cwd=ROOT,
        env={**os.environ, "HOTLINE_DB": str(db)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 0, cli.stderr
    at.run()

    assert not at.exception
    assert sidebar_captions(at)[0] == "已载入 2024年3月 – 2024年7月"
    assert at.sidebar.select_slider[0].value == ("2024-03", "2024-07")
    assert at.caption[0].value.startswith("2024年7月全市运行情况，与上期（2024年5月）相比")


def test_a_deleted_month_moves_an_untouched_period_back(monkeypatch, db):
    ids = stored(db, *(made_bulletin(2024, m) for m in (3, 4, 5)))
    at = open_app(monkeypatch, db).run()
    store = Store.open(f"sqlite:///{db}")
    try:
        store.delete_bulletin(ids[-1])
    finally:
        store.close()
    at.run()
    assert at.sidebar.select_slider[0].value == ("2024-03", "2024-04")


def test_url_values_not_in_the_library_fall_back_to_defaults(monkeypatch, db):
    stored(db, made_bulletin(2024, 3), made_bulletin(2024, 4))
    at = open_app(monkeypatch, db)
    at.query_params.update({"channel": "fax", "period": ["1999年1月", "<b>"]})
    at.run()
    assert not at.exception
    assert at.sidebar.segmented_control[0].value == "hotline"
    assert at.sidebar.select_slider[0].value == ("2024-03", "2024-04")


def test_unreachable_store_is_a_message_not_a_traceback(monkeypatch, tmp_path):
    at = open_app(monkeypatch, tmp_path).run()
    assert not at.exception
    assert "无法连接数据库" in at.error[0].value


def _raising_page(error_kind: str):
    import streamlit as st

    from lib.errors import NotABulletin
    from ui.safe import guarded

    with guarded():
        st.text("before")
        if error_kind == "user":
            raise NotABulletin("[x](javascript:alert(1)).pdf")
        raise ZeroDivisionError("internal detail")


def test_guard_shows_a_user_error_as_inert_chinese_text():
    at = AppTest.from_function(_raising_page, args=("user",)).run()
    assert not at.exception
    (error,) = at.error
    assert "不是政务服务热线工作通报" in error.value
    assert "](javascript:" not in error.value
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)\\.pdf" in error.value


def test_guard_hides_an_unexpected_error_behind_a_generic_message():
    at = AppTest.from_function(_raising_page, args=("bug",)).run()
    assert not at.exception
    assert at.text[0].value == "before"
    (error,) = at.error
    assert error.value.startswith("出现意外错误")
    assert "internal detail" not in error.value


def test_no_pages_folder_beside_the_entry_script():
    """Streamlit treats a `pages/` folder beside app.py as a v1 multipage app: the first run of
    a server process (and every AppTest rerun) would execute a page without app.py's frame."""
    assert not (ROOT / "pages").exists(), "page scripts live in views/, see docs/ARCHITECTURE.md"
