"""The DedeCMS profile: where its article pages keep the title, info line, summary, tags and links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from reader.domain.article import IssueLabel
from reader.domain.issue_label import parse_issue_label
from reader.domain.text import clean_text
from reader.ingest.byline import parse_labelled
from reader.ingest.html import element_text, find_class, has_class, meta_content, page_title, raw_text

HOME_NAMES = frozenset({"首页", "主页", "网站首页", "home", "Home", "HOME"})
ABOUT_NAMES = ("杂志简介", "关于我们", "本刊简介", "刊物简介", "杂志介绍")
_TITLE_SUFFIX = re.compile(r"\s*[_|｜\-–—]\s*[^_|｜]+$")


@dataclass
class Fields:
    title: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    date: str | None = None
    summary: str | None = None
    category: tuple[str, ...] = ()
    issue: IssueLabel | None = None
    prev: tuple[str, str] | None = None  # (title, href)
    next: tuple[str, str] | None = None
    related: list[tuple[str, str]] = field(default_factory=list)
    site_name: str | None = None


def is_dedecms_article(root: etree._Element) -> bool:
    return bool(find_class(root, "div", "viewbox")) or (
        bool(find_class(root, "div", "place")) and bool(find_class(root, "div", "content"))
    )


def content_element(root: etree._Element) -> etree._Element | None:
    for scope in find_class(root, "div", "viewbox") or [root]:
        found = find_class(scope, "div", "content")
        if found:
            return found[0]
    return None


def breadcrumb(root: etree._Element) -> tuple[list[str], str]:
    """(category names without the home link, the breadcrumb's whole text)."""
    places = find_class(root, "div", "place")
    if not places:
        return [], ""
    place = places[0]
    names: list[str] = []
    for a in place.iter("a"):
        name = clean_text(raw_text(a))
        if name and name not in HOME_NAMES:
            names.append(name)
    return names, element_text(place)


def site_name_from_title(root: etree._Element) -> str | None:
    title = page_title(root)
    if not title or "_" not in title:
        return None
    return clean_text(title.rsplit("_", 1)[1]) or None


def headline(root: etree._Element) -> str | None:
    for scope in find_class(root, "div", "viewbox") or [root]:
        for box in find_class(scope, "div", "title"):
            for tag in ("h1", "h2", "h3"):
                h = box.find(f".//{tag}")
                if h is not None:
                    text = element_text(h)
                    if text:
                        return text
    title = page_title(root)
    if title:
        return clean_text(_TITLE_SUFFIX.sub("", title)) or title
    return None


def _issue(root: etree._Element) -> IssueLabel | None:
    # The article's own tag line ("标签:2016年第1期"), never the header's site-wide 热门标签 list.
    for tags in find_class(root, "div", "tags"):
        text = element_text(tags)
        if "热门" in text[:8] or tags.find(".//h4") is not None:
            continue
        found = parse_issue_label(text)
        if found:
            return found
    keywords = meta_content(root, "keywords")
    return parse_issue_label(keywords) if keywords else None


def _first_link(el: etree._Element) -> tuple[str, str] | None:
    """(text, href) of the first <a> inside `el` if it has an address. (`iter`, not `find(".//a")`,
    which parses its path on every call.)"""
    a = next(el.iter("a"), None)
    href = a.get("href") if a is not None else None
    return (clean_text(raw_text(a)), href) if a is not None and href else None


# The items that may be 上一篇/下一篇, picked in C: taking the text of every <li> of the page (its
# navigation, its lists of links) into Python to look for one character cost three times as much.
_ITEMS_WITH_PIAN = etree.XPath("descendant-or-self::li[contains(., '篇')]")


def _context_links(root: etree._Element) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    prev = next_ = None
    items: Any = _ITEMS_WITH_PIAN(root)
    for li in items:
        text = clean_text(raw_text(li))
        if not text.startswith(("上一篇", "下一篇")):
            continue
        link = _first_link(li)
        if text.startswith("上一篇"):
            prev = prev or link
        else:
            next_ = next_ or link
    return prev, next_


def _related(root: etree._Element) -> list[tuple[str, str]]:
    for heading in root.iter("dt", "h2", "h3", "h4", "strong", "span"):
        raw = raw_text(heading)
        if "荐" not in raw or clean_text(raw) != "本类推荐":
            continue
        box = heading.getparent()
        while box is not None and box.tag not in ("dl", "div", "section"):
            box = box.getparent()
        if box is None:
            return []
        return [link for link in map(_first_link, box.iter("li")) if link is not None]
    return []


def extract_fields(root: etree._Element, crumbs: list[str] | None = None) -> Fields:
    """The article's fields; `crumbs` are the breadcrumb's names when the caller has read them already."""
    fields = Fields()
    fields.title = headline(root)
    fields.category = tuple(crumbs if crumbs is not None else breadcrumb(root)[0])
    for info in find_class(root, "div", "info"):
        byline = parse_labelled(element_text(info))
        fields.authors, fields.source, fields.date = byline.authors, byline.source, byline.date
        break
    for intro in find_class(root, "div", "intro"):
        text = element_text(intro)
        for label in ("内容摘要", "内容提要", "摘要", "导读"):
            if text.startswith(label):
                text = text[len(label) :].lstrip(":： ")
                break
        fields.summary = text or None
        break
    fields.issue = _issue(root)
    fields.prev, fields.next = _context_links(root)
    fields.related = _related(root)
    fields.site_name = site_name_from_title(root)
    return fields


def is_list_page(root: etree._Element) -> bool:
    return bool(find_class(root, "div", "listbox")) or bool(find_class(root, "ul", "e2"))


def chrome_texts() -> frozenset[str]:
    """Lines that are site chrome wherever they appear inside a content element."""
    return frozenset({"分隔线", "打印本页", "关闭窗口", "返回顶部", "顶一下", "踩一下"})


__all__ = ["ABOUT_NAMES", "Fields", "content_element", "extract_fields", "has_class", "is_dedecms_article"]
