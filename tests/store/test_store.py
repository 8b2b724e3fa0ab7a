"""The store file: what it refuses to open, versions and migrations, trees and articles read back."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from reader.domain.article import Article, Figure, ImageRef, IssueLabel, Link, Paragraph
from reader.domain.progress import Cancelled, CancelToken, Progress, Reporter
from reader.store import schema
from reader.store.connection import open_for_writing
from reader.store.errors import StoreError
from reader.store.reader import ArticleStore
from reader.store.writer import ImageData, PutResult, StoreWriter

SHA = "5" * 64


def make_article(
    n: int, issue: tuple[int, int] | None = (2020, 1), category: tuple[str, ...] = ("人文", "生活")
) -> Article:
    return Article(
        uid=f"example.cn/a/{n}",
        title=f"文章{n}",
        file=f"a/{n}.html",
        authors=("作者甲",),
        category=category,
        issue=IssueLabel(f"{issue[0]}年第{issue[1]}期", issue[0], issue[1]) if issue else None,
        blocks=(
            Paragraph(f"第{n}篇正文。"),
            Figure(ImageRef(SHA, 2, 1, "image/png", "u/x.png"), caption="说明", credit="某人"),
        ),
        next=Link(f"example.cn/a/{n + 1}", f"文章{n + 1}", f"/a/{n + 1}.html"),
    )


def build(path: Path, articles: list[Article]) -> None:
    with StoreWriter(path) as writer:
        writer.set_meta("name", "测试杂志")
        for i, article in enumerate(articles):
            writer.put_article(
                article, [ImageData(SHA, "image/png", 2, 1, b"png-bytes")], f"h{i}", f"{i:06d}"
            )


def test_trees_have_counts_in_order(tmp_path: Path) -> None:
    articles = [make_article(1, (2021, 2)), make_article(2, (2020, 12)), make_article(3, (2021, 1), ("自然", "山川")),
                make_article(4, (2021, 2)), make_article(5, None)]  # fmt: skip
    build(tmp_path / "m.magstore", articles)
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        assert [(y.year, y.issue_count, y.article_count) for y in store.years()] == [
            (2020, 1, 1),
            (2021, 2, 3),
            (None, 0, 1),
        ]
        assert [(i.label, i.article_count) for i in store.issues(2021)] == [
            ("2021年第1期", 1),
            ("2021年第2期", 2),
        ]
        feb = store.issues(2021)[1]
        assert [r.uid for r in store.issue_articles(feb.id)] == ["example.cn/a/1", "example.cn/a/4"]
        assert [r.uid for r in store.issue_articles(None)] == ["example.cn/a/5"]
        sections = store.categories(None)
        assert [(c.name, c.article_count, c.child_count) for c in sections] == [
            ("人文", 4, 1),
            ("自然", 1, 1),
        ]
        (sub,) = store.categories(sections[0].id)
        assert sub.path == ("人文", "生活")
        assert len(store.category_articles(sub.id)) == 4


def test_article_reads_back_with_links_marked_saved_or_not(tmp_path: Path) -> None:
    build(tmp_path / "m.magstore", [make_article(1), make_article(2)])
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        first, second = store.article("example.cn/a/1"), store.article("example.cn/a/2")
        assert first is not None and second is not None
        assert first.next == Link("example.cn/a/2", "文章2", "/a/2.html", saved=True)
        assert second.next is not None and not second.next.saved
        assert first.blocks == make_article(1).blocks
        assert store.neighbours("example.cn/a/2") == ("example.cn/a/1", None)
        assert store.article("nope") is None


def test_images_are_stored_once_whatever_the_number_of_articles(tmp_path: Path) -> None:
    build(tmp_path / "m.magstore", [make_article(n) for n in range(5)])
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        assert store.counts()["images"] == 1
        image = store.image(SHA)
        assert image is not None and image.data == b"png-bytes"


def test_putting_the_same_content_again_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "m.magstore"
    build(path, [make_article(1)])
    with StoreWriter(path) as writer:
        assert writer.put_article(make_article(1), [], "h0", "0") is PutResult.UNCHANGED
        assert writer.put_article(make_article(1), [], "other", "0") is PutResult.UPDATED


@pytest.mark.parametrize(
    "content",
    [b"", b"random bytes " * 100, os.urandom(4096), b"SQLite format 3\x00" + b"\x00" * 50],
    ids=["empty", "text", "random", "truncated-sqlite"],
)
def test_a_file_that_is_not_a_store_gives_a_clear_error_and_is_not_modified(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "bad.magstore"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"not a Magazine Reader store|damaged"):
        ArticleStore.open(path)
    assert path.read_bytes() == content


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts(name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a Magazine Reader store"):
        ArticleStore.open(path)
    with pytest.raises(StoreError, match="not a Magazine Reader store"):
        StoreWriter(path)
    assert path.read_bytes() == before


def test_a_store_from_a_newer_version_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "new.magstore"
    build(path, [make_article(1)])
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.schema_version() + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        ArticleStore.open(path)


def test_missing_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        ArticleStore.open(tmp_path / "absent.magstore")


def test_older_store_is_migrated_forward_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.magstore"
    build(path, [make_article(1)])
    added: list[str] = []

    def v_next(conn: sqlite3.Connection, _reporter: Reporter) -> None:
        conn.execute("CREATE TABLE migrated_marker(x)")
        added.append("ran")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, v_next])
    with ArticleStore.open(path) as store:
        assert store.article("example.cn/a/1") is not None
    assert added == ["ran"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    conn.close()


def _stale_search_index(path: Path) -> None:
    """Make the store's search index look as if an older version had built it."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = 'old' WHERE key = 'search_index_version'")
    conn.commit()
    conn.close()


def _search_version(path: Path) -> str:
    conn = sqlite3.connect(path)
    (value,) = conn.execute("SELECT value FROM meta WHERE key = 'search_index_version'").fetchone()
    conn.close()
    return str(value)


def test_a_reindex_reports_its_progress_to_the_last_article(tmp_path: Path) -> None:
    path = tmp_path / "m.magstore"
    build(path, [make_article(n) for n in range(450)])  # more than one batch
    _stale_search_index(path)
    seen: list[Progress] = []
    open_for_writing(path, Reporter(progress=seen.append)).close()
    assert seen[0].done == 0 and seen[-1].done == seen[-1].total == 450
    assert [p.done for p in seen] == sorted(p.done for p in seen) and len(seen) > 2
    assert _search_version(path) != "old"


def test_a_cancelled_reindex_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "m.magstore"
    build(path, [make_article(n) for n in range(450)])
    _stale_search_index(path)
    before = path.read_bytes()
    token = CancelToken()

    def cancel_midway(progress: Progress) -> None:
        if progress.done >= 200:
            token.cancel()

    with pytest.raises(Cancelled):
        open_for_writing(path, Reporter(progress=cancel_midway, cancel=token))
    assert path.read_bytes() == before
    assert not Path(f"{path}-journal").exists()
    assert _search_version(path) == "old"  # still stale: the next open rebuilds it
    with ArticleStore.open(path) as store:
        assert store.article("example.cn/a/3") is not None


def test_readers_cannot_write(tmp_path: Path) -> None:
    build(tmp_path / "m.magstore", [make_article(1)])
    with (
        ArticleStore.open(tmp_path / "m.magstore") as store,
        pytest.raises(sqlite3.OperationalError, match="readonly"),
    ):
        store._conn.execute("DELETE FROM articles")


def test_search_tokens_prepared_at_import_equal_a_rebuilds(tmp_path: Path) -> None:
    """An import tokenises the article it extracted; a reindex tokenises the row read back. If the two
    differed, a re-import would delete tokens the index never had and searches would miss articles."""
    from reader.domain.article import Heading, ListBlock, Quote, Table
    from reader.store.search_index import ROW_COLUMNS, SearchFields
    from reader.store.writer import prepare_article

    article = Article(
        uid="example.cn/a/mixed",
        title="  标题　含空格 ",
        file="a/mixed.html",
        subtitle="副题",
        authors=("甲", "乙 丙"),
        summary="摘要：Ünïcode 与 全角，标点。",
        blocks=(
            Heading("小标题", 2),
            Paragraph("第一段　有全角空格\n和换行。"),
            Quote("引文"),
            ListBlock(("一", "二"), ordered=True),
            Table((("甲", ""), ("", "乙"))),
            Figure(None, alt="图", caption="说明", credit="图/ 李强"),
            Figure(None),
        ),
    )
    build(tmp_path / "m.magstore", [article])
    conn = sqlite3.connect(tmp_path / "m.magstore")
    row = conn.execute(f"SELECT {ROW_COLUMNS} FROM articles").fetchone()
    conn.close()
    assert prepare_article(article).search == SearchFields.from_row(row).columns()
