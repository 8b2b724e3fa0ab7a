"""Property: for random articles and random substrings as queries, search finds exactly what a scan finds."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.domain.article import Article, Paragraph
from reader.store import search
from reader.store.reader import ArticleStore
from reader.store.search import search_store
from reader.store.search_text import Term, is_word_char, normalise, parse_query
from reader.store.writer import StoreWriter

_PIECES = [
    *"中国國人民学學习習经經济濟发發展的",
    "Read",
    "reader",
    "café",
    "CAFE",
    "iPhone",
    "ab",
    "，",
    " ",
    "。",
]
_TEXT = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25).map("".join)


def _scan(term: Term, normal: str) -> bool:
    """Brute force: every position, with the Latin word edges the search promises."""
    for at in range(len(normal) - len(term.text) + 1):
        if normal[at : at + len(term.text)] != term.text:
            continue
        end = at + len(term.text)
        if is_word_char(term.text[0]) and at > 0 and is_word_char(normal[at - 1]):
            continue
        if (
            is_word_char(term.text[-1])
            and not term.prefix
            and end < len(normal)
            and is_word_char(normal[end])
        ):
            continue
        return True
    return False


_ARTICLES = st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=6)
_CUTS = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 40), st.integers(1, 6)), min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=_ARTICLES, cuts=_CUTS)
def test_hits_are_exactly_the_articles_a_substring_scan_finds(
    texts: list[tuple[str, str]], cuts: list[tuple[int, int, int]]
) -> None:
    _check_against_scan(texts, cuts)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=_ARTICLES, cuts=_CUTS, ranked=st.integers(1, 3))
def test_large_results_count_and_page_exactly_what_a_substring_scan_finds(
    texts: list[tuple[str, str]], cuts: list[tuple[int, int, int]], ranked: int
) -> None:
    """With a tiny RANKED_HITS every result is large: the newest hits are read apart from the older ones,
    which are only counted, and a page is put together tier by tier from the index."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "RANKED_HITS", ranked)
        _check_against_scan(texts, cuts, pages=(1, 2, 4))


def _check_against_scan(
    texts: list[tuple[str, str]], cuts: list[tuple[int, int, int]], pages: tuple[int, ...] = ()
) -> None:
    articles = [
        Article(uid=f"u{at}", title=title, file=f"{at}.html", blocks=(Paragraph(body),))
        for at, (title, body) in enumerate(texts)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.magstore"
        with StoreWriter(path) as writer:
            for at, article in enumerate(articles):
                writer.put_article(article, [], f"h{at}", f"{at:04d}")
        fields = {a.uid: normalise(a.title + "\n" + "\n".join(a.texts())) for a in articles}
        with ArticleStore.open(path) as store:
            for which, start, length in cuts:
                title, body = texts[which % len(texts)]
                source = body if start % 2 else title
                query = source[start % len(source) :][:length]
                terms = parse_query(query)
                expected = {
                    uid for uid, normal in fields.items() if terms and all(_scan(t, normal) for t in terms)
                }
                result = search_store(store, query, limit=0)
                assert {hit.uid for hit in result.hits} == expected, query
                assert result.total == len(expected)
                for limit in pages:
                    page = search_store(store, query, limit=limit)
                    assert page.total == len(expected), query
                    assert page.hits == result.hits[:limit], query
