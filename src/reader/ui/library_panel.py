"""The left panel: the Issues and Categories trees, the Bookmarks and the Search tabs.

The Bookmarks and Search tabs are built the first time they are shown (or asked for): their widgets,
models and modules are not needed to show the window, and start-up time is what the reader waits for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QTreeView, QWidget

from reader.store.reader import ArticleStore
from reader.ui.category_tree import CategoryTreeModel
from reader.ui.count_delegate import CountDelegate
from reader.ui.issue_tree import IssueTreeModel
from reader.ui.lazy_tree import LazyTreeModel, Role

if TYPE_CHECKING:
    from reader.ui.bookmarks_panel import BookmarksPanel
    from reader.ui.search_panel import SearchPanel

TAB_KEYS = ("issues", "categories", "bookmarks", "search")
BOOKMARKS_TAB = TAB_KEYS.index("bookmarks")
SEARCH_TAB = TAB_KEYS.index("search")


class LibraryTreeView(QTreeView):
    def __init__(self, model: LazyTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setItemDelegate(CountDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setExpandsOnDoubleClick(True)

    def tree_model(self) -> LazyTreeModel:
        model = self.model()
        assert isinstance(model, LazyTreeModel)
        return model


class LibraryPanel(QTabWidget):
    """Emits `article_selected(uid)` when the reader picks an article in either tree.

    `bookmarks_panel_built(panel)` and `search_panel_built(panel)` say that a lazy tab now exists, so
    that the window can tie it to its controller.
    """

    article_selected = Signal(str)
    bookmarks_panel_built = Signal(object)
    search_panel_built = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.issue_model = IssueTreeModel(self)
        self.category_model = CategoryTreeModel(self)
        self.issue_view = LibraryTreeView(self.issue_model, self)
        self.category_view = LibraryTreeView(self.category_model, self)
        self._bookmarks_panel: BookmarksPanel | None = None
        self._search_panel: SearchPanel | None = None
        self._tree_font_points = 0
        self.addTab(self.issue_view, "")
        self.addTab(self.category_view, "")
        self.addTab(QWidget(self), "")  # stands in for the Bookmarks tab until it is first shown
        self.addTab(QWidget(self), "")  # and for the Search tab
        self._revealing = False
        self._current_uid: str | None = None
        for view in (self.issue_view, self.category_view):
            view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.currentChanged.connect(self._on_tab_changed)
        self.setDocumentMode(True)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTabText(0, self.tr("Issues"))
        self.setTabText(1, self.tr("Categories"))
        self.setTabText(2, self.tr("Bookmarks"))
        self.setTabText(3, self.tr("Search"))
        self.issue_view.setAccessibleName(self.tr("Issues"))
        self.issue_view.setAccessibleDescription(self.tr("Years, issues and their articles"))
        self.category_view.setAccessibleName(self.tr("Categories"))
        self.category_view.setAccessibleDescription(self.tr("Sections, subsections and their articles"))
        if self._bookmarks_panel is not None:
            self._bookmarks_panel.retranslate_ui()
        if self._search_panel is not None:
            self._search_panel.retranslate_ui()

    # -- the lazy tabs ------------------------------------------------------------------------------

    @property
    def bookmarks_panel(self) -> BookmarksPanel:
        """The Bookmarks tab, built now if it was not yet."""
        if self._bookmarks_panel is None:
            from reader.ui.bookmarks_panel import BookmarksPanel

            self._bookmarks_panel = BookmarksPanel(self)
            self._put_tab(BOOKMARKS_TAB, self._bookmarks_panel)
            self.bookmarks_panel_built.emit(self._bookmarks_panel)
        return self._bookmarks_panel

    @property
    def search_panel(self) -> SearchPanel:
        """The Search tab, built now if it was not yet."""
        if self._search_panel is None:
            from reader.ui.search_panel import SearchPanel

            self._search_panel = SearchPanel(self)
            self._put_tab(SEARCH_TAB, self._search_panel)
            self.search_panel_built.emit(self._search_panel)
        return self._search_panel

    def built_bookmarks_panel(self) -> BookmarksPanel | None:
        return self._bookmarks_panel

    def built_search_panel(self) -> SearchPanel | None:
        return self._search_panel

    def _put_tab(self, index: int, panel: BookmarksPanel | SearchPanel) -> None:
        """Swap the stand-in at `index` for the real panel, keeping the current tab and the tab's text."""
        stand_in = self.widget(index)
        current = self.currentIndex()
        text = self.tabText(index)
        self.blockSignals(True)  # the same tab stays current: nothing for the window to hear about
        try:
            self.removeTab(index)
            self.insertTab(index, panel, text)
            self.setCurrentIndex(current)
        finally:
            self.blockSignals(False)
        if stand_in is not None:
            stand_in.deleteLater()
        panel.retranslate_ui()
        self._apply_tree_font(panel.view)

    # -- state --------------------------------------------------------------------------------------

    def set_store(self, store: ArticleStore | None) -> None:
        self._current_uid = None
        self.issue_model.set_store(store)
        self.category_model.set_store(store)

    def current_tab_key(self) -> str:
        return TAB_KEYS[max(0, self.currentIndex())]

    def set_current_tab_key(self, key: str) -> None:
        if key in TAB_KEYS:
            self.setCurrentIndex(TAB_KEYS.index(key))

    def set_tree_font_size(self, points: int) -> None:
        self._tree_font_points = points
        views: list[QWidget] = [self.issue_view, self.category_view]
        views += [p.view for p in (self._bookmarks_panel, self._search_panel) if p is not None]
        for view in views:
            self._apply_tree_font(view)

    def _apply_tree_font(self, view: QWidget) -> None:
        font = QFont(self.font())
        if self._tree_font_points > 0:
            font.setPointSize(self._tree_font_points)
        view.setFont(font)

    # -- selection ----------------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._revealing:
            return
        uid = current.data(Role.UID)
        if isinstance(uid, str):
            self._current_uid = uid
            self.article_selected.emit(uid)

    def _on_tab_changed(self, index: int) -> None:
        if index == BOOKMARKS_TAB:
            _ = self.bookmarks_panel
        elif index == SEARCH_TAB:
            _ = self.search_panel
        if self._current_uid is not None:
            self.reveal_article(self._current_uid)

    def reveal_article(self, uid: str) -> None:
        """Select the article in the visible tree (reading the path from the store), without reopening it."""
        self._current_uid = uid
        view = self.currentWidget()
        if isinstance(view, LibraryTreeView):
            self._select(view, view.tree_model().index_for_article(uid))

    def select_issue(self, issue_id: int) -> None:
        self.setCurrentWidget(self.issue_view)
        store = self.issue_model.store
        if store is not None:
            path = self.issue_model.path_to_issue(store, issue_id)
            self._select(self.issue_view, self.issue_model.index_for_path(path), expand=True)

    def select_category(self, path: tuple[str, ...]) -> None:
        self.setCurrentWidget(self.category_view)
        store = self.category_model.store
        row = store.category_by_path(path) if store is not None else None
        if store is not None and row is not None:
            steps = self.category_model.path_to_category(store, row.id)
            self._select(self.category_view, self.category_model.index_for_path(steps), expand=True)

    def _select(
        self, view: LibraryTreeView, index: QModelIndex | QPersistentModelIndex, *, expand: bool = False
    ) -> None:
        if not index.isValid():
            return
        self._revealing = True
        try:
            parent = index.parent()
            while parent.isValid():
                view.expand(parent)
                parent = parent.parent()
            if expand:
                view.expand(index)
            view.setCurrentIndex(index)
            view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        finally:
            self._revealing = False
