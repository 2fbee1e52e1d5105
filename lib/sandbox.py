"""Parse untrusted bytes in a child process under a wall-clock and a memory limit.

The same child draws pictures of a file's pages (lib/source: a row's crop, the parser's
explanation), which open the file again: under the same limits as its parse.

A hostile file (a compressed-stream bomb, a page that sends pdfminer into a loop) can only
cost its own child: the caller gets TooComplex and carries on.

Why not multiprocessing: its 'spawn' and 'forkserver' children re-run the caller's
`__main__`, which under Streamlit is the app script itself, and 'fork' copies a
multi-threaded process. So the children come from a small zygote of our own: a clean
interpreter, started once per caller process, that has imported the parser and forks one
child per file. A call costs a fork, not an interpreter start. The child writes its pickled
outcome to a pipe the caller owns; the caller waits on that pipe with the deadline and kills
the child when it passes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import pickle
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import typing
from dataclasses import dataclass, replace
from pathlib import Path

from lib.document import Box
from lib.errors import CorruptFile, HotlineError, SandboxUnavailable, TooComplex, os_cause
from lib.model import Bulletin
from lib.readers import DEFAULT_LIMITS, Limits
from lib.readers.ocr import Progress

if typing.TYPE_CHECKING:
    from lib.source.crop import Crop

_SIZE = struct.Struct("!Q")
_ROOT = str(Path(__file__).resolve().parent.parent)
_ZYGOTE_CODE = "import sys; sys.path.insert(0, sys.argv[1]); from lib.sandbox import serve; serve(int(sys.argv[2]))"
# Imported once in the zygote so each child starts warm. Not the OCR engine (OpenCV,
# onnxruntime): it would swell every child's address space past a text file's memory limit,
# and onnxruntime's thread pool would not survive the fork. A scan imports it after raising
# its limits.
_PRELOAD = ("lib.parse", "lib.readers.pdf", "lib.readers.docx", "lib.readers.text")


def parse_untrusted(
    data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None
) -> Bulletin:
    """lib.parse.parse_bytes in a child; only a Bulletin or a HotlineError comes back.

    A scan's pages are read by OCR at seconds a page: the child says how many pages it will
    recognise before it starts, and the deadline grows by `limits.scan_page_s` for each;
    `progress(done, total)` hears after each page.
    """
    return _run("parse", (data, filename), filename, limits, progress)


def bind_untrusted(files: list[tuple[str, bytes]], limits: Limits = DEFAULT_LIMITS) -> bytes:
    """lib.readers.pictures.bind in a child: pictures of pages decoded there, not here. Each
    picture is decoded and compressed again: the time limit is a scan's of as many pages."""
    allowed = replace(limits, timeout_s=scan_seconds(limits, len(files)))
    return _run("bind", (files,), files[0][0] if files else "", allowed, None)


def crop_untrusted(
    data: bytes, filename: str, page: int, box: Box, limits: Limits = DEFAULT_LIMITS
) -> Crop:
    """lib.source.crop.crop_row in a child: the page around a row, from the stored original."""
    return _run("crop", (data, filename, page, box), filename, limits, None)


def explain_untrusted(
    data: bytes, filename: str, pages: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[tuple[int, bytes]]:
    """lib.source.explain.explain_pages in a child: what the parser saw, page by page (a
    scan's pages are recognised first, with a scan's time limit)."""
    return _run("explain", (data, filename, pages), filename, limits, None)


def _run(job: str, args: tuple, filename: str, limits: Limits, progress: Progress | None):
    read_fd, write_fd = os.pipe()
    try:
        pid = _ZYGOTE.fork_child(pickle.dumps((job, args, limits)), write_fd)
    except OSError as error:
        os.close(read_fd)
        raise SandboxUnavailable(filename, _start_failure(error)) from None
    finally:
        os.close(write_fd)
    start = time.monotonic()
    allowed = [limits.timeout_s]
    with os.fdopen(read_fd, "rb", buffering=0) as result:
        for message in _messages(result, lambda: start + allowed[0]):
            if isinstance(message, Pages):
                if message.done == 0:
                    allowed[0] = scan_seconds(limits, message.total)
                if progress is not None:
                    progress(message.done, message.total)
                continue
            if isinstance(message, HotlineError):
                raise message
            return message
    _kill(pid)
    if time.monotonic() - start >= allowed[0]:
        raise TooComplex(filename, f"超过 {allowed[0]:g} 秒")
    raise TooComplex(filename)


def _start_failure(error: OSError) -> str:
    """Why the zygote could not be started (or died at once), in the administrator's words."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"解释器 {_ZYGOTE.python} 没有执行权限"
    if error.errno == errno.ENOENT:
        return f"找不到解释器 {_ZYGOTE.python}"
    if error.errno in (errno.ENOMEM, errno.EAGAIN):
        return "系统内存或进程数不足"
    if isinstance(error, ConnectionError) or error.errno is None:
        return "解析进程启动后立即退出"
    return os_cause(error)


@dataclass(frozen=True)
class Pages:
    """The child's word on OCR: `done` of `total` pages read (0 before the first)."""

    done: int
    total: int


def scan_seconds(limits: Limits, pages: int) -> float:
    """The wall-clock limit for a file with `pages` pages to recognise."""
    return limits.timeout_s + limits.scan_page_s * pages


def _messages(pipe, deadline) -> typing.Iterator[object]:
    """The child's framed, pickled messages, until it closes the pipe or the deadline passes
    (then the iteration just ends: the caller kills it)."""
    buffer = b""
    while True:
        left = deadline() - time.monotonic()
        if left <= 0 or not select.select([pipe], [], [], left)[0]:
            return
        chunk = pipe.read(1 << 20)
        if not chunk:
            return
        buffer += chunk
        while len(buffer) >= _SIZE.size:
            (size,) = _SIZE.unpack(buffer[: _SIZE.size])
            if len(buffer) < _SIZE.size + size:
                break
            yield pickle.loads(buffer[_SIZE.size : _SIZE.size + size])
            buffer = buffer[_SIZE.size + size :]


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


class _Zygote:
    """The caller's side of the zygote: start it on first use, restart it if it died."""

    def __init__(self, python: str = sys.executable) -> None:
        self.python = python
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._socket: socket.socket | None = None

    def fork_child(self, request: bytes, result_fd: int) -> int:
        with self._lock:
            try:
                return self._exchange(request, result_fd)
            except OSError:
                self._stop()
            return self._exchange(request, result_fd)

    def _exchange(self, request: bytes, result_fd: int) -> int:
        sock = self._running()
        socket.send_fds(sock, [_SIZE.pack(len(request))], [result_fd])
        sock.sendall(request)
        (pid,) = _SIZE.unpack(_recv_exact(sock, _SIZE.size))
        return pid

    def _running(self) -> socket.socket:
        if self._process is None or self._process.poll() is not None:
            self._stop()
            ours, theirs = socket.socketpair()
            try:
                self._process = subprocess.Popen(
                    [self.python, "-I", "-c", _ZYGOTE_CODE, _ROOT, str(theirs.fileno())],
                    pass_fds=[theirs.fileno()],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                ours.close()
                raise
            finally:
                theirs.close()
            self._socket = ours
        return self._socket

    def _stop(self) -> None:
        if self._socket is not None:
            self._socket.close()
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = self._socket = None


_ZYGOTE = _Zygote()


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    buffer = bytearray()
    while len(buffer) < size:
        chunk = sock.recv(size - len(buffer))
        if not chunk:
            raise ConnectionError("sandbox zygote closed the connection")
        buffer += chunk
    return bytes(buffer)


def serve(fd: int) -> None:
    """The zygote's loop: for each request, fork a child that parses and writes the outcome.

    Returns when the caller closes its end (the caller exited). SIGCHLD is ignored so the
    kernel reaps the children.
    """
    for module in _PRELOAD:
        with contextlib.suppress(ImportError):
            __import__(module)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    sock = socket.socket(fileno=fd)
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(sock, _SIZE.size, 1)
        except ConnectionError:
            return
        if not message or not fds:
            return
        size_bytes = message + _recv_exact(sock, _SIZE.size - len(message))
        request = _recv_exact(sock, _SIZE.unpack(size_bytes)[0])
        pid = os.fork()
        if pid == 0:
            sock.close()
            _run_child(request, fds[0])
        os.close(fds[0])
        sock.sendall(_SIZE.pack(pid))


def _run_child(request: bytes, result_fd: int) -> typing.NoReturn:
    """In the forked child: apply the limits, run the job, write the pickled outcome, exit.

    An unexpected exception becomes CorruptFile with no traceback: the user sees why the file
    was refused, never the parser's internals. RLIMIT_CPU is a backstop should the caller die
    before it can kill a runaway child; both it and RLIMIT_AS start at a text file's limits
    and rise (soft limits, up to the hard ones set here) when OCR begins.
    """
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        job, args, limits = pickle.loads(request)
        memory = limits.memory_mb * 1024 * 1024
        most = max(limits.memory_mb, limits.scan_memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, most))
        cpu = _cpu_seconds(limits.timeout_s)
        resource.setrlimit(
            resource.RLIMIT_CPU, (cpu, _cpu_seconds(scan_seconds(limits, limits.max_scan_pages)))
        )
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        with os.fdopen(result_fd, "wb", buffering=0) as out:
            send = _sender(out)
            filename = args[1] if job != "bind" else ""
            try:
                outcome = _job(job, args, filename, limits, _progress(send, limits))
            except MemoryError:
                outcome = TooComplex(filename)
            send(outcome)
    finally:
        os._exit(0)


def _cpu_seconds(wall: float) -> int:
    """CPU seconds for `wall` seconds on every core (OCR runs its models on all of them)."""
    return int(wall * (os.cpu_count() or 1)) + 2


def _sender(out) -> typing.Callable[[object], None]:
    def send(message: object) -> None:
        blob = pickle.dumps(message)
        out.write(_SIZE.pack(len(blob)) + blob)

    return send


def _progress(send, limits: Limits) -> Progress:
    """Pass page progress to the caller; at the start of OCR, raise this child's limits."""

    def progress(done: int, total: int) -> None:
        if done == 0:
            most = resource.getrlimit(resource.RLIMIT_AS)[1]
            resource.setrlimit(resource.RLIMIT_AS, (most, most))
            cpu = _cpu_seconds(scan_seconds(limits, total))
            hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
            resource.setrlimit(resource.RLIMIT_CPU, (min(cpu, hard), hard))
        send(Pages(done, total))

    return progress


def _job(job: str, args: tuple, filename: str, limits: Limits, progress: Progress):
    try:
        if job == "bind":
            from lib.readers.pictures import bind

            return bind(args[0], limits)
        if job == "crop":
            from lib.source.crop import crop_row

            data, _, page, box = args
            return crop_row(data, page, box)
        if job == "explain":
            from lib.source.explain import explain_pages

            return explain_pages(*args, limits, progress=progress)
        from lib.parse import parse_bytes

        return parse_bytes(args[0], args[1], limits, progress=progress)
    except HotlineError as exc:
        return exc
    except (MemoryError, RecursionError):
        return TooComplex(filename)
    except Exception:
        return CorruptFile(filename)
