"""The Bookmarks tab: a filter field, the sort order, and the bookmarks grouped by magazine and issue."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.bookmark_delegate import BookmarkDelegate
from reader.ui.bookmarks_model import (
    BookmarkRole,
    BookmarksFilterModel,
    BookmarksModel,
    SaveNote,
    ShownBookmark,
    SortOrder,
)


class BookmarksPanel(QWidget):
    """Emits `bookmark_opened(uid, paragraph)` when the reader opens a bookmark, `remove_requested(uid)`."""

    bookmark_opened = Signal(str, int)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, save_note: SaveNote | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksPanel")
        self.model = BookmarksModel(self, save_note=save_note)
        self.proxy = BookmarksFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("bookmarksFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.sort_box = QComboBox(self)
        self.sort_box.setObjectName("bookmarksSort")
        self.sort_box.addItem("", SortOrder.NEWEST.value)
        self.sort_box.addItem("", SortOrder.ISSUE.value)
        self.sort_box.currentIndexChanged.connect(self._on_sort_changed)

        self.view = QTreeView(self)
        self.view.setObjectName("bookmarksView")
        self.view.setModel(self.proxy)
        self.view.setHeaderHidden(True)
        self.view.setItemDelegate(BookmarkDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_menu)
        self.view.clicked.connect(self._open_index)
        self.view.activated.connect(self._open_index)
        self.proxy.modelReset.connect(self.view.expandAll)
        self.proxy.layoutChanged.connect(self.view.expandAll)
        self.proxy.rowsInserted.connect(self.view.expandAll)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("placeholderLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        self.open_action = QAction(self)
        self.edit_note_action = QAction(self)
        self.edit_note_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.remove_action = QAction(self)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(self.remove_action)
        self.open_action.triggered.connect(lambda: self._open_index(self.view.currentIndex()))
        self.edit_note_action.triggered.connect(self.edit_current_note)
        self.remove_action.triggered.connect(self._remove_current)

        controls = QHBoxLayout()
        controls.setContentsMargins(4, 4, 4, 4)
        controls.setSpacing(4)
        controls.addWidget(self.filter_edit, 1)
        controls.addWidget(self.sort_box)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(controls)
        column.addWidget(self.stack, 1)
        self.setFocusProxy(self.view)
        self.retranslate_ui()
        self._update_empty()

    def retranslate_ui(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter bookmarks"))
        self.filter_edit.setAccessibleName(self.tr("Filter bookmarks"))
        self.sort_box.setItemText(0, self.tr("Newest first"))
        self.sort_box.setItemText(1, self.tr("Issue order"))
        self.sort_box.setAccessibleName(self.tr("Order of bookmarks"))
        self.view.setAccessibleName(self.tr("Bookmarks"))
        self.view.setAccessibleDescription(
            self.tr("Bookmarked articles by magazine and issue; F2 edits the note")
        )
        self.open_action.setText(self.tr("&Open"))
        self.edit_note_action.setText(self.tr("Edit &Note"))
        self.remove_action.setText(self.tr("&Remove Bookmark"))
        self._update_empty()

    # -- contents -----------------------------------------------------------------------------------

    def set_bookmarks(self, shown: list[ShownBookmark]) -> None:
        current = self.current_uid()
        self.model.set_bookmarks(shown)
        if current is not None:
            self.select_uid(current)
        self._update_empty()

    def set_sort_order(self, order: SortOrder) -> None:
        self.sort_box.setCurrentIndex(0 if order is SortOrder.NEWEST else 1)

    def current_uid(self) -> str | None:
        uid = self.view.currentIndex().data(BookmarkRole.UID)
        return uid if isinstance(uid, str) else None

    def select_uid(self, uid: str) -> bool:
        index = self.proxy.mapFromSource(self.model.index_for_uid(uid))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def edit_current_note(self) -> None:
        index = self.view.currentIndex()
        if index.data(BookmarkRole.UID) is not None:
            self.view.edit(index)

    def _update_empty(self) -> None:
        if self.model.rowCount() == 0:
            self.empty_label.setText(
                self.tr(
                    "No bookmarks yet. Press %1 or click the star to bookmark the article you are reading."
                ).replace("%1", QKeySequence("Ctrl+D").toString(QKeySequence.SequenceFormat.NativeText))
            )
            self.stack.setCurrentWidget(self.empty_label)
        elif self.proxy.rowCount() == 0:
            self.empty_label.setText(self.tr("No bookmarks match the filter."))
            self.stack.setCurrentWidget(self.empty_label)
        else:
            self.stack.setCurrentWidget(self.view)

    # -- the reader's actions -----------------------------------------------------------------------

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self.view.expandAll()
        self._update_empty()

    def _on_sort_changed(self, row: int) -> None:
        self.proxy.set_sort_order(SortOrder(self.sort_box.itemData(row)))
        self.view.expandAll()

    def _open_index(self, index: QModelIndex) -> None:
        uid = index.data(BookmarkRole.UID)
        if isinstance(uid, str):
            self.bookmark_opened.emit(uid, int(index.data(BookmarkRole.POSITION) or 0))

    def _remove_current(self) -> None:
        uid = self.current_uid()
        if uid is not None:
            self.remove_requested.emit(uid)

    def _show_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.data(BookmarkRole.UID) is None:
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions([self.open_action, self.edit_note_action])
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(point))
