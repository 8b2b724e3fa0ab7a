"""Read marks: an article whose end has been on screen is read; the trees show it; menus change it."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from conftest import new_window
from reader import paths
from reader.bookmarks.reading import FILE_NAME, ReadingLog
from reader.ui.bookmark_marks import READ_ROLE
from reader.ui.lazy_tree import NodeKind, Role
from reader.ui.main_window import MainWindow


def shown_read(window: MainWindow, uid: str) -> bool:
    return window.library.issue_model.index_for_article(uid).data(READ_ROLE) is True


def test_an_article_is_read_once_its_end_has_been_on_screen(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(700, 400)
    window.open_article("a1")
    reading = window.reading
    qtbot.wait(150)  # the view re-renders once the resize settles
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 0, "the article must be longer than the window for this test"
    assert not reading.is_read("a1") and not shown_read(window, "a1")
    bar.setValue(bar.maximum() // 2)
    assert not reading.is_read("a1")
    bar.setValue(bar.maximum())
    assert reading.is_read("a1") and shown_read(window, "a1")
    assert ReadingLog(paths.data_dir() / FILE_NAME).read_uids() == {"a1"}


def test_a_short_article_that_fits_is_read_when_shown_and_the_mark_survives_a_restart(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1400, 1000)
    _ = window.reading
    window.open_article("a2")  # two paragraphs: the whole article is on screen
    qtbot.waitUntil(lambda: window.reading.is_read("a2"))
    assert not window.reading.is_read("a3")
    window.close()

    again = new_window(qtbot)
    again.start(None)
    assert again.reading.is_read("a2")
    assert shown_read(again, "a2") and not shown_read(again, "a3")


def test_opening_an_article_from_the_end_of_another_does_not_mark_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(700, 400)
    window.open_article("a1")
    reading = window.reading
    qtbot.wait(150)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert reading.is_read("a1")
    reading.mark(["a1"], read=False)
    window.open_article("a1")  # the same long article again, from its own end: starts at the top
    qtbot.wait(50)
    assert bar.value() == 0 and not reading.is_read("a1")


def menu_action(window: MainWindow, view_index: object, text: str) -> QAction:
    view = window.library.issue_view
    view.scrollTo(view_index)  # type: ignore[arg-type]
    with mock.patch.object(QMenu, "popup"):
        view.customContextMenuRequested.emit(view.visualRect(view_index).center())  # type: ignore[arg-type]
    menus = [m for m in window.findChildren(QMenu) if any(a.text() == text for a in m.actions())]
    assert menus, f"no menu with {text!r}"
    return next(a for a in menus[-1].actions() if a.text() == text)


def test_the_tree_menu_marks_an_article_or_a_whole_issue(qtbot: QtBot, window: MainWindow) -> None:
    reading = window.reading
    model = window.library.issue_model
    menu_action(window, model.index_for_article("a3"), "Mark as &Read").trigger()
    assert reading.is_read("a3") and shown_read(window, "a3")
    menu_action(window, model.index_for_article("a3"), "Mark as &Unread").trigger()
    assert not reading.is_read("a3")

    issue = model.index_for_article("a1").parent()
    assert issue.data(Role.KIND) == NodeKind.ISSUE.value
    menu_action(window, issue, "Mark Issue as &Read").trigger()
    assert all(reading.is_read(uid) for uid in ("a1", "a2", "a3"))
    assert not reading.is_read("b2")  # another issue (b1 was on screen when the window opened)
    menu_action(window, issue, "Mark Issue as &Unread").trigger()
    assert not any(reading.is_read(uid) for uid in ("a1", "a2", "a3"))


def test_a_damaged_reading_file_is_set_aside_and_the_window_says_so(qtbot: QtBot, window: MainWindow) -> None:
    path = paths.data_dir() / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all" * 100)
    reading = window.reading
    assert "could not be read" in window.statusBar().currentMessage()
    reading.mark(["a1"], read=True)
    assert shown_read(window, "a1")
    assert [p for p in Path(path.parent).iterdir() if ".damaged-" in p.name]


def test_a_screen_reader_hears_that_an_article_is_read_and_bookmarked(window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    window.reading.mark(["a2"], read=True)
    window.bookmarks.add("a2")
    index = window.library.issue_model.index_for_article("a2")
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "面馆四十年, bookmarked, read"
    assert (
        window.library.issue_model.index_for_article("a3").data(Qt.ItemDataRole.AccessibleTextRole)
        == "城市的声音"
    )


def test_a_screenshot_marks_nothing_read_in_the_readers_data(
    qtbot: QtBot, store_path: Path, tmp_path: Path
) -> None:
    from reader.ui.launch import take_screenshot

    assert (
        take_screenshot(store_path, tmp_path / "shot.png", article="a2", theme="light", size=(1400, 1000))
        == 0
    )
    assert (tmp_path / "shot.png").is_file()
    path = paths.data_dir() / FILE_NAME
    assert not path.exists() or ReadingLog(path).read_uids() == set()
