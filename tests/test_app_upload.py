"""上传与管理 and 数据质量 under AppTest: result cards, save / replace / discard, the library,
demo removal, and user text shown inert.

Files go through `at.file_uploader`, which Streamlit 1.67's AppTest supports, so the page's
own path (uploader → sandboxed parse → card → store) is what runs.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from lib import sandbox
from lib.errors import NotABulletin, StoreReadOnly
from lib.sandbox.forkers import Zygote
from tests.apptest import (
    FIXTURES,
    HOSTILE_NAMES,
    frames,
    made_bulletin,
    open_app,
    stored,
    texts,
)
from ui.safe import inert

PDF = ("2024-05.pdf", (FIXTURES / "2024-05.pdf").read_bytes(), "application/pdf")


@pytest.fixture
def db(tmp_path):
    return tmp_path / "hotline.db"


def upload(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    at.file_uploader(key="upload-files").set_value(list(files))
    return at.run()


def click(at: AppTest, label: str) -> AppTest:
    (button,) = [b for b in at.button if b.label == label]
    return button.click().run()


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def library_months(at: AppTest) -> list[str]:
    (table,) = [f for f in frames(at) if "导入时间" in f.columns]
    return list(table["月份"])


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_uploaded_pdf_gets_a_result_card_and_is_saved(monkeypatch, db):
    truth = json.loads((FIXTURES / "2024-05.truth.json").read_text(encoding="utf-8"))
    hotline = sum(row["channel"] == "hotline" for row in truth["evaluations"])
    at = upload(open_app(monkeypatch, db).run(), PDF)
    assert not at.exception
    assert at.subheader[0].value == "2024年5月 · 期号未列明"
    metrics = metric_values(at)
    assert metrics["附件1 热线评价表"] == f"{hotline} 行"
    assert metrics["附件2 信箱评价表"] == f"{len(truth['evaluations']) - hotline} 行"
    assert labels(at)[:2] == ["保存", "放弃"]

    at = click(at, "保存")
    assert not at.exception
    assert library_months(at) == ["2024年5月"]
    assert at.sidebar.caption[0].value == "已载入 2024年5月"
    assert at.success[0].value == "已保存到通报库。"
    assert "保存" not in labels(at)


def test_a_refused_file_gets_its_message_and_the_others_still_import(monkeypatch, db):
    at = upload(
        open_app(monkeypatch, db).run(),
        ("会议纪要.txt", "今天天气很好。".encode(), "text/plain"),
        PDF,
    )
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("“会议纪要\\.txt”：")
    at = click(at, "保存")
    assert library_months(at) == ["2024年5月"]


def test_replacing_a_stored_month_waits_for_confirmation(monkeypatch, db):
    stored(db, made_bulletin(2024, 5, filename="旧的五月.txt"))
    at = upload(open_app(monkeypatch, db).run(), PDF)
    assert "2024年5月 已有通报" in at.warning[0].value
    at = click(at, "替换…")
    assert labels(at)[:2] == ["确认替换2024年5月", "取消"]
    assert frames(at)[-1]["文件名"].tolist() == ["旧的五月.txt"]

    at = click(at, "确认替换2024年5月")
    assert not at.exception
    assert frames(at)[-1]["文件名"].tolist() == ["2024-05.pdf"]


def test_cancelling_a_replacement_keeps_the_old_file(monkeypatch, db):
    stored(db, made_bulletin(2024, 5, filename="旧的五月.txt"))
    at = click(click(upload(open_app(monkeypatch, db).run(), PDF), "替换…"), "取消")
    assert labels(at)[:2] == ["替换…", "放弃"]
    assert frames(at)[-1]["文件名"].tolist() == ["旧的五月.txt"]


def test_discarding_saves_nothing_and_can_be_undone(monkeypatch, db):
    at = click(upload(open_app(monkeypatch, db).run(), PDF), "放弃")
    assert "撤销放弃" in labels(at)
    assert any("通报库还是空的" in info.value for info in at.info)
    at = click(at, "撤销放弃")
    assert labels(at)[:2] == ["保存", "放弃"]


def test_deleting_from_the_library_takes_a_confirmation(monkeypatch, db):
    _, april = stored(db, made_bulletin(2024, 3), made_bulletin(2024, 4))
    at = open_app(monkeypatch, db).run()
    assert library_months(at) == ["2024年3月", "2024年4月"]
    at.selectbox(key="library-chosen").set_value(april).run()
    at = click(at, "删除2024年4月通报")
    assert library_months(at) == ["2024年3月", "2024年4月"]
    at = click(at, "确认删除2024年4月")
    assert not at.exception
    assert library_months(at) == ["2024年3月"]
    assert at.sidebar.caption[0].value == "已载入 2024年3月"


def test_demo_data_is_removed_in_one_click(monkeypatch, db):
    at = open_app(monkeypatch, db, demo=True).run()
    assert library_months(at) == ["2024年3月", "2024年5月"]
    at = click(at, "删除全部演示数据")
    assert not at.exception
    assert any("通报库还是空的" in info.value for info in at.info)
    assert at.sidebar.caption[0].value == "通报库还是空的"


def test_quality_view_lists_a_month_of_the_sidebar_period(monkeypatch, db):
    stored(db, *(made_bulletin(2024, m, (f"{m}月单位",)) for m in (3, 4, 5)))
    at = open_app(monkeypatch, db)
    at.query_params.update({"period": ["2024年4月", "2024年4月"]})
    at.run()
    at.switch_page("views/quality.py").run()
    assert at.selectbox[0].options == ["2024年4月"]
    queue = frames(at)[0]
    assert queue["单位"].tolist() == ["4月单位", ""]
    assert queue["类别"].tolist() == ["综合指标值与公式不符", "解析警告"]
    assert at.dataframe[0].proto.row_height > 64, (
        "说明 wraps (Streamlit wraps only in rows over 4rem)"
    )


def test_hostile_names_and_file_names_stay_inert_text(monkeypatch, db):
    stored(db, made_bulletin(2024, 4, HOSTILE_NAMES, filename="[y](javascript:alert(2)).txt"))
    at = open_app(monkeypatch, db).run()
    at = upload(at, ("[x](javascript:alert(1)).txt", b"<script>alert(1)</script>", "text/plain"))
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)\\.txt" in at.error[0].value
    assert frames(at)[-1]["文件名"].tolist() == ["[y](javascript:alert(2)).txt"]
    rendered = list(texts(at))
    at.switch_page("views/quality.py").run()
    queue = frames(at)[0]
    assert queue["单位"].tolist() == [HOSTILE_NAMES[0], ""]
    assert queue["位置"].tolist() == ["热线 第1页", "第1页"]
    assert queue["说明"].tolist()[1] == f"未能确定归属的行：{HOSTILE_NAMES[0]}"
    for text in [*rendered, *texts(at)]:
        assert "<script>" not in text
        assert "](javascript:" not in text


def test_several_new_files_are_saved_in_one_click(monkeypatch, db):
    march = (
        "2024-03.docx",
        (FIXTURES / "2024-03.docx").read_bytes(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    at = upload(open_app(monkeypatch, db).run(), march, PDF)
    assert [s.value for s in at.main.subheader] == [
        "2024年3月 · 2024年第3期",
        "2024年5月 · 期号未列明",
    ]
    at = click(at, "保存全部 2 个待保存文件")
    assert not at.exception
    assert library_months(at) == ["2024年3月", "2024年5月"]
    assert [s.value for s in at.success] == ["已保存到通报库。"] * 2


def test_a_file_is_parsed_once_however_often_the_page_reruns(monkeypatch, db):
    calls = []

    def counting(files, **_):
        for index, (_, filename) in enumerate(files):
            calls.append(filename)
            yield index, NotABulletin(filename)

    monkeypatch.setattr("ui.uploads.parse_each", counting)
    content = f"只解析一次 {db}".encode()
    at = upload(open_app(monkeypatch, db).run(), ("一次.txt", content, "text/plain"))
    at.run()
    at.run()
    assert calls == ["一次.txt"]
    assert "不是政务服务热线工作通报" in at.error[0].value


def test_a_store_failure_on_save_is_a_message_and_the_card_stays(monkeypatch, db):
    def read_only(*args, **kwargs):
        raise StoreReadOnly(detail="测试")

    monkeypatch.setattr("lib.store.Store.import_bulletin", read_only)
    at = click(upload(open_app(monkeypatch, db).run(), PDF), "保存")
    assert not at.exception
    assert "数据库只读，本次操作未保存" in at.error[0].value
    assert labels(at)[:2] == ["保存", "放弃"]


def test_a_sandbox_that_cannot_start_is_each_files_message(monkeypatch, db, tmp_path):
    """Files never parsed before (their text names the test's own database)."""
    missing = tmp_path / "no-python"
    monkeypatch.setattr(sandbox, "_ZYGOTE", Zygote(str(missing)))
    files = [(name, f"{name} {db}".encode(), "text/plain") for name in ("一.txt", "二.txt")]
    at = upload(open_app(monkeypatch, db).run(), *files)
    assert not at.exception
    reason = f"无法启动解析进程，文件未解析（找不到解释器 {missing}）"
    assert [e.value for e in at.main.error] == [
        inert(f"“{name}”：{reason}") for name in ("一.txt", "二.txt")
    ]
    assert "保存" not in labels(at)
