"""Read single-file MHTML pages (.mht/.mhtml, saved by Chrome, Edge and old IE): the page and its parts."""

from __future__ import annotations

import email.parser
import email.policy
from dataclasses import dataclass, field
from email.message import Message

MAX_PARTS = 5000


@dataclass
class MhtmlPage:
    html: bytes
    charset: str | None  # from the part's Content-Type, which outranks the page's own <meta>
    location: str | None  # the original address (Snapshot-Content-Location or the part's location)
    resources: dict[str, bytes] = field(default_factory=dict)  # by Content-Location and cid:


class MhtmlError(Exception):
    """Not an MHTML file, or one without an HTML part."""


def looks_like_mhtml(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"multipart/related" in head and b"mime-version" in head


def read_mhtml(data: bytes) -> MhtmlPage:
    """The HTML part (the first text/html one) and every other part by address. Never fetches anything."""
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data)
    if not message.is_multipart():
        raise MhtmlError("not a multipart MHTML file")
    snapshot = message.get("Snapshot-Content-Location")
    html: bytes | None = None
    charset: str | None = None
    location: str | None = None
    resources: dict[str, bytes] = {}
    for count, part in enumerate(_leaves(message)):
        if count > MAX_PARTS:
            break
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        content_type = part.get_content_type()
        where = part.get("Content-Location")
        if content_type == "text/html" and html is None:
            html = payload
            charset = part.get_content_charset()
            location = str(where) if where else None
            continue
        if where:
            resources[str(where).strip()] = payload
        content_id = part.get("Content-ID")
        if content_id:
            resources["cid:" + str(content_id).strip().strip("<>")] = payload
    if html is None:
        raise MhtmlError("no HTML part in this MHTML file")
    return MhtmlPage(html, charset, str(snapshot) if snapshot else location, resources)


def _leaves(message: Message) -> list[Message]:
    out: list[Message] = []
    stack = [message]
    while stack:
        node = stack.pop(0)
        if node.is_multipart():
            payload = node.get_payload()
            if isinstance(payload, list):
                stack.extend(p for p in payload if isinstance(p, Message))
        else:
            out.append(node)
    return out
