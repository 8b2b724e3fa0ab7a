"""Start the Qt application: the reading window, and offscreen screenshots of it."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("reader.ui.launch")

IMAGE_ALLOCATION_LIMIT_MB = 256
RESUME_COLLECTION_MS = 5000

# Start-up makes tens of thousands of objects that live as long as the window (PySide makes a Python
# enum class for each Qt enum the first time a Qt class is used; our modules; the widgets' wrappers).
# The cyclic collector would walk them again and again for nothing, some 30 ms of a cold start, so it
# is paused from here, the module every start-up path imports first, until the window has painted.
_PAUSED_HERE = gc.isenabled()
gc.disable()


def resume_collection() -> None:
    """Turn the cyclic collector back on once start-up is over (the window calls this after its first
    paint); a no-op when it was not running before it was paused here."""
    if _PAUSED_HERE:
        gc.enable()


def _application() -> object:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImageReader
    from PySide6.QtWidgets import QApplication

    from reader.ui.themes import SANS_FAMILIES
    from reader.ui.window_actions import icon

    if QApplication.instance() is None:
        # Fractional scales (125 %, 150 %) as they are: icons are SVG and images are drawn at the
        # device pixel ratio, so nothing needs rounding to whole pixels. Only settable before the app.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Magazine Reader")
    app.setOrganizationName("MagazineReader")
    app.setDesktopFileName("io.github.magazinereader.Reader")
    # Fusion honours our palettes on every platform, so the three themes look the same everywhere.
    app.setStyle("Fusion")
    app.setWindowIcon(icon("app"))
    font = app.font()
    font.setFamilies([f for f in SANS_FAMILIES if f != "sans-serif"])
    app.setFont(font)
    # A crafted image in a saved page must not exhaust memory when decoded.
    QImageReader.setAllocationLimit(IMAGE_ALLOCATION_LIMIT_MB)
    return app


def run_window(path: Path | None) -> int:
    """The window, on `path` or the last store.

    A second `reader` started while one runs opens its own window beside the first rather than handing
    the store over: that would need a local socket (QtNetwork), which the app leaves out on purpose.
    Two windows are safe together: stores are opened read-only, and bookmarks and settings are written
    atomically, each write merging with what is on disk.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader.ui import settings as keys
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import WindowSettings
    from reader.ui.translations import install_language

    app = _application()
    assert isinstance(app, QApplication)
    settings = WindowSettings()
    install_language(settings.get(keys.LANGUAGE))
    window = MainWindow(settings, manage_app_palette=True)
    window.show()
    window.start(path)
    # The window turns the collector back on after its first paint; should that paint never come (a
    # window started minimised on some platforms), start-up is over anyway after a few seconds.
    QTimer.singleShot(RESUME_COLLECTION_MS, resume_collection)
    return app.exec()


def _needs_offscreen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    on_x11_or_wayland = sys.platform not in ("win32", "darwin")
    return on_x11_or_wayland and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def take_screenshot(
    store: Path | None, output: Path, *, article: str | None, theme: str, size: tuple[int, int]
) -> int:
    """Render the window with `article` of `store` (default: the demo magazine) to a PNG; 0 on success."""
    if _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from reader import paths
    from reader.store.errors import StoreError
    from reader.store.reader import ArticleStore
    from reader.ui import settings as keys
    from reader.ui.main_window import DEMO_STORE_NAME, MainWindow
    from reader.ui.settings import WindowSettings
    from reader.ui.tasks import SynchronousPool, TaskRunner
    from reader.ui.themes import load_theme
    from reader.ui.translations import install_language, remove_translations

    app = _application()
    assert isinstance(app, QApplication)
    if store is None:
        store = paths.cache_dir() / DEMO_STORE_NAME
        if not store.is_file():
            error = _import_demo(store)
            if error:
                sys.stderr.write(f"reader: {error}\n")
                return 1
    try:
        with ArticleStore.open(store) as probe:
            probe.years()  # the trees' first level: a damaged row fails here, not inside Qt's loop
            probe.categories(None)
            if article is not None and probe.article_row(article) is None:
                sys.stderr.write(f"reader: no article with uid {article} in {store}\n")
                return 1
    except StoreError as exc:
        sys.stderr.write(f"reader: {exc}\n")
        return 1
    settings = WindowSettings(read_only=True)
    install_language(settings.get(keys.LANGUAGE))
    try:
        window = MainWindow(settings, TaskRunner(SynchronousPool()), manage_app_palette=True)
        window.apply_theme(load_theme(theme))
        window.resize(*size)
        window.show()
        app.processEvents()
        if not window.open_store(store, uid=article):
            return 1
        for _ in range(3):
            app.processEvents()
        output.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(output))
        window.close()
    finally:
        remove_translations()  # the screenshot may run inside a longer-lived application (the tests)
    if not ok:
        sys.stderr.write(f"reader: cannot write {output}\n")
        return 1
    return 0


def _import_demo(target: Path) -> str | None:
    from reader.resources_access import resource

    site = resource("demo", "site")
    if not site.is_dir():
        return "the demo magazine is not installed; name a store to take a screenshot of"
    try:
        from reader.ingest.pipeline import import_sources

        target.parent.mkdir(parents=True, exist_ok=True)
        import_sources([Path(str(site))], target)
    except Exception as exc:
        return f"cannot import the demo magazine: {exc}"
    return None
