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
        self._values: dict[str, Any] = {}
        self._load()
        if not read_only:
            sweep_leftovers(self.path)

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings %s: %s", self.path, exc)
            return
        if not isinstance(raw, dict):
            return
        if int(raw.get("version", 0) or 0) > SETTINGS_VERSION:
            log.warning("settings %s come from a newer version; using defaults", self.path)
            return
        raw = _migrate(raw)
        for key, value in raw.get("values", {}).items():
            setting = DECLARED.get(key)
            if setting is not None and isinstance(value, setting.type):
                self._values[key] = value

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
        text = json.dumps({"version": SETTINGS_VERSION, "values": self._values}, ensure_ascii=False, indent=1)
        try:
            write_text_atomic(self.path, text + "\n")
        except OSError as exc:
            log.warning("cannot save settings to %s: %s", self.path, exc)

    # -- stores and positions -----------------------------------------------------------------------

    def remember_store(self, store: Path) -> None:
        key = str(store.resolve())
        recent = [p for p in self.get(RECENT_STORES) if p != key]
        self.set(RECENT_STORES, [key, *recent][:MAX_RECENT])
        self.set(LAST_STORE, key)

    def forget_store(self, store: Path) -> None:
        key = str(store.resolve())
        self.set(RECENT_STORES, [p for p in self.get(RECENT_STORES) if p != key])

    def recent_stores(self) -> list[Path]:
        return [Path(p) for p in self.get(RECENT_STORES) if isinstance(p, str)]

    def position(self, store: Path) -> ReadingPosition | None:
        entry = self.get(POSITIONS).get(str(store.resolve()))
        if not isinstance(entry, dict) or not isinstance(entry.get("article"), str):
            return None
        block = entry.get("block", 0)
        return ReadingPosition(entry["article"], block if isinstance(block, int) else 0)

    def set_position(self, store: Path, position: ReadingPosition) -> None:
        positions = self.get(POSITIONS)
        positions[str(store.resolve())] = {"article": position.article, "block": position.block}
        self.set(POSITIONS, positions)
