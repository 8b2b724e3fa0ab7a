"""The reading window: the library trees on the left, the article on the right, and what ties them.

Start-up shows the article first: what the first paint does not need (the bookmarks file, the Bookmarks
and Search tabs, the find bar, selecting the article in the tree) is built after it, or when first used.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFileOpenEvent, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from reader import paths
from reader.store.errors import StoreError
from reader.store.reader import ArticleStore
from reader.store.schema import STORE_SUFFIX
from reader.ui import launch, translations
from reader.ui import settings as keys
from reader.ui.article_html import (
    ARTICLE_SCHEME,
    CATEGORY_SCHEME,
    IMAGE_SCHEME,
    ISSUE_SCHEME,
    ArticlePage,
    Neighbour,
)
from reader.ui.article_view import ArticleView
from reader.ui.history import ReadingHistory
from reader.ui.lazy_tree import Role
from reader.ui.library_panel import LibraryPanel
from reader.ui.settings import ReadingPosition, WindowSettings
from reader.ui.store_upgrade import needs_upgrade
from reader.ui.themes import SYSTEM, THEMES, Theme, resolve_theme
from reader.ui.window_actions import WindowActions

# Dialogs and message boxes are imported where they are used: each Qt class costs its enums' creation
# the first time Python sees it, and none of them is needed to show the window.
if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent

    from reader.ui.bookmark_controller import BookmarkController
    from reader.ui.bookmarks_panel import BookmarksPanel
    from reader.ui.find_bar import FindBar
    from reader.ui.import_dialog import ImportProgress
    from reader.ui.reading_controller import ReadingController
    from reader.ui.search_controller import SearchController
    from reader.ui.search_panel import SearchPanel
    from reader.ui.store_upgrade import StoreUpgrade
    from reader.ui.tasks import TaskRunner

log = logging.getLogger("reader.ui.window")

DEMO_STORE_NAME = f"demo{STORE_SUFFIX}"


def default_article(store: ArticleStore) -> str | None:
    """The first article of the newest issue, else the first article of the store."""
    for year in reversed([y for y in store.years() if y.year is not None]):
        for issue in reversed(store.issues(year.year)):
            rows = store.issue_articles(issue.id)
            if rows:
                return rows[0].uid
    return next((row.uid for row in store.iter_article_rows()), None)


def imported_store_path(folder: Path) -> Path:
    """Where a dropped or opened folder of saved pages is imported to."""
    return paths.cache_dir() / f"{folder.name or 'import'}{STORE_SUFFIX}"


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


class MainWindow(QMainWindow):
    store_opened = Signal(str)
    article_opened = Signal(str)

    def __init__(
        self,
        settings: WindowSettings | None = None,
        runner: TaskRunner | None = None,
        *,
        manage_app_palette: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else WindowSettings()
        self._runner = runner
        self._bookmarks: BookmarkController | None = None
        self._reading: ReadingController | None = None
        self._search: SearchController | None = None
        self._find_bar: FindBar | None = None
        self._painted = False
        self._starting = False  # start() defers what the first paint does not need
        self.store: ArticleStore | None = None
        self._magazine_name = ""  # the open store's; the title shows it after every article opened
        self.history = ReadingHistory()
        self.imports: list[ImportProgress] = []
        self.upgrades: list[StoreUpgrade] = []  # stores being brought up to date, opened when done
        self._manage_app_palette = manage_app_palette
        self.theme: Theme = resolve_theme(self.settings.get(keys.THEME))

        self.library = LibraryPanel(self)
        self.view = ArticleView(self)
        right = QWidget(self)
        self._column = QVBoxLayout(right)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 900])
        self.setCentralWidget(self.splitter)
        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)
        for model in (self.library.issue_model, self.library.category_model):
            model.load_failed.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.actions_ = WindowActions(self)
        self._connect()
        self._restore_settings()
        self.setAcceptDrops(True)
        self._watching_app = False
        if sys.platform == "darwin":  # a double-clicked store may be handed over before the first paint
            self._watch_application()
        self.retranslate_ui()
        self._update_nav_actions(None, None)  # nothing to go back to, print or find until an article opens
        # What start-up left for later runs from the event loop, once the first paint is on the screen.
        self.view.first_painted.connect(lambda: QTimer.singleShot(0, self._after_first_paint))

    # -- built when first needed --------------------------------------------------------------------

    @property
    def runner(self) -> TaskRunner:
        """Runs work off the GUI thread (imports, searches); the global thread pool unless a test gave one."""
        if self._runner is None:
            from reader.ui.tasks import TaskRunner

            self._runner = TaskRunner()
        return self._runner

    @property
    def reading(self) -> ReadingController:
        """Keeps the read marks of the articles and shows them in the trees."""
        if self._reading is None:
            from reader.ui.reading_controller import ReadingController

            self._reading = ReadingController(self)
            self.article_opened.connect(self._reading.article_shown)
        return self._reading

    @property
    def bookmarks(self) -> BookmarkController:
        """Keeps the star, the tree marks and the Bookmarks tab in step with the bookmarks file."""
        if self._bookmarks is None:
            from reader.ui.bookmark_controller import BookmarkController

            self._bookmarks = BookmarkController(self)
            panel = self.library.built_bookmarks_panel()
            if panel is not None:
                self._bookmarks.attach_panel(panel)
        return self._bookmarks

    @property
    def search(self) -> SearchController:
        """Runs the Search tab's requests (building the tab if it was not yet)."""
        if self._search is None:
            _ = self.library.search_panel  # building it creates the controller: _on_search_panel_built
        assert self._search is not None
        return self._search

    @property
    def find_bar(self) -> FindBar:
        """The find-in-article bar (Ctrl+F), under the article."""
        if self._find_bar is None:
            from reader.ui.find_bar import FindBar

            self._find_bar = FindBar(self.view, self)
            self._find_bar.hide()
            self._column.addWidget(self._find_bar)
        return self._find_bar

    def _on_bookmarks_panel_built(self, panel: BookmarksPanel) -> None:
        self.bookmarks.attach_panel(panel)

    def _on_search_panel_built(self, panel: SearchPanel) -> None:
        from reader.ui.search_controller import SearchController

        self._search = SearchController(self, panel)

    @property
    def started(self) -> bool:
        """Whether the window has painted and built what start-up left for after the first paint."""
        return self._painted

    def _watch_application(self) -> None:
        """Filter every event of the application: FileOpen (macOS), and the mouse's back and forward
        buttons anywhere in the window. Not before the first paint elsewhere: a Python filter on every
        event, and PySide wrapping each new kind of event for it, cost some 15 ms of a cold start."""
        if not self._watching_app:
            self._watching_app = True
            _app().installEventFilter(self)

    def _after_first_paint(self) -> None:
        """What start-up left for after the window showed its article: bookmarks, the tree's selection."""
        self._painted = True
        if self._starting:
            self._starting = False
            self.settings.save()  # what start() opened: the last store and the recent list
        launch.resume_collection()
        if not self.isVisible():  # closed meanwhile
            return
        self._watch_application()
        _ = self.bookmarks
        _ = self.reading
        uid = self.current_uid()
        if uid is not None and self.store is not None:
            self.library.reveal_article(uid)

    def retranslate_ui(self) -> None:
        self.view.setAccessibleName(self.tr("Article"))
        self.library.setAccessibleName(self.tr("Library"))
        self.actions_.retranslate_ui()
        self.library.retranslate_ui()
        if self._find_bar is not None:
            self._find_bar.retranslate_ui()
        self._update_title()

    def _connect(self) -> None:
        a = self.actions_
        a.open_store.triggered.connect(self.choose_store)
        a.import_pages.triggered.connect(self.choose_import)
        a.print_article.triggered.connect(self.print_current)
        a.export_pdf.triggered.connect(self.choose_pdf)
        a.quit.triggered.connect(self.close)
        a.back.triggered.connect(self.go_back)
        a.forward.triggered.connect(self.go_forward)
        a.previous_article.triggered.connect(lambda: self.step_article(-1))
        a.next_article.triggered.connect(lambda: self.step_article(1))
        # Through the properties, not bound methods: the find bar, the Search tab and the bookmarks are
        # built the first time one of their actions is used.
        for action, part, method in (
            (a.find, "find_bar", "open_bar"),
            (a.find_next, "find_bar", "find_next"),
            (a.find_previous, "find_bar", "find_previous"),
            (a.search, "search", "show_search"),
            (a.toggle_bookmark, "bookmarks", "toggle_current"),
            (a.import_bookmarks, "bookmarks", "choose_import"),
            (a.export_bookmarks, "bookmarks", "choose_export"),
            (a.export_bookmarks_html, "bookmarks", "choose_export_html"),
        ):
            action.triggered.connect(lambda _on=False, p=part, m=method: getattr(getattr(self, p), m)())
        a.zoom_in.triggered.connect(lambda: self.set_zoom(self.zoom + keys.ZOOM_STEP))
        a.zoom_out.triggered.connect(lambda: self.set_zoom(self.zoom - keys.ZOOM_STEP))
        a.zoom_reset.triggered.connect(lambda: self.set_zoom(keys.ZOOM.default))
        a.tree_font_larger.triggered.connect(lambda: self._step_tree_font(1))
        a.tree_font_smaller.triggered.connect(lambda: self._step_tree_font(-1))
        a.tree_font_reset.triggered.connect(lambda: self.set_tree_font(0))
        a.focus_library.triggered.connect(self._focus_library)
        a.show_sidebar.toggled.connect(self.set_sidebar_visible)
        a.full_screen.toggled.connect(self.set_full_screen)
        a.about.triggered.connect(self.show_about)
        a.open_data_folder.triggered.connect(self.open_data_folder)
        a.theme_group.triggered.connect(lambda action: self.set_theme(str(action.data())))
        a.language_group.triggered.connect(lambda action: self.set_language(str(action.data())))
        a.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.library.article_selected.connect(self.open_article)
        self.library.bookmarks_panel_built.connect(self._on_bookmarks_panel_built)
        self.library.search_panel_built.connect(self._on_search_panel_built)
        for view in (self.library.issue_view, self.library.category_view):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda point, v=view: self._show_tree_menu(v, point))
        self.view.link_activated.connect(self.follow_link)
        self.view.back_requested.connect(self.go_back)
        self.view.forward_requested.connect(self.go_forward)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    # -- settings -----------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.get(keys.GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        else:
            self.resize(1200, 800)
        splitter = s.get(keys.SPLITTER)
        if splitter:
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode("ascii")))
        self.library.set_current_tab_key(s.get(keys.TAB))
        self.actions_.show_sidebar.setChecked(s.get(keys.SIDEBAR))  # hides the sidebar when unchecked
        self.set_tree_font(s.get(keys.TREE_FONT_PT), save=False)
        self.view.set_zoom(self.zoom)
        self.set_theme(s.get(keys.THEME), save=False)
        language = s.get(keys.LANGUAGE)
        actions = self.actions_.language_actions
        actions.get(language, actions[translations.SYSTEM]).setChecked(True)

    def save_state(self) -> None:
        s = self.settings
        s.set(keys.GEOMETRY, bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        s.set(keys.SPLITTER, bytes(self.splitter.saveState().toBase64().data()).decode("ascii"))
        s.set(keys.TAB, self.library.current_tab_key())
        self._remember_position()
        s.save()

    def _remember_position(self) -> None:
        current = self.history.current
        if self.store is not None and current is not None and self.view.article is not None:
            block = self.view.reading_block()
            self.history.remember_block(block)
            self.settings.set_position(self.store.path, ReadingPosition(current.uid, block))

    @property
    def zoom(self) -> int:
        # Clamped here too: a hand-edited or damaged settings file must not lay the article out in
        # million-pixel type.
        return max(keys.ZOOM_MIN, min(keys.ZOOM_MAX, self.settings.get(keys.ZOOM)))

    def set_zoom(self, zoom: int) -> None:
        zoom = max(keys.ZOOM_MIN, min(keys.ZOOM_MAX, zoom))
        self.settings.set(keys.ZOOM, zoom)
        self.view.set_zoom(zoom)
        self.statusBar().showMessage(self.tr("Zoom %1%").replace("%1", str(zoom)), 1500)
        self.settings.save()

    def set_theme(self, name: str, *, save: bool = True) -> None:
        """Apply a theme by name, or SYSTEM to follow the system's light or dark scheme."""
        if name != SYSTEM and name not in THEMES:
            name = SYSTEM
        self.settings.set(keys.THEME, name)
        self.actions_.theme_actions[name].setChecked(True)
        self.apply_theme(resolve_theme(name))
        if save:
            self.settings.save()

    def set_language(self, name: str) -> None:
        """Show the interface in a language, or SYSTEM's; takes effect at once (see changeEvent)."""
        if name != translations.SYSTEM and name not in translations.LANGUAGES:
            name = translations.SYSTEM
        self.settings.set(keys.LANGUAGE, name)
        self.settings.save()
        self.actions_.language_actions[name].setChecked(True)
        if translations.install_language(name) != translations.resolve_language(name):
            self.statusBar().showMessage(self.tr("That language is not available; see the log"), 8000)

    def apply_theme(self, theme: Theme) -> None:
        """Show `theme` without remembering it (the screenshot command uses this)."""
        self.theme = theme
        palette = theme.palette()
        if self._manage_app_palette:
            QApplication.setPalette(palette)
        self.setPalette(palette)
        self.setStyleSheet(theme.window_stylesheet())
        self.view.set_theme(theme)

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self.settings.get(keys.THEME) == SYSTEM:
            self.apply_theme(resolve_theme(SYSTEM))

    def set_tree_font(self, points: int, *, save: bool = True) -> None:
        self.settings.set(keys.TREE_FONT_PT, max(0, min(40, points)))
        self.library.set_tree_font_size(self.settings.get(keys.TREE_FONT_PT))
        if save:
            self.settings.save()

    def _step_tree_font(self, step: int) -> None:
        current = self.settings.get(keys.TREE_FONT_PT) or self.library.font().pointSize()
        self.set_tree_font(max(6, current + step))

    # -- stores -------------------------------------------------------------------------------------

    def open_store(self, path: Path, *, uid: str | None = None, quiet: bool = False) -> bool:
        """Open a store and show the remembered (or given) article; on failure keep what was open, and
        say why (only in the log when `quiet`).

        A store made by an older version is brought up to date first, off the GUI thread (it can take
        minutes): True then means that it opens when that is done.
        """
        if any(u.path == path for u in self.upgrades):
            return True
        if needs_upgrade(path):
            self._upgrade_then_open(path, uid)
            return True
        try:
            store = ArticleStore.open(path)
        except StoreError as exc:
            self._cannot_open(str(exc), quiet)
            return False
        try:
            magazine = store.magazine()
            store.years()  # the trees' first level: a damaged row is refused here, with a message
            store.categories(None)
        except StoreError as exc:
            store.close()
            self._cannot_open(str(exc), quiet)
            return False
        self._remember_position()  # of the store being closed; saved with the new one just below
        if self.store is not None:
            self.store.close()
        self.store = store
        self._magazine_name = magazine.name
        self.history.clear()
        self.view.set_store(store)
        self.library.set_store(store)
        self.settings.remember_store(path)
        if not self._starting:  # at start-up, after the first paint: a write and an fsync
            self.settings.save()
        position = self.settings.position(path)
        block = 0
        if uid is None and position is not None and store.article_row(position.article) is not None:
            uid, block = position.article, position.block
        uid = uid if uid is not None and store.article_row(uid) is not None else default_article(store)
        self._show_store_status(magazine.name, magazine.article_count)
        if uid is not None:
            self.open_article(uid, block=block)
        else:
            self.view.show_message("<p>" + self.tr("This store has no articles yet.") + "</p>")
        self._update_title()
        self.store_opened.emit(str(path))
        return True

    def _cannot_open(self, reason: str, quiet: bool) -> None:
        if quiet:
            log.warning("cannot open store: %s", reason)
        else:
            self.show_error(self.tr("Cannot open store"), reason)

    def _upgrade_then_open(self, path: Path, uid: str | None) -> None:
        from reader.ui.store_upgrade import StoreUpgrade

        def done(upgraded: Path) -> None:
            self.upgrades = [u for u in self.upgrades if not u.task.done]
            self.statusBar().clearMessage()
            self.open_store(upgraded, uid=uid)

        def failed(message: str) -> None:
            self.upgrades = [u for u in self.upgrades if not u.task.done]
            self.statusBar().clearMessage()
            self.show_error(self.tr("Cannot open store"), message)
            if self.store is None:
                self._show_no_store()

        def cancelled() -> None:
            self.upgrades = [u for u in self.upgrades if not u.task.done]
            self.statusBar().showMessage(
                self.tr("Update of %1 cancelled; the store was left as it was.").replace("%1", path.name),
                8000,
            )
            if self.store is None:
                self._show_no_store()

        log.info("updating %s to the current store version", path)
        self.statusBar().showMessage(self.tr("Updating %1…").replace("%1", path.name))
        upgrade = StoreUpgrade(self.runner, self, path, done, failed, on_cancelled=cancelled)
        if not upgrade.task.done:
            self.upgrades.append(upgrade)

    def _show_store_status(self, name: str, article_count: int) -> None:
        self.status_label.setText(
            self.tr("%1 · articles: %2").replace("%1", name).replace("%2", str(article_count))
        )

    def _retranslate_content(self) -> None:
        """Texts made of translated words when they were shown: tree labels, the status line, the article."""
        if self.store is None:
            return
        uid, block = self.current_uid(), self.view.reading_block()
        try:
            magazine = self.store.magazine()
        except StoreError as exc:
            log.warning("cannot relabel the store: %s", exc)
            return
        self._show_store_status(magazine.name, magazine.article_count)
        self.library.set_store(self.store)
        if self._bookmarks is not None:
            self._bookmarks.refresh()
        if uid is not None:
            self.open_article(uid, block=block, record=False)

    def open_path(self, path: Path) -> None:
        """A store file opens; a folder of saved pages is imported first, then opened."""
        if path.is_dir():
            self.import_sources([path], imported_store_path(path))
        else:
            self.open_store(path)

    def import_sources(
        self, sources: list[Path], target: Path, *, show_dialog: bool = True
    ) -> ImportProgress:
        def done(store: Path, summary: Any) -> None:
            self.imports = [i for i in self.imports if i is not job]
            describe = getattr(summary, "describe", None)
            if callable(describe):
                self.statusBar().showMessage(str(describe()), 8000)
            if getattr(summary, "articles_total", 1) == 0 and not store.exists():
                self.show_error(self.tr("Nothing imported"), self.tr("No articles were found in the pages."))
                return
            self.open_store(store)

        def failed(message: str) -> None:
            self.imports = [i for i in self.imports if i is not job]
            self.show_error(self.tr("Import failed"), message)

        def cancelled() -> None:
            self.imports = [i for i in self.imports if i is not job]
            self.statusBar().showMessage(self.tr("Import cancelled"), 5000)

        from reader.ui.import_dialog import ImportProgress

        job = ImportProgress(
            self.runner, self, sources, target, done, failed, cancelled, show_dialog=show_dialog
        )
        if not job.task.done:
            self.imports.append(job)
        return job

    def start(self, path: Path | None) -> None:
        """What `reader` does: open `path`, else the last store at its last place, else the demo magazine."""
        self._starting = not self._painted
        if path is not None:
            self.open_path(path)
            return
        last = self.settings.get(keys.LAST_STORE)
        demo = paths.cache_dir() / DEMO_STORE_NAME
        if last and Path(last) != demo.resolve() and Path(last).is_file() and self.open_store(Path(last)):
            return
        self.open_demo()  # which opens the demo's store, or makes it (again)

    def open_demo(self) -> None:
        from reader.resources_access import resource

        target = paths.cache_dir() / DEMO_STORE_NAME
        if target.is_file():
            if self.open_store(target, quiet=True):
                return
            # The demo's store is the app's own copy in the cache (a disk error, an import killed on the
            # first run): made again from the shipped pages instead of failing at every start.
            log.warning("the demo magazine's store %s cannot be opened; importing it again", target)
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        site = resource("demo", "site")
        if site.is_dir():
            self.import_sources([Path(str(site))], target)
        else:
            self._show_no_store()

    def _show_no_store(self) -> None:
        self.view.show_message(
            "<p style='margin-top: 60px' align='center'>"
            + self.tr("Open a store with File › Open Store, or import saved pages with File › Import.")
            + "</p>"
        )

    def choose_store(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(self.store.path.parent) if self.store is not None else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Store"), start, self.tr("Magazine stores (*.magstore);;All files (*)")
        )
        if name:
            self.open_store(Path(name))

    def choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("Import Saved Pages"), str(Path.home()))
        if folder:
            self.import_sources([Path(folder)], imported_store_path(Path(folder)))

    # Printing, the image viewer, the import dialog and About are imported when first used: QtPrintSupport
    # and the dialogs are not needed to show the window, and start-up time is what the reader waits for.

    def print_current(self) -> None:
        from reader.ui.printing import print_article

        print_article(self.view, self)

    def show_about(self) -> None:
        from reader.ui.about import show_about

        show_about(self, self.store.magazine() if self.store else None)

    def choose_pdf(self) -> None:
        if self.view.article is None:
            return
        from PySide6.QtWidgets import QFileDialog

        # The title as a file name: no folder separators or characters Windows refuses.
        title = "".join(" " if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in self.view.article.title)
        suggested = str(Path.home() / f"{title.strip() or 'article'}.pdf")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export as PDF"), suggested, self.tr("PDF (*.pdf)")
        )
        if not name:
            return
        from reader.ui.printing import export_pdf

        try:
            saved = export_pdf(self.view, Path(name))
            reason = ""
        except OSError as exc:
            saved, reason = False, exc.strerror or str(exc)
        if saved:
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", name), 5000)
        else:
            message = self.tr("Could not write %1.").replace("%1", name)
            self.show_error(self.tr("Export as PDF"), f"{message} {reason}".strip())

    def _fill_recent_menu(self) -> None:
        menu = self.actions_.recent_menu
        menu.clear()
        recent = self.settings.recent_stores()
        stems = [store.stem for store in recent]
        for store in recent:
            # Two stores of the same name in different folders are told apart by their folder.
            text = store.stem if stems.count(store.stem) == 1 else f"{store.stem} ({store.parent.name})"
            action = menu.addAction(text.replace("&", "&&"))
            action.setToolTip(str(store))
            action.setEnabled(store.is_file())
            action.triggered.connect(lambda _checked=False, p=store: self.open_store(p))
        if not recent:
            menu.addAction(self.tr("No recent stores")).setEnabled(False)

    # -- articles and navigation --------------------------------------------------------------------

    def open_article(self, uid: str, *, block: int = 0, record: bool = True) -> bool:
        if self.store is None:
            return False
        if record:
            self._remember_position()
        try:
            article = self.store.article(uid)
            row = self.store.article_row(uid)
            before, after = self.store.neighbours(uid)
        except StoreError as exc:
            self.show_error(self.tr("Cannot show article"), str(exc))
            return False
        if article is None or row is None:
            self.statusBar().showMessage(self.tr("That article is not in this store"), 5000)
            return False
        page = ArticlePage(
            theme=self.theme,
            issue_id=row.issue_id,
            previous=self._neighbour(before),
            following=self._neighbour(after),
        )
        self.view.show_article(article, page, block)
        if record:
            self.history.visit(uid, block)
        if not self._starting:  # at start-up, after the first paint: expanding an issue reads its articles
            self.library.reveal_article(uid)
        self._update_nav_actions(before, after)
        self._update_title()
        self.article_opened.emit(uid)
        return True

    def _neighbour(self, uid: str | None) -> Neighbour | None:
        row = self.store.article_row(uid) if self.store is not None and uid else None
        return Neighbour(row.uid, row.title) if row is not None else None

    def _update_nav_actions(self, before: str | None, after: str | None) -> None:
        a = self.actions_
        a.back.setEnabled(self.history.can_go_back())
        a.forward.setEnabled(self.history.can_go_forward())
        a.previous_article.setEnabled(before is not None)
        a.next_article.setEnabled(after is not None)
        has_article = self.view.article is not None
        for action in (a.print_article, a.export_pdf, a.find):
            action.setEnabled(has_article)

    def _update_title(self) -> None:
        parts = []
        if self.view.article is not None:
            parts.append(self.view.article.title)
        if self.store is not None:
            parts.append(self._magazine_name)
        parts.append(self.tr("Magazine Reader"))
        self.setWindowTitle(" — ".join(parts))

    def current_uid(self) -> str | None:
        return self.view.article.uid if self.view.article is not None else None

    def go_back(self) -> None:
        self._go(self.history.back)

    def go_forward(self) -> None:
        self._go(self.history.forward)

    def _go(self, move: Any) -> None:
        self.history.remember_block(self.view.reading_block())
        entry = move()
        if entry is not None:
            self.open_article(entry.uid, block=entry.block, record=False)

    def step_article(self, step: int) -> None:
        uid = self.current_uid()
        if self.store is None or uid is None:
            return
        before, after = self.store.neighbours(uid)
        target = before if step < 0 else after
        if target is not None:
            self.open_article(target)

    def follow_link(self, url: QUrl) -> None:
        scheme = url.scheme()
        target = url.path()
        if scheme == ARTICLE_SCHEME:
            self.open_article(target)
        elif scheme == IMAGE_SCHEME:
            self.show_image(target)
        elif scheme == CATEGORY_SCHEME and self.view.article is not None and target.isdigit():
            self.library.select_category(self.view.article.category[: int(target) + 1])
        elif scheme == ISSUE_SCHEME and target.isdigit():
            self.library.select_issue(int(target))
        elif scheme in ("http", "https"):
            self.offer_external(url)
        else:
            log.info("ignored link %s", url.toString())

    def offer_external(self, url: QUrl) -> None:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Open in Browser?"),
            self.tr(
                "This article is not saved in the store. Open it on the web in your browser?\n\n%1"
            ).replace("%1", url.toString()),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(url)

    def show_image(self, sha: str) -> None:
        image = self.view.decoded_image(sha)
        if image is None:
            return
        article = self.view.article
        title = article.title if article is not None else ""
        figure = (
            next((f for f in article.figures() if f.image and f.image.sha256 == sha), None)
            if article
            else None
        )
        from reader.ui.article_html import credit_line
        from reader.ui.image_viewer import ImageViewerDialog

        dialog = ImageViewerDialog(
            image,
            title,
            self,
            caption=(figure.caption or figure.alt or "") if figure else "",
            credit=credit_line(figure.credit) if figure and figure.credit else "",
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.ensure(paths.data_dir()))))

    def set_sidebar_visible(self, visible: bool) -> None:
        """Show or hide the sidebar (the trees, bookmarks and search); the article takes the room."""
        self.library.setVisible(visible)
        self.settings.set(keys.SIDEBAR, visible)
        if self.actions_.show_sidebar.isChecked() != visible:
            self.actions_.show_sidebar.setChecked(visible)

    def set_full_screen(self, on: bool) -> None:
        """Full screen for reading, or back to the window as it was (maximised or not)."""
        state = self.windowState()
        wanted = state | Qt.WindowState.WindowFullScreen if on else state & ~Qt.WindowState.WindowFullScreen
        if wanted != state:
            self.setWindowState(wanted)

    def _show_tree_menu(self, view: QWidget, point: QPoint) -> None:
        """A tree's context menu: the bookmark of an article, and read marks of an article or an issue."""
        from PySide6.QtWidgets import QMenu, QTreeView

        if not isinstance(view, QTreeView):
            return
        index = view.indexAt(point)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.bookmarks.add_tree_actions(menu, index.data(Role.UID))
        if menu.actions():
            menu.addSeparator()
        self.reading.add_tree_actions(menu, index)
        if menu.actions():
            menu.popup(view.viewport().mapToGlobal(point))
        else:
            menu.deleteLater()

    def _focus_library(self) -> None:
        if not self.library.isVisible():
            self.set_sidebar_visible(True)
        widget = self.library.currentWidget()
        if widget is not None:
            widget.setFocus()

    def show_error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, title, text)

    # -- events -------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._retranslate_content()
        elif event.type() == QEvent.Type.WindowStateChange:
            # The window manager may leave full screen by itself: the menu follows.
            full = bool(self.windowState() & Qt.WindowState.WindowFullScreen)
            if self.actions_.full_screen.isChecked() != full:
                self.actions_.full_screen.setChecked(full)
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape leaves full screen, as in browsers and readers, once nothing inside wanted it (the find
        # bar closes first).
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.set_full_screen(False)
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # macOS hands a double-clicked or dropped-on-the-Dock store to the application, not to argv.
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.open_path(Path(event.file()))
            return True
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(watched, QWidget)
            and isinstance(event, QMouseEvent)
            and watched.window() is self
        ):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.open_path(Path(urls[0].toLocalFile()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self._runner is not None:
            self._runner.cancel_all()
        _app().removeEventFilter(self)
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)
