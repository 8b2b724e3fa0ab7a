"""Where a saved page sits in its mirror: the site's host folder, the page's uid, and safe local paths."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

_HOST = re.compile(
    r"^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+(?::\d+)?$"
)
_PAGE_NUMBER = re.compile(r"^(?P<stem>.+?)_(?P<page>\d{1,3})$")
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml")


def looks_like_host(name: str) -> bool:
    """A wget/HTTrack mirror names its top folder after the host: www.example.cn, example.com:8080."""
    return bool(_HOST.match(name.lower())) and not name.lower().endswith(PAGE_SUFFIXES)


@dataclass(frozen=True)
class SiteContext:
    """The import source (nothing outside it is ever read) and the site root within it."""

    source: Path  # the folder the user gave (resolved)
    root: Path  # the host folder of the mirror, or the source itself
    host: str | None

    @classmethod
    def for_page(cls, page: Path, source: Path | None = None) -> SiteContext:
        page = page.resolve()
        source = (source or page.parent).resolve()
        if source.is_file():
            source = source.parent
        # The host folder: the source itself, or its first descendant on the way to the page.
        candidates = [source, *reversed(page.parents)]
        for folder in candidates:
            if folder != source and source not in folder.parents:
                continue
            if looks_like_host(folder.name):
                return cls(source=source, root=folder, host=folder.name.lower())
        # A single page saved by itself: look up for a host folder (it stays the boundary).
        for folder in page.parents:
            if looks_like_host(folder.name):
                return cls(source=folder, root=folder, host=folder.name.lower())
        return cls(source=source, root=source, host=None)

    def relative(self, path: Path) -> str:
        """A page's path relative to the site root, `/`-separated."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.name

    def uid_for_site_path(self, site_path: str, host: str | None = None) -> str:
        """The uid of the article at `site_path` (relative to the site root): host + path, no extension."""
        pure = PurePosixPath(site_path.lstrip("/"))
        stem = pure.stem
        match = _PAGE_NUMBER.match(stem)
        if match and pure.suffix.lower() in PAGE_SUFFIXES:
            stem = match.group("stem")
        if pure.suffix.lower() in PAGE_SUFFIXES:
            pure = pure.with_name(stem)
        if pure.name in ("index", "default"):
            pure = pure.parent
        text = pure.as_posix().strip("/").removeprefix(".")
        prefix = host or self.host
        return f"{prefix}/{text}" if prefix else text

    def page_uid(self, page: Path) -> str:
        return self.uid_for_site_path(self.relative(page))

    def url_for(self, page: Path) -> str | None:
        return f"http://{self.host}/{self.relative(page)}" if self.host else None

    def site_path_of_href(self, href: str, page: Path) -> tuple[str | None, str] | None:
        """(host, path relative to that host's root) for a link, or None for non-page links."""
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "data:", "tel:")):
            return None
        parsed = urllib.parse.urlsplit(href)
        if parsed.scheme and parsed.scheme not in ("http", "https"):
            return None
        path = urllib.parse.unquote(parsed.path)
        if parsed.netloc:
            return parsed.netloc.lower(), path.lstrip("/")
        if path.startswith("/"):
            return self.host, path.lstrip("/")
        base = PurePosixPath(self.relative(page)).parent
        joined = _normalise(base / path)
        return (self.host, joined) if joined is not None else None

    def local_file(self, href: str, page: Path) -> Path | None:
        """The saved file an image or link refers to, if it lies inside the import source; else None.

        Absolute file paths, `file:` URLs, UNC paths and `../` escapes are refused: nothing outside the
        folder the user imported is ever read.
        """
        if "\\" in href or href.strip().lower().startswith("file:"):
            return None
        located = self.site_path_of_href(href, page)
        if located is None:
            return None
        host, site_path = located
        # Another host of the same mirror lives in a sibling folder.
        root = self.root.parent / host if host and self.host and host != self.host else self.root
        if not site_path:
            return None
        candidate = (root / site_path).resolve()
        if candidate != self.source and self.source not in candidate.parents:
            return None
        return candidate


def _normalise(path: PurePosixPath) -> str | None:
    parts: list[str] = []
    for part in path.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)
