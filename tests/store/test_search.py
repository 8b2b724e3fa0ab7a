"""Search a store: Chinese substrings of any length, Latin words, phrases, filters, ranking, reindexing."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.domain.article import Article, Figure, IssueLabel, Paragraph
from reader.store import search
from reader.store.reader import ArticleStore
from reader.store.search import SearchFilters, search_store
from reader.store.search_index import VERSION_KEY
from reader.store.writer import StoreWriter

ARTICLES = [
    Article(
        uid="econ",
        title="中國經濟的新常態",
        file="econ.html",
        subtitle="增長放緩",
        authors=("王小明",),
        category=("经济", "宏观"),
        issue=IssueLabel("2016年第1期", 2016, 1),
        blocks=(Paragraph("今年iPhone手機在北京賣得很好。The Café sold READERS a coffee."),),
    ),
    Article(
        uid="culture",
        title="文化随笔",
        file="culture.html",
        category=("文化",),
        issue=IssueLabel("2017年第2期", 2017, 2),
        blocks=(
            Paragraph("中国人民热爱读书，read every day。"),
            Figure(image=None, caption="北京的胡同", src="x.jpg"),
        ),
    ),
    Article(
        uid="tech",
        title="科技前沿",
        file="tech.html",
        summary="关于中国经济与科技",
        category=("经济", "产业"),
        issue=IssueLabel("2016年第2期", 2016, 2),
        blocks=(Paragraph("新能源汽车，经济 新常态下的产业升级。"),),
    ),
]


def _write(path: Path, articles: list[Article]) -> None:
    with StoreWriter(path) as writer:
        for at, article in enumerate(articles):
            writer.put_article(article, [], hashlib.sha256(repr(article).encode()).hexdigest(), f"{at:04d}")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ArticleStore]:
    path = tmp_path / "m.magstore"
    _write(path, ARTICLES)
    with ArticleStore.open(path) as opened:
        yield opened


def _uids(store: ArticleStore, query: str, **filters: object) -> set[str]:
    result = search_store(store, query, limit=0, filters=SearchFilters(**filters))  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return {hit.uid for hit in result.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("京", {"econ", "culture"}),
        ("北京", {"econ", "culture"}),
        ("新常态", {"econ", "tech"}),
        ("中国经济", {"econ", "tech"}),
        ("国人民", {"culture"}),
        ("胡同", {"culture"}),  # a caption
        ("王小明", {"econ"}),  # an author
        ("放缓", {"econ"}),  # a subtitle
        ("经济新", set()),  # "经济 新" in tech has a space between
    ],
)
def test_chinese_queries_of_one_to_four_characters_find_exact_substrings(
    store: ArticleStore, query: str, expected: set[str]
) -> None:
    assert _uids(store, query) == expected


def test_simplified_query_finds_traditional_text_and_back(store: ArticleStore) -> None:
    assert _uids(store, "北京卖得") == {"econ"}
    assert _uids(store, "中國人民") == {"culture"}


def test_latin_words_ignore_case_and_accents_and_match_whole_words(store: ArticleStore) -> None:
    assert _uids(store, "IPHONE") == {"econ"}
    assert _uids(store, "cafe") == {"econ"}
    assert _uids(store, "read") == {"culture"}
    assert _uids(store, "read*") == {"econ", "culture"}


def test_mixed_phrase_and_several_terms(store: ArticleStore) -> None:
    assert _uids(store, "iphone手机") == {"econ"}
    assert _uids(store, '"sold readers"') == {"econ"}
    assert _uids(store, '"readers sold"') == set()
    assert _uids(store, "北京 read") == {"culture"}
    assert _uids(store, "北京 科技") == set()


def test_filters_by_year_issue_and_category_prefix(store: ArticleStore) -> None:
    assert _uids(store, "经济", year=2016) == {"econ", "tech"}
    assert _uids(store, "经济", issue="2016年第2期") == {"tech"}
    assert _uids(store, "经济", category="经济") == {"econ", "tech"}
    assert _uids(store, "经济", category="经济 > 产业") == {"tech"}
    assert _uids(store, "经济", category="经") == set()
    assert _uids(store, "经济", year=1999) == set()


def test_title_hits_rank_above_body_hits(store: ArticleStore) -> None:
    result = search_store(store, "常态")
    assert [hit.uid for hit in result.hits] == ["econ", "tech"]


def test_snippet_highlights_the_hit_in_the_original_script(store: ArticleStore) -> None:
    (hit,) = search_store(store, "手机").hits
    start, end = hit.highlights[0]
    assert hit.snippet_text[start:end] == "手機"
    assert "[手機]" in hit.snippet
    assert search_store(store, "手机").to_json()["hits"][0]["snippet"] == hit.snippet


def test_snippet_comes_from_the_first_piece_holding_the_hit_even_at_its_first_character(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.magstore"
    body = (Paragraph("一段无关的文字。"), Paragraph("經濟新聞在第二段。"))
    _write(path, [Article(uid="two", title="标题", file="two.html", blocks=body)])
    with ArticleStore.open(path) as store:
        (hit,) = search_store(store, "经济新闻").hits
    assert hit.snippet == "[經濟新聞]在第二段。"


def test_limit_caps_hits_but_not_the_total(store: ArticleStore) -> None:
    result = search_store(store, "经济", limit=1)
    assert result.total == 2 and len(result.hits) == 1
    assert len(search_store(store, "经济", limit=0).hits) == 2


def test_query_without_letters_finds_nothing(store: ArticleStore) -> None:
    assert search_store(store, " ，。 ").total == 0


def test_reimport_reindexes_the_updated_article(tmp_path: Path) -> None:
    path = tmp_path / "m.magstore"
    _write(path, ARTICLES)
    changed = Article(uid="culture", title="文化随笔", file="culture.html", blocks=(Paragraph("全新的内容"),))
    _write(path, [changed])
    with ArticleStore.open(path) as store:
        assert _uids(store, "全新") == {"culture"}
        assert _uids(store, "热爱读书") == set()
        assert _uids(store, "北京") == {"econ"}


@pytest.mark.parametrize("damage", ["downgrade marker", "drop index", "version 1 store"])
def test_store_indexed_by_another_version_is_reindexed_on_open(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "m.magstore"
    _write(path, ARTICLES)
    conn = sqlite3.connect(path)
    if damage == "downgrade marker":
        conn.execute("UPDATE meta SET value = '0' WHERE key = ?", (VERSION_KEY,))
    else:
        conn.executescript("DROP TABLE search_index; DROP TABLE search_head; DROP TABLE search_pairs;")
        conn.execute("DELETE FROM meta WHERE key = ?", (VERSION_KEY,))
        if damage == "version 1 store":
            conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with ArticleStore.open(path) as store:
        assert _uids(store, "中国经济") == {"econ", "tech"}
        assert store.meta(VERSION_KEY) is not None


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("经济", {}),
        ("中国", {}),
        ("北京", {"year": 2017}),
        ("中国经济", {}),
        ("新常态", {"category": "经济"}),
    ],
)
def test_large_result_pages_match_the_full_ordering_newest_first_by_tier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, query: str, filters: dict[str, object]
) -> None:
    path = tmp_path / "m.magstore"
    many = [
        Article(
            uid=f"{source.uid}{copy}",
            title=source.title,
            file=f"{source.uid}{copy}.html",
            subtitle=source.subtitle,
            authors=source.authors,
            summary=source.summary,
            category=source.category,
            issue=source.issue,
            blocks=source.blocks,
        )
        for copy in range(4)
        for source in ARTICLES
    ]
    _write(path, many)
    monkeypatch.setattr(search, "RANKED_HITS", 1)  # every result counts as large: no bm25
    with ArticleStore.open(path) as store:
        every = search_store(store, query, limit=0, filters=SearchFilters(**filters))  # type: ignore[arg-type]
        assert every.total == len(every.hits) > 1
        for limit in (1, 2, 3, 5, 9, 50):
            page = search_store(store, query, limit=limit, filters=SearchFilters(**filters))  # type: ignore[arg-type]
            assert page.total == every.total
            assert [(h.uid, h.score) for h in page.hits] == [(h.uid, h.score) for h in every.hits][:limit]


def test_store_with_the_old_normalised_text_table_is_reindexed_without_it(tmp_path: Path) -> None:
    path = tmp_path / "m.magstore"
    _write(path, ARTICLES)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '1' WHERE key = ?", (VERSION_KEY,))
    conn.execute("CREATE TABLE search_text(id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    conn.commit()
    conn.close()
    with ArticleStore.open(path) as store:
        assert _uids(store, "热爱读书") == {"culture"}
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert "search_text" not in tables and "search_pairs" in tables


def test_large_results_pass_their_ids_in_one_parameter_as_old_sqlite_allows_999(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.magstore"
    many = [
        Article(
            uid=f"u{at:02d}",
            title="中国人" if at % 7 == 0 else "杂谈",
            file=f"{at}.html",
            blocks=(Paragraph("中国人民"),),
        )
        for at in range(40)
    ]
    _write(path, many)
    monkeypatch.setattr(search, "RANKED_HITS", 25)
    monkeypatch.setattr(search, "_CHUNK", 10)  # rows are read 500 at a time: scaled down with the limit
    with ArticleStore.open(path) as store:
        conn = search.store_connection(store)
        if not hasattr(conn, "setlimit"):
            pytest.skip("lowering SQLite's parameter limit needs Python 3.11 (Connection.setlimit)")
        conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 20)
        for query in ("中国人", "中国", "人民"):
            every = search_store(store, query, limit=0)
            page = search_store(store, query, limit=8)
            assert every.total == page.total == 40
            assert page.hits == every.hits[:8]
        monkeypatch.setattr(search, "RANKED_HITS", 1000)
        assert search_store(store, "中国人", limit=0).total == 40  # bm25 over the hits, named in SQL
