"""Extraction for pages of unknown CMS: the main text found by structure and text density.

Every block of text scores by its length and its Chinese punctuation, and passes its score up to its
parent and (halved) grandparent; link-heavy containers are penalised. The best-scoring container is
the article. Class names only nudge the score (a "content" or "article" class helps, "comment",
"footer" or "sidebar" hurts), so sites that name nothing are still read.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from lxml import etree

from reader.domain.article import IssueLabel
from reader.domain.issue_label import parse_issue_label
from reader.domain.text import clean_text
from reader.ingest.byline import Byline, from_meta, parse_labelled, split_authors
from reader.ingest.dedecms import HOME_NAMES, Fields
from reader.ingest.html import meta_content, page_title, raw_text

_CANDIDATE_TAGS = frozenset({"div", "article", "section", "td", "main", "body", "center", "font", "span"})
_TEXT_TAGS = frozenset(
    {"p", "td", "pre", "blockquote", "li", "div", "section", "span", "font", "h2", "h3", "h4"}
)
_GOOD = re.compile(r"article|content|main|post|entry|text|body|story|detail|news_txt|con|zw|正文", re.I)
_BAD = re.compile(
    r"comment|footer|foot|header|head|nav|menu|sidebar|side|aside|related|recommend|share|ad-|advert|"
    r"copyright|breadcrumb|crumb|pagination|pager|login|rank|hot|tags?\b|link",
    re.I,
)
_PUNCTUATION = re.compile(r"[，。！？；、,.!?;]")
_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s).*$")
_BREADCRUMB_LEAD = re.compile(r"^(?:当前位置|您的位置|你的位置|所在位置|现在位置|位置)\s*[:：]?")
_CRUMB_CLASS = re.compile(r"crumb|position|location|place|weizhi|dqwz|path", re.I)
_URL_ISSUE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])(?!\d)")
_SKIP = frozenset(
    {"script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "aside", "select"}
)


def find_content(root: etree._Element) -> etree._Element | None:
    """The element holding the article's text, or None when the page has no real text.

    The site's chrome inside it (share bars, "相关阅读" link lists, editor and copyright lines) is
    removed from the tree, so whatever reads the element reads the article alone.
    """
    best = _densest(root)
    if best is not None:
        _drop_chrome(best)
    return best


# Chrome inside the article's element: by class or id, by text, and link lists under a heading.
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:related|relate|xgyd|share|bdshare|comment|copyright|pager?|pages|pagination|page-links|"
    r"ad|ads|advert|editor|tags?|recommend)(?:$|[\s_-])",
    re.I,
)
_CHROME_LINE = re.compile(
    r"^[(（【\[]?\s*(?:责任编辑|编辑|责编|审核|校对|监制|来源)\s*[:：]|转载请注明|版权所有|阅读原文|未经授权"
)
_RELATED_HEADINGS = frozenset(
    {"相关阅读", "相关新闻", "延伸阅读", "推荐阅读", "相关文章", "相关链接", "热门推荐"}
)


def _drop_chrome(content: etree._Element) -> None:
    doomed: list[etree._Element] = []
    for el in content.iter("div", "ul", "ol", "p", "section", "span", "h3", "h4", "h5", "table"):
        if el is content:
            continue
        name = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
        if name and _CHROME_CLASS.search(name):
            doomed.append(el)
            continue
        if el.tag in ("ul", "ol") and len(el) >= 3 and _link_density(el) > 0.6:
            doomed.append(el)
            continue
        raw = raw_text(el)
        if len(raw) <= 80 and el.find(".//img") is None:
            text = clean_text(raw)
            if text in _RELATED_HEADINGS or (_CHROME_LINE.search(text) and len(text) <= 60):
                doomed.append(el)
    for el in doomed:
        _remove_keeping_tail(el)


def _remove_keeping_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _densest(root: etree._Element) -> etree._Element | None:
    body = root.find("body")
    if body is None:
        body = root
    scores: dict[etree._Element, float] = {}
    for el in body.iter(*_TEXT_TAGS):
        if _inside_skipped(el):
            continue
        text = clean_text((el.text or "") + "".join((c.tail or "") for c in el))
        if len(text) < 20:
            continue
        score = 1.0 + len(_PUNCTUATION.findall(text)) + min(len(text) / 80.0, 4.0)
        parent = el.getparent()
        if parent is None:
            continue
        for depth, node in enumerate((parent, parent.getparent())):
            if node is None or node.tag not in _CANDIDATE_TAGS:
                continue
            scores[node] = scores.get(node, _initial(node)) + score / (1 + depth)
        if el.tag in ("div", "td", "section") and len(text) > 80:
            scores[el] = scores.get(el, _initial(el)) + score
    if not scores:
        return None
    best = max(scores, key=lambda node: scores[node] * (1.0 - _link_density(node)))
    if scores[best] * (1.0 - _link_density(best)) < 8:
        return None
    return best


def _initial(el: etree._Element) -> float:
    name = f"{el.get('class') or ''} {el.get('id') or ''}"
    score = 0.0
    if el.tag in ("article", "main"):
        score += 10
    if name.strip():
        if _GOOD.search(name):
            score += 8
        if _BAD.search(name):
            score -= 15
    return score


def _inside_skipped(el: etree._Element) -> bool:
    node = el.getparent()
    while node is not None:
        if node.tag in _SKIP:
            return True
        node = node.getparent()
    return False


_LINK_TEXTS = etree.XPath(".//a//text()")


def _link_density(el: etree._Element) -> float:
    text = len("".join(raw_text(el).split()))
    if not text:
        return 1.0
    texts: Any = _LINK_TEXTS(el)
    links = len("".join("".join(texts).split()))
    return min(1.0, links / text)


def headline(root: etree._Element, content: etree._Element | None) -> str | None:
    """The article's headline: the <h1>/<h2> that <title> names, else one before the text, else <title>.

    <title> reads "headline_section_site" or "site - headline" and a magazine's logo is often an <h1>
    too, so of the headings that <title> contains the longest wins: the site's name is the shorter.
    """
    title_tag = page_title(root) or ""
    og_title = meta_content(root, "og:title")
    stripped = clean_text(_TITLE_SUFFIX.sub("", title_tag)) if title_tag else ""
    candidates = [clean_text(raw_text(h)) for h in root.iter("h1", "h2")]
    candidates = [c for c in candidates if 2 <= len(c) <= 80]
    for wanted in (og_title, title_tag, stripped):
        if wanted and wanted in candidates:
            return wanted
    for wanted in (og_title, title_tag):
        if wanted:
            named = [c for c in candidates if c in wanted]
            if named:
                return max(named, key=len)
    for wanted in (og_title, stripped):
        if wanted and len(wanted) >= 4:
            for candidate in candidates:
                if wanted in candidate:
                    return candidate
    if content is not None:
        before = _headings_before(root, content)
        if before:
            return before[-1]
    h1s = [clean_text(raw_text(h)) for h in root.iter("h1")]
    h1s = [h for h in h1s if len(h) >= 2]
    if len(h1s) == 1:
        return h1s[0]
    return og_title or stripped or title_tag or None


def _headings_before(root: etree._Element, content: etree._Element) -> list[str]:
    found: list[str] = []
    for el in root.iter():
        if el is content:
            break
        if el.tag in ("h1", "h2"):
            text = clean_text(raw_text(el))
            if 2 <= len(text) <= 80:
                found.append(text)
    return found


_BYLINE_TAGS = frozenset(
    {"div", "p", "span", "td", "small", "h1", "h2", "h3", "h4", "h5", "em", "address", "time", "font", "b",
     "strong", "section"}
)  # fmt: skip
# "本报讯（记者 张三）清晨…": the reporter credited in the dateline that opens the text.
_DATELINE = re.compile(r"^[^(（]{0,16}[(（](?P<credit>[^)）]{2,40})[)）]")


def byline_near(root: etree._Element, content: etree._Element | None, title: str | None) -> Byline:
    """Labelled byline text between the headline and the body (or at the top of the body).

    The headline is found by its text, whatever holds it (<h1>, <font><b>, a <div class="biaoti">);
    when it is not found, the lines just above the body are read instead.
    """
    before: list[str] = []
    title_at: int | None = None
    for el in root.iter():
        if content is not None and el is content:
            break
        if el.tag not in _BYLINE_TAGS:
            continue
        raw = raw_text(el)
        if len(raw) > 400:  # a container of the page, not a line
            continue
        text = clean_text(raw)
        if title is not None and text == title:
            if title_at is None:
                title_at = len(before)
            continue
        if 4 <= len(text) <= 160:
            before.append(text)
    lines = before[title_at : title_at + 12] if title_at is not None else before[-12:]
    if content is not None:
        for index, el in enumerate(content.iter("p", "div", "span", "section")):
            text = clean_text(raw_text(el))
            if 4 <= len(text) <= 80:
                lines.append(text)
            elif index < 6:
                dateline = _DATELINE.match(text)
                if dateline and ("记者" in dateline.group("credit") or "通讯员" in dateline.group("credit")):
                    lines.append(dateline.group("credit"))
            if len(lines) > 24:
                break
    best = _wechat_byline(root, content) or Byline()
    for line in lines:
        found = parse_labelled(line)
        best = Byline(best.authors or found.authors, best.source or found.source, best.date or found.date)
        if best.authors and best.date:
            break
    return best


def _wechat_byline(root: etree._Element, content: etree._Element | None) -> Byline | None:
    """A WeChat article: its writer in #js_author_name or the meta line, else the account (#js_name)."""
    if content is None or content.get("id") != "js_content":
        return None
    writer = account = None
    for el in root.iter("span", "a", "strong", "em"):
        key = el.get("id") or ""
        classes = el.get("class") or ""
        is_writer = key == "js_author_name" or (
            el.tag == "span" and "rich_media_meta_text" in classes and writer is None
        )
        if not is_writer and not (key == "js_name" and account is None):
            continue
        text = clean_text(raw_text(el))
        if text and is_writer:
            writer = text
        elif text:
            account = text
    name = writer or account
    return Byline(split_authors(name), account, None) if name else None


def breadcrumb_names(root: etree._Element) -> list[str]:
    for el in root.iter("div", "p", "span", "nav", "ul", "ol"):
        name = f"{el.get('class') or ''} {el.get('id') or ''}"
        text = clean_text(raw_text(el))
        if not (_BREADCRUMB_LEAD.match(text) or (name.strip() and _CRUMB_CLASS.search(name))):
            continue
        if len(text) > 120:
            continue
        names = [clean_text(raw_text(a)) for a in el.iter("a")]
        names = [n for n in names if n and n not in HOME_NAMES]
        if names:
            return names
    return []


_sections: tuple[etree._Element | None, dict[str, str]] = (None, {})


def section_names(root: etree._Element) -> dict[str, str]:
    """The site's section naming from its links: "/a/xgzdj/" -> "小个专党建"."""
    global _sections  # noqa: PLW0603 -- a one-entry cache: the fields and the importer both ask
    if _sections[0] is root:
        return _sections[1]
    names: dict[str, str] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").split("?")[0].split("#")[0]
        if not href:
            continue
        path = href.split("://", 1)[-1]
        path = path.split("/", 1)[1] if "://" in href and "/" in path else path
        path = path.strip("/")
        if not path or "." in path.rpartition("/")[2] or path in names:
            continue
        text = clean_text(raw_text(a))
        if text and len(text) <= 12 and text not in HOME_NAMES:
            names[path] = text
    _sections = (root, names)
    return names


def category_from_path(site_path: str, sections: dict[str, str]) -> tuple[str, ...]:
    """Category names from the folders of the page's path that the site names in its navigation."""
    parts = PurePosixPath(site_path).parts[:-1]
    names: list[str] = []
    for depth in range(1, len(parts) + 1):
        prefix = "/".join(parts[:depth])
        if prefix in sections:
            names.append(sections[prefix])
    return tuple(names)


def issue_fallback(
    root: etree._Element, title: str | None, site_path: str, folders: tuple[str, ...]
) -> IssueLabel | None:
    """Issue from the title, the keywords, a folder the user saved into ("2016年第1期/"), or the URL."""
    for text in (title or "", meta_content(root, "keywords") or "", *reversed(folders)):
        found = parse_issue_label(text)
        if found:
            return found
    match = _URL_ISSUE.search(site_path)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        return IssueLabel(f"{year}年第{month}期", year, month)
    return None


def extract_generic_fields(
    root: etree._Element, content: etree._Element | None, site_path: str, folders: tuple[str, ...]
) -> Fields:
    fields = Fields()
    fields.title = headline(root, content)
    meta = from_meta(root)
    near = byline_near(root, content, fields.title)
    fields.authors = near.authors or meta.authors
    fields.date = near.date or meta.date
    fields.source = near.source or meta.source
    crumbs = breadcrumb_names(root)
    if crumbs and fields.title and crumbs[-1] == fields.title:
        crumbs = crumbs[:-1]
    fields.category = tuple(crumbs) or category_from_path(site_path, section_names(root))
    fields.issue = issue_fallback(root, fields.title, site_path, folders)
    return fields
