"""What runs in a sandbox child: its limits, the job (parse a file, bind pictures, draw a row's
crop or the parser's explanation from a stored original), and the framed messages it writes to
the caller's pipe (a scan's page progress, then the outcome)."""

from __future__ import annotations

import gc
import os
import pickle
import resource
import signal
import struct
import typing
from dataclasses import dataclass

from lib.errors import CorruptFile, HotlineError, TooComplex
from lib.readers import Limits

if typing.TYPE_CHECKING:
    from lib.readers.ocr import Progress

FRAME = struct.Struct("!Q")
"""Each message (and each request to the zygote) is its length, then its pickle."""


@dataclass(frozen=True)
class Pages:
    """The child's word on OCR: `done` of `total` pages read (0 before the first)."""

    done: int
    total: int


def scan_seconds(limits: Limits, pages: int) -> float:
    """The wall-clock limit for a file with `pages` pages to recognise."""
    return limits.timeout_s + limits.scan_page_s * pages


def run_child(request: bytes, result_fd: int) -> typing.NoReturn:
    """In the forked child: apply the limits, run the job, write the pickled outcome, exit.

    An unexpected exception becomes CorruptFile with no traceback: the user sees why the file
    was refused, never the parser's internals. The memory limits are on what the job adds to
    the address space the child starts with (the zygote's, or a larger caller's when it forks
    its own children). The objects inherited from the parent are frozen out of garbage
    collection: the parser allocates so much that full collections run often, and each would
    walk (and, writing their headers, copy) the whole inherited heap. RLIMIT_CPU is a backstop
    should the caller die before it can kill a runaway child; both it and RLIMIT_AS start at a
    text file's limits and rise (soft limits, up to the hard ones set here) when OCR begins.
    """
    try:
        gc.freeze()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        job, args, limits = pickle.loads(request)
        base = _address_space()
        memory = base + limits.memory_mb * 1024 * 1024
        most = base + max(limits.memory_mb, limits.scan_memory_mb) * 1024 * 1024
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


def _address_space() -> int:
    """Bytes this process has mapped (Linux's /proc/self/statm counts pages)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _cpu_seconds(wall: float) -> int:
    """CPU seconds for `wall` seconds on every core (OCR runs its models on all of them)."""
    return int(wall * (os.cpu_count() or 1)) + 2


def _sender(out) -> typing.Callable[[object], None]:
    def send(message: object) -> None:
        blob = pickle.dumps(message)
        out.write(FRAME.pack(len(blob)) + blob)

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
