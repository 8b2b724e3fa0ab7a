"""Atomic writes: the old file survives a failed write, and a killed writer's leftovers are swept."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reader.atomic import atomic_write, sweep_leftovers, write_text_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    write_text_atomic(target, "old")
    with pytest.raises(RuntimeError), atomic_write(target, "w", encoding="utf-8") as handle:
        handle.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json"]


def test_old_leftovers_are_swept_but_a_write_in_progress_is_not(tmp_path: Path) -> None:
    target = tmp_path / "window.json"
    write_text_atomic(target, "{}")
    old = tmp_path / ".window.json.abc123.tmp"
    fresh = tmp_path / ".window.json.def456.tmp"
    old.write_text("x", encoding="utf-8")
    fresh.write_text("y", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert sweep_leftovers(target) == 1
    assert not old.exists() and fresh.exists() and target.exists()
