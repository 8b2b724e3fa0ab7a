"""Finding the saved pages of a mirror: which files are pages, in what order, grouped into articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.ingest.pipeline import find_pages


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<html></html>", encoding="utf-8")


def _listing(source: Path) -> list[list[str]]:
    return [[p.relative_to(source).as_posix() for p in g.pages] for g in find_pages([source])]


def test_pages_are_grouped_and_listed_folder_by_folder_in_name_order(tmp_path: Path) -> None:
    _touch(
        tmp_path,
        "b/2.html",
        "b/1_2.html",
        "b/1.html",
        "b/1_10.html",
        "b/1_3.htm",  # another suffix: its own page, not a follower of 1.html
        "a/z/9.shtml",
        "a/index.html",
        "top.HTML",
        "notes.txt",
        "b/7_2.html",  # a follower without its first page stays a page of its own
    )
    assert _listing(tmp_path) == [
        ["top.HTML"],
        ["a/index.html"],
        ["a/z/9.shtml"],
        ["b/1.html", "b/1_2.html", "b/1_10.html"],
        ["b/1_3.htm"],
        ["b/2.html"],
        ["b/7_2.html"],
    ]


def test_hidden_folders_and_a_saved_pages_parts_are_not_pages(tmp_path: Path) -> None:
    _touch(
        tmp_path,
        "page.html",
        "page_files/frame.html",  # "Save Page As, complete": the page's parts
        "other_files/kept.html",  # no other.html beside it: an ordinary folder
        ".git/hooks.html",
    )
    assert _listing(tmp_path) == [["page.html"], ["other_files/kept.html"]]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_folders_reached_through_a_link_are_not_walked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    _touch(outside, "secret.html")
    source = tmp_path / "site"
    _touch(source, "a.html")
    try:
        (source / "linked").symlink_to(outside, target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links are not allowed here")
    assert _listing(source) == [["a.html"]]


def test_a_single_page_given_as_a_file_is_its_own_group(tmp_path: Path) -> None:
    _touch(tmp_path, "one.html", "one_2.html")
    groups = find_pages([tmp_path / "one.html"])
    assert [[p.name for p in g.pages] for g in groups] == [["one.html"]]
    assert groups[0].source == tmp_path
