"""The article as rendered: header, byline, figures and placeholders, and that only magimg: is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot
from ui_store_fixtures import ISSUE_1, article, image

from reader.domain.article import Article, Figure, Link, Paragraph, Quote
from reader.store.reader import ArticleStore
from reader.store.writer import ImageData, StoreWriter
from reader.ui.article_html import ArticlePage
from reader.ui.article_view import ArticleView
from reader.ui.main_window import MainWindow
from reader.ui.themes import load_theme


def view_of(
    art: Article, images: list[ImageData], qtbot: QtBot, tmp_path: Path, request: pytest.FixtureRequest
) -> ArticleView:
    """An article view (900 x 600, light theme) showing `art` from a store of its own."""
    path = tmp_path / f"{art.uid}.magstore"
    with StoreWriter(path) as writer:
        writer.put_article(art, images, content_hash=art.uid, sort_key="1")
    store = ArticleStore.open(path)
    request.addfinalizer(store.close)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.set_store(store)
    shown = store.article(art.uid)
    assert shown is not None
    view.show_article(shown, ArticlePage(theme=load_theme("light")))
    return view


def blocks_text(window: MainWindow) -> list[str]:
    document = window.view.document()
    out = []
    block = document.begin()
    while block.isValid():
        if block.text().strip():
            out.append(block.text().strip())
        block = block.next()
    return out


def test_article_shows_title_subtitle_byline_with_cjk_reading_time(window: MainWindow) -> None:
    window.open_article("a1")
    texts = blocks_text(window)
    assert "老街的早晨" in texts
    assert "一条街的四十年" in texts
    byline = next(t for t in texts if t.startswith("李明"))
    assert "《城市画报》" in byline and "2016-01-05" in byline and "1 min read" in byline
    assert texts[0].startswith("人物 › 访谈")  # breadcrumb, then the issue label
    assert "2016年第1期" in texts[0]
    assert "在城市飞速变化的今天，一条老街和它的居民守住了什么？" in texts
    document = window.view.document()
    summary = document.findBlock(window.view.toPlainText().index("在城市飞速变化的今天"))
    assert summary.blockFormat().alignment() & Qt.AlignmentFlag.AlignJustify  # set like the body


def test_caption_and_credit_follow_their_image(window: MainWindow) -> None:
    window.open_article("a1")
    texts = blocks_text(window)
    image_at = next(i for i, t in enumerate(texts) if t == "\ufffc")  # the image's object character
    assert texts[image_at + 1 : image_at + 3] == ["清晨的老街", "图/ 李强"]
    html = window.view.toHtml()
    assert "magimg:" in html


def test_missing_and_undecodable_images_show_placeholders(window: MainWindow) -> None:
    window.open_article("a1")
    text = window.view.toPlainText()
    assert "Image not saved" in text
    assert "images/gone.jpg" in text
    assert "已经拆除的牌坊" in text
    assert "Image cannot be shown (damaged file)" in text
    assert "损坏的图片" in text


def test_image_is_scaled_to_the_column_without_upscaling(
    qtbot: QtBot, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    big_ref, big = image(1000, 200, seed=2)
    small_ref, small = image(120, 80, seed=3)
    art = article("x", "图", ISSUE_1, (), blocks=(Figure(big_ref), Figure(small_ref)))
    view = view_of(art, [big, small], qtbot, tmp_path, request)
    html = view.toHtml()
    column = view.page.column_px
    assert column < 1000
    assert f'width="{column}"' in html and f'height="{round(200 * column / 1000)}"' in html
    assert 'width="120"' in html and 'height="80"' in html


def test_page_markup_in_text_is_shown_as_text_not_obeyed(window: MainWindow) -> None:
    window.open_article("a1")
    assert "<img" not in window.view.toPlainText()
    hostile = article("h", '<b>粗</b><img src="file:///etc/passwd">', ISSUE_1, ())
    from reader.ui.article_html import build_article_html

    html = build_article_html(hostile, ArticlePage(theme=load_theme("light")))
    assert "<b>粗</b>" not in html and "&lt;b&gt;粗&lt;/b&gt;" in html
    assert 'src="file:' not in html


class SpyingView(ArticleView):
    """Records every resource the document asks for."""

    requested: list[str]

    def loadResource(self, type: int, name: QUrl | str) -> object:
        self.requested.append(QUrl(name).toString())
        return super().loadResource(type, name)


def test_only_store_images_are_ever_requested(
    qtbot: QtBot, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    good_ref, good = image(50, 30, seed=4)
    local = tmp_path / "secret.png"
    local.write_bytes(good.data)
    hostile_refs = [
        f"file://{local}",
        "secret.png",
        "../secret.png",
        "http://example.com/tracker.png",
        str(local),
    ]
    blocks: list[object] = [Figure(good_ref, caption="好", src="file:///etc/passwd")]
    for ref in hostile_refs:
        blocks.append(Figure(None, alt=ref, caption=f'<img src="{ref}">', src=ref))
        blocks.append(Paragraph(f'看图 <img src="{ref}"> <a href="{ref}">链接</a>'))
        blocks.append(Quote(f"<img src='{ref}'/>"))
    art = article(
        "h",
        f'<img src="{hostile_refs[0]}">',
        ISSUE_1,
        (),
        blocks=tuple(blocks),
        summary=f'<img src="{hostile_refs[1]}">',
        related=tuple(Link(None, f'<img src="{r}">', r) for r in hostile_refs),
        prev=Link(None, "前", "../secret.png"),
    )
    path = tmp_path / "hostile.magstore"
    with StoreWriter(path) as writer:
        writer.put_article(art, [good], content_hash="h", sort_key="1")
    store = ArticleStore.open(path)
    request.addfinalizer(store.close)
    view = SpyingView()
    view.requested = []
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.set_store(store)
    view.show_article(store.article("h"), ArticlePage(theme=load_theme("light")))  # type: ignore[arg-type]
    view.document().documentLayout().documentSize()
    view.grab()  # paint: every image in the document is loaded now
    assert view.requested, "the stored image was not requested"
    assert all(url.startswith("magimg:") for url in view.requested), view.requested
    assert view.refused_resources == []
    # Asked directly for a local file, the document gets nothing: QTextDocument's own disk fallback is shut.
    for ref in hostile_refs:
        found = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(ref))
        assert found is None or (isinstance(found, QByteArray) and found.isEmpty()), ref
    anchors = [href for href in _anchors(view.document()) if href]
    assert all(a.startswith(("magimg:", "magart:", "magcat:", "magissue:", "http")) for a in anchors), anchors
    assert view.openLinks() is False and view.openExternalLinks() is False


def _anchors(document: QTextDocument) -> list[str]:
    out = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                out.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return out


def test_reading_position_is_a_block_that_survives_resizing(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(700, 400)
    window.open_article("a1", block=12)
    assert window.view.first_visible_block() == 12
    window.resize(1000, 500)
    qtbot.wait(120)  # the view re-renders once resizing settles
    assert window.view.first_visible_block() == 12
    window.resize(600, 900)
    qtbot.wait(120)
    assert window.view.first_visible_block() == 12


def test_a_bare_photographer_name_is_credited_the_magazine_way() -> None:
    from reader.ui.article_html import credit_line

    assert credit_line("周明远") == "图/ 周明远"
    assert credit_line("图/ 李强") == "图/ 李强"
    assert credit_line("记者 王喆 摄") == "记者 王喆 摄"


def test_the_column_is_centred_in_what_the_scroll_bar_leaves(qtbot: QtBot, window: MainWindow) -> None:
    """The margins are worked out without asking PySide for the viewport (see ArticleView._viewport_width):
    they must still centre the column in the viewport, with and without a vertical scroll bar."""
    with qtbot.waitExposed(window):
        window.show()
    seen_bar = set()
    for width, height, uid in ((1500, 500, "a1"), (700, 400, "a1"), (1500, 1000, "a3"), (640, 1000, "a3")):
        window.resize(width, height)
        window.open_article(uid)
        qtbot.wait(120)  # a resize re-renders once it settles
        view = window.view
        seen_bar.add(view.verticalScrollBar().isVisible())
        frame = view.document().rootFrame().frameFormat()
        left, right = frame.leftMargin(), frame.rightMargin()
        visible = view.viewport().width()
        assert left == right
        column = visible - left - right
        assert abs(column - view.page.column_px) <= 1 or left == 28  # or the narrow window's padding
        assert abs(visible - column - 2 * left) <= 1
    assert seen_bar == {True, False}


@given(st.text())
def test_article_html_escapes_text_as_the_html_module_does(text: str) -> None:
    import html

    from reader.ui.article_html import esc

    assert esc(text) == html.escape(text, quote=True)


@pytest.mark.parametrize("zoom", [100, 150])
def test_body_lines_are_spaced_one_point_eight_times_the_text_size(qtbot: QtBot, zoom: int) -> None:
    """ "Line height 1.8" in the CSS sense: 1.8 times the font size. Qt reads a percentage as a share of
    the font's own line height, which for CJK fonts (Noto CJK: 1.45 em) gave 2.6 em, double-spaced."""
    from PySide6.QtGui import QFontMetricsF

    from reader.ui.article_html import article_css, build_article_html, sizes_for_zoom

    long_text = "城市的清晨从一碗热面开始，街角的面馆已经排起了长队。" * 12
    art = article("x", "行距", ISSUE_1, (), blocks=(Paragraph(long_text),))
    page = ArticlePage(theme=load_theme("light"), zoom=zoom)
    document = QTextDocument()
    document.setDefaultStyleSheet(article_css(page))  # as the view and printing set it
    document.setHtml(build_article_html(art, page))
    document.setTextWidth(600)
    document.documentLayout().documentSize()  # lays the document out
    block = document.findBlock(document.toPlainText().index(long_text[:10]))
    layout = block.layout()
    assert layout.lineCount() >= 4
    pitches = {round(layout.lineAt(i + 1).y() - layout.lineAt(i).y(), 1) for i in range(3)}
    body_px = sizes_for_zoom(zoom)["body_px"]
    assert len(pitches) == 1
    (pitch,) = pitches
    assert 1.7 * body_px <= pitch <= 1.9 * body_px
    # Each line still holds the font's whole height, whatever the font's metrics.
    font_height = QFontMetricsF(block.charFormat().font()).height()
    assert pitch >= font_height or font_height > 1.9 * body_px


def test_title_and_headings_are_larger_than_the_body_at_every_zoom(
    qtbot: QtBot, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Qt sets <h1>-<h6> in fixed sizes of its own, whatever the style sheet says: the title and the
    subheadings must follow the body's size when the reader zooms, and stay above it."""
    from PySide6.QtGui import QFontInfo

    from reader.domain.article import Heading

    art = article(
        "h", "标题", ISSUE_1, (), blocks=(Heading("一、小标题"), Paragraph("正文。"), Heading("二级以下", 3))
    )
    view = view_of(art, [], qtbot, tmp_path, request)

    def size_of(text: str) -> int:
        block = view.document().findBlock(view.toPlainText().index(text))
        return QFontInfo(block.begin().fragment().charFormat().font()).pixelSize()

    sizes = {}
    for zoom in (100, 150):
        view.set_zoom(zoom)
        sizes[zoom] = {
            name: size_of(text)
            for name, text in (
                ("title", "标题"),
                ("h2", "一、小标题"),
                ("h3", "二级以下"),
                ("body", "正文。"),
            )
        }
        body = sizes[zoom]["body"]
        assert sizes[zoom]["title"] >= 1.5 * body
        assert sizes[zoom]["h2"] >= 1.2 * body
        assert sizes[zoom]["h3"] > body
    for name in ("title", "h2", "h3", "body"):
        assert sizes[150][name] >= 1.4 * sizes[100][name], name
