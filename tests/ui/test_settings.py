"""The window's settings file: two windows saving it keep each other's reading places; a newer
version's file is never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.ui import settings as keys
from reader.ui.settings import ReadingPosition, WindowSettings


def test_two_windows_on_two_stores_both_keep_their_reading_position(tmp_path: Path) -> None:
    path = tmp_path / "window.json"
    city, hills = tmp_path / "city.magstore", tmp_path / "hills.magstore"
    first, second = WindowSettings(path), WindowSettings(path)  # both started before either saved
    first.remember_store(city)
    first.set_position(city, ReadingPosition("a1", 7))
    second.remember_store(hills)
    second.set_position(hills, ReadingPosition("h3", 2))
    first.save()
    second.save()  # used to write its own copy of every store's place over the first window's

    again = WindowSettings(path)
    assert again.position(city) == ReadingPosition("a1", 7)
    assert again.position(hills) == ReadingPosition("h3", 2)
    assert again.recent_stores() == [hills.resolve(), city.resolve()]


def test_a_window_moves_on_in_its_store_without_undoing_the_other_window(tmp_path: Path) -> None:
    path = tmp_path / "window.json"
    city, hills = tmp_path / "city.magstore", tmp_path / "hills.magstore"
    seed = WindowSettings(path)
    seed.set_position(city, ReadingPosition("a1", 0))
    seed.set_position(hills, ReadingPosition("h1", 0))
    seed.save()
    first, second = WindowSettings(path), WindowSettings(path)
    second.set_position(hills, ReadingPosition("h9", 4))
    second.save()
    first.set_position(city, ReadingPosition("a2", 3))
    first.forget_store(hills)
    first.save()  # its stale copy of the hills place must not win

    again = WindowSettings(path)
    assert again.position(city) == ReadingPosition("a2", 3)
    assert again.position(hills) == ReadingPosition("h9", 4)
    assert hills.resolve() not in again.recent_stores()


def test_a_settings_file_from_a_newer_version_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "window.json"
    newer = json.dumps({"version": 99, "values": {"zoom": 140, "something": "new"}}) + "\n"
    path.write_text(newer, encoding="utf-8")
    settings = WindowSettings(path)
    assert settings.get(keys.ZOOM) == keys.ZOOM.default  # its values are not trusted
    settings.set(keys.ZOOM, 120)
    settings.save()
    assert path.read_text(encoding="utf-8") == newer


def test_a_settings_file_with_a_damaged_version_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "window.json"
    for text in ('{"version": "abc", "values": {"zoom": 140}}', '{"version": [1]}', "[1, 2]", "{}"):
        path.write_text(text, encoding="utf-8")
        settings = WindowSettings(path)  # used to raise ValueError on "abc"
        assert settings.get(keys.ZOOM) == keys.ZOOM.default


def test_an_out_of_range_zoom_in_the_file_is_brought_into_range(qtbot: QtBot) -> None:
    from conftest import new_window

    for stored, shown in ((1_000_000, keys.ZOOM_MAX), (-40, keys.ZOOM_MIN)):
        settings = WindowSettings()
        settings.set(keys.ZOOM, stored)
        settings.save()
        window = new_window(qtbot)
        assert window.zoom == shown
        assert window.view.page.zoom == shown
