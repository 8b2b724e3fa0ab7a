"""Clicking a photo opens it in a zoomable viewer with its caption and credit."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.image_viewer import ImageViewerDialog
from reader.ui.main_window import MainWindow


def click_first_image(qtbot: QtBot, window: MainWindow) -> None:
    """Click the middle of the article's first image, where a reader would."""
    view = window.view
    document = view.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isImageFormat():
                image = fragment.charFormat().toImageFormat()
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                left = view.cursorRect(cursor)
                point = QPoint(left.x() + int(image.width() / 2), left.bottom() - int(image.height() / 2))
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            fragments += 1
        block = block.next()
    raise AssertionError("no image in the article")


def open_viewer(qtbot: QtBot, window: MainWindow) -> ImageViewerDialog:
    with qtbot.waitExposed(window):
        window.show()
    window.open_article("a1")
    click_first_image(qtbot, window)
    dialog = window.findChild(ImageViewerDialog)
    assert dialog is not None, "clicking the image opened no viewer"
    qtbot.waitUntil(dialog.isVisible)
    QApplication.processEvents()
    return dialog


def test_the_viewer_shows_the_photo_with_its_caption_and_credit(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_viewer(qtbot, window)
    assert dialog.caption.isVisible()
    assert dialog.caption.text() == "清晨的老街\n图/ 李强"
    assert dialog.windowTitle() == "清晨的老街"
    assert dialog.view.item.pixmap().size().toTuple() == (96, 64)


def test_fit_never_enlarges_a_small_photo(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_viewer(qtbot, window)
    assert dialog.view.viewport().width() > 96  # room to enlarge it: fit must not
    assert dialog.view.scale_factor() == 1.0
    assert dialog.zoom_label.text() == "100%"


def test_keys_and_buttons_zoom_and_the_zoom_is_shown(qtbot: QtBot) -> None:
    dialog = ImageViewerDialog(solid_image(400, 300), "图")
    qtbot.addWidget(dialog)
    dialog.resize(800, 600)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    assert dialog.view.scale_factor() == 1.0
    qtbot.keyClick(dialog, Qt.Key.Key_Plus)
    assert dialog.view.scale_factor() == 1.25
    assert dialog.zoom_label.text() == "125%"
    qtbot.keyClick(dialog, Qt.Key.Key_Minus)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus)
    assert dialog.view.scale_factor() == 0.8
    assert dialog.zoom_label.text() == "80%"
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert dialog.view.scale_factor() == 1.0
    dialog.view.zoom_by(3)
    qtbot.mouseClick(dialog.fit_button, Qt.MouseButton.LeftButton)
    assert dialog.view.scale_factor() == 1.0  # fits at 100%: the window is larger than the image


def solid_image(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    return image


def test_fit_shrinks_a_large_photo_into_the_window(qtbot: QtBot) -> None:
    image = solid_image(3000, 2000)
    dialog = ImageViewerDialog(image, "大图")
    qtbot.addWidget(dialog)
    dialog.resize(800, 600)
    with qtbot.waitExposed(dialog):
        dialog.show()
    factor = dialog.view.scale_factor()
    assert 0.1 < factor < 0.3
    shown = image.width() * factor / (dialog.view.devicePixelRatioF() or 1.0)
    assert shown <= dialog.view.viewport().width() + 1
    assert not dialog.caption.isVisible()  # nothing to say under it
    assert dialog.windowTitle() == "大图"
