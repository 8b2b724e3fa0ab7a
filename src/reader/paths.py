"""Where per-user data lives: the only module that asks appdirs, and every location can be overridden.

Order of precedence for the data folder: an explicit `--data-dir` (passed to `set_data_dir`), the
`READER_DATA_DIR` environment variable, a portable-mode marker file beside the executable, then the
platform's user data folder from appdirs. Config and cache folders follow the data folder when it is
overridden, so a test or a portable install writes nothing anywhere else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import appdirs

APP_NAME = "MagazineReader"
APP_AUTHOR = "MagazineReader"
ENV_DATA_DIR = "READER_DATA_DIR"
PORTABLE_MARKER = "portable.txt"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Override the data folder for this process (the `--data-dir` option); None restores the default."""
    global _override  # noqa: PLW0603 -- one process-wide setting, like the environment it mirrors
    _override = Path(path).expanduser().resolve() if path is not None else None


def _explicit_root() -> Path | None:
    if _override is not None:
        return _override
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    exe_dir = Path(sys.executable).resolve().parent
    if getattr(sys, "frozen", False) and (exe_dir / PORTABLE_MARKER).exists():
        return exe_dir / "data"
    return None


def data_dir() -> Path:
    """Bookmarks, reading positions, settings that must never be lost."""
    root = _explicit_root()
    return root if root is not None else Path(appdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    """Settings and user-added CMS profiles."""
    root = _explicit_root()
    return root / "config" if root is not None else Path(appdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def cache_dir() -> Path:
    """Things that can be rebuilt: the imported demo magazine, thumbnails."""
    root = _explicit_root()
    return root / "cache" if root is not None else Path(appdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
