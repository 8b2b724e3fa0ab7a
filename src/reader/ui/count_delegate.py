"""Paints a tree row as its label with the article count right-aligned in a quieter colour (and a
read article's title in that colour too)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.bookmark_marks import BOOKMARKED_ROLE, READ_ROLE
from reader.ui.lazy_tree import Role

COUNT_GAP = 10


class CountDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        label = opt.text
        opt.text = ""
        # A bookmark's star goes at the right, where a group's count is, so titles stay aligned.
        mark = QIcon(opt.icon) if index.data(BOOKMARKED_ROLE) else None
        if mark is not None:
            opt.icon = QIcon()
            opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        count = index.data(Role.COUNT)
        count_text = str(count) if count is not None else ""
        metrics = opt.fontMetrics
        count_width = metrics.horizontalAdvance(count_text) + COUNT_GAP if count_text else 0
        if mark is not None:
            side = min(opt.decorationSize.height(), rect.height())
            mark_rect = QRect(rect.right() - side - 2, rect.center().y() - side // 2, side, side)
            mark.paint(painter, mark_rect)
            count_width += side + COUNT_GAP // 2
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        painter.save()
        painter.setFont(opt.font)
        text_rect = rect.adjusted(2, 0, -count_width, 0)
        if selected:
            pen = palette.color(QPalette.ColorRole.HighlightedText)
        elif index.data(READ_ROLE):  # read: quieter, like the counts
            pen = palette.color(QPalette.ColorRole.PlaceholderText)
        else:
            pen = palette.color(QPalette.ColorRole.Text)
        painter.setPen(pen)
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, max(0, text_rect.width()))
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), elided)
        if count_text:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                rect.adjusted(0, 0, -4, 0),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                count_text,
            )
        painter.restore()
