"""Opening a store made by an older version: updated off the GUI thread, with a busy dialog, then opened."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from unittest import mock

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from reader.domain.progress import Reporter
from reader.store import connection, schema
from reader.ui.main_window import MainWindow
from reader.ui.settings import WindowSettings
from reader.ui.tasks import TaskRunner

OLDER_VERSION = schema.schema_version() - 1


def older_copy(store_path: Path, target: Path) -> Path:
    target.write_bytes(store_path.read_bytes())
    with closing(sqlite3.connect(target)) as conn:
        conn.execute(f"PRAGMA user_version={OLDER_VERSION}")
        conn.commit()
    return target


def version_of(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def upgrade_dialog(window: MainWindow) -> QProgressDialog | None:
    return window.findChild(QProgressDialog, "storeUpgradeDialog")


def test_an_older_store_is_updated_off_the_gui_thread_while_the_window_keeps_answering(
    qtbot: QtBot, store_path: Path, tmp_path: Path, message_boxes: object
) -> None:
    older = older_copy(store_path, tmp_path / "older.magstore")
    real_migrate: Callable[[sqlite3.Connection, Reporter | None], int] = connection.migrate
    release = threading.Event()
    migrating_threads: list[int] = []

    def held_migration(conn: sqlite3.Connection, reporter: Reporter | None = None) -> int:
        migrating_threads.append(threading.get_ident())
        release.wait(20)  # as long as a real 50,000-article reindex, until the test lets it finish
        return real_migrate(conn, reporter)

    window = MainWindow(WindowSettings(), TaskRunner())
    qtbot.addWidget(window)
    window.show()
    try:
        with mock.patch("reader.store.connection.migrate", held_migration):
            assert window.open_store(older)  # accepted: it opens once updated
            qtbot.waitUntil(lambda: bool(migrating_threads))
            assert migrating_threads[0] != threading.get_ident()
            assert window.store is None

            # The GUI thread goes on: timers fire, and the busy dialog shows with the store's name.
            ticks: list[int] = []
            QTimer.singleShot(10, lambda: ticks.append(1))
            qtbot.waitUntil(lambda: bool(ticks))
            qtbot.waitUntil(lambda: (d := upgrade_dialog(window)) is not None and d.isVisible())
            dialog = upgrade_dialog(window)
            assert dialog is not None and "older.magstore" in dialog.labelText()
            assert "older.magstore" in window.statusBar().currentMessage()

            release.set()
            qtbot.waitUntil(lambda: window.store is not None, timeout=20_000)
    finally:
        release.set()
    assert window.store is not None and window.store.path == older
    assert window.current_uid() == "b1"
    assert (d := upgrade_dialog(window)) is None or not d.isVisible()
    assert version_of(older) == schema.schema_version()


def test_an_update_that_fails_says_why_and_keeps_the_open_store(
    window: MainWindow, store_path: Path, tmp_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    older = older_copy(store_path, tmp_path / "older.magstore")
    window.open_article("a2")
    with mock.patch(
        "reader.store.connection.migrate", side_effect=sqlite3.OperationalError("database or disk is full")
    ):
        window.open_store(older)
    assert message_boxes["warning"].call_count == 1
    assert "disk is full" in message_boxes["warning"].call_args.args[2]
    assert window.store is not None and window.store.path == store_path
    assert window.current_uid() == "a2"
    assert version_of(older) == OLDER_VERSION  # left as it was: the update is one transaction


def test_a_current_store_opens_at_once_without_an_update(window: MainWindow, store_path: Path) -> None:
    with mock.patch("reader.store.connection.migrate") as migrate:
        assert window.open_store(store_path)
    migrate.assert_not_called()
    assert window.upgrades == []
    assert upgrade_dialog(window) is None


def stale_index_copy(store_path: Path, target: Path) -> Path:
    """A current store whose search index another version built: opening it rebuilds the index."""
    target.write_bytes(store_path.read_bytes())
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'search_index_version'")
        conn.commit()
    return target


def index_version_of(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT value FROM meta WHERE key = 'search_index_version'").fetchone()[0])


def test_cancelling_an_update_keeps_the_open_store_and_leaves_the_other_as_it_was(
    qtbot: QtBot, store_path: Path, tmp_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    older = older_copy(store_path, tmp_path / "older.magstore")
    before = older.read_bytes()
    real_migrate: Callable[[sqlite3.Connection, Reporter | None], int] = connection.migrate
    release = threading.Event()

    def held_migration(conn: sqlite3.Connection, reporter: Reporter | None = None) -> int:
        release.wait(20)
        return real_migrate(conn, reporter)

    window = MainWindow(WindowSettings(), TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert window.open_store(store_path)
    window.open_article("a2")
    try:
        with mock.patch("reader.store.connection.migrate", held_migration):
            window.open_store(older)
            qtbot.waitUntil(lambda: (d := upgrade_dialog(window)) is not None and d.isVisible())
            dialog = upgrade_dialog(window)
            assert dialog is not None
            (cancel,) = dialog.findChildren(QPushButton)
            cancel.click()
            release.set()
            qtbot.waitUntil(lambda: not window.upgrades and upgrade_dialog(window) is None, timeout=20_000)
    finally:
        release.set()
    assert message_boxes["warning"].call_count == 0  # a cancel is not an error
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.store is not None and window.store.path == store_path
    assert window.current_uid() == "a2"
    assert version_of(older) == OLDER_VERSION and older.read_bytes() == before


def test_a_search_index_built_by_another_version_is_rebuilt_before_the_store_opens(
    qtbot: QtBot, store_path: Path, tmp_path: Path, message_boxes: object
) -> None:
    stale = stale_index_copy(store_path, tmp_path / "stale.magstore")
    window = MainWindow(WindowSettings(), TaskRunner())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.store_opened, timeout=20_000):
        window.open_store(stale)
    assert window.store is not None and window.store.path == stale
    assert index_version_of(stale) != "old"
