"""Viewers and editors under AppTest: who sees the upload, replace, delete and alias controls,
the password sign-in, and the open-on-localhost fallback.

The password's hash goes in `at.secrets` as it would in .streamlit/secrets.toml; a server
exposed beyond this machine is `server.address = 0.0.0.0`.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from lib.access import hash_password
from lib.errors import AccessError, BadPasswordHash
from lib.store import Store
from tests.apptest import ROOT, made_bulletin, open_app, stored
from ui.access import CLOSED_NOTE, OPEN_NOTE, WRONG_PASSWORD

PASSWORD = "热线-编辑-2024"
HASH = hash_password(PASSWORD, iterations=1000)


@pytest.fixture
def db(tmp_path):
    stored(tmp_path / "hotline.db", made_bulletin(2024, 3, ("岳阳楼区", "岳阳经济技术开发区")))
    return tmp_path / "hotline.db"


def with_password(at: AppTest, password_hash: str = HASH) -> AppTest:
    at.secrets["auth"] = {"editor_password_hash": password_hash}
    return at


def edit_controls(at: AppTest) -> dict[str, bool]:
    """Which edit controls the page drew (downloads are for everyone)."""
    buttons = [b.label for b in at.button]
    return {
        "upload": bool(at.get("file_uploader")),
        "delete": any(label.startswith("删除") for label in buttons),
        "download": bool(at.get("download_button")),
    }


VIEWER = {"upload": False, "delete": False, "download": True}
EDITOR = {"upload": True, "delete": True, "download": True}


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="access-password").input(password)
    (button,) = [b for b in at.button if b.label == "登录"]
    return button.click().run()


def test_on_localhost_without_a_secret_everyone_edits_and_is_told(monkeypatch, db):
    at = open_app(monkeypatch, db).run()
    assert not at.exception
    assert edit_controls(at) == EDITOR
    assert [w.value for w in at.sidebar.warning] == [OPEN_NOTE]


def test_without_a_secret_a_server_open_to_the_network_is_read_only(monkeypatch, db, exposed):
    at = open_app(monkeypatch, db).run()
    assert not at.exception
    assert edit_controls(at) == VIEWER
    assert [i.value for i in at.sidebar.info] == [CLOSED_NOTE]
    assert "上传、替换和删除通报需要编辑权限" in at.main.info[0].value


def test_a_viewer_sees_no_upload_or_delete_controls(monkeypatch, db):
    at = with_password(open_app(monkeypatch, db)).run()
    assert not at.exception
    assert edit_controls(at) == VIEWER
    assert "查看者" in at.sidebar.markdown[0].value


def test_a_wrong_password_is_refused(monkeypatch, db):
    at = sign_in(with_password(open_app(monkeypatch, db)).run(), "热线-编辑-2025")
    assert [e.value for e in at.sidebar.error] == [WRONG_PASSWORD]
    assert edit_controls(at) == VIEWER


def test_the_right_password_enables_editing_until_sign_out(monkeypatch, db):
    at = sign_in(with_password(open_app(monkeypatch, db)).run(), PASSWORD)
    assert not at.exception
    assert not at.sidebar.error
    assert edit_controls(at) == EDITOR
    assert "编辑者" in at.sidebar.markdown[0].value
    (sign_out,) = [b for b in at.button if b.label == "退出编辑"]
    at = sign_out.click().run()
    assert edit_controls(at) == VIEWER


def test_a_signed_in_session_loses_editing_when_the_password_changes(monkeypatch, db):
    at = sign_in(with_password(open_app(monkeypatch, db)).run(), PASSWORD)
    assert edit_controls(at) == EDITOR
    with_password(at, hash_password("新的密码-2025", iterations=1000)).run()
    assert edit_controls(at) == VIEWER


def test_a_malformed_hash_closes_editing_even_on_localhost(monkeypatch, db):
    at = with_password(open_app(monkeypatch, db), "hunter2").run()
    assert not at.exception
    assert edit_controls(at) == VIEWER
    (error,) = at.sidebar.error
    assert error.value.startswith("编辑密码配置无效")


def test_the_alias_page_is_read_only_for_a_viewer(monkeypatch, db):
    at = with_password(open_app(monkeypatch, db)).run()
    at.switch_page("views/units.py").run()
    assert not at.exception
    assert at.title[0].value == "单位与别名"
    assert not at.main.text_input and not at.main.selectbox
    assert "修改别名需要编辑权限" in at.main.info[0].value
    table = at.dataframe[0].value
    assert table.loc[table["通报中的名称"] == "经开区", "归入单位"].tolist() == ["岳阳经开区"]


def aliases(db) -> dict[str, tuple[str, bool]]:
    store = Store.open(f"sqlite:///{db}")
    try:
        frame = store.frame("aliases")
        units = store.frame("evaluations")["unit_id"].tolist()
    finally:
        store.close()
    return {
        "aliases": dict(
            zip(frame["alias"], zip(frame["unit_id"], frame["edited"], strict=True), strict=True)
        ),
        "rows": units,
    }


def test_an_editor_adds_and_removes_an_alias(monkeypatch, db):
    at = open_app(monkeypatch, db).run()
    at.switch_page("views/units.py").run()
    at.text_input(key="alias-name").input("岳阳楼 区")
    at.selectbox(key="alias-unit").set_value("岳阳经开区")
    (save,) = [b for b in at.button if b.label == "保存别名"]
    at = save.click().run()
    assert not at.exception
    assert at.success[0].value.startswith("已把“岳阳楼区”归入“岳阳经开区”，1 行")
    after = aliases(db)
    assert after["aliases"]["岳阳楼区"] == ("岳阳经开区", True)
    assert after["rows"] == ["岳阳经开区", "岳阳经开区"]

    at.selectbox(key="alias-remove-name").set_value("岳阳楼区")
    (remove,) = [b for b in at.button if b.label == "取消别名"]
    at = remove.click().run()
    assert not at.exception
    assert at.success[0].value.startswith("“岳阳楼区”已恢复为独立单位，1 行")
    assert aliases(db)["rows"] == ["岳阳楼区", "岳阳经开区"]


def test_an_alias_without_a_unit_is_refused(monkeypatch, db):
    at = open_app(monkeypatch, db).run()
    at.switch_page("views/units.py").run()
    at.text_input(key="alias-name").input("某单位")
    (save,) = [b for b in at.button if b.label == "保存别名"]
    at = save.click().run()
    assert [e.value for e in at.main.error] == ["请填写名称并选择单位。"]


def _delete_demo_as_a_viewer() -> None:
    from ui import access
    from ui.safe import guarded

    with guarded():
        access.editing_store().delete_demo()


def test_a_write_by_a_viewer_is_refused_even_without_the_controls(monkeypatch, db):
    at = AppTest.from_function(_delete_demo_as_a_viewer)
    monkeypatch.setenv("HOTLINE_DB", str(db))
    with_password(at).run()
    assert not at.exception
    assert [e.value for e in at.error] == [AccessError().message]


def test_the_messages_name_what_to_do():
    assert "python -m lib hash-password" in BadPasswordHash().message
    assert "登录" in AccessError().message


WRITES = re.compile(
    r"\.(import_bulletin|delete_bulletin|delete_demo|set_alias|remove_alias|save_view|delete_view"
    r"|append_review)\("
)


def test_every_write_in_the_app_goes_through_the_editor_gate():
    sources = [ROOT / "app.py", *ROOT.glob("ui/*.py"), *ROOT.glob("views/*.py")]
    writes = [
        line.strip()
        for path in sources
        for line in path.read_text(encoding="utf-8").splitlines()
        if WRITES.search(line)
    ]
    assert len(writes) >= 5
    assert [w for w in writes if "access.editing_store()." not in w] == []
