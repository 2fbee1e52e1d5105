"""上传与管理 and 数据质量 with scanned bulletins under AppTest: page pictures chosen together
are one bulletin, read by OCR; doubtful values are listed on the card and on 数据质量."""

from __future__ import annotations

import dataclasses
import io

import pypdfium2
import pytest

from tests.apptest import FIXTURES, frames, made_bulletin, open_app, stored

OCR_TIMEOUT_S = 600


@pytest.fixture
def db(tmp_path):
    return tmp_path / "hotline.db"


def page_png(number: int) -> bytes:
    pdf = pypdfium2.PdfDocument(FIXTURES / "2024-03.pdf")
    out = io.BytesIO()
    pdf[number - 1].render(scale=150 / 72, grayscale=True).to_pil().save(out, format="PNG")
    return out.getvalue()


def test_page_pictures_uploaded_together_are_one_scanned_bulletin(monkeypatch, db):
    at = open_app(monkeypatch, db).run()
    pictures = [("p13.png", page_png(13), "image/png"), ("p01.png", page_png(1), "image/png")]
    at.file_uploader(key="upload-files").set_value(pictures)
    at.run(timeout=OCR_TIMEOUT_S)
    assert not at.exception
    assert any("p01（共2页）" in m.value for m in at.markdown)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["附件4 加分表"] == "16 行"
    assert metrics["存疑数值"] == "1 行"  # 汨罗市的加分明细: the engine is unsure of 汨
    assert [b.label for b in at.button][:2] == ["保存", "放弃"]


def test_quality_lists_each_doubtful_value_with_what_was_read(monkeypatch, db):
    bulletin = made_bulletin(2024, 3, ("华容县", "云溪区"))
    rows = [dataclasses.replace(r) for r in bulletin.evaluations]
    rows[1].doubtful = ["rework", "score"]
    stored(db, dataclasses.replace(bulletin, evaluations=rows))
    at = open_app(monkeypatch, db, page="views/quality.py").run()
    assert not at.exception
    queue = frames(at)[0]
    doubtful = queue[queue["说明"].str.contains("没有把握")]
    assert doubtful[["状态", "单位", "说明"]].to_dict("records") == [
        {"状态": "待核实", "单位": "云溪区", "说明": "返工数识别为 0，没有把握，请对照原文"},
        {"状态": "待核实", "单位": "云溪区", "说明": "综合指标值识别为 99，没有把握，请对照原文"},
    ]
