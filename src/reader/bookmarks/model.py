"""Bookmarks as values: the record, the document of bookmarks and tombstones, its JSON form, and merging.

The file `bookmarks.json` in the data folder (and every exported `.json` copy) is UTF-8 JSON:

    {
     "format": "magazine-reader-bookmarks",
     "version": 1,
     "bookmarks": [
      {"uid": "www.example.cn/a/xgzdj/xx/2016/0118/1236", "title": "…", "magazine": "…",
       "issue": "2016年第1期", "category": ["时政", "要闻"], "position": 12, "note": null,
       "url": "http://www.example.cn/a/xgzdj/xx/2016/0118/1236.html",
       "added": "2016-01-18T08:30:00.000000Z", "modified": "2016-01-19T21:05:13.250000Z"}
     ],
     "tombstones": [
      {"uid": "www.example.cn/a/xgzdj/xx/2016/0118/1240", "removed": "2016-01-20T07:00:00.000000Z"}
     ]
    }

`uid` identifies the article (never a store path) and appears at most once across both lists. `title`,
`magazine`, `issue` and `category` are as they were when the bookmark was made; `position` is the index of
the paragraph the reader had reached (0 = the top); `note`, `url`, `magazine` and `issue` may be null.
Timestamps are UTC ISO 8601. A tombstone records a removal so that merging with an older copy does not bring
the bookmark back. Merging keeps, per uid, the entry with the latest timestamp (`modified` or `removed`); on a
tie a removal wins, and between two bookmarks the one whose JSON sorts last, so merging is commutative,
associative and idempotent. Unknown keys are ignored; a file with a newer `version` is not read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from reader.bookmarks.durable import decode_json, encode_json
from reader.bookmarks.timestamps import as_utc, format_timestamp
from reader.bookmarks.validate import (
    json_index,
    json_key,
    json_list,
    json_object,
    json_optional_text,
    json_text,
    json_time,
    json_version,
)

FORMAT_NAME = "magazine-reader-bookmarks"
FORMAT_VERSION = 1

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class Bookmark:
    """One bookmarked article, with what was known about it when it was bookmarked."""

    uid: str
    title: str
    added: datetime
    modified: datetime
    magazine: str | None = None
    issue: str | None = None
    category: tuple[str, ...] = ()
    position: int = 0
    note: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        # Every time is kept in UTC, so comparing two of them can never mix naive and aware datetimes.
        object.__setattr__(self, "added", as_utc(self.added))
        object.__setattr__(self, "modified", as_utc(self.modified))

    @property
    def display_title(self) -> str:
        """The title, or the uid when the title was not known."""
        return self.title or self.uid

    def to_json(self) -> JsonDict:
        return {
            "uid": self.uid,
            "title": self.title,
            "magazine": self.magazine,
            "issue": self.issue,
            "category": list(self.category),
            "position": self.position,
            "note": self.note,
            "url": self.url,
            "added": format_timestamp(self.added),
            "modified": format_timestamp(self.modified),
        }

    @classmethod
    def from_json(cls, data: object) -> Bookmark:
        """Read one bookmark entry; DocumentError says what is wrong with it."""
        entry = json_object(data, "a bookmark")
        return cls(
            uid=json_key(entry.get("uid"), "a bookmark's uid"),
            title=json_text(entry.get("title"), "a bookmark's title"),
            magazine=json_optional_text(entry.get("magazine"), "a bookmark's magazine"),
            issue=json_optional_text(entry.get("issue"), "a bookmark's issue"),
            category=tuple(
                json_text(part, "a bookmark's category")
                for part in json_list(entry.get("category", []), "a bookmark's category")
            ),
            position=json_index(entry.get("position", 0), "a bookmark's position"),
            note=json_optional_text(entry.get("note"), "a bookmark's note"),
            url=json_optional_text(entry.get("url"), "a bookmark's url"),
            added=json_time(entry.get("added"), "a bookmark's added time"),
            modified=json_time(entry.get("modified"), "a bookmark's modified time"),
        )


@dataclass(frozen=True)
class Tombstone:
    """The record that a bookmark was removed, kept so that merging an older copy cannot bring it back."""

    uid: str
    removed: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "removed", as_utc(self.removed))

    def to_json(self) -> JsonDict:
        return {"uid": self.uid, "removed": format_timestamp(self.removed)}

    @classmethod
    def from_json(cls, data: object) -> Tombstone:
        entry = json_object(data, "a tombstone")
        return cls(
            uid=json_key(entry.get("uid"), "a tombstone's uid"),
            removed=json_time(entry.get("removed"), "a tombstone's removed time"),
        )


Entry = Bookmark | Tombstone


@dataclass(frozen=True)
class BookmarkDocument:
    """All bookmarks and tombstones, keyed by uid; a uid is never in both. Treat the mappings as read-only."""

    bookmarks: Mapping[str, Bookmark] = field(default_factory=dict)
    tombstones: Mapping[str, Tombstone] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> BookmarkDocument:
        """The document holding the winning entry for each uid among `entries`."""
        winners: dict[str, Entry] = {}
        for entry in entries:
            current = winners.get(entry.uid)
            if current is None or _beats(entry, current):
                winners[entry.uid] = entry
        ordered = sorted(winners.values(), key=lambda e: e.uid)
        return cls(
            bookmarks={e.uid: e for e in ordered if isinstance(e, Bookmark)},
            tombstones={e.uid: e for e in ordered if isinstance(e, Tombstone)},
        )

    def entries(self) -> list[Entry]:
        return [*self.bookmarks.values(), *self.tombstones.values()]

    def latest_stamp(self, uid: str) -> datetime | None:
        """When the entry for `uid` last changed, if there is one."""
        if uid in self.bookmarks:
            return self.bookmarks[uid].modified
        if uid in self.tombstones:
            return self.tombstones[uid].removed
        return None

    def in_order(self) -> list[Bookmark]:
        """Bookmarks in the order they were added, oldest first."""
        return sorted(self.bookmarks.values(), key=lambda b: (b.added, b.uid))

    def with_bookmark(self, bookmark: Bookmark) -> BookmarkDocument:
        """This document with `bookmark` stored (replacing any entry for its uid), whatever its timestamp."""
        bookmarks = {**self.bookmarks, bookmark.uid: bookmark}
        tombstones = {k: v for k, v in self.tombstones.items() if k != bookmark.uid}
        return BookmarkDocument(bookmarks, tombstones)

    def without(self, uid: str, removed: datetime) -> BookmarkDocument:
        """This document with the bookmark for `uid` replaced by a tombstone."""
        bookmarks = {k: v for k, v in self.bookmarks.items() if k != uid}
        return BookmarkDocument(bookmarks, {**self.tombstones, uid: Tombstone(uid, removed)})

    def to_json(self) -> JsonDict:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "bookmarks": [b.to_json() for b in sorted(self.bookmarks.values(), key=lambda b: b.uid)],
            "tombstones": [t.to_json() for t in sorted(self.tombstones.values(), key=lambda t: t.uid)],
        }

    @classmethod
    def from_json(cls, data: object) -> BookmarkDocument:
        document = json_object(data, "the file")
        json_version(document, FORMAT_NAME, FORMAT_VERSION)
        bookmarks = json_list(document.get("bookmarks"), "its bookmarks")
        tombstones = json_list(document.get("tombstones", []), "its tombstones")
        return cls.of(
            [*(Bookmark.from_json(b) for b in bookmarks), *(Tombstone.from_json(t) for t in tombstones)]
        )


def merge(*documents: BookmarkDocument) -> BookmarkDocument:
    """Combine copies of the bookmarks: per uid the latest change wins, removals included."""
    return BookmarkDocument.of(entry for document in documents for entry in document.entries())


def parse_bookmarks(data: bytes) -> BookmarkDocument:
    """Read the bytes of a bookmarks file; DocumentError says why they are not one."""
    return BookmarkDocument.from_json(decode_json(data))


def serialize_bookmarks(document: BookmarkDocument) -> bytes:
    return encode_json(document.to_json())


def touched(bookmark: Bookmark, at: datetime, **changes: Any) -> Bookmark:
    """`bookmark` with `changes` applied and `modified` set to `at`."""
    return replace(bookmark, modified=at, **changes)


def _beats(entry: Entry, other: Entry) -> bool:
    """Whether `entry` wins over `other` for the same uid: a strict total order, so merging commutes."""
    stamp = entry.removed if isinstance(entry, Tombstone) else entry.modified
    other_stamp = other.removed if isinstance(other, Tombstone) else other.modified
    if stamp != other_stamp:
        return stamp > other_stamp
    # On equal times a removal beats a bookmark, and of two bookmarks the one whose JSON sorts last wins.
    if isinstance(entry, Tombstone) or isinstance(other, Tombstone):
        return isinstance(entry, Tombstone) and not isinstance(other, Tombstone)
    return encode_json(entry.to_json()) > encode_json(other.to_json())
