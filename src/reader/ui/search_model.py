"""The Search tab's list: one row per hit of the last search, best first, with its snippet and highlights."""

from __future__ import annotations

import enum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.store.search import SearchHit, SearchResult

ModelIndex = QModelIndex | QPersistentModelIndex


class SearchRole(enum.IntEnum):
    """Custom data roles of the search results, from Qt.UserRole + 1."""

    UID = Qt.ItemDataRole.UserRole + 1  # the article's uid
    SNIPPET = Qt.ItemDataRole.UserRole + 2  # plain text around the first hit
    HIGHLIGHTS = Qt.ItemDataRole.UserRole + 3  # [start, end) spans of the hits in SNIPPET, a tuple of pairs
    SCORE = Qt.ItemDataRole.UserRole + 4  # higher is better


class SearchResultsModel(QAbstractListModel):
    """The hits of one SearchResult; `set_result` replaces them all (a new search is a new list)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._result: SearchResult | None = None
        self._hits: tuple[SearchHit, ...] = ()

    @property
    def result(self) -> SearchResult | None:
        return self._result

    def set_result(self, result: SearchResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._hits = result.hits if result is not None else ()
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 -- Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.parent().isValid():
            return None
        hit = self.hit(index.row())
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role in (Qt.ItemDataRole.ToolTipRole, SearchRole.SNIPPET):
            return hit.snippet_text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}: {hit.snippet_text}"
        if role == SearchRole.UID:
            return hit.uid
        if role == SearchRole.HIGHLIGHTS:
            return hit.highlights
        if role == SearchRole.SCORE:
            return hit.score
        return None
