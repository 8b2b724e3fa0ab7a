"""The command line: stable JSON for scripts, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main
from tests.fixtures.dede_page import HOST, article_page, png, write_image, write_page


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write_image(root, "u/1.png", png(30, 20))
    body = '<p align="center"><img src="/u/1.png" /></p><p align="center">溪口的老桥（图/ 林溪）</p><p>正文一段。</p>'
    write_page(
        root,
        "a/rw/sh/2023/0412/10.html",
        article_page(title="老桥", body=body, next_=("/a/rw/sh/2023/0413/11.html", "新桥")),
    )
    write_page(
        root,
        "a/rw/sh/2023/0413/11.html",
        article_page(title="新桥", issue="2023年第5期", prev=("/a/rw/sh/2023/0412/10.html", "老桥")),
        encoding="gbk",
    )
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_import_then_info_articles_show(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "m.magstore")
    code, out, _ = run(capsys, "import", str(site), "--store", store, "--json", "-q")
    assert code == 0
    assert json.loads(out)["added"] == 2

    code, out, _ = run(capsys, "info", store, "--json")
    info = json.loads(out)
    assert info["magazine"]["name"] == "《兰溪》月刊"
    assert [(i["label"], i["articles"]) for i in info["issues"]] == [("2023年第4期", 1), ("2023年第5期", 1)]
    assert info["categories"][0]["name"] == "人文"
    assert info["categories"][0]["children"][0]["path"] == ["人文", "生活"]

    code, out, _ = run(capsys, "articles", store, "--json")
    articles = lines(out)
    assert [a["title"] for a in articles] == ["老桥", "新桥"]
    assert set(articles[0]) == {"uid", "title", "issue", "category", "date", "file"}

    uid = f"{HOST}/a/rw/sh/2023/0412/10"
    code, out, _ = run(capsys, "show", store, uid, "--json")
    (article,) = lines(out)
    assert article["uid"] == uid
    assert article["next"] == {
        "uid": f"{HOST}/a/rw/sh/2023/0413/11",
        "title": "新桥",
        "href": "/a/rw/sh/2023/0413/11.html",
        "saved": True,
    }
    figure = next(b for b in article["blocks"] if b["type"] == "figure")
    assert (figure["caption"], figure["credit"], figure["image"]["width"]) == ("溪口的老桥", "林溪", 30)
    assert "老桥" in out  # JSON keeps Chinese as it is, not \\u escapes


def test_extract_prints_one_json_object_per_page_and_marks_non_articles(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_page(site, "index.html", "<html><body><p>首页</p></body></html>")
    pages = [str(site / HOST / "a/rw/sh/2023/0412/10.html"), str(site / HOST / "index.html")]
    code, out, _ = run(capsys, "extract", *pages)
    first, second = lines(out)
    assert code == 0
    assert first["title"] == "老桥" and first["file"] == "a/rw/sh/2023/0412/10.html"
    assert second == {"file": "index.html", "article": False, "reason": "index page"}


def test_extract_given_a_folder_or_a_missing_file_says_which(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "extract", str(site), str(tmp_path / "gone.html"))
    folder, missing = lines(out)
    assert code == 1
    assert folder["error"] is True and "a folder, not a page" in str(folder["reason"])
    assert missing["error"] is True and missing["reason"] == "no such file"


def test_failures_are_one_line_with_exit_code_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.magstore"
    bad.write_bytes(b"\x00garbage" * 100)
    code, out, err = run(capsys, "info", str(bad), "--json")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "not a Magazine Reader store" in err


def test_a_store_that_cannot_be_created_is_one_line_with_exit_code_1(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, out, err = run(capsys, "import", str(site), "--store", str(blocker / "m.magstore"), "-q")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "cannot create the store" in err and "is not a folder" in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_unknown_uid_fails_cleanly(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "m.magstore")
    run(capsys, "import", str(site), "--store", store, "-q")
    code, _, err = run(capsys, "show", store, "no/such/uid")
    assert code == 1 and "no/such/uid" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "somewhere"])  # --store is required
    assert exit_info.value.code == 2


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"reader {__version__}"


def test_data_dir_option_is_not_mistaken_for_a_path(
    tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "m.magstore")
    code, _, _ = run(
        capsys, "--data-dir", str(tmp_path / "data"), "import", str(site), "--store", store, "-q"
    )
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "opened"),
    [
        ((), None),  # the desktop's launcher: the last store
        (("open",), None),
        (("some/site",), Path("some/site")),  # `reader PATH` is `reader open PATH`
        (("open", "my.magstore"), Path("my.magstore")),
        (("-v", "my.magstore"), Path("my.magstore")),
    ],
)
def test_the_window_commands_open_the_window_on_what_they_name(
    monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...], opened: Path | None
) -> None:
    calls: list[Path | None] = []

    def run_window(path: Path | None) -> int:
        calls.append(path)
        return 7

    monkeypatch.setattr("reader.app.run_window", run_window)
    assert main(list(argv)) == 7
    assert calls == [opened]


def test_help_lists_every_command_and_bookmarks_commands_still_parse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    listed = capsys.readouterr().out
    for command in (
        "import",
        "extract",
        "info",
        "articles",
        "show",
        "search",
        "open",
        "screenshot",
        "bookmarks",
    ):
        assert command in listed
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "bookmarks", "list", "--json")
    assert code == 0 and json.loads(out) == []


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT as a terminal sends it")
def test_ctrl_c_stops_a_parallel_import_at_once_with_a_store_that_opens(tmp_path: Path) -> None:
    """The terminal sends SIGINT to every process of the import, workers included: the command stops
    with its one-line message and exit code 130, no worker prints a traceback, and the store (unless
    nothing was stored yet) opens."""
    import os
    import signal
    import time

    from reader.store.reader import ArticleStore
    from tests.fixtures.sitegen import generate_site

    site, store = tmp_path / "site", tmp_path / "m.magstore"
    generate_site(site, issues=8, per_issue=100, seed=3)  # long enough to be stopped halfway
    command = [sys.executable, "-m", "reader", "import", str(site), "--store", str(store), "-q"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not store.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the workers are running
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)  # a hang fails here
    if process.returncode == 0:
        pytest.skip("the import finished before the interrupt reached it")
    assert process.returncode == 130, err
    assert "import interrupted" in err and "Traceback" not in err and "KeyboardInterrupt" not in err
    if store.exists():  # interrupted before any article was stored, a new store is not left behind
        with ArticleStore.open(store) as opened:
            assert opened.counts()["articles"] < 800
