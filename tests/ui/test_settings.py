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


def test_a_window_starts_on_any_value_a_damaged_settings_file_holds(
    qtbot: QtBot, store_path: Path, message_boxes: dict[str, object]
) -> None:
    """Each declared setting with a value of the right type but no sense: the window starts, opens the
    store at an article and answers."""
    from conftest import new_window
    from reader.ui.settings import settings_path

    key = str(store_path.resolve())
    hostile: list[dict[str, object]] = [
        {"geometry": "!!not base64!!", "splitter": "AAAA", "window_state": "\x00"},
        {"tab": "nope", "theme": "purple", "language": "tlh", "sidebar": False},
        {"zoom": 10**9, "tree_font_pt": 10**6},
        {"zoom": -(10**9), "tree_font_pt": -5},
        {"last_store": str(store_path.parent), "recent_stores": [1, None, "", "/nonexistent/x.magstore"]},
        {"last_store": key, "positions": {key: {"article": 5, "block": -3}}},
        {"last_store": key, "positions": {key: {"article": "no such uid", "block": 10**12}}},
        {"last_store": key, "positions": {key: {"article": "a1", "block": 10**12}}},
    ]
    for values in hostile:
        path = settings_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"version": 1, "values": values}), encoding="utf-8")
        window = new_window(qtbot)
        window.start(None)
        if window.store is None:  # the last store could not be opened: the window opens one when asked
            assert window.open_store(store_path)
        assert window.view.article is not None, values
        window.actions_.next_article.trigger()
        assert window.view.article is not None, values
        window.close()
