"""Where reading stopped in each magazine, and the stores opened lately, kept in `positions.json`.

The file (in the data folder, saved with the same lock, atomic replace and backups as the bookmarks) is:

    {
     "format": "magazine-reader-positions",
     "version": 1,
     "positions": {"<store key>": {"uid": "<article uid>", "paragraph": 12, "updated": "<UTC ISO 8601>"}},
     "recent": [{"path": "/home/me/刊物.magstore", "name": "刊物", "opened_at": "<UTC ISO 8601>"}]
    }

The store key is the magazine's identity string chosen by the caller; `recent` is newest first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from reader import paths
from reader.bookmarks.durable import DurableJsonFile, LoadReport, decode_json, encode_json
from reader.bookmarks.timestamps import Clock, as_utc, format_timestamp, utc_now
from reader.bookmarks.validate import (
    json_index,
    json_key,
    json_list,
    json_object,
    json_text,
    json_time,
    json_version,
)

FILE_NAME = "positions.json"
FORMAT_NAME = "magazine-reader-positions"
FORMAT_VERSION = 1
MAX_RECENT = 10


@dataclass(frozen=True)
class ReadingPosition:
    """The article last read in a magazine, and the paragraph reached in it."""

    uid: str
    paragraph: int
    updated: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "updated", as_utc(self.updated))


@dataclass(frozen=True)
class RecentStore:
    """An article store the user opened, as shown in the recent list."""

    path: str
    name: str
    opened_at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "opened_at", as_utc(self.opened_at))


@dataclass(frozen=True)
class PositionsDocument:
    positions: Mapping[str, ReadingPosition] = field(default_factory=dict)
    recent: tuple[RecentStore, ...] = ()


class ReadingPositions:
    """Reading positions and recent stores; like `BookmarkFile`, every call reads afresh and saves at once.

    Each change is written to disk (with fsync) before the call returns, so a window should call
    `remember` when the reader settles or leaves an article, not on every scroll step.
    """

    def __init__(
        self,
        folder: Path | None = None,
        *,
        clock: Clock = utc_now,
        on_recovery: Callable[[LoadReport], None] | None = None,
        max_recent: int = MAX_RECENT,
    ) -> None:
        self.folder = folder if folder is not None else paths.data_dir()
        self.path = self.folder / FILE_NAME
        self._clock = clock
        self._max_recent = max_recent
        self._file = DurableJsonFile(
            self.path,
            parse=parse_positions,
            serialize=serialize_positions,
            empty=PositionsDocument,
            clock=clock,
            on_recovery=on_recovery,
        )

    def load(self) -> tuple[PositionsDocument, LoadReport | None]:
        return self._file.read()

    def position(self, store_key: str) -> ReadingPosition | None:
        return self._file.read()[0].positions.get(store_key)

    def remember(self, store_key: str, uid: str, paragraph: int) -> ReadingPosition:
        """Record that reading in `store_key` reached `paragraph` of article `uid`."""
        if paragraph < 0:
            raise ValueError(f"paragraph must be ≥ 0, not {paragraph}")

        def change(document: PositionsDocument) -> PositionsDocument:
            current = document.positions.get(store_key)
            if current is not None and (current.uid, current.paragraph) == (uid, paragraph):
                return document
            position = ReadingPosition(uid, paragraph, self._clock())
            return replace(document, positions={**document.positions, store_key: position})

        return self._file.update(change)[1].positions[store_key]

    def forget(self, store_key: str) -> None:
        def change(document: PositionsDocument) -> PositionsDocument:
            positions = {k: v for k, v in document.positions.items() if k != store_key}
            return replace(document, positions=positions)

        self._file.update(change)

    def recent_stores(self) -> list[RecentStore]:
        """Stores opened lately, newest first."""
        return list(self._file.read()[0].recent)

    def store_opened(self, path: Path | str, name: str) -> list[RecentStore]:
        """Put the store at the top of the recent list (keeping at most `max_recent`); returns the list."""
        key = os.path.abspath(path)

        def change(document: PositionsDocument) -> PositionsDocument:
            others = tuple(r for r in document.recent if r.path != key)
            opened = RecentStore(key, name, self._clock())
            return replace(document, recent=(opened, *others)[: self._max_recent])

        return list(self._file.update(change)[1].recent)

    def forget_store(self, path: Path | str) -> None:
        """Take the store off the recent list (for example when its file has gone)."""
        key = os.path.abspath(path)

        def change(document: PositionsDocument) -> PositionsDocument:
            return replace(document, recent=tuple(r for r in document.recent if r.path != key))

        self._file.update(change)


def parse_positions(data: bytes) -> PositionsDocument:
    """Read the bytes of a positions file; DocumentError says why they are not one."""
    document = json_object(decode_json(data), "the file")
    json_version(document, FORMAT_NAME, FORMAT_VERSION)
    raw_positions = json_object(document.get("positions"), "its positions")
    positions = {json_key(key, "a store key"): _position(value) for key, value in raw_positions.items()}
    recent = tuple(_recent(value) for value in json_list(document.get("recent"), "its recent stores"))
    return PositionsDocument(positions, recent)


def serialize_positions(document: PositionsDocument) -> bytes:
    return encode_json(
        {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "positions": {
                key: {"uid": p.uid, "paragraph": p.paragraph, "updated": format_timestamp(p.updated)}
                for key, p in sorted(document.positions.items())
            },
            "recent": [
                {"path": r.path, "name": r.name, "opened_at": format_timestamp(r.opened_at)}
                for r in document.recent
            ],
        }
    )


def _position(value: object) -> ReadingPosition:
    entry = json_object(value, "a reading position")
    return ReadingPosition(
        uid=json_key(entry.get("uid"), "a reading position's uid"),
        paragraph=json_index(entry.get("paragraph"), "a reading position's paragraph"),
        updated=json_time(entry.get("updated"), "a reading position's time"),
    )


def _recent(value: object) -> RecentStore:
    entry = json_object(value, "a recent store")
    return RecentStore(
        path=json_key(entry.get("path"), "a recent store's path"),
        name=json_text(entry.get("name"), "a recent store's name"),
        opened_at=json_time(entry.get("opened_at"), "a recent store's time"),
    )
