"""Run work off the GUI thread and get its result, error and progress back on the GUI thread.

The call site says what to run, what to do with the result and what to do on failure (the shape of
Anki's QueryOp). A job receives a CancelToken and a progress callback; progress is coalesced so a busy
worker does not flood the event loop; a result arriving after `cancel()` is dropped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from reader.domain.progress import Cancelled, CancelToken, Progress

log = logging.getLogger("reader.ui.tasks")

T = TypeVar("T")
ProgressCallback = Callable[[Progress], None]
Job = Callable[[CancelToken, ProgressCallback], T]

PROGRESS_INTERVAL = 0.05  # seconds between two progress reports reaching the GUI


class Pool(Protocol):
    def start(self, runnable: QRunnable) -> None: ...


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted by a worker are queued to its slots there."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)

    def __init__(self, task: Task[Any]) -> None:
        super().__init__()
        self._task = task
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)
        self.progressed.connect(self._on_progress)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._task._deliver(result)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self._task._fail(error)

    @Slot(object)
    def _on_progress(self, progress: object) -> None:
        assert isinstance(progress, Progress)
        self._task._progress(progress)


class Task(Generic[T]):
    """One job: cancel it to stop it at its next check and to drop any result it still delivers."""

    def __init__(
        self,
        job: Job[T],
        on_result: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        on_progress: ProgressCallback | None,
    ) -> None:
        self.token = CancelToken()
        self.done = False
        self._job = job
        self._on_result = on_result
        self._on_error = on_error
        self._on_progress = on_progress
        self._relay = _Relay(self)
        self._last_report = 0.0

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    # -- on the worker thread -----------------------------------------------------------------------

    def _run(self) -> None:
        try:
            result = self._job(self.token, self._report)
        except Cancelled:
            self._tell(self._relay.failed, Cancelled())
        except Exception as exc:
            log.debug("task failed", exc_info=True)
            self._tell(self._relay.failed, exc)
        else:
            self._tell(self._relay.finished, result)

    def _tell(self, signal: Any, value: object) -> None:
        # The application may be quitting: its objects, the relay among them, can be gone before a
        # cancelled job returns, and then nobody is left to tell.
        try:
            signal.emit(value)
        except RuntimeError:
            log.debug("task ended after its window was gone")

    def _report(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self._last_report >= PROGRESS_INTERVAL or (
            progress.total and progress.done >= progress.total
        ):
            self._last_report = now
            self._tell(self._relay.progressed, progress)

    # -- on the GUI thread --------------------------------------------------------------------------

    def _deliver(self, result: object) -> None:
        self.done = True
        if self.cancelled:  # superseded: the caller hears it ended, never sees the stale result
            self._on_error(Cancelled())
        else:
            self._on_result(result)  # type: ignore[arg-type]

    def _fail(self, error: BaseException) -> None:
        self.done = True
        if not self.cancelled or isinstance(error, Cancelled):
            self._on_error(error)

    def _progress(self, progress: Progress) -> None:
        if self._on_progress is not None and not self.cancelled:
            self._on_progress(progress)


class _Runnable(QRunnable):
    def __init__(self, task: Task[Any]) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


class TaskRunner:
    """Starts tasks on a pool (the global QThreadPool unless a test passes a synchronous one)."""

    def __init__(self, pool: Pool | None = None) -> None:
        self._pool: Pool = pool or QThreadPool.globalInstance()
        self._running: list[Task[Any]] = []

    def run(
        self,
        job: Job[T],
        on_result: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        on_progress: ProgressCallback | None = None,
    ) -> Task[T]:
        task = Task(job, on_result, on_error, on_progress)
        self._running = [t for t in self._running if not t.done]
        self._running.append(task)  # keeps the relay alive until the result is delivered
        self._pool.start(_Runnable(task))
        return task

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()


class SynchronousPool:
    """Runs a runnable at once on the calling thread: deterministic tests."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()
