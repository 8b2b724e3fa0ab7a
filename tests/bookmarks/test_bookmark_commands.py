"""`reader bookmarks ...`: the sub-commands, their output, exit codes and the `--data-dir` override."""

from __future__ import annotations

import argparse
import json
import sys
import types
from pathlib import Path

import pytest

from reader import paths
from reader.bookmarks import BookmarkFile
from reader.bookmarks.commands import register
from reader.bookmarks.model import parse_bookmarks

UID = "www.example.cn/a/xgzdj/xx/2016/0118/1236"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reader")
    parser.add_argument("--data-dir", type=Path)
    register(parser.add_subparsers(dest="command"))
    return parser


def run(*argv: str) -> int:
    """Parse and dispatch the way reader.cli does: the data folder is set before the command runs."""
    args = _parser().parse_args(argv)
    paths.set_data_dir(args.data_dir)
    result: int = args.func(args)
    return result


def test_add_then_list_as_json_prints_utf8_chinese(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert run("bookmarks", "add", UID, "--title", "改革开放", "--note", "重要") == 0
    capsysbinary.readouterr()
    assert run("bookmarks", "list", "--json") == 0
    out = capsysbinary.readouterr().out
    assert "改革开放".encode() in out
    listed = json.loads(out.decode("utf-8"))
    assert [(b["uid"], b["title"], b["note"]) for b in listed] == [(UID, "改革开放", "重要")]


def test_list_without_json_prints_one_line_per_bookmark(capsys: pytest.CaptureFixture[str]) -> None:
    run("bookmarks", "add", UID, "--title", "标题")
    run("bookmarks", "add", "b.cn/2")
    capsys.readouterr()
    run("bookmarks", "list")
    assert capsys.readouterr().out.splitlines() == [f"{UID}\t标题", "b.cn/2\tb.cn/2"]


def test_commands_honour_the_data_dir_option(tmp_path: Path, _private_data_dir: Path) -> None:
    elsewhere = tmp_path / "portable"
    assert run("--data-dir", str(elsewhere), "bookmarks", "add", UID) == 0
    assert UID in parse_bookmarks((elsewhere / "bookmarks.json").read_bytes()).bookmarks
    assert not (_private_data_dir / "bookmarks.json").exists()


def test_remove_deletes_the_bookmark(capsys: pytest.CaptureFixture[str]) -> None:
    run("bookmarks", "add", UID)
    assert run("bookmarks", "remove", UID) == 0
    assert BookmarkFile().get(UID) is None


def test_removing_an_unknown_bookmark_fails_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("bookmarks", "remove", UID) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert UID in err


def test_export_and_import_json_between_data_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("bookmarks", "add", UID, "--title", "标题")
    exported = tmp_path / "out.json"
    assert run("bookmarks", "export", str(exported)) == 0
    assert run("--data-dir", str(tmp_path / "other"), "bookmarks", "import", str(exported)) == 0
    assert "1 added" in capsys.readouterr().out
    assert BookmarkFile(tmp_path / "other").get(UID).title == "标题"  # type: ignore[union-attr]


def test_export_html_writes_a_browser_bookmarks_file(tmp_path: Path) -> None:
    run("bookmarks", "add", UID, "--title", "标题")
    target = tmp_path / "bookmarks.html"
    assert run("bookmarks", "export", str(target), "--html") == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE NETSCAPE-Bookmark-file-1>")
    assert f'HREF="magreader:{UID}"' in html


def test_importing_a_damaged_file_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00junk")
    assert run("bookmarks", "import", str(junk)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "junk.json is not a bookmarks file" in err


def test_importing_a_missing_file_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("bookmarks", "import", str(tmp_path / "nowhere.json")) == 1
    assert "nowhere.json" in capsys.readouterr().err


def test_damaged_bookmarks_are_reported_on_stderr_and_the_command_still_works(
    _private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("bookmarks", "add", UID)
    run("bookmarks", "add", "b.cn/2")
    (_private_data_dir / "bookmarks.json").write_bytes(b"{broken")
    capsys.readouterr()
    assert run("bookmarks", "list", "--json") == 0
    captured = capsys.readouterr()
    assert [b["uid"] for b in json.loads(captured.out)] == [UID]
    assert "bookmarks.json.damaged-" in captured.err
    assert "warning" in captured.err


def test_bookmarks_without_a_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("bookmarks") == 2
    assert "usage:" in capsys.readouterr().err


def test_bad_position_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("bookmarks", "add", UID, "--position", "-3")
    assert exit_info.value.code == 2


def test_add_with_a_store_fills_in_the_article_details(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    store_file = tmp_path / "杂志.magstore"
    store_file.write_bytes(b"")
    monkeypatch.setitem(sys.modules, "reader.store.reader", _fake_store_module(store_file))
    assert run("bookmarks", "add", UID, "--store", str(store_file)) == 0
    added = BookmarkFile().get(UID)
    assert added is not None
    assert (added.title, added.issue, added.category, added.magazine) == (
        "改革开放",
        "2016年第1期",
        ("时政", "要闻"),
        "某某杂志",
    )


def test_add_with_a_store_that_lacks_the_article_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_file = tmp_path / "杂志.magstore"
    store_file.write_bytes(b"")
    monkeypatch.setitem(sys.modules, "reader.store.reader", _fake_store_module(store_file))
    assert run("bookmarks", "add", "nowhere.cn/1", "--store", str(store_file)) == 1
    assert "no article nowhere.cn/1" in capsys.readouterr().err
    assert BookmarkFile().bookmarks() == []


def test_add_with_a_store_but_no_store_reader_adds_without_details(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "reader.store.reader", None)  # makes the import fail
    assert run("bookmarks", "add", UID, "--store", str(tmp_path / "x.magstore"), "--title", "T") == 0
    assert BookmarkFile().get(UID).title == "T"  # type: ignore[union-attr]
    assert "without details" in capsys.readouterr().err


def _fake_store_module(expected: Path) -> types.ModuleType:
    """Stands in for reader.store.reader with the interface the command relies on."""

    class Issue:
        label = "2016年第1期"

    class Article:
        title = "改革开放"
        issue = Issue()
        category = ("时政", "要闻")
        url = None

    class Magazine:
        name = "某某杂志"

    class ArticleStore:
        @classmethod
        def open(cls, path: Path) -> ArticleStore:
            assert Path(path) == expected
            return cls()

        def article(self, uid: str) -> Article | None:
            return Article() if uid == UID else None

        def magazine(self) -> Magazine:
            return Magazine()

    module = types.ModuleType("reader.store.reader")
    module.ArticleStore = ArticleStore  # type: ignore[attr-defined]
    return module


def test_add_with_a_store_that_cannot_be_opened_fails_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.magstore"
    broken.write_bytes(b"not sqlite")
    module = _fake_store_module(broken)

    def refuse(path: Path) -> None:
        raise RuntimeError(f"{path} is not a store")

    module.ArticleStore.open = staticmethod(refuse)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reader.store.reader", module)
    assert run("bookmarks", "add", UID, "--store", str(broken)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is not a store" in err


def test_real_store_reader_offers_what_add_relies_on() -> None:
    from reader.store.reader import ArticleStore

    assert callable(ArticleStore.open)
    assert callable(ArticleStore.article)
    assert callable(ArticleStore.magazine)


def test_add_with_a_real_store_takes_title_issue_category_and_magazine(tmp_path: Path) -> None:
    from reader.domain.article import Article, IssueLabel, Paragraph
    from reader.store.writer import StoreWriter

    store_file = tmp_path / "杂志.magstore"
    article = Article(
        uid=UID,
        title="改革开放再出发",
        file="a/xgzdj/xx/2016/0118/1236.html",
        url="http://www.example.cn/a/xgzdj/xx/2016/0118/1236.html",
        category=("时政", "要闻"),
        issue=IssueLabel("2016年第1期", 2016, 1),
        blocks=(Paragraph("正文。"),),
    )
    with StoreWriter(store_file) as writer:
        writer.set_meta("name", "某某杂志")
        writer.put_article(article, [], "hash", "000001")

    assert run("bookmarks", "add", UID, "--store", str(store_file)) == 0
    added = BookmarkFile().get(UID)
    assert added is not None
    assert (added.title, added.issue, added.category, added.magazine, added.url) == (
        "改革开放再出发",
        "2016年第1期",
        ("时政", "要闻"),
        "某某杂志",
        "http://www.example.cn/a/xgzdj/xx/2016/0118/1236.html",
    )


def test_reader_command_line_dispatches_to_the_bookmarks_commands(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from reader.cli import main

    folder = tmp_path / "via-cli"
    assert main(["--data-dir", str(folder), "bookmarks", "add", UID, "--title", "标题"]) == 0
    capsysbinary.readouterr()
    assert main(["--data-dir", str(folder), "bookmarks", "list", "--json"]) == 0
    assert [b["title"] for b in json.loads(capsysbinary.readouterr().out.decode("utf-8"))] == ["标题"]
