"""Real file-system faults for tests: a small tmpfs that fills up, one remounted read-only, a
folder or file the kernel refuses to change (`chattr +i`). They need root (mount, chattr);
without it the tests that use them are skipped with the reason.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

IS_ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(
    not IS_ROOT, reason="mounts a tmpfs and sets chattr +i, which needs root"
)


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True)


@contextmanager
def tmpfs(folder: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of `size` mounted on `folder` (made if missing) for the block."""
    folder.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill(folder: Path) -> Path:
    """Fill the file system holding `folder` to the last byte; returns the filler file."""
    filler = folder / "filler"
    with filler.open("ab", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
                out.flush()
        except OSError:
            pass
    return filler


@contextmanager
def remounted_read_only(folder: Path) -> Iterator[Path]:
    """The tmpfs at `folder` read-only for the block, writable again after it."""
    _run("mount", "-o", "remount,ro", str(folder))
    try:
        yield folder
    finally:
        _run("mount", "-o", "remount,rw", str(folder))


@contextmanager
def immutable(path: Path) -> Iterator[Path]:
    """`chattr +i`: nobody, root included, may change the file or the folder's entries."""
    _run("chattr", "+i", str(path))
    try:
        yield path
    finally:
        _run("chattr", "-i", str(path))
