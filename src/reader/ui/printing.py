"""Print the open article, or export it as PDF, in print colours (the light theme) with its images."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from reader.atomic import atomic_path
from reader.ui.article_html import article_css, build_article_html, image_url, sizes_for_zoom
from reader.ui.article_view import ArticleView
from reader.ui.themes import load_theme

# The article's sizes are CSS pixels; on paper a pixel is 1/96 inch, as CSS defines it. Qt's own
# QTextDocument.print_ takes pixel sizes as the printer's dots instead (1/1200 inch at high resolution),
# which printed the body text about 1 pt tall.
CSS_DPI = 96
# The body at 80% of the screen's size: 14 px, 10.5 pt on paper, the size of Chinese book text (五号).
PRINT_ZOOM = 80
PAGE_MARGINS_MM = QMarginsF(20, 18, 20, 18)


def build_print_document(view: ArticleView, column_px: int) -> QTextDocument | None:
    """A self-contained document of the open article for a page `column_px` CSS pixels wide: light
    colours, the print size, images added as resources."""
    article = view.article
    if article is None:
        return None
    page = replace(view.page, theme=load_theme("light"), zoom=PRINT_ZOOM, column_px=column_px)
    document = QTextDocument()
    document.setDefaultStyleSheet(article_css(page))
    for sha, size in (page.images or {}).items():
        image = view.decoded_image(sha)
        if image is not None and size is not None:
            width = min(size[0], column_px)
            document.addResource(
                QTextDocument.ResourceType.ImageResource.value, QUrl(image_url(sha, width)), image
            )
    document.setHtml(build_article_html(article, page))
    document.setDocumentMargin(0)
    return document


def _prepare(printer: QPrinter) -> None:
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, PAGE_MARGINS_MM
    )
    printer.setPageLayout(layout)


def _printable_css_px(printer: QPrinter) -> QSizeF:
    """The printer's printable area (inside the page margins) in CSS pixels."""
    area = printer.pageLayout().paintRect(QPageLayout.Unit.Inch)
    return QSizeF(area.width() * CSS_DPI, area.height() * CSS_DPI)


def _paint_pages(view: ArticleView, printer: QPrinter) -> bool:
    """Lay the article out in pages of the printable area, in CSS pixels, and paint each page scaled to
    the printer's resolution, with its number under it. False when nothing could be painted."""
    area = _printable_css_px(printer)
    footer = 2 * sizes_for_zoom(PRINT_ZOOM)["small_px"]
    page = QSizeF(area.width(), area.height() - footer)
    document = build_print_document(view, int(page.width()))
    if document is None:
        return False
    document.setPageSize(page)  # paginated: a line is never cut by a page's edge
    pages = document.pageCount()
    scale = printer.resolution() / CSS_DPI
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        font = painter.font()
        font.setPixelSize(sizes_for_zoom(PRINT_ZOOM)["small_px"])
        for number in range(pages):
            if number and not printer.newPage():
                return False
            painter.save()
            painter.scale(scale, scale)
            painter.save()
            painter.translate(0, -number * page.height())
            document.drawContents(painter, QRectF(0, number * page.height(), page.width(), page.height()))
            painter.restore()
            painter.setFont(font)
            painter.drawText(
                QRectF(0, page.height(), page.width(), footer),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                f"{number + 1} / {pages}",
            )
            painter.restore()
    finally:
        painter.end()
    return True


class _UnpaintedError(Exception):
    """Nothing could be painted: the export keeps whatever was at its target."""


def export_pdf(view: ArticleView, path: Path) -> bool:
    """Write the open article to `path` as PDF; the file appears whole or not at all (an existing one
    is replaced only by a complete export)."""
    if view.article is None:
        return False
    try:
        with atomic_path(path) as temporary:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(temporary))
            _prepare(printer)
            printer.setDocName(view.article.title)
            if not _paint_pages(view, printer) or temporary.stat().st_size == 0:
                raise _UnpaintedError
    except _UnpaintedError:
        return False
    return True


def print_article(view: ArticleView, parent: QWidget) -> bool:
    if view.article is None:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _prepare(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print Article"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    return _paint_pages(view, printer)
