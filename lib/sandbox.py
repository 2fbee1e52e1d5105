"""Parse untrusted bytes in a child process under a wall-clock and a memory limit.

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
from pathlib import Path

from lib.errors import CorruptFile, HotlineError, SandboxUnavailable, TooComplex, os_cause
from lib.model import Bulletin
from lib.readers import DEFAULT_LIMITS, Limits

_SIZE = struct.Struct("!Q")
_ROOT = str(Path(__file__).resolve().parent.parent)
_ZYGOTE_CODE = "import sys; sys.path.insert(0, sys.argv[1]); from lib.sandbox import serve; serve(int(sys.argv[2]))"
_PRELOAD = ("lib.parse", "lib.readers.pdf", "lib.readers.docx", "lib.readers.text")


def parse_untrusted(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> Bulletin:
    """lib.parse.parse_bytes in a child; only a Bulletin or a HotlineError comes back."""
    read_fd, write_fd = os.pipe()
    try:
        pid = _ZYGOTE.fork_child(pickle.dumps((data, filename, limits)), write_fd)
    except OSError as error:
        os.close(read_fd)
        raise SandboxUnavailable(filename, _start_failure(error)) from None
    finally:
        os.close(write_fd)
    with os.fdopen(read_fd, "rb", buffering=0) as result:
        blob = _read_until(result, time.monotonic() + limits.timeout_s)
    if blob is None:
        _kill(pid)
        raise TooComplex(filename, f"超过 {limits.timeout_s:g} 秒")
    if not blob:
        raise TooComplex(filename)
    outcome = pickle.loads(blob)
    if isinstance(outcome, HotlineError):
        raise outcome
    return outcome


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


def _read_until(pipe, deadline: float) -> bytes | None:
    """Everything the child writes until it closes the pipe, or None past the deadline."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([pipe], [], [], left)[0]:
            return None
        chunk = pipe.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


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
    """In the forked child: apply the limits, parse, write the pickled outcome, exit.

    An unexpected exception becomes CorruptFile with no traceback: the user sees why the file
    was refused, never the parser's internals. RLIMIT_CPU is a backstop should the caller die
    before it can kill a runaway child.
    """
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        data, filename, limits = pickle.loads(request)
        cap = limits.memory_mb * 1024 * 1024
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
