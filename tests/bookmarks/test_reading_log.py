"""The list of read articles: kept by uid across restarts and windows; a damaged file is set aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.bookmarks.reading import FILE_NAME, ReadingLog


def test_read_marks_are_kept_and_can_be_taken_back(tmp_path: Path) -> None:
    log = ReadingLog(tmp_path / FILE_NAME)
    log.mark(["www.x.cn/a/1", "www.x.cn/a/2", "www.x.cn/a/1"], read=True)
    log.mark(["www.x.cn/a/2"], read=False)
    log.close()
    again = ReadingLog(tmp_path / FILE_NAME)
    assert again.read_uids() == {"www.x.cn/a/1"}
    assert again.is_read("www.x.cn/a/1") and not again.is_read("www.x.cn/a/2")
    assert again.recovered is None


def test_two_windows_marking_at_once_keep_both(tmp_path: Path) -> None:
    first, second = ReadingLog(tmp_path / FILE_NAME), ReadingLog(tmp_path / FILE_NAME)
    first.mark(["a"], read=True)
    second.mark(["b"], read=True)
    first.mark(["c"], read=True)
    assert first.read_uids() == second.read_uids() == {"a", "b", "c"}


def test_the_first_reading_time_stays(tmp_path: Path) -> None:
    log = ReadingLog(tmp_path / FILE_NAME)
    log.mark(["a"], read=True)
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    conn.execute("UPDATE read SET read_at = '2001-01-01T00:00:00+00:00'")
    conn.commit()
    conn.close()
    log.mark(["a"], read=True)
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    assert conn.execute("SELECT read_at FROM read").fetchone()[0].startswith("2001")
    conn.close()


def test_a_damaged_file_is_set_aside_untouched_and_a_new_one_started(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    junk = b"SQLite format 3\x00" + bytes(range(256)) * 20
    path.write_bytes(junk)
    log = ReadingLog(path)
    assert log.recovered is not None
    aside = [p for p in tmp_path.iterdir() if p.name.startswith(f"{FILE_NAME}.damaged-")]
    assert len(aside) == 1 and aside[0].read_bytes() == junk
    assert str(aside[0]) in log.recovered
    log.mark(["a"], read=True)
    assert log.read_uids() == {"a"}


def test_another_programs_database_at_its_place_is_set_aside_not_changed(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes(text TEXT)")
    other.execute("INSERT INTO notes VALUES ('mine')")
    other.commit()
    other.close()
    before = path.read_bytes()
    log = ReadingLog(path)
    assert log.recovered is not None and log.read_uids() == set()
    (aside,) = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert aside.read_bytes() == before
