"""Benchmark the importer on a generated saved site: wall time beside a bare lxml parse, CPU use, memory."""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import lxml.html

from reader.ingest.pipeline import find_pages

MAX_RATIO = 3.0  # the whole import may take at most this many times a bare single-process parse
MAX_RSS_MB = 300.0
PER_ISSUE = 50
QUICK_ARTICLES = 500
# A photo-heavy site for the memory target: one large photo (900 x 900, stored uncompressed: 2.4 MB) per
# article, so that what an import holds in memory at once, not the number of pages, decides its peak.
PHOTO_ARTICLES = 160
QUICK_PHOTO_ARTICLES = 40
PHOTO_SIDE = 900


def _sitegen() -> ModuleType:
    """The test suite's site generator, loaded from its file (tests/ is not an installed package)."""
    name = "magazine_reader_tests_sitegen"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "sitegen.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the site generator from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@dataclass
class Row:
    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    result: str = ""


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def _rss_mb(ru_maxrss: int) -> float:
    # Linux reports kilobytes, macOS bytes.
    return ru_maxrss / 1e6 if sys.platform == "darwin" else ru_maxrss / 1e3


def _cpu_seconds(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _store_size(store: Path) -> int:
    return sum(p.stat().st_size for p in store.parent.glob(store.name + "*") if p.is_file())


def _ensure_site(site: Path, articles: int) -> None:
    if any(site.glob("*/index.html")):
        print(f"reusing the saved site in {site}")
        return
    sitegen = _sitegen()
    issues = max(1, math.ceil(articles / PER_ISSUE))
    per_issue = min(PER_ISSUE, articles)
    started = time.perf_counter()
    truth = sitegen.generate_site(site, issues=issues, per_issue=per_issue)
    print(f"generated {len(truth)} articles in {time.perf_counter() - started:.1f} s -> {site}")


def _ensure_photo_site(site: Path, articles: int) -> None:
    if (site / "done").is_file():
        print(f"reusing the photo site in {site}")
        return
    from tests.fixtures.dede_page import article_page, write_image, write_page
    from tests.fixtures.png import rgb_png

    rows = PHOTO_SIDE * 3 + 1
    for number in range(articles):
        pixels = b"".join(b"\x00" + os.urandom(rows - 1) for _ in range(PHOTO_SIDE))
        write_image(site, f"uploads/{number}.png", rgb_png(PHOTO_SIDE, PHOTO_SIDE, pixels, level=0))
        body = (
            f'<p align="center"><img src="/uploads/{number}.png" /></p>'
            f'<p align="center">第{number}张照片（图/林溪）</p><p>照片下面的一段正文。</p>'
        )
        page = article_page(title=f"照片{number}", body=body, issue="2024年第1期")
        write_page(site, f"a/photo/{1000 + number}.html", page)
    (site / "done").write_text("ok\n", encoding="utf-8")


def bare_parse(pages: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds to read and parse every page with lxml in this one process: the import's floor."""
    started, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        lxml.html.document_fromstring(page.read_bytes())
    return time.perf_counter() - started, time.process_time() - cpu


def full_parse(pages: list[Path]) -> tuple[float, int]:
    """(wall seconds, pages the bare parse cuts short): each page decoded as the importer decodes it, then
    parsed, one process. Given the bytes of a page labelled gb2312, lxml stops at the first GBK-only
    character and drops the rest of the page, so the bare parse does less work than parsing the page."""
    from reader.ingest.decode import decode_page

    started = time.perf_counter()
    for page in pages:
        lxml.html.document_fromstring(decode_page(page.read_bytes()).text)
    seconds = time.perf_counter() - started
    short = 0
    for page in pages:  # untimed: how many pages the bare parse cut short
        data = page.read_bytes()
        bare = sum(1 for _ in lxml.html.document_fromstring(data).iter())
        full = sum(1 for _ in lxml.html.document_fromstring(decode_page(data).text).iter())
        short += bare < full
    return seconds, short


def _measure_import(site: str, store: str, workers: int | None, results: Any) -> None:
    """Run in a fresh process, so that its peak memory is the import's own and not the generator's."""
    from reader.ingest.pipeline import import_sources

    writes = _time_store_writes()
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    summary = import_sources([Path(site)], Path(store), workers=workers)
    wall = time.perf_counter() - started
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    main_cpu = _cpu_seconds(self_after) - _cpu_seconds(self_before)
    writes_cpu = writes[0]
    workers_cpu = _cpu_seconds(children_after) - _cpu_seconds(children_before)
    started = time.perf_counter()
    again = import_sources([Path(site)], Path(store), workers=workers)
    rewall = time.perf_counter() - started
    reimport_cpu = (
        _cpu_seconds(resource.getrusage(resource.RUSAGE_SELF))
        + _cpu_seconds(resource.getrusage(resource.RUSAGE_CHILDREN))
        - _cpu_seconds(self_after)
        - _cpu_seconds(children_after)
    )
    results.put(
        {
            "wall": wall,
            "cpu": main_cpu + workers_cpu,
            "main_cpu": main_cpu,
            "writes_cpu": writes_cpu,
            "workers_cpu": workers_cpu,
            "main_rss_mb": _rss_mb(self_after.ru_maxrss),
            "worker_rss_mb": _rss_mb(children_after.ru_maxrss),
            "summary": summary.to_json(),
            "reimport_wall": rewall,
            "reimport_cpu": reimport_cpu,
            "reimport": again.to_json(),
        }
    )


def _time_store_writes() -> list[float]:
    """Count the CPU the importing thread spends in the store writer's calls (SQLite's inserts, the FTS5
    index, the commits) into the one-item list returned: the part of the import no worker can share."""
    from reader.store.writer import StoreWriter

    spent = [0.0]

    def timed(method: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[0] += time.thread_time() - started

        return call

    for name in ("put_prepared", "commit", "finish"):
        setattr(StoreWriter, name, timed(getattr(StoreWriter, name)))
    return spent


def _busy_cpu_seconds() -> float | None:
    """CPU seconds every program on this machine has used since boot (Linux), to see competition."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(f) for f in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _run_import(site: Path, store: Path, workers: int | None) -> dict[str, Any]:
    """Import `site` into a fresh `store` (and again, unchanged) in a process of its own."""
    for old in store.parent.glob(store.name + "*"):
        old.unlink()
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_measure_import, args=(str(site), str(store), workers, results))
    busy_before = _busy_cpu_seconds()
    process.start()
    measured: dict[str, Any] = results.get()
    process.join()
    busy_after = _busy_cpu_seconds()
    if busy_before is not None and busy_after is not None:
        # Includes the re-import and the child's start-up: an upper bound on the competition.
        own = measured["cpu"] + measured["reimport_cpu"]
        measured["others_cpu"] = max(0.0, busy_after - busy_before - own)
    return measured


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def measure(site: Path, store: Path, workers: int | None) -> tuple[list[Row], dict[str, Any]]:
    pages = [page for group in find_pages([site]) for page in group.pages]
    for page in pages:  # warm the page cache, so that both runs measure parsing and not the disk
        page.read_bytes()
    parse, parse_cpu = bare_parse(pages)
    full, cut_short = full_parse(pages)
    measured = _run_import(site, store, workers)
    wall = measured["wall"]
    cores = workers or os.cpu_count() or 1
    # What the wall-clock ratio would be on idle cores: the import's CPU spread over its cores, against
    # the parse's CPU. Other programs competing for the cores inflate the wall time, not this figure.
    cpu_ratio = measured["cpu"] / cores / parse_cpu
    summary, again = measured["summary"], measured["reimport"]
    ratio = wall / parse
    store_size = _store_size(store)
    site_size = _folder_size(site)
    rows = [
        Row("bare lxml parse, 1 process", f"{parse:.2f} s", result=f"{len(pages) / parse:.0f} pages/s"),
        Row(
            f"import, {cores} worker{'s' if cores > 1 else ''}",
            f"{wall:.2f} s",
            f"{parse:.2f} s",
            f"{ratio:.2f}x",
            f"<= {MAX_RATIO:g}x",
            _verdict(ratio <= MAX_RATIO),
        ),
        Row(
            "  reference: pages decoded, then parsed",
            f"{full:.2f} s",
            f"{parse:.2f} s",
            f"import {wall / full:.2f}x",
            result=f"the bare parse cut {cut_short} of {len(pages)} pages short",
        ),
        Row(
            "import CPU s / cores",
            f"{measured['cpu'] / cores:.2f} s",
            f"{parse_cpu:.2f} CPU s",
            f"{cpu_ratio:.2f}x",
            f"<= {MAX_RATIO:g}x",
            _verdict(cpu_ratio <= MAX_RATIO),
        ),
        Row(
            "import pages/s",
            f"{len(pages) / wall:.0f}",
            f"{len(pages) / parse:.0f}",
            f"{parse / wall:.2f}x",
        ),
        Row(
            "CPU utilisation",
            f"{measured['cpu'] / wall / cores:.0%}",
            f"{cores} cores",
            f"{measured['cpu']:.1f} CPU s",
        ),
        Row("  main process CPU", f"{measured['main_cpu']:.1f} s", result="writes the store"),
        Row(
            "    of which the store's writes",
            f"{measured['writes_cpu']:.1f} s",
            result="SQLite's inserts, FTS5 index, commits: one thread",
        ),
        Row("  workers CPU", f"{measured['workers_cpu']:.1f} s", result="extract the articles"),
        *_memory_rows(measured),
        Row("store size", _mb(store_size), f"site {_mb(site_size)}", f"{store_size / site_size:.2f}x"),
        Row(
            "re-import, all unchanged",
            f"{measured['reimport_wall']:.2f} s",
            f"import {wall:.2f} s",
            f"{measured['reimport_wall'] / wall:.2f}x",
        ),
    ]
    details = {
        "pages": len(pages),
        "bare_parse_seconds": parse,
        "bare_parse_cpu_seconds": parse_cpu,
        "full_parse_seconds": full,
        "pages_cut_short_by_bare_parse": cut_short,
        "cores": cores,
        **_figures(measured),
        "store_bytes": store_size,
        "site_bytes": site_size,
        "import": summary,
        "reimport": again,
    }
    return rows, details


def _memory_rows(measured: dict[str, Any], indent: str = "") -> list[Row]:
    """Both processes' peak memory, each against the target."""
    return [
        Row(
            f"{indent}peak RSS, {who}",
            f"{measured[key]:.0f} MB",
            target=f"< {MAX_RSS_MB:g} MB",
            result=_verdict(measured[key] < MAX_RSS_MB),
        )
        for who, key in (("main process", "main_rss_mb"), ("largest worker", "worker_rss_mb"))
    ]


def _figures(measured: dict[str, Any]) -> dict[str, Any]:
    """A measured import's figures, without its summaries."""
    return {k: v for k, v in measured.items() if k not in ("summary", "reimport")}


def photo_rows(site: Path, store: Path, workers: int | None, details: dict[str, Any]) -> list[Row]:
    """Peak memory importing the photo-heavy site: what the 300 MB target must hold on any site."""
    measured = _run_import(site, store, workers)
    details["photos"] = _figures(measured)
    photos = sum(f.stat().st_size for f in site.rglob("*.png"))
    label = f"photo site: {measured['summary']['added']} articles, {_mb(photos)} of photos"
    return [
        Row(label, f"{measured['wall']:.2f} s"),
        *_memory_rows(measured, indent="  "),
    ]


def print_table(rows: list[Row]) -> None:
    headers = Row("figure", "value", "baseline", "ratio", "target", "")
    widths = [max(len(getattr(r, f)) for r in [headers, *rows]) for f in Row.__dataclass_fields__]
    for row in [headers, *rows]:
        cells = [getattr(row, f).ljust(w) for f, w in zip(Row.__dataclass_fields__, widths, strict=True)]
        print("  ".join(cells).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.import_speed", description=__doc__)
    parser.add_argument("--articles", type=int, default=10000, help="articles in the generated site")
    parser.add_argument("--quick", action="store_true", help=f"a smoke run: {QUICK_ARTICLES} articles")
    parser.add_argument("--site", type=Path, help="the saved site to import (generated there if empty)")
    parser.add_argument("--workdir", type=Path, help="keep the site and the store here (default: temporary)")
    parser.add_argument("--workers", type=int, help="worker processes for the import (default: every core)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    articles = QUICK_ARTICLES if args.quick else args.articles

    temporary = None
    if args.workdir is None:
        temporary = tempfile.mkdtemp(prefix="reader-bench-")
        workdir = Path(temporary)
    else:
        workdir = args.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    try:
        site = args.site or workdir / f"site-{articles}"
        _ensure_site(site, articles)
        store = workdir / "import-bench.sqlite"
        rows, details = measure(site, store, args.workers)
        photo_site = workdir / f"photos-{QUICK_PHOTO_ARTICLES if args.quick else PHOTO_ARTICLES}"
        _ensure_photo_site(photo_site, QUICK_PHOTO_ARTICLES if args.quick else PHOTO_ARTICLES)
        rows += photo_rows(photo_site, workdir / "import-bench-photos.sqlite", args.workers, details)
        summary, again = details["import"], details["reimport"]
        print(
            f"{details['pages']} pages: {summary['added']} articles added, "
            f"{sum(summary['skipped'].values())} skipped, {len(summary['failed'])} failed; "
            f"re-import: {again['unchanged']} unchanged, {again['added'] + again['updated']} changed"
        )
        print_table(rows)
        others = details.get("others_cpu")
        if others is not None and others > 0.1 * details["wall"] * details["cores"]:
            print(
                f"note: other programs used {others:.1f} CPU s while the import ran, so its wall times "
                "are high; the CPU figures are not affected"
            )
        if args.json:
            args.json.write_text(json.dumps(details, ensure_ascii=False, indent=2), encoding="utf-8")
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    healthy = not summary["failed"] and again["added"] + again["updated"] == 0
    return 0 if healthy and all(r.result != "MISS" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
