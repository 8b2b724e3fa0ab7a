"""Extract one article (one or more saved pages) into an Article with its images, or say why not."""

from __future__ import annotations

import hashlib
import os
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from reader.domain.article import Article, Block, Figure, ImageRef, Link, Paragraph
from reader.domain.text import clean_text
from reader.ingest import dedecms, generic
from reader.ingest.blocks import build_blocks
from reader.ingest.decode import decode_page
from reader.ingest.html import PageError, ParsedPage, element_text, find_class, meta_content, parse_html
from reader.ingest.images import sha256_hex, sniff_image, too_large
from reader.ingest.mhtml import MhtmlError, looks_like_mhtml, read_mhtml
from reader.ingest.profiles import Profile, load_profiles
from reader.ingest.site import SiteContext
from reader.store.writer import ImageData, PreparedArticle

MAX_PAGE_BYTES = 64 * 1024 * 1024
MAX_IMAGE_BYTES = 32 * 1024 * 1024
_CANONICAL = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+)\s*-->", re.IGNORECASE)


@dataclass
class Extraction:
    """What one article's pages gave: an article, an about text, or a reason to skip or fail."""

    file: str
    kind: str  # "article", "about", "skipped", "failed"
    reason: str | None = None
    article: Article | None = None
    images: list[ImageData] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    site_name: str | None = None
    about: str | None = None
    content_hash: str = ""
    sort_key: str = ""
    missing_images: int = 0
    profile: str | None = None
    # The row to store, filled in by the import's worker processes (which then drop `article`).
    prepared: PreparedArticle | None = None

    def to_json(self) -> dict[str, object]:
        if self.article is not None:
            return self.article.to_json()
        out: dict[str, object] = {"file": self.file, "article": False, "reason": self.reason}
        if self.kind == "failed":
            out["error"] = True
        if self.about:
            out["about"] = self.about
        return out


class _ImageCollector:
    def __init__(
        self, ctx: SiteContext, page: Path, resources: dict[str, bytes], base_url: str | None
    ) -> None:
        self.ctx = ctx
        self.page = page
        self.resources = resources
        self.base_url = base_url
        self.images: dict[str, ImageData] = {}
        self.missing = 0
        self.warnings: list[str] = []

    def __call__(self, src: str) -> ImageRef | None:
        data = self._read(src)
        if data is None:
            self.missing += 1
            return None
        info = sniff_image(data)
        if info is None:
            self.warnings.append(f"{src}: not an image")
            self.missing += 1
            return None
        if too_large(info):
            self.warnings.append(f"{src}: {info.width}x{info.height} pixels is too large to show")
            self.missing += 1
            return None
        digest = sha256_hex(data)
        self.images.setdefault(digest, ImageData(digest, info.mime, info.width, info.height, data))
        file = self.ctx.relative(self._path) if self._path else src
        return ImageRef(sha256=digest, width=info.width, height=info.height, mime=info.mime, file=file)

    def _read(self, src: str) -> bytes | None:
        self._path: Path | None = None
        if src.startswith("data:"):
            return _data_uri(src)
        if self.resources:
            for key in (src, urllib.parse.urljoin(self.base_url or "", src)):
                if key in self.resources:
                    return self.resources[key]
        path = self.ctx.local_file(src, self.page)
        if path is None:
            return None
        data = self._read_file(path, resolved=True)
        if data is None:
            unquoted = Path(urllib.parse.unquote(str(path)))
            for candidate in (unquoted, *self._renamed(path)) if unquoted != path else self._renamed(path):
                data = self._read_file(candidate)
                if data is not None:
                    break
        return data

    def _read_file(self, path: Path, *, resolved: bool = False) -> bytes | None:
        # Checked here too, not only in local_file: the unquoted and renamed candidates are derived
        # after that check ("%252e%252e%252f" unquotes to "../"; a "_files" entry may be a symlink).
        # `resolved`: local_file's own answer, already resolved and checked.
        if not resolved and not self.ctx.contains(path):
            return None
        try:
            with open(path, "rb") as handle:
                # Sized first: read(MAX + 1) allocates the whole maximum, for every small image too.
                # (A pipe or device tells no size: it gets the bounded read.)
                size = os.fstat(handle.fileno()).st_size
                data = handle.read() if 0 < size <= MAX_IMAGE_BYTES else handle.read(MAX_IMAGE_BYTES + 1)
        except OSError:  # missing, a folder, unreadable
            return None
        if len(data) > MAX_IMAGE_BYTES:
            self.warnings.append(f"{path.name}: image larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
            return None
        self._path = path
        return data

    def _renamed(self, path: Path) -> list[Path]:
        """Where a browser's "Save Page As" may have put the file: it adds ".下载"/".download" (Chrome),
        numbers duplicates ("a(1).jpg"), or drops the query string into the name."""
        folder = path.parent
        if not folder.name.endswith(("_files", ".files", "_archivos", "-Dateien")) or not folder.is_dir():
            return []
        stem = path.name.split("?")[0]
        found = [folder / f"{stem}.下载", folder / f"{stem}.download"]
        base, _, ext = stem.rpartition(".")
        try:
            for other in sorted(folder.iterdir()):
                name = other.name
                if (
                    base
                    and name.startswith(base)
                    and (name.endswith(ext) or ".下载" in name or ".download" in name)
                ):
                    found.append(other)
        except OSError:
            pass
        return found


def _data_uri(src: str) -> bytes | None:
    import base64

    header, _, payload = src.partition(",")
    try:
        if header.endswith(";base64"):
            return base64.b64decode(payload, validate=False)
        return urllib.parse.unquote_to_bytes(payload)
    except ValueError:
        return None


@dataclass
class _LoadedPage:
    data: bytes  # the file's bytes, for the content hash
    parsed: ParsedPage
    warnings: list[str]
    resources: dict[str, bytes]  # parts of an MHTML file, by address
    location: str | None  # the address the browser saved the page from, when it recorded one


def _read_page(path: Path) -> _LoadedPage:
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageError(f"page is too large ({size // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise PageError(f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise PageError("empty file")
    html, label, resources, location = data, None, {}, None
    if path.suffix.lower() in (".mht", ".mhtml") or looks_like_mhtml(data):
        try:
            page = read_mhtml(data)
        except MhtmlError as exc:
            raise PageError(str(exc)) from None
        html, label, resources, location = page.html, page.charset, page.resources, page.location
    decoded = decode_page(html, label)
    warnings = []
    if decoded.replaced:
        warnings.append(f"{decoded.replaced} undecodable bytes replaced (decoded as {decoded.encoding})")
    return _LoadedPage(data, parse_html(decoded.text), warnings, resources, location)


def _sort_key(site_path: str) -> str:
    """Articles of an issue in the site's publishing order: DedeCMS numbers them as it publishes."""
    numbers = re.findall(r"\d+", Path(site_path).stem)
    return f"{int(numbers[-1]):012d}/{site_path}" if numbers else f"{'9' * 12}/{site_path}"


def _canonical_url(parsed: ParsedPage) -> str | None:
    match = _CANONICAL.search(parsed.text[:2048])
    if match:
        return match.group(1)
    for link in parsed.root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href", "").startswith("http"):
            return link.get("href")
    url = meta_content(parsed.root, "og:url")
    return url if url and url.startswith("http") else None


DEDECMS = object()  # the code profile: DedeCMS pages need more than selectors (see dedecms.py)


def _choose_profile(root: etree._Element, text: str, profiles: list[Profile] | None) -> object:
    if dedecms.is_dedecms_article(root):
        return DEDECMS
    for profile in profiles if profiles is not None else default_profiles():
        if profile.matches(root, text):
            return profile
    return None


def _content_of(parsed: ParsedPage, profile: Profile | object | None) -> etree._Element | None:
    if profile is DEDECMS:
        return dedecms.content_element(parsed.root)
    if isinstance(profile, Profile):
        return profile.content(parsed.root)
    return generic.find_content(parsed.root)


_DEFAULT_PROFILES: list[Profile] = []


def default_profiles() -> list[Profile]:
    """The built-in profiles and the user's, loaded once per process."""
    if not _DEFAULT_PROFILES:
        from reader import paths

        loaded, _ = load_profiles(paths.config_dir() / "profiles")
        _DEFAULT_PROFILES.extend(loaded)
    return _DEFAULT_PROFILES


def extract_article(pages: list[Path], ctx: SiteContext, profiles: list[Profile] | None = None) -> Extraction:
    """Extract the article whose pages are `pages` (first page first). Never raises for bad input."""
    first = pages[0]
    rel = ctx.relative(first)
    digest = hashlib.sha256()
    try:
        loaded = _read_page(first)
    except PageError as exc:
        return Extraction(rel, "failed", reason=str(exc))
    parsed, warnings = loaded.parsed, loaded.warnings
    digest.update(loaded.data)
    root = parsed.root
    if "tags.php" in rel or first.name.startswith("tags"):
        return Extraction(rel, "skipped", reason="tag page")
    crumbs, place_text = dedecms.breadcrumb(root)
    about_hit = (
        any(name in place_text or name in rel for name in dedecms.ABOUT_NAMES) or "/about/" in f"/{rel}"
    )
    if about_hit and not find_class(root, "div", "viewbox"):
        content = dedecms.content_element(root)
        about = "\n".join(element_text(p) for p in (content.iter("p") if content is not None else [])) or None
        return Extraction(rel, "about", reason="magazine's about page", about=about,
                          site_name=dedecms.site_name_from_title(root))  # fmt: skip
    url = loaded.location if (loaded.location or "").startswith("http") else _canonical_url(parsed)
    # Where the page lived on its site: its address when the browser recorded one, else its path here.
    site_path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/") if url else rel
    # The folders between the import source and the page ("2016年第1期/"), nearest last.
    folders = tuple(
        part
        for part in os.path.relpath(os.path.dirname(first), ctx.source).split(os.sep)
        if part not in ("", ".", "..")
    )
    profile = _choose_profile(root, parsed.text, profiles)
    if profile is DEDECMS:
        fields = dedecms.extract_fields(root, crumbs)
        content = dedecms.content_element(root)
        profile_name = "DedeCMS"
    elif isinstance(profile, Profile):
        fields = profile.extract_fields(root)
        content = profile.content(root)
        profile_name = profile.name
    else:
        if dedecms.is_list_page(root):
            return Extraction(rel, "skipped", reason="list page")
        content = generic.find_content(root)
        if content is None:
            reason = "index page" if first.stem in ("index", "default") else "not an article page"
            return Extraction(rel, "skipped", reason=reason)
        fields = generic.extract_generic_fields(root, content, site_path, folders)
        profile_name = "generic"
    if content is None or not fields.title:
        return Extraction(rel, "skipped", reason="no article content")
    if fields.issue is None:
        fields.issue = generic.issue_fallback(root, fields.title, site_path, folders)
    if not fields.category:
        fields.category = generic.category_from_path(site_path, generic.section_names(root))
    images = _ImageCollector(ctx, first, loaded.resources, url)
    body = build_blocks(content, title=fields.title, resolve_image=images, drop_texts=dedecms.chrome_texts())
    blocks: list[Block] = list(body.blocks)
    for extra in pages[1:]:
        try:
            extra_loaded = _read_page(extra)
        except PageError as exc:
            return Extraction(rel, "failed", reason=f"page {ctx.relative(extra)}: {exc}")
        digest.update(extra_loaded.data)
        warnings.extend(extra_loaded.warnings)
        extra_parsed = extra_loaded.parsed
        extra_content = _content_of(extra_parsed, profile)
        if extra_content is None:
            continue
        images.page = extra
        more = build_blocks(
            extra_content, title=fields.title, resolve_image=images, drop_texts=dedecms.chrome_texts()
        )
        blocks.extend(more.blocks)
    if not any(isinstance(b, Paragraph) for b in blocks) and not any(isinstance(b, Figure) for b in blocks):
        return Extraction(rel, "skipped", reason="no article text")

    def link(pair: tuple[str, str] | None) -> Link | None:
        if pair is None:
            return None
        title, href = pair
        located = ctx.site_path_of_href(href, first)
        uid = ctx.uid_for_site_path(located[1], located[0]) if located and located[1] else None
        return Link(uid=uid, title=title, href=href, saved=False)

    if url:
        parts = urllib.parse.urlsplit(url)
        uid = ctx.uid_for_site_path(urllib.parse.unquote(parts.path), parts.netloc.lower() or None)
    else:
        uid = ctx.page_uid(first)
        url = ctx.url_for(first)
    article = Article(
        uid=uid,
        url=url,
        file=rel,
        title=fields.title,
        subtitle=body.subtitle,
        authors=fields.authors,
        source=fields.source,
        date=fields.date,
        summary=fields.summary,
        category=fields.category,
        issue=fields.issue,
        blocks=tuple(blocks),
        prev=link(fields.prev),
        next=link(fields.next),
        related=tuple(r for r in (link(p) for p in fields.related) if r is not None),
        pages=len(pages),
    )
    return Extraction(
        rel,
        "article",
        article=article,
        images=list(images.images.values()),
        warnings=warnings + images.warnings,
        site_name=fields.site_name,
        content_hash=digest.hexdigest(),
        sort_key=_sort_key(rel),
        missing_images=images.missing,
        profile=profile_name,
    )


__all__ = ["Extraction", "clean_text", "etree", "extract_article"]
