"""`magreader:` article URIs: written for exported links, read back by the desktop handler."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.bookmarks import ArticleLink, article_uri, parse_article_uri

UID = "www.example.cn/a/xgzdj/xx/2016/0118/1236"


def test_uri_of_an_article_keeps_its_uid_readable() -> None:
    assert article_uri(UID) == f"magreader:{UID}"
    assert article_uri(UID, 12) == f"magreader:{UID}?paragraph=12"


def test_characters_that_would_break_the_uri_are_escaped() -> None:
    uri = article_uri("a.cn/文章?x=1#top")
    assert "?" not in uri.removeprefix("magreader:")
    assert "#" not in uri
    assert parse_article_uri(uri) == ArticleLink("a.cn/文章?x=1#top")


@given(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1),
    st.integers(min_value=0, max_value=10**9),
)
def test_uri_reads_back_as_the_article_and_paragraph(uid: str, paragraph: int) -> None:
    assert parse_article_uri(article_uri(uid, paragraph)) == ArticleLink(uid, paragraph)


@given(st.text())
def test_reading_any_text_as_a_uri_gives_a_link_or_value_error(text: str) -> None:
    try:
        link = parse_article_uri(text)
    except ValueError:
        return
    assert link.uid
    assert link.paragraph >= 0


@pytest.mark.parametrize(
    "uri", ["http://a.cn/1", "magreader:", f"magreader:{UID}?paragraph=-1", f"magreader:{UID}?page=2", UID]
)
def test_what_is_not_an_article_uri_is_refused(uri: str) -> None:
    with pytest.raises(ValueError):
        parse_article_uri(uri)


def test_scheme_is_case_insensitive() -> None:
    assert parse_article_uri(f"MagReader:{UID}") == ArticleLink(UID)
