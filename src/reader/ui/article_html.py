"""Turn an Article's blocks into the HTML the article view shows: our own markup, every text escaped.

Nothing from the saved page is passed through: images are referred to only as `magimg:<sha256>` (served
from the store by the view), links only as `magart:<uid>`, `magcat:<depth>`, `magissue:<id>` or an
http(s) address the view asks about before opening. No other reference can reach the document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication

from reader.domain.article import (
    Article,
    Block,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Table,
    reading_minutes,
)
from reader.ui.themes import Theme

IMAGE_SCHEME = "magimg"
ARTICLE_SCHEME = "magart"
CATEGORY_SCHEME = "magcat"
ISSUE_SCHEME = "magissue"

BASE_BODY_PX = 18
COLUMN_EMS = 40

# Decoded image sizes by sha256; None for bytes that do not decode. A sha256 absent here is not stored.
ImageSizes = Mapping[str, "tuple[int, int] | None"]


class Neighbour(NamedTuple):
    uid: str
    title: str


def esc(text: str | None) -> str:
    """What html.escape(text, quote=True) gives (the html module costs 2 ms of a cold start)."""
    if not text:
        return ""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def sizes_for_zoom(zoom: int) -> dict[str, int]:
    """Pixel sizes for the article's CSS at a zoom in percent."""
    body = max(8, round(BASE_BODY_PX * zoom / 100))
    sizes = {
        "body_px": body,
        "indent_px": 2 * body,  # two characters: the Chinese first-line indent
        "h1_px": round(body * 1.6),
        "h2_px": round(body * 1.25),
        "h3_px": round(body * 1.1),
        "summary_px": round(body * 0.95),
        "small_px": round(body * 0.8),
        "tiny_px": round(body * 0.7),
        "para_gap_px": round(body * 0.55),
        "gap_px": round(body * 1.3),
        "half_gap_px": round(body * 0.5),
        "summary_gap_px": round(body * 0.9),
    }
    # Line heights in pixels, as CSS means them: a multiple of the text's size. Qt reads a percentage as
    # a share of the font's own line height, which CJK fonts make tall (Noto CJK: 1.45 em), so 180% set
    # the body 2.6 em apart. A pixel value is a minimum for Qt: a line with a larger glyph still grows.
    for key, size, factor in _LINE_HEIGHTS:
        sizes[key] = round(sizes[size] * factor)
    return sizes


# (CSS key, the size it multiplies, factor): the body at 1.8 for long Chinese reading, headings tighter.
_LINE_HEIGHTS = (
    ("line_px", "body_px", 1.8),
    ("list_line_px", "body_px", 1.7),
    ("h1_line_px", "h1_px", 1.35),
    ("h2_line_px", "h2_px", 1.5),
    ("h3_line_px", "h3_px", 1.5),
    ("summary_line_px", "summary_px", 1.75),
    ("small_line_px", "small_px", 1.6),
)


def column_width_px(zoom: int) -> int:
    return COLUMN_EMS * sizes_for_zoom(zoom)["body_px"]


def image_url(sha256: str, width: int) -> str:
    return f"{IMAGE_SCHEME}:{sha256}?w={width}"


@dataclass(frozen=True)
class ArticlePage:
    """Everything the builder needs besides the article itself."""

    theme: Theme
    zoom: int = 100
    column_px: int = 720
    images: ImageSizes | None = None
    issue_id: int | None = None
    previous: Neighbour | None = None  # in the issue's order; used when the page had no 上一篇
    following: Neighbour | None = None


def article_css(page: ArticlePage) -> str:
    return page.theme.article_css(sizes_for_zoom(page.zoom))


def build_article_html(article: Article, page: ArticlePage) -> str:
    parts: list[str] = ["<html><body>"]
    parts.append(_header(article, page))
    for block in article.blocks:
        parts.append(_block(block, page))
    parts.append(_footer(article, page))
    parts.append("</body></html>")
    return "\n".join(parts)


def _header(article: Article, page: ArticlePage) -> str:
    crumbs = [
        f'<a href="{CATEGORY_SCHEME}:{depth}">{esc(name)}</a>' for depth, name in enumerate(article.category)
    ]
    trail = " › ".join(crumbs)
    if article.issue is not None:
        issue = esc(article.issue.label)
        if page.issue_id is not None:
            issue = f'<a href="{ISSUE_SCHEME}:{page.issue_id}">{issue}</a>'
        trail = f"{trail}&nbsp;&nbsp;·&nbsp;&nbsp;{issue}" if trail else issue
    out = [f'<p class="crumbs">{trail}</p>'] if trail else []
    out.append(f'<p class="title">{esc(article.title)}</p>')
    if article.subtitle:
        out.append(f'<p class="subtitle">{esc(article.subtitle)}</p>')
    byline = []
    if article.authors:
        byline.append(esc("、".join(article.authors)))
    if article.source:
        byline.append(esc(article.source))
    if article.date:
        byline.append(esc(article.date))
    minutes = reading_minutes(article.chars)  # a plain name: lupdate 6.11 misses a call in this place
    byline.append(esc(QCoreApplication.translate("ArticleHtml", "%n min read", None, minutes)))
    out.append(f'<p class="byline">{"&nbsp;&nbsp;·&nbsp;&nbsp;".join(byline)}</p>')
    if article.summary:
        out.append(
            '<table class="summary" width="100%" cellspacing="0" cellpadding="16"><tr><td class="summary">'
            f'<p class="summary" align="justify">{esc(article.summary)}</p></td></tr></table><p></p>'
        )
    return "\n".join(out)


def _block(block: Block, page: ArticlePage) -> str:
    if isinstance(block, Paragraph):
        return f'<p align="justify">{_lines(block.text)}</p>'
    if isinstance(block, Heading):
        # Paragraphs styled as headings, not <h2>: Qt gives <h1>-<h6> fixed sizes of its own whatever
        # the style sheet says, so they would not follow the zoom (at 150% a subheading was smaller
        # than the body).
        kind = "h2" if block.level <= 2 else "h3"
        return f'<p class="{kind}">{esc(block.text)}</p>'
    if isinstance(block, Quote):
        return f'<p class="quote" align="justify">{_lines(block.text)}</p>'
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{esc(item)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        rows = "".join(
            "<tr>" + "".join(f'<td class="cell">{esc(cell)}</td>' for cell in row) + "</tr>"
            for row in block.rows
        )
        return (
            f'<table class="data" border="1" cellspacing="0" cellpadding="6" width="100%" '
            f'style="border-color: {page.theme.colours["border"]}; border-style: solid">{rows}</table><p></p>'
        )
    return _figure(block, page)


def _lines(text: str) -> str:
    return "<br/>".join(esc(line) for line in text.split("\n"))


def _figure(figure: Figure, page: ArticlePage) -> str:
    images = page.images or {}
    out: list[str] = []
    ref = figure.image
    size = images.get(ref.sha256) if ref is not None else None
    if ref is not None and size is not None:
        natural_w, natural_h = size
        width = min(natural_w, page.column_px)  # scaled to the column, never up
        height = max(1, round(natural_h * width / natural_w)) if natural_w else natural_h
        alt = esc(figure.alt or figure.caption or "")
        out.append(
            f'<p class="figure" align="center"><a href="{IMAGE_SCHEME}:{ref.sha256}">'
            f'<img src="{image_url(ref.sha256, width)}" width="{width}" height="{height}" '
            f'alt="{alt}"/></a></p>'
        )
    else:
        if ref is None:
            reason = QCoreApplication.translate("ArticleHtml", "Image not saved")
        elif ref.sha256 in images:
            reason = QCoreApplication.translate("ArticleHtml", "Image cannot be shown (damaged file)")
        else:
            reason = QCoreApplication.translate("ArticleHtml", "Image missing from the store")
        detail = figure.alt or figure.src or (ref.file if ref is not None else "")
        colours = page.theme.colours
        out.append(
            f'<table align="center" width="70%" cellspacing="0" cellpadding="18" border="1" '
            f'style="border-style: dashed; border-color: {colours["faint"]}; '
            f'background-color: {colours["summary"]}"><tr><td class="missing" align="center">'
            f'<p class="missing" align="center">▨&nbsp;{esc(reason)}</p>'
            + (f'<p class="missing" align="center">{esc(detail)}</p>' if detail else "")
            + "</td></tr></table>"
        )
    if figure.caption:
        out.append(f'<p class="caption" align="center">{_lines(figure.caption)}</p>')
    if figure.credit:
        out.append(f'<p class="credit" align="center">{esc(credit_line(figure.credit))}</p>')
    elif figure.caption:
        out.append('<p class="credit"></p>')
    else:
        out.append("<p></p>")
    return "\n".join(out)


def credit_line(credit: str) -> str:
    """The credit as magazines print it under a picture ("图/ 李强"); one with its own wording stays."""
    credit = credit.strip()
    if credit.startswith(("图", "摄", "（", "(", "记者")) or "摄" in credit:
        return credit
    return QCoreApplication.translate("ArticleHtml", "图/ %1").replace("%1", credit)


def _link(link: Link) -> str:
    title = esc(link.title or link.href)
    if link.saved and link.uid:
        return f'<a href="{ARTICLE_SCHEME}:{esc(link.uid)}">{title}</a>'
    hint = esc(QCoreApplication.translate("ArticleHtml", "Not saved in this store"))
    if link.href.startswith(("http://", "https://")):
        span = f'<span class="unsaved">{title}</span>'
        return f'<a class="unsaved" href="{esc(link.href)}" title="{hint}">{span}</a>'
    return f'<span class="unsaved" title="{hint}">{title}</span>'


def _neighbour(label: str, link: Link | None, fallback: Neighbour | None) -> str:
    if link is None and fallback is not None:
        link = Link(fallback.uid, fallback.title, "", saved=True)
    if link is None:
        return ""
    body = _link(link)
    return f'<p class="footer">{esc(label)}&nbsp;{body}</p>'


def _footer(article: Article, page: ArticlePage) -> str:
    out = ["<p></p><hr/>"]
    # The magazine's own words for these links, as the site prints them.
    out.append(
        _neighbour(QCoreApplication.translate("ArticleFooter", "上一篇："), article.prev, page.previous)
    )
    out.append(
        _neighbour(QCoreApplication.translate("ArticleFooter", "下一篇："), article.next, page.following)
    )
    if article.related:
        heading = QCoreApplication.translate("ArticleFooter", "本类推荐")
        out.append(f'<p class="footer-head">{esc(heading)}</p>')
        out.extend(f'<p class="footer">·&nbsp;{_link(link)}</p>' for link in article.related)
    return "\n".join(out)
