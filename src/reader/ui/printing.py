"""Print the open article, or export it as PDF, in print colours (the light theme) with its images."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from reader.ui.article_html import article_css, build_article_html, image_url
from reader.ui.article_view import ArticleView
from reader.ui.themes import load_theme

PRINT_COLUMN_PX = 640


def build_print_document(view: ArticleView) -> QTextDocument | None:
    """A self-contained document of the open article: light colours, images added as resources."""
    article = view.article
    if article is None:
        return None
    page = replace(view.page, theme=load_theme("light"), zoom=100, column_px=PRINT_COLUMN_PX)
    document = QTextDocument()
    document.setDefaultStyleSheet(article_css(page))
    for sha, size in (page.images or {}).items():
        image = view.decoded_image(sha)
        if image is not None and size is not None:
            width = min(size[0], PRINT_COLUMN_PX)
            document.addResource(
                QTextDocument.ResourceType.ImageResource.value, QUrl(image_url(sha, width)), image
            )
    document.setHtml(build_article_html(article, page))
    document.setDocumentMargin(0)
    return document


def _prepare(printer: QPrinter) -> None:
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(20, 18, 20, 18)
    )
    printer.setPageLayout(layout)


def export_pdf(view: ArticleView, path: Path) -> bool:
    document = build_print_document(view)
    if document is None:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    _prepare(printer)
    if view.article is not None:
        printer.setDocName(view.article.title)
    document.print_(printer)
    return path.exists()


def print_article(view: ArticleView, parent: QWidget) -> bool:
    document = build_print_document(view)
    if document is None:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _prepare(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print Article"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    document.print_(printer)
    return True
