"""Who forks a sandbox child: the zygote (a clean interpreter that has imported the parser,
for a multi-threaded caller such as the app), or the caller itself when it is single-threaded
(the CLI)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from lib.sandbox.child import FRAME, run_child

_ROOT = str(Path(__file__).resolve().parents[2])
_ZYGOTE_CODE = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from lib.sandbox.forkers import serve; serve(int(sys.argv[2]))"
)
# Imported once in the zygote so each child starts warm. Not the OCR engine (OpenCV,
# onnxruntime): it would swell every child's address space past a text file's memory limit,
# and onnxruntime's thread pool would not survive the fork. A scan imports it after raising
# its limits.
_PRELOAD = ("lib.parse", "lib.readers.pdf", "lib.readers.docx", "lib.readers.text")
_PRELOAD_HERE = ("lib.parse", "lib.readers.pdf")
"""A caller forking its own children imports only what a PDF needs (the CLI's usual file);
a .docx child imports its reader itself."""


class Zygote:
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
        socket.send_fds(sock, [FRAME.pack(len(request))], [result_fd])
        sock.sendall(request)
        (pid,) = FRAME.unpack(_recv_exact(sock, FRAME.size))
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


class ThisProcess:
    """Forks the caller itself, which imports the parser first so each child starts with it."""

    def fork_child(self, request: bytes, result_fd: int) -> int:
        _preload(_PRELOAD_HERE)
        pid = os.fork()
        if pid == 0:
            run_child(request, result_fd)
        return pid

    def reap(self, pid: int) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


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
            message, fds, _, _ = socket.recv_fds(sock, FRAME.size, 1)
        except ConnectionError:
            return
        if not message or not fds:
            return
        size_bytes = message + _recv_exact(sock, FRAME.size - len(message))
        request = _recv_exact(sock, FRAME.unpack(size_bytes)[0])
        pid = os.fork()
        if pid == 0:
            sock.close()
            run_child(request, fds[0])
        os.close(fds[0])
        sock.sendall(FRAME.pack(pid))
