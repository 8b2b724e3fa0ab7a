"""The import pipeline: whole folders, re-imports, bad input, interruption."""

from __future__ import annotations

import contextlib
import os
import queue
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.domain.progress import Cancelled, CancelToken, Progress
from reader.ingest.pipeline import ImportSourceError, _Fed, _Window, import_sources
from reader.store.reader import ArticleStore
from tests.fixtures.dede_page import HOST, article_page, png, write_image, write_page


def small_site(root: Path, count: int = 6) -> list[str]:
    uids = []
    for i in range(count):
        issue = f"2023年第{i % 3 + 1}期"
        body = f'<p align="center"><img src="/u/{i}.png" /></p><p align="center">第{i}张照片（图/林溪）</p><p>第{i}篇的正文。</p>'
        write_image(root, f"u/{i}.png", png(shade=i))
        write_page(root, f"a/rw/sh/{100 + i}.html", article_page(title=f"第{i}篇", body=body, issue=issue))
        uids.append(f"{HOST}/a/rw/sh/{100 + i}")
    write_page(
        root, "index.html", "<html><body><ul><li><a href='/a/rw/sh/100.html'>一</a></li></ul></body></html>"
    )
    return uids


def test_folder_import_stores_articles_issues_and_images(tmp_path: Path) -> None:
    uids = small_site(tmp_path / "site")
    summary = import_sources([tmp_path / "site"], tmp_path / "m.magstore", workers=1)
    assert (summary.added, summary.updated, summary.unchanged) == (6, 0, 0)
    assert summary.skipped["index page"] == 1
    assert summary.images_stored == 6
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        assert [i.label for i in store.all_issues()] == ["2023年第1期", "2023年第2期", "2023年第3期"]
        assert sorted(r.uid for r in store.iter_article_rows()) == sorted(uids)
        article = store.article(uids[0])
        assert article is not None
        image = article.figures()[0].image
        assert image is not None
        stored = store.image(image.sha256)
        assert stored is not None and stored.data == png(shade=0)
        assert store.magazine().name == "《兰溪》月刊"
        assert store.magazine().site == HOST


def test_reimport_skips_unchanged_pages_updates_changed_ones_and_keeps_uids(tmp_path: Path) -> None:
    site = tmp_path / "site"
    uids = small_site(site)
    store = tmp_path / "m.magstore"
    import_sources([site], store, workers=1)
    again = import_sources([site], store, workers=1)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)
    write_page(site, "a/rw/sh/100.html", article_page(title="第0篇（修订）", body="<p>改过的正文。</p>"))
    changed = import_sources([site], store, workers=1)
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 5)
    with ArticleStore.open(store) as reader:
        article = reader.article(uids[0])
        assert article is not None and article.title == "第0篇（修订）"
        assert reader.counts()["articles"] == 6


def test_parallel_import_gives_the_same_store_as_a_single_process(tmp_path: Path) -> None:
    site = tmp_path / "site"
    small_site(site, count=30)
    import_sources([site], tmp_path / "one.magstore", workers=1)
    import_sources([site], tmp_path / "two.magstore", workers=2)
    with (
        ArticleStore.open(tmp_path / "one.magstore") as one,
        ArticleStore.open(tmp_path / "two.magstore") as two,
    ):
        rows_one = [(r.uid, r.title) for r in one.iter_article_rows()]
        assert rows_one == [(r.uid, r.title) for r in two.iter_article_rows()]
        assert len(rows_one) == 30


def test_a_folder_with_nothing_importable_leaves_no_store_behind(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("不是网页", encoding="utf-8")
    with pytest.raises(ImportSourceError, match="no saved pages"):
        import_sources([tmp_path / "empty"], tmp_path / "m.magstore")
    write_page(tmp_path / "lists", "index.html", "<html><body><p>首页</p></body></html>")
    with pytest.raises(ImportSourceError, match="nothing importable"):
        import_sources([tmp_path / "lists"], tmp_path / "m.magstore")
    assert not (tmp_path / "m.magstore").exists()


def test_importing_into_a_file_that_is_not_a_store_refuses_and_leaves_it_untouched(tmp_path: Path) -> None:
    small_site(tmp_path / "site")
    precious = tmp_path / "notes.magstore"
    precious.write_bytes(b"my own notes, not a store" * 10)
    with pytest.raises(ImportSourceError, match="not a Magazine Reader store"):
        import_sources([tmp_path / "site"], precious)
    assert precious.read_bytes() == b"my own notes, not a store" * 10


def test_unreadable_pages_are_reported_and_the_import_goes_on(tmp_path: Path) -> None:
    site = tmp_path / "site"
    small_site(site, count=2)
    write_page(site, "a/rw/sh/deep.html", article_page(body="<div>" * 300 + "深" + "</div>" * 300))
    summary = import_sources([site], tmp_path / "m.magstore", workers=1)
    assert summary.added == 2
    assert [f for f, _ in summary.failed] == ["a/rw/sh/deep.html"]


def test_progress_is_reported_and_cancel_keeps_whole_articles(tmp_path: Path) -> None:
    site = tmp_path / "site"
    small_site(site, count=10)
    token = CancelToken()
    seen: list[Progress] = []

    def on_progress(value: Progress) -> None:
        seen.append(value)
        if value.done == 4:
            token.cancel()

    with pytest.raises(Cancelled):
        import_sources([site], tmp_path / "m.magstore", progress=on_progress, cancel=token, workers=1)
    assert seen[0].total == 11
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        count = store.counts()["articles"]
        assert 1 <= count < 10
        for row in store.iter_article_rows():
            article = store.article(row.uid)
            assert article is not None and article.blocks


def test_importing_into_an_older_store_reports_its_update_before_the_pages(tmp_path: Path) -> None:
    from reader.store.search_index import REBUILD_MESSAGE

    small_site(tmp_path / "one", count=3)
    store = tmp_path / "m.magstore"
    import_sources([tmp_path / "one"], store, workers=1)
    with sqlite3.connect(store) as conn:  # as if an older version had built the search index
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'search_index_version'")
    conn.close()
    small_site(tmp_path / "two", count=5)
    seen: list[Progress] = []
    summary = import_sources([tmp_path / "two"], store, workers=1, progress=seen.append)
    updating = [p for p in seen if p.message == REBUILD_MESSAGE]
    assert updating and updating[-1].done == updating[-1].total == 3  # the articles already there
    assert seen.index(updating[-1]) < min(i for i, p in enumerate(seen) if p.message != REBUILD_MESSAGE)
    assert summary.articles_total == 5


def test_the_terminal_shows_a_stores_update_and_the_import_as_separate_bars(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reader.ingest.progress_bar import TerminalProgress
    from reader.store.search_index import REBUILD_MESSAGE

    with TerminalProgress(enabled=True) as bar:
        for done in (0, 40, 80):
            bar.update(Progress(done, 80, REBUILD_MESSAGE))
        for done in (0, 7, 12):
            bar.update(Progress(done, 12, f"a/{done}.html"))
    err = capsys.readouterr().err
    assert "Updating the store" in err and "80/80" in err and "article" in err
    assert "Importing" in err and "12/12" in err and "page" in err


def test_killing_an_import_leaves_a_store_that_opens_with_whole_articles(tmp_path: Path) -> None:
    site = tmp_path / "site"
    small_site(site, count=120)
    store = tmp_path / "m.magstore"
    script = textwrap.dedent(
        f"""
        import reader.ingest.pipeline as p
        p._COMMIT_EVERY = 7
        p.import_sources([__import__("pathlib").Path({str(site)!r})], __import__("pathlib").Path({str(store)!r}), workers=1)
        """
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    for delay in (0.4, 0.7, 1.0):
        proc = subprocess.Popen([sys.executable, "-c", script], env=env)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        if not store.exists():
            continue
        with ArticleStore.open(store) as reader:
            for row in reader.iter_article_rows():
                article = reader.article(row.uid)
                assert article is not None
                assert article.blocks, f"{row.uid} was stored without its body"
        with contextlib.closing(sqlite3.connect(store)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096))
def test_no_byte_string_makes_the_importer_raise(tmp_path: Path, data: bytes) -> None:
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_bytes(data)
    try:
        summary = import_sources([folder], tmp_path / "fuzz.magstore", workers=1)
    except ImportSourceError as exc:
        assert "nothing importable" in str(exc)
    else:
        assert summary.articles_total + summary.failures + sum(summary.skipped.values()) == 1


def test_cancelling_a_parallel_import_stops_its_workers_and_keeps_whole_articles(tmp_path: Path) -> None:
    site = tmp_path / "site"
    small_site(site, count=60)  # enough pages for the worker pool
    token = CancelToken()
    outcome: list[BaseException] = []

    def on_progress(value: Progress) -> None:
        if value.done == 5:
            token.cancel()

    def run() -> None:
        try:
            import_sources([site], tmp_path / "m.magstore", progress=on_progress, cancel=token, workers=2)
        except BaseException as exc:  # handed to the test's thread
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "the import did not stop after being cancelled"
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        assert 1 <= store.counts()["articles"] < 60


def test_the_window_opens_narrow_widens_for_small_results_and_narrows_for_large_ones() -> None:
    window = _Window(size=8, floor=2, budget_bytes=1000)
    assert window.open_permits == 4  # two floors, until results show how large they are
    assert all(window.take() for _ in range(4))
    waiting: list[bool] = []
    blocked = threading.Thread(target=lambda: waiting.append(window.take()))
    blocked.start()
    blocked.join(0.3)
    assert blocked.is_alive()  # a fifth article waits for one to be stored
    window.give_back(10)
    blocked.join(10)
    assert waiting == [True]
    for _ in range(20):
        assert window.take()
        window.give_back(10)
    assert window.open_permits == 8  # small results: the whole window opens
    assert all(window.take() for _ in range(8 - 4))  # 4 are still out from the start
    blocked = threading.Thread(target=window.take)
    blocked.start()
    blocked.join(0.3)
    assert blocked.is_alive()  # never more than the window's size out
    for _ in range(8):
        window.give_back(600)  # 600-byte results: fewer than two fit the 1,000-byte budget
    blocked.join(10)
    assert window.open_permits == 2  # not below the floor


def test_a_closed_window_lets_a_waiting_feeder_go() -> None:
    window = _Window(size=1, floor=1, budget_bytes=1000)
    counted = _Fed(iter(range(5)), window)
    fed = iter(counted)
    assert next(fed) == [0]
    rest: list[int] = []
    feeder = threading.Thread(target=lambda: rest.extend(fed))
    feeder.start()
    feeder.join(0.3)
    assert feeder.is_alive()  # waiting for a permit
    window.close()
    feeder.join(10)
    assert not feeder.is_alive() and rest == []
    assert counted.count == 1 and counted.finished.is_set()  # what the pool waits for when it stops early


def test_a_slow_writer_never_has_more_articles_out_than_the_window() -> None:
    window = _Window(size=6, floor=2, budget_bytes=10**9)
    taken = []  # articles out at each moment the feeder sent one
    out = 0
    lock = threading.Lock()
    sent: queue.Queue[int | None] = queue.Queue()

    def feeder() -> None:
        nonlocal out
        for (task,) in _Fed(iter(range(40)), window):
            with lock:
                out += 1
                taken.append(out)
            sent.put(task)
        sent.put(None)

    thread = threading.Thread(target=feeder)
    thread.start()
    while sent.get(timeout=10) is not None:
        time.sleep(0.002)  # the writer is slower than the feeder
        with lock:
            out -= 1
        window.give_back(100)
    thread.join(10)
    assert len(taken) == 40 and max(taken) == 6


@pytest.mark.slow
def test_cancelling_parallel_imports_at_random_moments_never_hangs(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Each cancel lands while the workers are sending results: terminate() must never wait for a lock
    that a killed worker held (see pipeline._quiesce). READER_CANCEL_ROUNDS sets the rounds."""
    if (
        "slow" not in (request.config.getoption("markexpr") or "")
        and "READER_CANCEL_ROUNDS" not in os.environ
    ):
        pytest.skip("a 20-round cancel loop: run with -m slow (READER_CANCEL_ROUNDS sets the rounds)")
    import random

    site = tmp_path / "site"
    small_site(site, count=120)
    chooser = random.Random(5)
    for round_ in range(int(os.environ.get("READER_CANCEL_ROUNDS", "20"))):
        token, at = CancelToken(), chooser.randint(1, 100)
        outcome: list[BaseException] = []

        def on_progress(value: Progress, at: int = at, token: CancelToken = token) -> None:
            if value.done >= at:
                token.cancel()

        def run(
            token: CancelToken = token, outcome: list[BaseException] = outcome, round_: int = round_
        ) -> None:
            try:
                store = tmp_path / f"m{round_}.magstore"
                import_sources([site], store, progress=on_progress, cancel=token, workers=2)
            except BaseException as exc:  # handed to the test's thread
                outcome.append(exc)

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(60)
        assert not worker.is_alive(), f"round {round_}: the import hung after a cancel at {at}"
        assert len(outcome) == 1 and isinstance(outcome[0], Cancelled), outcome


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_worker_that_dies_stops_the_import_with_a_message_instead_of_hanging(tmp_path: Path) -> None:
    """A worker killed mid-import (out of memory, say) takes its chunk with it; CPython's Pool would wait
    for that chunk forever."""
    import multiprocessing
    import signal

    from reader.ingest.pipeline import WorkerStoppedError

    site = tmp_path / "site"
    small_site(site, count=150)
    outcome: list[BaseException] = []
    killed: list[int] = []
    before = {p.pid for p in multiprocessing.active_children()}  # other tests' children are not ours

    def on_progress(value: Progress) -> None:
        if value.done >= 10 and not killed:
            workers = [p for p in multiprocessing.active_children() if p.pid not in before]
            if workers:
                killed.append(workers[0].pid or 0)
                os.kill(workers[0].pid or 0, signal.SIGKILL)

    def run() -> None:
        try:
            import_sources([site], tmp_path / "m.magstore", progress=on_progress, workers=2)
        except BaseException as exc:  # handed to the test's thread
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "the import hung after a worker died"
    if not outcome and killed:
        pytest.skip("the killed worker had already handed back everything it held")
    assert killed and len(outcome) == 1 and isinstance(outcome[0], WorkerStoppedError), outcome
    assert "killed by signal 9" in str(outcome[0])
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        assert store.counts()["articles"] < 150
