"""The Qt binding itself: a long reading session must not wear out Python's None.

PySide6 6.12.0 takes one reference off None in many calls that return nothing (setWindowTitle,
processEvents, setPalette ...). On Python before 3.12, where None is an ordinary object with a count,
a few thousand such calls abort the process ("Fatal Python error: none_dealloc"), so a reader paging
through an issue for an hour would lose the window. pyproject.toml keeps such a version away from those
Pythons; this test checks the version that is installed, through the window's own paths.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication

from reader.ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: its count cannot run out"
)


def test_paging_through_articles_leaves_nones_reference_count_alone(window: MainWindow) -> None:
    def one_round() -> None:
        window.open_article("a1")
        window.actions_.next_article.trigger()
        window.actions_.next_article.trigger()
        window.actions_.previous_article.trigger()
        window.setWindowTitle("x")
        QCoreApplication.processEvents()

    one_round()  # first use: caches and lazily built parts take their references now
    before = sys.getrefcount(None)
    for _ in range(20):
        one_round()
    lost = before - sys.getrefcount(None)
    # Each round makes dozens of calls that return nothing: a binding that drops a reference in them loses
    # hundreds here (few enough rounds that the count cannot run out and abort the test run). A few either
    # way are ordinary objects coming and going.
    assert lost < 20, f"None lost {lost} references in 20 rounds: this Qt binding would crash a long session"
