"""The cross-process lock around each read-modify-write: it excludes other processes and other threads."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkFile, LockTimeoutError
from reader.bookmarks.lock import file_lock

TRY_LOCK = """
import sys
from pathlib import Path
from reader.bookmarks.lock import LockTimeoutError, file_lock
try:
    with file_lock(Path(sys.argv[1]), timeout=0.2):
        print("locked")
except LockTimeoutError:
    print("timed out")
"""


def _try_lock_in_another_process(path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", TRY_LOCK, str(path)], capture_output=True, text=True, timeout=30, check=True
    )
    return result.stdout.strip()


def test_lock_held_here_keeps_another_process_out_until_released(tmp_path: Path) -> None:
    lock = tmp_path / "bookmarks.json.lock"
    with file_lock(lock):
        assert _try_lock_in_another_process(lock) == "timed out"
    assert _try_lock_in_another_process(lock) == "locked"


def test_lock_excludes_another_thread_of_the_same_process(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    outcome: list[str] = []

    def contender() -> None:
        try:
            with file_lock(lock, timeout=0.1):
                outcome.append("locked")
        except LockTimeoutError:
            outcome.append("timed out")

    with file_lock(lock):
        thread = threading.Thread(target=contender)
        thread.start()
        thread.join()
    assert outcome == ["timed out"]


def test_lock_is_released_when_the_block_raises(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    with pytest.raises(RuntimeError), file_lock(lock):
        raise RuntimeError("boom")
    with file_lock(lock, timeout=0.1):
        pass
    assert lock.exists()


def test_threads_adding_at_once_lose_none_of_each_others_bookmarks(tmp_path: Path) -> None:
    folder = tmp_path / "data"

    def add_many(name: str) -> None:
        bookmarks = BookmarkFile(folder)
        for n in range(15):
            bookmarks.add(f"{name}/{n}")

    threads = [threading.Thread(target=add_many, args=(name,)) for name in ("a", "b", "c")]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert time.monotonic() - started < 60
    assert set(BookmarkFile(folder).document().bookmarks) == {f"{x}/{n}" for x in "abc" for n in range(15)}
