"""A dialog showing one image: fit to the window or 100%, zoom with the wheel and with keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25
MIN_SCALE, MAX_SCALE = 0.05, 16.0


class ZoomableImageView(QGraphicsView):
    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem(QPixmap.fromImage(image))
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.fitting = True

    def scale_factor(self) -> float:
        return self.transform().m11()

    def set_scale(self, factor: float) -> None:
        factor = max(MIN_SCALE, min(MAX_SCALE, factor))
        # Image pixels are device pixels: 100% means one image pixel per screen pixel.
        ratio = self.devicePixelRatioF() or 1.0
        self.resetTransform()
        self.scale(factor / ratio, factor / ratio)
        self._factor = factor

    def zoom_by(self, step: float) -> None:
        self.fitting = False
        self.set_scale(getattr(self, "_factor", 1.0) * step)

    def actual_size(self) -> None:
        self.fitting = False
        self.set_scale(1.0)

    def fit(self) -> None:
        self.fitting = True
        self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
        self._factor = self.transform().m11() * (self.devicePixelRatioF() or 1.0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
        event.accept()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fitting:
            self.fit()


class ImageViewerDialog(QDialog):
    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Image"))
        self.view = ZoomableImageView(image, self)
        self.view.setAccessibleName(self.tr("Image"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.fit_button = QPushButton(self.tr("&Fit"), self)
        self.actual_button = QPushButton(self.tr("&100%"), self)
        self.fit_button.setAccessibleName(self.tr("Fit to window"))
        self.actual_button.setAccessibleName(self.tr("Actual size"))
        buttons.addButton(self.fit_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.actual_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.fit_button.clicked.connect(self.view.fit)
        self.actual_button.clicked.connect(self.view.actual_size)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom_by(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom_by(1 / ZOOM_STEP)),
            (QKeySequence("+"), lambda: self.view.zoom_by(ZOOM_STEP)),
            (QKeySequence("-"), lambda: self.view.zoom_by(1 / ZOOM_STEP)),
            (QKeySequence("0"), self.view.fit),
            (QKeySequence("Ctrl+0"), self.view.fit),
            (QKeySequence("1"), self.view.actual_size),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        screen = self.screen().availableGeometry()
        self.resize(
            min(image.width() + 60, int(screen.width() * 0.8)),
            min(image.height() + 100, int(screen.height() * 0.8)),
        )
