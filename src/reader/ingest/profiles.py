"""Declarative CMS profiles: JSON files of CSS selectors, shipped in resources/profiles and addable by users.

A profile names how to recognise its CMS (`detect`: a <meta name="generator"> word, selectors that must
all match, or text the HTML contains) and where each field lives, as lists of CSS selectors tried in
order. A selector ending in `@attr` takes that attribute instead of the text. Users drop their own
profiles into `<config folder>/profiles/*.json`; a bad profile is reported with its file and reason.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from lxml.cssselect import CSSSelector, SelectorError

from reader.domain.issue_label import parse_issue_label
from reader.domain.text import clean_text
from reader.ingest.byline import normalise_date, parse_labelled, split_authors
from reader.ingest.dedecms import HOME_NAMES, Fields
from reader.ingest.html import meta_content, raw_text

log = logging.getLogger("reader.ingest")

_LIST_FIELDS = ("title", "content", "byline", "authors", "date", "breadcrumb", "summary", "issue", "remove",
                "prev", "next", "related", "source")  # fmt: skip
_KNOWN_KEYS = {"name", "version", "detect", "title_strip_children", *_LIST_FIELDS}


class ProfileError(Exception):
    """A profile file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class _Selector:
    css: str
    compiled: CSSSelector
    attribute: str | None

    def select(self, root: etree._Element) -> list[etree._Element]:
        found: Any = self.compiled(root)  # lxml types XPath results as a union of every kind
        return [el for el in found if isinstance(el, etree._Element)]

    def values(self, root: etree._Element) -> list[str]:
        out = []
        for el in self.select(root):
            value = el.get(self.attribute) if self.attribute else raw_text(el)
            if value:
                out.append(clean_text(value))
        return [v for v in out if v]


_lowered: tuple[str | None, str] = (None, "")


def _lowered_head(html_text: str) -> str:
    """The page's first 200,000 characters in lower case, lowered once for all the profiles that ask."""
    global _lowered  # noqa: PLW0603 -- a one-entry cache: every profile asks about the same page
    if _lowered[0] is not html_text:
        _lowered = (html_text, html_text[:200_000].lower())
    return _lowered[1]


@dataclass(frozen=True)
class Profile:
    name: str
    origin: str
    generator: str | None
    detect_selectors: tuple[_Selector, ...]
    html_contains: tuple[str, ...]
    fields: dict[str, tuple[_Selector, ...]]
    title_strip_children: bool

    def matches(self, root: etree._Element, html_text: str) -> bool:
        generator = (meta_content(root, "generator") or "").lower()
        if self.generator and self.generator in generator:
            return True
        if self.detect_selectors and all(s.select(root) for s in self.detect_selectors):
            return True
        head = _lowered_head(html_text)
        named = any(marker.lower() in head for marker in self.html_contains)
        return named and self.first("content", root) is not None

    def first(self, field: str, root: etree._Element) -> etree._Element | None:
        for selector in self.fields.get(field, ()):
            found = selector.select(root)
            if found:
                return found[0]
        return None

    def texts(self, field: str, root: etree._Element) -> list[str]:
        for selector in self.fields.get(field, ()):
            values = selector.values(root)
            if values:
                return values
        return []

    def links(self, field: str, root: etree._Element) -> list[tuple[str, str]]:
        for selector in self.fields.get(field, ()):
            found = [(clean_text(raw_text(a)), a.get("href") or "") for a in selector.select(root)]
            found = [(title, href) for title, href in found if href]
            if found:
                return found
        return []

    def content(self, root: etree._Element) -> etree._Element | None:
        content = self.first("content", root)
        if content is None:
            return None
        for selector in self.fields.get("remove", ()):
            for el in selector.select(content):
                parent = el.getparent()
                if parent is not None:
                    tail = el.tail
                    parent.remove(el)
                    if tail:  # keep the text that followed the removed element
                        previous = parent.text or ""
                        parent.text = previous + tail
        return content

    def extract_fields(self, root: etree._Element) -> Fields:
        fields = Fields()
        title_el = self.first("title", root)
        if title_el is not None:
            text = (title_el.text or "") if self.title_strip_children else raw_text(title_el)
            fields.title = clean_text(text) or clean_text(raw_text(title_el)) or None
        byline_text = " ".join(self.texts("byline", root))
        labelled = parse_labelled(byline_text) if byline_text else None
        authors = self.texts("authors", root)
        fields.authors = tuple(a for name in authors for a in split_authors(name)) or (
            labelled.authors if labelled else ()
        )
        dates = self.texts("date", root)
        fields.date = normalise_date(dates[0]) if dates else (labelled.date if labelled else None)
        sources = self.texts("source", root)
        fields.source = sources[0] if sources else (labelled.source if labelled else None)
        summaries = self.texts("summary", root)
        fields.summary = summaries[0] if summaries else None
        crumbs = [c for c in self.texts("breadcrumb", root) if c not in HOME_NAMES]
        fields.category = tuple(dict.fromkeys(crumbs))
        for text in self.texts("issue", root):
            fields.issue = parse_issue_label(text)
            if fields.issue:
                break
        prev, next_ = self.links("prev", root), self.links("next", root)
        fields.prev = prev[0] if prev else None
        fields.next = next_[0] if next_ else None
        fields.related = self.links("related", root)
        return fields


def _compile(css: str, origin: str) -> _Selector:
    # "time[datetime]@datetime" takes the attribute; an "@" inside [...] belongs to the selector.
    takes_attribute = "@" in css and not css.rstrip().endswith("]")
    selector, _, attribute = css.rpartition("@") if takes_attribute else (css, "", "")
    try:
        compiled = CSSSelector(selector.strip())
    except SelectorError as exc:
        raise ProfileError(f"{origin}: bad selector {css!r} ({exc})") from None
    return _Selector(css, compiled, attribute.strip() or None)


def parse_profile(data: Any, origin: str) -> Profile:
    if not isinstance(data, dict):
        raise ProfileError(f"{origin}: a profile is a JSON object")
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise ProfileError(f"{origin}: unknown keys {', '.join(sorted(unknown))}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProfileError(f"{origin}: 'name' must be a non-empty string")
    detect = data.get("detect") or {}
    if not isinstance(detect, dict):
        raise ProfileError(f"{origin}: 'detect' must be an object")
    fields: dict[str, tuple[_Selector, ...]] = {}
    for key in _LIST_FIELDS:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{origin}: '{key}' must be a list of CSS selectors")
        fields[key] = tuple(_compile(v, origin) for v in value)
    if not fields["content"]:
        raise ProfileError(f"{origin}: 'content' needs at least one selector")
    generator = detect.get("generator")
    detect_selectors = detect.get("selectors", [])
    contains = detect.get("html_contains", [])
    if not isinstance(detect_selectors, list) or not isinstance(contains, list):
        raise ProfileError(f"{origin}: 'detect.selectors' and 'detect.html_contains' must be lists")
    if not (generator or detect_selectors or contains):
        raise ProfileError(f"{origin}: 'detect' must name a generator, selectors or html_contains")
    return Profile(
        name=name,
        origin=origin,
        generator=str(generator).lower() if generator else None,
        detect_selectors=tuple(_compile(str(s), origin) for s in detect_selectors),
        html_contains=tuple(str(s) for s in contains),
        fields=fields,
        title_strip_children=bool(data.get("title_strip_children", False)),
    )


def load_profile_file(path: Path) -> Profile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot be read ({exc})") from None
    except ValueError as exc:
        raise ProfileError(f"{path}: not valid JSON ({exc})") from None
    return parse_profile(data, str(path))


def builtin_profiles() -> list[Profile]:
    from reader.resources_access import resource

    folder = resource("profiles")
    profiles = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            profiles.append(
                parse_profile(json.loads(entry.read_text(encoding="utf-8")), f"builtin:{entry.name}")
            )
    return profiles


def load_profiles(user_folder: Path | None) -> tuple[list[Profile], list[str]]:
    """User profiles first (they win), then the built-in ones; plus the errors of bad user profiles."""
    profiles: list[Profile] = []
    errors: list[str] = []
    if user_folder is not None and user_folder.is_dir():
        for path in sorted(user_folder.glob("*.json")):
            try:
                profiles.append(load_profile_file(path))
            except ProfileError as exc:
                errors.append(str(exc))
                log.warning("%s", exc)
    profiles.extend(builtin_profiles())
    return profiles, errors
