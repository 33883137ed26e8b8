"""WARC and .warc.gz web archives (through warcio): HTML ``response`` records become ``RawDoc`` records.

Other record types and non-HTML or non-2xx responses are skipped and counted (``IngestStats``), not rejected.
A corrupt record, a truncated file or a record that decompresses past the size limit is one ``Rejected`` naming
the record's byte offset; reading resumes at the next record when one can be found. Nothing here raises.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from newsevents.errors import Code, message
from newsevents.ingest.decode import decode_bytes, plausible_text
from newsevents.ingest.stats import IngestStats
from newsevents.model import RawDoc, Rejected

STAGE = "ingest"
# Codes for WARC problems; the dedicated codes are used once errors.py defines them.
CORRUPT_CODE: Code = Code.E111  # corrupt record (unparseable header or body)
TRUNCATED_CODE: Code = Code.E112  # file (gzip member) ends inside a record
TOO_LARGE_CODE: Code = Code.E113  # record decompresses beyond the size limit
# Give up on a file after this many failed attempts to find the next record.
MAX_RESYNCS = 100
_CHUNK = 65536
_BLOCK = 16384  # compressed bytes per read: bounds one decompression step (about 16 MB at most)
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def is_warc_name(path: Path) -> bool:
    """True for file names ending in .warc or .warc.gz (any case)."""
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz"))


def warc_doc_id(uri: str, record_id: str) -> str:
    """A stable short id for a WARC record: "warc:" + 16 hex digits of SHA-1 over its target URI and record id."""
    return "warc:" + hashlib.sha1(f"{uri}\n{record_id}".encode()).hexdigest()[:16]


class _IncompleteRecord(Exception):
    """A record whose header block lacks Content-Length: cut off, or not a WARC record at all."""


@lru_cache(maxsize=1)
def _warcio_classes() -> tuple[type, type, type, type]:
    """warcio's iterator and readers, made strict and quiet: damaged compressed data raises instead of being
    reported on stderr and read as end-of-record, and nothing is written to stderr."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import BufferedReader, ChunkedDataReader, DecompressingBufferedReader

    class StrictMixin:
        """After the first block (where warcio may still fall back to "not compressed"), zlib errors raise."""

        def _decompress(self, data: bytes) -> bytes:
            if getattr(self, "decompressor", None) is not None and data and getattr(self, "num_block_read", 0):
                return self.decompressor.decompress(data)  # type: ignore[attr-defined]
            return super()._decompress(data)  # type: ignore[misc]

    class StrictReader(StrictMixin, DecompressingBufferedReader):  # type: ignore[misc]
        """WARC-level gzip reader; notes when the stream ends inside a gzip member (its trailer missing)."""

        member_cut = False

        def read_next_member(self) -> bool:
            decompressor = self.decompressor
            self.member_cut = decompressor is not None and not decompressor.eof and not decompressor.unused_data
            return bool(super().read_next_member())

    class StrictBody(StrictMixin, BufferedReader):  # type: ignore[misc]
        """HTTP Content-Encoding reader."""

    class StrictChunked(StrictMixin, ChunkedDataReader):  # type: ignore[misc]
        """HTTP chunked (and possibly compressed) body reader; malformed chunking raises."""

        def __init__(self, stream: Any, **kwargs: Any):
            super().__init__(stream, raise_exceptions=True, **kwargs)

    class QuietIterator(ArchiveIterator):  # type: ignore[misc]
        """Same record walk; a record not followed by blank lines is counted in ``err_count``, not printed."""

        def __init__(self, fileobj: BinaryIO):
            super().__init__(fileobj)
            self.reader = self.strict_reader = StrictReader(self.fh, block_size=_BLOCK)

        def _consume_blanklines(self) -> tuple[bytes | None, int]:
            empty_size, first_line = 0, True
            while True:
                line = self.reader.readline()
                if len(line) == 0:
                    return None, empty_size
                if len(line.rstrip()) == 0 or first_line:
                    empty_size += len(line)
                    if len(line.rstrip()) != 0:
                        self.err_count += 1  # Content-Length was probably wrong
                    first_line = False
                    continue
                return line, empty_size

    return QuietIterator, StrictBody, StrictChunked, BufferedReader


def _content_stream(record: Any) -> Any:
    """The record's HTTP body with chunking and Content-Encoding undone (strict version of warcio's)."""
    _, body_cls, chunked_cls, base = _warcio_classes()
    http = record.http_headers
    if not http:
        return record.raw_stream
    encoding = (http.get_header("content-encoding") or "").lower() or None
    if encoding not in base.get_supported_decompressors():
        encoding = None
    if (http.get_header("transfer-encoding") or "").lower() == "chunked":
        return chunked_cls(record.raw_stream, decomp_type=encoding)
    if encoding:
        return body_cls(record.raw_stream, decomp_type=encoding)
    return record.raw_stream


class _WarcReader:
    """Walks one WARC file; holds the per-file settings and the stats sink."""

    def __init__(self, path: Path, default_date: str | None, max_bytes: int, stats: IngestStats):
        self.path, self.spath, self.default_date, self.max_bytes, self.stats = (
            path, str(path), default_date, max_bytes, stats)
        self.stem = path.name.split(".")[0] or path.name

    def reject(self, doc_id: str, code: Code, detail: str, origin: str) -> Rejected:
        return Rejected(doc_id=doc_id, stage=STAGE, code=code.value, reason=message(code, detail), origin=origin)

    def run(self) -> Iterator[RawDoc | Rejected]:
        try:
            with self.path.open("rb") as fh:
                yield from self.walk(fh)
        except OSError as exc:
            yield self.reject(self.stem, Code.E108, f"{self.spath}: {exc.strerror or exc}", self.spath)

    def walk(self, fh: BinaryIO) -> Iterator[RawDoc | Rejected]:
        gz = fh.read(3) == _GZIP_MAGIC
        if not gz and not fh.read(1):
            yield self.reject(self.stem, Code.E102, f"{self.spath}: empty WARC file", self.spath)
            return
        iterator_class = _warcio_classes()[0]
        pos: int | None = 0
        resyncs = 0
        while pos is not None:
            fh.seek(pos)
            it = iterator_class(fh)
            try:
                last_start = pos
                for record in it:
                    last_start = start = int(it.offset)
                    result, stop = self.record(record, start)
                    if result is not None:
                        yield result
                    if stop:
                        return
                pos = None
                cut_at = _cut_short(fh, int(it.offset), last_start, gz, it.strict_reader.member_cut)
                if cut_at is not None:
                    where = f"{self.spath}@{cut_at}"
                    detail = f"{where}: file ends inside a record (truncated download?)"
                    yield self.reject(f"{self.stem}@{cut_at}", TRUNCATED_CODE, detail, where)
            except Exception as exc:  # warcio and zlib raise assorted errors on damaged input
                failed_at = max(int(it.offset), pos)
                where = f"{self.spath}@{failed_at}"
                pos = _resync(fh, failed_at + 1, gz)
                if isinstance(exc, _IncompleteRecord) and pos is None:
                    code, detail = TRUNCATED_CODE, f"{where}: file ends inside a record header (truncated download?)"
                else:
                    code, detail = CORRUPT_CODE, f"{where}: corrupt WARC record ({type(exc).__name__}: {_short(exc)})"
                yield self.reject(f"{self.stem}@{failed_at}", code, detail, where)
                resyncs += 1
                if pos is not None and resyncs >= MAX_RESYNCS:
                    detail = f"{self.spath}: gave up after {resyncs} damaged records"
                    yield self.reject(self.stem, CORRUPT_CODE, detail, self.spath)
                    return

    def record(self, record: Any, start: int) -> tuple[RawDoc | Rejected | None, bool]:
        """One record -> (RawDoc, Rejected or None for a skip; whether the file ends here, truncated)."""
        if record.length is None or record.rec_type is None:
            raise _IncompleteRecord("record header has no WARC-Type or Content-Length")
        headers = record.rec_headers
        uri = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
        doc_id = warc_doc_id(uri, headers.get_header("WARC-Record-ID") or "")
        origin = f"{self.spath}@{start}"
        result: RawDoc | Rejected | None = None
        if record.rec_type != "response":
            self.stats.skip(f"warc:{record.rec_type}")
        elif record.http_headers is None:
            self.stats.skip("warc:non-http")
        else:
            status = str(record.http_headers.get_statuscode() or "")
            ctype = record.http_headers.get_header("Content-Type") or ""
            if not status.startswith("2"):
                self.stats.skip("warc:status")
            elif ctype and "html" not in ctype.lower():
                self.stats.skip("warc:non-html")
            else:
                result = self.page(record, doc_id, uri, headers.get_header("WARC-Date"), ctype, origin)
        raw = record.raw_stream
        while raw.read(_CHUNK):
            pass
        if getattr(raw, "limit", 0) > 0:
            detail = f"{origin}: file ends inside a record ({raw.limit} bytes missing; truncated download?)"
            return self.reject(doc_id, TRUNCATED_CODE, detail, origin), True
        return result, False

    def page(self, record: Any, doc_id: str, uri: str, warc_date: str | None, ctype: str,
             origin: str) -> RawDoc | Rejected | None:
        """The HTML of one response record (HTTP chunking and content-encoding undone, size-limited)."""
        chunks: list[bytes] = []
        total = 0
        try:
            stream = _content_stream(record)
            while True:
                block = stream.read(min(_CHUNK, self.max_bytes + 1 - total))
                if not block:
                    break
                chunks.append(block)
                total += len(block)
                if total > self.max_bytes:
                    detail = f"{origin}: record body decompresses to more than {self.max_bytes} bytes"
                    return self.reject(doc_id, TOO_LARGE_CODE, detail, origin)
        except Exception as exc:  # bad chunking or content-encoding inside one record
            detail = f"{origin}: undecodable HTTP body ({type(exc).__name__}: {_short(exc)})"
            return self.reject(doc_id, CORRUPT_CODE, detail, origin)
        data = b"".join(chunks)
        if not ctype and not data.lstrip()[:512].lower().startswith((b"<!doctype html", b"<html")):
            self.stats.skip("warc:non-html")
            return None
        if not data.strip():
            return self.reject(doc_id, Code.E102, f"{origin}: empty HTML response", origin)
        text = _decode(data, ctype)
        if not isinstance(text, str):
            code, why = text
            return self.reject(doc_id, code, f"{origin}: {why}", origin)
        date = warc_date.strip()[:10] if warc_date and _ISO_DAY.match(warc_date.strip()) else self.default_date
        return RawDoc(doc_id=doc_id, html=text, date=date, url=uri or None, origin=origin)


def _decode(data: bytes, ctype: str) -> str | tuple[Code, str]:
    """Text of an HTML body: the charset the HTTP header declares when it fits, else ``decode_bytes``."""
    m = _CHARSET.search(ctype)
    if m:
        charset = m.group(1).lower()
        if charset.replace("-", "").replace("_", "") not in ("utf8", "utf8sig"):
            try:
                text = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                text = None
            if text is not None and plausible_text(text, declared=True):
                return text
    decoded = decode_bytes(data, html=True)
    if decoded.text is None:
        assert decoded.code is not None
        return decoded.code, decoded.detail
    return decoded.text


def _short(exc: BaseException) -> str:
    """An exception message cut to one short printable line (warcio quotes raw bytes in its messages)."""
    text = " ".join(str(exc).split())
    text = "".join(c if c.isascii() and c.isprintable() else "?" for c in text)
    return text[:120] + ("..." if len(text) > 120 else "")


def _cut_short(fh: BinaryIO, end: int, last_start: int, gz: bool, member_cut: bool) -> int | None:
    """Offset of a partial record at the end of the file, or None when the file ends cleanly.

    Signs: non-blank bytes after the last record read (``end``), a gzip member without its trailer, or an
    uncompressed file whose last record does not end with a line break (cut inside its header block).
    """
    size = os.fstat(fh.fileno()).st_size
    if size > end:
        fh.seek(end)
        if fh.read(4096).strip():
            return end
    if gz:
        return last_start if member_cut else None
    if size == 0:
        return None
    fh.seek(size - 1)
    return None if fh.read(1) == b"\n" else last_start


def _resync(fh: BinaryIO, start: int, gz: bool) -> int | None:
    """Offset of the next plausible record start at or after ``start``: a gzip member or a "WARC/1." line."""
    pattern = _GZIP_MAGIC if gz else _WARC_LINE
    fh.seek(max(start - (0 if gz else 1), 0))
    base, carry = fh.tell(), b""
    while True:
        block = fh.read(_CHUNK * 16)
        if not block:
            return None
        data = carry + block
        found = data.find(pattern)
        if found >= 0:
            return base - len(carry) + found + (0 if gz else 1)
        carry = data[-(len(pattern) - 1):]
        base += len(block)


def read_warc(path: Path, default_date: str | None = None, max_bytes: int = 20_000_000,
              stats: IngestStats | None = None) -> Iterator[RawDoc | Rejected]:
    """RawDocs for the HTML responses in the WARC file at ``path``; ``max_bytes`` bounds one decompressed body."""
    yield from _WarcReader(path, default_date, max_bytes, stats if stats is not None else IngestStats()).run()


__all__ = ["CORRUPT_CODE", "TOO_LARGE_CODE", "TRUNCATED_CODE", "is_warc_name", "read_warc", "warc_doc_id"]
