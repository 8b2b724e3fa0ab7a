"""Bring a store made by an older version up to date off the GUI thread, with a busy dialog.

Opening an older store migrates it forward (reader.store.connection); one migration rebuilds the search
index, which takes minutes on a 50,000-article store. The window runs it as a background task and opens
the store when it is done, so the window keeps painting and answering meanwhile. The dialog shows how far
the rebuild is, and Cancel (or closing the window) stops it: the migration is one transaction, so the
store is then left exactly as it was, to be updated the next time it is opened.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from reader.store import schema
from reader.store.search_index import search_index_current

# The window asks needs_upgrade() of every store it opens, at start-up too: what only an upgrade needs
# (the dialog class, the task machinery) is imported when one runs.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from reader.domain.progress import CancelToken, Progress
    from reader.ui.tasks import ProgressCallback, Task, TaskRunner

log = logging.getLogger("reader.ui.store_upgrade")


def needs_upgrade(path: Path) -> bool:
    """True when `path` is one of our stores at an older schema version or with a search index built by
    another version, so opening it for writing would migrate it or rebuild the index.

    Anything else (not a store, damaged, newer, current) is False: opening it says what it is.
    """
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if app_id != schema.APPLICATION_ID or not 0 < version <= schema.schema_version():
            return False
        return version < schema.schema_version() or not search_index_current(conn)
    except (sqlite3.Error, UnicodeDecodeError):
        return False
    finally:
        conn.close()


def upgrade_job(path: Path) -> Callable[[CancelToken, ProgressCallback], Path]:
    def job(token: CancelToken, report: ProgressCallback) -> Path:
        from reader.domain.progress import Reporter
        from reader.store.connection import open_for_writing

        # One write transaction: all or nothing. Cancelled rolls it back.
        open_for_writing(path, Reporter(progress=report, cancel=token)).close()
        return path

    return job


class StoreUpgrade:
    """Migrates one store and shows how far it is; calls `on_done(path)`, `on_error(message)`, or
    `on_cancelled()` when the reader cancelled it (the store is then as it was)."""

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None,
        path: Path,
        on_done: Callable[[Path], None],
        on_error: Callable[[str], None],
        *,
        on_cancelled: Callable[[], None] | None = None,
    ) -> None:
        from PySide6.QtWidgets import QProgressDialog

        self.path = path
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancelled = on_cancelled
        self.dialog: QProgressDialog | None = QProgressDialog(parent)
        self.dialog.setObjectName("storeUpgradeDialog")
        self.dialog.setWindowTitle(QCoreApplication.translate("StoreUpgrade", "Updating Store"))
        self.dialog.setLabelText(
            QCoreApplication.translate(
                "StoreUpgrade",
                "Updating “%1” for this version of Magazine Reader.\n"
                "On a large store this can take a few minutes; it is done once.",
            ).replace("%1", path.name)
        )
        self.dialog.setAccessibleName(QCoreApplication.translate("StoreUpgrade", "Store update progress"))
        self.dialog.setCancelButtonText(QCoreApplication.translate("StoreUpgrade", "Cancel"))
        self.dialog.setRange(0, 0)  # busy until the migration says how much it has to do
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setValue(0)  # starts the minimum-duration timer: a quick update never shows the dialog
        self.dialog.canceled.connect(self.cancel)
        self.task: Task[Path] = runner.run(upgrade_job(path), self._done, self._failed, self._progressed)

    def cancel(self) -> None:
        """Stop the update at its next batch; the store is left as it was."""
        self.task.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("StoreUpgrade", "Cancelling…"))

    def _progressed(self, progress: Progress) -> None:
        if self.dialog is not None and progress.total > 0:
            self.dialog.setRange(0, progress.total)
            self.dialog.setValue(progress.done)

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)  # closing a progress dialog emits canceled
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, path: Path) -> None:
        self._close()
        self._on_done(path)

    def _failed(self, error: BaseException) -> None:
        from reader.domain.progress import Cancelled

        self._close()
        if isinstance(error, Cancelled):
            log.info("update of %s cancelled; the store is as it was", self.path)
            if self._on_cancelled is not None:
                self._on_cancelled()
            return
        log.warning("cannot update %s: %s", self.path, error)
        self._on_error(str(error) or type(error).__name__)
