"""Light, sepia and dark themes: colours from resources/themes/, turned into a palette and stylesheets."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from reader.resources_access import resource

log = logging.getLogger("reader.ui.themes")

THEMES = ("light", "sepia", "dark")
SYSTEM = "system"

# Chinese-capable font stacks: the first installed family wins (Linux, then macOS, then Windows names).
SERIF_FAMILIES = (
    "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", "Noto Serif", "serif"
)  # fmt: skip
SANS_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", "sans-serif"
)  # fmt: skip
KAI_FAMILIES = ("Kaiti SC", "STKaiti", "KaiTi", "AR PL UKai CN", *SERIF_FAMILIES)


@dataclass(frozen=True)
class Theme:
    """One theme's named colours (the keys of its JSON file) and whether it is dark."""

    name: str
    colours: dict[str, str]
    dark: bool

    def colour(self, key: str) -> QColor:
        return QColor(self.colours[key])

    def palette(self) -> QPalette:
        palette = QPalette()
        roles = {
            QPalette.ColorRole.Window: "window",
            QPalette.ColorRole.WindowText: "text",
            QPalette.ColorRole.Base: "base",
            QPalette.ColorRole.AlternateBase: "panel",
            QPalette.ColorRole.Text: "text",
            QPalette.ColorRole.Button: "button",
            QPalette.ColorRole.ButtonText: "text",
            QPalette.ColorRole.Highlight: "highlight",
            QPalette.ColorRole.HighlightedText: "highlight_text",
            QPalette.ColorRole.Link: "link",
            QPalette.ColorRole.LinkVisited: "link",
            QPalette.ColorRole.ToolTipBase: "base",
            QPalette.ColorRole.ToolTipText: "text",
            QPalette.ColorRole.PlaceholderText: "faint",
            QPalette.ColorRole.Mid: "border",
            QPalette.ColorRole.Midlight: "border",
        }
        for role, key in roles.items():
            palette.setColor(role, self.colour(key))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, self.colour("faint"))
        return palette

    def window_stylesheet(self) -> str:
        return Template(_text("window.qss")).safe_substitute(self.colours)

    def article_css(self, sizes: dict[str, int]) -> str:
        values: dict[str, object] = dict(self.colours)
        values.update(sizes)
        values["serif"] = _css_families(SERIF_FAMILIES)
        values["sans"] = _css_families(SANS_FAMILIES)
        values["kai"] = _css_families(KAI_FAMILIES)
        return Template(_text("article.css")).safe_substitute(values)


def _css_families(families: tuple[str, ...]) -> str:
    generic = {"serif", "sans-serif"}
    return ", ".join(f if f in generic else f"'{f}'" for f in families)


def _text(name: str) -> str:
    return resource("themes", name).read_text(encoding="utf-8")


@cache
def load_theme(name: str) -> Theme:
    """A theme by name; an unknown name gives the light theme."""
    if name not in THEMES:
        log.warning("unknown theme %r, using light", name)
        name = "light"
    data = json.loads(_text(f"{name}.json"))
    colours = {k: str(v) for k, v in data.items() if isinstance(v, str) and v.startswith("#")}
    return Theme(name=name, colours=colours, dark=bool(data.get("dark")))


def system_theme_name() -> str:
    """The theme the system asks for: dark when its colour scheme is dark, else light."""
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def resolve_theme(setting: str) -> Theme:
    """The theme a setting means: one of THEMES, or SYSTEM to follow the system's colour scheme."""
    return load_theme(system_theme_name() if setting == SYSTEM else setting)
