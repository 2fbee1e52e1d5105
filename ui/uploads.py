"""Uploaded files through the sandboxed parser, and the decision each one waits for.

A file is parsed once per content (a cache keyed on its sha256 and name); the outcome, a
Bulletin or the Chinese reason it was refused, is what is cached, so a refused file is not
parsed again on every rerun. Not st.cache_data: a scan reports its pages to a progress bar
drawn outside the parse, which cache_data cannot replay. Pictures of pages chosen together are
one bulletin, bound in name order into one PDF (in the sandbox) before it is parsed. What a
file may still become (saved, replacing a month, or discarded) is worked out against the
library on every run, never remembered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from lib.errors import HotlineError, TooLarge
from lib.model import Bulletin
from lib.readers import DEFAULT_LIMITS, check_size, sniff
from lib.readers.pictures import bound_name
from lib.sandbox import bind_untrusted, parse_untrusted
from lib.store import BulletinInfo, ImportResult
from ui import access
from ui.safe import log, user_message

FILE_TYPES = ["pdf", "docx", "txt", "md", "png", "jpg", "jpeg"]
_CACHED = 32
MAX_UPLOAD_MB = DEFAULT_LIMITS.max_bytes // (1024 * 1024)
Status = Literal["refused", "new", "conflict", "stored", "discarded"]
_DISCARDED = "uploads.discarded"


@dataclass(frozen=True)
class Parsed:
    """A parse outcome that can be cached: the bulletin, or the message saying why not."""

    bulletin: Bulletin | None
    error: str = ""


@dataclass(frozen=True)
class Upload:
    name: str
    sha256: str
    data: bytes
    parsed: Parsed

    @property
    def key(self) -> str:
        return self.sha256[:16]


@st.cache_resource(show_spinner=False)
def _outcomes() -> dict[tuple[str, str], Parsed]:
    """Parse outcomes by (sha256, name), shared by every session, the newest _CACHED kept."""
    return {}


def _parse(sha256: str, filename: str, data: bytes, bar) -> Parsed:
    outcomes = _outcomes()
    if (sha256, filename) not in outcomes:
        outcomes[sha256, filename] = _parsed(data, filename, _pages(bar, filename))
        for old in list(outcomes)[:-_CACHED]:
            outcomes.pop(old, None)
    return outcomes[sha256, filename]


def _parsed(data: bytes, filename: str, progress) -> Parsed:
    try:
        return Parsed(parse_untrusted(data, filename, progress=progress))
    except HotlineError as error:
        return Parsed(None, error.message)
    except Exception as error:
        log.error("unexpected parse failure for %s", filename, exc_info=error)
        return Parsed(None, user_message(error, filename))


def _pages(bar, filename: str):
    """OCR progress on the bar: “a.pdf”：第 3/11 页 识别中…"""

    def show(done: int, total: int) -> None:
        if done < total:
            bar.progress(done / total, text=f"“{filename}”：第 {done + 1}/{total} 页 识别中…")

    return show


def parse_all(files: list[UploadedFile]) -> list[Upload]:
    """Parse every file (the pictures among them as one), with a progress bar over the files
    and, for a scan, over its pages; one refusal stops no other file."""
    if not files:
        return []
    documents = [f for f in files if sniff(f.getvalue()[:1024]) != "image"]
    pictures = [f for f in files if f not in documents]
    total = len(documents) + bool(pictures)
    bar = st.progress(0.0, text=f"正在解析 0/{total} 个文件…")
    uploads = []
    for file in documents:
        uploads.append(_upload(file.name, file.size, file.getvalue, bar))
        bar.progress(len(uploads) / total, text=f"正在解析 {len(uploads)}/{total} 个文件…")
    if pictures:
        uploads.append(_bound(pictures, bar))
    bar.empty()
    return uploads


def _upload(name: str, size: int, read, bar) -> Upload:
    """A file over the size cap is refused on its size alone: not hashed, not parsed."""
    try:
        check_size(size, name)
    except TooLarge as error:
        return Upload(name, "", b"", Parsed(None, error.message))
    data = read()
    sha256 = hashlib.sha256(data).hexdigest()
    return Upload(name, sha256, data, _parse(sha256, name, data, bar))


def _bound(pictures: list[UploadedFile], bar) -> Upload:
    """Pictures of pages as one bulletin: bound into one PDF, then parsed like any file."""
    files = [(f.name, f.getvalue()) for f in pictures]
    name = bound_name(files)
    try:
        check_size(sum(f.size for f in pictures), name)
        data = _bind(tuple(hashlib.sha256(d).hexdigest() for _, d in files), files)
    except HotlineError as error:
        return Upload(name, "", b"", Parsed(None, error.message))
    return _upload(name, len(data), lambda: data, bar)


@st.cache_data(show_spinner=False, max_entries=8)
def _bind(shas: tuple[str, ...], _files: list[tuple[str, bytes]]) -> bytes:
    return bind_untrusted(_files)


def status(upload: Upload, library: list[BulletinInfo]) -> Status:
    bulletin = upload.parsed.bulletin
    if bulletin is None:
        return "refused"
    if any(info.sha256 == upload.sha256 for info in library):
        return "stored"
    if upload.sha256 in st.session_state.get(_DISCARDED, set()):
        return "discarded"
    if holder(bulletin, library) is not None:
        return "conflict"
    return "new"


def holder(bulletin: Bulletin, library: list[BulletinInfo]) -> BulletinInfo | None:
    """The stored bulletin for the same month, if any."""
    return next((info for info in library if info.period == bulletin.period.key), None)


def save(upload: Upload, replace: bool = False) -> ImportResult:
    return access.editing_store().import_bulletin(
        upload.parsed.bulletin, upload.data, replace=replace
    )


def discard(upload: Upload) -> None:
    st.session_state.setdefault(_DISCARDED, set()).add(upload.sha256)


def undo_discard(upload: Upload) -> None:
    st.session_state.get(_DISCARDED, set()).discard(upload.sha256)
