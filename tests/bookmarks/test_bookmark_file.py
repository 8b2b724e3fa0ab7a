"""The bookmarks file API: adding, changing, removing, backups, and export/import between two data folders."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from bookmark_helpers import START, FakeClock

from reader import paths
from reader.bookmarks import BookmarkFile, DocumentError
from reader.bookmarks.model import parse_bookmarks

UID = "www.example.cn/a/xgzdj/xx/2016/0118/1236"
OTHER = "www.example.cn/a/xgzdj/xx/2016/0118/1240"


def _store_lookup(uid: str) -> Mapping[str, object] | None:
    if uid != UID:
        return None
    return {
        "title": "改革开放再出发",
        "issue": "2016年第1期",
        "category": ("时政", "要闻"),
        "magazine": "某某杂志",
        "url": "http://www.example.cn/a/xgzdj/xx/2016/0118/1236.html",
    }


def test_bookmarks_live_in_the_data_folder_by_default(_private_data_dir: Path) -> None:
    BookmarkFile().add(UID)
    assert (paths.data_dir() / "bookmarks.json").is_file()
    assert UID in parse_bookmarks((_private_data_dir / "bookmarks.json").read_bytes()).bookmarks


def test_added_bookmark_remembers_its_details_and_time(bookmarks: BookmarkFile) -> None:
    added = bookmarks.add(UID, title="标题", note="读到这里", position=7)
    assert (added.title, added.note, added.position, added.added, added.modified) == (
        "标题",
        "读到这里",
        7,
        START,
        START,
    )
    assert bookmarks.get(UID) == added
    assert BookmarkFile(bookmarks.folder).get(UID) == added


def test_lookup_fills_in_what_the_store_knows(bookmarks: BookmarkFile) -> None:
    added = bookmarks.add(UID, lookup=_store_lookup)
    assert added.title == "改革开放再出发"
    assert added.issue == "2016年第1期"
    assert added.category == ("时政", "要闻")
    assert added.magazine == "某某杂志"
    assert added.url == "http://www.example.cn/a/xgzdj/xx/2016/0118/1236.html"


def test_given_title_wins_over_the_lookup(bookmarks: BookmarkFile) -> None:
    assert bookmarks.add(UID, title="我的标题", lookup=_store_lookup).title == "我的标题"


def test_article_unknown_to_the_lookup_is_added_without_details(bookmarks: BookmarkFile) -> None:
    added = bookmarks.add(OTHER, lookup=_store_lookup)
    assert (added.title, added.magazine, added.display_title) == ("", None, OTHER)


def test_lookup_values_of_the_wrong_type_are_ignored(bookmarks: BookmarkFile) -> None:
    added = bookmarks.add(UID, lookup=lambda uid: {"title": 3, "category": [1, 2], "issue": "第1期"})
    assert (added.title, added.category, added.issue) == ("", (), "第1期")


def test_adding_again_keeps_the_first_added_time_and_old_details(
    bookmarks: BookmarkFile, clock: FakeClock
) -> None:
    bookmarks.add(UID, title="标题", note="first")
    later = clock.advance(minutes=5)
    again = bookmarks.add(UID, position=3)
    assert (again.added, again.modified) == (START, later)
    assert (again.title, again.note, again.position) == ("标题", "first", 3)


def test_removing_leaves_a_tombstone_and_adding_again_clears_it(
    bookmarks: BookmarkFile, clock: FakeClock
) -> None:
    bookmarks.add(UID)
    clock.advance(minutes=1)
    assert bookmarks.remove(UID) is True
    document = bookmarks.document()
    assert UID not in document.bookmarks
    assert document.tombstones[UID].removed == clock.now
    clock.advance(minutes=1)
    bookmarks.add(UID)
    assert UID not in bookmarks.document().tombstones


def test_removing_what_is_not_bookmarked_reports_false_and_writes_nothing(bookmarks: BookmarkFile) -> None:
    assert bookmarks.remove(UID) is False
    assert not bookmarks.path.exists()


def test_position_and_note_change_only_bookmarked_articles(bookmarks: BookmarkFile, clock: FakeClock) -> None:
    assert bookmarks.set_position(UID, 4) is None
    bookmarks.add(UID)
    clock.advance(seconds=1)
    assert bookmarks.set_position(UID, 4).position == 4  # type: ignore[union-attr]
    assert bookmarks.set_note(UID, "好文章").note == "好文章"  # type: ignore[union-attr]
    assert bookmarks.set_note(UID, "").note is None  # type: ignore[union-attr]
    # Three changes within one tick of a frozen clock are still stamped in order.
    assert bookmarks.get(UID).modified > clock.now  # type: ignore[union-attr]


def test_setting_the_same_position_again_does_not_rewrite_the_file(bookmarks: BookmarkFile) -> None:
    bookmarks.add(UID, position=4)
    before = bookmarks.path.stat().st_mtime_ns, bookmarks.path.read_bytes()
    bookmarks.set_position(UID, 4)
    assert (bookmarks.path.stat().st_mtime_ns, bookmarks.path.read_bytes()) == before


def test_negative_position_is_refused(bookmarks: BookmarkFile) -> None:
    with pytest.raises(ValueError, match="position"):
        bookmarks.add(UID, position=-1)


def test_a_change_is_stamped_after_the_one_it_replaces_even_if_the_clock_steps_back(
    bookmarks: BookmarkFile, clock: FakeClock
) -> None:
    bookmarks.add(UID)
    clock.advance(hours=-1)
    assert bookmarks.remove(UID)
    assert bookmarks.document().tombstones[UID].removed > START


def test_bookmarks_are_listed_oldest_first(bookmarks: BookmarkFile, clock: FakeClock) -> None:
    bookmarks.add(OTHER)
    clock.advance(minutes=1)
    bookmarks.add(UID)
    assert [b.uid for b in bookmarks.bookmarks()] == [OTHER, UID]


def test_every_change_keeps_the_previous_good_copy(bookmarks: BookmarkFile) -> None:
    bookmarks.add(UID)
    first = bookmarks.path.read_bytes()
    bookmarks.add(OTHER)
    assert bookmarks.path.with_name("bookmarks.json.bak").read_bytes() == first


def test_dated_backups_are_taken_once_a_day_and_the_newest_15_kept(
    bookmarks: BookmarkFile, clock: FakeClock
) -> None:
    for day in range(20):
        for change in range(3):
            bookmarks.add(f"a.cn/{day}/{change}")
            clock.advance(hours=1)
        clock.advance(hours=21)
    backups = sorted(p.name for p in (bookmarks.folder / "backups").iterdir())
    assert len(backups) == 15
    assert backups[-1] == "bookmarks-2016-02-06.json"
    # The backup of a day holds the bookmarks as they were before that day's first change.
    last = parse_bookmarks((bookmarks.folder / "backups" / backups[-1]).read_bytes())
    assert len(last.bookmarks) == 19 * 3


def test_temporary_files_left_by_a_killed_writer_are_cleared_by_the_next_write(
    bookmarks: BookmarkFile,
) -> None:
    bookmarks.add(UID)
    leftover = bookmarks.folder / ".bookmarks.json.abc123.tmp"
    leftover.write_bytes(b'{"half": ')
    bookmarks.add(OTHER)
    assert not leftover.exists()


def test_export_and_import_carry_bookmarks_to_another_data_folder(
    bookmarks: BookmarkFile, clock: FakeClock, tmp_path: Path
) -> None:
    bookmarks.add(UID, lookup=_store_lookup, note="注")
    bookmarks.add(OTHER)
    exported = tmp_path / "导出.json"
    assert bookmarks.export_file(exported) == 2

    elsewhere = BookmarkFile(tmp_path / "elsewhere", clock=clock)
    summary = elsewhere.import_file(exported)
    assert (summary.added, summary.updated, summary.removed) == (2, 0, 0)
    assert elsewhere.document() == bookmarks.document()
    assert elsewhere.import_file(exported).message == "0 added, 0 updated, 0 removed"


def test_importing_an_old_export_does_not_bring_back_a_removed_bookmark(
    bookmarks: BookmarkFile, clock: FakeClock, tmp_path: Path
) -> None:
    bookmarks.add(UID)
    bookmarks.add(OTHER)
    exported = tmp_path / "old.json"
    bookmarks.export_file(exported)
    clock.advance(minutes=1)
    bookmarks.remove(UID)
    summary = bookmarks.import_file(exported)
    assert (summary.added, summary.removed) == (0, 0)
    assert set(bookmarks.document().bookmarks) == {OTHER}


def test_importing_a_copy_with_a_removal_removes_here_too(
    bookmarks: BookmarkFile, clock: FakeClock, tmp_path: Path
) -> None:
    bookmarks.add(UID)
    other_machine = BookmarkFile(tmp_path / "laptop", clock=clock)
    other_machine.import_file(_exported(bookmarks, tmp_path / "a.json"))
    clock.advance(minutes=1)
    other_machine.remove(UID)
    summary = bookmarks.import_file(_exported(other_machine, tmp_path / "b.json"))
    assert summary.removed == 1
    assert bookmarks.get(UID) is None


def test_importing_a_file_that_is_not_bookmarks_fails_and_changes_nothing(
    bookmarks: BookmarkFile, tmp_path: Path
) -> None:
    bookmarks.add(UID)
    before = bookmarks.path.read_bytes()
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"roots": {}}), encoding="utf-8")
    with pytest.raises(DocumentError, match=r"wrong\.json is not a bookmarks file"):
        bookmarks.import_file(wrong)
    assert bookmarks.path.read_bytes() == before
    assert wrong.read_text(encoding="utf-8") == '{"roots": {}}'


def test_importing_a_missing_file_raises_file_not_found(bookmarks: BookmarkFile, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        bookmarks.import_file(tmp_path / "nowhere.json")


def _exported(source: BookmarkFile, target: Path) -> Path:
    source.export_file(target)
    return target
