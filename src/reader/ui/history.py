"""Back/forward history of the articles read in this window, each with the place the reader left it."""

from __future__ import annotations

from dataclasses import dataclass

MAX_ENTRIES = 200


@dataclass
class HistoryEntry:
    """An article visited, with the block the reader was at when they left it."""

    uid: str
    block: int = 0


class ReadingHistory:
    """A browser-style history: visiting after going back drops the forward entries."""

    def __init__(self) -> None:
        self._entries: list[HistoryEntry] = []
        self._at = -1

    def clear(self) -> None:
        self._entries = []
        self._at = -1

    @property
    def current(self) -> HistoryEntry | None:
        return self._entries[self._at] if self._at >= 0 else None

    def visit(self, uid: str, block: int = 0) -> None:
        if self.current is not None and self.current.uid == uid:
            self.current.block = block
            return
        del self._entries[self._at + 1 :]
        self._entries.append(HistoryEntry(uid, block))
        if len(self._entries) > MAX_ENTRIES:
            del self._entries[0]
        self._at = len(self._entries) - 1

    def remember_block(self, block: int) -> None:
        if self.current is not None:
            self.current.block = block

    def can_go_back(self) -> bool:
        return self._at > 0

    def can_go_forward(self) -> bool:
        return self._at + 1 < len(self._entries)

    def back(self) -> HistoryEntry | None:
        if not self.can_go_back():
            return None
        self._at -= 1
        return self.current

    def forward(self) -> HistoryEntry | None:
        if not self.can_go_forward():
            return None
        self._at += 1
        return self.current
