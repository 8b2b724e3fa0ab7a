"""Interface languages: which one to show, where its compiled .qm comes from, and Qt's translators.

The Qt Linguist sources (`resources/translations/reader_<lang>.ts`) are the only committed form. A
frozen build ships `.qm` files that `packaging/build.py` compiled beside them; a pip install or a source
checkout compiles the `.ts` with PySide6's `lrelease` on first use into the cache folder, keyed by the
source's content hash. Without `lrelease` the window stays in English and says why in the log.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reader import paths
from reader.resources_access import resource

log = logging.getLogger("reader.ui.translations")

SYSTEM = "system"
SOURCE_LANGUAGE = "en"
# Each language by its own name: a reader who cannot read the current language can still find theirs.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
CATALOGUE = "reader"
QT_CATALOGUE = "qtbase"  # Qt's own strings: dialog buttons, context menus, file dialogs
LRELEASE_TIMEOUT_S = 60

_installed: list[QTranslator] = []


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show for a setting: itself when we have it, else the system's first one we have.

    Any Chinese system locale gets Simplified Chinese: the magazines are Chinese, and a reader of
    Traditional Chinese is better served by it than by English.
    """
    if setting in LANGUAGES:
        return setting
    locale = system if system is not None else QLocale.system()
    for name in [*locale.uiLanguages(), locale.name()]:
        code = name.replace("-", "_").lower()
        if code.startswith("zh"):
            return "zh_CN"
        if code.startswith("en"):
            return "en"
    return SOURCE_LANGUAGE


def lrelease_program() -> str | None:
    """PySide6's own lrelease (every PySide6 wheel has it), else one on PATH."""
    import shutil

    import PySide6

    bundled = Path(PySide6.__file__).resolve().parent / (
        "lrelease.exe" if sys.platform == "win32" else "lrelease"
    )
    if bundled.is_file():
        return str(bundled)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_ts(source: Path, target: Path) -> bool:
    """Compile a .ts into a .qm with lrelease, atomically; False (and a log line) when that fails."""
    import subprocess  # here, not at the top: start-up in English never needs it

    program = lrelease_program()
    if program is None:
        log.warning("lrelease is not available: cannot compile %s", source.name)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        done = subprocess.run(
            [program, "-silent", str(source), "-qm", str(partial)],
            capture_output=True,
            text=True,
            timeout=LRELEASE_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0 or not partial.is_file():
            log.warning("lrelease failed on %s: %s", source.name, (done.stderr or done.stdout).strip())
            return False
        os.replace(partial, target)
        return True
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot run lrelease on %s: %s", source.name, exc)
        return False
    finally:
        partial.unlink(missing_ok=True)


def cache_folder() -> Path:
    return paths.cache_dir() / "translations"


def compiled_catalogue(language: str) -> Path | None:
    """The .qm for `language`: the one a build shipped, else one compiled from the .ts into the cache."""
    source_node = resource("translations", f"{CATALOGUE}_{language}.ts")
    shipped_node = resource("translations", f"{CATALOGUE}_{language}.qm")
    source = Path(str(source_node)) if source_node.is_file() else None
    shipped = Path(str(shipped_node)) if shipped_node.is_file() else None
    if shipped is not None and (source is None or shipped.stat().st_mtime >= source.stat().st_mtime):
        return shipped
    if source is None:
        log.warning("no translation source for %s", language)
        return None
    import hashlib

    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    cached = cache_folder() / f"{CATALOGUE}_{language}-{digest}.qm"
    if cached.is_file():
        return cached
    if not compile_ts(source, cached):
        return None
    for stale in cached.parent.glob(f"{CATALOGUE}_{language}-*.qm"):
        if stale != cached:
            stale.unlink(missing_ok=True)
    return cached


def qt_translation_folders() -> list[Path]:
    """Where Qt's own catalogues may be: Qt's configured folder, else PySide6's (frozen builds)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    configured = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [Path(configured)] if configured else []
    candidates += [package / "Qt" / "translations", package / "translations"]
    return [folder for folder in candidates if folder.is_dir()]


def _load(translator: QTranslator, language: str) -> bool:
    compiled = compiled_catalogue(language)
    if compiled is None:
        return False
    if translator.load(str(compiled)):
        return True
    if compiled.parent != cache_folder():
        return False
    # A compiled catalogue in the cache that Qt cannot read (damaged on disk): compiled again once,
    # rather than leaving the interface in English for good.
    log.warning("cannot read %s; compiling it again", compiled)
    compiled.unlink(missing_ok=True)
    compiled = compiled_catalogue(language)
    return compiled is not None and translator.load(str(compiled))


def install_language(setting: str) -> str:
    """Show the interface in `setting` (a language code or SYSTEM); returns the language now shown.

    Installing and removing translators sends every widget a LanguageChange event; widgets with a
    `retranslate_ui()` call it from their changeEvent, so the switch takes effect at once.
    """
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs the application"
    language = resolve_language(setting)
    while _installed:
        app.removeTranslator(_installed.pop())
    QLocale.setDefault(QLocale.system() if setting == SYSTEM else QLocale(language))
    if language == SOURCE_LANGUAGE:
        return language
    ours = QTranslator(app)
    if not _load(ours, language):
        log.warning("the %s translation is unavailable; the interface stays in English", language)
        return SOURCE_LANGUAGE
    qt_strings = QTranslator(app)
    if any(qt_strings.load(QLocale(language), QT_CATALOGUE, "_", str(f)) for f in qt_translation_folders()):
        app.installTranslator(qt_strings)
        _installed.append(qt_strings)
    else:
        log.info("Qt's own %s strings are not installed; dialog buttons stay in English", language)
    app.installTranslator(ours)
    _installed.append(ours)
    return language


def remove_translations() -> None:
    """Back to the source language and the system's locale, as before the first install_language()."""
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())
