"""The page behind a value: the crop of a finding's row on the March PDF contains the row, and
`parse --explain` draws one picture per page."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2
import pytest
from PIL import Image

from lib.__main__ import main
from lib.errors import SourceUnavailable
from lib.review import requests
from lib.sandbox import crop_untrusted, explain_untrusted
from lib.source.crop import OUTLINE, crop_row
from lib.store.schema import BOX_COLUMNS
from tests.conftest import FIXTURES

MARCH = FIXTURES / "2024-03.pdf"


def line_words(data: bytes, page: int, unit: str) -> list[dict]:
    """pdfplumber's words printed on the line of `unit`'s name: the row as the page has it."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = pdf.pages[page - 1].extract_words()
    (name,) = [w for w in words if w["text"] == unit]
    return [
        w
        for w in words
        if abs((w["top"] + w["bottom"]) / 2 - (name["top"] + name["bottom"]) / 2) < 2
    ]


def contains(outer, word: dict) -> bool:
    x0, top, x1, bottom = outer
    return x0 <= word["x0"] and top <= word["top"] and word["x1"] <= x1 and word["bottom"] <= bottom


def test_the_crop_of_a_finding_contains_its_row(store, samples):
    march = samples["2024-03.pdf"]
    store.import_bulletin(march.bulletin, march.data)
    (item,) = [i for i in requests.month_queue(store.frame, "2024-03") if i.unit == "市国资委"]
    places = store.frame("places", period="2024-03", channel=item.channel, unit=item.unit)
    (place,) = places.to_dict("records")
    box = tuple(place[c] for c in BOX_COLUMNS)
    original = store.original(int(place["bulletin_id"]))

    crop = crop_untrusted(original.data, original.filename, int(place["page"]), box)

    words = line_words(march.data, crop.page, "市国资委")
    assert [w["text"] for w in words] == [
        "市国资委",
        "15",
        "15",
        "100%",
        "14",
        "93.33%",
        "15",
        "100%",
        "8",
        "44.44%",
        "69",
        "E",
    ]
    assert all(contains(crop.region, w) and contains(crop.row, w) for w in words)
    image = Image.open(io.BytesIO(crop.png))
    assert image.size == tuple(round(v * crop.scale) for v in _size(crop.region))
    x = round((box[0] - crop.region[0] + 0.5) * crop.scale)
    y = round((box[1] - crop.region[1]) * crop.scale)
    assert any(
        image.getpixel((x + dx, y + dy))[:3] == OUTLINE
        for dx in range(-4, 5)
        for dy in range(-4, 5)
    )


def test_every_row_of_the_march_pdf_is_boxed_round_its_words(samples):
    """Each row whose name is printed once on its page: every word on its line in its box."""
    march = samples["2024-03.pdf"]
    with pdfplumber.open(io.BytesIO(march.data)) as pdf:
        pages = {
            n: pdf.pages[n - 1].extract_words()
            for n in {r.page for r in march.bulletin.evaluations}
        }
    checked = 0
    for row in march.bulletin.evaluations:
        named = [w for w in pages[row.page] if w["text"] == row.unit]
        if len(named) != 1:
            continue
        middle = (named[0]["top"] + named[0]["bottom"]) / 2
        line = [w for w in pages[row.page] if abs((w["top"] + w["bottom"]) / 2 - middle) < 2]
        assert len(line) == 12 and all(contains(row.box, w) for w in line), row.unit
        checked += 1
    assert checked > 100


def test_a_page_that_is_not_there_is_one_line():
    with pytest.raises(SourceUnavailable, match="原文件没有第 99 页"):
        crop_row(MARCH.read_bytes(), 99, (0, 0, 10, 10))


def test_a_word_file_has_no_page_pictures():
    with pytest.raises(SourceUnavailable, match="只有 PDF 文件有页面图"):
        explain_untrusted((FIXTURES / "2024-03.docx").read_bytes(), "2024-03.docx")


def test_explain_writes_one_png_per_page(tmp_path, capsys):
    out = tmp_path / "pages"
    assert main(["parse", str(MARCH), "--explain", str(out)]) == 0
    pages = len(pypdfium2.PdfDocument(MARCH.read_bytes()))
    written = sorted(out.iterdir())
    assert [p.name for p in written] == [f"2024-03-p{n:02d}.png" for n in range(1, pages + 1)]
    assert capsys.readouterr().out == f"2024-03.pdf：已在 {out} 写入 {pages} 张页面图\n"
    for path in written:
        width, height = Image.open(path).size
        assert abs(width / height - 595 / 842) < 0.01, "A4 portrait, the page as printed"
    assert not list(out.glob(".*")), "no temporary file left behind"


def test_explain_of_a_word_file_is_refused_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "pages"
    assert main(["parse", str(FIXTURES / "2024-03.docx"), "--explain", str(out)]) == 2
    assert capsys.readouterr().err == "“2024-03.docx”：无法显示原文页面（只有 PDF 文件有页面图）\n"
    assert not out.exists()


def _size(region) -> tuple[float, float]:
    return region[2] - region[0], region[3] - region[1]


def test_explain_into_a_folder_that_cannot_be_made_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["parse", str(MARCH), "--explain", str(blocker / "pages")]) == 2
    assert (
        capsys.readouterr().err == f"“{blocker / 'pages'}”：无法写入，未生成文件（文件夹不存在）\n"
    )
