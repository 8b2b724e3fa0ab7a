"""Reading positions per magazine and the recent-stores list, kept as safely as the bookmarks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bookmark_helpers import START, FakeClock
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import paths
from reader.bookmarks import ReadingPositions
from reader.bookmarks.durable import DocumentError
from reader.bookmarks.positions import PositionsDocument, parse_positions, serialize_positions

KEY = "www.example.cn"
UID = "www.example.cn/a/xgzdj/xx/2016/0118/1236"


@pytest.fixture
def positions(folder: Path, clock: FakeClock) -> ReadingPositions:
    return ReadingPositions(folder, clock=clock)


def test_position_is_remembered_per_magazine_across_sessions(positions: ReadingPositions) -> None:
    positions.remember(KEY, UID, 12)
    positions.remember("other.cn", "other.cn/1", 3)
    again = ReadingPositions(positions.folder)
    remembered = again.position(KEY)
    assert remembered is not None
    assert (remembered.uid, remembered.paragraph, remembered.updated) == (UID, 12, START)
    assert again.position("other.cn").paragraph == 3  # type: ignore[union-attr]


def test_unknown_magazine_has_no_position(positions: ReadingPositions) -> None:
    assert positions.position(KEY) is None


def test_positions_live_in_the_data_folder_by_default() -> None:
    ReadingPositions().remember(KEY, UID, 1)
    assert (paths.data_dir() / "positions.json").is_file()


def test_remembering_the_same_place_again_does_not_rewrite_the_file(
    positions: ReadingPositions, clock: FakeClock
) -> None:
    positions.remember(KEY, UID, 5)
    before = positions.path.read_bytes()
    clock.advance(minutes=1)
    positions.remember(KEY, UID, 5)
    assert positions.path.read_bytes() == before


def test_forgetting_a_magazine_drops_its_position(positions: ReadingPositions) -> None:
    positions.remember(KEY, UID, 5)
    positions.forget(KEY)
    assert positions.position(KEY) is None


def test_negative_paragraph_is_refused(positions: ReadingPositions) -> None:
    with pytest.raises(ValueError, match="paragraph"):
        positions.remember(KEY, UID, -1)


def test_recent_stores_are_newest_first_without_duplicates(
    positions: ReadingPositions, clock: FakeClock, tmp_path: Path
) -> None:
    positions.store_opened(tmp_path / "a.magstore", "甲")
    clock.advance(minutes=1)
    positions.store_opened(tmp_path / "b.magstore", "乙")
    clock.advance(minutes=1)
    positions.store_opened(tmp_path / "a.magstore", "甲")
    recent = positions.recent_stores()
    assert [(Path(r.path).name, r.name) for r in recent] == [("a.magstore", "甲"), ("b.magstore", "乙")]
    assert recent[0].opened_at == clock.now


def test_recent_list_keeps_only_the_newest(folder: Path, clock: FakeClock, tmp_path: Path) -> None:
    positions = ReadingPositions(folder, clock=clock, max_recent=3)
    for n in range(5):
        positions.store_opened(tmp_path / f"{n}.magstore", str(n))
        clock.advance(seconds=1)
    assert [r.name for r in positions.recent_stores()] == ["4", "3", "2"]


def test_recent_paths_are_absolute(
    positions: ReadingPositions, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    positions.store_opened("relative.magstore", "相对")
    assert positions.recent_stores()[0].path == str(tmp_path / "relative.magstore")


def test_forgetting_a_store_takes_it_off_the_recent_list(positions: ReadingPositions, tmp_path: Path) -> None:
    positions.store_opened(tmp_path / "a.magstore", "甲")
    positions.forget_store(tmp_path / "a.magstore")
    assert positions.recent_stores() == []


def test_damaged_positions_file_is_set_aside_and_the_last_good_copy_loaded(
    positions: ReadingPositions, clock: FakeClock
) -> None:
    positions.remember(KEY, UID, 5)
    clock.advance(minutes=1)
    positions.remember(KEY, UID, 9)
    positions.path.write_bytes(b'{"format": "magazine-reader-positions", "vers')

    document, report = positions.load()

    assert report is not None
    assert report.moved_to is not None
    assert report.moved_to.read_bytes() == b'{"format": "magazine-reader-positions", "vers'
    assert document.positions[KEY].paragraph == 5
    assert positions.load()[1] is None


def test_positions_file_format_is_as_documented(positions: ReadingPositions, tmp_path: Path) -> None:
    positions.remember(KEY, UID, 12)
    positions.store_opened(tmp_path / "刊.magstore", "刊")
    stored = json.loads(positions.path.read_text(encoding="utf-8"))
    assert stored == {
        "format": "magazine-reader-positions",
        "version": 1,
        "positions": {KEY: {"uid": UID, "paragraph": 12, "updated": "2016-01-18T08:30:00.000000Z"}},
        "recent": [
            {"path": str(tmp_path / "刊.magstore"), "name": "刊", "opened_at": "2016-01-18T08:30:00.000000Z"}
        ],
    }


@settings(max_examples=150)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_reading_any_bytes_as_positions_gives_a_document_or_document_error(data: bytes) -> None:
    try:
        document = parse_positions(data)
    except DocumentError:
        return
    assert isinstance(document, PositionsDocument)
    assert parse_positions(serialize_positions(document)) == document
