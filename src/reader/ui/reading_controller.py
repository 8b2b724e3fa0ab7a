"""Read marks: an article counts as read once its end has been on screen; the trees show read articles
in a quieter colour, and their context menu marks articles and whole issues read or unread."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMenu

from reader.bookmarks.reading import ReadingLog
from reader.store.errors import StoreError
from reader.ui.lazy_tree import NodeKind, Role

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex

    from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui.reading")

# How close to the bottom counts as the end having been on screen (the last line may sit a few pixels
# short of the scroll bar's maximum).
END_SLACK_PX = 4


class ReadingController(QObject):
    def __init__(self, window: MainWindow, reading_log: ReadingLog | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.log: ReadingLog | None = None
        self._read: set[str] = set()
        try:
            self.log = reading_log or ReadingLog()
            self._read = self.log.read_uids()
            if self.log.recovered:
                window.statusBar().showMessage(self.log.recovered, 15000)
        except (OSError, sqlite3.Error) as exc:
            log.warning("read marks are not kept this time: %s", exc)
        self._show_marks()
        bar = window.view.verticalScrollBar()
        bar.valueChanged.connect(self.check_end)
        bar.rangeChanged.connect(self.check_end)
        self.check_end()

    def is_read(self, uid: str) -> bool:
        return uid in self._read

    def article_shown(self, _uid: str = "") -> None:
        """The window showed another article: it may fit on the screen, end and all."""
        QTimer.singleShot(0, self.check_end)

    def check_end(self, *_: object) -> None:
        view = self.window.view
        article = view.article
        if article is None or article.uid in self._read or view.is_rendering:
            return
        bar = view.verticalScrollBar()
        if bar.value() >= bar.maximum() - END_SLACK_PX:
            self.mark([article.uid], read=True)

    def mark(self, uids: Iterable[str], *, read: bool) -> None:
        chosen = [uid for uid in uids if uid]
        # A read-only window (`reader screenshot`) shows marks but changes nothing of the reader's.
        if self.log is not None and not self.window.settings.read_only:
            try:
                self.log.mark(chosen, read=read)
            except (OSError, sqlite3.Error) as exc:
                log.warning("cannot keep the read marks: %s", exc)
                self.window.statusBar().showMessage(
                    self.tr("Cannot keep the read marks: %1").replace("%1", str(exc)), 8000
                )
                return
        if read:
            self._read.update(chosen)
        else:
            self._read.difference_update(chosen)
        self._show_marks()

    def _show_marks(self) -> None:
        library = self.window.library
        library.issue_model.set_read(self._read)
        library.category_model.set_read(self._read)

    def add_tree_actions(self, menu: QMenu, index: QModelIndex) -> None:
        """Mark as read or unread: the article of `index`, or every article of its issue."""
        uid = index.data(Role.UID)
        if isinstance(uid, str):
            if uid in self._read:
                menu.addAction(self.tr("Mark as &Unread"), lambda: self.mark([uid], read=False))
            else:
                menu.addAction(self.tr("Mark as &Read"), lambda: self.mark([uid], read=True))
            return
        if index.data(Role.KIND) not in (NodeKind.ISSUE.value, NodeKind.UNFILED.value):
            return
        issue = index.data(Role.KEY)
        menu.addAction(self.tr("Mark Issue as &Read"), lambda: self._mark_issue(issue, read=True))
        menu.addAction(self.tr("Mark Issue as &Unread"), lambda: self._mark_issue(issue, read=False))

    def _mark_issue(self, issue: object, *, read: bool) -> None:
        store = self.window.store
        if store is None:
            return
        try:
            rows = store.issue_tree_rows(issue if isinstance(issue, int) else None)
        except StoreError as exc:
            self.window.show_error(self.tr("Read Marks"), str(exc))
            return
        self.mark((row[0] for row in rows), read=read)
