"""The store's full-text index: three contentless FTS5 tables kept in step with the articles table.

`search_index` holds every searchable field's tokens in one column with ``detail=none`` (row ids only,
the smallest FTS5 index): it finds candidates. `search_head` holds the title, the subtitle and the byline
(authors and summary) with ``detail=column``, so ranking can weigh a hit there above one in the body. Both
are contentless (``content=''``): an article's old tokens are recomputed from its old row to delete
them. `search_pairs` holds only the CJK pairs of runs of three or more characters, with positions
(``detail=full``), runs kept apart by a break token: a CJK term of three or more characters is the
phrase of its pairs, so the index alone decides it and a common term costs what its doclists cost, not a
scan of every candidate's text. (Positions for every token would take 1.6x the stored text; these take
about as much as the normalised-text table of index version 1 did.) `meta` records SEARCH_INDEX_VERSION;
a store indexed by another version is reindexed when it is next opened for writing (see
`ensure_search_index`).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from typing import Any

from reader.domain.article import Article, block_from_json
from reader.domain.progress import Reporter
from reader.store.search_text import join_long_pairs, normalise, tokens_and_long_pairs

log = logging.getLogger("reader.store.search")

# Bump when tokens or normalisation change (and the OpenCC tables with them): older indexes are rebuilt.
SEARCH_INDEX_VERSION = "2"
VERSION_KEY = "search_index_version"

_CREATE = (
    "CREATE VIRTUAL TABLE search_index USING fts5(body, content='', tokenize='ascii', detail=none)",
    "CREATE VIRTUAL TABLE search_head USING fts5("
    "title, subtitle, byline, content='', tokenize='ascii', detail=column)",
    "CREATE VIRTUAL TABLE search_pairs USING fts5(body, content='', tokenize='ascii', detail=full)",
)
_TABLES = ("search_index", "search_head", "search_pairs")
# Tables of earlier index versions, dropped by a rebuild: version 1 kept the normalised text here.
_OLD_TABLES = ("search_text",)

# The articles columns a search field is made from, in the order SearchFields.from_row takes them.
ROW_COLUMNS = "title, subtitle, authors, summary, blocks"


@dataclass(frozen=True)
class SearchFields:
    """An article's searchable text as stored (not normalised): the same for indexing and checking."""

    title: str
    subtitle: str
    authors: tuple[str, ...]
    summary: str
    body: tuple[str, ...]

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> SearchFields:
        """From the columns ROW_COLUMNS of an articles row; damaged JSON counts as no text."""
        title, subtitle, authors, summary, blocks = row
        try:
            author_list = tuple(str(a) for a in json.loads(str(authors)))
        except (ValueError, TypeError):
            author_list = ()
        try:
            texts = _body_texts(blocks)
        except (ValueError, TypeError):
            texts = ()
        return cls(str(title or ""), str(subtitle or ""), author_list, str(summary or ""), texts)

    @property
    def byline(self) -> str:
        return "\n".join((*self.authors, self.summary))

    def normalised(self) -> str:
        """Every field normalised, one per line: what a term is checked against."""
        return normalise("\n".join((self.title, self.subtitle, self.byline, *self.body)))

    def columns(self) -> tuple[str, str, str, str, str]:
        """(all fields, title, subtitle, byline, long runs' pairs) as FTS5 column text."""
        normal = [normalise(t) for t in (self.title, self.subtitle, self.byline, "\n".join(self.body))]
        # Each field tokenised once: its long runs' pairs, in field order, are the pairs of all the text.
        tokenised = [tokens_and_long_pairs(text) for text in normal]
        title, subtitle, byline, body = (tokens for tokens, _ in tokenised)
        everything = " ".join((title, subtitle, byline, body))
        return (
            everything,
            title,
            subtitle,
            byline,
            join_long_pairs([p for _, pairs in tokenised for p in pairs]),
        )


# Blocks whose reading text is more than their "text" field: the domain rebuilds them. Paragraphs,
# quotes and headings (and blocks of unknown type, read as paragraphs) are most of every article, and
# every snippet and reindex reads them, so their text is taken from the JSON without building a block.
_DOMAIN_BLOCKS = frozenset({"list", "table", "figure"})


def _body_texts(blocks: object) -> tuple[str, ...]:
    """`Article.texts()` of an article's stored blocks, as rebuilding every block with `block_from_json`
    gives it; raises ValueError or TypeError where that would (a damaged body then has no text)."""
    out: list[str] = []
    for data in json.loads(str(blocks)):
        if not isinstance(data, dict):
            continue
        kind = data.get("type")
        if isinstance(kind, str) and kind in _DOMAIN_BLOCKS:
            out += Article(uid="", title="", file="", blocks=(block_from_json(data),)).texts()
            continue
        if kind == "heading":
            int(data.get("level") or 2)  # read as block_from_json reads it, to fail where it fails
        out.append(str(data.get("text", "")))
    return tuple(out)


def create_search_tables(conn: sqlite3.Connection) -> None:
    for statement in _CREATE:
        conn.execute(statement)


# (all fields' tokens, title tokens, subtitle tokens, byline tokens, long runs' pairs): what indexing
# writes. Computed by `search_columns`, which an import runs in its worker processes.
SearchColumns = tuple[str, str, str, str, str]


def search_columns(fields: SearchFields) -> SearchColumns:
    return fields.columns()


def index_article(conn: sqlite3.Connection, article_id: int, fields: SearchFields) -> None:
    index_columns(conn, article_id, search_columns(fields))


def index_columns(conn: sqlite3.Connection, article_id: int, columns: SearchColumns) -> None:
    everything, title, subtitle, byline, pairs = columns
    conn.execute("INSERT INTO search_index(rowid, body) VALUES(?, ?)", (article_id, everything))
    conn.execute(
        "INSERT INTO search_head(rowid, title, subtitle, byline) VALUES(?, ?, ?, ?)",
        (article_id, title, subtitle, byline),
    )
    conn.execute("INSERT INTO search_pairs(rowid, body) VALUES(?, ?)", (article_id, pairs))


def unindex_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove an article's tokens, recomputed from its row as it is now (call before changing the row)."""
    row = conn.execute(f"SELECT {ROW_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return
    everything, title, subtitle, byline, pairs = SearchFields.from_row(row).columns()
    # A contentless table deletes by being told the values it was given.
    conn.execute(
        "INSERT INTO search_index(search_index, rowid, body) VALUES('delete', ?, ?)", (article_id, everything)
    )
    conn.execute(
        "INSERT INTO search_head(search_head, rowid, title, subtitle, byline) VALUES('delete', ?, ?, ?, ?)",
        (article_id, title, subtitle, byline),
    )
    conn.execute(
        "INSERT INTO search_pairs(search_pairs, rowid, body) VALUES('delete', ?, ?)", (article_id, pairs)
    )


_REBUILD_BATCH = 200
# The message of a rebuild's progress reports: what a progress bar or dialog says it is doing.
REBUILD_MESSAGE = "updating the store: rebuilding its search index"


def rebuild_search_index(conn: sqlite3.Connection, reporter: Reporter | None = None) -> None:
    """Drop and rebuild the tables from the articles, inside the caller's write transaction.

    Articles are read a batch at a time (a store's text can be far larger than memory should hold), and
    `reporter` hears how far the rebuild is after each batch, and may stop it (Cancelled): the caller's
    transaction then rolls back, leaving the store as it was.
    """
    steps = reporter or Reporter()
    for table in (*_TABLES, *_OLD_TABLES):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    create_search_tables(conn)
    total = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    steps.step(0, total, REBUILD_MESSAGE)
    count, last = 0, -1
    while True:
        rows = conn.execute(
            f"SELECT id, {ROW_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, _REBUILD_BATCH)
        ).fetchall()
        if not rows:
            break
        for row in rows:
            index_article(conn, int(row[0]), SearchFields.from_row(row[1:]))
        count += len(rows)
        last = int(rows[-1][0])
        steps.step(count, total, REBUILD_MESSAGE)
    optimise_search_index(conn)
    conn.execute(
        "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (VERSION_KEY, SEARCH_INDEX_VERSION),
    )
    log.info("search index rebuilt for %d articles (index version %s)", count, SEARCH_INDEX_VERSION)


def optimise_search_index(conn: sqlite3.Connection) -> None:
    """Merge the FTS5 segments into one: smaller, and each query reads one b-tree per token."""
    for table in _TABLES:
        conn.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")


def search_index_current(conn: sqlite3.Connection) -> bool:
    """Whether the store's index exists and was built by this version's tokens."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (VERSION_KEY,)).fetchone()
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)", _TABLES
        ).fetchone()[0]
    except sqlite3.DatabaseError:
        return False
    return row is not None and str(row[0]) == SEARCH_INDEX_VERSION and int(tables) == len(_TABLES)


def ensure_search_index(conn: sqlite3.Connection, reporter: Reporter | None = None) -> bool:
    """Rebuild the index in the caller's write transaction when it is missing or stale; True if rebuilt."""
    if search_index_current(conn):
        return False
    rebuild_search_index(conn, reporter)
    return True
