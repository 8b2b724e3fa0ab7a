"""Turn an article's content element into body blocks: paragraphs, headings, quotes, lists, tables, figures.

The walk flattens the content into *units* (the text and images of one block-level element, split at
<br>), then pairs each image with its caption: the text after a <br> in the same paragraph, the next
centred short paragraph, the next table row, or a <figcaption>.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from reader.domain.article import Block, Figure, Heading, ImageRef, ListBlock, Paragraph, Quote, Table
from reader.domain.text import clean_text
from reader.ingest.captions import split_credit
from reader.ingest.html import raw_text

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "td",
        "th",
        "tr",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "figure",
        "figcaption",
        "section",
        "article",
        "center",
        "pre",
        "address",
        "header",
        "footer",
        "aside",
        "main",
        "caption",
        "hr",
    ]
)
_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "iframe",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "object",
        "embed",
        "svg",
    ]
)
_SKIP_CLASSES = frozenset(
    [
        "dede_pages",
        "pagelist",
        "pages",
        "pagination",
        "page_nav",
        "newdigg",
        "digg",
        "share",
        "bdsharebuttonbox",
    ]
)
# The kind of unit an element starts, for the elements that change it.
_KINDS = {
    **{f"h{level}": f"h{level}" for level in range(1, 7)},
    "blockquote": "quote",
    "figcaption": "caption",
    "li": "li",
}
_EDITOR_NOTE = re.compile(r"[(（]\s*(?:责任编辑|编辑|责编)\s*[:：][^)）]*[)）]")
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_SENTENCE_END = tuple("。！？!?；;…」”")
MAX_CAPTION = 120

# Resolves an <img> to the stored image, or None when the file was not saved; (src, alt) in.
ImageResolver = Callable[[str], "ImageRef | None"]


@dataclass
class _Image:
    src: str
    alt: str | None


@dataclass
class _Unit:
    """The content of one block-level element: text runs and images, in order."""

    parts: list[str | _Image] = field(default_factory=list)
    centered: bool = False
    kind: str = "p"  # p, heading level "h2".."h6", "quote", "li", "caption"
    bold_chars: int = 0
    text_chars: int = 0


@dataclass
class _Walker:
    units: list[_Unit] = field(default_factory=list)
    tables: dict[int, Table] = field(default_factory=dict)
    lists: dict[int, ListBlock] = field(default_factory=dict)
    current: _Unit = field(default_factory=_Unit)

    def flush(self) -> None:
        if self.current.parts and not _is_blank(self.current.parts):
            self.units.append(self.current)
        self.current = _Unit()

    def start(self, centered: bool, kind: str) -> None:
        self.flush()
        self.current.centered = centered
        self.current.kind = kind

    def text(self, text: str | None, bold: bool) -> None:
        if text:
            self.current.parts.append(text)
            size = len(text.strip())
            self.current.text_chars += size
            if bold:
                self.current.bold_chars += size


# What `clean_text` removes entirely: a text of these characters only cleans to nothing.
BLANK = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\u200c\u200d\ufeff"


def _is_blank(parts: list[str | _Image]) -> bool:
    """Whether a unit is white space only (and no image): it gives no block. The source's line breaks
    between block elements make one such unit per paragraph; dropping them here spares cleaning each
    into nothing (three regular expressions) later."""
    return all(isinstance(part, str) and not part.strip(BLANK) for part in parts)


def _is_centered(el: etree._Element) -> bool:
    if el.tag == "center":
        return True
    align = el.get("align")
    if align is not None and align.lower() == "center":
        return True
    style = el.get("style")
    return style is not None and bool(_CENTER_STYLE.search(style))


def _skipped(el: etree._Element) -> bool:
    if el.tag in _SKIP_TAGS:
        return True
    classes = el.get("class")
    if classes is not None and not _SKIP_CLASSES.isdisjoint(classes.split()):
        return True
    style = el.get("style")
    return style is not None and "display:none" in style.replace(" ", "").lower()


def _image_src(el: etree._Element) -> str | None:
    # Lazy-loading pages keep the real address in data-src / data-original; src is a placeholder.
    for attr in ("data-original", "data-src", "data-lazy-src", "src"):
        value = (el.get(attr) or "").strip()
        if value:
            return value
    return None


def _data_table(table: etree._Element) -> Table | None:
    """A table of data (several text cells in a row, no images) as a Table block; layout tables: None."""
    rows: list[tuple[str, ...]] = []
    wide = False
    for tr in table.iter("tr"):
        if tr.getparent() is not None and _nearest_table(tr) is not table:
            return None  # nested tables: layout
        cells = [c for c in tr if c.tag in ("td", "th")]
        texts = tuple(clean_text(raw_text(c)) for c in cells)
        if any(next(c.iter("img"), None) is not None for c in cells):
            return None
        if sum(1 for t in texts if t) >= 2:
            wide = True
        if any(texts):
            rows.append(texts)
    return Table(tuple(rows)) if wide and rows else None


def _nearest_table(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _walk(el: etree._Element, w: _Walker, centered: bool, kind: str, bold: bool) -> None:
    tag: object = el.tag
    if not isinstance(tag, str):  # comments, processing instructions
        w.text(el.tail, bold)
        return
    if _skipped(el):
        w.text(el.tail, bold)
        return
    if tag == "br":
        w.current.parts.append("\n")
        w.text(el.tail, bold)
        return
    if tag == "img":
        src = _image_src(el)
        if src:
            w.current.parts.append(_Image(src, (el.get("alt") or el.get("title") or "").strip() or None))
        w.text(el.tail, bold)
        return
    is_block = tag in _BLOCK_TAGS
    here_centered = centered or _is_centered(el)
    here_bold = bold or tag in ("strong", "b")
    here_kind = _KINDS.get(tag, kind)
    if tag == "table":
        table = _data_table(el)
        if table is not None:
            w.flush()
            w.tables[len(w.units)] = table
            w.units.append(_Unit(parts=["\x00table"], kind="table"))
            w.text(el.tail, bold)
            return
    if tag in ("ul", "ol") and not any(next(li.iter("img"), None) is not None for li in el.iter("li")):
        items = tuple(t for t in (clean_text(raw_text(li)) for li in el if li.tag == "li") if t)
        if items:
            w.flush()
            w.lists[len(w.units)] = ListBlock(items, ordered=tag == "ol")
            w.units.append(_Unit(parts=["\x00list"], kind="list"))
            w.text(el.tail, bold)
            return
    if is_block:
        w.start(here_centered, here_kind)
    w.text(el.text, here_bold)
    for child in el:
        _walk(child, w, here_centered, here_kind, here_bold)
    if is_block:
        w.flush()
        w.current.centered = centered
        w.current.kind = kind
    w.text(el.tail, bold)


def _lines(unit: _Unit) -> list[list[str | _Image]]:
    """Split a unit's parts at <br> into lines."""
    lines: list[list[str | _Image]] = [[]]
    for part in unit.parts:
        if part == "\n":
            lines.append([])
        else:
            lines[-1].append(part)
    return [line for line in lines if line]


@dataclass
class BodyResult:
    blocks: list[Block]
    subtitle: str | None


def build_blocks(
    content: etree._Element,
    *,
    title: str,
    resolve_image: ImageResolver,
    drop_texts: frozenset[str] = frozenset(),
) -> BodyResult:
    """Blocks of the article body in `content`. `drop_texts` are lines of site chrome to leave out."""
    walker = _Walker()
    _walk(content, walker, False, "p", False)
    walker.flush()
    blocks: list[Block] = []
    subtitle: str | None = None
    title_key = _key(title)
    seen_body = False
    # A caption belongs to the figure just before it, if that figure has none yet.
    open_figure: int | None = None

    def add_figure(image: _Image) -> None:
        nonlocal open_figure
        ref = resolve_image(image.src)
        alt = image.alt
        if alt and (_key(alt.replace("_", " ")) == title_key or _key(alt) == title_key):
            alt = None  # DedeCMS fills alt with the title: not a description
        blocks.append(Figure(image=ref, alt=alt, caption=None, credit=None, src=image.src))
        open_figure = len(blocks) - 1

    def set_caption(text: str) -> bool:
        nonlocal open_figure
        if open_figure is None:
            return False
        figure = blocks[open_figure]
        assert isinstance(figure, Figure)
        caption, credit = split_credit(text)
        if figure.alt and caption and caption.startswith(figure.alt):
            figure = Figure(figure.image, None, figure.caption, figure.credit, figure.src)
        blocks[open_figure] = Figure(figure.image, figure.alt, caption, credit, figure.src)
        open_figure = None
        return True

    for index, unit in enumerate(walker.units):
        if unit.kind == "table":
            blocks.append(walker.tables[index])
            open_figure, seen_body = None, True
            continue
        if unit.kind == "list":
            blocks.append(walker.lists[index])
            open_figure, seen_body = None, True
            continue
        has_images = any(isinstance(part, _Image) for part in unit.parts)
        # A paragraph of text only is one block even with <br> inside ("暨<br>专业市场" is one line).
        for line in _lines(unit) if has_images else [list(unit.parts)]:
            texts_before: list[str] = []
            had_image = False
            for part in line:
                if isinstance(part, _Image):
                    pending = clean_text("".join(texts_before))
                    if (pending and not had_image) or (pending and not set_caption(pending)):
                        _append_text(blocks, pending, unit, drop_texts)
                    texts_before = []
                    add_figure(part)
                    had_image = True
                else:
                    texts_before.append(part)
            text = _EDITOR_NOTE.sub("", clean_text("".join(texts_before))).strip()
            if not text or text in drop_texts:
                continue
            if had_image:
                if not set_caption(text):
                    _append_text(blocks, text, unit, drop_texts)
                continue
            if not seen_body:
                if _key(text) == title_key:
                    continue  # the title repeated at the top of the body
                if text.startswith(("——", "--", "—")) and subtitle is None:
                    subtitle = clean_text(text.lstrip("—-－ "))
                    continue
            is_caption = unit.kind == "caption" or (unit.centered and len(text) <= MAX_CAPTION)
            if open_figure is not None and is_caption and set_caption(text):
                continue
            open_figure = None
            _append_text(blocks, text, unit, drop_texts)
            seen_body = True
    return BodyResult(blocks, subtitle)


def _append_text(blocks: list[Block], text: str, unit: _Unit, drop_texts: frozenset[str]) -> None:
    if text in drop_texts:
        return
    if unit.kind.startswith("h") and len(unit.kind) == 2:
        blocks.append(Heading(text, int(unit.kind[1])))
    elif unit.kind == "quote":
        blocks.append(Quote(text))
    elif (
        unit.text_chars
        and unit.bold_chars >= unit.text_chars * 0.9
        and len(text) <= 30
        and not text.endswith(_SENTENCE_END)
        and not unit.centered
    ):
        blocks.append(Heading(text, 3))  # a bold short line on its own: a subhead
    else:
        blocks.append(Paragraph(text))


def _key(text: str) -> str:
    return "".join(text.split())
