"""One JSON user file kept safe: locked read-modify-write, atomic replace, backups, and damage recovery.

Layout for a file `NAME.json` in its folder: `NAME.json.lock` (the lock, held around every read and write),
`NAME.json.bak` (the previous good copy, rewritten before every change), `backups/NAME-YYYY-MM-DD.json`
(the good copy as it stood before the first change of each UTC day, newest 15 kept) and, after damage,
`NAME.json.damaged-YYYYMMDDTHHMMSSZ` (the unreadable file, set aside and never touched again).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from reader.atomic import write_bytes_atomic
from reader.bookmarks.lock import file_lock
from reader.bookmarks.timestamps import Clock, as_utc, utc_now

log = logging.getLogger("reader.bookmarks")

T = TypeVar("T")

KEEP_DATED_BACKUPS = 15
BACKUP_FOLDER = "backups"


class DocumentError(ValueError):
    """The bytes are not a valid document of the expected kind; the message says what is wrong."""


@dataclass(frozen=True)
class LoadReport:
    """What loading had to do because the file was damaged or missing, told so the user can be warned."""

    path: Path
    problem: str
    moved_to: Path | None  # where the damaged file was set aside; None when the file was missing
    restored_from: Path | None  # the backup that was loaded; None when no backup could be read

    @property
    def message(self) -> str:
        if self.moved_to is not None:
            head = f"{self.path} could not be read ({self.problem}); it was moved to {self.moved_to}."
        else:
            head = f"{self.path} was missing."
        if self.restored_from is not None:
            return f"{head} The last good copy was restored from {self.restored_from}."
        return f"{head} No readable backup was found, so it starts empty."


def decode_json(data: bytes) -> object:
    """Parse UTF-8 JSON, turning every way it can fail into DocumentError."""
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some Windows editors add, is harmless
    except UnicodeDecodeError as error:
        raise DocumentError(f"not UTF-8 text: {error.reason} at byte {error.start}") from error
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except DocumentError:
        raise
    except json.JSONDecodeError as error:
        raise DocumentError(
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from error
    except ValueError as error:  # a number with more digits than int() accepts
        raise DocumentError(f"not valid JSON: {error}") from error
    except RecursionError as error:
        raise DocumentError("not valid JSON: nested too deeply") from error


def encode_json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def _refuse_constant(name: str) -> object:
    raise DocumentError(f"not valid JSON: {name} is not a number JSON allows")


class DurableJsonFile(Generic[T]):
    """A document of type T stored as JSON at `path`, read and changed only under the cross-process lock."""

    def __init__(
        self,
        path: Path,
        *,
        parse: Callable[[bytes], T],
        serialize: Callable[[T], bytes],
        empty: Callable[[], T],
        clock: Clock = utc_now,
        on_recovery: Callable[[LoadReport], None] | None = None,
        keep_backups: int = KEEP_DATED_BACKUPS,
    ) -> None:
        self.path = path
        self._parse = parse
        self._serialize = serialize
        self._empty = empty
        self._clock = clock
        self._on_recovery = on_recovery
        self._keep_backups = keep_backups

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @property
    def bak_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    @property
    def backup_folder(self) -> Path:
        return self.path.parent / BACKUP_FOLDER

    def dated_backups(self) -> list[Path]:
        """The dated backups of this file, oldest first."""
        pattern = re.compile(re.escape(self.path.stem) + r"-\d{4}-\d{2}-\d{2}\.json")
        if not self.backup_folder.is_dir():
            return []
        return sorted(p for p in self.backup_folder.iterdir() if pattern.fullmatch(p.name))

    def read(self) -> tuple[T, LoadReport | None]:
        """The current document; a damaged or missing file is recovered from backups first."""
        with file_lock(self.lock_path):
            document, _good, report = self._load_locked()
        self._tell(report)
        return document, report

    def update(self, change: Callable[[T], T]) -> tuple[T, T, LoadReport | None]:
        """Apply `change` to the current document and save the result; returns (before, after, report).

        Nothing is written when the change leaves the document as it was. The lock is held from the read to
        the end of the write, so a change made by another process at the same time is never lost.
        """
        with file_lock(self.lock_path):
            before, good, report = self._load_locked()
            after = change(before)
            if after != before:
                self._write_locked(self._serialize(after), previous=good)
        self._tell(report)
        return before, after, report

    def _load_locked(self) -> tuple[T, bytes | None, LoadReport | None]:
        """Read the file; returns (document, its bytes when they were read as they are, report)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            data = None
        if data is not None:
            try:
                return self._parse(data), data, None
            except DocumentError as error:
                problem = str(error)
            moved_to: Path | None = self._set_aside()
        else:
            if not self.bak_path.exists() and not self.dated_backups():
                return self._empty(), None, None
            problem, moved_to = "missing", None
        document, restored_from = self._restore_from_backups()
        report = LoadReport(self.path, problem, moved_to, restored_from)
        # Settle the recovered state on disk, so the next load is clean and says nothing more.
        self._write_locked(self._serialize(document), previous=None)
        return document, None, report

    def _tell(self, report: LoadReport | None) -> None:
        # Called with the lock released: a window may show a dialog here, and must not hold others up.
        if report is None:
            return
        log.info("%s", report.message)  # the report is how the user hears of it; the log keeps a record
        if self._on_recovery is not None:
            self._on_recovery(report)

    def _set_aside(self) -> Path:
        stamp = as_utc(self._clock()).strftime("%Y%m%dT%H%M%SZ")
        for attempt in range(1, 10_000):
            suffix = "" if attempt == 1 else f"-{attempt}"
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}{suffix}")
            if _move_without_overwriting(self.path, target):
                return target
        raise OSError(f"no free name to set {self.path} aside")

    def _restore_from_backups(self) -> tuple[T, Path | None]:
        for candidate in [self.bak_path, *reversed(self.dated_backups())]:
            try:
                return self._parse(candidate.read_bytes()), candidate
            except FileNotFoundError:
                continue
            except (DocumentError, OSError) as error:
                log.warning("backup %s is unreadable too: %s", candidate, error)
        return self._empty(), None

    def _write_locked(self, data: bytes, previous: bytes | None) -> None:
        self._remove_abandoned_temporaries()
        if previous is not None:
            write_bytes_atomic(self.bak_path, previous)
            dated = self.backup_folder / f"{self.path.stem}-{as_utc(self._clock()):%Y-%m-%d}.json"
            if not dated.exists():
                write_bytes_atomic(dated, previous)
                self._prune_dated_backups()
        write_bytes_atomic(self.path, data)

    def _prune_dated_backups(self) -> None:
        backups = self.dated_backups()
        for old in backups[: max(0, len(backups) - self._keep_backups)]:
            with contextlib.suppress(FileNotFoundError):
                old.unlink()

    def _remove_abandoned_temporaries(self) -> None:
        # Every writer holds the lock, so a temporary file seen now was left by a process that died mid-write.
        leftovers = [*self.path.parent.glob(f".{self.path.name}.*.tmp")]
        if self.backup_folder.is_dir():
            leftovers += self.backup_folder.glob(f".{self.path.stem}-*.tmp")
        for leftover in leftovers:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _move_without_overwriting(source: Path, target: Path) -> bool:
    """Rename `source` to `target` unless `target` exists; False when it does."""
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except OSError:
        # No hard links here (FAT, some network shares): rename, which replaces on POSIX, so look first.
        if target.exists():
            return False
        os.rename(source, target)
        return True
    source.unlink()
    return True
