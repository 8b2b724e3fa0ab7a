"""Fixtures for the window's tests: a handmade store, a window on it, message boxes that never block."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from pytestqt.qtbot import QtBot
from ui_store_fixtures import make_store

from reader.ui.main_window import MainWindow
from reader.ui.settings import WindowSettings
from reader.ui.tasks import SynchronousPool, TaskRunner


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return make_store(tmp_path / "city.magstore")


@pytest.fixture
def message_boxes() -> Iterator[dict[str, mock.MagicMock]]:
    """QMessageBox's static dialogs replaced by mocks, so a test sees what would be shown."""
    from PySide6.QtWidgets import QMessageBox

    with (
        mock.patch.object(QMessageBox, "warning", return_value=QMessageBox.StandardButton.Ok) as warning,
        mock.patch.object(
            QMessageBox, "question", return_value=QMessageBox.StandardButton.Cancel
        ) as question,
        mock.patch.object(QMessageBox, "about") as about,
    ):
        yield {"warning": warning, "question": question, "about": about}


def new_window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(WindowSettings(), TaskRunner(SynchronousPool()))
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    return window


@pytest.fixture
def window(qtbot: QtBot, store_path: Path, message_boxes: dict[str, mock.MagicMock]) -> MainWindow:
    win = new_window(qtbot)
    assert win.open_store(store_path)
    return win
