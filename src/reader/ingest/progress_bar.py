"""The terminal progress bar of `reader import` (tqdm: well kept, handles every terminal quirk)."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from tqdm import tqdm

from reader.domain.progress import Progress


class TerminalProgress:
    """Draws Progress values on stderr; silent when disabled (pipes, --quiet, tests)."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._bar: tqdm[Any] | None = None

    def update(self, value: Progress) -> None:
        if not self._enabled:
            return
        if self._bar is None:
            self._bar = tqdm(total=value.total, unit="page", desc="Importing", leave=True, smoothing=0.1)
        bar = self._bar
        bar.update(value.done - bar.n)

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.close()
