"""The window's entry points for the command line: `reader`, `reader open`, `reader screenshot`.

Qt is imported only inside these functions (via reader.ui.launch), so the rest of the command line
starts without it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run_window(path: Path | None) -> int:
    """Open the reading window on `path` (a store, or a folder to import), else the last or demo store."""
    from reader.ui.launch import run_window as launch

    return launch(path)


def take_screenshot(
    store: Path | None,
    output: Path,
    *,
    article: str | None = None,
    theme: str = "light",
    size: tuple[int, int] = (1280, 800),
) -> int:
    """Render the window offscreen with an article open and save it as PNG; returns an exit code."""
    from reader.ui.launch import take_screenshot as shoot

    return shoot(store, output, article=article, theme=theme, size=size)


def main() -> int:
    """The `reader-gui` launcher: an optional store or folder as its one argument."""
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    return run_window(Path(args[0]) if args else None)
