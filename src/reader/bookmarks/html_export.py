"""Bookmarks as a browser bookmarks file (the Netscape format), in folders by magazine and then by issue."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from html import escape

from reader.bookmarks.links import article_uri
from reader.bookmarks.model import Bookmark

DOCUMENT_TITLE = "Magazine Reader bookmarks"

_HEADER = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file.
     It will be read and overwritten.
     DO NOT EDIT! -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
"""


def bookmarks_html(bookmarks: Iterable[Bookmark], *, original_urls: bool = False) -> str:
    """The bookmarks file: one folder per magazine, inside it one per issue, oldest bookmark first.

    Links are `magreader:` URIs that open the article in the reader; with `original_urls` a bookmark whose
    original web address is known links there instead. A bookmark without a magazine sits at the top level;
    one without an issue sits directly in its magazine's folder, after the issue folders.
    """
    by_magazine: dict[str, dict[str, list[Bookmark]]] = {}
    loose: list[Bookmark] = []
    for bookmark in sorted(bookmarks, key=lambda b: (b.added, b.uid)):
        if bookmark.magazine is None:
            loose.append(bookmark)
        else:
            issues = by_magazine.setdefault(bookmark.magazine, {})
            issues.setdefault(bookmark.issue or "", []).append(bookmark)

    title = escape(DOCUMENT_TITLE)
    lines = [_HEADER.rstrip("\n"), f"<TITLE>{title}</TITLE>", f"<H1>{title}</H1>", "<DL><p>"]
    for magazine in sorted(by_magazine, key=natural_key):
        issues = by_magazine[magazine]
        lines += _folder(magazine, [b for group in issues.values() for b in group], depth=1)
        for issue in sorted((i for i in issues if i), key=natural_key):
            lines += _folder(issue, issues[issue], depth=2)
            lines += [_link(b, original_urls, depth=3) for b in issues[issue]]
            lines.append(_indent(2) + "</DL><p>")
        lines += [_link(b, original_urls, depth=2) for b in issues.get("", [])]
        lines.append(_indent(1) + "</DL><p>")
    lines += [_link(b, original_urls, depth=1) for b in loose]
    lines.append("</DL><p>")
    return "\n".join(lines) + "\n"


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts 2016年第2期 before 2016年第10期: runs of digits compare as numbers."""
    parts = re.split(r"([0-9]+)", text)
    return tuple((0, int(part)) if part[0] in "0123456789" else (1, part) for part in parts if part)


def _folder(name: str, members: list[Bookmark], depth: int) -> list[str]:
    added = min(b.added for b in members)
    modified = max(b.modified for b in members)
    return [
        f'{_indent(depth)}<DT><H3 ADD_DATE="{_epoch(added)}" LAST_MODIFIED="{_epoch(modified)}">'
        f"{escape(name)}</H3>",
        _indent(depth) + "<DL><p>",
    ]


def _link(bookmark: Bookmark, original_urls: bool, depth: int) -> str:
    href = bookmark.url if original_urls and bookmark.url else article_uri(bookmark.uid, bookmark.position)
    line = (
        f'{_indent(depth)}<DT><A HREF="{escape(href)}" ADD_DATE="{_epoch(bookmark.added)}"'
        f' LAST_MODIFIED="{_epoch(bookmark.modified)}">{escape(bookmark.display_title)}</A>'
    )
    if bookmark.note:
        line += f"\n{_indent(depth)}<DD>{escape(bookmark.note)}"
    return line


def _indent(depth: int) -> str:
    return "    " * depth


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())
