"""The article and its body blocks: the value types that flow from ingest through the store to the window."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

JsonDict = dict[str, Any]

# Each dataclass has a docstring: for one without, @dataclass writes one from inspect.signature(), which
# costs every start of the window 0.2 ms a class.


@dataclass(frozen=True)
class ImageRef:
    """An image as the store knows it: its content hash, plus where it came from."""

    sha256: str
    width: int | None
    height: int | None
    mime: str
    file: str  # path relative to the import source, `/`-separated

    def to_json(self) -> JsonDict:
        return {"file": self.file, "sha256": self.sha256, "width": self.width, "height": self.height}

    @classmethod
    def from_json(cls, data: JsonDict) -> ImageRef:
        return cls(
            sha256=str(data["sha256"]),
            width=data.get("width"),
            height=data.get("height"),
            mime=str(data.get("mime") or ""),
            file=str(data.get("file") or ""),
        )


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text, indentation removed and white space collapsed."""

    text: str
    type: str = field(default="paragraph", init=False)


@dataclass(frozen=True)
class Heading:
    """A heading inside the body; `level` 2 is the highest (the title is level 1)."""

    text: str
    level: int = 2
    type: str = field(default="heading", init=False)


@dataclass(frozen=True)
class Quote:
    """A quoted passage (blockquote)."""

    text: str
    type: str = field(default="quote", init=False)


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list, one string per item."""

    items: tuple[str, ...]
    ordered: bool = False
    type: str = field(default="list", init=False)


@dataclass(frozen=True)
class Table:
    """A table of text cells, row by row."""

    rows: tuple[tuple[str, ...], ...]
    type: str = field(default="table", init=False)


@dataclass(frozen=True)
class Figure:
    """An image with its caption and credit; `image` is None when the file was not saved."""

    image: ImageRef | None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None
    src: str | None = None  # the reference as written in the page, kept for missing images
    type: str = field(default="figure", init=False)


Block = Union[Paragraph, Heading, Quote, ListBlock, Table, Figure]  # noqa: UP007 -- a runtime alias on 3.10


def block_to_json(block: Block) -> JsonDict:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text}
    if isinstance(block, Heading):
        return {"type": "heading", "text": block.text, "level": block.level}
    if isinstance(block, Quote):
        return {"type": "quote", "text": block.text}
    if isinstance(block, ListBlock):
        return {"type": "list", "items": list(block.items), "ordered": block.ordered}
    if isinstance(block, Table):
        return {"type": "table", "rows": [list(r) for r in block.rows]}
    image = None
    if block.image is not None:
        image = block.image.to_json() | {"mime": block.image.mime}
    return {
        "type": "figure",
        "image": image,
        "alt": block.alt,
        "caption": block.caption,
        "credit": block.credit,
        "src": block.src,
    }


def block_from_json(data: JsonDict) -> Block:
    """Rebuild a block; unknown or malformed blocks become paragraphs of their text, never an error."""
    kind = data.get("type")
    if kind == "heading":
        return Heading(str(data.get("text", "")), int(data.get("level") or 2))
    if kind == "quote":
        return Quote(str(data.get("text", "")))
    if kind == "list":
        return ListBlock(tuple(str(i) for i in data.get("items") or ()), bool(data.get("ordered")))
    if kind == "table":
        return Table(tuple(tuple(str(c) for c in row) for row in data.get("rows") or ()))
    if kind == "figure":
        raw = data.get("image")
        image = ImageRef.from_json(raw) if isinstance(raw, dict) and raw.get("sha256") else None
        return Figure(
            image=image,
            alt=_opt_str(data.get("alt")),
            caption=_opt_str(data.get("caption")),
            credit=_opt_str(data.get("credit")),
            src=_opt_str(data.get("src")),
        )
    return Paragraph(str(data.get("text", "")))


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class IssueLabel:
    """A magazine issue as printed ("2016年第1期"): year and number within the year, and the running total."""

    label: str
    year: int | None
    number: int | None
    total: int | None = None

    def to_json(self) -> JsonDict:
        return {"label": self.label, "year": self.year, "number": self.number}


@dataclass(frozen=True)
class Link:
    """A link to another article (上一篇/下一篇, 本类推荐); `saved`: the target is in the store."""

    uid: str | None
    title: str
    href: str
    saved: bool = False

    def to_json(self) -> JsonDict:
        return {"uid": self.uid, "title": self.title, "href": self.href, "saved": self.saved}

    @classmethod
    def from_json(cls, data: JsonDict) -> Link:
        uid = data.get("uid")
        return cls(
            uid=None if uid is None else str(uid),
            title=str(data.get("title") or ""),
            href=str(data.get("href") or ""),
            saved=bool(data.get("saved")),
        )


@dataclass(frozen=True)
class Article:
    """One article as the reader sees it: its fields, its body blocks and its links, joined across pages."""

    uid: str
    title: str
    file: str
    url: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    date: str | None = None  # YYYY-MM-DD
    summary: str | None = None
    category: tuple[str, ...] = ()
    issue: IssueLabel | None = None
    blocks: tuple[Block, ...] = ()
    prev: Link | None = None
    next: Link | None = None
    related: tuple[Link, ...] = ()
    pages: int = 1

    @property
    def chars(self) -> int:
        """Characters of reading text (title excluded), white space not counted."""
        return sum(len("".join(text.split())) for text in self.texts())

    def texts(self, *, captions: bool = True) -> list[str]:
        """Every piece of reading text in the body, in order: paragraphs, captions and credits (unless
        `captions` is False), list items, cells."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, (Paragraph, Heading, Quote)):
                out.append(block.text)
            elif isinstance(block, ListBlock):
                out.extend(block.items)
            elif isinstance(block, Table):
                out.extend(cell for row in block.rows for cell in row)
            elif isinstance(block, Figure) and captions:
                out.extend(t for t in (block.caption, block.credit) if t)
        return out

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]

    def to_json(self) -> JsonDict:
        return {
            "uid": self.uid,
            "url": self.url,
            "file": self.file,
            "title": self.title,
            "subtitle": self.subtitle,
            "authors": list(self.authors),
            "source": self.source,
            "date": self.date,
            "summary": self.summary,
            "category": list(self.category),
            "issue": self.issue.to_json() if self.issue else None,
            "blocks": [block_to_json(b) for b in self.blocks],
            "prev": self.prev.to_json() if self.prev else None,
            "next": self.next.to_json() if self.next else None,
            "related": [r.to_json() for r in self.related],
            "pages": self.pages,
            "chars": self.chars,
        }


def reading_minutes(chars: int, per_minute: int = 400) -> int:
    """Reading time counted the CJK way: characters, not words; at least one minute."""
    return max(1, round(chars / per_minute))
