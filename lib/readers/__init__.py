"""Pick the reader by content (magic bytes), never by file name, and apply the input limits."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO

from lib.document import Document
from lib.errors import CorruptFile, EmptyFile, TooLarge, UnsupportedFormat
from lib.settings import DEFAULT_SETTINGS, ExtractSettings


@dataclass(frozen=True)
class Limits:
    """What one untrusted file may cost. Sizes in MB, time in seconds.

    A page read by OCR costs seconds, not milliseconds: a scan may have fewer pages, and its
    time limit grows by `scan_page_s` a page (and its memory to `scan_memory_mb`, the models'
    working space) once the reader knows it is one.
    """

    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 60
    max_scan_pages: int = 30
    timeout_s: float = 30.0
    scan_page_s: float = 60.0
    memory_mb: int = 1024
    scan_memory_mb: int = 3072
    max_zip_entries: int = 1000
    max_unzipped_mb: int = 200
    max_zip_ratio: int = 200


DEFAULT_LIMITS = Limits()

WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_SAMPLE = 4096


def sniff(data: bytes) -> str:
    """'pdf', 'docx', 'image' (PNG, JPEG), 'text', or what else it is ('zip', 'broken-zip',
    'binary') from the bytes."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "image"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if _looks_like_text(data[:_SAMPLE]):
        return "text"
    return "binary"


def _zip_kind(data: bytes) -> str:
    """A Word document declares its main part in [Content_Types].xml (an .xlsx does not)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        info = archive.getinfo("[Content_Types].xml")
        types = archive.read(info) if info.file_size <= 1024 * 1024 else b""
    except KeyError:
        return "zip"
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError):
        return "broken-zip"
    return "docx" if WORD_MAIN in types else "zip"


def _looks_like_text(sample: bytes) -> bool:
    """UTF-8, GB18030 or UTF-16 (with BOM) text that is almost all printable.

    The sample is a prefix of the file, so a multi-byte character cut at its end is ignored.
    """
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = sample[: len(sample) // 2 * 2].decode("utf-16", errors="replace")
    elif b"\x00" in sample:
        return False
    else:
        text = _decode_prefix(sample)
        if text is None:
            return False
    printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in text)
    return printable >= 0.95 * max(len(text), 1)


def _decode_prefix(sample: bytes) -> str | None:
    for encoding in ("utf-8-sig", "gb18030"):
        for cut in range(4):
            try:
                return sample[: len(sample) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
    return None


def check_size(size: int, filename: str = "", limits: Limits = DEFAULT_LIMITS) -> None:
    """TooLarge when a file of `size` bytes is over the cap: asked before a byte is read."""
    if size > limits.max_bytes:
        raise TooLarge(filename, f"{size / 1048576:.1f} MB，上限 {limits.max_bytes / 1048576:g} MB")


def read_document(
    data: bytes,
    filename: str = "",
    limits: Limits = DEFAULT_LIMITS,
    settings: ExtractSettings = DEFAULT_SETTINGS,
    progress=None,
) -> Document:
    """Bytes to a Document, or one of lib.errors' RejectedFile errors. `progress(done, total)`
    hears after each page read by OCR (a scan, a picture)."""
    check_size(len(data), filename, limits)
    if not data.strip():
        raise EmptyFile(filename)
    kind = sniff(data)
    if kind == "pdf":
        from lib.readers.pdf import read_pdf

        return read_pdf(data, filename, limits, settings, progress)
    if kind == "image":
        from lib.readers.pictures import read_picture

        return read_picture(data, filename, progress)
    if kind == "docx":
        from lib.readers.docx import read_docx

        return read_docx(data, filename, limits)
    if kind == "text":
        from lib.readers.text import read_text

        return read_text(data, filename)
    if kind == "broken-zip":
        raise CorruptFile(filename)
    raise UnsupportedFormat(filename)
