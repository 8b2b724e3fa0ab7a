"""Write articles and images into a store in BEGIN IMMEDIATE transactions, keeping uids across re-imports."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from reader.domain.article import Article, IssueLabel, block_to_json
from reader.domain.progress import Reporter
from reader.store.connection import open_for_writing
from reader.store.errors import StoreError
from reader.store.reader import CATEGORY_SEPARATOR
from reader.store.search_index import (
    SearchColumns,
    SearchFields,
    index_columns,
    optimise_search_index,
    search_columns,
    unindex_article,
)

_CACHE_KIB = 16 * 1024


class ImageData(NamedTuple):
    sha256: str
    mime: str
    width: int | None
    height: int | None
    data: bytes


class PreparedArticle(NamedTuple):
    """An article as the columns of its row: what the writer stores, with the CPU-costly parts (JSON
    text, character count, search tokens) already computed. A tuple of plain values, so an import's
    worker process sends it to the writer for the price of a few strings, not a tree of blocks."""

    uid: str
    url: str | None
    file: str
    title: str
    subtitle: str | None
    authors: str
    source: str | None
    date: str | None
    summary: str | None
    category: tuple[str, ...]
    issue: IssueLabel | None
    blocks: str
    prev: str | None
    next: str | None
    related: str
    pages: int
    chars: int
    search: SearchColumns


def prepare_article(article: Article) -> PreparedArticle:
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    texts = article.texts()
    # search: the same fields a rebuild reads back from the row (tests pin the equivalence)
    fields = SearchFields(
        article.title, article.subtitle or "", article.authors, article.summary or "", tuple(texts)
    )
    return PreparedArticle(
        uid=article.uid,
        url=article.url,
        file=article.file,
        title=article.title,
        subtitle=article.subtitle,
        authors=dump(list(article.authors)),
        source=article.source,
        date=article.date,
        summary=article.summary,
        category=article.category,
        issue=article.issue,
        blocks=dump([block_to_json(b) for b in article.blocks]),
        prev=dump(article.prev.to_json()) if article.prev else None,
        next=dump(article.next.to_json()) if article.next else None,
        related=dump([r.to_json() for r in article.related]),
        pages=article.pages,
        chars=sum(len("".join(text.split())) for text in texts),
        search=search_columns(fields),
    )


class PutResult(Enum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class StoreWriter:
    """The importer's handle on a store. Use as a context manager; call `commit()` between batches."""

    def __init__(self, path: str | Path, reporter: Reporter | None = None) -> None:
        """Open (or create) the store; one made by an older version is updated first, reporting to
        `reporter`."""
        self.path = Path(path)
        self._conn: sqlite3.Connection = open_for_writing(self.path, reporter)
        # A batch of articles touches far more than SQLite's default 2 MB page cache holds (the FTS5
        # segments, the images' overflow pages); 16 MB measured 8-10% less CPU in the import's one
        # writing process. This connection's setting only: nothing in the file changes.
        self._conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        self._in_tx = False
        self._issue_ids: dict[str, int] = {}
        self._category_ids: dict[str, int] = {}
        self._next_position = 0
        self._load_caches()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.finish()
        else:
            self.rollback()
        self.close()

    def close(self) -> None:
        self._conn.close()

    def _load_caches(self) -> None:
        for key, id_ in self._conn.execute("SELECT key, id FROM issues"):
            self._issue_ids[str(key)] = int(id_)
        for path, id_, position in self._conn.execute("SELECT path, id, position FROM categories"):
            self._category_ids[str(path)] = int(id_)
            self._next_position = max(self._next_position, int(position) + 1)

    # -- transactions -------------------------------------------------------------------------------

    def _begin(self) -> None:
        if not self._in_tx:
            self._conn.execute("BEGIN IMMEDIATE")
            self._in_tx = True

    def commit(self) -> None:
        if self._in_tx:
            self._conn.execute("COMMIT")
            self._in_tx = False

    def rollback(self) -> None:
        # SQLite may already have rolled back on its own (an I/O error, a full disk).
        if self._in_tx and self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
        self._in_tx = False

    # -- contents -----------------------------------------------------------------------------------

    def known_hashes(self) -> dict[str, str]:
        """The content hash of every article by the file of its first page: what a re-import may skip."""
        return {str(f): str(h) for f, h in self._conn.execute("SELECT file, content_hash FROM articles")}

    def set_meta(self, key: str, value: str) -> None:
        self._begin()
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def get_meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put_article(
        self, article: Article, images: list[ImageData], content_hash: str, sort_key: str
    ) -> PutResult:
        """Add or update an article."""
        return self.put_prepared(prepare_article(article), images, content_hash, sort_key)

    def put_prepared(
        self, ready: PreparedArticle, images: list[ImageData], content_hash: str, sort_key: str
    ) -> PutResult:
        """Add or update an article given as its row (`prepare_article`, which an import runs in its
        worker processes)."""
        self._begin()
        existing = self._conn.execute(
            "SELECT id, content_hash FROM articles WHERE uid = ?", (ready.uid,)
        ).fetchone()
        if existing is not None and existing[1] == content_hash:
            return PutResult.UNCHANGED
        if images:
            self._conn.executemany(
                "INSERT OR IGNORE INTO images(sha256, mime, width, height, data) VALUES(?, ?, ?, ?, ?)",
                images,
            )
        values = (
            ready.url,
            ready.file,
            ready.title,
            ready.subtitle,
            ready.authors,
            ready.source,
            ready.date,
            ready.summary,
            self._category_id(ready.category),
            self._issue_id(ready.issue),
            sort_key,
            ready.blocks,
            ready.prev,
            ready.next,
            ready.related,
            ready.pages,
            ready.chars,
            content_hash,
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        if existing is None:
            cursor = self._conn.execute(
                "INSERT INTO articles(url, file, title, subtitle, authors, source, date, summary, "
                "category_id, issue_id, sort_key, blocks, prev, next, related, pages, chars, content_hash, "
                "imported_at, uid) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, ready.uid),
            )
            article_id = int(cursor.lastrowid or 0)
            result = PutResult.ADDED
        else:
            article_id = int(existing[0])
            unindex_article(self._conn, article_id)  # search: drop the old text's tokens first
            self._conn.execute(
                "UPDATE articles SET url = ?, file = ?, title = ?, subtitle = ?, authors = ?, source = ?, "
                "date = ?, summary = ?, category_id = ?, issue_id = ?, sort_key = ?, blocks = ?, prev = ?, "
                "next = ?, related = ?, pages = ?, chars = ?, content_hash = ?, imported_at = ? WHERE id = ?",
                (*values, article_id),
            )
            self._conn.execute("DELETE FROM article_images WHERE article_id = ?", (article_id,))
            result = PutResult.UPDATED
        index_columns(self._conn, article_id, ready.search)  # search: tokens prepared with the row
        if images:
            self._conn.executemany(
                "INSERT OR IGNORE INTO article_images(article_id, sha256) VALUES(?, ?)",
                [(article_id, image.sha256) for image in images],
            )
        return result

    def _issue_id(self, issue: IssueLabel | None) -> int | None:
        if issue is None:
            return None
        if issue.year is not None and issue.number is not None:
            key = f"{issue.year:04d}-{issue.number:02d}"
        elif issue.total is not None:
            key = f"total-{issue.total}"
        else:
            key = issue.label
        found = self._issue_ids.get(key)
        if found is not None:
            return found
        cursor = self._conn.execute(
            "INSERT INTO issues(key, label, year, number, total) VALUES(?, ?, ?, ?, ?)",
            (key, issue.label, issue.year, issue.number, issue.total),
        )
        self._issue_ids[key] = int(cursor.lastrowid or 0)
        return self._issue_ids[key]

    def _category_id(self, category: tuple[str, ...]) -> int | None:
        parent: int | None = None
        for depth in range(1, len(category) + 1):
            path = CATEGORY_SEPARATOR.join(category[:depth])
            found = self._category_ids.get(path)
            if found is None:
                cursor = self._conn.execute(
                    "INSERT INTO categories(parent_id, name, path, position) VALUES(?, ?, ?, ?)",
                    (parent, category[depth - 1], path, self._next_position),
                )
                self._next_position += 1
                found = int(cursor.lastrowid or 0)
                self._category_ids[path] = found
            parent = found
        return parent

    def finish(self) -> None:
        """Recount issues and categories, drop images no article uses, and commit."""
        self._begin()
        self._conn.execute(
            "UPDATE issues SET article_count = (SELECT count(*) FROM articles a WHERE a.issue_id = issues.id)"
        )
        self._conn.execute("UPDATE categories SET article_count = 0")
        direct = self._conn.execute(
            "SELECT category_id, count(*) FROM articles WHERE category_id IS NOT NULL GROUP BY category_id"
        ).fetchall()
        parents = dict(self._conn.execute("SELECT id, parent_id FROM categories").fetchall())
        totals: dict[int, int] = {}
        for category_id, count in direct:
            node: int | None = int(category_id)
            while node is not None:
                totals[node] = totals.get(node, 0) + int(count)
                node = parents.get(node)
        self._conn.executemany(
            "UPDATE categories SET article_count = ? WHERE id = ?", [(c, i) for i, c in totals.items()]
        )
        (count,) = self._conn.execute("SELECT count(*) FROM articles").fetchone()
        self.set_meta("article_count", str(count))
        self._conn.execute("DELETE FROM images WHERE sha256 NOT IN (SELECT sha256 FROM article_images)")
        optimise_search_index(self._conn)  # search: one segment per table keeps queries fast and small
        self.commit()
        try:
            self._conn.execute("PRAGMA optimize")
        except sqlite3.DatabaseError as exc:  # pragma: no cover - optimisation only
            raise StoreError(f"{self.path}: {exc}") from None
