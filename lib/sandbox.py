"""Parse untrusted bytes in child processes under a wall-clock and a memory limit.

A hostile file (a compressed-stream bomb, a page that sends pdfminer into a loop) can only
cost its own child: the caller gets TooComplex and carries on.

Why not multiprocessing: its 'spawn' and 'forkserver' children re-run the caller's
`__main__`, which under Streamlit is the app script itself, and 'fork' copies a
multi-threaded process. So the children come from a small zygote of our own: a clean
interpreter, started once per caller process (`warm_up` starts it ahead of the first file),
that has imported the parser and forks one child per file. A call costs a fork, not an
interpreter start. A single-threaded caller (the CLI) may instead fork the children itself
(`from_here`), and then starts no second interpreter at all.

Each child writes its pickled outcome to a pipe the caller owns; the caller waits on the pipes
of all running children at once (one per core by default), with each child's deadline, and
kills a child when its deadline passes.
"""

from __future__ import annotations

import contextlib
import errno
import gc
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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lib.errors import CorruptFile, HotlineError, SandboxUnavailable, TooComplex, os_cause
from lib.model import Bulletin
from lib.readers import DEFAULT_LIMITS, Limits

Outcome = Bulletin | HotlineError
"""What parsing one file gives: the bulletin, or the typed error that refused the file."""

_SIZE = struct.Struct("!Q")
_ROOT = str(Path(__file__).resolve().parent.parent)
_ZYGOTE_CODE = "import sys; sys.path.insert(0, sys.argv[1]); from lib.sandbox import serve; serve(int(sys.argv[2]))"
_PRELOAD = ("lib.parse", "lib.readers.pdf", "lib.readers.docx", "lib.readers.text")
_PRELOAD_HERE = ("lib.parse", "lib.readers.pdf")
"""A caller forking its own children imports only what a PDF needs (the CLI's usual file);
a .docx child imports its reader itself."""


def parse_untrusted(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> Bulletin:
    """lib.parse.parse_bytes in a child; only a Bulletin or a HotlineError comes back."""
    ((_, outcome),) = parse_each([(data, filename)], limits)
    if isinstance(outcome, HotlineError):
        raise outcome
    return outcome


def parse_in_order(
    files: Sequence[tuple[bytes, str]], limits: Limits = DEFAULT_LIMITS, from_here: bool = False
) -> Iterator[Outcome]:
    """parse_each's outcomes in the order of `files`, each as soon as it and those before it
    are done."""
    waiting: dict[int, Outcome] = {}
    next_index = 0
    for index, outcome in parse_each(files, limits, from_here=from_here):
        waiting[index] = outcome
        while next_index in waiting:
            yield waiting.pop(next_index)
            next_index += 1


def parse_each(
    files: Sequence[tuple[bytes, str]],
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
    from_here: bool = False,
) -> Iterator[tuple[int, Outcome]]:
    """Parse each (data, filename) in a child of its own, `workers` children at a time (one
    per core by default); yield (index in `files`, outcome) as each child finishes.

    `from_here`: fork the children from this process rather than from the zygote — only for a
    single-threaded caller; with other threads running, the zygote is used anyway.
    """
    forker = _HERE if from_here and threading.active_count() == 1 else _ZYGOTE
    workers = workers or os.cpu_count() or 1
    queue = list(enumerate(files))[::-1]
    running: dict[int, _Child] = {}
    try:
        while queue or running:
            while queue and len(running) < workers:
                index, (data, filename) = queue.pop()
                child = _Child.start(forker, index, data, filename, limits)
                running[child.fd] = child
            yield from _finished(running)
    finally:
        for child in running.values():
            child.abandon()


@dataclass
class _Child:
    """One running child: the pipe it writes its outcome to, and when it must be done."""

    forker: _Zygote | _ThisProcess
    index: int
    filename: str
    limits: Limits
    pid: int
    fd: int
    deadline: float
    chunks: list[bytes] = field(default_factory=list)

    @classmethod
    def start(cls, forker, index: int, data: bytes, filename: str, limits: Limits) -> _Child:
        """Fork the child; SandboxUnavailable when no child can be started."""
        read_fd, write_fd = os.pipe()
        try:
            pid = forker.fork_child(pickle.dumps((data, filename, limits)), write_fd)
        except BaseException as error:
            os.close(read_fd)
            if isinstance(error, OSError):
                raise SandboxUnavailable(filename, _start_failure(error, forker)) from None
            raise
        finally:
            os.close(write_fd)
        deadline = time.monotonic() + limits.timeout_s
        return cls(forker, index, filename, limits, pid, read_fd, deadline)

    def read(self) -> bool:
        """Take what the child has written; True once it has closed the pipe."""
        chunk = os.read(self.fd, 1 << 20)
        self.chunks.append(chunk)
        return not chunk

    def outcome(self) -> Outcome:
        """The child's outcome once it closed the pipe; nothing written means it died (its
        memory cap, a crash): TooComplex."""
        self._close()
        blob = b"".join(self.chunks)
        return pickle.loads(blob) if blob else TooComplex(self.filename)

    def expired(self) -> Outcome:
        self.abandon()
        return TooComplex(self.filename, f"超过 {self.limits.timeout_s:g} 秒")

    def abandon(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self._close()

    def _close(self) -> None:
        os.close(self.fd)
        self.forker.reap(self.pid)


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


def _finished(running: dict[int, _Child]) -> Iterator[tuple[int, Outcome]]:
    """Wait until a child closes its pipe or a deadline passes; the outcomes that came."""
    left = min(child.deadline for child in running.values()) - time.monotonic()
    ready, _, _ = select.select(list(running), [], [], max(left, 0))
    for fd in ready:
        if running[fd].read():
            child = running.pop(fd)
            yield child.index, child.outcome()
    now = time.monotonic()
    for fd, child in list(running.items()):
        if child.deadline <= now:
            del running[fd]
            yield child.index, child.expired()


def warm_up() -> None:
    """Start the zygote now, if it is not running, so the first file does not wait for it. One
    that cannot start is reported when a file needs it (SandboxUnavailable)."""
    with contextlib.suppress(OSError):
        _ZYGOTE.start()


class _Zygote:
    """The caller's side of the zygote: start it on first use, restart it if it died."""

    def __init__(self, python: str = sys.executable) -> None:
        self.python = python
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._socket: socket.socket | None = None

    def start(self) -> None:
        with self._lock:
            self._running()

    def fork_child(self, request: bytes, result_fd: int) -> int:
        with self._lock:
            try:
                return self._exchange(request, result_fd)
            except OSError:
                self._stop()
            return self._exchange(request, result_fd)

    def reap(self, pid: int) -> None:
        """The zygote's children are reaped by the kernel (it ignores SIGCHLD)."""

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


class _ThisProcess:
    """Forks the caller itself, which imports the parser first so each child starts with it."""

    def fork_child(self, request: bytes, result_fd: int) -> int:
        _preload(_PRELOAD_HERE)
        pid = os.fork()
        if pid == 0:
            _run_child(request, result_fd)
        return pid

    def reap(self, pid: int) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


_ZYGOTE = _Zygote()
_HERE = _ThisProcess()


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    buffer = bytearray()
    while len(buffer) < size:
        chunk = sock.recv(size - len(buffer))
        if not chunk:
            raise ConnectionError("sandbox zygote closed the connection")
        buffer += chunk
    return bytes(buffer)


def _preload(modules: Sequence[str]) -> None:
    for module in modules:
        with contextlib.suppress(ImportError):
            __import__(module)


def serve(fd: int) -> None:
    """The zygote's loop: for each request, fork a child that parses and writes the outcome.

    Returns when the caller closes its end (the caller exited). SIGCHLD is ignored so the
    kernel reaps the children.
    """
    _preload(_PRELOAD)
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
    """In the forked child: apply the limits, parse, write the pickled outcome, exit.

    An unexpected exception becomes CorruptFile with no traceback: the user sees why the file
    was refused, never the parser's internals. The memory cap is on what parsing adds to the
    address space the child starts with (the zygote's, or a larger caller's when it forks its
    own children). The objects inherited from the parent are frozen out of garbage collection:
    the parser allocates so much that full collections run often, and each would walk (and,
    writing their headers, copy) the whole inherited heap. RLIMIT_CPU is a backstop should the
    caller die before it can kill a runaway child.
    """
    try:
        gc.freeze()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        data, filename, limits = pickle.loads(request)
        cap = _address_space() + limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        cpu = int(limits.timeout_s) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        try:
            blob = pickle.dumps(_parse(data, filename, limits))
        except MemoryError:
            blob = pickle.dumps(TooComplex(filename))
        with os.fdopen(result_fd, "wb") as out:
            out.write(blob)
    finally:
        os._exit(0)


def _address_space() -> int:
    """Bytes this process has mapped (Linux's /proc/self/statm counts pages)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _parse(data: bytes, filename: str, limits: Limits) -> Bulletin | HotlineError:
    try:
        from lib.parse import parse_bytes

        return parse_bytes(data, filename, limits)
    except HotlineError as exc:
        return exc
    except (MemoryError, RecursionError):
        return TooComplex(filename)
    except Exception:
        return CorruptFile(filename)
