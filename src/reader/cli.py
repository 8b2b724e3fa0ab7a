"""The `reader` command: the window launcher and a stable command line for scripts and tests.

Exit codes: 0 ok, 1 failure (one line on stderr), 2 usage error. JSON is UTF-8, never ASCII-escaped.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reader import paths
from reader.store.errors import StoreError

log = logging.getLogger("reader.cli")

Handler = Callable[[argparse.Namespace], int]
COMMANDS = ("import", "extract", "info", "articles", "show", "search", "open", "screenshot", "bookmarks")


class CommandError(Exception):
    """A failure to report as one line on stderr with exit code 1."""


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _open_store(path: str) -> Any:
    from reader.domain.progress import Reporter
    from reader.ingest.progress_bar import TerminalProgress
    from reader.store.errors import StoreError
    from reader.store.reader import ArticleStore

    # A store made by an older version is updated on opening (minutes for a large one): show it.
    with TerminalProgress(enabled=sys.stderr.isatty()) as bar:
        try:
            return ArticleStore.open(Path(path), Reporter(progress=bar.update))
        except StoreError as exc:
            raise CommandError(str(exc)) from None


# -- import / extract -------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from reader.ingest.pipeline import ImportSourceError, import_sources
    from reader.ingest.progress_bar import TerminalProgress

    sources = [Path(s) for s in args.sources]
    with TerminalProgress(enabled=not args.quiet and sys.stderr.isatty()) as bar:
        try:
            summary = import_sources(sources, Path(args.store), progress=bar.update, workers=args.jobs)
        except ImportSourceError as exc:
            raise CommandError(str(exc)) from None
        except KeyboardInterrupt:
            sys.stderr.write("reader: import interrupted; the store keeps every article imported so far\n")
            return 130
    if args.json:
        _print_json(summary.to_json())
    else:
        sys.stderr.write(summary.describe() + "\n")
    return 0 if summary.articles_total or not summary.failures else 1


def cmd_extract(args: argparse.Namespace) -> int:
    from reader.ingest.pipeline import extract_pages

    status = 0
    for result in extract_pages([Path(p) for p in args.pages], root=Path(args.root) if args.root else None):
        _print_json(result)
        if result.get("error"):
            status = 1
    return status


# -- reading a store --------------------------------------------------------------------------------


def cmd_info(args: argparse.Namespace) -> int:
    with _open_store(args.store) as store:
        magazine = store.magazine()
        issues: list[dict[str, Any]] = []
        for year in store.years():
            if year.year is None and not year.issue_count:
                continue
            issues.extend(
                {
                    "year": i.year,
                    "label": i.label,
                    "number": i.number,
                    "total": i.total,
                    "articles": i.article_count,
                }
                for i in store.issues(year.year)
            )

        def tree(parent: int | None) -> list[dict[str, Any]]:
            return [
                {"name": c.name, "path": list(c.path), "articles": c.article_count, "children": tree(c.id)}
                for c in store.categories(parent)
            ]

        info = {
            "magazine": {"name": magazine.name, "site": magazine.site, "about": magazine.about},
            "counts": store.counts() | {"unfiled": store.unfiled_count()},
            "issues": issues,
            "categories": tree(None),
        }
    if args.json:
        _print_json(info)
    else:
        counts = info["counts"]
        print(
            f"{magazine.name} ({magazine.site or 'no site'}): {counts['articles']} articles, "
            f"{len(issues)} issues, {counts['images']} images"
        )
        for issue in issues:
            print(f"  {issue['label']}: {issue['articles']}")
    return 0


def cmd_articles(args: argparse.Namespace) -> int:
    with _open_store(args.store) as store:
        issues = {i.id: i for i in store.all_issues()}
        categories: dict[int, tuple[str, ...]] = {}
        for row in store.iter_article_rows():
            issue = issues.get(row.issue_id) if row.issue_id is not None else None
            if row.category_id is not None and row.category_id not in categories:
                category = store.category(row.category_id)
                categories[row.category_id] = category.path if category else ()
            record = {
                "uid": row.uid,
                "title": row.title,
                "issue": issue.label if issue else None,
                "category": list(categories.get(row.category_id or -1, ())),
                "date": row.date,
                "file": row.file,
            }
            if args.json:
                _print_json(record)
            else:
                print(f"{record['issue'] or '-'}\t{row.uid}\t{row.title}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open_store(args.store) as store:
        missing = []
        for uid in args.uids:
            article = store.article(uid)
            if article is None:
                missing.append(uid)
                continue
            if args.json:
                _print_json(article.to_json())
            else:
                print(article.title)
                print("\n".join(article.texts()))
    if missing:
        raise CommandError(f"no article with uid {', '.join(missing)} in {args.store}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from reader.domain.progress import Reporter
    from reader.ingest.progress_bar import TerminalProgress
    from reader.store.search import SearchFilters, search_store

    with _open_store(args.store) as store, TerminalProgress(enabled=sys.stderr.isatty()) as bar:
        result = search_store(
            store,
            args.query,
            limit=args.limit,
            filters=SearchFilters(year=args.year, issue=args.issue, category=args.category),
            reporter=Reporter(progress=bar.update),  # an index another version built is rebuilt first
        )
    if args.json:
        _print_json(result.to_json())
    else:
        print(f"{result.total} results")
        for hit in result.hits:
            print(f"{hit.uid}\t{hit.title}\t{hit.snippet}")
    return 0


# -- the window -------------------------------------------------------------------------------------


def cmd_open(args: argparse.Namespace) -> int:
    from reader.app import run_window

    return run_window(Path(args.path) if args.path else None)


def cmd_screenshot(args: argparse.Namespace) -> int:
    from reader.app import take_screenshot

    return take_screenshot(
        Path(args.store) if args.store else None,
        Path(args.output),
        article=args.article,
        theme=args.theme,
        size=args.size,
    )


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    if not (200 <= width <= 10000 and 200 <= height <= 10000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 10000")
    return width, height


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked: importlib.metadata costs every start 25 ms."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        import reader

        print(f"{parser.prog} {reader.__version__}")
        parser.exit()


# The window's commands leave the bookmarks commands out of their parser: building them loads the
# bookmarks package (some 15 ms), which the window loads anyway, after its first paint.
WINDOW_COMMANDS = ("open", "screenshot")


def build_parser(*, with_bookmarks: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read saved magazine websites offline. Without a command, opens the reading window.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument(
        "--data-dir", metavar="DIR", help=f"keep all per-user data in DIR (also ${paths.ENV_DATA_DIR})"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import saved pages (folders or files) into a store")
    p.add_argument("sources", nargs="+", metavar="SRC", help="a saved site's folder, or page files")
    p.add_argument("--store", required=True, help="the store file to create or update (.magstore)")
    p.add_argument("-j", "--jobs", type=int, default=None, help="parallel parsers (default: every core)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("extract", help="extract articles from pages without a store, one JSON line each")
    p.add_argument("pages", nargs="+", metavar="PAGE")
    p.add_argument("--root", help="the saved site's folder (default: found from the page's path)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("info", help="the magazine, counts, issue and category trees of a store")
    p.add_argument("store")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("articles", help="every article of a store in issue order")
    p.add_argument("store")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("show", help="the given articles in full")
    p.add_argument("store")
    p.add_argument("uids", nargs="+", metavar="UID")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", help="full-text search of a store")
    p.add_argument("store")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=20, help="at most N hits; 0 means all")
    p.add_argument("--year", type=int)
    p.add_argument("--issue", metavar="LABEL")
    p.add_argument("--category", metavar="PATH", help='a section, or "section > subsection"')
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("open", help="open a store, or import a saved site's folder and open it")
    p.add_argument("path", nargs="?")
    p.set_defaults(func=cmd_open)

    p = sub.add_parser("screenshot", help="render the window offscreen to a PNG and exit")
    p.add_argument("store", nargs="?", help="default: the demo magazine")
    p.add_argument("-o", "--output", required=True, metavar="FILE.png")
    p.add_argument("--article", metavar="UID")
    p.add_argument("--theme", choices=("light", "sepia", "dark"), default="light")
    p.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH")
    p.set_defaults(func=cmd_screenshot)

    if with_bookmarks:
        from reader.bookmarks.commands import register as register_bookmarks

        register_bookmarks(sub)
    return parser


_GLOBAL_OPTIONS_WITH_VALUE = ("--data-dir",)


def _first_positional(argv: list[str]) -> int | None:
    """Index of the first argument that is not a global option or its value."""
    skip = False
    for index, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg in _GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return index
    return None


def _configure_logging(*, verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(name)s: %(message)s")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    func: Handler | None
    if not argv:
        # `reader` alone, as the desktop's launcher starts it, opens the window on the last store:
        # straight there, without building the argument parser (argparse takes 10 ms to build ours).
        _configure_logging(verbose=False)
        func, args = cmd_open, argparse.Namespace(path=None)
    else:
        # `reader PATH` is `reader open PATH`.
        first = _first_positional(argv)
        asks_for_help = bool({"--version", "-h", "--help"} & set(argv))
        if (first is None or argv[first] not in COMMANDS) and not asks_for_help:
            argv.insert(len(argv) if first is None else first, "open")
        command = argv[first] if first is not None else "open"
        parser = build_parser(with_bookmarks=asks_for_help or command not in WINDOW_COMMANDS)
        args = parser.parse_args(argv)
        _configure_logging(verbose=args.verbose)
        if args.data_dir:
            paths.set_data_dir(args.data_dir)
        func = getattr(args, "func", None)
        if func is None:
            parser.print_help()
            return 2
    try:
        return func(args)
    except CommandError as exc:
        sys.stderr.write(f"reader: {exc}\n")
        return 1
    except StoreError as exc:  # a store that opened but is damaged further in
        sys.stderr.write(f"reader: {exc}\n")
        return 1
    except BrokenPipeError:  # `reader articles X | head`
        return 0
    except OSError as exc:  # a file or folder the command was given that cannot be read or written
        sys.stderr.write(f"reader: {exc}\n")
        return 1
