"""The reading window: navigation, remembering the reader, bad files, import, printing, screenshots."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from pytestqt.qtbot import QtBot
from ui_store_fixtures import make_store

from conftest import new_window
from reader import paths
from reader.domain.progress import Progress
from reader.ui import settings as keys
from reader.ui.lazy_tree import Role
from reader.ui.main_window import MainWindow
from reader.ui.settings import WindowSettings, settings_path


def test_first_open_shows_the_first_article_of_the_newest_issue(window: MainWindow) -> None:
    assert window.current_uid() == "b1"
    assert window.library.issue_view.currentIndex().data(Role.UID) == "b1"


def test_next_and_previous_follow_the_issue_order(window: MainWindow) -> None:
    window.open_article("a1")
    assert not window.actions_.previous_article.isEnabled()
    window.actions_.next_article.trigger()
    assert window.current_uid() == "a2"
    window.actions_.next_article.trigger()
    assert window.current_uid() == "a3"
    assert not window.actions_.next_article.isEnabled()
    window.actions_.previous_article.trigger()
    assert window.current_uid() == "a2"


def test_footer_links_open_stored_articles_and_ask_before_the_web(
    window: MainWindow, message_boxes: dict[str, mock.MagicMock]
) -> None:
    window.open_article("a1")
    text = window.view.toPlainText()
    assert "下一篇： 面馆四十年" in text and "本类推荐" in text and "没有保存的文章" in text
    window.view.link_activated.emit(QUrl("magart:b1"))
    assert window.current_uid() == "b1"
    with mock.patch("reader.ui.main_window.QDesktopServices.openUrl") as open_url:
        window.view.link_activated.emit(QUrl("http://example.com/lost.html"))
        assert message_boxes["question"].call_count == 1
        open_url.assert_not_called()  # the reader said Cancel
        window.view.link_activated.emit(QUrl("file:///etc/passwd"))
        window.view.link_activated.emit(QUrl("../secret.html"))
        open_url.assert_not_called()
    assert message_boxes["question"].call_count == 1


def test_back_and_forward_return_to_articles_and_places(window: MainWindow) -> None:
    window.resize(700, 400)
    window.open_article("a1", block=10)
    window.open_article("a2")
    window.open_article("a3")
    window.go_back()
    assert window.current_uid() == "a2"
    window.go_back()
    assert window.current_uid() == "a1"
    assert window.view.reading_block() == 10
    window.go_forward()
    assert window.current_uid() == "a2"
    window.open_article("b2")
    assert not window.actions_.forward.isEnabled()


def test_the_mouse_back_and_forward_buttons_work_over_the_trees_once_the_window_is_up(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: window.started)
    window.open_article("a1")
    window.open_article("a2")
    viewport = window.library.issue_view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.BackButton, pos=QPoint(10, 10))
    assert window.current_uid() == "a1"
    qtbot.mousePress(viewport, Qt.MouseButton.ForwardButton, pos=QPoint(10, 10))
    assert window.current_uid() == "a2"


def test_breadcrumb_and_issue_label_select_them_in_their_trees(window: MainWindow) -> None:
    window.open_article("a2")
    window.view.link_activated.emit(QUrl("magcat:0"))
    assert window.library.current_tab_key() == "categories"
    assert window.library.category_view.currentIndex().data() == "人物"
    window.view.link_activated.emit(QUrl("magissue:1"))
    assert window.library.current_tab_key() == "issues"
    assert window.library.issue_view.currentIndex().data() == "2016年第1期"
    assert window.current_uid() == "a2"


def test_find_highlights_every_match_and_steps_through_them(window: MainWindow) -> None:
    window.open_article("a1")
    window.actions_.find.trigger()
    window.find_bar.field.setText("老街")
    assert window.view.match_count == 3
    assert len(window.view.extraSelections()) == 3
    assert window.find_bar.count_label.text() == "1 of 3"
    window.actions_.find_next.trigger()
    assert window.find_bar.count_label.text() == "2 of 3"
    window.actions_.find_previous.trigger()
    window.actions_.find_previous.trigger()
    assert window.find_bar.count_label.text() == "3 of 3"


def test_zoom_theme_and_place_are_remembered_across_a_restart(
    qtbot: QtBot, window: MainWindow, store_path: Path
) -> None:
    window.resize(700, 400)
    window.open_article("a1", block=9)
    window.actions_.zoom_in.trigger()
    window.actions_.zoom_in.trigger()
    window.actions_.theme_actions["sepia"].trigger()
    window.library.set_current_tab_key("categories")
    window.close()
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert settings_path().parent == paths.config_dir()
    assert saved["version"] == 1 and saved["values"]["zoom"] == 120 and saved["values"]["theme"] == "sepia"

    again = new_window(qtbot)
    again.resize(700, 400)
    again.start(None)
    assert again.store is not None and again.store.path == store_path
    assert again.current_uid() == "a1"
    assert again.view.reading_block() == 9
    assert again.view.page.zoom == 120
    assert again.theme.name == "sepia"
    assert again.library.current_tab_key() == "categories"
    assert again.actions_.theme_actions["sepia"].isChecked()


def test_hiding_the_sidebar_gives_the_article_the_room_and_is_remembered(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.open_article("a1")
    qtbot.wait(120)  # the view re-renders once a resize settles
    narrow = window.view.viewport().width()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert not window.library.isVisible()
    assert not window.actions_.show_sidebar.isChecked()
    qtbot.wait(120)
    assert window.view.viewport().width() > narrow + 200
    window.close()

    again = new_window(qtbot)
    again.start(None)
    assert not again.library.isVisible()
    again.actions_.focus_library.trigger()  # F6 goes to the sidebar, showing it
    assert again.library.isVisible() and again.actions_.show_sidebar.isChecked()


def test_full_screen_and_escape_back(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_.full_screen.trigger()
    qtbot.waitUntil(window.isFullScreen)
    assert window.actions_.full_screen.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.actions_.full_screen.isChecked()
    window.showFullScreen()  # as a window manager may do: the menu follows
    qtbot.waitUntil(window.actions_.full_screen.isChecked)


def test_not_a_store_shows_an_error_and_keeps_the_open_store(
    window: MainWindow, tmp_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    window.open_article("a2")
    junk = tmp_path / "junk.magstore"
    junk.write_bytes(bytes(range(256)) * 40)
    assert not window.open_store(junk)
    assert message_boxes["warning"].call_count == 1
    assert "not a Magazine Reader store" in message_boxes["warning"].call_args.args[2]
    assert window.current_uid() == "a2"
    window.actions_.next_article.trigger()
    assert window.current_uid() == "a3"  # the old store still reads


def test_a_store_from_a_newer_version_shows_an_error(
    window: MainWindow, store_path: Path, tmp_path: Path, message_boxes: dict[str, mock.MagicMock]
) -> None:
    newer = tmp_path / "newer.magstore"
    newer.write_bytes(store_path.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version=99")
    conn.close()
    assert not window.open_store(newer)
    assert "newer version" in message_boxes["warning"].call_args.args[2]
    assert window.store is not None and window.store.path == store_path
    assert window.current_uid() == "b1"


def test_import_runs_the_importer_with_progress_then_opens_the_store(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QProgressDialog

    labels: list[tuple[str, int, int]] = []

    def fake_import(sources: list[Path], store: Path, **kwargs: Any) -> Any:
        for step in (Progress(0, 1200, "starting"), Progress(840, 1200, "a/rw/2016/0118/1236.html")):
            kwargs["progress"](step)
            (dialog,) = window.findChildren(QProgressDialog)
            labels.append((dialog.labelText(), dialog.value(), dialog.maximum()))
        make_store(store)
        return mock.Mock(articles_total=7, describe=lambda: "7 articles added")

    monkeypatch.setattr("reader.ingest.pipeline.import_sources", fake_import)
    monkeypatch.setattr("reader.ui.tasks.PROGRESS_INTERVAL", 0.0)  # every report reaches the dialog
    folder = tmp_path / "site"
    folder.mkdir()
    window.import_sources([folder], tmp_path / "imported.magstore")
    total = QLocale().toString(1200)  # grouped as the reader's locale groups digits
    assert labels == [
        (f"Importing site…\n{total} articles to read", 0, 1200),
        (f"Importing site…\n840 of {total} articles\na/rw/2016/0118/1236.html", 840, 1200),
    ]
    assert window.store is not None and window.store.path == tmp_path / "imported.magstore"
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))  # closed once done


def test_an_import_with_nothing_importable_keeps_the_window_as_it_was(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: dict[str, mock.MagicMock],
) -> None:
    def failing_import(sources: list[Path], store: Path, **kwargs: Any) -> Any:
        raise ValueError("no saved pages found in empty")

    monkeypatch.setattr("reader.ingest.pipeline.import_sources", failing_import)
    window.open_path(tmp_path)
    assert message_boxes["warning"].call_args.args[2] == "no saved pages found in empty"
    assert window.current_uid() == "b1"


def test_about_names_the_licences_and_the_magazine(
    window: MainWindow, message_boxes: dict[str, mock.MagicMock]
) -> None:
    window.actions_.about.trigger()
    text = message_boxes["about"].call_args.args[2]
    assert "GPL" in text and "LGPL" in text and "BSD" in text and "MIT" in text
    assert "《城市画报》创刊于1998年" in text


def test_every_toolbar_button_and_view_has_an_accessible_name(window: MainWindow) -> None:
    toolbar = window.actions_.toolbar
    for action in toolbar.actions():
        if action.isSeparator():
            continue
        widget = toolbar.widgetForAction(action)
        assert widget is not None and widget.accessibleName(), action
    for widget in (
        window.view,
        window.library.issue_view,
        window.library.category_view,
        window.find_bar.field,
    ):
        assert widget.accessibleName()


def test_screenshot_renders_the_window_to_a_png(store_path: Path, tmp_path: Path) -> None:
    from reader.app import take_screenshot

    out = tmp_path / "shot.png"
    assert take_screenshot(store_path, out, article="a1", theme="dark", size=(900, 600)) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    assert take_screenshot(store_path, tmp_path / "x.png", article="nope", theme="dark", size=(900, 600)) == 1
    assert not settings_path().exists()  # a screenshot leaves the reader's settings alone


def test_dropping_a_store_file_opens_it(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt
    from PySide6.QtGui import QDropEvent

    other = make_store(tmp_path / "other.magstore")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.store is not None and window.store.path == other


def test_the_first_run_imports_the_demo_and_a_damaged_demo_store_is_made_again(
    qtbot: QtBot, message_boxes: dict[str, mock.MagicMock]
) -> None:
    from reader.ui.main_window import DEMO_STORE_NAME

    window = new_window(qtbot)
    window.start(None)  # no last store: the demo magazine, imported into the cache
    demo = paths.cache_dir() / DEMO_STORE_NAME
    assert window.store is not None and window.store.path == demo
    assert window.view.article is not None
    first = window.view.article.uid
    window.close()

    demo.write_bytes(b"SQLite format 3\x00" + b"\x17" * 4000)  # damaged on disk
    assert WindowSettings().get(keys.LAST_STORE) == str(demo.resolve())  # the store to reopen
    again = new_window(qtbot)
    again.start(None)
    assert again.store is not None and again.store.path == demo
    assert again.view.article is not None and again.view.article.uid == first
    message_boxes["warning"].assert_not_called()


def test_the_theme_follows_the_system_until_one_is_chosen(window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    hints = QGuiApplication.styleHints()
    assert WindowSettings().get(keys.THEME) == "system"  # the default
    with mock.patch("reader.ui.themes.system_theme_name", return_value="dark"):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert window.theme.name == "dark" and window.view.page.theme.name == "dark"
        window.actions_.theme_actions["sepia"].trigger()
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert window.theme.name == "sepia"
    with mock.patch("reader.ui.themes.system_theme_name", return_value="light"):
        window.actions_.theme_actions["system"].trigger()
        assert window.theme.name == "light"


def test_sidebar_text_size_is_its_own_and_is_remembered(qtbot: QtBot, window: MainWindow) -> None:
    tree = window.library.issue_view
    start, zoom = tree.font().pointSize(), window.view.page.zoom
    window.actions_.tree_font_larger.trigger()
    window.actions_.tree_font_larger.trigger()
    assert tree.font().pointSize() == start + 2
    assert window.library.category_view.font().pointSize() == start + 2
    assert window.view.page.zoom == zoom  # the article's size is its own
    assert window.library.search_panel.view.font().pointSize() == start + 2  # a tab built later too
    window.close()

    again = new_window(qtbot)
    assert again.library.issue_view.font().pointSize() == start + 2
    again.actions_.tree_font_reset.trigger()
    assert again.library.issue_view.font().pointSize() == start


def test_recent_stores_reopen_and_tell_same_named_stores_apart(
    window: MainWindow, store_path: Path, tmp_path: Path
) -> None:
    other = make_store(tmp_path / "elsewhere" / "city.magstore")
    gone = make_store(tmp_path / "gone.magstore")
    assert window.open_store(gone) and window.open_store(other)
    gone.unlink()
    menu = window.actions_.recent_menu
    menu.aboutToShow.emit()
    entries = {a.text(): a for a in menu.actions()}
    assert list(entries) == [f"city ({other.parent.name})", "gone", f"city ({store_path.parent.name})"]
    assert not entries["gone"].isEnabled()
    entries[f"city ({store_path.parent.name})"].trigger()
    assert window.store is not None and window.store.path.resolve() == store_path.resolve()
