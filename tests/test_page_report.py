"""The 月度报告 page under AppTest: the latest month's report previewed, another month chosen,
and its two downloads offered."""

from __future__ import annotations

from tests.apptest import open_app

PAGE = "views/report.py"


def test_the_report_page_previews_the_month(monkeypatch, samples_db):
    at = open_app(monkeypatch, samples_db).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "月度报告"
    assert at.selectbox(key="report_month").value == "2024-05"
    sheet = "".join(h.proto.body for h in at.get("html"))
    assert "受理来电65,452件，较2024年3月减少4,994件" in sheet
    assert [b.proto.label for b in at.get("download_button")] == [
        "下载 Word（.docx）",
        "下载打印版（A4）",
    ]
    at.selectbox(key="report_month").set_value("2024-03").run()
    assert not at.exception
    sheet = "".join(h.proto.body for h in at.get("html"))
    assert "市国资委综合指标值通报为69.0，按公式应为69.11" in sheet
