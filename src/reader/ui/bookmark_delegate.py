"""Paints a bookmark as its title over a quieter line (note or section), and edits the note in place."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.ui.bookmarks_model import BookmarkRole

ModelIndex = QModelIndex | QPersistentModelIndex

LINE_GAP = 2
COUNT_GAP = 10


class BookmarkDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(BookmarkRole.UID) is None:
            return size
        line = option.fontMetrics.height()
        return QSize(size.width(), max(size.height(), 2 * line + LINE_GAP + 6))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        label = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(2, 0, -4, 0)
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        quiet_colour = text_colour if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = opt.fontMetrics
        left_middle = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.save()
        painter.setFont(opt.font)
        if index.data(BookmarkRole.UID) is None:
            count = index.data(BookmarkRole.COUNT)
            count_text = str(count) if count is not None else ""
            count_width = metrics.horizontalAdvance(count_text) + COUNT_GAP if count_text else 0
            painter.setPen(text_colour)
            elided = metrics.elidedText(
                label, Qt.TextElideMode.ElideRight, max(0, rect.width() - count_width)
            )
            painter.drawText(rect, int(left_middle), elided)
            if count_text:
                painter.setPen(quiet_colour)
                painter.drawText(
                    rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), count_text
                )
            painter.restore()
            return
        missing = bool(index.data(BookmarkRole.MISSING))
        line = metrics.height()
        top = rect.top() + max(0, (rect.height() - 2 * line - LINE_GAP) // 2)
        title_rect = rect.adjusted(0, top - rect.top(), 0, 0)
        title_rect.setHeight(line)
        details_rect = title_rect.translated(0, line + LINE_GAP)
        title_font = QFont(opt.font)
        title_font.setItalic(missing)
        painter.setFont(title_font)
        painter.setPen(quiet_colour if missing else text_colour)
        painter.drawText(
            title_rect, int(left_middle), metrics.elidedText(label, Qt.TextElideMode.ElideRight, rect.width())
        )
        details = str(index.data(BookmarkRole.DETAILS) or "")
        painter.setFont(opt.font)
        painter.setPen(quiet_colour)
        painter.drawText(
            details_rect,
            int(left_middle),
            metrics.elidedText(details, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()

    # -- editing the note ---------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("bookmarkNoteEditor")
        editor.setPlaceholderText(self.tr("Note"))
        editor.setAccessibleName(self.tr("Bookmark note"))
        editor.setFrame(True)
        return editor

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        # The editor covers the second line, where the note is shown, and leaves the title readable.
        rect = option.rect
        height = min(rect.height(), editor.sizeHint().height())
        editor.setGeometry(rect.left(), rect.bottom() - height + 1, rect.width(), height)
