"""`magreader:` URIs that name an article (and a paragraph in it), for exported links and the desktop handler.

Form: `magreader:<uid>` or `magreader:<uid>?paragraph=<n>`, the uid percent-encoded except for `/`, e.g.
`magreader:www.example.cn/a/xgzdj/xx/2016/0118/1236?paragraph=12`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

SCHEME = "magreader"
_PARAGRAPH = "paragraph="


@dataclass(frozen=True)
class ArticleLink:
    uid: str
    paragraph: int = 0


def article_uri(uid: str, paragraph: int = 0) -> str:
    """The `magreader:` URI of an article; the paragraph is left out when it is the top (0)."""
    if not uid:
        raise ValueError("an article URI needs a uid")
    if paragraph < 0:
        raise ValueError(f"paragraph must be ≥ 0, not {paragraph}")
    uri = f"{SCHEME}:{quote(uid, safe='/')}"
    return f"{uri}?{_PARAGRAPH}{paragraph}" if paragraph else uri


def parse_article_uri(uri: str) -> ArticleLink:
    """Read a `magreader:` URI back; ValueError when it is not one."""
    scheme, colon, rest = uri.partition(":")
    if not colon or scheme.lower() != SCHEME:
        raise ValueError(f"not a {SCHEME}: URI: {uri!r}")
    path, question, query = rest.partition("?")
    uid = unquote(path, errors="strict")
    if not uid:
        raise ValueError(f"no article in {uri!r}")
    if not question:
        return ArticleLink(uid)
    digits = query.removeprefix(_PARAGRAPH)
    if digits == query or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"unreadable paragraph in {uri!r}")
    return ArticleLink(uid, int(digits))
