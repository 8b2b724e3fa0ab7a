"""Ties the window to the bookmarks file: the star, Ctrl+D, tree marks, the Bookmarks tab, import, export."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from reader.bookmarks import Bookmark, BookmarkFile, DocumentError, LoadReport, LockTimeoutError
from reader.store.errors import StoreError
from reader.ui.bookmarks_model import shown_bookmarks

if TYPE_CHECKING:
    from reader.ui.bookmarks_panel import BookmarksPanel
    from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui.bookmarks")

# What can go wrong reading or writing the bookmarks file: it is shown to the reader, never raised.
FILE_ERRORS = (OSError, LockTimeoutError, DocumentError)


class BookmarkController(QObject):
    """Keeps the star, the tree marks and the Bookmarks tab in step with `bookmarks.json`.

    The file is read afresh when the window is activated, so a change made in another window or on the
    command line shows up when the reader comes back.
    """

    def __init__(self, window: MainWindow, bookmark_file: BookmarkFile | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.file = bookmark_file if bookmark_file is not None else BookmarkFile(on_recovery=self._recovered)
        self._reports: list[LoadReport] = []
        self._uids: frozenset[str] = frozenset()
        self._bookmarks: list[Bookmark] | None = None  # as last read; None: not read yet
        # The Bookmarks tab is built the first time it is shown; until then only the star and the tree
        # marks show what is in the file. The window forwards its actions and tree menus to us.
        self.panel: BookmarksPanel | None = None
        window.article_opened.connect(self._update_star)
        window.store_opened.connect(lambda _path: self.refresh())
        window.installEventFilter(self)
        self.refresh()

    def attach_panel(self, panel: BookmarksPanel) -> None:
        """Show the bookmarks in the Bookmarks tab, now that it is built."""
        if self.panel is panel:
            return
        self.panel = panel
        panel.model.set_save_note(self._save_note)
        panel.bookmark_opened.connect(self.open_bookmark)
        panel.remove_requested.connect(self.remove)
        if self._bookmarks is not None:
            self._fill_panel(self._bookmarks)
            self._update_star()

    # -- reading the file ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the file and show what is in it: in the tab, in the trees and on the star."""
        try:
            bookmarks = self.file.bookmarks()
        except FILE_ERRORS as error:
            log.warning("cannot read bookmarks: %s", error)
            self.window.statusBar().showMessage(
                self.tr("Cannot read the bookmarks: %1").replace("%1", str(error)), 8000
            )
            return
        self._show(bookmarks)

    def _show(self, bookmarks: list[Bookmark]) -> None:
        self._bookmarks = bookmarks
        self._uids = frozenset(b.uid for b in bookmarks)
        if self.panel is not None:
            self._fill_panel(bookmarks)
        library = self.window.library
        library.issue_model.set_bookmarked(self._uids)
        library.category_model.set_bookmarked(self._uids)
        self._update_star()

    def _fill_panel(self, bookmarks: list[Bookmark]) -> None:
        assert self.panel is not None
        self.panel.set_bookmarks(shown_bookmarks(bookmarks, self._ranks(b.uid for b in bookmarks)))

    def _ranks(self, uids: Iterable[str]) -> Mapping[str, int | None]:
        """For each uid in the open store, the article's place in its issue."""
        store = self.window.store
        if store is None:
            return {}
        ranks: dict[str, int | None] = {}
        issue_orders: dict[int | None, list[str]] = {}
        try:
            for uid in uids:
                row = store.article_row(uid)
                if row is None:
                    continue
                if row.issue_id not in issue_orders:
                    issue_orders[row.issue_id] = [r.uid for r in store.issue_articles(row.issue_id)]
                order = issue_orders[row.issue_id]
                ranks[uid] = order.index(uid) if uid in order else None
        except StoreError as error:
            log.warning("cannot look bookmarks up in the store: %s", error)
        return ranks

    def is_bookmarked(self, uid: str) -> bool:
        return uid in self._uids

    def _update_star(self, _uid: str | None = None) -> None:
        action = self.window.actions_.toggle_bookmark
        uid = self.window.current_uid()
        action.setEnabled(uid is not None)
        action.setChecked(uid is not None and uid in self._uids)
        if uid is not None and uid in self._uids and self.panel is not None:
            self.panel.select_uid(uid)

    # -- changing bookmarks -------------------------------------------------------------------------

    def toggle_current(self) -> None:
        """Ctrl+D and the star: bookmark the open article at the reader's place, or remove its bookmark."""
        uid = self.window.current_uid()
        if uid is None:
            return
        try:
            bookmarked = self.file.get(uid) is not None  # the file, not our copy: another window may differ
        except FILE_ERRORS as error:
            self._failed(error)
            return
        if bookmarked:
            self.remove(uid)
        else:
            self.add(uid, position=self.window.view.reading_block())

    def add(self, uid: str, *, position: int = 0) -> Bookmark | None:
        try:
            bookmark = self.file.add(uid, position=position, lookup=self._lookup)
        except FILE_ERRORS as error:
            self._failed(error)
            return None
        self.refresh()
        self.window.statusBar().showMessage(
            self.tr("Bookmarked “%1”").replace("%1", bookmark.display_title), 4000
        )
        return bookmark

    def remove(self, uid: str) -> None:
        try:
            removed = self.file.remove(uid)
        except FILE_ERRORS as error:
            self._failed(error)
            return
        self.refresh()
        if removed:
            self.window.statusBar().showMessage(self.tr("Bookmark removed"), 4000)

    def _save_note(self, uid: str, note: str | None) -> Bookmark | None:
        try:
            saved = self.file.set_note(uid, note)
        except FILE_ERRORS as error:
            self._failed(error)
            return None
        if saved is None:  # removed meanwhile, in another window
            QTimer.singleShot(0, self.refresh)
        return saved

    def _lookup(self, uid: str) -> Mapping[str, object] | None:
        store = self.window.store
        if store is None:
            return None
        try:
            article = store.article(uid)
            magazine = store.magazine().name
        except StoreError as error:
            log.warning("cannot look %s up: %s", uid, error)
            return None
        if article is None:
            return None
        return {
            "title": article.title,
            "issue": article.issue.label if article.issue is not None else None,
            "category": article.category,
            "magazine": magazine,
            "url": article.url,
        }

    def open_bookmark(self, uid: str, paragraph: int) -> None:
        store = self.window.store
        if store is None or store.article_row(uid) is None:
            bookmark = self.panel.model.bookmark(uid) if self.panel is not None else None
            title = bookmark.bookmark.display_title if bookmark is not None else uid
            self.window.statusBar().showMessage(
                self.tr("“%1” is not in the open store").replace("%1", title), 6000
            )
            return
        self.window.open_article(uid, block=paragraph)

    def add_tree_actions(self, menu: QMenu, uid: object) -> None:
        """Add or remove the bookmark of the article a tree's context menu is for (none for other rows)."""
        if not isinstance(uid, str):
            return
        if self.is_bookmarked(uid):
            menu.addAction(self.tr("Remove &Bookmark"), lambda: self.remove(uid))
        else:
            menu.addAction(self.tr("Add &Bookmark"), lambda: self.add(uid))

    # -- import and export --------------------------------------------------------------------------

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import Bookmarks"),
            str(Path.home()),
            self.tr("Bookmarks (*.json);;All files (*)"),
        )
        if not name:
            return
        try:
            summary = self.file.import_file(Path(name))
        except FILE_ERRORS as error:
            self.window.show_error(self.tr("Cannot import bookmarks"), str(error))
            return
        self.refresh()
        self.window.statusBar().showMessage(
            self.tr("Imported bookmarks: %1 added, %2 updated, %3 removed")
            .replace("%1", str(summary.added))
            .replace("%2", str(summary.updated))
            .replace("%3", str(summary.removed)),
            8000,
        )

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export Bookmarks"),
            str(Path.home() / "bookmarks.json"),
            self.tr("Bookmarks (*.json)"),
        )
        if name:
            self._export(self.file.export_file, Path(name))

    def choose_export_html(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export as Browser Bookmarks"),
            str(Path.home() / "bookmarks.html"),
            self.tr("Browser bookmarks (*.html)"),
        )
        if name:
            # A browser can follow an article's original web address; it cannot open our own links.
            self._export(lambda target: self.file.export_html(target, original_urls=True), Path(name))

    def _export(self, write: Callable[[Path], int], target: Path) -> None:
        try:
            count = write(target)
        except FILE_ERRORS as error:
            self.window.show_error(self.tr("Cannot export bookmarks"), str(error))
            return
        self.window.statusBar().showMessage(
            self.tr("Exported %1 bookmarks to %2").replace("%1", str(count)).replace("%2", str(target)), 8000
        )

    # -- damage and errors --------------------------------------------------------------------------

    def _recovered(self, report: LoadReport) -> None:
        log.warning("%s", report.message)
        self._reports.append(report)
        # Told once the current action is over, so a message box never interrupts a file operation.
        QTimer.singleShot(0, self._tell_recovery)

    def _tell_recovery(self) -> None:
        reports, self._reports = self._reports, []
        if not reports:
            return
        details = "\n\n".join(report.message for report in reports)
        QMessageBox.warning(
            self.window,
            self.tr("Bookmarks Recovered"),
            self.tr(
                "There was a problem with your bookmarks file. It was repaired from the last good copy "
                "where one was found; nothing was deleted.\n\n%1"
            ).replace("%1", details),
        )

    def _failed(self, error: Exception) -> None:
        self.window.show_error(self.tr("Cannot save the bookmark"), str(error))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            self.refresh()  # another window or the command line may have changed the file
        return super().eventFilter(watched, event)
