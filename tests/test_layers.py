"""The layering rule: domain, ingest, store and bookmarks never import Qt; only ui imports Qt widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "reader"
QT_FREE = ("domain", "ingest", "store", "bookmarks")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(folder: str) -> list[Path]:
    return sorted((SRC / folder).rglob("*.py"))


@pytest.mark.parametrize("layer", QT_FREE)
def test_qt_free_layers_do_not_import_qt(layer: str) -> None:
    modules = _modules(layer)
    assert modules, f"no modules found in {layer}/"
    offenders = {
        str(m.relative_to(SRC)): sorted(n for n in _imports(m) if n.split(".")[0] in {"PySide6", "shiboken6"})
        for m in modules
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_only_ui_imports_qt_widgets() -> None:
    outside_ui = [p for p in SRC.rglob("*.py") if "ui" not in p.relative_to(SRC).parts]
    offenders = [
        str(p.relative_to(SRC))
        for p in outside_ui
        if any(n.startswith(("PySide6.QtWidgets", "PySide6.QtGui")) for n in _imports(p))
    ]
    assert offenders == []


def test_only_paths_module_calls_appdirs() -> None:
    users = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if "appdirs" in _imports(p)]
    assert users == ["paths.py"]


def test_the_rule_itself_catches_a_qt_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in _imports(module)
