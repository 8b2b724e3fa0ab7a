"""A cross-process lock on a side file, held around every read-modify-write of a user data file."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT_TIMEOUT = 15.0


class LockTimeoutError(OSError):
    """Another process held the lock for longer than we were willing to wait."""


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if needed, never deleted) for the length of the block.

    The lock belongs to the open file, so the operating system drops it when a process dies, and two
    threads of one process exclude each other too. The lock file is left in place: deleting it would let
    a waiting process lock a file that a newcomer has already replaced.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, timeout)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _acquire(fd: int, path: Path, timeout: float) -> None:
    # Polling rather than a blocking call, so a stopped or hung process cannot freeze the window forever.
    deadline = time.monotonic() + timeout
    delay = 0.0005
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            raise LockTimeoutError(f"{path} is locked by another process (waited {timeout:g} s)")
        time.sleep(delay)
        delay = min(delay * 2, 0.02)
