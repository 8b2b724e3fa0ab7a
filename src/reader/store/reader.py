"""Read a store: the magazine, its issue and category trees, articles and images, for the window and CLI."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, NamedTuple, ParamSpec, TypeVar

from reader.domain.article import Article, IssueLabel, Link, block_from_json
from reader.domain.progress import Reporter
from reader.store.connection import DAMAGE_ERRORS, open_read_only
from reader.store.errors import StoreError

CATEGORY_SEPARATOR = " > "

# Rows are named tuples: read-only like frozen dataclasses, and a tenth of the cost to define, which
# every start of the window pays.


class Magazine(NamedTuple):
    name: str
    site: str | None
    about: str | None
    article_count: int
    issue_count: int

    @property
    def identity(self) -> str:
        """What bookmarks and reading positions key a magazine by: its site, else its name."""
        return self.site or self.name


class YearRow(NamedTuple):
    year: int | None  # None gathers issues printed without a year ("总第123期") and unfiled articles
    issue_count: int
    article_count: int


class IssueRow(NamedTuple):
    id: int
    label: str
    year: int | None
    number: int | None
    total: int | None
    article_count: int


class CategoryRow(NamedTuple):
    id: int
    parent_id: int | None
    name: str
    path: tuple[str, ...]
    article_count: int
    child_count: int


class ArticleRow(NamedTuple):
    """What a tree or a list needs of an article, without its body."""

    id: int
    uid: str
    title: str
    date: str | None
    file: str
    issue_id: int | None
    category_id: int | None


# A tree row of an article: uid, title, date.
TreeRow = tuple[str, str, "str | None"]


class StoredImage(NamedTuple):
    data: bytes
    mime: str
    width: int | None
    height: int | None


R = TypeVar("R")
P = ParamSpec("P")


def _damage_is_store_error(
    method: Callable[Concatenate[ArticleStore, P], R],
) -> Callable[Concatenate[ArticleStore, P], R]:
    """A read whose rows are not what the schema promises (a damaged file: NULL ids, text for numbers)
    raises StoreError like any other damage, never TypeError or ValueError."""

    @functools.wraps(method)
    def read(self: ArticleStore, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.path} is damaged: {exc}") from None

    return read


_ARTICLE_ROW = "a.id, a.uid, a.title, a.date, a.file, a.issue_id, a.category_id"


class ArticleStore:
    """A read-only view of one store file. Cheap to open; every query is a few indexed lookups."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path, reporter: Reporter | None = None) -> ArticleStore:
        """Open a store for reading; one made by an older version is updated first, reporting to
        `reporter` (which may cancel the update, leaving the file as it was)."""
        path = Path(path)
        return cls(open_read_only(path, reporter), path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except DAMAGE_ERRORS as exc:
            raise StoreError(f"{self.path} is damaged: {exc}") from None

    # -- the magazine -------------------------------------------------------------------------------

    @_damage_is_store_error
    def meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    @_damage_is_store_error
    def magazine(self) -> Magazine:
        # The writer keeps the article count in meta; counting 50,000 rows on every open costs ~10 ms.
        counted = self.meta("article_count")
        articles = int(counted) if counted else self._query("SELECT count(*) FROM articles")[0][0]
        (issues,) = self._query("SELECT count(*) FROM issues WHERE article_count > 0")[0]
        return Magazine(
            name=self.meta("name") or self.path.stem,
            site=self.meta("site"),
            about=self.meta("about"),
            article_count=int(articles),
            issue_count=int(issues),
        )

    # -- issues -------------------------------------------------------------------------------------

    @_damage_is_store_error
    def years(self) -> list[YearRow]:
        rows = self._query(
            "SELECT year, count(*), sum(article_count) FROM issues WHERE article_count > 0 "
            "GROUP BY year ORDER BY year IS NULL, year"
        )
        years = [YearRow(_opt_int(y), int(n), int(c)) for y, n, c in rows]
        unfiled = self.unfiled_count()
        if unfiled:
            if years and years[-1].year is None:
                last = years.pop()
                years.append(YearRow(None, last.issue_count, last.article_count + unfiled))
            else:
                years.append(YearRow(None, 0, unfiled))
        return years

    @_damage_is_store_error
    def issues(self, year: int | None) -> list[IssueRow]:
        where = "year IS NULL" if year is None else "year = ?"
        params: tuple[object, ...] = () if year is None else (year,)
        rows = self._query(
            f"SELECT id, label, year, number, total, article_count FROM issues "
            f"WHERE {where} AND article_count > 0 ORDER BY number IS NULL, number, total, label",
            params,
        )
        return [_issue(r) for r in rows]

    @_damage_is_store_error
    def all_issues(self) -> list[IssueRow]:
        rows = self._query(
            "SELECT id, label, year, number, total, article_count FROM issues WHERE article_count > 0 "
            "ORDER BY year IS NULL, year, number IS NULL, number, total, label"
        )
        return [_issue(r) for r in rows]

    @_damage_is_store_error
    def issue(self, issue_id: int) -> IssueRow | None:
        rows = self._query(
            "SELECT id, label, year, number, total, article_count FROM issues WHERE id = ?", (issue_id,)
        )
        return _issue(rows[0]) if rows else None

    @_damage_is_store_error
    def issue_articles(self, issue_id: int | None) -> list[ArticleRow]:
        """The articles of an issue in the issue's order; None gives the unfiled articles."""
        return [_article_row(r) for r in self._query(*_issue_articles_sql(_ARTICLE_ROW, issue_id))]

    @_damage_is_store_error
    def issue_tree_rows(self, issue_id: int | None) -> list[TreeRow]:
        """What the Issues tree shows of an issue's articles (None: the unfiled ones), in the issue's order.

        Only uid, title and date, read from the covering index, as plain tuples: expanding a 500-article
        issue makes no per-row objects beyond the tree's own nodes.
        """
        return [_tree_row(r) for r in self._query(*_issue_articles_sql(_TREE_ROW, issue_id))]

    @_damage_is_store_error
    def unfiled_count(self) -> int:
        return int(self._query("SELECT count(*) FROM articles WHERE issue_id IS NULL")[0][0])

    # -- categories ---------------------------------------------------------------------------------

    @_damage_is_store_error
    def categories(self, parent_id: int | None) -> list[CategoryRow]:
        where = "c.parent_id IS NULL" if parent_id is None else "c.parent_id = ?"
        params: tuple[object, ...] = () if parent_id is None else (parent_id,)
        rows = self._query(
            "SELECT c.id, c.parent_id, c.name, c.path, c.article_count, "
            "(SELECT count(*) FROM categories k WHERE k.parent_id = c.id) "
            f"FROM categories c WHERE {where} AND c.article_count > 0 ORDER BY c.position",
            params,
        )
        return [_category(r) for r in rows]

    @_damage_is_store_error
    def category(self, category_id: int) -> CategoryRow | None:
        rows = self._query(
            "SELECT c.id, c.parent_id, c.name, c.path, c.article_count, "
            "(SELECT count(*) FROM categories k WHERE k.parent_id = c.id) FROM categories c WHERE c.id = ?",
            (category_id,),
        )
        return _category(rows[0]) if rows else None

    @_damage_is_store_error
    def category_by_path(self, path: tuple[str, ...]) -> CategoryRow | None:
        rows = self._query("SELECT id FROM categories WHERE path = ?", (CATEGORY_SEPARATOR.join(path),))
        return self.category(int(rows[0][0])) if rows else None

    @_damage_is_store_error
    def category_articles(self, category_id: int | None) -> list[ArticleRow]:
        """Articles filed directly under a category (not its subcategories); None: uncategorised ones."""
        return [_article_row(r) for r in self._query(*_category_articles_sql(_ARTICLE_ROW, category_id))]

    @_damage_is_store_error
    def category_tree_rows(self, category_id: int | None) -> list[TreeRow]:
        """What the Categories tree shows of the articles filed directly under a category (None: the
        uncategorised ones), in category_articles' order: uid, title and date."""
        return [_tree_row(r) for r in self._query(*_category_articles_sql(_TREE_ROW, category_id))]

    # -- articles -----------------------------------------------------------------------------------

    @_damage_is_store_error
    def article_row(self, uid: str) -> ArticleRow | None:
        rows = self._query(f"SELECT {_ARTICLE_ROW} FROM articles a WHERE a.uid = ?", (uid,))
        return _article_row(rows[0]) if rows else None

    @_damage_is_store_error
    def iter_article_rows(self) -> Iterator[ArticleRow]:
        """Every article in reading order: issues chronologically, each in its own order; unfiled last."""
        rows = self._query(
            f"SELECT {_ARTICLE_ROW} FROM articles a LEFT JOIN issues i ON i.id = a.issue_id "
            "ORDER BY i.id IS NULL, i.year IS NULL, i.year, i.number IS NULL, i.number, i.total, a.sort_key"
        )
        return iter([_article_row(r) for r in rows])  # converted here, where damage is caught

    @_damage_is_store_error
    def article(self, uid: str) -> Article | None:
        rows = self._query(
            "SELECT a.uid, a.url, a.file, a.title, a.subtitle, a.authors, a.source, a.date, a.summary, "
            "c.path, i.label, i.year, i.number, i.total, a.blocks, a.prev, a.next, a.related, a.pages "
            "FROM articles a LEFT JOIN categories c ON c.id = a.category_id "
            "LEFT JOIN issues i ON i.id = a.issue_id WHERE a.uid = ?",
            (uid,),
        )
        if not rows:
            return None
        (uid_, url, file, title, subtitle, authors, source, date, summary, cpath, label, year, number, total,
         blocks, prev, next_, related, pages) = rows[0]  # fmt: skip
        try:
            links = [_link(prev), _link(next_), *(_link(x) for x in json.loads(str(related)))]
            body = tuple(block_from_json(b) for b in json.loads(str(blocks)) if isinstance(b, dict))
            author_list = tuple(str(a) for a in json.loads(str(authors)))
        except (ValueError, TypeError) as exc:
            raise StoreError(f"{self.path}: article {uid} is damaged ({exc})") from None
        saved = self._saved_uids({link.uid for link in links if link and link.uid})
        links = [Link(link.uid, link.title, link.href, link.uid in saved) if link else None for link in links]
        return Article(
            uid=str(uid_),
            url=_opt_str(url),
            file=str(file),
            title=str(title),
            subtitle=_opt_str(subtitle),
            authors=author_list,
            source=_opt_str(source),
            date=_opt_str(date),
            summary=_opt_str(summary),
            category=tuple(str(cpath).split(CATEGORY_SEPARATOR)) if cpath else (),
            issue=IssueLabel(str(label), _opt_int(year), _opt_int(number), _opt_int(total))
            if label
            else None,
            blocks=body,
            prev=links[0],
            next=links[1],
            related=tuple(link for link in links[2:] if link is not None),
            pages=int(pages),
        )

    @_damage_is_store_error
    def _saved_uids(self, uids: set[str]) -> set[str]:
        if not uids:
            return set()
        marks = ",".join("?" * len(uids))
        return {
            str(r[0]) for r in self._query(f"SELECT uid FROM articles WHERE uid IN ({marks})", tuple(uids))
        }

    @_damage_is_store_error
    def neighbours(self, uid: str) -> tuple[str | None, str | None]:
        """The articles before and after `uid` in its issue's order (for next/previous article keys)."""
        rows = self._query("SELECT issue_id, sort_key FROM articles WHERE uid = ?", (uid,))
        if not rows:
            return None, None
        issue_id, sort_key = rows[0]
        same_issue = "issue_id IS NULL" if issue_id is None else "issue_id = ?"
        params: tuple[object, ...] = (sort_key,) if issue_id is None else (issue_id, sort_key)
        before = self._query(
            f"SELECT uid FROM articles WHERE {same_issue} AND sort_key < ? ORDER BY sort_key DESC LIMIT 1",
            params,
        )
        after = self._query(
            f"SELECT uid FROM articles WHERE {same_issue} AND sort_key > ? ORDER BY sort_key LIMIT 1", params
        )
        return (str(before[0][0]) if before else None, str(after[0][0]) if after else None)

    @_damage_is_store_error
    def image(self, sha256: str) -> StoredImage | None:
        rows = self._query("SELECT data, mime, width, height FROM images WHERE sha256 = ?", (sha256,))
        if not rows:
            return None
        data, mime, width, height = rows[0]
        return StoredImage(bytes(data), str(mime), _opt_int(width), _opt_int(height))

    @_damage_is_store_error
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for table in ("articles", "issues", "categories", "images"):
            out[table] = int(self._query(f"SELECT count(*) FROM {table}")[0][0])
        return out


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _issue(row: tuple[Any, ...]) -> IssueRow:
    id_, label, year, number, total, count = row
    return IssueRow(int(id_), str(label), _opt_int(year), _opt_int(number), _opt_int(total), int(count))


def _category(row: tuple[Any, ...]) -> CategoryRow:
    id_, parent, name, path, count, children = row
    return CategoryRow(
        int(id_),
        _opt_int(parent),
        str(name),
        tuple(str(path).split(CATEGORY_SEPARATOR)),
        int(count),
        int(children),
    )


def _article_row(row: tuple[Any, ...]) -> ArticleRow:
    id_, uid, title, date, file, issue_id, category_id = row
    return ArticleRow(
        int(id_), str(uid), str(title), _opt_str(date), str(file), _opt_int(issue_id), _opt_int(category_id)
    )


# The columns of a TreeRow, read from the covering indexes articles_issue_rows / articles_category_rows.
_TREE_ROW = "a.uid, a.title, a.date"


def _issue_articles_sql(columns: str, issue_id: int | None) -> tuple[str, tuple[object, ...]]:
    """An issue's articles (None: the unfiled ones) in the issue's order: the query and its parameters."""
    where = "a.issue_id IS NULL" if issue_id is None else "a.issue_id = ?"
    params: tuple[object, ...] = () if issue_id is None else (issue_id,)
    return f"SELECT {columns} FROM articles a WHERE {where} ORDER BY a.sort_key", params


def _category_articles_sql(columns: str, category_id: int | None) -> tuple[str, tuple[object, ...]]:
    """The articles filed directly under a category (None: uncategorised), issues oldest first."""
    where = "a.category_id IS NULL" if category_id is None else "a.category_id = ?"
    params: tuple[object, ...] = () if category_id is None else (category_id,)
    return (
        f"SELECT {columns} FROM articles a LEFT JOIN issues i ON i.id = a.issue_id WHERE {where} "
        "ORDER BY i.year IS NULL, i.year, i.number, a.sort_key",
        params,
    )


def _tree_row(row: tuple[Any, ...]) -> TreeRow:
    uid, title, date = row
    return str(uid), str(title), None if date is None else str(date)


def _link(raw: object) -> Link | None:
    if raw is None:
        return None
    data = json.loads(raw) if isinstance(raw, str) else raw
    return Link.from_json(data) if isinstance(data, dict) else None
