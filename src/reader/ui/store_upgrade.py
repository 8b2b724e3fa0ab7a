"""Bring a store made by an older version up to date off the GUI thread, with a busy dialog.

Opening an older store migrates it forward (reader.store.connection); one migration rebuilds the search
index, which takes minutes on a 50,000-article store. The window runs it as a background task and opens
the store when it is done, so the window keeps painting and answering meanwhile.
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

# The window asks needs_upgrade() of every store it opens, at start-up too: what only an upgrade needs
# (the dialog class, the task machinery) is imported when one runs.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from reader.domain.progress import CancelToken
    from reader.ui.tasks import ProgressCallback, Task, TaskRunner

log = logging.getLogger("reader.ui.store_upgrade")


def needs_upgrade(path: Path) -> bool:
    """True when `path` is one of our stores at an older schema version, so opening it would migrate it.

    Anything else (not a store, damaged, newer, current) is False: opening it says what it is.
    """
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except (sqlite3.Error, UnicodeDecodeError):
        return False
    finally:
        conn.close()
    return app_id == schema.APPLICATION_ID and 0 < int(version) < schema.schema_version()


def upgrade_job(path: Path) -> Callable[[CancelToken, ProgressCallback], Path]:
    def job(_token: CancelToken, _report: ProgressCallback) -> Path:
        from reader.store.connection import open_for_writing

        open_for_writing(path).close()  # migrates in one write transaction: all or nothing
        return path

    return job


class StoreUpgrade:
    """Migrates one store and shows that it is busy; calls `on_done(path)` or `on_error(message)`.

    The migration is one SQLite transaction that cannot be interrupted from here, so the dialog has no
    Cancel button: a store is either brought up to date or left as it was.
    """

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None,
        path: Path,
        on_done: Callable[[Path], None],
        on_error: Callable[[str], None],
    ) -> None:
        from PySide6.QtWidgets import QProgressDialog

        self.path = path
        self._on_done = on_done
        self._on_error = on_error
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
        self.dialog.setCancelButton(None)  # no Cancel: see the class docstring
        self.dialog.setRange(0, 0)  # busy: the migration does not say how far it is
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setValue(0)  # starts the minimum-duration timer: a quick update never shows the dialog
        self.task: Task[Path] = runner.run(upgrade_job(path), self._done, self._failed)

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, path: Path) -> None:
        self._close()
        self._on_done(path)

    def _failed(self, error: BaseException) -> None:
        self._close()
        log.warning("cannot update %s: %s", self.path, error)
        self._on_error(str(error) or type(error).__name__)
