"""A dialog showing one image with its caption: fit to the window or 100%, zoom with the wheel and keys."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25
MIN_SCALE, MAX_SCALE = 0.05, 16.0


class ZoomableImageView(QGraphicsView):
    """The image at a scale where 1.0 is one image pixel per device pixel; emits `zoomed(scale)`."""

    zoomed = Signal(float)

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
        self._factor = 1.0

    def scale_factor(self) -> float:
        """The zoom: 1.0 is 100%, one image pixel per device pixel."""
        return self._factor

    def set_scale(self, factor: float) -> None:
        factor = max(MIN_SCALE, min(MAX_SCALE, factor))
        # Image pixels are device pixels: 100% means one image pixel per screen pixel.
        ratio = self.devicePixelRatioF() or 1.0
        self.resetTransform()
        self.scale(factor / ratio, factor / ratio)
        self._factor = factor
        self.zoomed.emit(factor)

    def zoom_by(self, step: float) -> None:
        self.fitting = False
        self.set_scale(self._factor * step)

    def actual_size(self) -> None:
        self.fitting = False
        self.set_scale(1.0)

    def fit(self) -> None:
        """The whole image in the window, shrunk if need be but never enlarged past 100%: a small
        photo blown up to the window only shows its pixels."""
        self.fitting = True
        rect = self.item.boundingRect()
        view = self.viewport().size()
        if rect.isEmpty() or view.isEmpty():
            return
        ratio = self.devicePixelRatioF() or 1.0
        fits = min(view.width() / rect.width(), view.height() / rect.height()) * ratio
        self.set_scale(min(1.0, fits))
        self.centerOn(self.item)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
        event.accept()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fitting:
            self.fit()


class ImageViewerDialog(QDialog):
    """One of the article's images, with its caption and credit under it and the zoom beside the buttons."""

    def __init__(
        self,
        image: QImage,
        title: str,
        parent: QWidget | None = None,
        *,
        caption: str = "",
        credit: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(caption or title or self.tr("Image"))
        self.view = ZoomableImageView(image, self)
        self.view.setAccessibleName(self.tr("Image"))
        self.view.setAccessibleDescription(caption)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setText("\n".join(part for part in (caption, credit) if part))
        self.caption.setVisible(bool(caption or credit))
        self.zoom_label = QLabel(self)
        self.zoom_label.setAccessibleName(self.tr("Zoom"))
        self.view.zoomed.connect(lambda factor: self.zoom_label.setText(f"{factor:.0%}"))
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
        layout.addWidget(self.caption)
        bottom = QHBoxLayout()
        bottom.addWidget(self.zoom_label)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
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
        extra = 140 if caption or credit else 100
        self.resize(
            min(max(image.width() + 60, 480), int(screen.width() * 0.8)),
            min(image.height() + extra, int(screen.height() * 0.8)),
        )
