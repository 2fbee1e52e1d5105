"""Uploaded files through the sandboxed parser, and the decision each one waits for.

A file is parsed once per content (st.cache_data keyed on its sha256 and name); the outcome, a
Bulletin or the Chinese reason it was refused, is what is cached, so a refused file is not
parsed again on every rerun. What a file may still become (saved, replacing a month, or
discarded) is worked out against the library on every run, never remembered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from lib.errors import HotlineError, TooLarge
from lib.model import Bulletin
from lib.readers import DEFAULT_LIMITS, check_size
from lib.sandbox import parse_untrusted
from lib.store import BulletinInfo, ImportResult
from ui import access
from ui.safe import log, user_message

FILE_TYPES = ["pdf", "docx", "txt", "md"]
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


@st.cache_data(show_spinner=False, max_entries=32)
def _parse(sha256: str, filename: str, _data: bytes) -> Parsed:
    try:
        return Parsed(parse_untrusted(_data, filename))
    except HotlineError as error:
        return Parsed(None, error.message)
    except Exception as error:
        log.error("unexpected parse failure for %s", filename, exc_info=error)
        return Parsed(None, user_message(error, filename))


def parse_all(files: list[UploadedFile]) -> list[Upload]:
    """Parse every file, with a progress bar over the files; one refusal stops no other file."""
    if not files:
        return []
    bar = st.progress(0.0, text=f"正在解析 0/{len(files)} 个文件…")
    uploads = []
    for done, file in enumerate(files, start=1):
        uploads.append(_upload(file))
        bar.progress(done / len(files), text=f"正在解析 {done}/{len(files)} 个文件…")
    bar.empty()
    return uploads


def _upload(file: UploadedFile) -> Upload:
    """A file over the size cap is refused on its size alone: not hashed, not parsed."""
    try:
        check_size(file.size, file.name)
    except TooLarge as error:
        return Upload(file.name, "", b"", Parsed(None, error.message))
    data = file.getvalue()
    sha256 = hashlib.sha256(data).hexdigest()
    return Upload(file.name, sha256, data, _parse(sha256, file.name, data))


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
