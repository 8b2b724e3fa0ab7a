"""Read package resources (demo magazine, icons, themes, translations) so that frozen builds work too."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A file or folder under `resources/`, e.g. resource("icons", "app.svg")."""
    node: Traversable = resources.files("reader.resources")
    for part in parts:
        node = node.joinpath(part)
    return node
