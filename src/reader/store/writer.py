"""Write articles and images into a store in BEGIN IMMEDIATE transactions, keeping uids across re-imports."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from types import TracebackType

from reader.domain.article import Article, block_to_json
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


@dataclass(frozen=True)
class ImageData:
    sha256: str
    mime: str
    width: int | None
    height: int | None
    data: bytes


@dataclass(frozen=True)
class PreparedArticle:
    """An article's column values that take CPU to compute: JSON text, character count, search tokens."""

    authors: str
    blocks: str
    prev: str | None
    next: str | None
    related: str
    chars: int
    search: SearchColumns


def prepare_article(article: Article) -> PreparedArticle:
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    authors = dump(list(article.authors))
    blocks = dump([block_to_json(b) for b in article.blocks])
    # search: indexed as a rebuild would read the row back
    fields = SearchFields.from_row((article.title, article.subtitle, authors, article.summary, blocks))
    return PreparedArticle(
        authors=authors,
        blocks=blocks,
        prev=dump(article.prev.to_json()) if article.prev else None,
        next=dump(article.next.to_json()) if article.next else None,
        related=dump([r.to_json() for r in article.related]),
        chars=article.chars,
        search=search_columns(fields),
    )


class PutResult(Enum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class StoreWriter:
    """The importer's handle on a store. Use as a context manager; call `commit()` between batches."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection = open_for_writing(self.path)
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
        self,
        article: Article,
        images: list[ImageData],
        content_hash: str,
        sort_key: str,
        prepared: PreparedArticle | None = None,
    ) -> PutResult:
        """Add or update an article. `prepared` (from `prepare_article`, computed in a worker process by
        the importer) saves the writer the JSON encoding and the search tokenising."""
        self._begin()
        existing = self._conn.execute(
            "SELECT id, content_hash FROM articles WHERE uid = ?", (article.uid,)
        ).fetchone()
        if existing is not None and existing[1] == content_hash:
            return PutResult.UNCHANGED
        for image in images:
            self._conn.execute(
                "INSERT OR IGNORE INTO images(sha256, mime, width, height, data) VALUES(?, ?, ?, ?, ?)",
                (image.sha256, image.mime, image.width, image.height, image.data),
            )
        ready = prepared if prepared is not None else prepare_article(article)
        values = (
            article.url,
            article.file,
            article.title,
            article.subtitle,
            ready.authors,
            article.source,
            article.date,
            article.summary,
            self._category_id(article.category),
            self._issue_id(article),
            sort_key,
            ready.blocks,
            ready.prev,
            ready.next,
            ready.related,
            article.pages,
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
                (*values, article.uid),
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
        self._conn.executemany(
            "INSERT OR IGNORE INTO article_images(article_id, sha256) VALUES(?, ?)",
            [(article_id, image.sha256) for image in images],
        )
        return result

    def _issue_id(self, article: Article) -> int | None:
        issue = article.issue
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
