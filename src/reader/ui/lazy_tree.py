"""A tree model over a store whose children are read only when a view asks for them (fetchMore).

Subclasses say what a node's children are (`load_children`) and where an article sits (`path_to_article`).
Children are read from the store in one query when a node is first expanded and inserted in batches,
so a 50,000-article store opens as fast as a small one.

Expanding a 500-article issue makes the view ask index(), parent() and flags() a few thousand times, so
those answer from plain attributes of slotted nodes, without enum lookups or helper calls.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)

from reader.store.errors import StoreError
from reader.store.reader import ArticleStore, TreeRow
from reader.ui.node_tree import ModelIndex, NodeTreeModel

log = logging.getLogger("reader.ui")


FETCH_BATCH = 500

# Computed once: a view asks for the flags of every child it lays out (thousands on an expand), and
# combining enum flags in Python on each call made expanding a 500-article issue several times slower.
_BRANCH_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LEAF_FLAGS = _BRANCH_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_NO_INDEX = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole


class Role(enum.IntEnum):
    """Custom data roles, from Qt.UserRole + 1."""

    KIND = Qt.ItemDataRole.UserRole + 1
    KEY = Qt.ItemDataRole.UserRole + 2  # year, issue id, category id or article uid
    COUNT = Qt.ItemDataRole.UserRole + 3  # articles under the node; None for an article
    UID = Qt.ItemDataRole.UserRole + 4  # the article's uid; None for other nodes


class NodeKind(enum.Enum):
    ROOT = "root"
    YEAR = "year"
    ISSUE = "issue"
    UNFILED = "unfiled"
    CATEGORY = "category"
    UNCATEGORISED = "uncategorised"
    ARTICLE = "article"


PathStep = tuple[NodeKind, Any]

# The roles data() answers, as plain ints: a set lookup turns the others away without enum comparisons.
_ANSWERED_ROLES = frozenset(
    int(r)
    for r in (
        _DISPLAY,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        *Role,
    )
)


@dataclass(eq=False, slots=True)
class TreeNode:
    """A row of a library tree: a year, issue, section or article, its children read when first needed."""

    kind: NodeKind
    key: Any
    label: str
    count: int | None = None
    tooltip: str = ""
    date: str | None = None  # an article's; its tooltip is its title, then this
    parent: TreeNode | None = None
    row: int = 0
    children: list[TreeNode] = field(default_factory=list)
    pending: list[TreeNode] | None = None  # None: children not read from the store yet
    is_leaf: bool = field(init=False)
    flags: Qt.ItemFlag = field(init=False)

    def __post_init__(self) -> None:
        self.is_leaf = self.kind is NodeKind.ARTICLE
        self.flags = _LEAF_FLAGS if self.is_leaf else _BRANCH_FLAGS


class LazyTreeModel(NodeTreeModel):
    """The shared machinery of the issue and category trees."""

    load_failed = Signal(str)  # a damaged part of the store could not be listed

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._store: ArticleStore | None = None
        self._root = TreeNode(NodeKind.ROOT, None, "")

    # -- for subclasses -----------------------------------------------------------------------------

    def load_children(self, store: ArticleStore, node: TreeNode) -> list[TreeNode]:
        raise NotImplementedError

    def path_to_article(self, store: ArticleStore, uid: str) -> list[Sequence[PathStep]]:
        """Candidate paths from the root to the article, tried in order."""
        raise NotImplementedError

    # -- the store ----------------------------------------------------------------------------------

    @property
    def store(self) -> ArticleStore | None:
        return self._store

    def set_store(self, store: ArticleStore | None) -> None:
        self.beginResetModel()
        self._store = store
        self._root = TreeNode(NodeKind.ROOT, None, "")
        self.endResetModel()

    # -- QAbstractItemModel -------------------------------------------------------------------------

    def node(self, index: ModelIndex) -> TreeNode:
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, TreeNode)
        return node

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.column() > 0:
            return False
        node = self.node(parent)
        if node.kind is NodeKind.ROOT:
            return self._store is not None
        if node.is_leaf:
            return False
        return bool(node.children or node.pending or (node.pending is None and node.count))

    def canFetchMore(self, parent: ModelIndex) -> bool:
        if self._store is None or parent.column() > 0:
            return False
        node = self.node(parent)
        if node.is_leaf:
            return False
        return node.pending is None or bool(node.pending)

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._store is not None
        node = self.node(parent)
        if node.pending is None:
            try:
                node.pending = self.load_children(self._store, node)
            except StoreError as exc:  # a damaged row deeper in the store: show what can be shown
                log.warning("cannot list %s: %s", node.label, exc)
                node.pending = []
                self.load_failed.emit(str(exc))
                return
        batch, node.pending = node.pending[:FETCH_BATCH], node.pending[FETCH_BATCH:]
        if not batch:
            return
        first = len(node.children)
        self.beginInsertRows(parent, first, first + len(batch) - 1)
        for offset, child in enumerate(batch):
            child.parent = node
            child.row = first + offset
        node.children.extend(batch)
        self.endInsertRows()

    # index(), parent() and flags() are NodeTreeModel's and QAbstractItemModel's, answered here from
    # the nodes directly: the view calls them for every row it lays out.

    def index(self, row: int, column: int, parent: ModelIndex = _NO_INDEX) -> QModelIndex:
        node = parent.internalPointer() if parent.isValid() else self._root
        children = node.children
        if column or row < 0 or row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: ModelIndex = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        node = index.internalPointer() if index.isValid() else None
        up = node.parent if node is not None else None
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: ModelIndex = _NO_INDEX) -> int:
        if not parent.isValid():
            return len(self._root.children)
        if parent.column():
            return 0
        return len(parent.internalPointer().children)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        node = index.internalPointer() if index.isValid() else None
        return _NO_FLAGS if node is None else node.flags

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        node = index.internalPointer() if index.isValid() else None
        if node is None or role not in _ANSWERED_ROLES:  # a painted row is asked ~10 roles, most not ours
            return None
        if role == _DISPLAY:
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            if node.is_leaf:
                return f"{node.label}\n{node.date}" if node.date else node.label
            return node.tooltip or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if node.count is None:
                return node.label
            return (
                QCoreApplication.translate("LibraryTree", "%1, articles: %2")
                .replace("%1", node.label)
                .replace("%2", str(node.count))
            )
        if role == Role.KIND:
            return node.kind.value
        if role == Role.KEY:
            return node.key
        if role == Role.COUNT:
            return node.count
        if role == Role.UID:
            return node.key if node.is_leaf else None
        return None

    # -- finding nodes ------------------------------------------------------------------------------

    def index_for_path(self, path: Sequence[PathStep]) -> QModelIndex:
        """The index `path` (kind, key) steps from the root, reading children as needed; invalid if none."""
        parent = QModelIndex()
        for kind, key in path:
            while self.canFetchMore(parent):
                self.fetchMore(parent)
            node = self.node(parent)
            match = next((c for c in node.children if c.kind is kind and c.key == key), None)
            if match is None:
                return QModelIndex()
            parent = self.createIndex(match.row, 0, match)
        return parent

    def index_for_article(self, uid: str) -> QModelIndex:
        if self._store is None:
            return QModelIndex()
        for path in self.path_to_article(self._store, uid):
            found = self.index_for_path(path)
            if found.isValid():
                return found
        return QModelIndex()


def article_nodes(rows: Sequence[TreeRow]) -> list[TreeNode]:
    """Article leaves from the store's tree rows (uid, title, date)."""
    article = NodeKind.ARTICLE
    return [TreeNode(article, uid, title, date=date) for uid, title, date in rows]
