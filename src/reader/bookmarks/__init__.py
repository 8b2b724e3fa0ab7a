"""User data that must never be lost: the bookmarks."""

from reader.bookmarks.bookmark_file import BookmarkFile, ImportSummary, Lookup
from reader.bookmarks.durable import DocumentError, LoadReport
from reader.bookmarks.html_export import bookmarks_html
from reader.bookmarks.links import ArticleLink, article_uri, parse_article_uri
from reader.bookmarks.lock import LockTimeoutError
from reader.bookmarks.model import Bookmark, BookmarkDocument, Tombstone, merge

__all__ = [
    "ArticleLink",
    "Bookmark",
    "BookmarkDocument",
    "BookmarkFile",
    "DocumentError",
    "ImportSummary",
    "LoadReport",
    "LockTimeoutError",
    "Lookup",
    "Tombstone",
    "article_uri",
    "bookmarks_html",
    "merge",
    "parse_article_uri",
]
