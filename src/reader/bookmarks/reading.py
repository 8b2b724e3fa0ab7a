"""Which articles the reader has read, by uid, in `reading.sqlite` in the per-user data folder.

An article counts as read once its end has been on screen, or when the reader marks it so; marking it
unread forgets it. Keyed by uid like the bookmarks, so the marks survive re-importing a site, moving a
store or opening the same magazine on another machine. One SQLite file: every change is a transaction
(BEGIN IMMEDIATE, WAL), so two windows can mark articles at once and a crash loses nothing committed.
A file that is not such a database is set aside, never overwritten, and a new one started.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from reader import paths

log = logging.getLogger("reader.bookmarks.reading")

FILE_NAME = "reading.sqlite"
# 'MGRD': marks the file as this app's reading log.
APPLICATION_ID = 0x4D475244
_SCHEMA = "CREATE TABLE IF NOT EXISTS read(uid TEXT PRIMARY KEY, read_at TEXT NOT NULL) WITHOUT ROWID"


class ReadingLog:
    """The set of read articles; `recovered` says, once, what happened to a damaged file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.data_dir() / FILE_NAME
        self.recovered: str | None = None
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            aside = self._set_aside()
            self.recovered = f"The list of read articles could not be read ({exc}); it was moved to {aside}."
            log.warning("%s", self.recovered)
            self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id not in (0, APPLICATION_ID) or (
                app_id == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            ):
                raise sqlite3.DatabaseError("not a reading log of this app")
            conn.execute("PRAGMA journal_mode = WAL")
            # A commit survives the app's crash without waiting for the disk; a power cut may cost the
            # last marks, which the reader makes again by reading.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(_SCHEMA)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
            conn.execute("SELECT count(*) FROM read").fetchone()  # a damaged table fails here, not later
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _set_aside(self) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        self.path.rename(aside)
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return aside

    def close(self) -> None:
        self._conn.close()

    def read_uids(self) -> set[str]:
        return {str(uid) for (uid,) in self._conn.execute("SELECT uid FROM read")}

    def is_read(self, uid: str) -> bool:
        return self._conn.execute("SELECT 1 FROM read WHERE uid = ?", (uid,)).fetchone() is not None

    def mark(self, uids: Iterable[str], *, read: bool) -> None:
        """Mark the articles read (keeping when each was first read) or unread, in one transaction."""
        rows = [(uid,) for uid in dict.fromkeys(uids) if uid]
        if not rows:
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            if read:
                now = datetime.now(timezone.utc).isoformat(timespec="seconds")
                self._conn.executemany(
                    "INSERT OR IGNORE INTO read(uid, read_at) VALUES(?, ?)", [(u, now) for (u,) in rows]
                )
            else:
                self._conn.executemany("DELETE FROM read WHERE uid = ?", rows)
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
