"""The browser bookmarks export: Netscape format, read back with the standard library's HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from bookmark_helpers import FakeClock, make_bookmark

from reader.bookmarks import BookmarkFile, bookmarks_html
from reader.bookmarks.html_export import natural_key


@dataclass
class Folder:
    name: str
    folders: list[Folder] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (title, href)
    notes: list[str] = field(default_factory=list)

    def folder(self, name: str) -> Folder:
        return next(f for f in self.folders if f.name == name)


class BookmarksReader(HTMLParser):
    """Rebuilds the folder tree the way a browser's importer does: an H3 names the DL that follows it."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Folder("")
        self.stack = [self.root]
        self.pending: Folder | None = None
        self.capture: str | None = None
        self.text = ""
        self.href = ""
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h3", "a", "dd", "title"):
            self.capture, self.text = tag, ""
            self.href = dict(attrs).get("href") or ""
        elif tag == "dl" and self.pending is not None:
            self.stack.append(self.pending)
            self.pending = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self.pending = Folder(self.text)
            self.stack[-1].folders.append(self.pending)
        elif tag == "a":
            self.stack[-1].links.append((self.text, self.href))
        elif tag == "dl" and len(self.stack) > 1:
            self.stack.pop()
        if tag == self.capture:
            self.capture = None

    def handle_data(self, data: str) -> None:
        if self.capture == "dd" and data.strip():
            self.stack[-1].notes.append(data.strip())
        elif self.capture:
            self.text += data


def _read(html: str) -> BookmarksReader:
    reader = BookmarksReader()
    reader.feed(html)
    reader.close()
    return reader


BOOKMARKS = [
    make_bookmark("a.cn/1", 1, title="第一篇", magazine="甲杂志", issue="2016年第10期"),
    make_bookmark(
        "a.cn/2", 2, title="第二篇", magazine="甲杂志", issue="2016年第2期", note="好 <文章> & 值得"
    ),
    make_bookmark("a.cn/3", 3, title="第三篇", magazine="甲杂志", issue="2016年第2期", position=5),
    make_bookmark("a.cn/4", 4, title="无期号", magazine="甲杂志"),
    make_bookmark(
        "b.cn/5", 5, title="乙的文章", magazine="乙杂志", issue="2015年第1期", url="http://b.cn/5.html"
    ),
    make_bookmark("c.cn/6", 6, title="", url=None),
]


def test_export_is_a_netscape_bookmarks_file() -> None:
    html = bookmarks_html(BOOKMARKS)
    assert html.startswith("<!DOCTYPE NETSCAPE-Bookmark-file-1>")
    assert 'CONTENT="text/html; charset=UTF-8"' in html


def test_bookmarks_are_grouped_in_folders_by_magazine_then_issue() -> None:
    root = _read(bookmarks_html(BOOKMARKS)).root
    assert [f.name for f in root.folders] == ["乙杂志", "甲杂志"]  # by name: 乙 is U+4E59, 甲 U+7532
    first = root.folder("甲杂志")
    assert [f.name for f in first.folders] == ["2016年第2期", "2016年第10期"]
    assert [title for title, _ in first.folder("2016年第2期").links] == ["第二篇", "第三篇"]
    assert [title for title, _ in first.folder("2016年第10期").links] == ["第一篇"]
    assert [title for title, _ in first.links] == ["无期号"]
    assert [title for title, _ in root.folder("乙杂志").folder("2015年第1期").links] == ["乙的文章"]


def test_bookmark_without_a_magazine_sits_at_the_top_under_its_uid() -> None:
    root = _read(bookmarks_html(BOOKMARKS)).root
    assert root.links == [("c.cn/6", "magreader:c.cn/6")]


def test_links_open_the_article_in_the_reader_at_the_paragraph_reached() -> None:
    issue = _read(bookmarks_html(BOOKMARKS)).root.folder("甲杂志").folder("2016年第2期")
    assert issue.links == [("第二篇", "magreader:a.cn/2"), ("第三篇", "magreader:a.cn/3?paragraph=5")]


def test_original_urls_are_used_when_asked_for_and_known() -> None:
    root = _read(bookmarks_html(BOOKMARKS, original_urls=True)).root
    assert root.folder("乙杂志").folder("2015年第1期").links == [("乙的文章", "http://b.cn/5.html")]
    assert root.links == [("c.cn/6", "magreader:c.cn/6")]


def test_notes_and_markup_characters_survive_escaping() -> None:
    issue = _read(bookmarks_html(BOOKMARKS)).root.folder("甲杂志").folder("2016年第2期")
    assert issue.notes == ["好 <文章> & 值得"]


def test_empty_export_is_still_a_valid_file() -> None:
    reader = _read(bookmarks_html([]))
    assert reader.doctype == "DOCTYPE NETSCAPE-Bookmark-file-1"
    assert reader.root.folders == []
    assert reader.root.links == []


def test_export_html_writes_the_file_and_counts_bookmarks(tmp_path: Path) -> None:
    bookmarks = BookmarkFile(tmp_path / "data", clock=FakeClock())
    bookmarks.add("a.cn/1", title="标题", magazine="甲杂志", issue="2016年第1期")
    target = tmp_path / "bookmarks.html"
    assert bookmarks.export_html(target) == 1
    root = _read(target.read_text(encoding="utf-8")).root
    assert root.folder("甲杂志").folder("2016年第1期").links == [("标题", "magreader:a.cn/1")]


def test_issue_numbers_sort_as_numbers() -> None:
    labels = ["2016年第10期", "2015年第12期", "2016年第2期", "2016年第1期"]
    assert sorted(labels, key=natural_key) == ["2015年第12期", "2016年第1期", "2016年第2期", "2016年第10期"]
