"""The article: a QTextBrowser that loads nothing but the store's images and follows no link by itself.

Images come only through the `magimg:` scheme (loadResource serves them from the store, scaled for the
screen's device pixel ratio); every other resource request is refused and logged. An image's size is read
from its header when the article is laid out; its pixels are decoded when it is first drawn, so opening
an article decodes only the figures in view. Links are never opened
by Qt: `link_activated` hands each click to the window, which decides.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QBuffer, QByteArray, QPoint, QSize, Qt, QTimer, QUrl, QUrlQuery, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QMouseEvent,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.domain.article import Article
from reader.store.reader import ArticleStore
from reader.ui.article_html import (
    IMAGE_SCHEME,
    ArticlePage,
    article_css,
    build_article_html,
    column_width_px,
)
from reader.ui.themes import Theme, load_theme

log = logging.getLogger("reader.ui.article_view")

SIDE_PADDING = 28
TOP_PADDING = 36
MAX_DECODED = 64


class ArticleView(QTextBrowser):
    link_activated = Signal(QUrl)
    back_requested = Signal()
    forward_requested = Signal()
    first_painted = Signal()  # once, when the view has painted for the first time

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.anchorClicked.connect(self.link_activated)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._store: ArticleStore | None = None
        self._article: Article | None = None
        self._page = ArticlePage(theme=load_theme("light"))
        self._sizes: dict[str, tuple[int, int] | None] = {}  # by sha256, from the header; None: unusable
        self._undecoded: dict[str, bytes] = {}  # stored bytes whose size is known, not decoded yet
        self._decoded: dict[str, QImage | None] = {}  # by sha256; None: stored bytes that do not decode
        self._placeholder_pending = False
        # Smooth scaling costs milliseconds per figure; magazines reuse pictures and readers go back.
        self._scaled: dict[tuple[str, int, float], QImage] = {}
        self._absent: set[str] = set()  # sha256s the store does not have
        self._rendered_column = 0
        self._matches: list[QTextCursor] = []
        self._match_at = -1
        self.refused_resources: list[str] = []
        self._anchor_block = 0  # the block at the top, kept across resizes
        self._rerender_timer = QTimer(self)
        self._rerender_timer.setSingleShot(True)
        self._rerender_timer.setInterval(80)
        self._rerender_timer.timeout.connect(lambda: self._render(self._anchor_block))
        self._relayout = False
        self._painted = False
        self.verticalScrollBar().valueChanged.connect(self._track_anchor)

    # -- what is shown ------------------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def page(self) -> ArticlePage:
        return self._page

    @property
    def is_rendering(self) -> bool:
        """True while an article is being laid out: the scroll bar moves for the layout, not the reader."""
        return self._relayout

    def set_store(self, store: ArticleStore | None) -> None:
        self._store = store
        self._forget_images()
        self._absent.clear()
        self._article = None
        self.clear()

    def set_theme(self, theme: Theme) -> None:
        self._page = replace(self._page, theme=theme)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, theme.colour("base"))
        palette.setColor(QPalette.ColorRole.Text, theme.colour("text"))
        palette.setColor(QPalette.ColorRole.Link, theme.colour("link"))
        self.setPalette(palette)
        self._rerender_keeping_place()

    def set_zoom(self, zoom: int) -> None:
        self._page = replace(self._page, zoom=zoom)
        self._rerender_keeping_place()

    def show_article(self, article: Article, page: ArticlePage, block: int = 0) -> None:
        """Show `article` (its issue id and neighbours in `page`; theme and zoom are kept) at `block`."""
        self._article = article
        self._page = replace(page, theme=self._page.theme, zoom=self._page.zoom)
        self._render(block)

    def show_message(self, html_text: str) -> None:
        self._article = None
        self.setHtml(html_text)
        self._apply_margins()

    def _render(self, block: int = 0) -> None:
        if self._article is None:
            return
        self._rerender_timer.stop()  # this render is for the current width
        self._relayout = True
        try:
            self._clear_find()
            column = self._column_px()
            images = self._image_sizes(self._article)
            self._page = replace(self._page, column_px=column, images=images)
            document = self.document()
            document.setDefaultStyleSheet(article_css(self._page))
            if document.defaultFont() != self.font():  # setting it lays the old text out again
                document.setDefaultFont(self.font())
            self._set_html_keeping_scrollbar(build_article_html(self._article, self._page))
            self._rendered_column = column
            self._apply_margins()
            self.scroll_to_block(block)
        finally:
            self._relayout = False
        self._anchor_block = block

    def _set_html_keeping_scrollbar(self, text: str) -> None:
        """setHtml without the scroll bar hiding for the emptied document and showing again for the new one.

        Each of those toggles resizes the viewport, and QTextEdit lays the whole document out again on
        every resize: two extra layouts per article opened.
        """
        bar = self.verticalScrollBar()
        if not bar.isVisible():
            self.setHtml(text)
            return
        policy = self.verticalScrollBarPolicy()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        try:
            self.setHtml(text)
        finally:
            self.setVerticalScrollBarPolicy(policy)

    def _rerender_keeping_place(self) -> None:
        if self._article is not None:
            self._render(self._anchor_block)

    def _forget_images(self) -> None:
        self._sizes.clear()
        self._undecoded.clear()
        self._decoded.clear()
        self._scaled.clear()

    def _image_sizes(self, article: Article) -> dict[str, tuple[int, int] | None]:
        """Sizes of the article's stored images; None for bytes that cannot be shown."""
        if len(self._sizes) > MAX_DECODED:
            self._forget_images()
        if len(self._scaled) > MAX_DECODED:
            self._scaled.clear()
        sizes: dict[str, tuple[int, int] | None] = {}
        for figure in article.figures():
            if figure.image is None:
                continue
            sha = figure.image.sha256
            if sha not in self._sizes and sha not in self._absent:
                self._probe_image(sha)
            if sha in self._sizes:
                sizes[sha] = self._sizes[sha] if self._decoded.get(sha, True) is not None else None
        return sizes

    def _probe_image(self, sha: str) -> None:
        """Read an image's size from its header, refusing what could not be decoded within the limit."""
        stored = self._store.image(sha) if self._store is not None else None
        if stored is None:
            self._absent.add(sha)
            return
        buffer = QBuffer()
        buffer.setData(QByteArray(stored.data))
        reader = QImageReader(buffer)
        size = reader.size() if reader.canRead() else QSize()
        limit_bytes = QImageReader.allocationLimit() * 1024 * 1024
        if size.isEmpty() or (limit_bytes and size.width() * size.height() * 4 > limit_bytes):
            log.info("image %s cannot be shown (size %s)", sha, size)
            self._sizes[sha] = None
            self._decoded[sha] = None
            return
        self._sizes[sha] = (size.width(), size.height())
        self._undecoded[sha] = stored.data

    def decoded_image(self, sha: str) -> QImage | None:
        """The image's pixels, decoded now if they were not yet; None when it is not stored or damaged."""
        if sha in self._decoded:
            return self._decoded[sha]
        data = self._undecoded.pop(sha, None)
        if data is None:
            return None
        image = QImage.fromData(data)
        if image.isNull():
            # The header was good but the rest is not (a truncated file): show the placeholder instead.
            log.info("image %s does not decode", sha)
            self._decoded[sha] = None
            if not self._placeholder_pending:
                self._placeholder_pending = True
                QTimer.singleShot(0, self._show_placeholders)
            return None
        self._decoded[sha] = image
        return image

    def _show_placeholders(self) -> None:
        self._placeholder_pending = False
        self._rerender_keeping_place()

    # -- layout: a centred column -------------------------------------------------------------------

    def _column_px(self) -> int:
        available = self._viewport_width() - 2 * SIDE_PADDING
        return max(200, min(column_width_px(self._page.zoom), available))

    def _apply_margins(self) -> None:
        column = self._column_px()
        side = max(SIDE_PADDING, (self._viewport_width() - column) // 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(TOP_PADDING)
        fmt.setBottomMargin(TOP_PADDING * 2)
        root.setFrameFormat(fmt)

    def _track_anchor(self) -> None:
        """Remember the reader's place as they scroll, but not while a resize or render moves the text."""
        if not self._relayout and not self._rerender_timer.isActive():
            self._anchor_block = self.first_visible_block()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _viewport_width(self) -> int:
        """What viewport().width() gives, without asking for the viewport: PySide's first viewport()
        call looks the plain QWidget up among every widget class it knows, creating their enums (some
        15 ms of a cold start)."""
        width = self.maximumViewportSize().width()
        bar = self.verticalScrollBar()
        if bar.isVisibleTo(self):
            width -= bar.sizeHint().width()
        return width

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._relayout = True
        try:
            super().resizeEvent(event)
            self._apply_margins()
        finally:
            self._relayout = False
        if self._article is not None and self._column_px() != self._rendered_column:
            self._rerender_timer.start()  # images are sized to the column: re-render once resizing settles
        else:
            self.scroll_to_block(self._anchor_block)

    def sizeHint(self) -> QSize:
        return QSize(column_width_px(self._page.zoom) + 2 * SIDE_PADDING, 600)

    # -- reading position ---------------------------------------------------------------------------

    def first_visible_block(self) -> int:
        """The number of the block at the top of the viewport: a position that survives resizes and zoom."""
        if self._article is None:
            return 0
        document = self.document()
        layout = document.documentLayout()
        top = self.verticalScrollBar().value() + 1
        block = document.begin()
        while block.isValid():
            if layout.blockBoundingRect(block).bottom() > top:
                return block.blockNumber()
            block = block.next()
        return 0

    def reading_block(self) -> int:
        """The reader's place: the block at the top, as it was before any resize still being settled."""
        return self._anchor_block if self._article is not None else 0

    def scroll_to_block(self, number: int) -> None:
        document = self.document()
        number = min(max(0, number), document.blockCount())  # a remembered place may be anything
        block = document.findBlockByNumber(number)
        layout = document.documentLayout()
        layout.documentSize()  # lays the whole document out, so the scroll range is right
        if not block.isValid() or number <= 0:
            self.verticalScrollBar().setValue(0)
            return
        top = layout.blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(int(top))

    # -- resources: the store's images only ---------------------------------------------------------

    def loadResource(self, type: int, name: QUrl | str) -> object:
        url = QUrl(name)
        if type == QTextDocument.ResourceType.ImageResource.value and url.scheme() == IMAGE_SCHEME:
            image = self._scaled_image(url)
            if image is not None:
                return image
        else:
            self.refused_resources.append(url.toString())
            log.warning("refused to load resource %s", url.toString())
        # Not None: given nothing, QTextDocument would read file: and relative names from disk itself.
        return QByteArray()

    def _scaled_image(self, name: QUrl) -> QImage | None:
        image = self.decoded_image(name.path())
        if image is None:
            return None
        width_text = QUrlQuery(name).queryItemValue("w")
        width = int(width_text) if width_text.isdigit() else image.width()
        ratio = self.devicePixelRatioF()
        key = (name.path(), width, ratio)
        cached = self._scaled.get(key)
        if cached is not None:
            return cached
        pixels = min(image.width(), max(1, round(width * ratio)))
        if pixels != image.width():
            image = image.scaledToWidth(pixels, Qt.TransformationMode.SmoothTransformation)
        image = QImage(image)
        image.setDevicePixelRatio(image.width() / width if width else 1.0)
        self._scaled[key] = image
        return image

    # -- input --------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.BackButton:
            self.back_requested.emit()
            event.accept()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.forward_requested.emit()
            event.accept()
        else:
            super().mousePressEvent(event)

    # -- find in the article ------------------------------------------------------------------------

    def find_all(self, text: str) -> int:
        """Highlight every match of `text`, select the first one below the view's top; return the count."""
        self._matches = []
        self._match_at = -1
        if text:
            document = self.document()
            cursor = document.find(text, 0)
            while not cursor.isNull():
                self._matches.append(cursor)
                cursor = document.find(text, cursor)
        if self._matches:
            top = self.cursorForPosition(QPoint(0, 0)).position()
            self._match_at = next((i for i, c in enumerate(self._matches) if c.position() >= top), 0)
        self._paint_matches()
        return len(self._matches)

    def find_step(self, backward: bool = False) -> int:
        """Go to the next (or previous) match, wrapping; return its 1-based number, 0 without matches."""
        if not self._matches:
            return 0
        self._match_at = (self._match_at + (-1 if backward else 1)) % len(self._matches)
        self._paint_matches()
        return self._match_at + 1

    def highlight_matches(self, cursors: list[QTextCursor]) -> int:
        """Mark `cursors` (a library search's hits) as find matches and scroll the first into view."""
        self._matches = list(cursors)
        self._match_at = 0 if self._matches else -1
        self._paint_matches()
        return len(self._matches)

    @property
    def match_count(self) -> int:
        return len(self._matches)

    def _paint_matches(self) -> None:
        theme = self._page.theme
        selections = []
        for i, cursor in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(theme.colour("find_current" if i == self._match_at else "find"))
            fmt.setForeground(QColor(theme.colour("text")))
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)
        if 0 <= self._match_at < len(self._matches):
            cursor = QTextCursor(self._matches[self._match_at])
            cursor.clearSelection()
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def _clear_find(self) -> None:
        self._matches = []
        self._match_at = -1
        self.setExtraSelections([])
