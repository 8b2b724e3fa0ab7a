"""The terminal progress bars of the command line (tqdm: well kept, handles every terminal quirk)."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

from reader.domain.progress import Progress
from reader.store.search_index import REBUILD_MESSAGE

if TYPE_CHECKING:
    from tqdm import tqdm


class TerminalProgress:
    """Draws Progress values on stderr; silent when disabled (pipes, --quiet, tests).

    Two kinds of work report here: updating a store made by an older version (its search index rebuilt,
    counted in articles), and importing (counted in pages). Each gets a bar of its own.
    """

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._bar: tqdm[Any] | None = None
        self._updating: bool | None = None

    def update(self, value: Progress) -> None:
        if not self._enabled:
            return
        updating = value.message == REBUILD_MESSAGE
        if self._bar is not None and updating != self._updating:
            self._bar.close()
            self._bar = None
        if self._bar is None:
            # Imported here: every reading command opens its store through a bar that is rarely drawn,
            # and importing tqdm costs some 60 ms.
            from tqdm import tqdm

            self._updating = updating
            desc, unit = ("Updating the store", "article") if updating else ("Importing", "page")
            self._bar = tqdm(total=value.total, unit=unit, desc=desc, leave=True, smoothing=0.1)
        bar = self._bar
        bar.update(value.done - bar.n)

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.close()
