"""Paints a search hit: its title, then a few wrapped lines of snippet with the hits marked."""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.search_model import SearchRole
from reader.ui.themes import load_theme

ModelIndex = QModelIndex | QPersistentModelIndex

SNIPPET_LINES = 3
PADDING = 6
LINE_GAP = 3
SAMPLE = "中文Ag"  # a line's height is the tallest font's that draws it: Chinese often comes from a fallback


def line_height(font: QFont) -> float:
    """The height of one laid-out line of mixed Chinese and Latin text in `font`."""
    layout = QTextLayout(SAMPLE, font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return line.height()


def mark_colour(palette: QPalette) -> QColor:
    """The background of a hit: the article view's find colour for a light or a dark palette."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return load_theme("dark" if dark else "light").colour("find")


def snippet_layout(
    text: str, highlights: tuple[tuple[int, int], ...], font: QFont, width: float, mark: QTextCharFormat
) -> QTextLayout:
    """`text` wrapped to `width` in at most SNIPPET_LINES lines, cut with "…" when it runs longer."""
    layout = _laid_out(text, highlights, font, width, mark)
    lines = layout.lineCount()
    if lines:
        last = layout.lineAt(lines - 1)
        cut = last.textStart() + last.textLength()
        if cut < len(text):
            shorter = text[: max(0, cut - 1)].rstrip() + "…"
            layout = _laid_out(shorter, highlights, font, width, mark)
    return layout


def _laid_out(
    text: str, highlights: tuple[tuple[int, int], ...], font: QFont, width: float, mark: QTextCharFormat
) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    ranges = []
    for start, stop in highlights:
        end = min(stop, len(text))
        if start < end:
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = start, end - start, mark
            ranges.append(span)
    layout.setFormats(ranges)
    layout.beginLayout()
    y = 0.0
    for _ in range(SNIPPET_LINES):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


class SearchHitDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._line_heights: dict[str, float] = {}

    def _line_height(self, font: QFont) -> float:
        key = font.key()
        if key not in self._line_heights:
            self._line_heights[key] = line_height(font)
        return self._line_heights[key]

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        title_font = QFont(option.font)
        title_font.setBold(True)
        lines = self._line_height(title_font) + SNIPPET_LINES * self._line_height(option.font)
        return QSize(size.width(), 2 * PADDING + LINE_GAP + math.ceil(lines))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(
            4, PADDING, -6, -PADDING
        )
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        title_font = QFont(opt.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title_height = math.ceil(self._line_height(title_font))
        title_rect = rect.adjusted(0, 0, 0, 0)
        title_rect.setHeight(title_height)
        elided = painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(title_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)

        mark = QTextCharFormat()
        if selected:
            mark.setFontUnderline(True)
        else:
            mark.setBackground(mark_colour(palette))
            mark.setForeground(text_colour)
        mark.setFontWeight(QFont.Weight.Bold)
        snippet = str(index.data(SearchRole.SNIPPET) or "")
        highlights = index.data(SearchRole.HIGHLIGHTS) or ()
        layout = snippet_layout(snippet, tuple(highlights), opt.font, rect.width(), mark)
        quiet = text_colour if selected else palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(quiet)
        layout.draw(painter, QPointF(rect.left(), rect.top() + title_height + LINE_GAP))
        if not selected:  # a hairline between hits, so the titles start the rows
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()
