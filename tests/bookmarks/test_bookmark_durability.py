"""Bookmarks survive a writer killed at any moment, and two processes changing them at once lose nothing."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkDocument, BookmarkFile
from reader.bookmarks.model import Bookmark
from reader.bookmarks.timestamps import utc_now

pytestmark = pytest.mark.slow

# Adds bookmarks in a loop and prints each uid once `add` has returned (that is, once it is on disk).
ADDING_WRITER = """
import sys
from pathlib import Path
from reader.bookmarks import BookmarkFile
bookmarks = BookmarkFile(Path(sys.argv[1]))
prefix = sys.argv[2]
print("ready", flush=True)
n = 0
while True:
    uid = f"{prefix}/{n}"
    bookmarks.add(uid, title=f"第{n}篇", note="注" * 40, position=n)
    print(uid, flush=True)
    n += 1
"""

# Waits for the go file, then adds its own new bookmarks and removes its own old ones, interleaved.
CHANGING_WRITER = """
import sys, time
from pathlib import Path
from reader.bookmarks import BookmarkFile
folder, name, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
bookmarks = BookmarkFile(folder)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
for n in range(30):
    bookmarks.add(f"{name}/new/{n}")
    if n % 2 == 0 and not bookmarks.remove(f"{name}/old/{n // 2}"):
        sys.exit(f"{name}/old/{n // 2} was not there to remove")
print("done", flush=True)
"""

KILL_ROUNDS = 30
# Each round starts a Python, so on a loaded machine fewer rounds fit the budget, but never fewer than 10.
KILL_BUDGET_SECONDS = 6.0
MIN_KILL_ROUNDS = 10


def test_killing_a_writer_at_random_moments_keeps_every_bookmark_whose_add_returned(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    confirmed: list[str] = []
    started = time.monotonic()
    rounds = 0
    while rounds < MIN_KILL_ROUNDS or (
        rounds < KILL_ROUNDS and time.monotonic() - started < KILL_BUDGET_SECONDS
    ):
        writer = subprocess.Popen(
            [sys.executable, "-c", ADDING_WRITER, str(folder), f"round{rounds}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.05))
        writer.kill()  # SIGKILL on POSIX: no clean-up, no flush, no atexit
        printed, _ = writer.communicate(timeout=30)
        confirmed += printed.split()
        rounds += 1

        document, report = BookmarkFile(folder).load()
        assert report is None, f"seed {seed}, round {rounds}: {report.message}"
        missing = [uid for uid in confirmed if uid not in document.bookmarks]
        assert missing == [], f"seed {seed}, round {rounds}: lost {missing}"

    assert confirmed, "no add ever returned before a kill: the test did not exercise anything"
    BookmarkFile(folder).add("after/the/kills")
    assert list(folder.glob(".*.tmp")) == []


def test_two_processes_adding_and_removing_at_once_lose_none_of_each_others_changes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    go = tmp_path / "go"
    old = [f"{name}/old/{n}" for name in ("A", "B") for n in range(15)]
    seeded = BookmarkDocument.of(Bookmark(uid, "旧", utc_now(), utc_now()) for uid in old)
    BookmarkFile(folder).merge_in(seeded)

    writers = [
        subprocess.Popen(
            [sys.executable, "-c", CHANGING_WRITER, str(folder), name, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
    go.touch()
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert (writer.returncode, out, err) == (0, "done\n", "")

    document, report = BookmarkFile(folder).load()
    assert report is None
    expected = {f"{name}/new/{n}" for name in ("A", "B") for n in range(30)}
    assert set(document.bookmarks) == expected
    assert set(document.tombstones) == set(old)
