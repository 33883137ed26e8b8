"""Property-based fuzzing (hypothesis) of ingest, clean, nlp and extract: whatever the input, no exception escapes
a document and every failure is a coded ``Rejected``.

``make test`` runs a small derandomized sample; ``make fuzz`` (scripts/fuzz.py) sets ``NEWSEVENTS_FUZZ_EXAMPLES``
for thousands of cases per target and ``NEWSEVENTS_FUZZ_REPORT`` to get the case count and rejections by code.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.config import Settings
from newsevents.errors import Code
from newsevents.ingest import read_inputs
from newsevents.model import DocResult, RawDoc, Rejected
from newsevents.pipeline import Pipeline

FUZZ_EXAMPLES = int(os.environ.get("NEWSEVENTS_FUZZ_EXAMPLES", "0") or 0)
CODES = {c.value for c in Code}
# Codes that mean a bug rather than bad input: the fuzz run reports them; the CI sample must not hit them.
BUG_CODES = {"E301", "E401"}
STATS: Counter[str] = Counter()

FUZZ = settings(max_examples=FUZZ_EXAMPLES or 40, derandomize=not FUZZ_EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))

_VOCABULARY = (
    "Russian troops attacked shelled the city of Kharkiv Kyiv Gaza Delhi on Monday Tuesday last week "
    "police arrested 12 three hundred protesters officials said according to Reuters president met Biden "
    "Putin Modi Hamas Israel Ukraine government condemned talks with fired rockets at killing wounded "
    "civilians did not deny accused sanctions signed agreement minister visited about some dozens of "
    "people in the capital 2024 April 30 yesterday , . ; : \" ' ( ) - — "
)
NEWS_WORDS = tuple(w for w in _VOCABULARY.split() if w)
ODD = ("\u0301", "\u0300", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\u00a0",
       "\u05d0", "\u0627", "\u4e2d", "\U0001f600", "\x00", "\x0b", "\r", "\n", "\udc80", "\udcff", "\ufffd")

unicode_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400)
odd_text = st.lists(st.one_of(st.sampled_from(ODD), st.sampled_from(NEWS_WORDS), st.text(max_size=5)),
                    max_size=120).map("".join)
news_text = st.lists(st.one_of(st.sampled_from(NEWS_WORDS), st.sampled_from(NEWS_WORDS),
                               st.sampled_from(NEWS_WORDS), st.sampled_from(ODD), st.text(max_size=3)),
                     min_size=1, max_size=80).map(" ".join)
dates = st.one_of(st.none(), st.just("2024-04-30"), st.text(max_size=12), st.dates().map(str))


@pytest.fixture(scope="module")
def pipe(nlp):
    return Pipeline(Settings(max_seconds_per_document=20, max_sentence_chars=3000))


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    path = os.environ.get("NEWSEVENTS_FUZZ_REPORT")
    if path:
        Path(path).write_text(json.dumps(dict(STATS), sort_keys=True))


def _check(results: list[DocResult], n_inputs: int | None = None) -> None:
    """Every result is a DocResult; a rejection carries a known code and a message that starts with it."""
    if n_inputs is not None:
        assert len(results) == n_inputs
    for r in results:
        STATS["cases"] += 1
        assert isinstance(r, DocResult)
        if r.rejected is not None:
            assert r.rejected.code in CODES, r.rejected
            assert r.rejected.reason.startswith(f"[{r.rejected.code}]"), r.rejected.reason
            STATS[r.rejected.code] += 1
            if not FUZZ_EXAMPLES:
                assert r.rejected.code not in BUG_CODES, r.rejected.reason
        else:
            STATS["accepted"] += 1


def _items(paths: list[str]) -> list[RawDoc | Rejected]:
    items = list(read_inputs(paths, max_bytes=200_000, max_record_bytes=200_000))
    assert all(isinstance(i, (RawDoc, Rejected)) for i in items)
    for i in items:
        if isinstance(i, Rejected):
            assert i.code in CODES
    return items


EXTENSIONS = (".txt", ".html", ".htm", ".jsonl", ".json", ".rss", ".atom", ".xml", ".warc", ".warc.gz", ".gz",
              ".csv", "")


@FUZZ
@given(data=st.binary(max_size=2000), ext=st.sampled_from(EXTENSIONS), gz=st.booleans())
def test_random_bytes_as_every_file_type(pipe, data, ext, gz):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{ext}"
        path.write_bytes(gzip.compress(data) if gz and ext.endswith(".gz") else data)
        items = _items([str(path)])
        _check(list(pipe.process(items)), len(items))


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30)),
                           lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids,
                                                                                     max_size=3), max_leaves=8)
records = st.fixed_dictionaries({}, optional={"id": json_values | st.text(max_size=10), "text": news_text | json_values,
                                              "html": odd_text, "date": dates | json_values, "title": json_values,
                                              "url": json_values})
jsonl_lines = st.one_of(records.map(json.dumps), st.text(max_size=60), st.just("{"), st.just(""),
                        st.just('{"id": "x", "text": "a\\ud800b"}'))


@FUZZ
@given(lines=st.lists(jsonl_lines, max_size=6), crlf=st.booleans())
def test_malformed_jsonl(pipe, lines, crlf):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_bytes(("\r\n" if crlf else "\n").join(lines).encode("utf-8", "surrogatepass"))
        items = _items([str(path)])
        _check(list(pipe.process(items)), len(items))


feed_items = st.lists(st.tuples(odd_text, news_text, st.sampled_from(["", "Tue, 30 Apr 2024 10:00:00 GMT", "junk",
                                                                       "2024-04-30T10:00:00Z"])), max_size=4)


@FUZZ
@given(items=feed_items, atom=st.booleans(), cut=st.integers(min_value=0, max_value=4000), cdata=st.booleans())
def test_feeds(pipe, items, atom, cut, cdata):
    def esc(s: str) -> str:
        return f"<![CDATA[{s}]]>" if cdata else s.replace("&", "&amp;").replace("<", "&lt;")
    if atom:
        body = "".join(f"<entry><title>{esc(t)}</title><content type='html'>{esc(c)}</content>"
                       f"<updated>{d}</updated><id>{i}</id></entry>" for i, (t, c, d) in enumerate(items))
        doc = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>{body}</feed>"
    else:
        body = "".join(f"<item><title>{esc(t)}</title><description>{esc(c)}</description>"
                       f"<pubDate>{d}</pubDate><guid>{i}</guid></item>" for i, (t, c, d) in enumerate(items))
        doc = f"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>{body}</channel></rss>"
    data = doc.encode("utf-8", "surrogateescape")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("feed.atom" if atom else "feed.rss")
        path.write_bytes(data[:cut] if cut and cut < len(data) else data)
        items_ = _items([str(path)])
        _check(list(pipe.process(items_)), len(items_))


def _warc_record(body: bytes, length_delta: int, ctype: str, enc: str | None, version: str) -> bytes:
    http_headers = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n" + (f"Content-Encoding: {enc}\r\n" if enc else "")
    payload = http_headers.encode() + b"\r\n" + (gzip.compress(body) if enc == "gzip" else body)
    head = (f"WARC/{version}\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"WARC-Target-URI: https://news.example/a\r\nWARC-Date: 2024-04-30T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {max(0, len(payload) + length_delta)}\r\n\r\n").encode()
    return head + payload + b"\r\n\r\n"


news_bytes = news_text.map(lambda s: s.encode("utf-8", "surrogateescape"))


@FUZZ
@given(records_=st.lists(st.tuples(st.one_of(st.binary(max_size=300), news_bytes),
                                   st.sampled_from([0, 0, 0, -5, 7, 10_000]),
                                   st.sampled_from(["text/html", "text/html; charset=latin-1", "image/png", "junk"]),
                                   st.sampled_from([None, None, "gzip", "br"]),
                                   st.sampled_from(["1.0", "1.1", "0.9"])), min_size=1, max_size=3),
       gz=st.booleans(), cut=st.integers(min_value=0, max_value=2000), junk=st.binary(max_size=20))
def test_warc_records(pipe, records_, gz, cut, junk):
    data = b"".join(_warc_record(b, *rest) for b, *rest in records_)
    if gz:
        data = b"".join(gzip.compress(_warc_record(b, *rest)) for b, *rest in records_)
    data = (data[:cut] if cut and cut < len(data) else data) + junk
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("a.warc.gz" if gz else "a.warc")
        path.write_bytes(data)
        items = _items([str(path)])
        _check(list(pipe.process(items)), len(items))


def _nested(tags: list[str], text: str) -> str:
    return "".join(f"<{t}>" for t in tags) + text + "".join(f"</{t}>" for t in reversed(tags[::2]))


html_docs = st.one_of(
    st.builds(_nested, st.lists(st.sampled_from(["div", "span", "p", "article", "b", "table", "td", "li", "x-y",
                                                 "script", "style", "a href='javascript:x'"]), max_size=1200),
              news_text),
    st.lists(st.one_of(st.sampled_from(["<", ">", "</", "<p>", "</div>", "<!--", "-->", "<![CDATA[", "&amp;",
                                        "&#0;", "&#xD800;", "<html>", "<body>", "<meta charset=x>"]),
                       st.sampled_from(NEWS_WORDS), st.sampled_from(ODD)), max_size=200).map("".join),
)


@FUZZ
@given(html=html_docs, date=dates)
def test_clean_random_and_deeply_nested_html(pipe, html, date):
    _check(list(pipe.process([RawDoc("h", html=html, date=date, origin="fuzz")])), 1)


@FUZZ
@given(text=st.one_of(unicode_text, odd_text,
                      st.binary(max_size=300).map(lambda b: b.decode("utf-8", "surrogateescape"))),
       date=dates)
def test_clean_random_unicode(pipe, text, date):
    _check(list(pipe.process([RawDoc("u", text=text, date=date, origin="fuzz")])), 1)


@FUZZ
@given(texts=st.lists(news_text, min_size=1, max_size=4))
def test_nlp_and_extract_on_news_like_sentences(pipe, texts):
    docs = [RawDoc(f"n{i}", text=t, date="2024-04-30", origin="fuzz") for i, t in enumerate(texts)]
    results = list(pipe.process(docs))
    _check(results, len(docs))
    for r in results:
        for event in r.events:
            record = event.to_dict()
            json.dumps(record)  # every record serialises
            start, end = event.evidence.start, event.evidence.end
            assert 0 <= start <= end <= len(r.article.text)
