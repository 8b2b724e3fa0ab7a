"""Open a store file with Python's sqlite3, checking that it is a store and of a version we understand."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from reader.domain.progress import Reporter
from reader.store.errors import StoreError
from reader.store.schema import APPLICATION_ID, migrate, schema_version

_SQLITE_MAGIC = b"SQLite format 3\x00"
# What a damaged file raises: sqlite3's errors, and UnicodeDecodeError when SQLite's own message quotes
# damaged bytes (a corrupt schema entry) that Python cannot decode.
DAMAGE_ERRORS = (sqlite3.DatabaseError, UnicodeDecodeError)


def _check_header(path: Path) -> None:
    """Refuse, without opening it with SQLite, a file that is not ours (see below); an unmarked SQLite
    file is probed on a connection that can leave nothing behind."""
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except FileNotFoundError:
        raise StoreError(f"{path}: no such store") from None
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a store") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not head.startswith(_SQLITE_MAGIC) or len(head) < 100:
        raise StoreError(f"{path} is not a Magazine Reader store (not an SQLite database)")
    # The header holds the application id (offset 68) and user version (offset 60). A file marked as
    # something else is refused before SQLite opens it: opening can leave files beside it (a header
    # that says WAL makes SQLite create -wal and -shm), and nothing that is not ours may be touched.
    # An unmarked file with user version 0 may be an empty database, which becomes a store: SQLite decides.
    app_id = int.from_bytes(head[68:72], "big")
    user_version = int.from_bytes(head[60:64], "big")
    if app_id != APPLICATION_ID and (app_id != 0 or user_version != 0):
        raise StoreError(f"{path} is an SQLite database, but not a Magazine Reader store")
    if app_id == 0:
        _probe_unmarked(path)


def _probe_unmarked(path: Path) -> None:
    """The identity checks on a connection that cannot change the file or create one beside it
    (immutable: no locks, no -wal or -shm), for a file whose header does not say it is ours: an empty
    database may become a store, anything else is refused as it was found."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot be opened ({exc})") from None
    try:
        _check_identity(conn, path)
    finally:
        conn.close()


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """The store's schema version; raises StoreError for foreign or newer files."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except DAMAGE_ERRORS as exc:
        raise StoreError(f"{path} is damaged or not a Magazine Reader store ({exc})") from None
    if app_id != APPLICATION_ID and (version != 0 or tables != 0):
        raise StoreError(f"{path} is an SQLite database, but not a Magazine Reader store")
    if version > schema_version():
        raise StoreError(
            f"{path} was made by a newer version of Magazine Reader (store version {version}, "
            f"this version reads up to {schema_version()}): please update the app"
        )
    return version


def open_read_only(path: Path, reporter: Reporter | None = None) -> sqlite3.Connection:
    """A connection that cannot change the file, for the window and the command line's readers.

    An older store is brought up to date first (one write transaction, reporting to `reporter`), since
    that is our own format.
    """
    path = Path(path)
    _check_header(path)
    if Path(f"{path}-journal").exists():
        # A write was interrupted (an import killed mid-batch): let SQLite roll it back, which a
        # read-only connection cannot do, so that readers see the last committed state.
        open_for_writing(path, reporter).close()
    conn = _connect(path, read_only=True)
    try:
        version = _check_identity(conn, path)
        if version < schema_version():
            conn.close()
            open_for_writing(path, reporter).close()
            conn = _connect(path, read_only=True)
            _check_identity(conn, path)
        conn.execute("SELECT 1 FROM articles LIMIT 1").fetchall()
    except DAMAGE_ERRORS as exc:
        conn.close()
        raise StoreError(f"{path} is damaged or not a Magazine Reader store ({exc})") from None
    except BaseException:  # refused (StoreError), cancelled: the connection goes with it
        conn.close()
        raise
    return conn


def open_for_writing(path: Path, reporter: Reporter | None = None) -> sqlite3.Connection:
    """A connection for the importer: creates the store if needed and migrates it forward.

    The migration is one transaction; `reporter` hears its progress and may cancel it (Cancelled is
    raised here), which leaves the store exactly as it was.
    """
    path = Path(path)
    try:
        if path.exists() and path.stat().st_size > 0:
            _check_header(path)
        else:
            _create_empty_store(path)
    except OSError as exc:  # a folder that cannot be made or written, a full disk
        reason = exc.strerror or str(exc)
        if path.parent.exists() and not path.parent.is_dir():
            reason = f"{path.parent} is not a folder"
        raise StoreError(f"cannot create the store {path}: {reason}") from None
    conn = _connect(path, read_only=False)
    try:
        _check_identity(conn, path)
        conn.execute("BEGIN IMMEDIATE")
        migrate(conn, reporter)
        conn.execute("COMMIT")
    except DAMAGE_ERRORS as exc:
        conn.close()
        raise StoreError(f"{path} cannot be written as a store ({exc})") from None
    except BaseException:  # StoreError, Cancelled, an interrupt: closing rolls the migration back
        conn.close()
        raise
    return conn


def _create_empty_store(path: Path) -> None:
    """Create a store with its schema beside `path`, then rename it into place: a store file either
    does not exist or is a whole, empty store, even if the process is killed while creating it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = _connect(tmp, read_only=False)
        try:
            conn.execute("BEGIN IMMEDIATE")
            migrate(conn)
            conn.execute("COMMIT")
        finally:
            conn.close()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rwc")
    try:
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, since deferred transactions make
        # concurrent writers fail with "database is locked" instead of waiting for the busy timeout.
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot be opened ({exc})") from None
    conn.execute("PRAGMA foreign_keys = ON")
    return conn
