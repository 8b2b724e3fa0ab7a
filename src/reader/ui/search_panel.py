"""The Search tab: a query field, year, issue and category filters, the number of results and the hits."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.store.reader import CATEGORY_SEPARATOR, ArticleStore, CategoryRow
from reader.store.search import SearchFilters, SearchResult
from reader.ui.search_delegate import SearchHitDelegate
from reader.ui.search_model import SearchResultsModel, SearchRole

DEBOUNCE_MS = 250
SHORTCUT = "Ctrl+K"
INDENT = "\u3000"  # a full-width space per category level: lines up under CJK names


@dataclass(frozen=True)
class SearchRequest:
    query: str
    filters: SearchFilters = field(default_factory=SearchFilters)

    @property
    def empty(self) -> bool:
        return not self.query.strip()


class SearchPanel(QWidget):
    """Emits `search_requested(SearchRequest)` once typing pauses, and `hit_opened(uid, query)`."""

    search_requested = Signal(object)
    hit_opened = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.model = SearchResultsModel(self)
        self._store: ArticleStore | None = None
        self._filters_filled_for: ArticleStore | None = None
        self._state = "idle"  # idle, searching, shown or failed: what the status line says
        self._error = ""

        self.field = QLineEdit(self)
        self.field.setObjectName("searchField")
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.year_box = QComboBox(self)
        self.year_box.setObjectName("searchYear")
        self.issue_box = QComboBox(self)
        self.issue_box.setObjectName("searchIssue")
        self.category_box = QComboBox(self)
        self.category_box.setObjectName("searchCategory")
        for box in (self.year_box, self.issue_box, self.category_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
            box.addItem("", None)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("searchCount")

        self.view = QListView(self)
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self.view.setItemDelegate(SearchHitDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.clicked.connect(self._open_index)
        self.view.activated.connect(self._open_index)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("placeholderLabel")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.returnPressed.connect(self._on_return)
        self.year_box.currentIndexChanged.connect(self._on_year_changed)
        self.issue_box.currentIndexChanged.connect(self._on_filter_changed)
        self.category_box.currentIndexChanged.connect(self._on_filter_changed)

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(4)
        filters.addWidget(self.year_box, 0, 0)
        filters.addWidget(self.issue_box, 0, 1)
        filters.addWidget(self.category_box, 1, 0, 1, 2)
        filters.setColumnStretch(0, 2)
        filters.setColumnStretch(1, 3)
        top = QVBoxLayout()
        top.setContentsMargins(4, 4, 4, 4)
        top.setSpacing(4)
        top.addWidget(self.field)
        top.addLayout(filters)
        top.addWidget(self.count_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(top)
        column.addWidget(self.stack, 1)
        self.setFocusProxy(self.field)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        keys = QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        self.field.setPlaceholderText(self.tr("Search all articles (%1)").replace("%1", keys))
        self.field.setAccessibleName(self.tr("Search all articles"))
        self.year_box.setItemText(0, self.tr("All years"))
        self.year_box.setAccessibleName(self.tr("Year"))
        self.year_box.setToolTip(self.tr("Search the articles of one year"))
        self.issue_box.setItemText(0, self.tr("All issues"))
        self.issue_box.setAccessibleName(self.tr("Issue"))
        self.issue_box.setToolTip(self.tr("Search the articles of one issue"))
        self.category_box.setItemText(0, self.tr("All categories"))
        self.category_box.setAccessibleName(self.tr("Category"))
        self.category_box.setToolTip(self.tr("Search one section and the sections under it"))
        self.count_label.setAccessibleName(self.tr("Number of results"))
        self.view.setAccessibleName(self.tr("Search results"))
        self.view.setAccessibleDescription(
            self.tr("Matching articles, best first, each with the text around its first hit")
        )
        self._show_state()

    # -- the store and its filters ------------------------------------------------------------------

    def set_store(self, store: ArticleStore | None) -> None:
        """Search `store` from now on: the filters are reset, the results cleared, the query kept."""
        self._store = store
        self._filters_filled_for = None
        self._debounce.stop()
        self.model.set_result(None)
        self._state = "idle"
        if self.isVisible():
            self._fill_filters()
        self._show_state()

    def showEvent(self, event: QShowEvent) -> None:
        # The filters cost a few queries: they are read the first time the tab is shown for a store.
        self._fill_filters()
        super().showEvent(event)

    def _fill_filters(self) -> None:
        store = self._store
        if store is None or self._filters_filled_for is store:
            return
        self._filters_filled_for = store
        with _Quiet(self.year_box, self.issue_box, self.category_box):
            _reset(self.year_box)
            for row in store.years():
                if row.year is not None:
                    self.year_box.addItem(str(row.year), row.year)
            _reset(self.category_box)
            for category, depth in _category_rows(store, None, 0):
                self.category_box.addItem(
                    INDENT * depth + category.name, CATEGORY_SEPARATOR.join(category.path)
                )
            self._fill_issues()

    def _fill_issues(self) -> None:
        """The issues of the chosen year (all of them for "All years"), keeping the choice if it can."""
        store = self._store
        chosen = self.issue_box.currentData()
        with _Quiet(self.issue_box):
            _reset(self.issue_box)
            if store is None:
                return
            year = self.year_box.currentData()
            rows = store.all_issues() if year is None else store.issues(int(year))
            for row in rows:
                self.issue_box.addItem(row.label, row.label)
            at = self.issue_box.findData(chosen) if chosen is not None else -1
            self.issue_box.setCurrentIndex(max(0, at))

    def filters(self) -> SearchFilters:
        year = self.year_box.currentData()
        issue = self.issue_box.currentData()
        category = self.category_box.currentData()
        return SearchFilters(
            year=int(year) if year is not None else None,
            issue=str(issue) if issue is not None else None,
            category=str(category) if category is not None else None,
        )

    def request(self) -> SearchRequest:
        return SearchRequest(self.field.text().strip(), self.filters())

    # -- searching ----------------------------------------------------------------------------------

    def focus_field(self) -> None:
        self._fill_filters()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def search_now(self) -> None:
        """Ask for the current query at once (the debounce is for typing)."""
        self._debounce.stop()
        request = self.request()
        if request.empty:
            self.model.set_result(None)
            self._state = "idle"
        else:
            self._state = "searching"
        self._show_state()
        self.search_requested.emit(request)

    def show_result(self, result: SearchResult) -> None:
        """Show a search's hits; a result for another query than the field's is ignored."""
        if result.query != self.request().query:
            return
        self.model.set_result(result)
        self._state = "shown"
        self._show_state()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
            self.view.scrollToTop()

    def show_error(self, message: str) -> None:
        self.model.set_result(None)
        self._state = "failed"
        self._error = message
        self._show_state()

    def _show_state(self) -> None:
        result = self.model.result
        if self._state == "failed":
            self.count_label.setText(self.tr("Search failed"))
            self._show_message(self._error)
        elif self._state == "searching" and result is None:
            self.count_label.setText(self.tr("Searching…"))
            self._show_message("")
        elif result is None:
            self.count_label.setText("")
            self._show_message(
                self.tr("Type a word or phrase to find it in every article.")
                if self._store is not None
                else self.tr("Open a store to search it.")
            )
        else:
            self.count_label.setText(self._count_text(result))
            if result.total == 0:
                self._show_message(
                    self.tr("No articles contain “%1”.").replace("%1", result.query)
                    if self.filters() == SearchFilters()
                    else self.tr("No articles matching the filters contain “%1”.").replace("%1", result.query)
                )
            else:
                self.stack.setCurrentWidget(self.view)

    def _count_text(self, result: SearchResult) -> str:
        if result.total == 0:
            return self.tr("No results")
        if result.total == 1:
            return self.tr("1 result")
        text = self.tr("%1 results").replace("%1", str(result.total))
        if len(result.hits) < result.total:
            text = self.tr("%1 results, the best %2 shown").replace("%1", str(result.total))
            text = text.replace("%2", str(len(result.hits)))
        return text

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.stack.setCurrentWidget(self.message_label)

    # -- the reader's actions -----------------------------------------------------------------------

    def _on_text_changed(self, text: str) -> None:
        if text.strip():
            self._debounce.start()
        else:
            self.search_now()  # clearing the field clears the results at once

    def _on_year_changed(self, _row: int) -> None:
        self._fill_issues()
        self._on_filter_changed()

    def _on_filter_changed(self, _row: int = 0) -> None:
        if not self.request().empty:
            self.search_now()

    def _on_return(self) -> None:
        """Enter opens the chosen hit when the list shows this query's results; else it searches now."""
        result = self.model.result
        if self._debounce.isActive() or result is None or result.query != self.request().query:
            self.search_now()
            return
        index = self.view.currentIndex()
        self._open_index(index if index.isValid() else self.model.index(0, 0))

    def _open_index(self, index: QModelIndex) -> None:
        uid = index.data(SearchRole.UID)
        result = self.model.result
        if isinstance(uid, str) and result is not None:
            self.hit_opened.emit(uid, result.query)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)


def _reset(box: QComboBox) -> None:
    """Back to the "All" choice only."""
    while box.count() > 1:
        box.removeItem(box.count() - 1)
    box.setCurrentIndex(0)


def _category_rows(store: ArticleStore, parent: int | None, depth: int) -> list[tuple[CategoryRow, int]]:
    rows: list[tuple[CategoryRow, int]] = []
    for row in store.categories(parent):
        rows.append((row, depth))
        if row.child_count:
            rows.extend(_category_rows(store, row.id, depth + 1))
    return rows


class _Quiet:
    """Blocks the combo boxes' signals while they are refilled."""

    def __init__(self, *boxes: QComboBox) -> None:
        self._boxes = boxes
        self._was: list[bool] = []

    def __enter__(self) -> None:
        self._was = [box.blockSignals(True) for box in self._boxes]

    def __exit__(self, *_exc: object) -> None:
        for box, was in zip(self._boxes, self._was, strict=True):
            box.blockSignals(was)
