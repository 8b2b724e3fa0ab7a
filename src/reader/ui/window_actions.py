"""The reading window's actions, menus and toolbar: names, shortcuts, icons and accessible names."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from reader.resources_access import resource
from reader.ui import translations
from reader.ui.themes import SYSTEM, THEMES

# A mnemonic in the Chinese style, "文件(&F)", or in the English one, "&File".
_MNEMONIC = re.compile(r"\(&[^)]\)|&(&?)")


def plain_text(text: str) -> str:
    """An action's text as a tooltip or accessible name says it: no mnemonic, no trailing ellipsis."""
    return _MNEMONIC.sub(lambda m: m.group(1) or "", text).rstrip("…").rstrip(".").strip()


def icon(name: str) -> QIcon:
    node = resource("icons", f"{name}.svg")
    return QIcon(str(node)) if node.is_file() else QIcon()


def toggle_icon(off: str, on: str) -> QIcon:
    """An icon for a checkable action: `off` when unchecked, `on` when checked."""
    result = icon(off)
    node = resource("icons", f"{on}.svg")
    if node.is_file():
        result.addFile(str(node), QSize(), QIcon.Mode.Normal, QIcon.State.On)
    return result


class WindowActions(QObject):
    """Every action of the window, built once; `retranslate_ui()` renames them."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window

        def make(icon_name: str | None = None, *shortcuts: QKeySequence | str) -> QAction:
            action = QAction(window)
            if icon_name:
                action.setIcon(icon(icon_name))
            if shortcuts:
                action.setShortcuts([QKeySequence(s) for s in shortcuts])
            window.addAction(action)  # shortcuts work with the menu bar hidden too
            return action

        std = QKeySequence.StandardKey
        self.open_store = make("document-open", QKeySequence(std.Open))
        self.import_pages = make("document-import", "Ctrl+I")
        self.print_article = make("print", QKeySequence(std.Print))
        self.export_pdf = make(None, "Ctrl+Shift+E")
        self.quit = make(None, QKeySequence(std.Quit), "Ctrl+Q")
        self.back = make("go-back", "Alt+Left", QKeySequence(std.Back))
        self.forward = make("go-forward", "Alt+Right", QKeySequence(std.Forward))
        self.previous_article = make("article-previous", "Ctrl+PgUp", "[")
        self.next_article = make("article-next", "Ctrl+PgDown", "]")
        self.find = make("search", QKeySequence(std.Find))
        self.find_next = make(None, "F3")
        self.find_previous = make(None, "Shift+F3")
        self.search = make(None, "Ctrl+K")
        self.zoom_in = make("zoom-in", "Ctrl+=", "Ctrl++")
        self.zoom_out = make("zoom-out", "Ctrl+-")
        self.zoom_reset = make(None, "Ctrl+0")
        self.tree_font_larger = make()
        self.tree_font_smaller = make()
        self.tree_font_reset = make()
        self.focus_library = make(None, "F6")
        self.show_sidebar = make(None, "F9", "Ctrl+Shift+L")
        self.show_sidebar.setCheckable(True)
        self.show_sidebar.setChecked(True)
        self.full_screen = make(None, QKeySequence(std.FullScreen), "F11")
        self.full_screen.setCheckable(True)
        self.about = make()
        self.open_data_folder = make()
        self.toggle_bookmark = make(None, "Ctrl+D")
        self.toggle_bookmark.setIcon(toggle_icon("bookmark", "bookmarked"))
        self.toggle_bookmark.setCheckable(True)
        self.import_bookmarks = make()
        self.export_bookmarks = make()
        self.export_bookmarks_html = make()
        self.theme_group = QActionGroup(window)
        self.theme_actions: dict[str, QAction] = {}
        for name in (SYSTEM, *THEMES):
            action = QAction(window)
            action.setCheckable(True)
            action.setData(name)
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        self.language_group = QActionGroup(window)
        self.language_actions: dict[str, QAction] = {}
        for name in (translations.SYSTEM, *translations.LANGUAGES):
            action = QAction(window)
            action.setCheckable(True)
            action.setData(name)
            self.language_group.addAction(action)
            self.language_actions[name] = action
        self.file_menu = QMenu(window)
        self.recent_menu = QMenu(window)
        self.view_menu = QMenu(window)
        self.theme_menu = QMenu(window)
        self.language_menu = QMenu(window)
        self.bookmarks_menu = QMenu(window)
        self.help_menu = QMenu(window)
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self._build_menus()
        self.retranslate_ui()

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        bar.addMenu(self.file_menu)
        self.file_menu.addActions([self.open_store, self.import_pages])
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.print_article, self.export_pdf])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        bar.addMenu(self.view_menu)
        self.view_menu.addActions([self.back, self.forward, self.previous_article, self.next_article])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.find, self.find_next, self.find_previous, self.search])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        self.view_menu.addMenu(self.theme_menu)
        self.theme_menu.addActions(list(self.theme_actions.values()))
        self.view_menu.addMenu(self.language_menu)
        self.language_menu.addActions(list(self.language_actions.values()))
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.tree_font_larger, self.tree_font_smaller, self.tree_font_reset])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.show_sidebar, self.focus_library])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.full_screen)
        bar.addMenu(self.bookmarks_menu)
        self.bookmarks_menu.addAction(self.toggle_bookmark)
        self.bookmarks_menu.addSeparator()
        self.bookmarks_menu.addActions(
            [self.import_bookmarks, self.export_bookmarks, self.export_bookmarks_html]
        )
        bar.addMenu(self.help_menu)
        self.help_menu.addActions([self.open_data_folder, self.about])

        tools = self.toolbar
        tools.addActions([self.back, self.forward])
        tools.addSeparator()
        tools.addActions([self.previous_article, self.next_article])
        tools.addSeparator()
        tools.addActions([self.zoom_out, self.zoom_in])
        theme_button = QToolButton(tools)
        theme_button.setIcon(icon("theme"))
        theme_button.setMenu(self.theme_menu)
        theme_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.theme_button = theme_button
        tools.addWidget(theme_button)
        tools.addSeparator()
        tools.addActions([self.toggle_bookmark, self.find, self.print_article])
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, tools)

    def retranslate_ui(self) -> None:
        texts = {
            self.open_store: self.tr("&Open Store…"),
            self.import_pages: self.tr("&Import Saved Pages…"),
            self.print_article: self.tr("&Print…"),
            self.export_pdf: self.tr("&Export as PDF…"),
            self.quit: self.tr("&Quit"),
            self.back: self.tr("&Back"),
            self.forward: self.tr("&Forward"),
            self.previous_article: self.tr("&Previous Article"),
            self.next_article: self.tr("&Next Article"),
            self.find: self.tr("&Find in Article…"),
            self.find_next: self.tr("Find Ne&xt"),
            self.find_previous: self.tr("Find Pre&vious"),
            self.search: self.tr("&Search All Articles…"),
            self.zoom_in: self.tr("Zoom &In"),
            self.zoom_out: self.tr("Zoom &Out"),
            self.zoom_reset: self.tr("&Actual Size"),
            self.tree_font_larger: self.tr("Larger Sidebar Text"),
            self.tree_font_smaller: self.tr("Smaller Sidebar Text"),
            self.tree_font_reset: self.tr("Default Sidebar Text"),
            self.focus_library: self.tr("Go to &Sidebar"),
            self.show_sidebar: self.tr("Show Side&bar"),
            self.full_screen: self.tr("F&ull Screen"),
            self.about: self.tr("&About Magazine Reader"),
            self.open_data_folder: self.tr("Open &Data Folder"),
            self.toggle_bookmark: self.tr("&Bookmark This Article"),
            self.import_bookmarks: self.tr("&Import Bookmarks…"),
            self.export_bookmarks: self.tr("&Export Bookmarks…"),
            self.export_bookmarks_html: self.tr("Export as &Browser Bookmarks…"),
        }
        for action, text in texts.items():
            action.setText(text)
            tip = plain_text(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
        theme_names = {
            SYSTEM: self.tr("Follow &System"),
            "light": self.tr("&Light"),
            "sepia": self.tr("S&epia"),
            "dark": self.tr("&Dark"),
        }
        for name, action in self.theme_actions.items():
            action.setText(theme_names[name])
        # Each language keeps its own name, so a reader lost in the wrong one can still find theirs.
        self.language_actions[translations.SYSTEM].setText(self.tr("Follow &System"))
        for name, native_name in translations.LANGUAGES.items():
            self.language_actions[name].setText(native_name)
        self.language_menu.setTitle(self.tr("&Language"))
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("&Recent Stores"))
        self.view_menu.setTitle(self.tr("&View"))
        self.theme_menu.setTitle(self.tr("&Theme"))
        self.bookmarks_menu.setTitle(self.tr("&Bookmarks"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self.toolbar.setAccessibleName(self.tr("Toolbar"))
        self.theme_button.setToolTip(self.tr("Theme"))
        self.theme_button.setAccessibleName(self.tr("Theme"))
        # The toolbar's own buttons, found by their action: widgetForAction() would make PySide work out
        # the type of every widget it returns, creating the enums of dozens of widget classes (~13 ms).
        for button in self.toolbar.findChildren(QToolButton):
            action = button.defaultAction()
            if action is not None and action.text():
                button.setAccessibleName(plain_text(action.text()))
