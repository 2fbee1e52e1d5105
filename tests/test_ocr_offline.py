"""The OCR engine works without a network: its models come from the installed wheel.

A fresh interpreter (so the models are loaded in it, not reused from this process) with every
way out through a socket refused reads a page picture; the same picture reads the same way
here. rapidocr would download a model it did not find, so a missing model fails this test.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pypdfium2

from lib.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
GUARDED = """
import json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network blocked by test_ocr_offline")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
from lib.readers import read_document

doc = read_document(open(sys.argv[1], "rb").read(), "page.png")
print(json.dumps([getattr(b, "rows", None) or b.text for b in doc.blocks()], ensure_ascii=False))
"""


def page_picture(tmp_path: Path) -> Path:
    """附件4 of March (page 13) as a 150-dpi PNG, as a phone app would save it."""
    pdf = pypdfium2.PdfDocument(ROOT / "tests" / "fixtures" / "2024-03.pdf")
    out = io.BytesIO()
    pdf[12].render(scale=150 / 72, grayscale=True).to_pil().save(out, format="PNG")
    path = tmp_path / "page.png"
    path.write_bytes(out.getvalue())
    return path


def test_ocr_reads_a_page_with_the_network_blocked(tmp_path):
    picture = page_picture(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", GUARDED, str(picture)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    blocks = json.loads(done.stdout)
    table = next(b for b in blocks if isinstance(b, list))
    assert table[:2] == [
        ["部门名称", "加扣分值", "指标名称", "加分明细"],
        ["平江县", "+1", "信件办理质量", "表扬信件：191510"],
    ]
    here = read_document(picture.read_bytes(), "page.png")
    assert blocks == [getattr(b, "rows", None) or b.text for b in here.blocks()]
