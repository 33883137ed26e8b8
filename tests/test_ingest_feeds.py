"""Tests for RSS/Atom ingest: one RawDoc per item, text from content, a local linked page or a long summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.clean import clean_document
from newsevents.ingest import looks_like_feed, parse_feed, read_inputs
from newsevents.ingest.feeds import iso_date, local_target, sanitize_id
from newsevents.model import Article, RawDoc, Rejected


@pytest.fixture(scope="module")
def feeds_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "feeds"


def _by_origin(paths: list[str]) -> dict[str, RawDoc | Rejected]:
    return {r.origin: r for r in read_inputs(paths)}


def test_rss_items_content_local_link_and_summaries(feeds_dir: Path) -> None:
    path = str(feeds_dir / "news.rss")
    res = _by_origin([path])
    assert len(res) == 4
    first = res[f"{path}:1"]
    assert isinstance(first, RawDoc)
    assert first.doc_id == "wire-2024-0430-001"
    assert first.url == "https://wire.example.org/2024/04/30/protest"
    assert first.title == "Police disperse protest in capital"
    assert first.date == "2024-04-30"  # the item's own local date, not shifted to UTC (May 1)
    assert first.text is None and first.html is not None
    assert "tear gas" in first.html and "alert(" not in first.html  # content:encoded, sanitised
    linked = res[f"{path}:2"]
    assert isinstance(linked, RawDoc) and linked.doc_id == "story-two.html"  # no guid: the link is the id
    assert linked.html is not None and "Foreign ministers" in linked.html and linked.date == "2024-05-01"
    short = res[f"{path}:3"]
    assert isinstance(short, Rejected) and short.code == "E102" and short.stage == "ingest"
    assert short.doc_id == "https://wire.example.org/2024/05/01/markets" and "summary of" in short.reason
    long_summary = res[f"{path}:4"]
    assert isinstance(long_summary, RawDoc)
    assert long_summary.doc_id == "https://wire.example.org/2024/05/02/convoy?ref=rss_feed"  # sanitised guid
    assert long_summary.date == "2024-05-02"
    assert long_summary.html is not None and "twenty trucks" in long_summary.html


def test_atom_entries_content_and_web_link_to_local_file(feeds_dir: Path) -> None:
    path = str(feeds_dir / "world.atom")
    res = _by_origin([path])
    first, second, third = res[f"{path}:1"], res[f"{path}:2"], res[f"{path}:3"]
    assert isinstance(first, RawDoc) and first.doc_id == "urn:example:world:rebels-airport"
    assert first.date == "2024-05-03" and first.url == "https://world.example.org/rebels-airport"
    assert first.html is not None and "regional airport" in first.html
    assert isinstance(second, RawDoc) and second.url == "https://world.example.org/news/story-three"
    assert second.html is not None and "postponed the presidential vote" in second.html  # story-three.html
    assert isinstance(third, Rejected) and third.code == "E102" and third.doc_id == "urn:example:world:weather"


def test_feed_items_clean_to_articles(feeds_dir: Path) -> None:
    docs = [r for r in read_inputs([str(feeds_dir / "news.rss"), str(feeds_dir / "world.atom")])
            if isinstance(r, RawDoc)]
    articles = [clean_document(d) for d in docs]
    assert all(isinstance(a, Article) for a in articles), articles
    texts = {a.doc_id: a.text for a in articles if isinstance(a, Article)}
    assert texts["wire-2024-0430-001"].startswith("Police in the capital used tear gas")
    assert "twelve people were arrested" in texts["wire-2024-0430-001"]
    assert "Home | World" not in texts["story-two.html"]


def test_non_xml_rss_is_coded_rejection(feeds_dir: Path, tmp_path: Path) -> None:
    res = list(read_inputs([str(feeds_dir / "broken.rss")]))
    assert len(res) == 1 and isinstance(res[0], Rejected)
    assert res[0].code == "E107" and res[0].doc_id == "broken" and "not an RSS/Atom feed" in res[0].reason
    binary = tmp_path / "bin.atom"
    binary.write_bytes(b"\x00\x01\x02\x03" * 50)
    empty = tmp_path / "empty.rss"
    empty.write_bytes(b"  \n")
    no_items = tmp_path / "none.rss"
    no_items.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    codes = [r.code for r in read_inputs([str(binary), str(empty), str(no_items)]) if isinstance(r, Rejected)]
    assert codes == ["E103", "E102", "E102"]


def test_xml_detected_by_content_and_plain_xml_still_unsupported(feeds_dir: Path, tmp_path: Path) -> None:
    feed = tmp_path / "export.xml"
    feed.write_bytes((feeds_dir / "world.atom").read_bytes())
    other = tmp_path / "config.xml"
    other.write_text('<?xml version="1.0"?><config><a>1</a></config>')
    results = list(read_inputs([str(feed), str(other)]))
    # entry 2's linked page is not in tmp_path, so it falls back to its short summary: E102
    assert [type(r).__name__ for r in results] == ["RawDoc", "Rejected", "Rejected", "Rejected"]
    assert results[0].doc_id == "urn:example:world:rebels-airport"
    assert isinstance(results[3], Rejected) and results[3].code == "E107" and results[3].doc_id == "config"
    assert looks_like_feed(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- c -->\n<rdf:RDF xmlns:rdf='x'>")
    assert not looks_like_feed(b"<html><body>rss</body></html>")


def test_folder_recurses_into_feeds(feeds_dir: Path) -> None:
    results = list(read_inputs([str(feeds_dir)]))
    docs = [r for r in results if isinstance(r, RawDoc)]
    rejected = sorted(r.code for r in results if isinstance(r, Rejected))
    assert len(docs) == 7  # 3 RSS items + 2 Atom entries + the two linked pages read as files
    assert rejected == ["E102", "E102", "E107"]


def test_links_never_leave_the_feed_folder_or_reach_the_network(tmp_path: Path) -> None:
    (tmp_path / "inner").mkdir()
    (tmp_path / "secret.html").write_text("<html><body><p>secret</p></body></html>")
    inner = tmp_path / "inner"
    assert local_target("../secret.html", inner) is None
    assert local_target("https://evil.example/x/..", inner) is None
    assert local_target((tmp_path / "secret.html").as_uri(), inner) == tmp_path / "secret.html"
    assert local_target("https://news.example/a/secret", tmp_path) == tmp_path / "secret.html"
    assert local_target("https://news.example/a/missing", tmp_path) is None
    feed = (b'<rss version="2.0"><channel><item><guid>g</guid><link>https://news.example/secret</link>'
            b"<description>x</description></item></channel></rss>")
    no_base = list(parse_feed(feed, "mem", base_dir=None))
    assert isinstance(no_base[0], Rejected) and no_base[0].code == "E102"


def test_item_size_limit_and_helpers(feeds_dir: Path) -> None:
    res = list(read_inputs([str(feeds_dir / "news.rss")], max_bytes=200))
    first = res[0]
    assert isinstance(first, Rejected) and first.code == "E109"
    assert sanitize_id("  a b\tc  ") == "a_b_c"
    long_id = sanitize_id("x" * 500)
    assert len(long_id) == 200 and long_id != sanitize_id("x" * 499)
    assert iso_date("Tue, 30 Apr 2024 23:30:00 -0400") == "2024-04-30"
    assert iso_date("2024-05-03T09:00:00Z") == "2024-05-03"
    assert iso_date("yesterday") is None
