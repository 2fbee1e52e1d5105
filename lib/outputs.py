"""Every file the app or the CLI writes: whole at its path, or not there at all.

A writer gets a file object on a temporary file beside the target (same folder, so the final
rename cannot cross a file system); when the block ends without error the data is flushed,
fsync'd and renamed over the target, and the folder entry fsync'd. On any failure the temporary
file is removed, an existing file at the target is left as it was, and an OSError becomes
OutputError: one Chinese line naming the path and the cause (磁盘已满, 文件夹不存在, 没有写入权限,
只读…).

    with replacing(out) as file:        # streamed (a backup zip)
        ...
    write_bytes(out, data)              # bytes built in memory (xlsx, csv zip, docx)

Use these for any new file a command writes; nothing else in lib/ opens a file for writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from lib.errors import OutputError, os_cause


@contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write whose content appears at `path` only if the block completes."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # 0o666 and O_EXCL: the file gets the umask's mode, like any new file, and is ours.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise OutputError(str(path), os_cause(error)) from None
    try:
        with os.fdopen(fd, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
        _sync_folder(path.parent)
    except OSError as error:
        raise OutputError(str(path), os_cause(error)) from None
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> None:
    """`data` at `path`, whole or not at all (see `replacing`)."""
    with replacing(path) as file:
        file.write(data)


@contextmanager
def scratch() -> Iterator[None]:
    """Building bytes in memory with a library that spills to the temporary folder (openpyxl
    writes each sheet to a temporary file first, through lxml): a failure to write there
    becomes OutputError naming that folder."""
    try:
        yield
    except OSError as error:
        raise OutputError(tempfile.gettempdir(), os_cause(error)) from None
    except etree.SerialisationError as error:
        # lxml names the OSError of the file it writes: "IO_ENOSPC".
        code = getattr(errno, str(error).removeprefix("IO_"), None)
        if not isinstance(code, int):
            raise
        raise OutputError(tempfile.gettempdir(), os_cause(OSError(code, ""))) from None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; a folder that cannot be opened for this is no error."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)
