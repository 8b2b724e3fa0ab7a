"""The user's bookmarks file: read, add, remove, annotate, merge, import, export; each change saved safely."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reader import paths
from reader.atomic import write_bytes_atomic, write_text_atomic
from reader.bookmarks.durable import DocumentError, DurableJsonFile, LoadReport
from reader.bookmarks.html_export import bookmarks_html
from reader.bookmarks.model import (
    Bookmark,
    BookmarkDocument,
    merge,
    parse_bookmarks,
    serialize_bookmarks,
    touched,
)
from reader.bookmarks.timestamps import TICK, Clock, as_utc, utc_now

log = logging.getLogger("reader.bookmarks")

FILE_NAME = "bookmarks.json"

# Looks an article up by uid in the open store: a mapping with any of the keys "title", "issue" (the label),
# "category" (section names from the top down), "magazine" and "url"; None when the article is unknown.
Lookup = Callable[[str], Mapping[str, object] | None]


@dataclass(frozen=True)
class ImportSummary:
    """How many bookmarks a merge added, changed and removed here."""

    added: int
    updated: int
    removed: int

    @property
    def message(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.removed} removed"


class BookmarkFile:
    """Bookmarks kept in `bookmarks.json` in the data folder; see `reader.bookmarks.model` for the format.

    Every call reads the file afresh under a cross-process lock, and every change is written before the
    call returns, so two windows or a window and the command line can work at the same time. When the file
    is found damaged it is set aside and the last good copy loaded; each such `LoadReport` goes to
    `on_recovery` (if given) and is kept until `take_reports()` collects it.
    """

    def __init__(
        self,
        folder: Path | None = None,
        *,
        clock: Clock = utc_now,
        on_recovery: Callable[[LoadReport], None] | None = None,
    ) -> None:
        self.folder = folder if folder is not None else paths.data_dir()
        self.path = self.folder / FILE_NAME
        self._clock = clock
        self._on_recovery = on_recovery
        self._reports: list[LoadReport] = []
        self._file = DurableJsonFile(
            self.path,
            parse=parse_bookmarks,
            serialize=serialize_bookmarks,
            empty=BookmarkDocument,
            clock=clock,
            on_recovery=self._recovered,
        )

    def load(self) -> tuple[BookmarkDocument, LoadReport | None]:
        """Everything in the file, and what had to be recovered to read it (None when nothing)."""
        return self._file.read()

    def document(self) -> BookmarkDocument:
        return self._file.read()[0]

    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark, oldest first."""
        return self.document().in_order()

    def get(self, uid: str) -> Bookmark | None:
        return self.document().bookmarks.get(uid)

    def add(
        self,
        uid: str,
        *,
        title: str | None = None,
        note: str | None = None,
        position: int | None = None,
        magazine: str | None = None,
        issue: str | None = None,
        category: tuple[str, ...] | None = None,
        url: str | None = None,
        lookup: Lookup | None = None,
    ) -> Bookmark:
        """Bookmark the article `uid`, or update its bookmark; returns the bookmark as saved.

        `lookup` fills in what the store knows about the article; the other arguments win over it. On an
        existing bookmark only the given details change (and `added` stays).
        """
        if not uid.strip():
            raise ValueError("a bookmark needs an article uid")
        if position is not None and position < 0:
            raise ValueError(f"position must be ≥ 0, not {position}")
        details = _details(lookup(uid) if lookup is not None else None)
        given = {"title": title, "magazine": magazine, "issue": issue, "category": category, "url": url}
        details.update({k: v for k, v in given.items() if v is not None})
        if note is not None:
            details["note"] = note or None
        if position is not None:
            details["position"] = position

        def change(document: BookmarkDocument) -> BookmarkDocument:
            now = self._stamp(document, uid)
            existing = document.bookmarks.get(uid)
            if existing is not None:
                return document.with_bookmark(touched(existing, now, **details))
            fields = {"title": "", **details}
            return document.with_bookmark(Bookmark(uid=uid, added=now, modified=now, **fields))

        _before, after, _report = self._file.update(change)
        return after.bookmarks[uid]

    def remove(self, uid: str) -> bool:
        """Remove the bookmark (leaving a tombstone); False when there was none."""

        def change(document: BookmarkDocument) -> BookmarkDocument:
            if uid not in document.bookmarks:
                return document
            return document.without(uid, self._stamp(document, uid))

        before, _after, _report = self._file.update(change)
        return uid in before.bookmarks

    def set_position(self, uid: str, position: int) -> Bookmark | None:
        """Remember the paragraph reached in a bookmarked article; None when it is not bookmarked."""
        if position < 0:
            raise ValueError(f"position must be ≥ 0, not {position}")
        return self._change_existing(uid, position=position)

    def set_note(self, uid: str, note: str | None) -> Bookmark | None:
        """Set or clear (None or "") the note; None when the article is not bookmarked."""
        return self._change_existing(uid, note=note or None)

    def merge_in(self, other: BookmarkDocument) -> ImportSummary:
        """Merge another copy of the bookmarks into this one (latest change per uid wins)."""
        before, after, _report = self._file.update(lambda document: merge(document, other))
        return _summary(before, after)

    def import_file(self, source: Path) -> ImportSummary:
        """Merge an exported bookmarks file; DocumentError (naming the file) when it is not one."""
        try:
            other = parse_bookmarks(source.read_bytes())
        except DocumentError as error:
            raise DocumentError(f"{source} is not a bookmarks file: {error}") from error
        return self.merge_in(other)

    def export_file(self, target: Path) -> int:
        """Write a copy, tombstones included, for `import_file` to merge elsewhere; returns how many."""
        document = self.document()
        write_bytes_atomic(target, serialize_bookmarks(document))
        return len(document.bookmarks)

    def export_html(self, target: Path, *, original_urls: bool = False) -> int:
        """Write a browser bookmarks file (see `bookmarks_html`); returns the bookmark count."""
        bookmarks = self.bookmarks()
        write_text_atomic(target, bookmarks_html(bookmarks, original_urls=original_urls))
        return len(bookmarks)

    def take_reports(self) -> list[LoadReport]:
        """The recovery reports gathered since the last call, oldest first."""
        reports, self._reports = self._reports, []
        return reports

    def _change_existing(self, uid: str, **changes: Any) -> Bookmark | None:
        def change(document: BookmarkDocument) -> BookmarkDocument:
            existing = document.bookmarks.get(uid)
            if existing is None or all(getattr(existing, k) == v for k, v in changes.items()):
                return document
            return document.with_bookmark(touched(existing, self._stamp(document, uid), **changes))

        _before, after, _report = self._file.update(change)
        return after.bookmarks.get(uid)

    def _stamp(self, document: BookmarkDocument, uid: str) -> datetime:
        # A local change must be newer than the entry it replaces, or merging an older copy (or a clock
        # that stepped back) could undo it.
        now = as_utc(self._clock())
        previous = document.latest_stamp(uid)
        return now if previous is None or now > previous else previous + TICK

    def _recovered(self, report: LoadReport) -> None:
        self._reports.append(report)
        if self._on_recovery is not None:
            self._on_recovery(report)


def _details(found: Mapping[str, object] | None) -> dict[str, Any]:
    """The usable fields of what a lookup returned; values of the wrong type are dropped."""
    if not found:
        return {}
    details: dict[str, Any] = {
        key: found[key]
        for key in ("title", "magazine", "issue", "url")
        if isinstance(found.get(key), str) and found[key]
    }
    category = found.get("category")
    if isinstance(category, (list, tuple)) and all(isinstance(part, str) for part in category):
        details["category"] = tuple(category)
    return details


def _summary(before: BookmarkDocument, after: BookmarkDocument) -> ImportSummary:
    old, new = before.bookmarks, after.bookmarks
    return ImportSummary(
        added=sum(uid not in old for uid in new),
        updated=sum(uid in old and old[uid] != new[uid] for uid in new),
        removed=sum(uid not in new for uid in old),
    )
