"""The store's schema, its version in PRAGMA user_version, and the forward migrations between versions."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from reader.domain.progress import Reporter
from reader.store.search_index import ensure_search_index, rebuild_search_index

log = logging.getLogger("reader.store")

# 'MGZR': marks a SQLite file as a Magazine Reader store, so another program's database is refused.
APPLICATION_ID = 0x4D475A52
STORE_SUFFIX = ".magstore"

_V1 = """
CREATE TABLE meta(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE issues(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- identity: "2016-01" when year and number are known, else the label
    label TEXT NOT NULL,               -- as first printed on the site: "2016年第1期"
    year INTEGER,
    number INTEGER,
    total INTEGER,                     -- running number ("总第123期") when the site prints one
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX issues_by_year ON issues(year, number);
CREATE TABLE categories(
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories(id),
    name TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,         -- names from the top section down, joined by " > "
    position INTEGER NOT NULL,         -- order of first appearance on the site
    article_count INTEGER NOT NULL DEFAULT 0   -- this category and everything below it
);
CREATE INDEX categories_by_parent ON categories(parent_id, position);
CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    url TEXT,
    file TEXT NOT NULL,
    title TEXT NOT NULL,
    subtitle TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    source TEXT,
    date TEXT,
    summary TEXT,
    category_id INTEGER REFERENCES categories(id),
    issue_id INTEGER REFERENCES issues(id),
    sort_key TEXT NOT NULL,            -- order within its issue and its category
    blocks TEXT NOT NULL,              -- JSON list of body blocks
    prev TEXT,                         -- JSON link or NULL
    next TEXT,
    related TEXT NOT NULL DEFAULT '[]',
    pages INTEGER NOT NULL DEFAULT 1,
    chars INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT NOT NULL,        -- of the saved pages' bytes: re-imports skip unchanged articles
    imported_at TEXT NOT NULL
);
CREATE INDEX articles_by_issue ON articles(issue_id, sort_key);
CREATE INDEX articles_by_category ON articles(category_id, sort_key);
CREATE INDEX articles_by_file ON articles(file);
CREATE TABLE images(
    sha256 TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    data BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE article_images(
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL REFERENCES images(sha256),
    PRIMARY KEY(article_id, sha256)
) WITHOUT ROWID;
CREATE INDEX article_images_by_image ON article_images(sha256);
"""


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run DDL statement by statement: executescript() would commit the caller's transaction first."""
    for statement in script.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _create_v1(conn: sqlite3.Connection, _reporter: Reporter) -> None:
    _run_script(conn, _V1)


# v2 (search): the full-text index over every article, built from the articles already stored.
_add_search_index = rebuild_search_index

# A migration works inside the caller's transaction; long ones report through the Reporter, which may
# stop them (Cancelled), and the transaction then rolls back.
Migration = Callable[[sqlite3.Connection, Reporter], None]


def _add_tree_row_indexes(conn: sqlite3.Connection, _reporter: Reporter) -> None:
    """v3: the trees' article lists read only these covering indexes, never the ~10 KB article rows, so
    expanding a 500-article issue touches a few index pages instead of 500 table rows."""
    _run_script(
        conn,
        """
        CREATE INDEX IF NOT EXISTS articles_issue_rows
            ON articles(issue_id, sort_key, uid, title, date, file, category_id);
        CREATE INDEX IF NOT EXISTS articles_category_rows
            ON articles(category_id, sort_key, uid, title, date, file, issue_id);
        DROP INDEX IF EXISTS articles_by_issue;
        DROP INDEX IF EXISTS articles_by_category
        """,
    )


# v4 (search): index version 2 adds the positional table search_pairs and drops search_text; a store
# whose index is older is rebuilt (a store migrated through v2 just now already has the new one).
def _add_search_pairs(conn: sqlite3.Connection, reporter: Reporter) -> None:
    ensure_search_index(conn, reporter)


# MIGRATIONS[n] takes a store from version n to n + 1; version 0 is an empty file.
MIGRATIONS: list[Migration] = [_create_v1, _add_search_index, _add_tree_row_indexes, _add_search_pairs]


def schema_version() -> int:
    return len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, reporter: Reporter | None = None) -> int:
    """Bring the store up to date inside the caller's write transaction; returns the old version.

    `reporter` hears the progress of the long steps (rebuilding the search index) and may stop them by
    raising Cancelled, after which the caller rolls its transaction back."""
    steps = reporter or Reporter()
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(current, len(MIGRATIONS)):
        steps.check()
        log.info("migrating store from version %d to %d", version, version + 1)
        MIGRATIONS[version](conn, steps)
    if current != len(MIGRATIONS):
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    # search: an index made by another version of the tokens is rebuilt, not read wrongly.
    steps.check()
    ensure_search_index(conn, steps)
    return int(current)
