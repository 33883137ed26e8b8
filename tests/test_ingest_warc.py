"""Tests for WARC ingest: HTML responses become RawDocs; damage and oversized records are coded rejections."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.ingest import IngestStats, read_inputs
from newsevents.ingest.warc import CORRUPT_CODE, TOO_LARGE_CODE, TRUNCATED_CODE, warc_doc_id
from newsevents.model import RawDoc, Rejected


def _page(n: int) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>Story {n}</title></head><body><article>"
            f"<p>Story number {n}: police arrested {n + 10} protesters in the capital on Monday, officials said, "
            f"after a march against rising fuel prices turned violent near the central station.</p>"
            f"</article></body></html>").encode()


def _response(writer: WARCWriter, uri: str, body: bytes, ctype: str = "text/html; charset=utf-8",
              status: str = "200 OK", extra: list[tuple[str, str]] | None = None) -> None:
    headers = [("Content-Type", ctype), ("Content-Length", str(len(body)))] + (extra or [])
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                       http_headers=http,
                                       warc_headers_dict={"WARC-Date": "2024-04-30T12:00:00Z"})
    writer.write_record(record)


def _request(writer: WARCWriter, uri: str) -> None:
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(uri, "request", http_headers=http))


def _chunked(body: bytes) -> bytes:
    half = len(body) // 2
    parts = [body[:half], body[half:]]
    return b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in parts) + b"0\r\n\r\n"


def build_warc(gz: bool, *, bomb: bool = False) -> bytes:
    """Five records: two HTML responses, a request, a PNG response, a 404 page, a chunked+gzip HTML response."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    _response(writer, "https://news.example/a", _page(1))
    _request(writer, "https://news.example/b")
    _response(writer, "https://news.example/b", _page(2))
    _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, ctype="image/png")
    _response(writer, "https://news.example/gone", _page(9), status="404 Not Found")
    if bomb:
        _response(writer, "https://news.example/bomb", gzip.compress(b"<p>" + b" " * 2_000_000),
                  extra=[("Content-Encoding", "gzip")])
    _response(writer, "https://news.example/c", _chunked(gzip.compress(_page(3))),
              extra=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")])
    return buf.getvalue()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_become_rawdocs_others_are_counted(tmp_path: Path, gz: bool) -> None:
    path = _write(tmp_path, "crawl.warc.gz" if gz else "crawl.warc", build_warc(gz))
    stats = IngestStats()
    results = list(read_inputs([str(path)], stats=stats))
    assert all(isinstance(r, RawDoc) for r in results), results
    assert [r.url for r in results] == ["https://news.example/a", "https://news.example/b",
                                        "https://news.example/c"]
    first = results[0]
    assert isinstance(first, RawDoc) and first.text is None and first.html is not None
    assert "police arrested 11 protesters" in first.html and first.date == "2024-04-30"
    assert first.origin == f"{path}@0"
    third = results[2]
    assert isinstance(third, RawDoc) and third.html == _page(3).decode()  # dechunked and gunzipped
    assert dict(stats.skipped) == {"warc:request": 1, "warc:non-html": 1, "warc:status": 1}
    ids = [r.doc_id for r in results]
    assert len(set(ids)) == 3 and all(i.startswith("warc:") and len(i) == 21 for i in ids)
    again = [r.doc_id for r in read_inputs([str(path)])]
    assert again == ids  # stable ids


def test_doc_id_depends_on_uri_and_record_id() -> None:
    assert warc_doc_id("u", "<urn:uuid:1>") == warc_doc_id("u", "<urn:uuid:1>")
    assert warc_doc_id("u", "<urn:uuid:1>") != warc_doc_id("u", "<urn:uuid:2>")


def test_truncated_gzip_keeps_earlier_records(tmp_path: Path) -> None:
    data = build_warc(True)
    path = _write(tmp_path, "cut.warc.gz", data[:-40])
    results = list(read_inputs([str(path)]))
    docs = [r for r in results if isinstance(r, RawDoc)]
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert len(rejected) == 1 and rejected[0].code == TRUNCATED_CODE.value
    assert "@" in rejected[0].origin and "truncated" in rejected[0].reason


def test_every_cut_point_is_reported_unless_at_a_record_boundary(tmp_path: Path) -> None:
    for gz in (True, False):
        data = build_warc(gz)
        for cut in range(1, len(data), 7):  # every 7th byte keeps the test fast and still hits every region
            path = _write(tmp_path, "cut.warc.gz" if gz else "cut.warc", data[:cut])
            results = list(read_inputs([str(path)]))
            assert all(isinstance(r, (RawDoc, Rejected)) for r in results)
            if any(isinstance(r, Rejected) for r in results):
                continue
            rest = data[cut:]
            following = rest if gz else rest.lstrip(b"\r\n")
            at_boundary = not following or following.startswith(b"\x1f\x8b\x08" if gz else b"WARC/1.")
            assert at_boundary, (gz, cut, results)


@pytest.mark.parametrize("gz", [False, True])
def test_corrupt_record_is_rejected_and_reading_resumes(tmp_path: Path, gz: bool) -> None:
    data = bytearray(build_warc(gz))
    second_page = bytes(data).find(b"WARC-Type: request") if not gz else None
    if gz:
        # damage the compressed bytes of the request record (second gzip member)
        start = bytes(data).find(b"\x1f\x8b\x08", 10)
        data[start + 12:start + 40] = b"X" * 28
    else:
        assert second_page is not None and second_page > 0
        data[second_page - 30:second_page + 20] = b"#" * 50
    path = _write(tmp_path, "bad.warc.gz" if gz else "bad.warc", bytes(data))
    results = list(read_inputs([str(path)]))
    docs = [r.url for r in results if isinstance(r, RawDoc)]
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert rejected and all(r.code == CORRUPT_CODE.value for r in rejected)
    assert "https://news.example/a" in docs or not gz
    assert "https://news.example/c" in docs  # resynchronised after the damage


def test_record_over_decompressed_limit_is_rejected_not_expanded(tmp_path: Path) -> None:
    path = _write(tmp_path, "bomb.warc.gz", build_warc(True, bomb=True))
    results = list(read_inputs([str(path)], max_bytes=100_000))
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert len(rejected) == 1 and rejected[0].code == TOO_LARGE_CODE.value
    assert "100000" in rejected[0].reason
    assert [r.url for r in results if isinstance(r, RawDoc)] == ["https://news.example/a",
                                                                 "https://news.example/b",
                                                                 "https://news.example/c"]


def test_folder_recurses_into_warc_and_plain_gz_stays_unsupported(tmp_path: Path) -> None:
    sub = tmp_path / "crawls"
    sub.mkdir()
    _write(sub, "x.warc.gz", build_warc(True))
    _write(tmp_path, "notes.gz", gzip.compress(b"hello"))
    _write(tmp_path, "empty.warc", b"")
    results = list(read_inputs([str(tmp_path)]))
    assert sum(isinstance(r, RawDoc) for r in results) == 3
    codes = sorted(r.code for r in results if isinstance(r, Rejected))
    assert codes == ["E102", "E107"]  # empty.warc, notes.gz
