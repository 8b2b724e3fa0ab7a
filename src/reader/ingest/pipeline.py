"""The import pipeline: find saved pages, extract them on every core, write whole articles to the store."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.domain.progress import Cancelled, CancelToken, Progress, Reporter
from reader.ingest.extract import Extraction, extract_article
from reader.ingest.site import PAGE_SUFFIXES, SiteContext
from reader.store.errors import StoreError
from reader.store.writer import PutResult, StoreWriter, prepare_article

log = logging.getLogger("reader.ingest")

_NEXT_PAGE = re.compile(r"^(?P<stem>.+)_(?P<page>\d{1,3})$")
# A commit every 2,000 articles or 2 seconds, whichever comes first: each commit writes a new segment of
# every FTS5 table for the next ones to merge, so batches of 500 cost the writer about 8% more CPU, and
# the seconds still bound what an interrupted import loses.
_COMMIT_EVERY = 2000
_COMMIT_SECONDS = 2.0
# Articles a worker is sent at once (and sends back at once). Every exchange wakes the pool's threads in
# this process, and while the workers and the writer compete for the cores each costs about a millisecond
# of CPU here: chunks of 64 took 0.7 CPU-s less than chunks of 16 for 10,000 articles on 2 cores, and with
# the window below 32 measured as fast as 64. A chunk's results, images included, travel as one message.
_CHUNK_MAX = 32
# At most this many articles are out at once: sent to a worker, being extracted, or extracted and waiting
# for the writer. Without a bound, workers on many cores outrun the one writer and their results pile up
# in this process (tens of KB each, megabytes with photos). While results are large, the window narrows
# (to one chunk at least) to keep about _IN_FLIGHT_BYTES of them out; it opens narrow and widens.
_IN_FLIGHT_ARTICLES = 256
_IN_FLIGHT_BYTES = 32 * 1024 * 1024
# One article's pages, its import source, and the content hash its last import stored (None: new).
Task = tuple[tuple[str, ...], str, str | None]
_PARALLEL_FROM = 24  # fewer pages than this are parsed in-process: a pool costs more than it saves
# At most this long to let the workers finish what they hold once an import stops early (cancel, an
# error while writing): the window keeps that to a few chunks, well under a second.
_QUIESCE_SECONDS = 10.0
# How often the importer looks at its workers while it waits for results: a dead one is noticed then.
_WATCH_SECONDS = 1.0


class ImportSourceError(Exception):
    """Nothing could be imported (no pages, unreadable source, not a store): one line for the user."""


@dataclass(frozen=True)
class PageGroup:
    """The files of one article: its first page, then `_2`, `_3` ... in order."""

    pages: tuple[Path, ...]
    source: Path


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    images_stored: int = 0
    images_missing: int = 0
    seconds: float = 0.0
    store: str = ""

    @property
    def articles_total(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def failures(self) -> int:
        return len(self.failed)

    def to_json(self) -> dict[str, Any]:
        return {
            "store": self.store,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": dict(self.skipped),
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
            "warnings": [{"file": f, "message": m} for f, m in self.warnings],
            "images_stored": self.images_stored,
            "images_missing": self.images_missing,
            "seconds": round(self.seconds, 3),
        }

    def describe(self) -> str:
        skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items())) or "none"
        lines = [
            f"Articles: {self.added} added, {self.updated} updated, {self.unchanged} unchanged "
            f"({self.seconds:.1f} s) -> {self.store}",
            f"Pages skipped as non-articles: {sum(self.skipped.values())} ({skipped})",
            f"Pages failed: {len(self.failed)}",
            *(f"  {file}: {reason}" for file, reason in self.failed[:50]),
            f"Images: {self.images_stored} stored, {self.images_missing} missing",
            f"Warnings: {len(self.warnings)}",
            *(f"  {file}: {message}" for file, message in self.warnings[:20]),
        ]
        if len(self.failed) > 50:
            lines.insert(3 + 50, f"  ... and {len(self.failed) - 50} more")
        return "\n".join(lines)


def find_pages(sources: Iterable[Path]) -> list[PageGroup]:
    """Every saved page under the sources, grouped into articles (123.html with 123_2.html ...)."""
    groups: list[PageGroup] = []
    for given in sources:
        source = Path(given)
        if source.is_file():
            groups.extend(_group([os.fspath(source)], source.parent))
        elif source.is_dir():
            groups.extend(_group(_page_files(os.fspath(source)), source))
        else:
            raise ImportSourceError(f"{source}: no such file or folder")
    return groups


def _page_files(top: str) -> list[str]:
    """The page files under `top` as os.walk would list them (each folder's files, then its folders, by
    name), with strings and one scandir per folder: a mirror has a folder for nearly every article, and
    walking it with pathlib cost half as much as parsing every page."""
    real_top = os.path.realpath(top).rstrip(os.sep) + os.sep
    files: list[str] = []
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        names = {entry.name.lower() for entry in entries}  # Windows and macOS ignore case
        folders: list[str] = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                # Hidden folders, and a browser's "<page>_files" (the page's parts): not pages. Folders
                # reached through a link are not walked (os.walk's default).
                if not name.startswith(".") and not entry.is_symlink() and not _is_parts_folder(name, names):
                    folders.append(entry.path)
            elif name.lower().endswith(PAGE_SUFFIXES) and _inside(entry, real_top):
                files.append(entry.path)
        pending.extend(reversed(folders))
    return files


def _inside(entry: os.DirEntry[str], real_top: str) -> bool:
    """False for a symbolic link that leads out of the source: nothing outside it is ever read."""
    if not entry.is_symlink():
        return True
    real = os.path.realpath(entry.path)
    if real.startswith(real_top):
        return True
    log.warning("skipping %s: a link to %s, outside %s", entry.path, real, real_top.rstrip(os.sep))
    return False


def _is_parts_folder(name: str, siblings: set[str]) -> bool:
    """Whether folder `name` holds the parts of a page saved beside it; `siblings` are lower-cased."""
    lowered = name.lower()
    for marker in ("_files", ".files"):
        if lowered.endswith(marker):
            stem = lowered[: -len(marker)]
            return any(stem + suffix in siblings for suffix in (".html", ".htm", ".shtml"))
    return False


def _group(files: list[str], source: Path) -> list[PageGroup]:
    present = set(files)
    followers: dict[str, list[tuple[int, str]]] = {}
    firsts: list[str] = []
    for f in files:
        folder, name = os.path.split(f)
        stem, suffix = os.path.splitext(name)
        match = _NEXT_PAGE.match(stem)
        if match:
            head = os.path.join(folder, match.group("stem") + suffix)
            if head in present:
                followers.setdefault(head, []).append((int(match.group("page")), f))
                continue
        firsts.append(f)
    return [PageGroup((Path(f), *(Path(p) for _, p in sorted(followers.get(f, [])))), source) for f in firsts]


def _hash_pages(pages: tuple[Path, ...]) -> str | None:
    digest = hashlib.sha256()
    try:
        for page in pages:
            digest.update(page.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _work(task: Task) -> Extraction:
    """Run in a worker process: extract one article unless its pages are unchanged since the last import."""
    names, source, known_hash = task
    pages = [Path(n) for n in names]
    ctx = SiteContext.for_page(pages[0], Path(source))
    if known_hash is not None and _hash_pages(tuple(pages)) == known_hash:
        return Extraction(ctx.relative(pages[0]), "unchanged", content_hash=known_hash)
    try:
        result = extract_article(pages, ctx)
        if result.article is not None:
            # The writer needs the row, not the tree of blocks: sending only the row keeps the writer's
            # share of the work (it runs in one process) small.
            result.prepared = prepare_article(result.article)
            result.article = None
        return result
    except Exception as exc:  # a bug must cost one page, not the import; the reason names it
        log.exception("extracting %s", pages[0])
        return Extraction(ctx.relative(pages[0]), "failed", reason=f"internal error: {exc!r}")


class _Window:
    """Backpressure between the pool's task feeder (a thread of the pool) and the writer: the feeder takes
    a permit for each article it sends out, and the writer gives it back once the article is stored."""

    def __init__(self, size: int, floor: int, budget_bytes: int) -> None:
        self.size, self.floor, self.budget = size, floor, budget_bytes
        # It opens at two floors and widens with each small result: the first results tell how large
        # they are before many are out.
        start = min(size, 2 * floor)
        self._free = threading.Semaphore(start)
        self._held = size - start  # permits kept back while results are large (or not yet seen)
        self._average = 0.0  # a result's size, a running mean
        self._closed = threading.Event()

    @property
    def open_permits(self) -> int:
        """How many articles may be out at once now."""
        return self.size - self._held

    def take(self) -> bool:
        """Wait until another article may go out; False once the window is closed."""
        while not self._free.acquire(timeout=0.05):
            if self._closed.is_set():
                return False
        return not self._closed.is_set()

    def give_back(self, result_bytes: int) -> None:
        """An article is stored: free its permit, or keep it back if results are too large for the window."""
        self._average = result_bytes if self._average == 0 else 0.9 * self._average + 0.1 * result_bytes
        target = max(self.floor, min(self.size, int(self.budget / max(self._average, 1.0))))
        if self.open_permits > target:
            self._held += 1
            return
        self._free.release()
        if self.open_permits < target and self._held:
            self._held -= 1
            self._free.release()

    def close(self) -> None:
        self._closed.set()
        self._free.release(self.size + 1)  # wakes a feeder waiting in take(), which then sees the close


class _Fed:
    """The tasks as the pool's feeder takes them, each once the window lets it out, in chunks of `size`.

    `count` is how many went out; `finished` is set once the feeder has stopped taking them (all sent,
    or the window closed), so that `count` no longer moves.
    """

    def __init__(self, tasks: Iterable[Task], window: _Window, size: int = 1) -> None:
        self.tasks, self.window, self.size = tasks, window, size
        self.count = 0
        self.started = False
        self.finished = threading.Event()

    def __iter__(self) -> Iterator[list[Task]]:
        self.started = True
        try:
            chunk: list[Task] = []
            for task in self.tasks:
                if not self.window.take():
                    break
                chunk.append(task)
                self.count += 1
                if len(chunk) == self.size:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk  # a partial one: every task counted goes out
        finally:
            self.finished.set()


def _work_chunk(chunk: list[Task]) -> list[Extraction]:
    """Run in a worker process: a chunk of articles, sent back as one message."""
    return [_work(task) for task in chunk]


def _result_bytes(result: Extraction) -> int:
    """Roughly what a result holds in memory: its images, and its text twice (row and search columns)."""
    text = 0 if result.prepared is None else 2 * len(result.prepared.blocks)
    return text + sum(len(image.data) for image in result.images)


def _results(tasks: list[Task], workers: int) -> Generator[Extraction, None, None]:
    if workers <= 1 or len(tasks) < _PARALLEL_FROM:
        yield from map(_work, tasks)
        return
    chunk = max(1, min(_CHUNK_MAX, len(tasks) // (workers * 8), _IN_FLIGHT_ARTICLES // (4 * workers)))
    window = _Window(_IN_FLIGHT_ARTICLES, chunk, _IN_FLIGHT_BYTES)
    # spawn, not fork: the window runs imports from a thread, and forking a threaded Qt process is unsafe.
    context = multiprocessing.get_context("spawn")
    fed = _Fed(tasks, window, chunk)
    received = 0
    with context.Pool(workers, initializer=_leave_interrupts_to_the_importer) as pool:
        # Chunks made here, one task of the pool each: the pool's own chunking would hide its iterator,
        # whose next(timeout) is what lets this loop notice a dead worker and _quiesce bound its wait.
        chunks = pool.imap_unordered(_work_chunk, fed)
        watch = _WorkerWatch(pool)
        try:
            while True:
                try:
                    results = chunks.next(timeout=_WATCH_SECONDS)
                except StopIteration:
                    break
                except multiprocessing.TimeoutError:
                    watch.check()  # raises if a worker died: its chunk would never come back
                    continue
                received += len(results)
                watch.note()
                for result in results:
                    yield result  # back here once the writer has stored it
                    window.give_back(_result_bytes(result))
        finally:
            window.close()  # the feeder sends nothing more
            if watch.died:
                _abandon(pool)  # its own terminate() could wait forever for the dead worker's lock
            else:
                _quiesce(chunks, fed, received)
                pool.terminate()


class WorkerStoppedError(ImportSourceError):
    """A worker process stopped in the middle of an import (killed, out of memory, crashed)."""


class _WorkerWatch:
    """Notices a worker process of the pool that stopped while the import runs. CPython's Pool starts
    another in its place but loses the chunk the dead one held, so the import would wait for it forever."""

    def __init__(self, pool: Any) -> None:
        self._pool = pool
        self._seen: set[Any] = set()
        self.died = False
        self.note()

    def note(self) -> None:
        """Remember the pool's processes (CPython's Pool._pool; without it, nothing is watched). Called
        often: the pool drops a dead worker from its list within a tenth of a second."""
        self._seen.update(getattr(self._pool, "_pool", ()))

    def check(self) -> None:
        self.note()
        for process in self._seen:
            code = process.exitcode
            if code is not None:
                self.died = True
                how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
                raise WorkerStoppedError(
                    f"an import worker process stopped ({how}), perhaps out of memory; the articles "
                    "stored before it are kept, and importing again continues from there"
                )


def _abandon(pool: Any) -> None:
    """Stop a pool one of whose workers died, without Pool.terminate(): a worker killed while it waited
    for work holds the task queue's read lock for good, and terminate() waits for that lock first. So the
    workers are killed here, the pool is told to stop starting new ones, its own terminate() is cancelled,
    and its helper threads (daemons) are released where they can be. CPython's Pool internals, each
    looked up with care: what is missing is skipped."""
    from multiprocessing import pool as pool_module

    stop = getattr(pool_module, "TERMINATE", "TERMINATE")
    for name in ("_worker_handler", "_task_handler", "_result_handler"):
        handler = getattr(pool, name, None)
        if handler is not None:
            handler._state = stop
    with contextlib.suppress(Exception):
        pool._change_notifier.put(None)  # the worker handler wakes, sees the stop, and ends
    with contextlib.suppress(Exception):
        pool._outqueue._writer.send(None)  # the result handler's sentinel, past a lock the dead may hold
    for process in list(getattr(pool, "_pool", ())):
        with contextlib.suppress(Exception):
            process.kill()
    for process in list(getattr(pool, "_pool", ())):
        with contextlib.suppress(Exception):
            process.join(timeout=5)
    with contextlib.suppress(Exception):
        pool._terminate.cancel()  # Pool.__exit__ and the exit handlers would call terminate() again
    with contextlib.suppress(Exception):
        pool._state = stop  # no "unclosed running pool" warning when it is collected


def _leave_interrupts_to_the_importer() -> None:
    """In each worker: Ctrl+C, which the terminal sends to every process of the import, is for the
    importing process alone. It stops the workers itself once they have handed back what they hold
    (_quiesce); a worker interrupted while sending a result would leave the pool unable to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _quiesce(chunks: Any, fed: _Fed, received: int) -> None:
    """Take (and drop) the results still on their way, so that no worker is writing one when terminate()
    kills the workers. CPython's Pool cannot survive that: a worker killed while it writes a result holds
    the result queue's lock for good, and terminate() then waits forever for the pool's feeder, which
    writes to that queue as it ends. Bounded in time: a worker that died sends nothing."""
    deadline = time.monotonic() + _QUIESCE_SECONDS
    if fed.started:
        fed.finished.wait(_QUIESCE_SECONDS)  # the feeder sees the closed window at once
    while received < fed.count:
        try:
            received += len(chunks.next(timeout=max(0.0, deadline - time.monotonic())))
        except StopIteration:
            return
        except multiprocessing.TimeoutError:
            log.warning("import workers still busy after %.0f s; stopping them anyway", _QUIESCE_SECONDS)
            return
        except Exception:  # a chunk that failed in its worker: over, which is all we wait for
            continue


def import_sources(
    sources: list[Path],
    store: Path,
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import saved pages into `store`, creating it if needed. Raises ImportSourceError or Cancelled.

    Articles are committed in batches of whole articles, so an interrupted import (Ctrl+C, kill, cancel)
    leaves a store that opens and holds every article committed before the interruption.
    """
    started = time.monotonic()
    store = Path(store)
    groups = find_pages(sources)
    if not groups:
        raise ImportSourceError(
            f"no saved pages (.html, .htm, .shtml) found in {', '.join(map(str, sources))}"
        )
    existed = store.exists()
    try:
        # An older store is updated first (its search index rebuilt): reported as such, and cancellable.
        writer = StoreWriter(store, Reporter(progress=progress, cancel=cancel))
    except StoreError as exc:
        raise ImportSourceError(str(exc)) from None
    summary = ImportSummary(store=str(store))
    try:
        known = writer.known_hashes()
        tasks = [
            (
                tuple(str(p) for p in group.pages),
                str(group.source),
                # A first import knows no page: then no page's place in its site need be worked out here.
                known.get(SiteContext.for_page(group.pages[0], group.source).relative(group.pages[0]))
                if known
                else None,
            )
            for group in groups
        ]
        total = len(tasks)
        _report(progress, Progress(0, total, "starting"))
        site_names: Counter[str] = Counter()
        hosts: Counter[str] = Counter()
        last_commit = time.monotonic()
        pending = 0
        # Closed however the loop ends, so that the pool stops at once.
        with contextlib.closing(_results(tasks, workers or os.cpu_count() or 1)) as results:
            for done, result in enumerate(results, start=1):
                if cancel is not None and cancel.cancelled:
                    writer.commit()
                    raise Cancelled
                _record(writer, result, summary, site_names)
                if result.prepared is not None and "/" in result.prepared.uid:
                    hosts[result.prepared.uid.split("/", 1)[0]] += 1
                pending += 1
                if pending >= _COMMIT_EVERY or time.monotonic() - last_commit > _COMMIT_SECONDS:
                    writer.commit()
                    pending, last_commit = 0, time.monotonic()
                _report(progress, Progress(done, total, result.file))
        if summary.articles_total == 0 and not existed:
            raise ImportSourceError(_nothing_importable(summary, sources))
        if site_names and writer.get_meta("name") is None:
            writer.set_meta("name", site_names.most_common(1)[0][0])
        if hosts and writer.get_meta("site") is None:
            writer.set_meta("site", hosts.most_common(1)[0][0])
        writer.finish()
    except BaseException:
        writer.rollback()
        writer.close()
        if not existed and summary.articles_total == 0:
            _remove_store(store)
        raise
    writer.close()
    summary.seconds = time.monotonic() - started
    return summary


def _record(
    writer: StoreWriter, result: Extraction, summary: ImportSummary, site_names: Counter[str]
) -> None:
    for warning in result.warnings:
        summary.warnings.append((result.file, warning))
    if result.kind == "unchanged":
        summary.unchanged += 1
    elif result.kind == "failed":
        summary.failed.append((result.file, result.reason or "unknown reason"))
    elif result.kind == "about":
        summary.skipped["about page"] += 1
        if result.about:
            writer.set_meta("about", result.about)
    elif result.kind == "skipped":
        summary.skipped[result.reason or "not an article"] += 1
    elif result.prepared is not None:
        outcome = writer.put_prepared(result.prepared, result.images, result.content_hash, result.sort_key)
        if outcome is PutResult.ADDED:
            summary.added += 1
        elif outcome is PutResult.UPDATED:
            summary.updated += 1
        else:
            summary.unchanged += 1
        if outcome is not PutResult.UNCHANGED:
            summary.images_stored += len(result.images)
            summary.images_missing += result.missing_images
        if result.site_name:
            site_names[result.site_name] += 1


def _nothing_importable(summary: ImportSummary, sources: list[Path]) -> str:
    where = ", ".join(map(str, sources))
    if summary.failed:
        file, reason = summary.failed[0]
        return f"nothing importable in {where}: {len(summary.failed)} pages failed (first: {file}: {reason})"
    return f"nothing importable in {where}: no article pages among {sum(summary.skipped.values())} pages"


def _remove_store(store: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(store) + suffix).unlink()


def _report(progress: Callable[[Progress], None] | None, value: Progress) -> None:
    if progress is not None:
        progress(value)


def extract_pages(pages: list[Path], root: Path | None = None) -> Iterator[dict[str, Any]]:
    """`reader extract`: the JSON of each page's article (a page and its `_2` ... pages become one)."""
    groups: list[PageGroup] = []
    for page in pages:
        if not page.is_file():
            reason = "a folder, not a page (reader import takes folders)" if page.is_dir() else "no such file"
            yield {"file": str(page), "article": False, "reason": reason, "error": True}
            continue
        groups.extend(_group([os.fspath(page)], root or page.parent))
    for group in groups:
        first = group.pages[0]
        followers = sorted(
            (int(m.group("page")), p)
            for p in first.parent.glob(f"{first.stem}_*{first.suffix}")
            if (m := _NEXT_PAGE.match(p.stem)) and m.group("stem") == first.stem
        )
        if (
            _NEXT_PAGE.match(first.stem)
            and first.with_name(_NEXT_PAGE.sub(r"\g<stem>", first.stem) + first.suffix).exists()
        ):
            continue  # a second page given on its own: its article comes with the first page
        ctx = SiteContext.for_page(first, root)
        yield extract_article([first, *(p for _, p in followers)], ctx).to_json()
