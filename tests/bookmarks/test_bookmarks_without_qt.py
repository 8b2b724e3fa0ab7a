"""The bookmarks layer runs without Qt, so the command line and scripts can use it on a machine without a display."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import reader.bookmarks, reader.bookmarks.commands
print(sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"}))
"""


def test_importing_the_bookmarks_package_loads_no_qt_module() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
