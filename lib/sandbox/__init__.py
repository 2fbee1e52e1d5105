"""Parse untrusted bytes in child processes under a wall-clock and a memory limit.

A hostile file (a compressed-stream bomb, a page that sends pdfminer into a loop) can only
cost its own child: the caller gets TooComplex and carries on. The same children draw
pictures of a file's pages (lib/source: a row's crop, the parser's explanation), which open
the file again: under the same limits as its parse.

Why not multiprocessing: its 'spawn' and 'forkserver' children re-run the caller's
`__main__`, which under Streamlit is the app script itself, and 'fork' copies a
multi-threaded process. So the children come from a small zygote of our own: a clean
interpreter, started once per caller process (`warm_up` starts it ahead of the first file),
that has imported the parser and forks one child per file. A call costs a fork, not an
interpreter start. A single-threaded caller (the CLI) may instead fork the children itself
(`from_here`), and then starts no second interpreter at all.

Each child writes framed, pickled messages to a pipe the caller owns (a scan's page progress,
then its outcome); the caller waits on the pipes of all running children at once (one per core
by default), each with its own deadline, and kills a child when its deadline passes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import pickle
import select
import signal
import sys
import threading
import time
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from lib.document import Box
from lib.errors import HotlineError, SandboxUnavailable, TooComplex, os_cause
from lib.model import Bulletin
from lib.readers import DEFAULT_LIMITS, Limits
from lib.sandbox.child import FRAME, Pages, scan_seconds
from lib.sandbox.forkers import ThisProcess, Zygote

if typing.TYPE_CHECKING:
    from lib.readers.ocr import Progress
    from lib.source.crop import Crop

Outcome = Bulletin | HotlineError
"""What parsing one file gives: the bulletin, or the typed error that refused the file."""
FileProgress = Callable[[int, int, int], None]
"""(index of the file, pages done, pages to do): a scan's OCR progress."""

__all__ = [
    "Outcome",
    "Pages",
    "bind_untrusted",
    "crop_untrusted",
    "explain_untrusted",
    "parse_each",
    "parse_in_order",
    "parse_untrusted",
    "scan_seconds",
    "warm_up",
]


def parse_untrusted(
    data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None
) -> Bulletin:
    """lib.parse.parse_bytes in a child; only a Bulletin or a HotlineError comes back.

    A scan's pages are read by OCR at seconds a page: the child says how many pages it will
    recognise before it starts, and the deadline grows by `limits.scan_page_s` for each;
    `progress(done, total)` hears after each page.
    """
    heard = (lambda _, done, total: progress(done, total)) if progress else None
    return _one(_Job("parse", (data, filename), filename), limits, heard)


def bind_untrusted(files: list[tuple[str, bytes]], limits: Limits = DEFAULT_LIMITS) -> bytes:
    """lib.readers.pictures.bind in a child: pictures of pages decoded there, not here. Each
    picture is decoded and compressed again: the time limit is a scan's of as many pages."""
    allowed = replace(limits, timeout_s=scan_seconds(limits, len(files)))
    return _one(_Job("bind", (files,), files[0][0] if files else ""), allowed, None)


def crop_untrusted(
    data: bytes, filename: str, page: int, box: Box, limits: Limits = DEFAULT_LIMITS
) -> Crop:
    """lib.source.crop.crop_row in a child: the page around a row, from the stored original."""
    return _one(_Job("crop", (data, filename, page, box), filename), limits, None)


def explain_untrusted(
    data: bytes, filename: str, pages: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[tuple[int, bytes]]:
    """lib.source.explain.explain_pages in a child: what the parser saw, page by page (a
    scan's pages are recognised first, with a scan's time limit)."""
    return _one(_Job("explain", (data, filename, pages), filename), limits, None)


def parse_in_order(
    files: Sequence[tuple[bytes, str]],
    limits: Limits = DEFAULT_LIMITS,
    from_here: bool = False,
    progress: FileProgress | None = None,
) -> Iterator[Outcome]:
    """parse_each's outcomes in the order of `files`, each as soon as it and those before it
    are done."""
    waiting: dict[int, Outcome] = {}
    next_index = 0
    for index, outcome in parse_each(files, limits, from_here=from_here, progress=progress):
        waiting[index] = outcome
        while next_index in waiting:
            yield waiting.pop(next_index)
            next_index += 1


def parse_each(
    files: Sequence[tuple[bytes, str]],
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
    from_here: bool = False,
    progress: FileProgress | None = None,
) -> Iterator[tuple[int, Outcome]]:
    """Parse each (data, filename) in a child of its own, `workers` children at a time (one
    per core by default); yield (index in `files`, outcome) as each child finishes.

    `from_here`: fork the children from this process rather than from the zygote — only for a
    single-threaded caller; with other threads running, the zygote is used anyway.
    """
    forker = _HERE if from_here and threading.active_count() == 1 else _ZYGOTE
    jobs = [_Job("parse", (data, filename), filename) for data, filename in files]
    return _run(jobs, limits, workers or os.cpu_count() or 1, forker, progress)


def warm_up() -> None:
    """Start the zygote now, if it is not running, so the first file does not wait for it. One
    that cannot start is reported when a file needs it (SandboxUnavailable)."""
    with contextlib.suppress(OSError):
        _ZYGOTE.start()


@dataclass(frozen=True)
class _Job:
    kind: str
    args: tuple
    filename: str


def _one(job: _Job, limits: Limits, progress: FileProgress | None):
    ((_, outcome),) = _run([job], limits, 1, _ZYGOTE, progress)
    if isinstance(outcome, HotlineError):
        raise outcome
    return outcome


def _run(jobs: list[_Job], limits: Limits, workers: int, forker, progress) -> Iterator:
    queue = list(enumerate(jobs))[::-1]
    running: dict[int, _Child] = {}
    try:
        while queue or running:
            while queue and len(running) < workers:
                index, job = queue.pop()
                child = _Child.start(forker, index, job, limits)
                running[child.fd] = child
            yield from _finished(running, progress)
    finally:
        for child in running.values():
            child.abandon()


@dataclass
class _Child:
    """One running child: the pipe it writes to, what it has written, and until when it may
    run (a scan's deadline grows once the child says how many pages it will recognise)."""

    forker: Zygote | ThisProcess
    index: int
    filename: str
    limits: Limits
    pid: int
    fd: int
    started: float
    allowed: float
    buffer: bytes = b""
    outcome: object = None

    @classmethod
    def start(cls, forker, index: int, job: _Job, limits: Limits) -> _Child:
        """Fork the child; SandboxUnavailable when no child can be started."""
        read_fd, write_fd = os.pipe()
        try:
            pid = forker.fork_child(pickle.dumps((job.kind, job.args, limits)), write_fd)
        except BaseException as error:
            os.close(read_fd)
            if isinstance(error, OSError):
                raise SandboxUnavailable(job.filename, _start_failure(error, forker)) from None
            raise
        finally:
            os.close(write_fd)
        return cls(
            forker, index, job.filename, limits, pid, read_fd, time.monotonic(), limits.timeout_s
        )

    @property
    def deadline(self) -> float:
        return self.started + self.allowed

    def read(self, progress: FileProgress | None) -> bool:
        """Take what the child has written; True once its outcome is in (or it closed the pipe
        without one: it died, at its memory cap or in a crash — TooComplex)."""
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            self._close()
            self.outcome = TooComplex(self.filename)
            return True
        self.buffer += chunk
        while len(self.buffer) >= FRAME.size:
            (size,) = FRAME.unpack(self.buffer[: FRAME.size])
            if len(self.buffer) < FRAME.size + size:
                return False
            message = pickle.loads(self.buffer[FRAME.size : FRAME.size + size])
            self.buffer = self.buffer[FRAME.size + size :]
            if not isinstance(message, Pages):
                self._close()
                self.outcome = message
                return True
            if message.done == 0:
                self.allowed = scan_seconds(self.limits, message.total)
            if progress is not None:
                progress(self.index, message.done, message.total)
        return False

    def expired(self) -> Outcome:
        self.abandon()
        return TooComplex(self.filename, f"超过 {self.allowed:g} 秒")

    def abandon(self) -> None:
        """Kill the child, still running, and let it go."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self._close()

    def _close(self) -> None:
        os.close(self.fd)
        self.forker.reap(self.pid)


def _finished(running: dict[int, _Child], progress) -> Iterator[tuple[int, Outcome]]:
    """Wait until a child's outcome comes or a deadline passes; the outcomes that came."""
    left = min(child.deadline for child in running.values()) - time.monotonic()
    ready, _, _ = select.select(list(running), [], [], max(left, 0))
    for fd in ready:
        if running[fd].read(progress):
            child = running.pop(fd)
            yield child.index, child.outcome
    now = time.monotonic()
    for fd, child in list(running.items()):
        if child.deadline <= now:
            del running[fd]
            yield child.index, child.expired()


def _start_failure(error: OSError, forker) -> str:
    """Why no child could be started, in the administrator's words."""
    python = getattr(forker, "python", sys.executable)
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"解释器 {python} 没有执行权限"
    if error.errno == errno.ENOENT:
        return f"找不到解释器 {python}"
    if error.errno in (errno.ENOMEM, errno.EAGAIN):
        return "系统内存或进程数不足"
    if isinstance(error, ConnectionError) or error.errno is None:
        return "解析进程启动后立即退出"
    return os_cause(error)


_ZYGOTE = Zygote()
_HERE = ThisProcess()
