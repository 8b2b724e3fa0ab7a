"""Hostile store files: truncated, flipped bytes, a wrong schema, rows holding markup or huge values.

Each gives a clear StoreError (never a traceback) or reads back as stored, and none is modified by
being opened, read, or shown by `reader info` / `reader show`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.cli import main as cli_main
from reader.domain.article import Article, Figure, ImageRef, IssueLabel, Link, Paragraph
from reader.store import schema
from reader.store.errors import StoreError
from reader.store.reader import ArticleStore
from reader.store.writer import ImageData, StoreWriter

PAGE = 4096
MARKUP = '<script>alert(1)</script><img src=file:///etc/passwd><a href="http://attacker.example.com">x</a>'


def _png(seed: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + hashlib.sha256(str(seed).encode()).digest() * 4


def _article(n: int, title: str | None = None, text: str | None = None) -> tuple[Article, list[ImageData]]:
    data = _png(n)
    sha = hashlib.sha256(data).hexdigest()
    article = Article(
        uid=f"example.cn/a/{n}",
        title=title if title is not None else f"第{n}篇：山里的学校",
        file=f"a/{n}.html",
        authors=("林小溪",),
        category=("人文", "生活"),
        issue=IssueLabel(f"2020年第{n % 3 + 1}期", 2020, n % 3 + 1),
        blocks=(
            Paragraph(text if text is not None else f"第{n}篇正文。" * 40),
            Figure(ImageRef(sha, 2, 1, "image/png", f"u/{n}.png"), caption="说明"),
        ),
        next=Link(f"example.cn/a/{n + 1}", f"第{n + 1}篇", f"/a/{n + 1}.html"),
    )
    return article, [ImageData(sha, "image/png", 2, 1, data)]


def build_store(path: Path, count: int = 12) -> Path:
    with StoreWriter(path) as writer:
        writer.set_meta("name", "测试杂志")
        for n in range(count):
            article, images = _article(n)
            writer.put_article(article, images, f"h{n}", f"{n:06d}")
    return path


@pytest.fixture(scope="module")
def valid_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("valid") / "valid.magstore")


def read_everything(path: Path) -> int:
    """Open a store and read all of it as the window and the command line do; returns the article count."""
    with ArticleStore.open(path) as store:
        store.magazine()
        for year in store.years():
            for issue in store.issues(year.year):
                store.issue_articles(issue.id)

        def walk(parent: int | None) -> None:
            for category in store.categories(parent):
                store.category_articles(category.id)
                walk(category.id)

        walk(None)
        rows = list(store.iter_article_rows())
        for row in rows:
            article = store.article(row.uid)
            store.neighbours(row.uid)
            for figure in article.figures() if article is not None else []:
                if figure.image is not None:
                    store.image(figure.image.sha256)
        store.counts()
        return len(rows)


def fingerprint(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes, its mtime, and the files beside it (no journal or WAL left behind)."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli_main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused_unchanged(
    path: Path, capsys: pytest.CaptureFixture[str], message: str, commands: tuple[str, ...] = ("info", "show")
) -> None:
    before = fingerprint(path)
    with pytest.raises(StoreError, match=message):
        read_everything(path)
    arguments = {"info": ["info", str(path)], "show": ["show", str(path), "example.cn/a/1"]}
    for command in (arguments[name] for name in commands):
        code, _out, err = run_cli(capsys, *command)
        assert code == 1, (command, err)
        assert err.count("\n") == 1 and err.startswith("reader: "), err
        assert "Traceback" not in err
    assert fingerprint(path) == before


# -- damaged files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("keep", [100, 1024, PAGE, 3 * PAGE, "half", "all-but-a-page", "all-but-1-byte"])
def test_a_truncated_store_is_refused_or_read_and_never_modified(
    tmp_path: Path, valid_store: Path, capsys: pytest.CaptureFixture[str], keep: int | str
) -> None:
    data = valid_store.read_bytes()
    size = {"half": len(data) // 2, "all-but-a-page": len(data) - PAGE, "all-but-1-byte": len(data) - 1}
    cut = size[keep] if isinstance(keep, str) else keep
    path = tmp_path / "cut.magstore"
    path.write_bytes(data[:cut])
    before = fingerprint(path)
    try:
        read_everything(path)
    except StoreError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
    code, _out, err = run_cli(capsys, "info", str(path))
    assert code in (0, 1) and "Traceback" not in err
    if code == 1:
        assert err.count("\n") == 1 and err.startswith("reader: ")
    assert fingerprint(path) == before


def test_a_store_with_our_id_but_no_tables_is_refused_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hollow.magstore"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE unrelated(x)")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {schema.schema_version()}")
    conn.commit()
    conn.close()
    assert_refused_unchanged(path, capsys, "damaged or not a Magazine Reader store")


def test_a_store_missing_a_column_is_refused_when_read_and_unchanged(
    tmp_path: Path, valid_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _store_missing_a_column(tmp_path, valid_store)
    # `reader info` reads no article body, so it still works; `reader show` reports the damage.
    assert_refused_unchanged(path, capsys, "is damaged", commands=())
    code, _out, _err = run_cli(capsys, "info", str(path))
    assert code == 0


def _store_missing_a_column(tmp_path: Path, valid_store: Path) -> Path:
    path = tmp_path / "columns.magstore"
    shutil.copy(valid_store, path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE article_images")
    conn.execute("DROP INDEX articles_issue_rows")
    conn.execute("ALTER TABLE articles DROP COLUMN blocks")
    conn.commit()
    conn.close()
    return path


def test_an_old_version_store_whose_migration_fails_is_refused_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Says it is our version 1 but has none of version 1's tables: the upgrade to 2 fails, is rolled back.
    path = tmp_path / "old.magstore"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles(id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert_refused_unchanged(path, capsys, "cannot be written as a store")


def test_a_store_from_a_newer_version_is_refused_by_the_command_line_unchanged(
    tmp_path: Path, valid_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "newer.magstore"
    shutil.copy(valid_store, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.schema_version() + 5}")
    conn.close()
    assert_refused_unchanged(path, capsys, "newer version")


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body>not a store</body></html>",
        os.urandom(3 * PAGE),
        b"SQLite format 3\x00" + os.urandom(PAGE),
    ],
    ids=["html", "random", "sqlite-magic-then-random"],
)
def test_files_that_are_not_stores_are_refused_by_the_command_line_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "bad.magstore"
    path.write_bytes(content)
    assert_refused_unchanged(path, capsys, "not a Magazine Reader store|damaged|cannot")


def _wal_database(path: Path, application_id: int) -> Path:
    """Another program's SQLite database in WAL mode: opening such a file can create -wal and -shm."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=wal")
        conn.execute(f"PRAGMA application_id={application_id}")
        conn.execute("CREATE TABLE notes(text)")
        conn.execute("INSERT INTO notes VALUES('not ours')")
        conn.commit()
    assert sorted(os.listdir(path.parent)) == [path.name]  # its last connection closed: WAL files gone
    return path


@pytest.mark.parametrize("application_id", [0, 0x12345678], ids=["unmarked", "marked-by-another-app"])
def test_another_programs_wal_database_is_refused_with_nothing_left_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], application_id: int
) -> None:
    path = _wal_database(tmp_path / "notes.magstore", application_id)
    assert_refused_unchanged(path, capsys, "not a Magazine Reader store")
    before = fingerprint(path)
    with pytest.raises(StoreError, match="not a Magazine Reader store"):
        StoreWriter(path)  # what an import into it does first
    assert fingerprint(path) == before


# -- valid stores with hostile values ---------------------------------------------------------------


def test_rows_holding_markup_and_huge_values_read_back_verbatim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "values.magstore"
    huge_title = "长" * (2 * 1024 * 1024 // 3)
    huge_blob = os.urandom(2 * 1024 * 1024)
    marked, images = _article(1, title=MARKUP, text=MARKUP + "\x00" + "\u202e" + "正文")
    big, _ = _article(2, title=huge_title)
    sha = hashlib.sha256(huge_blob).hexdigest()
    with StoreWriter(path) as writer:
        writer.set_meta("name", MARKUP)
        writer.set_meta("about", MARKUP * 1000)
        writer.put_article(marked, images, "h1", "1")
        writer.put_article(big, [ImageData(sha, "image/png", 100_000, 100_000, huge_blob)], "h2", "2")
    before = fingerprint(path)
    assert read_everything(path) == 2
    with ArticleStore.open(path) as store:
        assert store.magazine().name == MARKUP
        got = store.article("example.cn/a/1")
        assert got is not None and got.title == MARKUP and MARKUP in got.texts()[0]
        long = store.article("example.cn/a/2")
        assert long is not None and long.title == huge_title
        image = store.image(sha)
        assert image is not None and image.data == huge_blob
    code, out, err = run_cli(capsys, "show", "--json", str(path), "example.cn/a/1")
    assert code == 0 and err == "" and MARKUP.replace('"', '\\"') in out
    code, out, _ = run_cli(capsys, "info", str(path))
    assert code == 0 and out.startswith(MARKUP)
    assert fingerprint(path) == before


def _store_with_damaged_rows(tmp_path: Path, valid_store: Path) -> Path:
    path = tmp_path / "blocks.magstore"
    shutil.copy(valid_store, path)
    conn = sqlite3.connect(path)
    bad_values = ['{"not": "a list"}', "[[[[", '[{"type": "heading", "level": "x"}]', "null", "0"]
    for n, value in enumerate(bad_values):
        conn.execute("UPDATE articles SET blocks = ? WHERE uid = ?", (value, f"example.cn/a/{n}"))
    conn.execute("UPDATE articles SET authors = '{}' WHERE uid = 'example.cn/a/6'")
    conn.execute("UPDATE articles SET related = '[1, \"x\", null]' WHERE uid = 'example.cn/a/7'")
    conn.execute("UPDATE articles SET prev = '[]' WHERE uid = 'example.cn/a/8'")
    conn.commit()
    conn.close()
    return path


def test_rows_that_are_not_what_the_reader_expects_are_damage_not_a_crash(
    tmp_path: Path, valid_store: Path
) -> None:
    path = _store_with_damaged_rows(tmp_path, valid_store)
    before = fingerprint(path)
    damaged = []
    with ArticleStore.open(path) as store:
        for n in range(12):
            try:
                store.article(f"example.cn/a/{n}")
            except StoreError as exc:
                assert f"example.cn/a/{n} is damaged" in str(exc)
                damaged.append(n)
    assert 1 in damaged
    assert fingerprint(path) == before


@pytest.mark.parametrize("damage", ["rows", "column"])
def test_the_command_line_reports_a_damaged_article_in_one_line(
    tmp_path: Path, valid_store: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    make = _store_with_damaged_rows if damage == "rows" else _store_missing_a_column
    path = make(tmp_path, valid_store)
    before = fingerprint(path)
    try:
        code, _out, err = run_cli(capsys, "show", str(path), "example.cn/a/1")
    finally:
        assert fingerprint(path) == before
    assert code == 1 and err.count("\n") == 1 and err.startswith("reader: ")


# -- fuzzing: flipped bytes in the body pages -------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flips=st.lists(
        st.tuples(st.integers(min_value=PAGE, max_value=10**9), st.integers(min_value=1, max_value=255)),
        min_size=1,
        max_size=12,
    )
)
@example(flips=[(1099799, 128)])  # found here: SQLite's message quoting damaged bytes (UnicodeDecodeError)
def test_flipped_bytes_in_a_store_raise_only_store_errors(
    tmp_path: Path, valid_store: Path, flips: list[tuple[int, int]]
) -> None:
    # Page 1 (the header and the schema's root) is left alone: its damage is the truncation tests' part.
    data = bytearray(valid_store.read_bytes())
    for offset, mask in flips:
        data[PAGE + offset % (len(data) - PAGE)] ^= mask
    path = tmp_path / f"flipped-{hashlib.sha256(bytes(data)).hexdigest()[:12]}.magstore"
    path.write_bytes(bytes(data))
    before = fingerprint(path)
    with contextlib.suppress(StoreError):
        read_everything(path)
    assert fingerprint(path)[:2] == before[:2]
    path.unlink()
