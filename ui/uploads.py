"""Uploaded files through the sandboxed parser, and the decision each one waits for.

A file is parsed once per content (a cache keyed on its sha256 and name); the outcome, a
Bulletin or the Chinese reason it was refused, is what is cached, so a refused file is not
parsed again on every rerun. Not st.cache_data: a scan reports its pages to a progress bar
drawn outside the parse, which cache_data cannot replay. The files not parsed yet are parsed
side by side, one sandboxed child per core. Pictures of pages chosen together are
one bulletin, bound in name order into one PDF (in the sandbox) before it is parsed. What a
file may still become (saved, replacing a month, or discarded) is worked out against the
library on every run, never remembered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Literal

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from lib.errors import HotlineError, TooLarge
from lib.model import Bulletin
from lib.readers import DEFAULT_LIMITS, check_size, sniff
from lib.readers.pictures import bound_name
from lib.sandbox import Outcome, bind_untrusted, parse_each, warm_up
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
    parsed: Parsed | None
    """None only while the file waits to be parsed (inside parse_all)."""

    @property
    def key(self) -> str:
        return self.sha256[:16]


@st.cache_resource(show_spinner=False)
def _outcomes() -> dict[tuple[str, str], Parsed]:
    """Parse outcomes by (sha256, name), shared by every session, the newest _CACHED kept."""
    return {}


def parse_all(files: list[UploadedFile]) -> list[Upload]:
    """Every file with its outcome (the pictures among them as one), those not parsed before
    parsed side by side under a progress bar over the files and, for a scan, over its pages;
    one refusal stops no other file. The sandbox is started while the page waits for files."""
    warm_up()
    if not files:
        return []
    documents = [f for f in files if sniff(f.getvalue()[:1024]) != "image"]
    pictures = [f for f in files if f not in documents]
    total = len(documents) + bool(pictures)
    bar = st.progress(0.0, text=f"正在解析 0/{total} 个文件…")
    uploads = [_upload(f.name, f.size, f.getvalue) for f in documents]
    if pictures:
        uploads.append(_bound(pictures))
    parsed = _parse([u for u in uploads if u.parsed is None], total, bar)
    bar.empty()
    return [u if u.parsed else replace(u, parsed=parsed[u.sha256, u.name]) for u in uploads]


def _parse(todo: list[Upload], total: int, bar) -> dict[tuple[str, str], Parsed]:
    """The outcomes of `todo`, parsed side by side; kept for the next runs and sessions."""
    results: dict[tuple[str, str], Parsed] = {}
    if not todo:
        return results
    done = total - len(todo)
    bar.progress(done / total, text=f"正在解析 {done}/{total} 个文件…")
    try:
        run = parse_each([(u.data, u.name) for u in todo], progress=_pages(bar, todo))
        for index, outcome in run:
            results[todo[index].sha256, todo[index].name] = _parsed(outcome)
            done += 1
            bar.progress(done / total, text=f"正在解析 {done}/{total} 个文件…")
    except HotlineError as error:
        for u in todo:
            results.setdefault(
                (u.sha256, u.name), Parsed(None, type(error)(u.name, error.detail).message)
            )
    except Exception as error:
        log.error("unexpected parse failure", exc_info=error)
        for u in todo:
            results.setdefault((u.sha256, u.name), Parsed(None, user_message(error, u.name)))
    outcomes = _outcomes()
    outcomes.update(results)
    for old in list(outcomes)[:-_CACHED]:
        outcomes.pop(old, None)
    return results


def _parsed(outcome: Outcome) -> Parsed:
    if isinstance(outcome, HotlineError):
        return Parsed(None, outcome.message)
    return Parsed(outcome)


def _pages(bar, todo: list[Upload]):
    """OCR progress on the bar: “a.pdf”：第 3/11 页 识别中…"""

    def show(index: int, done: int, total: int) -> None:
        if done < total:
            name = todo[index].name
            bar.progress(done / total, text=f"“{name}”：第 {done + 1}/{total} 页 识别中…")

    return show


def _upload(name: str, size: int, read) -> Upload:
    """A file over the size cap is refused on its size alone: not hashed, not parsed. One
    parsed before has its outcome; the others wait to be parsed."""
    try:
        check_size(size, name)
    except TooLarge as error:
        return Upload(name, "", b"", Parsed(None, error.message))
    data = read()
    sha256 = hashlib.sha256(data).hexdigest()
    return Upload(name, sha256, data, _outcomes().get((sha256, name)))


def _bound(pictures: list[UploadedFile]) -> Upload:
    """Pictures of pages as one bulletin: bound into one PDF, then parsed like any file."""
    files = [(f.name, f.getvalue()) for f in pictures]
    name = bound_name(files)
    try:
        check_size(sum(f.size for f in pictures), name)
        data = _bind(tuple(hashlib.sha256(d).hexdigest() for _, d in files), files)
    except HotlineError as error:
        return Upload(name, "", b"", Parsed(None, error.message))
    return _upload(name, len(data), lambda: data)


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
