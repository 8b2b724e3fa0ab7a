"""The single-column tree plumbing shared by the library trees and the bookmarks list.

A model keeps its nodes (objects with `parent`, `row` and `children`) under `_root` and says how to get
a node from an index in `node()`; this base answers Qt's structural questions from them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

ModelIndex = QModelIndex | QPersistentModelIndex


class NodeTreeModel(QAbstractItemModel):
    _root: Any

    def node(self, index: ModelIndex) -> Any:
        raise NotImplementedError

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1
