"""Interface languages: the committed catalogue is complete, switching is live, Qt's strings follow."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader.ui import settings as keys
from reader.ui import translations
from reader.ui.main_window import MainWindow
from reader.ui.settings import WindowSettings
from reader.ui.window_actions import plain_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    """packaging/translations.py, the script CI and translators run."""
    name = "packaging_translations"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / "translations.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up by name
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    translations.remove_translations()


def test_every_ui_string_has_a_current_chinese_translation(tool: ModuleType) -> None:
    """The CI check: a new, changed or untranslated string fails here until the .ts is updated."""
    if tool.qt_tool("lupdate") is None:
        pytest.skip("lupdate is not installed (it comes with PySide6-Essentials)")
    assert tool.check("zh_CN") == []


def test_check_reports_a_string_missing_from_the_catalogue(tool: ModuleType, tmp_path: Path) -> None:
    if tool.qt_tool("lupdate") is None:
        pytest.skip("lupdate is not installed (it comes with PySide6-Essentials)")
    ui = tmp_path / "src" / "reader" / "ui"
    ui.mkdir(parents=True)
    (tmp_path / "src" / "reader" / "app.py").write_text("")
    (ui / "panel.py").write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "QCoreApplication.translate('Panel', 'Open')\n"
        "QCoreApplication.translate('Panel', 'Close')\n"
    )
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    (folder / "reader_zh_CN.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">\n'
        "<context><name>Panel</name><message><source>Open</source>"
        '<translation type="unfinished"></translation></message></context>\n</TS>\n',
        encoding="utf-8",
    )
    problems = tool.check("zh_CN", folder, tmp_path)
    assert any("new string Panel: 'Close'" in p for p in problems)
    assert any("'Open': translation is unfinished" in p for p in problems)


def test_check_reports_a_translation_that_drops_a_placeholder(tool: ModuleType) -> None:
    message = tool.Message("Ctx", "Saved %1", False, ("已保存",), "")
    assert "placeholders" in message.problem()
    assert tool.Message("Ctx", "%n min read", True, ("%n 分钟",), "").problem() is None


@pytest.mark.parametrize(
    ("setting", "system", "shown"),
    [
        ("system", "zh_CN", "zh_CN"),
        ("system", "zh_TW", "zh_CN"),
        ("system", "en_GB", "en"),
        ("system", "fr_FR", "en"),
        ("en", "zh_CN", "en"),
        ("zh_CN", "en_US", "zh_CN"),
        ("klingon", "en_US", "en"),
    ],
)
def test_language_follows_the_system_unless_chosen(setting: str, system: str, shown: str) -> None:
    assert translations.resolve_language(setting, QLocale(system)) == shown


def test_switching_to_chinese_retranslates_the_window_at_once(
    qtbot: QtBot, window: MainWindow, store_path: Path
) -> None:
    actions = window.actions_
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: actions.file_menu.title() == "文件(&F)")
    assert actions.view_menu.title() == "查看(&V)"
    assert actions.bookmarks_menu.title() == "书签(&B)"
    assert actions.open_store.text() == "打开文章库(&O)…"
    assert actions.open_store.toolTip().startswith("打开文章库")
    assert window.library.tabText(0) == "期刊"
    assert window.windowTitle().endswith("杂志阅读器")
    assert "文章：" in window.status_label.text()
    assert actions.language_actions["zh_CN"].isChecked()
    assert WindowSettings().get(keys.LANGUAGE) == "zh_CN"

    window.set_language("en")
    qtbot.waitUntil(lambda: actions.file_menu.title() == "&File")
    assert window.library.tabText(0) == "Issues"
    assert window.store is not None and window.store.path == store_path


def test_qt_own_dialog_buttons_are_translated_too(qtbot: QtBot) -> None:
    assert translations.install_language("zh_CN") == "zh_CN"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_language_menu_names_each_language_in_itself(window: MainWindow) -> None:
    texts = {name: action.text() for name, action in window.actions_.language_actions.items()}
    assert texts == {"system": "Follow &System", "en": "English", "zh_CN": "简体中文"}
    assert window.actions_.language_menu.menuAction() in window.actions_.view_menu.actions()


def test_without_lrelease_the_interface_stays_english(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(translations, "lrelease_program", lambda: None)
    assert translations.install_language("zh_CN") == "en"
    assert QCoreApplication.translate("WindowActions", "&File") == "&File"
    assert "lrelease is not available" in caplog.text


def test_compiled_catalogue_is_reused_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    first = translations.compiled_catalogue("zh_CN")
    assert first is not None and first.is_file()

    def no_second_compile(source: Path, target: Path) -> bool:
        raise AssertionError("compiled twice")

    monkeypatch.setattr(translations, "compile_ts", no_second_compile)
    assert translations.compiled_catalogue("zh_CN") == first


def test_mnemonics_and_ellipses_leave_tooltips() -> None:
    assert plain_text("&Open Store…") == "Open Store"
    assert plain_text("打开文章库(&O)…") == "打开文章库"
    assert plain_text("Save && Quit") == "Save & Quit"


def test_a_store_opened_from_the_file_manager_opens_in_the_window(
    qtbot: QtBot, store_path: Path, message_boxes: object
) -> None:
    """macOS sends a double-clicked or dropped-on-the-Dock file as a FileOpen event to the application."""
    window = MainWindow(WindowSettings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.started)  # off macOS, the window listens once it has painted
    app = QCoreApplication.instance()
    assert app is not None
    QCoreApplication.sendEvent(app, QFileOpenEvent(str(store_path)))
    assert window.store is not None and window.store.path == store_path


def test_a_damaged_catalogue_in_the_cache_is_compiled_again(qtbot: QtBot) -> None:
    cached = translations.compiled_catalogue("zh_CN")
    assert cached is not None and cached.parent == translations.cache_folder()
    cached.write_bytes(b"\x00not a catalogue")
    try:
        assert translations.install_language("zh_CN") == "zh_CN"
        assert QCoreApplication.translate("WindowActions", "&Quit") != "&Quit"
    finally:
        translations.remove_translations()
    assert cached.read_bytes() != b"\x00not a catalogue"
