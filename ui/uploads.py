"""Uploaded files through the sandboxed parser, and the decision each one waits for.

A file is parsed once per content and name in a session (kept in session state for as long as
it stays in the uploader); the outcome, a Bulletin or the Chinese reason it was refused, is what
is kept, so a refused file is not parsed again on every rerun. New files are parsed together,
one sandboxed child per core, with a progress bar over the files. What a file may still
become (saved, replacing a month, or discarded) is worked out against the library on every
run, never remembered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Literal

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from lib.errors import HotlineError, TooLarge
from lib.model import Bulletin
from lib.readers import DEFAULT_LIMITS, check_size
from lib.sandbox import Outcome, parse_each, warm_up
from lib.store import BulletinInfo, ImportResult
from ui import access
from ui.safe import log, user_message

FILE_TYPES = ["pdf", "docx", "txt", "md"]
MAX_UPLOAD_MB = DEFAULT_LIMITS.max_bytes // (1024 * 1024)
Status = Literal["refused", "new", "conflict", "stored", "discarded"]
_DISCARDED = "uploads.discarded"
_PARSED = "uploads.parsed"


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
    parsed: Parsed | None

    @property
    def key(self) -> str:
        return self.sha256[:16]


def parse_all(files: list[UploadedFile]) -> list[Upload]:
    """Every file with its outcome; one refusal stops no other file. Starts the sandbox's
    zygote while the page waits for files, so the first file does not wait for it."""
    warm_up()
    if not files:
        return []
    uploads = [_upload(file) for file in files]
    known: dict[tuple[str, str], Parsed] = st.session_state.get(_PARSED, {})
    _parse([u for u in uploads if u.parsed is None and (u.sha256, u.name) not in known], known)
    st.session_state[_PARSED] = {
        (u.sha256, u.name): known[u.sha256, u.name] for u in uploads if u.parsed is None
    }
    return [u if u.parsed else replace(u, parsed=known[u.sha256, u.name]) for u in uploads]


def _parse(todo: list[Upload], known: dict[tuple[str, str], Parsed]) -> None:
    """Parse `todo` side by side into `known`; a sandbox that cannot start (SandboxUnavailable)
    is each remaining file's message."""
    if not todo:
        return
    bar = st.progress(0.0, text=f"正在解析 0/{len(todo)} 个文件…")
    try:
        outcomes = parse_each([(u.data, u.name) for u in todo])
        for done, (index, outcome) in enumerate(outcomes, start=1):
            known[todo[index].sha256, todo[index].name] = _parsed(outcome)
            bar.progress(done / len(todo), text=f"正在解析 {done}/{len(todo)} 个文件…")
    except HotlineError as error:
        for u in todo:
            message = type(error)(u.name, error.detail).message
            known.setdefault((u.sha256, u.name), Parsed(None, message))
    except Exception as error:
        log.error("unexpected parse failure", exc_info=error)
        for u in todo:
            known.setdefault((u.sha256, u.name), Parsed(None, user_message(error, u.name)))
    bar.empty()


def _parsed(outcome: Outcome) -> Parsed:
    if isinstance(outcome, HotlineError):
        return Parsed(None, outcome.message)
    return Parsed(outcome)


def _upload(file: UploadedFile) -> Upload:
    """A file over the size cap is refused on its size alone: not hashed, not parsed."""
    try:
        check_size(file.size, file.name)
    except TooLarge as error:
        return Upload(file.name, "", b"", Parsed(None, error.message))
    data = file.getvalue()
    return Upload(file.name, hashlib.sha256(data).hexdigest(), data, None)


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
