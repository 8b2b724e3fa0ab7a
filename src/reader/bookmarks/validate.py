"""Checks on values read from a JSON user file, each raising DocumentError with a reason a person can read."""

from __future__ import annotations

from datetime import datetime

from reader.bookmarks.durable import DocumentError
from reader.bookmarks.timestamps import parse_timestamp


def json_object(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise DocumentError(f"{what} is not a JSON object")
    return value


def json_list(value: object, what: str) -> list[object]:
    if not isinstance(value, list):
        raise DocumentError(f"{what} is not a list")
    return value


def json_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise DocumentError(f"{what} is not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate escape such as "\ud800"
        raise DocumentError(f"{what} holds a character UTF-8 cannot store") from error
    return value


def json_optional_text(value: object, what: str) -> str | None:
    return None if value is None else json_text(value, what)


def json_key(value: object, what: str) -> str:
    """Text that identifies something, so it may not be empty."""
    text = json_text(value, what)
    if not text.strip():
        raise DocumentError(f"{what} is empty")
    return text


def json_index(value: object, what: str) -> int:
    """A whole number ≥ 0 (JSON true and false are not numbers here)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DocumentError(f"{what} is not a whole number ≥ 0")
    return value


def json_time(value: object, what: str) -> datetime:
    if not isinstance(value, str):
        raise DocumentError(f"{what} is not a timestamp")
    try:
        return parse_timestamp(value)
    except ValueError as error:
        raise DocumentError(f"{what} is not an ISO 8601 timestamp: {value!r}") from error


def json_version(document: dict[str, object], format_name: str, newest: int) -> int:
    """Check the `format` and `version` fields every user file starts with."""
    if document.get("format") != format_name:
        raise DocumentError(f"its format is not {format_name!r}")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DocumentError("its version is missing or not a positive whole number")
    if version > newest:
        raise DocumentError(f"written by a newer Magazine Reader (format version {version})")
    return version
