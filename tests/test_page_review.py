"""数据质量 as the review queue under AppTest, on the March sample: each finding listed with its
state, the page crop behind it, an editor's confirmation and correction (seen on 排名), the
log, and a viewer who sees it all but cannot write."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.errors import AccessError
from lib.store import Store
from tests.apptest import as_shown, frames, open_app, texts
from tests.conftest import sample
from tests.test_app_access import with_password

QUEUE = "review-queue-2024-03"


@pytest.fixture
def db(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'hotline.db'}")
    march = sample("2024-03.pdf")
    store.import_bulletin(march.bulletin, march.data)
    store.close()
    return tmp_path / "hotline.db"


def log(db) -> list[tuple]:
    store = Store.open(f"sqlite:///{db}")
    try:
        entries = store.frame("review_log").fillna({"value": ""})
        columns = ["action", "unit", "field", "value", "author"]
        return list(entries[columns].itertuples(index=False, name=None))
    finally:
        store.close()


def pick(at: AppTest, row: int) -> AppTest:
    at.session_state[QUEUE] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def button(at: AppTest, label: str):
    (found,) = [b for b in at.button if b.label == label]
    return found


def test_the_queue_lists_each_finding_with_its_state_and_the_sidebar_counts(monkeypatch, db):
    at = open_app(monkeypatch, db, page="views/quality.py").run()
    assert not at.exception
    queue = frames(at)[0]
    assert queue["单位"].tolist() == ["临湘市", "市国资委", ""]
    assert set(queue["状态"]) == {"待核实"}
    assert [m.value for m in at.metric] == ["3 项", "0 项", "0 项", "0 项"]
    assert [link.label for link in at.sidebar.get("page_link")] == ["2024年3月待核实 4 项"]

    at.sidebar.segmented_control[0].set_value("mailbox").run()
    assert frames(at)[0]["单位"].tolist() == ["南湖新区"]


def test_the_chosen_finding_shows_its_page_crop(monkeypatch, db):
    at = pick(open_app(monkeypatch, db, page="views/quality.py").run(), 1)
    assert not at.exception
    shown = list(texts(at))
    assert "**原文出处**：2024\\-03\\.pdf · 2024年3月 · 第 8 页 · 市国资委 的综合指标值" in shown
    assert len(at.get("image")) == 1
    assert "红框为该单位在通报中的这一行。" in shown


def test_an_editor_confirms_then_corrects_and_the_ranking_marks_it(monkeypatch, db):
    at = open_app(monkeypatch, db, page="views/quality.py").run()
    at = button(at, "确认原文").click().run()
    assert not at.exception
    assert frames(at)[0]["状态"].tolist()[0] == "已确认原文"

    at = pick(at, 1)
    at.text_input(key=_key(at, "value-")).input("69.1")
    at.text_input(key=_key(at, "reason-")).input("按公式计算为 69.11")
    at = button(at, "记录更正").click().run()
    assert not at.exception
    assert frames(at)[0]["状态"].tolist()[:2] == ["已确认原文", "已更正"]
    assert log(db) == [
        ("confirm", "临湘市", "score", "", "本机"),
        ("correct", "市国资委", "score", "69.1", "本机"),
    ]
    history = frames(at)[-1]
    assert [r.split("（")[0] for r in history["记录"]] == ["本机 更正", "本机 确认原文"]
    assert history["内容"].tolist() == [
        "2024年3月 热线 市国资委 综合指标值 69.0 → 69.1",
        "2024年3月 热线 临湘市 综合指标值",
    ]

    at.switch_page("views/rankings.py")
    at.query_params["group"] = "行政事业单位"
    at.run()
    ranking = as_shown(frames(at)[0])
    (mine,) = ranking[ranking["部门名称"] == "市国资委※"].to_dict("records")
    assert (mine["综合指标值"], mine["更正说明"]) == (69.1, "综合指标值已更正：通报原值 69.0")


def test_a_refused_correction_is_one_line_and_nothing_is_written(monkeypatch, db):
    at = pick(open_app(monkeypatch, db, page="views/quality.py").run(), 1)
    at.text_input(key=_key(at, "value-")).input("六十九")
    at.text_input(key=_key(at, "reason-")).input("试")
    at = button(at, "记录更正").click().run()
    assert not at.exception
    assert [e.value for e in at.main.error] == ["综合指标值的更正值“六十九”不是数值，未作记录"]
    assert log(db) == []


def test_a_viewer_sees_the_queue_but_no_controls(monkeypatch, db, exposed):
    at = with_password(open_app(monkeypatch, db, page="views/quality.py")).run()
    assert not at.exception
    assert len(frames(at)[0]) == 3
    assert not at.tabs and not [b for b in at.button if b.label in ("确认原文", "撤销")]
    assert any("核实与更正需要编辑权限" in info.value for info in at.main.info)


def _correct_as_a_viewer() -> None:
    """Run by AppTest from its source alone: it imports what it uses."""
    from functools import partial

    from lib.review.requests import CorrectionRequest, correction
    from ui import review
    from ui.safe import guarded

    request = CorrectionRequest("2024-03", "hotline", "市国资委", "score", "69.1", "试")
    with guarded():
        review._write(partial(correction, request=request))


def test_a_viewers_write_is_refused_even_without_the_controls(monkeypatch, db):
    at = AppTest.from_function(_correct_as_a_viewer)
    monkeypatch.setenv("HOTLINE_DB", str(db))
    with_password(at).run()
    assert not at.exception
    assert [e.value for e in at.error] == [AccessError().message]
    assert log(db) == []


def _key(at: AppTest, prefix: str) -> str:
    (key,) = [t.key for t in at.text_input if t.key and t.key.startswith(prefix)]
    return key
