"""The Issues tree: year > issue > the issue's articles in its own order, with article counts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from reader.store.reader import ArticleStore
from reader.ui.bookmark_marks import BookmarkMarkedTreeModel
from reader.ui.lazy_tree import NodeKind, PathStep, TreeNode, article_nodes


class IssueTreeModel(BookmarkMarkedTreeModel):
    def load_children(self, store: ArticleStore, node: TreeNode) -> list[TreeNode]:
        if node.kind is NodeKind.ROOT:
            out: list[TreeNode] = []
            for year in store.years():
                if year.year is None and year.issue_count == 0:
                    out.append(self._unfiled(year.article_count))
                    continue
                label = (
                    str(year.year)
                    if year.year is not None
                    else QCoreApplication.translate("LibraryTree", "Other issues")
                )
                out.append(TreeNode(NodeKind.YEAR, year.year, label, year.article_count))
            return out
        if node.kind is NodeKind.YEAR:
            out = [
                TreeNode(NodeKind.ISSUE, issue.id, issue.label, issue.article_count)
                for issue in store.issues(node.key)
            ]
            if node.key is None:
                unfiled = store.unfiled_count()
                if unfiled:
                    out.append(self._unfiled(unfiled))
            return out
        if node.kind is NodeKind.ISSUE:
            return article_nodes(store.issue_tree_rows(int(node.key)))
        if node.kind is NodeKind.UNFILED:
            return article_nodes(store.issue_tree_rows(None))
        return []

    def _unfiled(self, count: int) -> TreeNode:
        return TreeNode(
            NodeKind.UNFILED, None, QCoreApplication.translate("LibraryTree", "Not in an issue"), count
        )

    def path_to_issue(self, store: ArticleStore, issue_id: int) -> list[PathStep]:
        issue = store.issue(issue_id)
        return [] if issue is None else [(NodeKind.YEAR, issue.year), (NodeKind.ISSUE, issue.id)]

    def path_to_article(self, store: ArticleStore, uid: str) -> list[Sequence[PathStep]]:
        row = store.article_row(uid)
        if row is None:
            return []
        leaf = (NodeKind.ARTICLE, uid)
        if row.issue_id is None:
            return [
                [(NodeKind.UNFILED, None), leaf],
                [(NodeKind.YEAR, None), (NodeKind.UNFILED, None), leaf],
            ]
        return [[*self.path_to_issue(store, row.issue_id), leaf]]
