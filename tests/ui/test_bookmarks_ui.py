"""The bookmarks in the window: Ctrl+D and the star, the Bookmarks tab, tree marks, import/export, damage."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from unittest import mock

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMenu, QWidget
from pytestqt.qtbot import QtBot

from conftest import new_window
from reader import paths
from reader.bookmarks import Bookmark, BookmarkFile
from reader.ui.bookmark_marks import BOOKMARKED_ROLE
from reader.ui.bookmarks_model import (
    BookmarkRole,
    BookmarksFilterModel,
    BookmarksModel,
    ShownBookmark,
    SortOrder,
)
from reader.ui.main_window import MainWindow


def saved(uid: str) -> Bookmark | None:
    """The bookmark as another process would read it from disk."""
    return BookmarkFile(paths.data_dir()).get(uid)


def listed(window: MainWindow) -> dict[str, QModelIndex]:
    """The bookmarks the tab shows (after filtering), by uid."""
    proxy = window.library.bookmarks_panel.proxy
    found: dict[str, QModelIndex] = {}
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            uid = index.data(BookmarkRole.UID)
            if isinstance(uid, str):
                found[uid] = index
            stack.append(index)
    return found


def click(qtbot: QtBot, window: MainWindow, index: QModelIndex) -> None:
    view = window.library.bookmarks_panel.view
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_ctrl_d_bookmarks_the_open_article_and_pressing_it_again_removes_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    star = window.actions_.toggle_bookmark
    assert star.shortcut() == QKeySequence("Ctrl+D")
    window.open_article("a2")
    assert not star.isChecked()

    window.activateWindow()
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    bookmark = saved("a2")
    assert bookmark is not None
    assert (bookmark.title, bookmark.magazine, bookmark.issue) == ("面馆四十年", "城市画报", "2016年第1期")
    assert bookmark.category == ("人物", "访谈")
    assert "a2" in listed(window)
    assert star.isChecked()
    assert window.library.bookmarks_panel.current_uid() == "a2"  # the open article, selected

    window.open_article("b1")
    assert not star.isChecked()
    window.go_back()
    assert star.isChecked()

    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert saved("a2") is None
    assert "a2" not in listed(window)
    assert not star.isChecked()


def test_the_star_sits_in_the_toolbar_with_its_two_icons(window: MainWindow) -> None:
    star = window.actions_.toggle_bookmark
    assert star in window.actions_.toolbar.actions()
    assert star.isCheckable() and not star.icon().isNull()
    button = window.actions_.toolbar.widgetForAction(star)
    assert button is not None and button.accessibleName() == "Bookmark This Article"


def test_a_bookmark_keeps_the_reading_place_and_opening_it_returns_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(700, 400)
    window.open_article("a1", block=10)
    window.actions_.toggle_bookmark.trigger()
    bookmark = saved("a1")
    assert bookmark is not None and bookmark.position == 10

    window.open_article("b2")
    window.library.set_current_tab_key("bookmarks")
    click(qtbot, window, listed(window)["a1"])
    assert window.current_uid() == "a1"
    assert window.view.reading_block() == 10


def test_a_note_edited_in_place_is_saved(window: MainWindow, qtbot: QtBot) -> None:
    window.open_article("b1")
    window.actions_.toggle_bookmark.trigger()
    window.library.set_current_tab_key("bookmarks")
    panel = window.library.bookmarks_panel
    index = listed(window)["b1"]
    panel.view.setCurrentIndex(index)
    panel.edit_current_note()
    editor = panel.view.findChild(QLineEdit, "bookmarkNoteEditor")
    assert isinstance(editor, QLineEdit)
    editor.setText("冬天再读一遍")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits from the event loop

    qtbot.waitUntil(lambda: getattr(saved("b1"), "note", None) == "冬天再读一遍")
    assert panel.view.state() is not QAbstractItemView.State.EditingState
    assert listed(window)["b1"].data(BookmarkRole.DETAILS) == "冬天再读一遍"


def test_the_filter_keeps_bookmarks_whose_title_or_note_matches(window: MainWindow) -> None:
    for uid in ("a1", "b1", "c1"):
        window.bookmarks.add(uid)
    BookmarkFile(paths.data_dir()).set_note("c1", "年底重读")
    window.bookmarks.refresh()
    panel = window.library.bookmarks_panel
    assert set(listed(window)) == {"a1", "b1", "c1"}

    panel.filter_edit.setText("冬天")
    assert set(listed(window)) == {"b1"}
    panel.filter_edit.setText("重读")
    assert set(listed(window)) == {"c1"}
    panel.filter_edit.setText("2016年第1期")  # the issue counts too
    assert set(listed(window)) == {"a1"}
    panel.filter_edit.setText("没有这样的文章")
    assert listed(window) == {}
    assert panel.stack.currentWidget() is panel.empty_label
    panel.filter_edit.clear()
    assert set(listed(window)) == {"a1", "b1", "c1"}


def test_a_bookmark_of_an_article_not_in_the_store_is_listed_as_missing_with_its_title(
    qtbot: QtBot, store_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    BookmarkFile(paths.data_dir()).add(
        "elsewhere/2015/0301/7", title="别处的文章", magazine="别的杂志", issue="2015年第3期"
    )
    window = new_window(qtbot)
    assert window.open_store(store_path)
    index = listed(window)["elsewhere/2015/0301/7"]
    assert index.data() == "别处的文章"
    assert index.data(BookmarkRole.MISSING) is True
    assert "not in this store" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert index.parent().data() == "2015年第3期"
    assert index.parent().parent().data() == "别的杂志"

    window.library.set_current_tab_key("bookmarks")
    before = window.current_uid()
    click(qtbot, window, index)
    assert window.current_uid() == before
    assert "别处的文章" in window.statusBar().currentMessage()
    assert saved("elsewhere/2015/0301/7") is not None  # listed, never dropped


def test_bookmarked_articles_are_marked_in_the_issue_tree(window: MainWindow) -> None:
    model = window.library.issue_model
    window.bookmarks.add("a3")
    marked = model.index_for_article("a3")
    assert marked.data(BOOKMARKED_ROLE) is True
    assert marked.data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index_for_article("a2").data(BOOKMARKED_ROLE) is False
    assert model.index_for_article("a2").data(Qt.ItemDataRole.DecorationRole) is None
    assert window.library.category_model.index_for_article("a3").data(BOOKMARKED_ROLE) is True

    window.bookmarks.remove("a3")
    assert model.index_for_article("a3").data(BOOKMARKED_ROLE) is False


def test_the_context_menu_of_an_article_in_a_tree_adds_and_removes_its_bookmark(
    window: MainWindow,
) -> None:
    view = window.library.issue_view
    index = window.library.issue_model.index_for_article("a3")
    view.scrollTo(index)

    def menu_action(text: str) -> QAction:
        with mock.patch("reader.ui.bookmark_controller.QMenu.popup"):
            view.customContextMenuRequested.emit(view.visualRect(index).center())
        menus = [m for m in window.findChildren(QMenu) if any(a.text() == text for a in m.actions())]
        assert len(menus) == 1
        return next(a for a in menus[0].actions() if a.text() == text)

    menu_action("Add &Bookmark").trigger()
    assert saved("a3") is not None
    menu_action("Remove &Bookmark").trigger()
    assert saved("a3") is None


def test_a_change_made_by_another_window_shows_when_this_one_refreshes(window: MainWindow) -> None:
    BookmarkFile(paths.data_dir()).add("b2", title="春节回家")
    window.bookmarks.refresh()
    assert "b2" in listed(window)
    assert window.library.issue_model.index_for_article("b2").data(BOOKMARKED_ROLE) is True


def test_export_then_import_brings_a_removed_bookmark_back_only_if_newer(
    window: MainWindow, tmp_path: Path
) -> None:
    window.bookmarks.add("a1")
    exported = tmp_path / "mine.json"
    html = tmp_path / "mine.html"
    with mock.patch(
        "reader.ui.bookmark_controller.QFileDialog.getSaveFileName", return_value=(str(exported), "")
    ):
        window.actions_.export_bookmarks.trigger()
    with mock.patch(
        "reader.ui.bookmark_controller.QFileDialog.getSaveFileName", return_value=(str(html), "")
    ):
        window.actions_.export_bookmarks_html.trigger()
    assert "老街的早晨" in html.read_text(encoding="utf-8")

    other = BookmarkFile(tmp_path / "other")
    other.add("c1", title="年终回望")
    other_file = tmp_path / "other.json"
    other.export_file(other_file)
    with mock.patch(
        "reader.ui.bookmark_controller.QFileDialog.getOpenFileName", return_value=(str(other_file), "")
    ):
        window.actions_.import_bookmarks.trigger()
    assert set(listed(window)) == {"a1", "c1"}
    assert "1 added" in window.statusBar().currentMessage()


def test_importing_a_file_that_is_not_bookmarks_says_so(
    window: MainWindow, tmp_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    with mock.patch("reader.ui.bookmark_controller.QFileDialog.getOpenFileName", return_value=(str(bad), "")):
        window.actions_.import_bookmarks.trigger()
    assert message_boxes["warning"].call_count == 1
    assert "bad.json" in message_boxes["warning"].call_args.args[2]


def test_a_damaged_bookmarks_file_is_set_aside_the_user_is_told_and_the_window_works(
    qtbot: QtBot, store_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    folder = paths.data_dir()
    good = BookmarkFile(folder)
    good.add("a1", title="老街的早晨")
    good.add("b1", title="冬天的河")  # the first change leaves a good copy of the file as it was before
    (folder / "bookmarks.json").write_bytes(b'{"format": "magazine-reader-bookmarks", "bookm')

    window = new_window(qtbot)
    assert window.open_store(store_path)
    qtbot.waitUntil(lambda: message_boxes["warning"].called)
    text = message_boxes["warning"].call_args.args[2]
    damaged = list(folder.glob("bookmarks.json.damaged-*"))
    assert len(damaged) == 1 and str(damaged[0]) in text
    assert "a1" in listed(window)  # the last good copy

    window.open_article("b2")
    window.actions_.toggle_bookmark.trigger()
    assert saved("b2") is not None
    assert message_boxes["warning"].call_count == 1


def test_the_bookmarks_list_and_filter_have_accessible_names(window: MainWindow) -> None:
    panel = window.library.bookmarks_panel
    named: list[QWidget] = [panel.view, panel.filter_edit, panel.sort_box]
    assert all(widget.accessibleName() for widget in named)
    assert panel.view.accessibleName() == "Bookmarks"


# -- the model on its own ---------------------------------------------------------------------------

T0 = datetime(2016, 1, 18, 8, 30, tzinfo=timezone.utc)


def bookmark(uid: str, minutes: int, issue: str | None, magazine: str | None = "城市画报") -> Bookmark:
    added = T0 + timedelta(minutes=minutes)
    return Bookmark(uid=uid, title=f"标题{uid}", added=added, modified=added, magazine=magazine, issue=issue)


SAMPLE = [
    ShownBookmark(bookmark("a1", 3, "2016年第1期"), True, 0),
    ShownBookmark(bookmark("a3", 1, "2016年第1期"), True, 2),
    ShownBookmark(bookmark("x1", 2, "2016年第10期"), False),
    ShownBookmark(bookmark("b1", 5, "2016年第2期"), True, 0),
    ShownBookmark(bookmark("z1", 4, None, magazine=None), False),
    ShownBookmark(bookmark("m1", 0, "2015年第3期", magazine="别的杂志"), False),
    ShownBookmark(bookmark("t1", 6, "2017年第1期", magazine="第三本杂志"), False),
]


def test_the_bookmarks_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = BookmarksModel(save_note=lambda uid, note: None)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_bookmarks(SAMPLE)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    proxy = BookmarksFilterModel()
    proxy.setSourceModel(model)
    proxy.set_filter_text("a")
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]


def tree(proxy: BookmarksFilterModel, parent: QModelIndex | None = None) -> list[object]:
    parent = parent if parent is not None else QModelIndex()
    out: list[object] = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        uid = index.data(BookmarkRole.UID)
        out.append(uid if uid is not None else (index.data(), tree(proxy, index)))
    return out


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (
            SortOrder.NEWEST,  # the open magazine first, then the others by their newest, then the rest
            [
                (
                    "城市画报",
                    [("2016年第2期", ["b1"]), ("2016年第1期", ["a1", "a3"]), ("2016年第10期", ["x1"])],
                ),
                ("第三本杂志", [("2017年第1期", ["t1"])]),
                ("别的杂志", [("2015年第3期", ["m1"])]),
                ("Other bookmarks", [("Not in an issue", ["z1"])]),
            ],
        ),
        (
            SortOrder.ISSUE,  # the open magazine first, then the others by name; issues by their numbers
            [
                (
                    "城市画报",
                    [("2016年第1期", ["a1", "a3"]), ("2016年第2期", ["b1"]), ("2016年第10期", ["x1"])],
                ),
                ("别的杂志", [("2015年第3期", ["m1"])]),
                ("第三本杂志", [("2017年第1期", ["t1"])]),
                ("Other bookmarks", [("Not in an issue", ["z1"])]),
            ],
        ),
    ],
)
def test_bookmarks_are_grouped_by_magazine_and_issue_newest_first_or_in_issue_order(
    order: SortOrder, expected: list[object]
) -> None:
    model = BookmarksModel()
    model.set_bookmarks(SAMPLE)
    proxy = BookmarksFilterModel()
    proxy.setSourceModel(model)
    proxy.set_sort_order(order)
    assert tree(proxy) == expected
