"""Shared test doubles for the bookmarks tests: a clock moved by hand, and ready-made bookmarks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from reader.bookmarks import Bookmark

START = datetime(2016, 1, 18, 8, 30, tzinfo=timezone.utc)


class FakeClock:
    """A deterministic clock: time only moves when the test says so."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def at(minutes: float) -> datetime:
    """A moment `minutes` after START."""
    return START + timedelta(minutes=minutes)


def make_bookmark(uid: str, minutes: float = 0, **details: object) -> Bookmark:
    """A bookmark added and last changed `minutes` after START."""
    fields: dict[str, Any] = {"title": f"title of {uid}", **details}
    return Bookmark(uid=uid, added=at(minutes), modified=at(minutes), **fields)
