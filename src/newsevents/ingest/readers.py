"""Read files, folders, JSON lines, feeds, WARC archives and standard input into ``RawDoc`` (or ``Rejected``).

Ingest knows containers and encodings, not language: it never cleans text. Bad input never raises; each
problem becomes a ``Rejected`` with a code from ``errors.py`` and the other documents still come through.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from newsevents.errors import Code, message
from newsevents.ingest.decode import decode_bytes, looks_binary
from newsevents.ingest.feeds import looks_like_feed, parse_feed, read_feed
from newsevents.ingest.stats import IngestStats
from newsevents.ingest.warc import is_warc_name, read_warc
from newsevents.model import RawDoc, Rejected

STAGE = "ingest"
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".jsonl", ".json", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
# Feed files by name; ".xml" is read as a feed only when its content is one (otherwise E107).
FEED_SUFFIXES = frozenset({".rss", ".atom"})
# Formats recognised by name that ingest cannot read (yet): reported as E107 instead of read as text.
UNSUPPORTED_SUFFIXES = frozenset({
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ppt", ".pptx", ".png", ".jpg", ".jpeg", ".gif",
    ".webp", ".svg", ".zip", ".gz", ".bz2", ".xz", ".tar", ".7z", ".parquet", ".duckdb", ".db", ".sqlite",
    ".pkl", ".npy", ".exe", ".so", ".mp3", ".mp4", ".wav",
})


def _reject(doc_id: str, code: Code, detail: str, origin: str) -> Rejected:
    return Rejected(doc_id=doc_id, stage=STAGE, code=code.value, reason=message(code, detail), origin=origin)


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """Read at most ``max_bytes``; None when the stream holds more."""
    data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def _iter_folder(root: Path) -> Iterator[Path | OSError]:
    """Files under ``root`` in sorted order, recursing, skipping hidden files and folders; errors as values."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            yield errors.pop(0)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name
    yield from errors


def _looks_like_html(data: bytes) -> bool:
    """True when a file of unknown type starts like an HTML page."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _text_doc(doc_id: str, data: bytes, origin: str, default_date: str | None, *, html: bool) -> RawDoc | Rejected:
    decoded = decode_bytes(data, html=html)
    if decoded.text is None:
        assert decoded.code is not None
        return _reject(doc_id, decoded.code, f"{origin}: {decoded.detail}", origin)
    if not decoded.text.strip():
        return _reject(doc_id, Code.E102, origin, origin)
    if html:
        return RawDoc(doc_id=doc_id, html=decoded.text, date=default_date, origin=origin)
    return RawDoc(doc_id=doc_id, text=decoded.text, date=default_date, origin=origin)


def _record_doc(record: Any, fallback_id: str, origin: str, default_date: str | None) -> RawDoc | Rejected:
    """One JSON record -> RawDoc: string ``id`` plus string ``text`` (or ``html``); other fields optional."""
    if not isinstance(record, dict):
        return _reject(fallback_id, Code.E106, f"{origin}: a {type(record).__name__}, not an object", origin)
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)  # numeric ids are common in exported corpora; keep them as text
    if not isinstance(doc_id, str) or not doc_id.strip():
        return _reject(fallback_id, Code.E106, f"{origin}: \"id\" missing or not a string or integer", origin)
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str):
        body_field, body = "text", text
    elif text is None and isinstance(html, str):
        body_field, body = "html", html
    else:
        return _reject(doc_id, Code.E106, f"{origin}: \"text\" missing or not a string", origin)
    if not body.strip():
        return _reject(doc_id, Code.E102, f"{origin}: empty \"{body_field}\"", origin)
    date = record.get("date")
    if date is None or (isinstance(date, str) and not date.strip()):
        date = default_date
    elif not isinstance(date, str):
        date = str(date)  # passed through; clean rejects what is not an ISO date (E110)
    url, title = record.get("url"), record.get("title")
    return RawDoc(
        doc_id=doc_id,
        text=body if body_field == "text" else None,
        html=body if body_field == "html" else None,
        date=date,
        url=url if isinstance(url, str) else None,
        title=title if isinstance(title, str) else None,
        origin=origin,
    )


def _json_line(line: bytes, name: str, path: str, lineno: int, default_date: str | None,
               max_bytes: int) -> RawDoc | Rejected | None:
    """One JSON line -> RawDoc or Rejected; None for a blank line."""
    origin, fallback_id = f"{path}:{lineno}", f"{name}:{lineno}"
    if len(line) > max_bytes:
        return _reject(fallback_id, Code.E109, f"{origin}: {len(line)} bytes > {max_bytes}", origin)
    decoded = decode_bytes(line)
    if decoded.text is None:
        assert decoded.code is not None
        return _reject(fallback_id, decoded.code, f"{origin}: {decoded.detail}", origin)
    if not decoded.text.strip():
        return None
    try:
        record = json.loads(decoded.text)
    except (json.JSONDecodeError, RecursionError) as exc:
        return _reject(fallback_id, Code.E105, f"{origin}: {exc}", origin)
    return _record_doc(record, fallback_id, origin, default_date)


def _read_json_file(path: Path, default_date: str | None, max_bytes: int) -> Iterator[RawDoc | Rejected]:
    """JSON lines, streamed (``max_bytes`` per line); a .json file holding one object or a list works too."""
    name, spath = path.name, str(path)
    with path.open("rb") as fh:
        head = fh.read(4096)
        if not head.strip():
            yield _reject(path.stem, Code.E102, spath, spath)
            return
        if looks_binary(head):
            yield _reject(path.stem, Code.E103, f"{spath}: NUL or control bytes", spath)
            return
        fh.seek(0)
        if path.suffix.lower() == ".json" and os.fstat(fh.fileno()).st_size <= max_bytes:
            whole = fh.read()
            decoded = decode_bytes(whole)
            try:
                parsed = json.loads(decoded.text) if decoded.text is not None else None
            except (json.JSONDecodeError, RecursionError):
                parsed = None
            if isinstance(parsed, list):
                for i, record in enumerate(parsed, 1):
                    origin = f"{spath}:{i}"
                    yield _record_doc(record, f"{name}:{i}", origin, default_date)
                if not parsed:
                    yield _reject(path.stem, Code.E102, f"{spath}: empty list", spath)
                return
            if isinstance(parsed, dict):
                yield _record_doc(parsed, name, spath, default_date)
                return
            fh.seek(0)
        found = False
        for lineno, line in enumerate(fh, 1):
            result = _json_line(line, name, spath, lineno, default_date, max_bytes)
            if result is not None:
                found = True
                yield result
        if not found:
            yield _reject(path.stem, Code.E102, spath, spath)


def _is_feed_file(path: Path) -> bool:
    """True when an .xml file starts like an RSS/Atom feed (unreadable files are left to the text path)."""
    try:
        with path.open("rb") as fh:
            return looks_like_feed(fh.read(8192))
    except OSError:
        return False


def _read_file(path: Path, default_date: str | None, max_bytes: int,
               stats: IngestStats | None = None, max_record_bytes: int | None = None) -> Iterator[RawDoc | Rejected]:
    """Read one file according to its extension; unknown extensions are read as text when they decode as text."""
    spath, suffix = str(path), path.suffix.lower()
    doc_id = path.stem if suffix else path.name
    try:
        if is_warc_name(path):
            yield from read_warc(path, default_date, max_record_bytes or max_bytes, stats)
            return
        if suffix in FEED_SUFFIXES or (suffix == ".xml" and _is_feed_file(path)):
            yield from read_feed(path, default_date, max_bytes)
            return
        if suffix in UNSUPPORTED_SUFFIXES or suffix == ".xml":
            yield _reject(doc_id, Code.E107, spath, spath)
            return
        if suffix in JSON_SUFFIXES:
            yield from _read_json_file(path, default_date, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield _reject(doc_id, Code.E109, f"{spath}: {size} bytes > {max_bytes}", spath)
            return
        with path.open("rb") as fh:
            data = _read_limited(fh, max_bytes)
        if data is None:
            yield _reject(doc_id, Code.E109, f"{spath}: more than {max_bytes} bytes", spath)
            return
        if not data.strip():
            yield _reject(doc_id, Code.E102, spath, spath)
            return
        if suffix not in TEXT_SUFFIXES and suffix not in HTML_SUFFIXES and looks_like_feed(data):
            yield from parse_feed(data, spath, base_dir=path.parent, default_date=default_date,
                                  max_bytes=max_bytes, fallback_stem=doc_id)
            return
        html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(data))
        yield _text_doc(doc_id, data, spath, default_date, html=html)
    except OSError as exc:
        yield _reject(doc_id, Code.E108, f"{spath}: {exc.strerror or exc}", spath)


def _read_stdin(stdin: TextIO | None, default_date: str | None, max_bytes: int) -> RawDoc | Rejected:
    """Standard input as one text document with doc_id "stdin"; bytes are decoded like a file when available."""
    stream = sys.stdin if stdin is None else stdin
    origin = "<stdin>"
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data = _read_limited(buffer, max_bytes)
            if data is None:
                return _reject("stdin", Code.E109, f"{origin}: more than {max_bytes} bytes", origin)
            if not data.strip():
                return _reject("stdin", Code.E102, origin, origin)
            return _text_doc("stdin", data, origin, default_date, html=False)
        text = stream.read(max_bytes + 1)
    except UnicodeDecodeError as exc:
        return _reject("stdin", Code.E104, f"{origin}: {exc.reason}", origin)
    except OSError as exc:
        return _reject("stdin", Code.E108, f"{origin}: {exc.strerror or exc}", origin)
    if len(text) > max_bytes:
        return _reject("stdin", Code.E109, f"{origin}: more than {max_bytes} characters", origin)
    if not text.strip():
        return _reject("stdin", Code.E102, origin, origin)
    return RawDoc(doc_id="stdin", text=text, date=default_date, origin=origin)


def read_inputs(paths: Sequence[str], stdin: TextIO | None = None, default_date: str | None = None,
                max_bytes: int = 20_000_000, stats: IngestStats | None = None,
                max_record_bytes: int | None = None) -> Iterator[RawDoc | Rejected]:
    """Yield one ``RawDoc`` per document found in ``paths`` (files, folders, "-" for stdin), or ``Rejected``.

    ``default_date`` applies to documents without a date of their own; ``max_bytes`` bounds one document (one
    feed item); ``max_record_bytes`` (default ``max_bytes``) bounds one decompressed WARC record. Items skipped
    on purpose (non-HTML WARC records) are counted in ``stats`` when given.
    """
    for raw_path in [paths] if isinstance(paths, str) else paths:
        if raw_path == "-":
            yield _read_stdin(stdin, default_date, max_bytes)
            continue
        path = Path(raw_path)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:
            yield _reject(path.stem or raw_path, Code.E108, f"{raw_path}: {exc.strerror or exc}", raw_path)
            continue
        if not exists:
            yield _reject(path.stem or raw_path, Code.E101, raw_path, raw_path)
        elif is_dir:
            for item in _iter_folder(path):
                if isinstance(item, OSError):
                    where = str(item.filename or raw_path)
                    yield _reject(Path(where).name, Code.E108, f"{where}: {item.strerror or item}", where)
                else:
                    yield from _read_file(item, default_date, max_bytes, stats, max_record_bytes)
        else:
            yield from _read_file(path, default_date, max_bytes, stats, max_record_bytes)
