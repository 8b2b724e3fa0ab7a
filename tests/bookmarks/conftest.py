"""Fixtures for the bookmarks tests: a clock the test moves by hand, and a bookmarks file that uses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from bookmark_helpers import FakeClock

from reader.bookmarks import BookmarkFile


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def bookmarks(folder: Path, clock: FakeClock) -> BookmarkFile:
    return BookmarkFile(folder, clock=clock)
