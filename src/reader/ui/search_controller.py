"""Ties the window to the Search tab: Ctrl+K, searching off the GUI thread, opening a hit marked."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.domain.progress import Cancelled, CancelToken
from reader.store.reader import ArticleStore
from reader.store.search import SearchResult, search_store, warm_up
from reader.ui.search_highlight import term_cursors
from reader.ui.search_panel import SearchPanel, SearchRequest
from reader.ui.tasks import ProgressCallback, Task

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui.search")

RESULT_LIMIT = 200  # hits listed; the count says how many there are in all


def run_search(path: Path, request: SearchRequest, token: CancelToken) -> SearchResult:
    """The search on a worker thread, on its own connection (a connection is not for two threads)."""
    token.raise_if_cancelled()
    with ArticleStore.open(path) as store:
        result = search_store(store, request.query, limit=RESULT_LIMIT, filters=request.filters)
    token.raise_if_cancelled()
    return result


class SearchController(QObject):
    """Runs the Search tab's requests: a newer request cancels the older, whose result is dropped."""

    def __init__(self, window: MainWindow, panel: SearchPanel) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        self._task: Task[SearchResult] | None = None
        self._serial = 0  # of the newest request; a result carrying an older one is stale
        window.store_opened.connect(lambda _path: self.panel.set_store(self.window.store))
        self.panel.search_requested.connect(self.search)
        self.panel.hit_opened.connect(self.open_hit)
        self.panel.set_store(window.store)
        # The Search tab is built when first wanted: get the first query's one-time costs out of its way.
        window.runner.run(lambda _token, _report: warm_up(), lambda _none: None, lambda _error: None)

    def show_search(self) -> None:
        """Ctrl+K: the Search tab, with the query field focused and selected."""
        self.window.library.setCurrentWidget(self.panel)
        self.panel.focus_field()

    def search(self, request: SearchRequest) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._serial += 1
        store = self.window.store
        if request.empty or store is None:
            return
        serial, path = self._serial, store.path

        def job(token: CancelToken, _progress: ProgressCallback) -> SearchResult:
            return run_search(path, request, token)

        self._task = self.window.runner.run(
            job,
            lambda result: self._on_result(serial, result),
            lambda error: self._on_error(serial, error),
        )

    def _on_result(self, serial: int, result: SearchResult) -> None:
        if serial != self._serial:
            return  # superseded by a newer request
        self._task = None
        self.panel.show_result(result)

    def _on_error(self, serial: int, error: BaseException) -> None:
        if serial != self._serial or isinstance(error, Cancelled):
            return
        self._task = None
        log.warning("search failed: %s", error)
        self.panel.show_error(self.tr("The search failed: %1").replace("%1", str(error)))

    def open_hit(self, uid: str, query: str) -> None:
        """Show the article (unless it is already shown) and mark every occurrence of the query's terms."""
        window = self.window
        if window.current_uid() != uid and not window.open_article(uid):
            return
        view = window.view
        cursors = term_cursors(view.document(), query)
        count = view.highlight_matches(cursors)
        if cursors:  # the view scrolled just far enough to show it: bring it up to where the eye starts
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + view.cursorRect(cursors[0]).top() - view.viewport().height() // 3)
        window.statusBar().showMessage(
            self.tr("%1 matches of “%2” in this article").replace("%1", str(count)).replace("%2", query)
            if count != 1
            else self.tr("1 match of “%1” in this article").replace("%1", query),
            5000,
        )
