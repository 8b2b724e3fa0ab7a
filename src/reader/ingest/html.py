"""Parse decoded page text with lxml, and notice when lxml silently dropped part of the page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from reader.domain.text import clean_text

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Entity and doctype declarations: never expanded, never fetched (hostile pages). Matched only at the
# first "<!DOCTYPE": tried at every position, a page of unclosed "<!DOCTYPE x[" took quadratic time.
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)


class PageError(Exception):
    """A page that cannot be imported faithfully; the message says why."""


@dataclass(frozen=True)
class ParsedPage:
    root: etree._Element
    text: str  # the decoded source, for regex look-ups of comments the parser dropped


def parse_html(text: str) -> ParsedPage:
    """Parse a page; raise PageError when lxml would drop content (too deep, too large) or finds nothing."""
    source = _strip_internal_subset(_XML_DECL.sub("", text, count=1))
    source = source.replace("\x00", "")
    # etree's HTML parser, not lxml.html's: the latter looks up a Python element class for every
    # element we visit, which costs more than the parse itself.
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = etree.fromstring(source.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise PageError(f"not an HTML page ({exc})") from None
    if root is None:
        raise PageError("not an HTML page (nothing to parse)")
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            raise PageError(f"the HTML parser would drop part of this page: {entry.message.strip()}")
    return ParsedPage(root, text)


def _strip_internal_subset(text: str) -> str:
    """The page without its DOCTYPE's internal subset (entity declarations), in linear time."""
    doctype = _DOCTYPE.search(text)
    if doctype is None:
        return text
    subset = _INTERNAL_SUBSET.match(text, doctype.start())
    return text[: subset.start()] + text[subset.end() :] if subset else text


def has_class(el: etree._Element, name: str) -> bool:
    classes = el.get("class")
    return classes is not None and name in classes.split()


_STRING_VALUE = etree.XPath("string()")


def raw_text(el: etree._Element) -> str:
    """All text inside `el`, uncleaned (lxml's text_content() for any element type), joined in C."""
    return str(_STRING_VALUE(el))


# Every class attribute of a page, each knowing its element (getparent): one XPath call, with no Python
# proxy made for elements without a class and no second look-up of the attribute on those with one.
_ALL_CLASSES = etree.XPath("//@class")
# The class index of the page parsed last: extraction asks for a dozen classes of the same page, and
# one pass over its classed elements is cheaper than a dozen searches of the whole tree.
_class_index: tuple[etree._Element | None, dict[str, list[etree._Element]]] = (None, {})


def _index_of(root: etree._Element) -> dict[str, list[etree._Element]]:
    global _class_index  # noqa: PLW0603 -- a one-entry cache
    document = root.getroottree().getroot()
    cached_root, index = _class_index
    if cached_root is not document:
        index = {}
        found: Any = _ALL_CLASSES(document)  # attributes of elements only: no comment has one
        for classes in found:
            el = classes.getparent()
            for name in classes.split():
                if name in index:
                    index[name].append(el)
                else:
                    index[name] = [el]
        _class_index = (document, index)
    return index


def find_class(root: etree._Element, tag: str, name: str) -> list[etree._Element]:
    """Elements `tag` (or any, for "*") with the CSS class `name` inside `root`, in document order."""
    matches = _index_of(root).get(name)
    if not matches:
        return []
    if tag != "*":
        matches = [el for el in matches if el.tag == tag]
    if root is root.getroottree().getroot():
        return list(matches)
    return [el for el in matches if _is_inside(el, root)]


def _is_inside(el: etree._Element, ancestor: etree._Element) -> bool:
    node = el.getparent()
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def element_text(el: etree._Element) -> str:
    """The cleaned text of an element, with scripts and styles left out."""
    parts: list[str] = []
    for node in el.iter():
        if node.tag in ("script", "style") or not isinstance(node.tag, str):
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return clean_text("".join(parts))


def meta_content(root: etree._Element, *names: str) -> str | None:
    """The first non-empty <meta name|property=...> among `names`."""
    wanted = {n.lower() for n in names}
    head = root.find("head")
    scope = head if head is not None else root
    for meta in scope.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key in wanted:
            value = clean_text(meta.get("content") or "")
            if value:
                return value
    return None


def page_title(root: etree._Element) -> str | None:
    title = root.find(".//title")
    return clean_text(raw_text(title)) if title is not None else None
