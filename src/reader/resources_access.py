"""Read package resources (demo magazine, icons, themes, translations) so that frozen builds work too."""

from __future__ import annotations

import sys
from importlib import resources

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A file or folder under `resources/`, e.g. resource("icons", "app.svg")."""
    node: Traversable = resources.files("reader.resources")
    for part in parts:
        node = node.joinpath(part)
    return node
