"""Benchmark the reading window on a generated store: cold start beside a bare window, opening, memory.

Cold starts run as subprocesses with QT_QPA_PLATFORM=offscreen, each timed from spawn to exit; the script
exits (os._exit) as soon as its window has painted, so both figures end at the same point. Article open and
issue expansion are timed in this process with the window open on the store.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.domain.article import Article, Figure, Heading, ImageRef, IssueLabel, Link, Paragraph
from reader.store.writer import ImageData, StoreWriter
from tests.fixtures.png import rgb_png

QUICK_ARGS = ["--quick"]

FULL_ARTICLES = 50_000
QUICK_ARTICLES = 2_000
PER_ISSUE = 500
ISSUES_PER_YEAR = 6
FIGURE_EVERY = 3  # every third article has three figures

MAX_START_RATIO = 1.5
MAX_OPEN_MS = 50.0
MAX_EXPAND_MS = 20.0
MAX_EXTRA_RSS_MB = 80.0

_SECTIONS = {
    "时事": ("国内", "国际"),
    "经济": ("财经", "产业"),
    "文化": ("读书", "艺术"),
    "生活": ("城市", "旅行"),
}
_WORDS = (  # noqa: SIM905 -- a vocabulary reads best as one spaced string
    "城市 乡村 老人 孩子 记者 学者 工人 农民 医生 教师 街道 巷子 河流 山坡 菜地 "
    "高楼 工厂 学校 医院 市场 面馆 茶馆 书店 公园 车站 码头 火车 汽车 自行车 "
    "手机 网络 电视 报纸 杂志 照片 故事 历史 记忆 变化 发展 改革 经济 文化 社会 "
    "教育 科技 环境 生活 家庭 邻居 朋友 同事 父亲 母亲 春天 夏天 秋天 冬天 早晨 "
    "傍晚 夜里 雨水 阳光 微风 雪花 茶 面条 饺子 米饭 二胡 京剧 书法 电影 音乐 "
    "告诉 看见 记得 希望 开始 离开 回来 搬走 留下 等待 讨论 研究 调查 发现 建设 "
    "保护 改变 坚持 慢慢 终于 依然 已经 仍然 似乎 其实 一直 总是 偶尔 悄悄 热闹 "
    "安静 匆忙 温暖 寒冷 明亮 古老 年轻 重要 普通 简单 复杂 美丽 平凡 的 了 在 "
    "和 也 都 就 还 又 把 被 让 给 对 从 向 这 那 一个 一些"
).split()
_NAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴")
_GIVEN = ("强", "敏", "伟", "芳", "军", "静", "磊", "丽", "涛", "燕", "明", "华")
_IMAGE_SIZES = ((1200, 800), (960, 640), (800, 600), (640, 427))

# The start of every timed script: the clock, and `painted()`, which reports the time and the process's
# memory when a script's window has painted, then exits at once (not Qt's teardown).
_PAINT_PROBE = """
import time
started = time.perf_counter()
import os, sys

def painted(extra=""):
    rss = peak = 0
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
        elif line.startswith("VmHWM:"):
            peak = int(line.split()[1])
    print(f"PAINTED {time.perf_counter() - started:.6f} {rss} {peak} {extra}".rstrip(), flush=True)
    os._exit(0)

"""

BARE_SCRIPT = (
    _PAINT_PROBE
    + """
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

class FirstPaint(QObject):  # an empty widget paints nothing of its own: its paint event is the moment
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            painted()
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
central = QWidget(window)
window.setCentralWidget(central)
watcher = FirstPaint()
central.installEventFilter(watcher)
window.resize(1200, 800)
window.show()
app.exec()
"""
)

# A reference, not a target: the least a window can do to show the article, with none of the reader's
# window around it: a QTextBrowser in a QMainWindow, the store opened, the article's HTML set (its images
# not served). It tells how much of the cold start any window showing this article must spend.
_BROWSER_WINDOW = """
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

class Browser(QTextBrowser):  # told by its own paint, as the reader's view is (not through viewport())
    def paintEvent(self, event):
        super().paintEvent(event)
        painted()

app = QApplication(sys.argv[:1])
window = QMainWindow()
browser = Browser()
window.setCentralWidget(browser)
browser.setHtml(article_html())
window.resize(1200, 800)
window.show()
app.exec()
"""
ARTICLE_ONLY_SCRIPT = (
    _PAINT_PROBE
    + """
def article_html():
    from reader.store.reader import ArticleStore
    from reader.ui.article_html import ArticlePage, build_article_html
    from reader.ui.themes import load_theme

    store = ArticleStore.open(os.environ["READER_BENCH_STORE"])
    article = store.article(os.environ["READER_BENCH_UID"])
    return build_article_html(article, ArticlePage(theme=load_theme("light")))
"""
    + _BROWSER_WINDOW
)

# A second reference: the same QTextBrowser given the article's HTML as a string read from a file, with no
# module of the reader's imported. What it adds to the bare window is Qt's own cost of laying out and
# painting this article; what the article-only reference adds to it is the reader's (its modules, the
# store, PySide creating the Python enums those modules use).
STATIC_HTML_SCRIPT = (
    _PAINT_PROBE
    + """
def article_html():
    with open(os.environ["READER_BENCH_HTML"], encoding="utf-8") as html:
        return html.read()
"""
    + _BROWSER_WINDOW
)

# What the `reader` command does with no argument (reader.cli.main([])): the window on the last store at
# its last article. The script hooks the window as it is made, to hear its article view's first paint
# (not through a filter on the view's viewport(): PySide's first viewport() call costs some 15 ms,
# which the window itself avoids until after that paint).
_APP_START = """
from reader.ui.main_window import MainWindow

made = MainWindow.__init__

def made_and_hooked(self, *args, **kwargs):
    made(self, *args, **kwargs)
    hook(self)

MainWindow.__init__ = made_and_hooked
uid = lambda window: window.view.article.uid if window.view.article else "none"
"""
_APP_RUN = """
from reader.cli import main
main([])
"""
APP_SCRIPT = (
    _PAINT_PROBE
    + _APP_START
    + """
def hook(window):
    window.view.first_painted.connect(lambda: painted(uid(window)))
"""
    + _APP_RUN
)

# The same, up to the end of what start-up leaves for after the first paint (the bookmarks file, the
# article selected in its tree): the whole start, so that deferring work does not hide its cost.
APP_SETTLED_SCRIPT = (
    _PAINT_PROBE
    + _APP_START
    + """
from PySide6.QtCore import QTimer

def hook(window):
    def settled():
        if window.started:
            painted(uid(window))
        QTimer.singleShot(1, settled)

    window.view.first_painted.connect(lambda: QTimer.singleShot(0, settled))
"""
    + _APP_RUN
)


# -- the store ----------------------------------------------------------------------------------------


def png_bytes(width: int, height: int, seed: int) -> bytes:
    """A real RGB PNG: horizontal bands of a gradient, different for each seed (fast to make in Python)."""
    rows = []
    for y in range(height):
        shade = (y * 255 // max(1, height - 1) + seed * 60) % 256
        band = bytes((shade, (shade + 80 + seed * 30) % 256, (255 - shade) % 256)) * width
        rows.append(b"\x00" + band)
    return rgb_png(width, height, b"".join(rows))


def _images() -> list[tuple[ImageRef, ImageData]]:
    out = []
    for seed, (width, height) in enumerate(_IMAGE_SIZES):
        data = png_bytes(width, height, seed)
        sha = hashlib.sha256(data).hexdigest()
        out.append(
            (
                ImageRef(sha, width, height, "image/png", f"uploads/{sha[:10]}.png"),
                ImageData(sha, "image/png", width, height, data),
            )
        )
    return out


def _issue(number: int) -> IssueLabel:
    year = 2000 + number // ISSUES_PER_YEAR
    within = number % ISSUES_PER_YEAR + 1
    return IssueLabel(f"{year}年第{within}期", year, within)


def _uid(number: int) -> str:
    return f"u{number:06d}"


def synthetic_articles(count: int, seed: int = 7) -> Iterator[tuple[Article, list[ImageData]]]:
    """`count` articles in issues of PER_ISSUE, every FIGURE_EVERY-th with three figures."""
    rng = random.Random(seed)
    images = _images()
    sections = [(top, sub) for top, subs in _SECTIONS.items() for sub in subs]

    def sentence(low: int = 8, high: int = 20) -> str:
        return "".join(rng.choices(_WORDS, k=rng.randint(low, high))) + rng.choice("，。。！？")

    def paragraph() -> str:
        return "".join(sentence() for _ in range(rng.randint(3, 6)))

    def title(number: int) -> str:
        return "".join(rng.choices(_WORDS, k=rng.randint(3, 6)))[:16] + f"（{number}）"

    def link(number: int) -> Link:
        return Link(_uid(number), f"第{number}篇", f"https://example.cn/a/{number}.html", saved=True)

    for number in range(count):
        issue_number = number // PER_ISSUE
        first = issue_number * PER_ISSUE
        last = min(count, first + PER_ISSUE) - 1
        blocks: list[Paragraph | Heading | Figure] = [
            Paragraph(paragraph()) for _ in range(rng.randint(6, 10))
        ]
        if rng.random() < 0.4:
            blocks.insert(len(blocks) // 2, Heading(sentence(3, 6)[:-1]))
        used: list[ImageData] = []
        if number % FIGURE_EVERY == 0:
            for place, (ref, data) in zip((1, 4, 7), rng.sample(images, 3), strict=True):
                figure = Figure(
                    ref,
                    alt=sentence(2, 4)[:-1],
                    caption=sentence(),
                    credit=rng.choice(_NAMES) + rng.choice(_GIVEN),
                )
                blocks.insert(min(place, len(blocks)), figure)
                used.append(data)
        issue = _issue(issue_number)
        article = Article(
            uid=_uid(number),
            title=title(number),
            file=f"{issue.year}/{issue.number:02d}/{number}.html",
            url=f"https://example.cn/a/{number}.html",
            subtitle=sentence(4, 8) if rng.random() < 0.3 else None,
            authors=(rng.choice(_NAMES) + rng.choice(_GIVEN),),
            source="本刊记者" if rng.random() < 0.5 else None,
            date=f"{issue.year}-{(issue.number or 1) * 2:02d}-{rng.randint(1, 28):02d}",
            summary=sentence() if rng.random() < 0.5 else None,
            category=sections[number % len(sections)],
            issue=issue,
            blocks=tuple(blocks),
            prev=link(number - 1) if number > first else None,
            next=link(number + 1) if number < last else None,
            related=tuple(link(rng.randint(0, count - 1)) for _ in range(3)),
        )
        yield article, used


def ensure_store(path: Path, count: int) -> Path:
    done = path.with_name(path.name + ".done")
    if path.is_file() and done.is_file():
        print(f"reusing the store {path}")
        return path
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with StoreWriter(path) as writer:
        writer.set_meta("name", "城市周刊（基准）")
        writer.set_meta("site", "https://example.cn/")
        for made, (article, images) in enumerate(synthetic_articles(count), 1):
            writer.put_article(article, images, f"hash{made}", f"{made:08d}")
            if made % 5000 == 0:
                writer.commit()
                print(f"  {made} articles", flush=True)
    done.write_text("ok\n", encoding="utf-8")
    print(f"generated {count} articles in {time.perf_counter() - started:.1f} s -> {path}")
    return path


def last_article_uid(count: int) -> str:
    """An article with figures in the middle of the newest issue: what a reader left open."""
    first = (count - 1) // PER_ISSUE * PER_ISSUE
    middle = first + (count - first) // 2
    return _uid(middle - middle % FIGURE_EVERY)


def write_settings(data_dir: Path, store: Path, uid: str) -> None:
    """The window's settings file (reader.ui.settings' format) naming the store and the article left open."""
    key = str(store.resolve())
    values = {"last_store": key, "recent_stores": [key], "positions": {key: {"article": uid, "block": 0}}}
    config = data_dir / "config"
    config.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": 1, "values": values}, ensure_ascii=False)
    (config / "window.json").write_text(text + "\n", encoding="utf-8")


# -- cold start ---------------------------------------------------------------------------------------


@dataclass
class Start:
    wall_s: float  # spawn to exit
    inside_s: float  # interpreter's first line to first paint
    rss_mb: float
    peak_mb: float
    uid: str = ""


def _spawn(script: str, env: dict[str, str]) -> Start:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, env=env, capture_output=True, text=True, timeout=120
    )
    wall = time.perf_counter() - started
    line = next((x for x in done.stdout.splitlines() if x.startswith("PAINTED ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"start-up script failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    fields = line.split()
    uid = fields[4] if len(fields) > 4 else ""
    return Start(wall, float(fields[1]), int(fields[2]) / 1024, int(fields[3]) / 1024, uid)


_PYCACHE = [Path(tempfile.gettempdir()) / "reader-bench-ui-pycache"]


def _child_env(**extra: str) -> dict[str, str]:
    """Offscreen Qt, and compiled bytecode kept (outside the source tree) as an installed app has it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(_PYCACHE[0]), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class ColdStarts:
    bare: list[Start]
    app: list[Start]  # to the first paint of the article
    settled: list[Start]  # to the end of the work left for after that paint
    article_only: list[Start]
    static_html: list[Start]


def article_html_file(store: Path, uid: str, folder: Path) -> Path:
    """The article's HTML as the window sets it (light theme), in a file for the static reference."""
    from reader.store.reader import ArticleStore
    from reader.ui.article_html import ArticlePage, build_article_html
    from reader.ui.themes import load_theme

    with ArticleStore.open(store) as opened:
        article = opened.article(uid)
    assert article is not None, uid
    path = folder / "article.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_article_html(article, ArticlePage(theme=load_theme("light"))), encoding="utf-8")
    return path


def cold_starts(store: Path, uid: str, runs: int, data_dir: Path) -> ColdStarts:
    """The bare window, the reader (twice: to its first paint, and to the end of start-up) and the two
    references, interleaved."""
    env = _child_env(
        READER_DATA_DIR=str(data_dir),
        READER_BENCH_STORE=str(store.resolve()),
        READER_BENCH_UID=uid,
        READER_BENCH_HTML=str(article_html_file(store, uid, data_dir.parent / "html")),
    )
    starts = ColdStarts([], [], [], [], [])
    scripts = (
        (BARE_SCRIPT, starts.bare),
        (STATIC_HTML_SCRIPT, starts.static_html),
        (ARTICLE_ONLY_SCRIPT, starts.article_only),
        (APP_SCRIPT, starts.app),
        (APP_SETTLED_SCRIPT, starts.settled),
    )
    # One untimed run of each warms the disk cache and Python's bytecode cache.
    for script, _ in scripts:
        write_settings(data_dir, store, uid)
        _spawn(script, env)
    for _ in range(runs):  # interleaved, so a noisy moment hurts all alike
        for script, out in scripts:
            write_settings(data_dir, store, uid)
            out.append(_spawn(script, env))
    wrong = [s.uid for s in starts.app + starts.settled if s.uid != uid]
    if wrong:
        raise RuntimeError(f"the window opened {wrong[0]}, not the remembered article {uid}")
    return starts


# -- in the window ------------------------------------------------------------------------------------


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def in_window(
    store: Path, uid: str, *, count: int, data_dir: Path, opens: int, expands: int
) -> dict[str, Any]:
    """Time expanding issues, then opening articles, in a window on the store (run in a child process)."""
    os.environ["READER_DATA_DIR"] = str(data_dir)
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from reader.ui.launch import _application
    from reader.ui.lazy_tree import NodeKind
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import WindowSettings

    app = _application()
    assert isinstance(app, QApplication)
    paints = [0]

    class PaintCounter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints[0] += 1
            return False

    write_settings(data_dir, store, uid)
    window = MainWindow(WindowSettings(read_only=True), manage_app_palette=True)
    counter = PaintCounter()
    window.view.viewport().installEventFilter(counter)
    window.show()
    window.start(None)
    for _ in range(5):
        app.processEvents()

    # Issues whose articles were never read from the store, as when the reader first opens them.
    library = window.library
    library.setCurrentWidget(library.issue_view)
    model, view = library.issue_model, library.issue_view
    view.installEventFilter(counter)
    store_handle = model.store
    assert store_handle is not None
    open_row = store_handle.article_row(uid)
    issues = [
        i
        for i in store_handle.all_issues()
        if i.article_count >= PER_ISSUE and (open_row is None or i.id != open_row.issue_id)
    ]
    issues = issues[:: max(1, len(issues) // expands)][:expands]
    expand_ms = []
    for issue in issues:
        year = model.index_for_path([(NodeKind.YEAR, issue.year)])
        view.expand(year)
        index = model.index_for_path([(NodeKind.YEAR, issue.year), (NodeKind.ISSUE, issue.id)])
        assert model.rowCount(index) == 0, "the issue's articles were read before the timing"
        view.scrollTo(index, view.ScrollHint.PositionAtTop)
        app.processEvents()
        started = time.perf_counter()
        view.expand(index)  # reads the articles through canFetchMore/fetchMore
        while model.canFetchMore(index):
            model.fetchMore(index)
        app.processEvents()
        expand_ms.append((time.perf_counter() - started) * 1000)
        assert model.rowCount(index) == issue.article_count
        view.collapse(index)
        app.processEvents()

    def settle_painted() -> None:
        before = paints[0]
        app.processEvents()
        while paints[0] == before:  # an update may be posted in more than one step
            app.processEvents()

    # Articles with figures, spread over the issues, never the one already open.
    figured = [n for n in range(0, count, FIGURE_EVERY) if _uid(n) != uid]
    chosen = [_uid(n) for n in figured[:: max(1, len(figured) // opens)][:opens]]
    open_ms = []
    for target in chosen:
        started = time.perf_counter()
        window.open_article(target)  # what choosing it in a tree calls
        settle_painted()
        open_ms.append((time.perf_counter() - started) * 1000)
        assert window.view.article is not None and window.view.article.uid == target
        assert len(window.view.article.figures()) == 3
    return {"open_ms": open_ms, "expand_ms": expand_ms}


def measure_window(
    store: Path, uid: str, *, count: int, data_dir: Path, opens: int, expands: int
) -> dict[str, Any]:
    """Run `in_window` in a fresh process, so that Qt never starts (or shuts down) in the caller's."""
    args = [str(store), uid, str(count), str(data_dir), str(opens), str(expands)]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.ui_speed", "--measure-window", *args],
        check=False,
        cwd=Path(__file__).resolve().parents[1],  # the repository: benchmarks and tests.fixtures import
        env=_child_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("WINDOW ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(
            f"the window measurement failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
    result: dict[str, Any] = json.loads(line[len("WINDOW ") :])
    return result


# -- the report ---------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _table(rows: list[tuple[str, ...]]) -> str:
    head = ("figure", "value", "baseline", "ratio / limit", "result")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import PySide6

    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"PySide6 {PySide6.__version__}, {platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ui_speed", description=__doc__)
    parser.add_argument("--articles", type=int, default=FULL_ARTICLES)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES} articles, fewer runs")
    parser.add_argument("--workdir", type=Path, help="where the generated store is kept and reused")
    parser.add_argument("--runs", type=int, default=5, help="cold starts of each kind")
    parser.add_argument("--opens", type=int, default=50)
    parser.add_argument("--expands", type=int, default=8)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--measure-window", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_window:
        store_, uid_, count_, data_, opens_, expands_ = args.measure_window
        figures = in_window(
            Path(store_),
            uid_,
            count=int(count_),
            data_dir=Path(data_),
            opens=int(opens_),
            expands=int(expands_),
        )
        print("WINDOW " + json.dumps(figures), flush=True)
        os._exit(0)  # not Qt's teardown: what is measured is done
    count = QUICK_ARTICLES if args.quick else args.articles
    runs = 3 if args.quick else args.runs
    opens = 20 if args.quick else args.opens
    workdir = args.workdir or Path(tempfile.gettempdir()) / "reader-bench-ui"
    _PYCACHE[0] = workdir / "pycache"
    store = ensure_store(workdir / f"ui-{count}.magstore", count)
    uid = last_article_uid(count)
    print(machine())
    with tempfile.TemporaryDirectory(prefix="reader-bench-ui-") as temp:
        starts = cold_starts(store, uid, runs, Path(temp) / "start")
        window = measure_window(
            store, uid, count=count, data_dir=Path(temp) / "window", opens=opens, expands=args.expands
        )

    bare, app, article_only = starts.bare, starts.app, starts.article_only
    bare_wall = statistics.median(s.wall_s for s in bare)
    app_wall = statistics.median(s.wall_s for s in app)
    bare_inside = statistics.median(s.inside_s for s in bare)
    app_inside = statistics.median(s.inside_s for s in app)
    bare_peak = statistics.median(s.peak_mb for s in bare)
    app_peak = statistics.median(s.peak_mb for s in app)
    bare_rss = statistics.median(s.rss_mb for s in bare)
    app_rss = statistics.median(s.rss_mb for s in app)
    open_median = statistics.median(window["open_ms"])
    expand_median = statistics.median(window["expand_ms"]) if window["expand_ms"] else float("nan")
    start_ratio = app_wall / bare_wall
    floor_wall = statistics.median(s.wall_s for s in article_only)
    static_wall = statistics.median(s.wall_s for s in starts.static_html)
    settled_wall = statistics.median(s.wall_s for s in starts.settled)
    rows = [
        (
            f"cold start to painted article (wall, median of {runs})",
            f"{app_wall * 1000:.0f} ms",
            f"bare {bare_wall * 1000:.0f} ms",
            f"{start_ratio:.2f}x (<= {MAX_START_RATIO:g}x)",
            _verdict(start_ratio <= MAX_START_RATIO),
        ),
        (
            "  of which after the interpreter started",
            f"{app_inside * 1000:.0f} ms",
            f"bare {bare_inside * 1000:.0f} ms",
            f"{app_inside / bare_inside:.2f}x",
            "",
        ),
        (
            "  start-up work after that paint also done",
            f"{settled_wall * 1000:.0f} ms",
            f"bare {bare_wall * 1000:.0f} ms",
            f"{settled_wall / bare_wall:.2f}x",
            "",
        ),
        (
            "  reference: QTextBrowser given the HTML (no target)",
            f"{static_wall * 1000:.0f} ms",
            f"bare {bare_wall * 1000:.0f} ms",
            f"{static_wall / bare_wall:.2f}x",
            "",
        ),
        (
            "  reference: article-only window (no target)",
            f"{floor_wall * 1000:.0f} ms",
            f"bare {bare_wall * 1000:.0f} ms",
            f"{floor_wall / bare_wall:.2f}x",
            "",
        ),
        (
            f"open an article with 3 figures (median of {len(window['open_ms'])})",
            f"{open_median:.1f} ms",
            f"p95 {_percentile(window['open_ms'], 0.95):.1f} ms",
            f"< {MAX_OPEN_MS:g} ms",
            _verdict(open_median < MAX_OPEN_MS),
        ),
        (
            f"expand an issue of {PER_ISSUE} (median of {len(window['expand_ms'])})",
            f"{expand_median:.1f} ms",
            f"max {max(window['expand_ms'], default=float('nan')):.1f} ms",
            f"< {MAX_EXPAND_MS:g} ms",
            _verdict(expand_median < MAX_EXPAND_MS),
        ),
        (
            "peak resident memory at first paint",
            f"{app_peak:.0f} MB",
            f"bare {bare_peak:.0f} MB",
            f"+{app_peak - bare_peak:.0f} MB (<= +{MAX_EXTRA_RSS_MB:g} MB)",
            _verdict(app_peak - bare_peak <= MAX_EXTRA_RSS_MB),
        ),
        (
            "resident memory at first paint",
            f"{app_rss:.0f} MB",
            f"bare {bare_rss:.0f} MB",
            f"+{app_rss - bare_rss:.0f} MB",
            "",
        ),
    ]
    print(f"\nreading window, {count} articles in {count // PER_ISSUE or 1} issues ({store})")
    print(_table(rows))
    if args.json:
        figures = {
            "articles": count,
            "machine": machine(),
            "bare_wall_s": [s.wall_s for s in bare],
            "app_wall_s": [s.wall_s for s in app],
            "settled_wall_s": [s.wall_s for s in starts.settled],
            "article_only_wall_s": [s.wall_s for s in article_only],
            "static_html_wall_s": [s.wall_s for s in starts.static_html],
            "bare_peak_mb": [s.peak_mb for s in bare],
            "app_peak_mb": [s.peak_mb for s in app],
            **window,
        }
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    missed = [r for r in rows if r[4] == "MISS"]
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
