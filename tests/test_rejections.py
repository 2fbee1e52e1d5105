"""Every kind of refused input: the CLI's exit code and its one Chinese line, and the sandbox.

The files are in fixtures/bad/ (made by fixtures/bad/make_bad_files.py).
"""

from __future__ import annotations

import errno
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lib import sandbox
from lib.__main__ import main
from lib.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedPdf,
    NotABulletin,
    SandboxUnavailable,
    TooComplex,
    TooLarge,
    TooManyPages,
    UnsupportedFormat,
)
from lib.readers import Limits, read_document
from lib.sandbox import parse_untrusted
from lib.sandbox.forkers import Zygote

ROOT = Path(__file__).parent.parent
BAD = Path(__file__).parent / "fixtures" / "bad"

REJECTED = [
    ("empty.pdf", EmptyFile, ""),
    ("whitespace.txt", EmptyFile, ""),
    ("random.bin", UnsupportedFormat, ""),
    ("sheet.xlsx", UnsupportedFormat, ""),
    ("truncated.pdf", CorruptFile, ""),
    ("corrupt.docx", CorruptFile, ""),
    ("dtd.docx", CorruptFile, "文档包含不允许的 DTD 声明"),
    ("encrypted.pdf", EncryptedPdf, ""),
    ("too-many-pages.pdf", TooManyPages, "共 1000 页，上限 60 页"),
    ("zip-bomb.docx", TooComplex, "解压后 251 MB"),
    ("stream-bomb.pdf", TooComplex, ""),
    ("unrelated.docx", NotABulletin, ""),
    ("unrelated.pdf", NotABulletin, ""),
    ("attachment-encrypted.pdf", NotABulletin, ""),
]


def expected_line(name: str, error: type, detail: str) -> str:
    return f"“{name}”：{error.reason}" + (f"（{detail}）" if detail else "") + "\n"


@pytest.mark.parametrize(("name", "error", "detail"), REJECTED, ids=[r[0] for r in REJECTED])
def test_cli_refuses_with_one_chinese_line(name, error, detail, capsys):
    assert main(["parse", str(BAD / name)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == expected_line(name, error, detail)


def test_cli_process_exit_code_and_no_traceback():
    run = subprocess.run(
        [sys.executable, "-m", "lib", "parse", str(BAD / "encrypted.pdf")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == "“encrypted.pdf”：文件已加密（设有打开密码），请上传未加密的版本\n"


def test_over_the_size_cap_is_refused_before_parsing(tmp_path, capsys):
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024))
    assert main(["parse", str(big)]) == 2
    assert capsys.readouterr() == ("", expected_line("big.pdf", TooLarge, "21.0 MB，上限 20 MB"))


def test_page_cap_answers_in_well_under_a_second():
    data = (BAD / "too-many-pages.pdf").read_bytes()
    start = time.perf_counter()
    with pytest.raises(TooManyPages):
        read_document(data, "too-many-pages.pdf")
    assert time.perf_counter() - start < 0.3


def test_zip_ratio_is_checked_when_the_size_is_allowed():
    data = (BAD / "zip-bomb.docx").read_bytes()
    with pytest.raises(TooComplex) as refused:
        read_document(data, "zip-bomb.docx", Limits(max_unzipped_mb=1000))
    assert refused.value.detail == "压缩比异常"


def test_too_many_zip_entries():
    data = (BAD / "unrelated.docx").read_bytes()
    with pytest.raises(TooComplex) as refused:
        read_document(data, "unrelated.docx", Limits(max_zip_entries=5))
    assert refused.value.detail.startswith("压缩包内有 ")


def test_sandbox_kills_a_child_past_the_timeout():
    """Timed from the child's start: the zygote is made ready first (the CLI tests above fork
    their own children, so this may be the session's first use of it)."""
    with pytest.raises(NotABulletin):
        parse_untrusted(b"ready", "ready.txt")
    data = (BAD / "endless-page.pdf").read_bytes()
    start = time.perf_counter()
    with pytest.raises(TooComplex) as refused:
        parse_untrusted(data, "endless-page.pdf", Limits(timeout_s=2))
    assert 2 <= time.perf_counter() - start < 4
    assert (
        str(refused.value)
        == "“endless-page.pdf”：文件过于复杂，解析超时或超出内存上限（超过 2 秒）"
    )


def test_sandbox_stops_a_child_past_the_memory_cap():
    """1.5 GB of zeros behind two Flate filters: MemoryError in the child long before the
    timeout, and the caller carries on."""
    data = (BAD / "stream-bomb.pdf").read_bytes()
    start = time.perf_counter()
    with pytest.raises(TooComplex) as refused:
        parse_untrusted(data, "stream-bomb.pdf", Limits(memory_mb=512, timeout_s=20))
    assert time.perf_counter() - start < 10
    assert refused.value.detail == ""


def test_sandbox_keeps_working_after_a_killed_child():
    with pytest.raises(TooComplex):
        parse_untrusted(
            (BAD / "endless-page.pdf").read_bytes(), "endless-page.pdf", Limits(timeout_s=0.5)
        )
    with pytest.raises(EncryptedPdf) as refused:
        parse_untrusted((BAD / "encrypted.pdf").read_bytes(), "encrypted.pdf")
    assert (refused.value.filename, refused.value.detail) == ("encrypted.pdf", "")


def test_typed_errors_pickle_whole():
    error = pickle.loads(pickle.dumps(TooManyPages("a.pdf", "共 99 页，上限 60 页")))
    assert type(error) is TooManyPages
    assert (error.filename, error.detail) == ("a.pdf", "共 99 页，上限 60 页")
    assert str(error) == "“a.pdf”：文件页数超过上限（共 99 页，上限 60 页）"


def test_owner_password_only_pdf_parses():
    bulletin = parse_untrusted((BAD / "owner-password-only.pdf").read_bytes(), "owner.pdf")
    assert bulletin.period.key == "2024-05"
    assert len(bulletin.evaluations) > 100


def test_a_pdf_whose_only_encryption_is_on_its_attachments_is_read_like_any_other():
    """Acrobat's "encrypt only file attachments": pdfium opens the document without a password,
    pdfminer refuses it; judged by the document itself, it is the May bulletin."""
    data = (BAD / "attachment-encrypted-bulletin.pdf").read_bytes()
    read = parse_untrusted(data, "2024-05.pdf").to_json()
    expected = parse_untrusted(
        (ROOT / "tests" / "fixtures" / "2024-05.pdf").read_bytes(), "2024-05.pdf"
    )
    assert {**read, "source": None} == {**expected.to_json(), "source": None}


@pytest.mark.parametrize(
    ("interpreter", "cause"),
    [
        ("not-executable", "解释器 {python} 没有执行权限"),
        ("missing", "找不到解释器 {python}"),
        ("/bin/false", "解析进程启动后立即退出"),
    ],
)
def test_a_sandbox_that_cannot_start_is_one_line(interpreter, cause, tmp_path, monkeypatch):
    """The app's zygote (the CLI forks its own children: see the next test)."""
    python = tmp_path / interpreter if not interpreter.startswith("/") else Path(interpreter)
    if interpreter == "not-executable":
        python.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sandbox, "_ZYGOTE", Zygote(str(python)))
    march = (ROOT / "tests" / "fixtures" / "2024-03.pdf").read_bytes()

    with pytest.raises(SandboxUnavailable) as refused:
        parse_untrusted(march, "2024-03.pdf")

    expected = f"“2024-03.pdf”：无法启动解析进程，文件未解析（{cause.format(python=python)}）"
    assert refused.value.message == expected


def test_a_cli_that_cannot_fork_its_sandbox_says_so_in_one_line(monkeypatch, capsys):
    def no_process_left():
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_process_left)
    # The CLI is single-threaded and forks its own children; threads other tests leave in
    # this process (a browser's) would send it to the zygote instead.
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    march = str(ROOT / "tests" / "fixtures" / "2024-03.pdf")

    assert main(["parse", march]) == 2

    expected = "“2024-03.pdf”：无法启动解析进程，文件未解析（系统内存或进程数不足）\n"
    assert capsys.readouterr() == ("", expected)
