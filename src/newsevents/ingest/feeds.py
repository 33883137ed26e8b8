"""RSS and Atom feeds (through feedparser): one ``RawDoc`` per item, text from the item or a LOCAL linked page.

An item's text is its full content (``content:encoded``/Atom ``content``), else the page its link names when that
page is a file next to the feed (never fetched from the network), else its summary when that is long enough.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import html as html_lib
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from newsevents.errors import Code, message
from newsevents.ingest.decode import decode_bytes, looks_binary
from newsevents.model import RawDoc, Rejected

STAGE = "ingest"
# A summary shorter than this (in words) is a teaser, not an article: such an item is rejected (E102).
MIN_SUMMARY_WORDS = 30
# Longest doc_id kept as is; longer ids are cut and suffixed with a hash so they stay unique.
MAX_ID_CHARS = 200
_FEED_ROOT = re.compile(
    rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)\b",
    re.DOTALL | re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
_ID_UNSAFE = re.compile(r"[^\w.~:/?#\[\]@!$&()*+,;=%-]+")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_PAGE_SUFFIXES = ("", ".html", ".htm")
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})


def looks_like_feed(data: bytes) -> bool:
    """True when ``data`` starts (after a BOM, XML declaration, comments, doctype) with an RSS/Atom/RDF root."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16", "ignore").encode("utf-8")
        except UnicodeError:
            return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    return _FEED_ROOT.match(head) is not None


def sanitize_id(value: str) -> str:
    """A doc_id from a feed guid or link: whitespace and odd characters become "_", long ids are shortened."""
    cleaned = _ID_UNSAFE.sub("_", value.strip()).strip("_")
    if len(cleaned) > MAX_ID_CHARS:
        digest = hashlib.sha1(cleaned.encode("utf-8")).hexdigest()[:12]
        cleaned = f"{cleaned[:MAX_ID_CHARS - 13]}~{digest}"
    return cleaned


def iso_date(value: str | None) -> str | None:
    """ISO date (YYYY-MM-DD) of an RSS (RFC 822) or Atom (RFC 3339) timestamp, keeping its own time zone."""
    if not value or not value.strip():
        return None
    s = value.strip()
    try:
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(s[:-1] + "+00:00" if s[-1] in "zZ" else s).date().isoformat()
    except ValueError:
        return None


def _word_count(fragment: str) -> int:
    return len(_WORD.findall(html_lib.unescape(_TAG.sub(" ", fragment))))


def _wrap_html(fragment: str) -> str:
    """An item's HTML fragment as a minimal page, so the main-text extractor sees an article body."""
    return f"<html><body><article>{fragment}</article></body></html>"


def _is_html(detail: Mapping[str, Any]) -> bool:
    return str(detail.get("type") or "text/html").lower() in _HTML_TYPES


def _entry_date(entry: Mapping[str, Any]) -> str | None:
    for key in ("published", "updated", "created"):
        found = iso_date(entry.get(key))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def local_target(link: str, base_dir: Path) -> Path | None:
    """The local file an item link names: a relative path under ``base_dir``, a ``file://`` URL, or a web URL
    whose last path segment (optionally + .html/.htm) is a file in ``base_dir``. None when there is none."""
    try:
        parts = urlsplit(link.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    candidates: list[Path] = []
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return None
        candidates.append(Path(unquote(parts.path)))
    elif not scheme and not parts.netloc and parts.path:
        root = base_dir.resolve()
        target = (base_dir / unquote(parts.path)).resolve()
        if not target.is_relative_to(root):
            return None  # "../" links must not read files outside the feed's folder
        candidates.append(target)
    elif scheme in ("http", "https"):
        name = unquote(PurePosixPath(parts.path).name)
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            return None
        candidates.extend(base_dir / (name + suffix) for suffix in _PAGE_SUFFIXES)
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


class _Item:
    """Builds the RawDoc (or Rejected) for one feed entry; holds the feed-wide context."""

    def __init__(self, origin: str, base_dir: Path | None, default_date: str | None, max_bytes: int):
        self.origin, self.base_dir, self.default_date, self.max_bytes = origin, base_dir, default_date, max_bytes

    def reject(self, doc_id: str, code: Code, detail: str, origin: str) -> Rejected:
        return Rejected(doc_id=doc_id, stage=STAGE, code=code.value, reason=message(code, detail), origin=origin)

    def build(self, entry: Mapping[str, Any], index: int, fallback_stem: str) -> RawDoc | Rejected:
        origin = f"{self.origin}:{index}"
        link = str(entry.get("link") or "").strip()
        raw_id = str(entry.get("id") or "").strip() or link
        doc_id = sanitize_id(raw_id) if raw_id else ""
        doc_id = doc_id or f"{fallback_stem}:{index}"
        title = str(entry.get("title") or "").strip() or None
        meta = {"doc_id": doc_id, "date": _entry_date(entry) or self.default_date, "url": link or None,
                "title": title, "origin": origin}
        contents = [c for c in entry.get("content") or () if str(c.get("value") or "").strip()]
        if contents:
            best = max(contents, key=lambda c: len(c["value"]))
            return self.body(meta, best["value"], html=_is_html(best))
        if link and self.base_dir is not None:
            target = local_target(link, self.base_dir)
            if target is not None:
                return self.linked(meta, target)
        summary = str(entry.get("summary") or "")
        words = _word_count(summary)
        if words >= MIN_SUMMARY_WORDS:
            return self.body(meta, summary, html=_is_html(entry.get("summary_detail") or {}))
        detail = (f"{origin}: feed item has no full content, no local copy of its link and a summary of {words} "
                  f"words (< {MIN_SUMMARY_WORDS})")
        return self.reject(doc_id, Code.E102, detail, origin)

    def body(self, meta: dict[str, Any], value: str, *, html: bool) -> RawDoc | Rejected:
        size = len(value.encode("utf-8"))
        if size > self.max_bytes:
            return self.reject(meta["doc_id"], Code.E109, f"{meta['origin']}: {size} bytes > {self.max_bytes}",
                               meta["origin"])
        if html:
            return RawDoc(html=_wrap_html(value), **meta)
        return RawDoc(text=value, **meta)

    def linked(self, meta: dict[str, Any], target: Path) -> RawDoc | Rejected:
        where = f"{meta['origin']} -> {target}"
        try:
            with target.open("rb") as fh:
                data = fh.read(self.max_bytes + 1)
        except OSError as exc:
            return self.reject(meta["doc_id"], Code.E108, f"{where}: {exc.strerror or exc}", meta["origin"])
        if len(data) > self.max_bytes:
            return self.reject(meta["doc_id"], Code.E109, f"{where}: more than {self.max_bytes} bytes",
                               meta["origin"])
        is_text = target.suffix.lower() in _TEXT_SUFFIXES
        decoded = decode_bytes(data, html=not is_text)
        if decoded.text is None:
            assert decoded.code is not None
            return self.reject(meta["doc_id"], decoded.code, f"{where}: {decoded.detail}", meta["origin"])
        if not decoded.text.strip():
            return self.reject(meta["doc_id"], Code.E102, where, meta["origin"])
        return RawDoc(text=decoded.text, **meta) if is_text else RawDoc(html=decoded.text, **meta)


def parse_feed(data: bytes, origin: str, *, base_dir: Path | None, default_date: str | None = None,
               max_bytes: int = 20_000_000, fallback_stem: str = "feed") -> Iterator[RawDoc | Rejected]:
    """Items of the RSS/Atom feed in ``data`` as RawDocs; a non-feed is one E107 rejection, never an exception.

    ``base_dir`` is the folder where linked pages are looked up (None: links are not followed);
    ``max_bytes`` bounds one item's text.
    """
    import feedparser

    def reject(code: Code, detail: str) -> Rejected:
        return Rejected(doc_id=fallback_stem, stage=STAGE, code=code.value, reason=message(code, detail),
                        origin=origin)

    if not data.strip():
        yield reject(Code.E102, origin)
        return
    if not looks_like_feed(data):
        if looks_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            yield reject(Code.E103, f"{origin}: binary content, not an RSS/Atom feed")
            return
        yield reject(Code.E107, f"{origin}: not an RSS/Atom feed (no <rss>, <feed> or <rdf:RDF> root element)")
        return
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # feedparser is lenient, but a parser bug must not stop the run
        yield reject(Code.E107, f"{origin}: feed could not be parsed ({type(exc).__name__}: {exc})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield reject(Code.E107, f"{origin}: malformed feed ({parsed.get('bozo_exception')})")
        else:
            yield reject(Code.E102, f"{origin}: feed has no items")
        return
    builder = _Item(origin, base_dir, default_date, max_bytes)
    for index, entry in enumerate(entries, 1):
        yield builder.build(entry, index, fallback_stem)


def read_feed(path: Path, default_date: str | None, max_bytes: int,
              max_feed_bytes: int | None = None) -> Iterator[RawDoc | Rejected]:
    """Read the feed file at ``path`` (at most ``max_feed_bytes``, default 10 x ``max_bytes``) and parse it."""
    spath = str(path)
    stem = path.name.split(".")[0] or path.name
    limit = max_feed_bytes if max_feed_bytes is not None else 10 * max_bytes

    def reject(code: Code, detail: str) -> Rejected:
        return Rejected(doc_id=stem, stage=STAGE, code=code.value, reason=message(code, detail), origin=spath)

    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        yield reject(Code.E108, f"{spath}: {exc.strerror or exc}")
        return
    if len(data) > limit:
        yield reject(Code.E109, f"{spath}: feed larger than {limit} bytes")
        return
    yield from parse_feed(data, spath, base_dir=path.parent, default_date=default_date, max_bytes=max_bytes,
                          fallback_stem=stem)
