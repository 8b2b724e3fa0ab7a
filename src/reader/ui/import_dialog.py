"""Import saved pages into a store off the GUI thread, with a progress dialog that can cancel."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.domain.progress import Cancelled, CancelToken, Progress
from reader.store.search_index import REBUILD_MESSAGE
from reader.ui.tasks import ProgressCallback, Task, TaskRunner

log = logging.getLogger("reader.ui.import")


def import_job(sources: list[Path], target: Path) -> Callable[[CancelToken, ProgressCallback], Any]:
    def job(token: CancelToken, report: ProgressCallback) -> Any:
        from reader.ingest.pipeline import import_sources

        target.parent.mkdir(parents=True, exist_ok=True)
        return import_sources(sources, target, progress=report, cancel=token)

    return job


def error_text(error: BaseException) -> str:
    """What to tell the reader about a failed import: the importer's own message when it has one."""
    if isinstance(error, ModuleNotFoundError):
        return QCoreApplication.translate(
            "ImportDialog", "This build cannot import saved pages (the importer is missing)."
        )
    return str(error) or type(error).__name__


class ImportProgress:
    """Runs one import and shows its progress; calls `on_done(target)` or `on_error(message)`."""

    def __init__(  # noqa: PLR0917 -- the call site reads as what to run, then what to do after
        self,
        runner: TaskRunner,
        parent: QWidget | None,
        sources: list[Path],
        target: Path,
        on_done: Callable[[Path, Any], None],
        on_error: Callable[[str], None],
        on_cancel: Callable[[], None] | None = None,
        *,
        show_dialog: bool = True,
    ) -> None:
        self.target = target
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancel = on_cancel
        self.dialog: QProgressDialog | None = None
        self._heading = QCoreApplication.translate("ImportDialog", "Importing %1…").replace(
            "%1", ", ".join(s.name for s in sources)
        )
        if show_dialog:
            self.dialog = QProgressDialog(
                self._heading,
                QCoreApplication.translate("ImportDialog", "Cancel"),
                0,
                0,
                parent,
            )
            self.dialog.setWindowTitle(QCoreApplication.translate("ImportDialog", "Import Saved Pages"))
            self.dialog.setMinimumWidth(460)  # room for a page's path, so the dialog does not jump about
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.setAccessibleName(QCoreApplication.translate("ImportDialog", "Import progress"))
            self.dialog.canceled.connect(self.cancel)
        self.task: Task[Any] = runner.run(
            import_job(sources, target), self._done, self._failed, self._progress
        )

    def cancel(self) -> None:
        self.task.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("ImportDialog", "Cancelling…"))

    def _progress(self, progress: Progress) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(progress.total, 0))
        self.dialog.setValue(min(progress.done, progress.total) if progress.total else 0)
        self.dialog.setLabelText(self.label_for(progress))

    def label_for(self, progress: Progress) -> str:
        """What the dialog says: what is imported, then how far it is, in words and numbers."""
        if progress.message == REBUILD_MESSAGE:  # an older store updated before the import starts
            return QCoreApplication.translate("ImportDialog", "Updating the store for this version first…")
        if progress.total <= 0:
            return self._heading
        total = QLocale().toString(progress.total)
        if progress.done == 0:  # the pages are found; the worker processes are starting
            step = QCoreApplication.translate("ImportDialog", "%1 articles to read").replace("%1", total)
        else:
            step = (
                QCoreApplication.translate("ImportDialog", "%1 of %2 articles")
                .replace("%1", QLocale().toString(progress.done))
                .replace("%2", total)
            )
            if progress.message:
                step = f"{step}\n{progress.message}"
        return f"{self._heading}\n{step}"

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, summary: Any) -> None:
        self._close()
        self._on_done(self.target, summary)

    def _failed(self, error: BaseException) -> None:
        self._close()
        if isinstance(error, Cancelled):
            if self._on_cancel is not None:
                self._on_cancel()
            return
        log.info("import failed: %s", error)
        self._on_error(error_text(error))
