"""The left panel: the Issues and Categories trees, the Bookmarks and the Search tabs."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QTreeView, QWidget

from reader.store.reader import ArticleStore
from reader.ui.bookmarks_panel import BookmarksPanel
from reader.ui.category_tree import CategoryTreeModel
from reader.ui.count_delegate import CountDelegate
from reader.ui.issue_tree import IssueTreeModel
from reader.ui.lazy_tree import LazyTreeModel, Role
from reader.ui.search_panel import SearchPanel

TAB_KEYS = ("issues", "categories", "bookmarks", "search")


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
    """Emits `article_selected(uid)` when the reader picks an article in either tree."""

    article_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.issue_model = IssueTreeModel(self)
        self.category_model = CategoryTreeModel(self)
        self.issue_view = LibraryTreeView(self.issue_model, self)
        self.category_view = LibraryTreeView(self.category_model, self)
        self.bookmarks_panel = BookmarksPanel(self)
        self.search_panel = SearchPanel(self)
        self.addTab(self.issue_view, "")
        self.addTab(self.category_view, "")
        self.addTab(self.bookmarks_panel, "")
        self.addTab(self.search_panel, "")
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
        self.bookmarks_panel.retranslate_ui()
        self.search_panel.retranslate_ui()

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
        for view in (self.issue_view, self.category_view, self.bookmarks_panel.view, self.search_panel.view):
            font = QFont(self.font())
            if points > 0:
                font.setPointSize(points)
            view.setFont(font)

    def _tree_views(self) -> tuple[LibraryTreeView, ...]:
        return (self.issue_view, self.category_view)

    # -- selection ----------------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._revealing:
            return
        uid = current.data(Role.UID)
        if isinstance(uid, str):
            self._current_uid = uid
            self.article_selected.emit(uid)

    def _on_tab_changed(self, _index: int) -> None:
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
