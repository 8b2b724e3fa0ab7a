"""Marks articles in the library trees: bookmarked ones with a star beside the title, read ones with a
quieter title; each with a role a test can read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QIcon

from reader.ui.lazy_tree import LazyTreeModel, ModelIndex, Role, TreeNode
from reader.ui.window_actions import icon

# The next roles after lazy_tree.Role's: True on an article that is bookmarked, or read.
BOOKMARKED_ROLE = Role.UID + 1
READ_ROLE = Role.UID + 2
# As ints: a painted row is asked ~10 roles, and comparing each with enum members costs on every row.
_MARK_ROLES = frozenset((int(Qt.ItemDataRole.DecorationRole), int(BOOKMARKED_ROLE)))
_READ_ROLE = int(READ_ROLE)
_ACCESSIBLE_TEXT = int(Qt.ItemDataRole.AccessibleTextRole)


class BookmarkMarkedTreeModel(LazyTreeModel):
    """A LazyTreeModel whose article rows know whether they are bookmarked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._bookmarked: frozenset[str] = frozenset()
        self._read: frozenset[str] = frozenset()
        self._mark_icon: QIcon | None = None

    def set_bookmarked(self, uids: Iterable[str]) -> None:
        """Mark these articles (and unmark the others); only the rows that change are repainted."""
        new = frozenset(uids)
        changed, self._bookmarked = new ^ self._bookmarked, new
        self._repaint(changed, [Qt.ItemDataRole.DecorationRole, BOOKMARKED_ROLE, _ACCESSIBLE_TEXT])

    def is_bookmarked(self, uid: str) -> bool:
        return uid in self._bookmarked

    def set_read(self, uids: Iterable[str]) -> None:
        """Show these articles as read (and the others as not); only the rows that change are repainted."""
        new = frozenset(uids)
        changed, self._read = new ^ self._read, new
        self._repaint(changed, [READ_ROLE, _ACCESSIBLE_TEXT])

    def _repaint(self, uids: frozenset[str], roles: list[int]) -> None:
        """Tell the views that these articles' `roles` changed, where their rows are loaded."""
        if not uids:
            return
        for node in self._loaded_articles():
            if node.key in uids:
                index = self.createIndex(node.row, 0, node)
                self.dataChanged.emit(index, index, roles)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _ACCESSIBLE_TEXT and index.isValid():
            # The star and the quieter title are seen; a screen reader says them.
            text = super().data(index, role)
            node = self.node(index)
            if node.is_leaf:
                states = []
                if node.key in self._bookmarked:
                    states.append(QCoreApplication.translate("LibraryTree", "bookmarked"))
                if node.key in self._read:
                    states.append(QCoreApplication.translate("LibraryTree", "read"))
                if states:
                    text = QCoreApplication.translate("LibraryTree", "%1, %2").replace("%1", str(text))
                    text = text.replace("%2", ", ".join(states))
            return text
        if role == _READ_ROLE:
            if not index.isValid():
                return None
            node = self.node(index)
            return node.key in self._read if node.is_leaf else None
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
