"""Where a saved page sits in its mirror: the site's host folder, the page's uid, and safe local paths.

Paths are handled as strings (os.path) on the hot path: an import asks these questions a dozen times
per page, and pathlib's parsing and symlink resolution cost more than the HTML parse itself.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_HOST = re.compile(
    r"^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+(?::\d+)?$"
)
_PAGE_NUMBER = re.compile(r"^(?P<stem>.+?)_(?P<page>\d{1,3})$")
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml")


def looks_like_host(name: str) -> bool:
    """A wget/HTTrack mirror names its top folder after the host: www.example.cn, example.com:8080."""
    lowered = name.lower()
    return bool(_HOST.match(lowered)) and not lowered.endswith(PAGE_SUFFIXES)


@dataclass(frozen=True)
class SiteContext:
    """The import source (nothing outside it is ever read) and the site root within it."""

    source: Path  # the folder the user gave (absolute, symlinks resolved)
    root: Path  # the host folder of the mirror, or the source itself
    host: str | None

    @classmethod
    def for_page(cls, page: Path, source: Path | None = None) -> SiteContext:
        folder = os.path.dirname(os.path.abspath(page))
        return _context_for_folder(folder, os.fspath(source) if source is not None else None)

    def relative(self, path: Path) -> str:
        """A page's path relative to the site root, `/`-separated."""
        text = os.path.abspath(path)
        root = _root_prefix(self)
        if text.startswith(root):
            return text[len(root) :].replace(os.sep, "/")
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return os.path.basename(text)

    def uid_for_site_path(self, site_path: str, host: str | None = None) -> str:
        """The uid of the article at `site_path` (relative to the site root): host + path, no extension."""
        path = site_path.lstrip("/")
        folder, _, name = path.rpartition("/")
        stem, dot, suffix = name.rpartition(".")
        if dot and "." + suffix.lower() in PAGE_SUFFIXES:
            match = _PAGE_NUMBER.match(stem)
            name = match.group("stem") if match else stem
        if name in ("index", "default"):
            name = ""
        text = f"{folder}/{name}".strip("/") if folder else name
        text = text.removeprefix("./")
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
        base = self.relative(page).rpartition("/")[0]
        joined = _normalise(f"{base}/{path}" if base else path)
        return (self.host, joined) if joined is not None else None

    def local_file(self, href: str, page: Path) -> Path | None:
        """The saved file an image or link refers to, if it lies inside the import source; else None.

        Absolute file paths, `file:` URLs, UNC paths, `../` escapes and symbolic links leading out are
        refused: nothing outside the folder the user imported is ever read.
        """
        if "\\" in href or href.strip().lower().startswith("file:"):
            return None
        located = self.site_path_of_href(href, page)
        if located is None:
            return None
        host, site_path = located
        if not site_path:
            return None
        # Another host of the same mirror lives in a sibling folder.
        root = self.root.parent / host if host and self.host and host != self.host else self.root
        folder, _, name = site_path.rpartition("/")
        # Folders resolved once (cached); the file itself only when it is a link.
        candidate = os.path.join(_real_folder(os.path.join(root, folder)), name)
        if os.path.islink(candidate):
            candidate = os.path.realpath(candidate)
        return Path(candidate) if self._holds(candidate) else None

    def contains(self, path: str | Path) -> bool:
        """Whether `path`, once `..` and symbolic links are resolved, lies inside the import source."""
        return self._holds(os.path.realpath(path))

    def _holds(self, real: str) -> bool:
        source = os.fspath(self.source)
        return real == source or real.startswith(source.rstrip(os.sep) + os.sep)


@lru_cache(maxsize=4096)
def _context_for_folder(folder: str, source: str | None) -> SiteContext:
    resolved_source = os.path.realpath(source if source is not None else folder)
    if os.path.isfile(resolved_source):
        resolved_source = os.path.dirname(resolved_source)
    # The host folder: the source itself, or its first descendant on the way to the page.
    real_folder = _real_folder(folder)
    inside = real_folder == resolved_source or real_folder.startswith(resolved_source.rstrip(os.sep) + os.sep)
    if inside:
        walk = [resolved_source]
        rest = real_folder[len(resolved_source) :].strip(os.sep)
        for part in rest.split(os.sep) if rest else []:
            walk.append(os.path.join(walk[-1], part))
        for candidate in walk:
            if looks_like_host(os.path.basename(candidate)):
                return SiteContext(
                    Path(resolved_source), Path(candidate), os.path.basename(candidate).lower()
                )
    # A single page saved by itself: look up for a host folder (it becomes the boundary).
    probe = real_folder
    while True:
        if looks_like_host(os.path.basename(probe)):
            return SiteContext(Path(probe), Path(probe), os.path.basename(probe).lower())
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    return SiteContext(Path(resolved_source), Path(resolved_source), None)


@lru_cache(maxsize=16384)
def _real_folder(folder: str) -> str:
    """os.path.realpath of an absolute folder, from its parent's (cached): one lstat per new folder
    rather than one per component. A mirror keeps nearly every article in a folder of its own (DedeCMS's
    /a/section/2016/0118/), so the import asks for thousands of folders under the same few parents."""
    parent, name = os.path.split(folder)
    if not name or name in (".", "..") or parent == folder:
        return os.path.realpath(folder)
    real = os.path.join(_real_folder(parent), name)
    return os.path.realpath(real) if os.path.islink(real) else real


@lru_cache(maxsize=256)
def _root_prefix(ctx: SiteContext) -> str:
    return os.fspath(ctx.root).rstrip(os.sep) + os.sep


def _normalise(path: str) -> str | None:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)
