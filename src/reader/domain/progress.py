"""Progress and cancellation for long work (imports, store updates), shared by the terminal and the window."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """How far a job is: `done` of `total` units (total 0 while still counting), and what it is doing."""

    done: int
    total: int
    message: str = ""

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


class Cancelled(Exception):  # noqa: N818 -- names the state, like asyncio.CancelledError's users expect
    """Raised inside a job when its token was cancelled; the job leaves only whole units behind."""


class CancelToken:
    """Checked by a job between units of work; thread-safe."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled


@dataclass(frozen=True)
class Reporter:
    """What a long job is handed to say how far it is and to notice that it should stop: an optional
    progress callback and an optional cancel token, passed down as one value. The default does nothing."""

    progress: Callable[[Progress], None] | None = None
    cancel: CancelToken | None = None

    def check(self) -> None:
        """Raise Cancelled if the job was cancelled."""
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()

    def step(self, done: int, total: int, message: str = "") -> None:
        """Report `done` of `total`; raise Cancelled first if the job was cancelled."""
        self.check()
        if self.progress is not None:
            self.progress(Progress(done, total, message))
