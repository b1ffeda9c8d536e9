"""Atomic file writes: a temporary file beside the destination, moved into place when complete.

A failure, a full disk or Ctrl+C leaves the destination exactly as it was (old content, or
absent) and removes the temporary file. Every file mobsim writes goes through here.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class DestinationError(OSError):
    """The destination itself is unusable (a folder, an empty name, no such folder)."""


def check_destination(path: Path | str) -> Path:
    """The destination as a Path, or DestinationError naming what is wrong with it."""
    text = os.fspath(path)
    if not text.strip():
        raise DestinationError("the file name is empty")
    if "\0" in text:
        raise DestinationError("the file name contains a NUL character")
    dest = Path(text)
    if text.endswith(("/", os.sep)) or dest.is_dir():
        raise DestinationError(f"{dest} is a folder, not a file")
    folder = dest.parent
    if not folder.is_dir():
        if folder.exists():
            raise DestinationError(f"{folder} is a file, not a folder")
        raise DestinationError(f"folder {folder} does not exist")
    return dest


def _final_mode(dest: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0o666 less the umask."""
    try:
        return dest.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the destination's folder; on success it replaces `path`.

    The caller writes the whole file to the yielded path (any writer: csv, PIL, Qt). On
    normal exit the file is fsynced and `os.replace`d onto the destination; on any exception,
    KeyboardInterrupt included, the temporary file is removed and the exception re-raised.
    """
    dest = check_destination(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync(tmp)
        os.chmod(tmp, _final_mode(dest))
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_open(path: Path | str, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file for writing; it replaces `path` only when the block completes."""
    if not mode.startswith("w"):
        raise ValueError("atomic_open writes whole files: mode must start with 'w'")
    with atomic_path(path) as tmp, open(tmp, mode, **kwargs) as fh:
        yield fh
        fh.flush()


def _fsync(path: Path) -> None:
    """Flush the finished file to disk, so a crash after the rename cannot leave it empty."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path | str, payload: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(payload)


def write_text_atomic(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    with atomic_open(path, "w", encoding=encoding, newline="") as fh:
        fh.write(text)
