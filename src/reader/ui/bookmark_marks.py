"""Marks bookmarked articles in the library trees: a star beside the title and a role a test can read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon

from reader.ui.lazy_tree import LazyTreeModel, ModelIndex, Role, TreeNode
from reader.ui.window_actions import icon

# The next role after lazy_tree.Role's: True on an article that is bookmarked.
BOOKMARKED_ROLE = Role.UID + 1
# As ints: a painted row is asked ~10 roles, and comparing each with enum members costs on every row.
_MARK_ROLES = frozenset((int(Qt.ItemDataRole.DecorationRole), int(BOOKMARKED_ROLE)))


class BookmarkMarkedTreeModel(LazyTreeModel):
    """A LazyTreeModel whose article rows know whether they are bookmarked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._bookmarked: frozenset[str] = frozenset()
        self._mark_icon: QIcon | None = None

    def set_bookmarked(self, uids: Iterable[str]) -> None:
        """Mark these articles (and unmark the others); only the rows that change are repainted."""
        new = frozenset(uids)
        changed = new ^ self._bookmarked
        self._bookmarked = new
        if not changed:
            return
        for node in self._loaded_articles():
            if node.key in changed:
                index = self.createIndex(node.row, 0, node)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, BOOKMARKED_ROLE])

    def is_bookmarked(self, uid: str) -> bool:
        return uid in self._bookmarked

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _MARK_ROLES:
            if not index.isValid():
                return None
            node = self.node(index)
            marked = node.is_leaf and node.key in self._bookmarked
            if role == BOOKMARKED_ROLE:
                return marked if node.is_leaf else None
            return self._icon() if marked else None
        return super().data(index, role)

    def _icon(self) -> QIcon:
        if self._mark_icon is None:
            self._mark_icon = icon("bookmarked")
        return self._mark_icon

    def _loaded_articles(self) -> Iterator[TreeNode]:
        stack = list(self.node(QModelIndex()).children)
        while stack:
            node = stack.pop()
            if node.is_leaf:
                yield node
            else:
                stack.extend(node.children)
