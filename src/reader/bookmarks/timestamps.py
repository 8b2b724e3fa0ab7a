"""UTC timestamps for user data: an injectable clock, and the ISO 8601 form written to disk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

Clock = Callable[[], datetime]

# The smallest step the on-disk form keeps; used to make a local change strictly newer than what it replaces.
TICK = timedelta(microseconds=1)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def format_timestamp(moment: datetime) -> str:
    """`2016-01-18T08:30:00.000000Z`: fixed width, so the text sorts like the time."""
    return as_utc(moment).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_timestamp(text: str) -> datetime:
    """Read an ISO 8601 timestamp (with `Z` or an offset; naive means UTC); ValueError when it is not one."""
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        return as_utc(datetime.fromisoformat(cleaned))
    except OverflowError as error:  # an offset that pushes year 1 or 9999 out of range
        raise ValueError(f"timestamp out of range: {text!r}") from error
