"""Pictures of pages: bound into one scanned PDF in name order, refused early when too many or
too large, and a scan over the page cap refused before any page is recognised."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from PIL import Image

from lib.__main__ import main
from lib.errors import TooComplex, TooManyPages, UnsupportedFormat
from lib.readers import Limits, read_document
from lib.readers.pictures import MAX_PIXELS, bind, bound_name


def picture(width: int, height: int = 100, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, format=fmt)
    return out.getvalue()


def page_widths(pdf: bytes) -> list[int]:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [round(page.get_width()) for page in doc]
    finally:
        doc.close()


def test_pictures_are_bound_in_name_order_whatever_order_they_come_in():
    files = [
        ("p-10.jpg", picture(300, fmt="JPEG")),
        ("p-02.png", picture(200)),
        ("p-01.png", picture(100)),
    ]
    pdf = bind(files)
    widths = page_widths(pdf)
    assert widths[0] < widths[1] < widths[2]
    assert bound_name(files) == "p-01（共3页）.pdf"


def test_only_pictures_are_bound():
    with pytest.raises(UnsupportedFormat, match="合为一份通报的只能是页面图片"):
        bind([("a.png", picture(100)), ("b.pdf", b"%PDF-1.7\n")])


def test_too_many_pictures_are_refused_before_any_is_decoded():
    files = [(f"{i:02d}.png", b"\x89PNG\r\n\x1a\n not decoded") for i in range(31)]
    with pytest.raises(TooManyPages, match="共 31 张图片，上限 30 页"):
        bind(files)


def test_a_picture_too_large_to_be_a_page_is_refused_from_its_header():
    side = int(MAX_PIXELS**0.5) + 10
    with pytest.raises(TooComplex, match="像素，过大"):
        read_document(picture(side, side), "huge.png")


def test_a_scan_over_the_page_cap_is_refused_before_ocr():
    pdf = bind([(f"{i:02d}.png", picture(50, 70)) for i in range(12)], Limits(max_scan_pages=12))
    with pytest.raises(TooManyPages, match="扫描页共 12 页，上限 11 页"):
        read_document(pdf, "scan.pdf", Limits(max_scan_pages=11))


def test_the_cli_binds_only_pictures(tmp_path, capsys):
    (tmp_path / "a.png").write_bytes(picture(100))
    (tmp_path / "b.txt").write_text("不是图片", encoding="utf-8")
    assert main(["parse", "--as-one", str(tmp_path / "a.png"), str(tmp_path / "b.txt")]) == 2
    assert "“b.txt”：不支持的文件格式" in capsys.readouterr().err
