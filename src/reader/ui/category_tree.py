"""The Categories tree: section > subsection > articles, with article counts (subsections included)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from reader.store.reader import ArticleStore
from reader.ui.bookmark_marks import BookmarkMarkedTreeModel
from reader.ui.lazy_tree import NodeKind, PathStep, TreeNode, article_nodes


class CategoryTreeModel(BookmarkMarkedTreeModel):
    def load_children(self, store: ArticleStore, node: TreeNode) -> list[TreeNode]:
        if node.kind is NodeKind.ROOT:
            sections = store.categories(None)
            out = [TreeNode(NodeKind.CATEGORY, c.id, c.name, c.article_count) for c in sections]
            uncategorised = store.magazine().article_count - sum(c.article_count for c in sections)
            if uncategorised > 0:
                out.append(
                    TreeNode(
                        NodeKind.UNCATEGORISED,
                        None,
                        QCoreApplication.translate("LibraryTree", "No category"),
                        uncategorised,
                    )
                )
            return out
        if node.kind is NodeKind.CATEGORY:
            subsections = [
                TreeNode(NodeKind.CATEGORY, c.id, c.name, c.article_count) for c in store.categories(node.key)
            ]
            return subsections + article_nodes(store.category_tree_rows(int(node.key)))
        if node.kind is NodeKind.UNCATEGORISED:
            return article_nodes(store.category_tree_rows(None))
        return []

    def path_to_category(self, store: ArticleStore, category_id: int) -> list[PathStep]:
        steps: list[PathStep] = []
        current = store.category(category_id)
        while current is not None:
            steps.insert(0, (NodeKind.CATEGORY, current.id))
            current = store.category(current.parent_id) if current.parent_id is not None else None
        return steps

    def path_to_article(self, store: ArticleStore, uid: str) -> list[Sequence[PathStep]]:
        row = store.article_row(uid)
        if row is None:
            return []
        leaf = (NodeKind.ARTICLE, uid)
        if row.category_id is None:
            return [[(NodeKind.UNCATEGORISED, None), leaf]]
        return [[*self.path_to_category(store, row.category_id), leaf]]
