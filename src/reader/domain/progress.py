"""Progress and cancellation for long work (imports), shared by the terminal and the window."""

from __future__ import annotations

import threading
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
