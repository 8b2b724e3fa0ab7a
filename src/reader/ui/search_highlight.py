"""Where a library search's terms occur in a shown article, compared the way the search compares them."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from reader.store.search_text import normalise_with_offsets, parse_query


def term_cursors(document: QTextDocument, query: str) -> list[QTextCursor]:
    """A selection for every occurrence of the query's terms, in document order, none overlapping.

    Each block is normalised (simplified script, folded case and accents) with offsets back to its own
    characters, so a simplified query marks the traditional text it found.
    """
    terms = parse_query(query)
    cursors: list[QTextCursor] = []
    if not terms:
        return cursors
    block = document.begin()
    while block.isValid():
        text = block.text()
        if text:
            normal, offsets = normalise_with_offsets(text)
            spans = sorted(span for term in terms for span in term.spans(normal))
            end_of_last = -1
            for start, end in spans:
                if start < end_of_last:
                    continue
                end_of_last = end
                cursor = QTextCursor(document)
                cursor.setPosition(block.position() + offsets[start])
                cursor.setPosition(block.position() + offsets[end], QTextCursor.MoveMode.KeepAnchor)
                cursors.append(cursor)
        block = block.next()
    return cursors
