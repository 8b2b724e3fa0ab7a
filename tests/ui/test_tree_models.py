"""The Issues and Categories trees: contents, counts, order, laziness, and Qt's model rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from reader.store.reader import ArticleStore
from reader.ui.category_tree import CategoryTreeModel
from reader.ui.issue_tree import IssueTreeModel
from reader.ui.lazy_tree import LazyTreeModel, NodeKind, Role


def rows(model: LazyTreeModel, parent: QModelIndex = QModelIndex()) -> list[tuple[str, int | None]]:  # noqa: B008
    while model.canFetchMore(parent):
        model.fetchMore(parent)
    return [
        (model.index(r, 0, parent).data(), model.index(r, 0, parent).data(Role.COUNT))
        for r in range(model.rowCount(parent))
    ]


def child(model: LazyTreeModel, label: str, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
    rows(model, parent)
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        if index.data() == label:
            return index
    raise AssertionError(f"{label} not under {parent.data()}")


@pytest.fixture
def store(store_path: Path) -> Iterator[ArticleStore]:
    with ArticleStore.open(store_path) as opened:
        yield opened


def test_issue_tree_lists_years_then_issues_then_articles_in_issue_order(store: ArticleStore) -> None:
    model = IssueTreeModel()
    model.set_store(store)
    assert rows(model) == [("2015", 1), ("2016", 5), ("Not in an issue", 1)]
    year = child(model, "2016")
    assert rows(model, year) == [("2016年第1期", 3), ("2016年第2期", 2)]
    issue = child(model, "2016年第1期", year)
    assert rows(model, issue) == [("老街的早晨", None), ("面馆四十年", None), ("城市的声音", None)]
    first = model.index(0, 0, issue)
    assert first.data(Role.UID) == "a1"
    assert model.flags(first) & Qt.ItemFlag.ItemNeverHasChildren
    assert not model.hasChildren(first)
    assert rows(model, child(model, "Not in an issue")) == [("编辑部的话", None)]


def test_category_tree_lists_sections_subsections_then_articles_with_counts(store: ArticleStore) -> None:
    model = CategoryTreeModel()
    model.set_store(store)
    assert rows(model) == [("人物", 4), ("文化", 2), ("No category", 1)]
    people = child(model, "人物")
    assert rows(model, people) == [("访谈", 3), ("冬天的河", None)]
    interviews = child(model, "访谈", people)
    assert [label for label, _ in rows(model, interviews)] == ["年终回望", "老街的早晨", "面馆四十年"]


def test_trees_read_nothing_until_a_node_is_expanded(store: ArticleStore) -> None:
    model = IssueTreeModel()
    model.set_store(store)
    assert model.rowCount() == 0
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    year = model.index(1, 0)
    assert model.hasChildren(year)
    assert model.rowCount(year) == 0  # not read until the view asks
    assert model.canFetchMore(year)


def test_index_for_article_finds_it_in_both_trees(store: ArticleStore) -> None:
    issues, categories = IssueTreeModel(), CategoryTreeModel()
    issues.set_store(store)
    categories.set_store(store)
    found = issues.index_for_article("a2")
    assert found.data() == "面馆四十年"
    assert found.parent().data() == "2016年第1期"
    found = categories.index_for_article("a2")
    assert [found.parent().data(), found.parent().parent().data()] == ["访谈", "人物"]
    assert issues.index_for_article("u1").parent().data(Role.KIND) == NodeKind.UNFILED.value
    assert not issues.index_for_article("missing").isValid()


@pytest.mark.parametrize("model_type", [IssueTreeModel, CategoryTreeModel])
def test_tree_models_pass_qt_model_tester(
    qtmodeltester: object, store: ArticleStore, model_type: type[LazyTreeModel]
) -> None:
    model = model_type()
    model.set_store(store)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_store(None)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_library_panel_reveals_the_article_in_the_other_tree_when_switched(
    qtbot: QtBot, store: ArticleStore
) -> None:
    from reader.ui.library_panel import LibraryPanel

    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.set_store(store)
    chosen: list[str] = []
    panel.article_selected.connect(chosen.append)
    panel.issue_view.setCurrentIndex(panel.issue_model.index_for_article("a2"))
    assert chosen == ["a2"]
    panel.set_current_tab_key("categories")
    assert panel.category_view.currentIndex().data(Role.UID) == "a2"
    assert chosen == ["a2"]  # revealing does not reopen the article
