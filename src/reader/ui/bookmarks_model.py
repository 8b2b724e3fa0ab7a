"""The Bookmarks tree: magazine > issue > bookmark, with sort keys and filter text for a proxy."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reader.bookmarks import Bookmark
from reader.ui.node_tree import ModelIndex, NodeTreeModel

# Saves a note and returns the bookmark as saved, or None when it is no longer bookmarked.
SaveNote = Callable[[str, str | None], Bookmark | None]

LAST = "\uffff"  # sorts after any real name


class BookmarkRole(enum.IntEnum):
    """Custom data roles of the Bookmarks tree, from Qt.UserRole + 1."""

    KIND = Qt.ItemDataRole.UserRole + 1
    UID = Qt.ItemDataRole.UserRole + 2  # the article's uid; None for a group
    MISSING = Qt.ItemDataRole.UserRole + 3  # True when the article is not in the open store
    POSITION = Qt.ItemDataRole.UserRole + 4  # the saved paragraph
    NOTE = Qt.ItemDataRole.UserRole + 5  # the note, or None
    COUNT = Qt.ItemDataRole.UserRole + 6  # bookmarks under a group; None for a bookmark
    FILTER_TEXT = Qt.ItemDataRole.UserRole + 7  # what the text filter searches
    NEWEST_KEY = Qt.ItemDataRole.UserRole + 8  # sorts newest last: sort descending for newest first
    ISSUE_KEY = Qt.ItemDataRole.UserRole + 9  # sorts in issue order, ascending
    DETAILS = Qt.ItemDataRole.UserRole + 10  # the quieter second line: issue, category, note


class NodeKind(enum.Enum):
    ROOT = "root"
    MAGAZINE = "magazine"
    ISSUE = "issue"
    BOOKMARK = "bookmark"


class SortOrder(enum.Enum):
    NEWEST = "newest"
    ISSUE = "issue"


@dataclass(frozen=True)
class ShownBookmark:
    """A bookmark as the tab shows it: whether its article is in the open store, and where it sits there."""

    bookmark: Bookmark
    in_store: bool = False
    article_rank: int | None = None  # the article's place in its issue, when it is in the open store


@dataclass(eq=False)
class BookmarkNode:
    kind: NodeKind
    label: str
    key: Any = None
    item: ShownBookmark | None = None
    parent: BookmarkNode | None = None
    row: int = 0
    children: list[BookmarkNode] = field(default_factory=list)

    def add(self, child: BookmarkNode) -> BookmarkNode:
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child

    def bookmarks(self) -> list[ShownBookmark]:
        if self.item is not None:
            return [self.item]
        return [b for child in self.children for b in child.bookmarks()]


def issue_order_key(label: str | None) -> str:
    """A text that sorts issue labels by the numbers in them ("2016年第2期" before "2016年第10期")."""
    if not label:
        return LAST
    numbers = "".join(f"{int(n):010d}" for n in re.findall(r"\d+", label)[:4])
    return f"{numbers}|{label}"


class BookmarksModel(NodeTreeModel):
    """Bookmarks grouped by magazine, then issue; a bookmark's note is its editable value."""

    def __init__(self, parent: Any = None, *, save_note: SaveNote | None = None) -> None:
        super().__init__(parent)
        self._root = BookmarkNode(NodeKind.ROOT, "")
        self._by_uid: dict[str, BookmarkNode] = {}
        self._shown: tuple[ShownBookmark, ...] = ()
        self._save_note = save_note

    # -- contents -----------------------------------------------------------------------------------

    def set_bookmarks(self, shown: Iterable[ShownBookmark]) -> None:
        """Show these bookmarks; nothing happens when they are the ones already shown."""
        items = tuple(sorted(shown, key=lambda s: s.bookmark.uid))
        if items == self._shown:
            return
        self.beginResetModel()
        self._shown = items
        self._root = BookmarkNode(NodeKind.ROOT, "")
        self._by_uid = {}
        magazines: dict[str | None, BookmarkNode] = {}
        issues: dict[tuple[str | None, str | None], BookmarkNode] = {}
        for item in sorted(items, key=lambda s: (s.bookmark.added, s.bookmark.uid)):
            bookmark = item.bookmark
            magazine = magazines.get(bookmark.magazine)
            if magazine is None:
                label = bookmark.magazine or QCoreApplication.translate("BookmarksModel", "Other bookmarks")
                magazine = self._root.add(BookmarkNode(NodeKind.MAGAZINE, label, bookmark.magazine))
                magazines[bookmark.magazine] = magazine
            issue_key = (bookmark.magazine, bookmark.issue)
            issue = issues.get(issue_key)
            if issue is None:
                label = bookmark.issue or QCoreApplication.translate("BookmarksModel", "Not in an issue")
                issue = magazine.add(BookmarkNode(NodeKind.ISSUE, label, bookmark.issue))
                issues[issue_key] = issue
            node = issue.add(BookmarkNode(NodeKind.BOOKMARK, bookmark.display_title, bookmark.uid, item))
            self._by_uid[bookmark.uid] = node
        self.endResetModel()

    def set_save_note(self, save_note: SaveNote | None) -> None:
        """What saves an edited note; without it notes cannot be edited."""
        self._save_note = save_note

    def uids(self) -> set[str]:
        return set(self._by_uid)

    def bookmark(self, uid: str) -> ShownBookmark | None:
        node = self._by_uid.get(uid)
        return node.item if node is not None else None

    def index_for_uid(self, uid: str) -> QModelIndex:
        node = self._by_uid.get(uid)
        return self.createIndex(node.row, 0, node) if node is not None else QModelIndex()

    # -- QAbstractItemModel -------------------------------------------------------------------------

    def node(self, index: ModelIndex) -> BookmarkNode:
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, BookmarkNode)
        return node

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.node(index).kind is NodeKind.BOOKMARK:
            flags |= Qt.ItemFlag.ItemNeverHasChildren | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if node.item is None:
            return self._group_data(node, role)
        return self._bookmark_data(node.item, role)

    def _group_data(self, node: BookmarkNode, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                QCoreApplication.translate("BookmarksModel", "%1, bookmarks: %2")
                .replace("%1", node.label)
                .replace("%2", str(self._count(node)))
            )
        if role == BookmarkRole.KIND:
            return node.kind.value
        if role == BookmarkRole.COUNT:
            return self._count(node)
        if role == BookmarkRole.FILTER_TEXT:
            return ""  # a group shows when one of its bookmarks matches
        if role == BookmarkRole.NEWEST_KEY:
            newest = max(s.bookmark.added.isoformat() for s in node.bookmarks())
            if node.kind is NodeKind.MAGAZINE:  # sorted descending: the open magazine first
                return f"{2 - self._magazine_rank(node)}|{newest}"
            return newest
        if role == BookmarkRole.ISSUE_KEY:
            if node.kind is NodeKind.MAGAZINE:
                return f"{self._magazine_rank(node)}|{node.key or ''}"
            return issue_order_key(node.key)
        return None

    def _bookmark_data(self, item: ShownBookmark, role: int) -> Any:
        bookmark = item.bookmark
        if role == Qt.ItemDataRole.DisplayRole:
            return bookmark.display_title
        if role == Qt.ItemDataRole.EditRole:
            return bookmark.note or ""
        if role == BookmarkRole.NOTE:
            return bookmark.note
        if role == BookmarkRole.DETAILS:
            return self._details(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(p for p in (bookmark.display_title, self._details(item)) if p)
        if role == BookmarkRole.KIND:
            return NodeKind.BOOKMARK.value
        if role == BookmarkRole.UID:
            return bookmark.uid
        if role == BookmarkRole.MISSING:
            return not item.in_store
        if role == BookmarkRole.POSITION:
            return bookmark.position
        if role == BookmarkRole.FILTER_TEXT:
            parts = [bookmark.title, bookmark.note or "", bookmark.magazine or "", bookmark.issue or ""]
            return "\n".join([*parts, *bookmark.category, bookmark.uid])
        if role == BookmarkRole.NEWEST_KEY:
            return bookmark.added.isoformat()
        if role == BookmarkRole.ISSUE_KEY:
            rank = f"0{item.article_rank:08d}" if item.article_rank is not None else "1"
            return f"{rank}|{bookmark.added.isoformat()}"
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._save_note is None:
            return False
        node = self.node(index)
        if node.item is None or not isinstance(value, str):
            return False
        note = value.strip() or None
        if note == node.item.bookmark.note:
            return False
        saved = self._save_note(node.item.bookmark.uid, note)
        if saved is None:
            return False
        node.item = replace(node.item, bookmark=saved)
        self._shown = tuple(node.item if s.bookmark.uid == saved.uid else s for s in self._shown)
        self.dataChanged.emit(
            index,
            index,
            [
                Qt.ItemDataRole.EditRole,
                Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.AccessibleTextRole,
                BookmarkRole.NOTE,
                BookmarkRole.DETAILS,
                BookmarkRole.FILTER_TEXT,
            ],
        )
        return True

    # -- text ---------------------------------------------------------------------------------------

    @staticmethod
    def _magazine_rank(node: BookmarkNode) -> int:
        """0 for the open store's magazine, 1 for other magazines, 2 for bookmarks without a magazine."""
        if any(s.in_store for s in node.bookmarks()):
            return 0
        return 1 if node.key else 2

    @staticmethod
    def _count(node: BookmarkNode) -> int:
        return len(node.bookmarks())

    @staticmethod
    def _details(item: ShownBookmark) -> str:
        bookmark = item.bookmark
        parts = []
        if not item.in_store:
            parts.append(QCoreApplication.translate("BookmarksModel", "not in this store"))
        if bookmark.note:
            parts.append(bookmark.note)
        elif bookmark.category:
            parts.append(" › ".join(bookmark.category))
        return " · ".join(parts)

    @staticmethod
    def _tooltip(item: ShownBookmark) -> str:
        bookmark = item.bookmark
        lines = [bookmark.display_title]
        place = " · ".join(p for p in (bookmark.magazine, bookmark.issue) if p)
        if place:
            lines.append(place)
        if bookmark.category:
            lines.append(" › ".join(bookmark.category))
        added = bookmark.added.astimezone().strftime("%Y-%m-%d %H:%M")
        lines.append(QCoreApplication.translate("BookmarksModel", "Bookmarked %1").replace("%1", added))
        if bookmark.note:
            lines.append(
                QCoreApplication.translate("BookmarksModel", "Note: %1").replace("%1", bookmark.note)
            )
        if not item.in_store:
            lines.append(
                QCoreApplication.translate("BookmarksModel", "This article is not in the open store.")
            )
        return "\n".join(lines)


class BookmarksFilterModel(QSortFilterProxyModel):
    """Filters bookmarks by text (groups stay when a bookmark in them matches) and sorts them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(BookmarkRole.FILTER_TEXT)
        self.setDynamicSortFilter(True)
        self.set_sort_order(SortOrder.NEWEST)

    def set_sort_order(self, order: SortOrder) -> None:
        self.sort_order = order
        if order is SortOrder.NEWEST:
            self.setSortRole(BookmarkRole.NEWEST_KEY)
            self.sort(0, Qt.SortOrder.DescendingOrder)
        else:
            self.setSortRole(BookmarkRole.ISSUE_KEY)
            self.sort(0, Qt.SortOrder.AscendingOrder)

    def set_filter_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())


def shown_bookmarks(bookmarks: Iterable[Bookmark], ranks: Mapping[str, int | None]) -> list[ShownBookmark]:
    """Pair bookmarks with what the open store knows: `ranks` has every uid in the store (rank or None)."""
    return [ShownBookmark(b, b.uid in ranks, ranks.get(b.uid)) for b in bookmarks]
