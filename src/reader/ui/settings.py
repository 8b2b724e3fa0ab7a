"""The window's settings: declared once (key, type, default), kept in a small versioned JSON file.

The file is `paths.config_dir() / "window.json"`, written atomically, so `--data-dir` and
`READER_DATA_DIR` move it with everything else. Reading positions are kept per store, by the store's
resolved path, as the first visible block of the article (survives resizes and zoom).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from reader import paths
from reader.atomic import sweep_leftovers, write_text_atomic

log = logging.getLogger("reader.ui.settings")

T = TypeVar("T")

SETTINGS_VERSION = 1
FILE_NAME = "window.json"
MAX_RECENT = 10


@dataclass(frozen=True)
class Setting(Generic[T]):
    """A declared setting: its key in the settings file, its type and its default."""

    key: str
    type: type[T]
    default: T


GEOMETRY = Setting("geometry", str, "")  # QMainWindow.saveGeometry(), base64
WINDOW_STATE = Setting("window_state", str, "")
SPLITTER = Setting("splitter", str, "")
TAB = Setting("tab", str, "issues")
SIDEBAR = Setting("sidebar", bool, True)  # the issue and category trees shown beside the article
THEME = Setting("theme", str, "system")
LANGUAGE = Setting("language", str, "system")  # "system", or a code of translations.LANGUAGES
ZOOM = Setting("zoom", int, 100)  # article text size in percent
TREE_FONT_PT = Setting("tree_font_pt", int, 0)  # 0: the system's size
LAST_STORE = Setting("last_store", str, "")
RECENT_STORES = Setting("recent_stores", list, [])
POSITIONS = Setting("positions", dict, {})  # store path -> {"article": uid, "block": n}

_ALL: tuple[Setting[Any], ...] = (
    GEOMETRY,
    WINDOW_STATE,
    SPLITTER,
    TAB,
    SIDEBAR,
    THEME,
    LANGUAGE,
    ZOOM,
    TREE_FONT_PT,
    LAST_STORE,
    RECENT_STORES,
    POSITIONS,
)
DECLARED: dict[str, Setting[Any]] = {s.key: s for s in _ALL}

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 50, 300, 10


class ReadingPosition(NamedTuple):
    article: str
    block: int


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older file up to SETTINGS_VERSION (version 1 is the first; add steps here)."""
    return data


class WindowSettings:
    """Typed access to the declared settings; `save()` writes them all at once, atomically."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path or settings_path()
        self.read_only = read_only
        self._newer_file = False  # the file was written by a newer version: never overwritten
        self._values: dict[str, Any] = self._read() or {}
        # What this window changed of the per-store entries: another window (or process) saving the same
        # file meanwhile keeps its own, so two windows on two stores both keep their reading positions.
        self._placed: set[str] = set()  # stores whose position this window set
        self._opened: list[str] = []  # stores this window opened, newest first
        self._forgotten: set[str] = set()
        if not read_only:
            sweep_leftovers(self.path)

    def _read(self) -> dict[str, Any] | None:
        """The file's declared values of the right types; None when it is missing, unreadable or from a
        newer version (logged)."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings %s: %s", self.path, exc)
            return None
        version = raw.get("version", 0) if isinstance(raw, dict) else None
        if not isinstance(version, int) or isinstance(version, bool):
            log.warning("ignoring settings %s: not a settings file of this app", self.path)
            return None
        if version > SETTINGS_VERSION:
            log.warning("settings %s come from a newer version; using defaults", self.path)
            self._newer_file = True
            return None
        raw = _migrate(raw)
        values = raw.get("values", {})
        if not isinstance(values, dict):
            return None
        return {
            key: value
            for key, value in values.items()
            if (setting := DECLARED.get(key)) is not None and isinstance(value, setting.type)
        }

    def get(self, setting: Setting[T]) -> T:
        assert setting.key in DECLARED, f"undeclared setting {setting.key}"
        value: T = self._values.get(setting.key, setting.default)
        if isinstance(value, (list, dict)):
            return value.copy()  # type: ignore[return-value]  # a copy of a T is a T
        return value

    def set(self, setting: Setting[T], value: T) -> None:
        assert setting.key in DECLARED, f"undeclared setting {setting.key}"
        if not isinstance(value, setting.type):
            raise TypeError(f"{setting.key} takes {setting.type.__name__}, not {type(value).__name__}")
        self._values[setting.key] = value

    def save(self) -> None:
        if self.read_only:
            return
        self._merge_saved()
        if self._newer_file:
            log.warning("not saving settings over %s, which a newer version wrote", self.path)
            return
        text = json.dumps({"version": SETTINGS_VERSION, "values": self._values}, ensure_ascii=False, indent=1)
        try:
            write_text_atomic(self.path, text + "\n")
        except OSError as exc:
            log.warning("cannot save settings to %s: %s", self.path, exc)

    def _merge_saved(self) -> None:
        """Take in the positions and recent stores that another window saved since this one read the
        file; this window's own changes win for the stores it touched."""
        saved = self._read()
        if not saved:
            return
        positions = saved.get(POSITIONS.key, {})
        ours = self.get(POSITIONS)
        positions.update({key: ours[key] for key in self._placed if key in ours})
        self._values[POSITIONS.key] = positions
        recent = [*self._opened, *saved.get(RECENT_STORES.key, []), *self.get(RECENT_STORES)]
        unique = [p for i, p in enumerate(recent) if p not in recent[:i] and p not in self._forgotten]
        self._values[RECENT_STORES.key] = unique[:MAX_RECENT]

    # -- stores and positions -----------------------------------------------------------------------

    def remember_store(self, store: Path) -> None:
        key = str(store.resolve())
        recent = [p for p in self.get(RECENT_STORES) if p != key]
        self.set(RECENT_STORES, [key, *recent][:MAX_RECENT])
        self.set(LAST_STORE, key)
        self._opened = [key, *(p for p in self._opened if p != key)]
        self._forgotten.discard(key)

    def forget_store(self, store: Path) -> None:
        key = str(store.resolve())
        self.set(RECENT_STORES, [p for p in self.get(RECENT_STORES) if p != key])
        self._opened = [p for p in self._opened if p != key]
        self._forgotten.add(key)

    def recent_stores(self) -> list[Path]:
        return [Path(p) for p in self.get(RECENT_STORES) if isinstance(p, str) and p]

    def position(self, store: Path) -> ReadingPosition | None:
        entry = self.get(POSITIONS).get(str(store.resolve()))
        if not isinstance(entry, dict) or not isinstance(entry.get("article"), str):
            return None
        block = entry.get("block", 0)
        return ReadingPosition(entry["article"], block if isinstance(block, int) else 0)

    def set_position(self, store: Path, position: ReadingPosition) -> None:
        positions = self.get(POSITIONS)
        key = str(store.resolve())
        positions[key] = {"article": position.article, "block": position.block}
        self.set(POSITIONS, positions)
        self._placed.add(key)
