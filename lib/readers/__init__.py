"""Pick the reader by content (magic bytes), never by file name, and apply the input limits."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO

from lib.document import Document
from lib.errors import EmptyFile, TooLarge, UnsupportedFormat


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 60
    timeout_s: float = 30.0
    memory_mb: int = 1024


DEFAULT_LIMITS = Limits()


def sniff(data: bytes) -> str:
    """'pdf', 'docx' or 'text' from the bytes themselves."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError):
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if _looks_like_text(data):
        return "text"
    return "binary"


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    from lib.readers.text import decode

    try:
        text = decode(sample if len(data) <= 4096 else data[:4096] + b"", "")
    except Exception:
        return False
    printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in text)
    return printable >= 0.95 * max(len(text), 1)


def read_document(data: bytes, filename: str = "", limits: Limits = DEFAULT_LIMITS) -> Document:
    if not data or not data.strip():
        raise EmptyFile(filename)
    if len(data) > limits.max_bytes:
        raise TooLarge(filename, f"{len(data) / 1048576:.1f} MB，上限 {limits.max_bytes // 1048576} MB")
    kind = sniff(data)
    if kind == "pdf":
        from lib.readers.pdf import read_pdf

        return read_pdf(data, filename, limits)
    if kind == "docx":
        from lib.readers.docx import read_docx

        return read_docx(data, filename, limits)
    if kind == "text":
        from lib.readers.text import read_text

        return read_text(data, filename)
    raise UnsupportedFormat(filename)
