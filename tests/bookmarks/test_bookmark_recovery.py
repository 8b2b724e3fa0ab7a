"""A damaged bookmarks file is set aside, never lost, and the last good copy loaded, with a report to show."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from bookmark_helpers import FakeClock, make_bookmark
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.bookmarks import BookmarkDocument, BookmarkFile, DocumentError, LoadReport
from reader.bookmarks.lock import file_lock
from reader.bookmarks.model import parse_bookmarks, serialize_bookmarks

UID = "www.example.cn/a/xgzdj/xx/2016/0118/1236"
OTHER = "www.example.cn/a/xgzdj/xx/2016/0118/1240"

GOOD = serialize_bookmarks(BookmarkDocument.of([make_bookmark(UID, title="标题")]))

DAMAGE = {
    "invalid JSON": b'{"format": "magazine-reader-bookmarks", "version": 1, "bookmarks": [}',
    "wrong structure": json.dumps(
        {"format": "magazine-reader-bookmarks", "version": 1, "bookmarks": 5}
    ).encode(),
    "truncated": GOOD[: len(GOOD) // 2],
    "binary junk": bytes(range(256)) * 4,
    "empty": b"",
    "newer version": GOOD.replace(b'"version": 1', b'"version": 7'),
}


def _two_good_writes(bookmarks: BookmarkFile, clock: FakeClock) -> bytes:
    """Add UID, then OTHER; returns the file as it stood after the first add (what `.bak` then holds)."""
    bookmarks.add(UID, title="标题")
    first = bookmarks.path.read_bytes()
    clock.advance(minutes=1)
    bookmarks.add(OTHER)
    return first


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_file_is_set_aside_and_the_last_good_copy_loaded(
    bookmarks: BookmarkFile, clock: FakeClock, damage: bytes
) -> None:
    _two_good_writes(bookmarks, clock)
    bookmarks.path.write_bytes(damage)

    document, report = bookmarks.load()

    assert report is not None
    assert report.moved_to is not None
    assert report.moved_to.read_bytes() == damage
    assert report.restored_from == bookmarks.path.with_name("bookmarks.json.bak")
    assert set(document.bookmarks) == {UID}
    assert str(report.moved_to) in report.message
    assert "restored" in report.message


def test_recovered_state_is_saved_so_the_next_load_is_clean(
    bookmarks: BookmarkFile, clock: FakeClock
) -> None:
    _two_good_writes(bookmarks, clock)
    bookmarks.path.write_bytes(b"junk")
    bookmarks.load()
    document, report = bookmarks.load()
    assert report is None
    assert set(document.bookmarks) == {UID}
    assert set(parse_bookmarks(bookmarks.path.read_bytes()).bookmarks) == {UID}


def test_change_made_on_a_damaged_file_applies_to_the_recovered_copy(
    bookmarks: BookmarkFile, clock: FakeClock
) -> None:
    _two_good_writes(bookmarks, clock)
    bookmarks.path.write_bytes(b"junk")
    bookmarks.add("c.cn/3")
    assert set(bookmarks.document().bookmarks) == {UID, "c.cn/3"}
    assert [r.problem for r in bookmarks.take_reports()] == [
        "not valid JSON: Expecting value at line 1 column 1"
    ]
    assert bookmarks.take_reports() == []


def test_unreadable_bak_falls_back_to_the_newest_dated_backup(
    bookmarks: BookmarkFile, clock: FakeClock
) -> None:
    bookmarks.add(UID)
    clock.advance(days=1)
    bookmarks.add(OTHER)  # the dated backup of day 2 holds {UID}
    clock.advance(days=1)
    bookmarks.add("c.cn/3")  # the dated backup of day 3 holds {UID, OTHER}
    bookmarks.path.write_bytes(b"\x00\x00")
    bookmarks.path.with_name("bookmarks.json.bak").write_bytes(b"also junk")

    document, report = bookmarks.load()

    assert report is not None
    assert report.restored_from == bookmarks.folder / "backups" / "bookmarks-2016-01-20.json"
    assert set(document.bookmarks) == {UID, OTHER}


def test_without_any_readable_backup_it_starts_empty_and_keeps_the_damaged_file(
    bookmarks: BookmarkFile,
) -> None:
    bookmarks.folder.mkdir(parents=True)
    bookmarks.path.write_bytes(b"not json")
    document, report = bookmarks.load()
    assert document == BookmarkDocument()
    assert report is not None
    assert report.restored_from is None
    assert "starts empty" in report.message
    assert [p.read_bytes() for p in bookmarks.folder.glob("bookmarks.json.damaged-*")] == [b"not json"]


def test_damaged_copies_never_overwrite_one_another(bookmarks: BookmarkFile) -> None:
    bookmarks.folder.mkdir(parents=True)
    for junk in (b"first", b"second", b"third"):  # all within the same second of the fake clock
        bookmarks.path.write_bytes(junk)
        bookmarks.load()
    kept = sorted(p.read_bytes() for p in bookmarks.folder.glob("bookmarks.json.damaged-*"))
    assert kept == [b"first", b"second", b"third"]


def test_missing_file_is_restored_from_the_bak(bookmarks: BookmarkFile, clock: FakeClock) -> None:
    _two_good_writes(bookmarks, clock)
    bookmarks.path.unlink()
    document, report = bookmarks.load()
    assert report is not None
    assert report.moved_to is None
    assert "missing" in report.message
    assert set(document.bookmarks) == {UID}


def test_first_use_without_any_file_is_not_a_recovery(bookmarks: BookmarkFile) -> None:
    assert bookmarks.load() == (BookmarkDocument(), None)


def test_recovery_is_reported_to_the_callback_with_the_lock_released(folder: Path, clock: FakeClock) -> None:
    seen: list[LoadReport] = []

    def show(report: LoadReport) -> None:
        # A window may sit in a dialog here; other processes must not be kept waiting meanwhile.
        with file_lock(folder / "bookmarks.json.lock", timeout=0.2):
            seen.append(report)

    bookmarks = BookmarkFile(folder, clock=clock, on_recovery=show)
    _two_good_writes(bookmarks, clock)
    bookmarks.path.write_bytes(b"[")
    bookmarks.bookmarks()
    assert len(seen) == 1
    assert seen[0].moved_to is not None


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300) | st.sampled_from(list(DAMAGE.values())), with_bak=st.booleans())
def test_loading_arbitrary_bytes_never_raises_nor_destroys_them(data: bytes, with_bak: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "bookmarks.json").write_bytes(data)
        if with_bak:
            (folder / "bookmarks.json.bak").write_bytes(GOOD)

        document, report = BookmarkFile(folder, clock=FakeClock()).load()

        if report is None:
            assert parse_bookmarks(data) == document
        else:
            assert report.moved_to is not None
            assert report.moved_to.read_bytes() == data
            assert document == (parse_bookmarks(GOOD) if with_bak else BookmarkDocument())


def _containers(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    _containers,
    max_leaves=6,
)
plausible_entry = st.fixed_dictionaries(
    {},
    optional={
        "uid": st.sampled_from([UID, "", " "]) | json_values,
        "title": st.text(max_size=3) | json_values,
        "category": st.lists(st.text(max_size=3)) | json_values,
        "position": st.integers(-2, 2) | json_values,
        "note": st.none() | json_values,
        "added": st.sampled_from(["2016-01-18T08:30:00Z", "2016-13-01T00:00:00Z"]) | json_values,
        "modified": st.sampled_from(["2016-01-18T08:30:00Z", "0001-01-01T00:00:00-01:00"]) | json_values,
        "removed": st.sampled_from(["2016-01-18T08:30:00Z"]) | json_values,
    },
)
plausible_document = st.fixed_dictionaries(
    {},
    optional={
        "format": st.just("magazine-reader-bookmarks") | json_values,
        "version": st.sampled_from([0, 1, 2, True]) | json_values,
        "bookmarks": st.lists(plausible_entry, max_size=3) | json_values,
        "tombstones": st.lists(plausible_entry, max_size=3) | json_values,
    },
)


@settings(max_examples=150)
@given(plausible_document)
def test_almost_valid_documents_are_read_or_refused_with_document_error(document: dict[str, object]) -> None:
    # The loader recovers from DocumentError only; any other exception here would escape a load.
    try:
        parsed = parse_bookmarks(json.dumps(document).encode())
    except DocumentError:
        return
    assert parse_bookmarks(serialize_bookmarks(parsed)) == parsed
