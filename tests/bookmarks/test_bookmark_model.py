"""Bookmark values, their JSON form, and merging copies with tombstones and last-writer-wins."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from bookmark_helpers import START, at, make_bookmark
from hypothesis import given
from hypothesis import strategies as st

from reader.bookmarks import Bookmark, BookmarkDocument, DocumentError, Tombstone, merge
from reader.bookmarks.model import parse_bookmarks, serialize_bookmarks
from reader.bookmarks.timestamps import format_timestamp, parse_timestamp

# Few uids and few distinct times, so that generated copies collide and tie often.
uids = st.sampled_from(["a.cn/1", "a.cn/2", "b.cn/x/3", "中文.cn/4"])
moments = st.integers(min_value=0, max_value=4).map(at)
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=8)
bookmark_values = st.builds(
    lambda uid, added, later, title, note, position, category: Bookmark(
        uid=uid,
        title=title,
        added=added,
        modified=added + timedelta(minutes=later),
        note=note,
        position=position,
        category=category,
    ),
    uids,
    moments,
    st.integers(0, 3),
    texts,
    st.none() | texts,
    st.integers(0, 50),
    st.lists(texts, max_size=2).map(tuple),
)
tombstone_values = st.builds(Tombstone, uids, moments)
documents = st.lists(bookmark_values | tombstone_values, max_size=8).map(BookmarkDocument.of)


def test_newer_bookmark_replaces_older_one_for_the_same_uid() -> None:
    old = make_bookmark("a.cn/1", 0, note="old")
    new = make_bookmark("a.cn/1", 5, note="new")
    assert merge(BookmarkDocument.of([old]), BookmarkDocument.of([new])).bookmarks["a.cn/1"].note == "new"
    assert merge(BookmarkDocument.of([new]), BookmarkDocument.of([old])).bookmarks["a.cn/1"].note == "new"


def test_removal_recorded_in_one_copy_is_not_undone_by_an_older_copy() -> None:
    kept_elsewhere = BookmarkDocument.of([make_bookmark("a.cn/1", 0)])
    removed_here = BookmarkDocument.of([Tombstone("a.cn/1", at(3))])
    for merged in (merge(kept_elsewhere, removed_here), merge(removed_here, kept_elsewhere)):
        assert "a.cn/1" not in merged.bookmarks
        assert merged.tombstones["a.cn/1"].removed == at(3)


def test_bookmark_added_again_after_a_removal_survives_the_tombstone() -> None:
    removed = BookmarkDocument.of([Tombstone("a.cn/1", at(3))])
    readded = BookmarkDocument.of([make_bookmark("a.cn/1", 7)])
    merged = merge(removed, readded)
    assert "a.cn/1" in merged.bookmarks
    assert "a.cn/1" not in merged.tombstones


def test_removal_wins_a_tie_with_a_bookmark() -> None:
    merged = merge(
        BookmarkDocument.of([make_bookmark("a.cn/1", 2)]), BookmarkDocument.of([Tombstone("a.cn/1", at(2))])
    )
    assert merged.bookmarks == {}
    assert set(merged.tombstones) == {"a.cn/1"}


def test_merge_keeps_bookmarks_only_one_copy_has() -> None:
    merged = merge(
        BookmarkDocument.of([make_bookmark("a.cn/1")]), BookmarkDocument.of([make_bookmark("a.cn/2")])
    )
    assert set(merged.bookmarks) == {"a.cn/1", "a.cn/2"}


@given(documents, documents)
def test_merge_is_commutative(a: BookmarkDocument, b: BookmarkDocument) -> None:
    assert merge(a, b) == merge(b, a)


@given(documents, documents, documents)
def test_merge_is_associative(a: BookmarkDocument, b: BookmarkDocument, c: BookmarkDocument) -> None:
    assert merge(merge(a, b), c) == merge(a, merge(b, c))


@given(documents, documents)
def test_merge_is_idempotent(a: BookmarkDocument, b: BookmarkDocument) -> None:
    assert merge(a, a) == a
    once = merge(a, b)
    assert merge(once, b) == once
    assert merge(once, a) == once


@given(documents, documents)
def test_merge_result_holds_each_uid_once_with_the_latest_time(
    a: BookmarkDocument, b: BookmarkDocument
) -> None:
    merged = merge(a, b)
    assert not set(merged.bookmarks) & set(merged.tombstones)
    for uid in {*a.bookmarks, *a.tombstones, *b.bookmarks, *b.tombstones}:
        stamps = [s for s in (a.latest_stamp(uid), b.latest_stamp(uid)) if s is not None]
        assert merged.latest_stamp(uid) == max(stamps)


@given(documents)
def test_document_survives_a_trip_through_its_file_form(document: BookmarkDocument) -> None:
    assert parse_bookmarks(serialize_bookmarks(document)) == document


def test_file_form_is_utf8_json_with_chinese_unescaped() -> None:
    data = serialize_bookmarks(BookmarkDocument.of([make_bookmark("a.cn/1", title="标题")]))
    assert "标题".encode() in data
    assert json.loads(data)["format"] == "magazine-reader-bookmarks"


def _valid() -> dict[str, object]:
    return BookmarkDocument.of([make_bookmark("a.cn/1"), Tombstone("a.cn/2", START)]).to_json()


def _with(change: dict[str, object], entry: bool = False) -> bytes:
    document = _valid()
    if entry:
        document["bookmarks"][0].update(change)  # type: ignore[index]
    else:
        document.update(change)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[]", "not a JSON object"),
        (_with({"format": "firefox"}), "format"),
        (_with({"version": 2}), "newer Magazine Reader"),
        (_with({"version": True}), "version"),
        (_with({"bookmarks": {}}), "not a list"),
        (_with({"position": -1}, entry=True), "position"),
        (_with({"position": True}, entry=True), "position"),
        (_with({"uid": ""}, entry=True), "uid"),
        (_with({"added": "yesterday"}, entry=True), "ISO 8601"),
        (_with({"category": "时政"}, entry=True), "category"),
        (b'{"format": "magazine-reader-bookmarks", "version": 1, "bookmarks": [NaN]}', "NaN"),
        (_with({"title": "\ud800"}, entry=True), "UTF-8"),
        (b"1" * 5000, "not valid JSON"),
        (b"[" * 100_000, "not valid JSON"),
    ],
)
def test_malformed_file_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        parse_bookmarks(data)


def test_unknown_keys_are_ignored() -> None:
    assert (
        parse_bookmarks(_with({"future": [1, 2]}, entry=True)).bookmarks["a.cn/1"].title == "title of a.cn/1"
    )


def test_duplicate_entries_in_a_file_resolve_to_the_latest() -> None:
    document = _valid()
    newer = make_bookmark("a.cn/1", 9, note="newer").to_json()
    document["bookmarks"] = [newer, *document["bookmarks"]]  # type: ignore[misc]
    assert parse_bookmarks(json.dumps(document).encode()).bookmarks["a.cn/1"].note == "newer"


def test_timestamps_are_written_in_utc_with_z() -> None:
    moment = datetime(2016, 1, 18, 16, 30, tzinfo=timezone(timedelta(hours=8)))
    assert format_timestamp(moment) == "2016-01-18T08:30:00.000000Z"


@pytest.mark.parametrize(
    "text", ["2016-01-18T08:30:00.000000Z", "2016-01-18T16:30:00+08:00", "2016-01-18T08:30:00"]
)
def test_timestamps_are_read_as_utc_whatever_their_offset(text: str) -> None:
    assert parse_timestamp(text) == START


@given(st.datetimes(timezones=st.just(timezone.utc)))
def test_timestamp_text_reads_back_as_the_same_instant(moment: datetime) -> None:
    assert parse_timestamp(format_timestamp(moment)) == moment


@given(st.text(max_size=40))
def test_reading_any_text_as_a_timestamp_gives_a_utc_time_or_value_error(text: str) -> None:
    try:
        moment = parse_timestamp(text)
    except ValueError:
        return
    assert moment.tzinfo is timezone.utc


def test_bookmark_made_with_a_naive_time_is_kept_in_utc() -> None:
    bookmark = Bookmark(uid="a.cn/1", title="", added=datetime(2016, 1, 18, 8, 30), modified=START)
    assert bookmark.added == START
    assert bookmark.added.tzinfo is timezone.utc
