"""No network, ever: an import and a reading session with every socket attempt failing loudly and
recorded, in-process and in subprocesses, and (where the platform allows) inside a network namespace
with no interfaces."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from reader.domain.article import Figure, Link, Paragraph
from reader.ingest.pipeline import import_sources
from tests.fixtures.dede_page import article_page, write_page
from tests.fixtures.sitegen import generate_site
from tests.ui.ui_store_fixtures import ISSUE_1, article, make_store

SRC = Path(__file__).parents[1] / "src"
REMOTE_BODY = (
    '<p>正文。</p><p><img src="http://elsewhere.example.com/remote.png"></p>'
    '<p><img src="https://cdn.example.net/x.jpg"></p><p><img src="//cdn.example.net/y.gif"></p>'
    '<link rel="stylesheet" href="http://cdn.example.net/a.css"><script src="http://cdn.example.net/a.js"></script>'
    '<iframe src="http://ads.example.com/"></iframe><p><a href="http://example.com/more.html">更多</a></p>'
)

# Imported first in every Python process started with it on PYTHONPATH (the pool's workers too): makes
# every socket attempt fail loudly and appends it to the file named by READER_NET_LOG.
GUARD = textwrap.dedent("""\
    import os, socket

    def _refuse(name):
        def refuse(*args, **kwargs):
            with open(os.environ["READER_NET_LOG"], "a", encoding="utf-8") as log:
                log.write(f"{os.getpid()} {name} {args[1:] if name.startswith('socket.') else args}\\n")
            raise OSError(f"network access attempted: {name}")
        return refuse

    socket.socket.connect = _refuse("socket.connect")
    socket.socket.connect_ex = _refuse("socket.connect_ex")
    socket.socket.sendto = _refuse("socket.sendto")
    socket.create_connection = _refuse("create_connection")
    socket.getaddrinfo = _refuse("getaddrinfo")
    socket.gethostbyname = _refuse("gethostbyname")
    """)


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every socket attempt in this process fails loudly and is recorded."""
    attempts: list[str] = []

    def refuse(name: str) -> object:
        def call(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name} {args}")
            raise AssertionError(f"network access attempted: {name} {args}")

        return call

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    yield attempts


def remote_store(path: Path) -> Path:
    """The window's fixture store plus an article whose blocks and links all point at the web."""
    from reader.store.writer import StoreWriter

    make_store(path)
    remote = article(
        "r1",
        "网上的东西",
        ISSUE_1,
        ("文化",),
        blocks=(
            Paragraph('<img src="http://tracker.example.com/p.gif">'),
            Figure(None, caption="远程图", src="http://elsewhere.example.com/remote.png"),
            Figure(None, caption="协议相对", src="//cdn.example.net/y.gif"),
        ),
        related=(Link(None, "网上的文章", "http://example.com/lost.html"),),
        next=Link(None, "下一篇（网上）", "https://example.com/next.html"),
    )
    with StoreWriter(path) as writer:
        writer.put_article(remote, [], content_hash="r1", sort_key="0009")
    return path


def test_a_reading_session_attempts_no_network(
    qtbot: object, tmp_path: Path, network_attempts: list[str]
) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from reader.ui.main_window import MainWindow
    from reader.ui.settings import WindowSettings
    from reader.ui.tasks import SynchronousPool, TaskRunner

    path = remote_store(tmp_path / "remote.magstore")
    with (
        mock.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.No) as question,
        mock.patch.object(QMessageBox, "warning") as warning,
        mock.patch.object(QDesktopServices, "openUrl") as open_url,
    ):
        window = MainWindow(WindowSettings(), TaskRunner(SynchronousPool()))
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(1000, 700)
        window.show()
        assert window.open_store(path)
        for uid in ("r1", "a1", "a2", "b1", "r1"):
            assert window.open_article(uid)
            window.view.grab()  # paint: every resource the document names is requested
        window.follow_link(QUrl("http://example.com/lost.html"))
        window.follow_link(QUrl("https://example.com/next.html"))
        window.follow_link(QUrl("ftp://example.com/file"))
        window.follow_link(QUrl("file:///etc/passwd"))
        assert question.call_count == 2  # asked about the two web links, answered No
        open_url.assert_not_called()
        warning.assert_not_called()
        assert window.view.refused_resources == []
        window.close()
    assert network_attempts == []


def test_an_in_process_import_attempts_no_network(tmp_path: Path, network_attempts: list[str]) -> None:
    for n in range(3):
        write_page(tmp_path / "site", f"a/{n}.html", article_page(body=REMOTE_BODY))
    summary = import_sources([tmp_path / "site"], tmp_path / "m.magstore", workers=1)
    assert summary.added == 3 and summary.images_missing == 9
    assert network_attempts == []


def _guarded_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    guard = tmp_path / "guard"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    log.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guard), str(SRC)]),
        "READER_NET_LOG": str(log),
        "READER_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return env, log


def test_the_guard_catches_an_attempt(tmp_path: Path) -> None:
    # Without this, a guard that failed to load would make the tests below pass for nothing.
    env, log = _guarded_env(tmp_path)
    probe = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=0.1)\nexcept OSError as e:\n    print(e)"
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert "network access attempted" in done.stdout
    assert "create_connection" in log.read_text(encoding="utf-8")


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    generate_site(site, issues=3, per_issue=10, seed=5)  # 30 articles: the import runs a worker pool
    for n in range(3):
        write_page(site, f"remote/{n}.html", article_page(body=REMOTE_BODY))
    return site


def test_the_command_line_import_and_screenshot_attempt_no_network(tmp_path: Path) -> None:
    env, log = _guarded_env(tmp_path)
    site, store = _site(tmp_path), tmp_path / "m.magstore"
    reader = [sys.executable, "-m", "reader"]
    done = subprocess.run([*reader, "import", "-j", "2", "-q", "--store", str(store), str(site)],
                          env=env, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    shot = subprocess.run([*reader, "screenshot", str(store), "-o", str(tmp_path / "shot.png")],
                          env=env, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert shot.returncode == 0, shot.stderr
    assert (tmp_path / "shot.png").stat().st_size > 0
    assert log.read_text(encoding="utf-8") == ""


def _netns_unavailable() -> str | None:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return "needs Linux with unshare(1)"
    try:
        probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unshare -n cannot run here: {exc}"
    if probe.returncode != 0:
        return f"unshare -n is not permitted here: {probe.stderr.decode(errors='replace').strip()}"
    return None


def test_import_and_screenshot_work_in_a_network_namespace_without_interfaces(tmp_path: Path) -> None:
    reason = _netns_unavailable()
    if reason:
        pytest.skip(reason)
    env, log = _guarded_env(tmp_path)
    site, store = _site(tmp_path), tmp_path / "m.magstore"
    reader = ["unshare", "-n", sys.executable, "-m", "reader"]
    links = subprocess.run(
        ["unshare", "-n", "cat", "/proc/net/dev"], capture_output=True, text=True, check=True
    )
    assert [line.split(":")[0].strip() for line in links.stdout.splitlines()[2:]] == ["lo"]  # down, alone
    done = subprocess.run([*reader, "import", "-j", "2", "-q", "--store", str(store), str(site)],
                          env=env, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    shot = subprocess.run([*reader, "screenshot", str(store), "-o", str(tmp_path / "shot.png")],
                          env=env, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert shot.returncode == 0, shot.stderr
    assert log.read_text(encoding="utf-8") == ""
