"""The `reader bookmarks` command line: list, add, remove, export and import bookmarks."""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import json
import logging
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from reader.bookmarks.bookmark_file import BookmarkFile, Lookup
from reader.bookmarks.durable import DocumentError, LoadReport

log = logging.getLogger("reader.bookmarks")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class ArticleStoreError(Exception):
    """The article store named by `--store` could not be opened or read."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `bookmarks` command and its sub-commands; each sets `func` to its handler."""
    parser = subparsers.add_parser("bookmarks", help="list, add, remove, export and import bookmarks")
    parser.set_defaults(func=_usage(parser))
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    listing = commands.add_parser("list", help="show every bookmark, oldest first")
    listing.add_argument("--json", action="store_true", help="print a JSON list (UTF-8)")
    listing.set_defaults(func=list_bookmarks)

    add = commands.add_parser("add", help="bookmark an article, or update its bookmark")
    add.add_argument("uid", metavar="UID", help="the article's uid, e.g. www.example.cn/a/xx/2016/0118/1236")
    add.add_argument("--store", metavar="STORE", type=Path, help="article store to take title and issue from")
    add.add_argument("--note", metavar="TEXT", help="a note to keep with the bookmark")
    add.add_argument("--title", metavar="T", help="the title to show (overrides the store's)")
    add.add_argument("--position", metavar="N", type=_paragraph, help="paragraph reached (0 = top)")
    add.set_defaults(func=add_bookmark)

    remove = commands.add_parser("remove", help="remove a bookmark")
    remove.add_argument("uid", metavar="UID")
    remove.set_defaults(func=remove_bookmark)

    export = commands.add_parser("export", help="write the bookmarks to a file")
    export.add_argument("file", metavar="FILE", type=Path)
    export.add_argument("--html", action="store_true", help="a browser bookmarks file instead of JSON")
    export.add_argument(
        "--original-urls",
        action="store_true",
        help="with --html, link to the article's web address when known instead of a magreader: URI",
    )
    export.set_defaults(func=export_bookmarks)

    import_ = commands.add_parser("import", help="merge bookmarks exported as JSON (deletions included)")
    import_.add_argument("file", metavar="FILE", type=Path)
    import_.set_defaults(func=import_bookmarks)


def _reports_failures(handler: Handler) -> Handler:
    """Turn an expected failure into a one-line message on stderr and exit code 1."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except KeyError as error:  # its str() is the repr of the key
            _fail(str(error.args[0]) if error.args else "not found")
        except (OSError, DocumentError, LookupError, ValueError, ArticleStoreError) as error:
            _fail(str(error))
        return EXIT_FAILURE

    return run


@_reports_failures
def list_bookmarks(args: argparse.Namespace) -> int:
    bookmarks = _open().bookmarks()
    if args.json:
        _print(json.dumps([b.to_json() for b in bookmarks], ensure_ascii=False, indent=2))
    else:
        for bookmark in bookmarks:
            where = " / ".join(p for p in (bookmark.magazine, bookmark.issue) if p)
            _print(f"{bookmark.uid}\t{bookmark.display_title}" + (f"\t({where})" if where else ""))
    return EXIT_OK


@_reports_failures
def add_bookmark(args: argparse.Namespace) -> int:
    with _article_lookup(args.store) as lookup:
        bookmark = _open().add(
            args.uid, title=args.title, note=args.note, position=args.position, lookup=lookup
        )
    _print(f"bookmarked {bookmark.uid}: {bookmark.display_title}")
    return EXIT_OK


@_reports_failures
def remove_bookmark(args: argparse.Namespace) -> int:
    if not _open().remove(args.uid):
        _fail(f"no bookmark for {args.uid}")
        return EXIT_FAILURE
    _print(f"removed {args.uid}")
    return EXIT_OK


@_reports_failures
def export_bookmarks(args: argparse.Namespace) -> int:
    bookmarks = _open()
    if args.html:
        count = bookmarks.export_html(args.file, original_urls=args.original_urls)
    else:
        count = bookmarks.export_file(args.file)
    _print(f"exported {count} bookmarks to {args.file}")
    return EXIT_OK


@_reports_failures
def import_bookmarks(args: argparse.Namespace) -> int:
    summary = _open().import_file(args.file)
    _print(f"imported {args.file}: {summary.message}")
    return EXIT_OK


def _open() -> BookmarkFile:
    return BookmarkFile(on_recovery=_warn_recovered)


def _warn_recovered(report: LoadReport) -> None:
    print(f"reader: warning: {report.message}", file=sys.stderr)


@contextlib.contextmanager
def _article_lookup(store_path: Path | None) -> Iterator[Lookup | None]:
    """A lookup into the article store, open for the block; None without a store or a store reader."""
    if store_path is None:
        yield None
        return
    try:
        # Imported by name: the store reader is optional here, and its absence is not an error.
        store_module: Any = importlib.import_module("reader.store.reader")
        store_class: Any = store_module.ArticleStore
    except (ImportError, AttributeError) as error:
        log.debug("no article store reader: %s", error)
        print("reader: warning: cannot read article stores here; adding without details", file=sys.stderr)
        yield None
        return
    if not store_path.exists():
        raise FileNotFoundError(f"no article store at {store_path}")
    try:
        store = store_class.open(store_path)
    except Exception as error:  # the store's own errors are not ours to name; each has a message to show
        raise ArticleStoreError(f"cannot open {store_path}: {error}") from error

    def lookup(uid: str) -> Mapping[str, object] | None:
        try:
            article = store.article(uid)
            magazine = store.magazine().name if article is not None else None
        except KeyError:
            article = None
        except Exception as error:
            raise ArticleStoreError(f"cannot read {store_path}: {error}") from error
        if article is None:
            raise LookupError(f"no article {uid} in {store_path}")
        issue = getattr(article, "issue", None)
        return {
            "title": article.title,
            "issue": getattr(issue, "label", None),
            "category": tuple(getattr(article, "category", ()) or ()),
            "magazine": magazine,
            "url": getattr(article, "url", None),
        }

    try:
        yield lookup
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()


def _fail(message: str) -> None:
    print(f"reader: error: {message}", file=sys.stderr)


def _print(text: str) -> None:
    """Write a line as UTF-8 whatever the console's encoding, so Chinese titles survive a pipe on Windows."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text + "\n")
        return
    buffer.write((text + "\n").encode("utf-8"))
    buffer.flush()


def _paragraph(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"not a paragraph number: {text!r}")
    return value


def _usage(parser: argparse.ArgumentParser) -> Handler:
    def show_usage(args: argparse.Namespace) -> int:
        parser.print_usage(sys.stderr)
        _fail("bookmarks needs a command: list, add, remove, export or import")
        return EXIT_USAGE

    return show_usage
