"""Resource limits: pathological documents (50 MB text, 10,000-deep HTML, gzip bomb, a million-character
sentence, a slow document) are coded rejections in bounded time and memory, and the batch goes on."""

from __future__ import annotations

import gzip
import io
import resource
import time

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.config import Settings
from newsevents.ingest import read_inputs
from newsevents.limits import TimeLimitExceeded, check_article, html_depth, longest_sentence, time_limit
from newsevents.model import Article, RawDoc, Rejected
from newsevents.pipeline import Pipeline

GOOD = ("Russian troops attacked the city of Kharkiv on Monday, killing three civilians, regional officials said. "
        "Ukraine's president condemned the strike.")


@pytest.fixture(scope="module")
def pipe(nlp):
    return Pipeline(Settings())


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(pipe: Pipeline, docs: list[RawDoc]) -> dict[str, object]:
    return {r.doc_id: (r.rejected.code if r.rejected else len(r.events)) for r in pipe.process(docs)}


def test_html_depth_counts_nesting_not_flat_or_void_tags():
    assert html_depth("<html><body><p>a<p>b<p>c<br><img src=x></body></html>") == 0
    assert html_depth("<div><div><span>x</span></div><div></div></div>") == 3
    assert html_depth("<div>" * 10_000, stop_at=50) == 51  # stops scanning early
    assert html_depth("<ul>" + "<li>item" * 5000 + "</ul>") == 1


def test_longest_sentence_measures_runs_without_an_end():
    assert longest_sentence("One. Two two! Three?") == 8  # " Two two"
    assert longest_sentence("a" * 50 + "\n" + "b" * 20) == 50
    assert longest_sentence("x" * 1_000_000) == 1_000_000
    assert longest_sentence("") == 0


def test_ten_thousand_deep_html_is_e115_and_the_batch_goes_on(pipe):
    deep = "<html><body>" + "<div>" * 10_000 + GOOD + "</div>" * 10_000 + "</body></html>"
    start = time.monotonic()
    out = _run(pipe, [RawDoc("deep", html=deep), RawDoc("good", text=GOOD, date="2024-04-30")])
    assert out["deep"] == "E115"
    assert isinstance(out["good"], int) and out["good"] >= 1
    assert time.monotonic() - start < 10


def test_million_character_sentence_is_e116_fast(pipe):
    endless = ("Russian troops attacked the city and " * 27_100)[:1_000_000]
    before = _rss_mb()
    start = time.monotonic()
    out = _run(pipe, [RawDoc("endless", text=endless), RawDoc("shorter", text=endless[:200_000]),
                      RawDoc("good", text=GOOD, date="2024-04-30")])
    assert out["endless"] == "E109"  # over max_document_chars before its sentence is even measured
    assert out["shorter"] == "E116" and out["good"] >= 1
    assert time.monotonic() - start < 5  # unbounded it takes ~45 s and 2.8 GB
    assert _rss_mb() - before < 300


def test_long_text_after_cleaning_is_e109():
    article = Article(doc_id="big", text="Short sentence here. " * 30_000)
    rej = check_article(article, Settings())
    assert isinstance(rej, Rejected) and rej.code == "E109" and "max_document_chars" not in rej.reason
    assert check_article(Article(doc_id="ok", text=GOOD), Settings()) is None


def test_fifty_megabyte_text_file_is_e109_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing to read
    (tmp_path / "small.txt").write_text(GOOD)
    before = _rss_mb()
    start = time.monotonic()
    items = list(read_inputs([str(tmp_path)], max_bytes=Settings().max_document_bytes))
    codes = {i.doc_id: (i.code if isinstance(i, Rejected) else "ok") for i in items}
    assert codes == {"big": "E109", "small": "ok"}
    assert time.monotonic() - start < 2 and _rss_mb() - before < 40


def _warc_with_bomb(size: int) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, body, enc in (("https://news.example/bomb", gzip.compress(b"<p>" + b"A" * size), "gzip"),
                           ("https://news.example/good", f"<html><body><article><p>{GOOD}</p><p>{GOOD}</p>"
                            "</article></body></html>".encode(), None)):
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        if enc:
            headers.append(("Content-Encoding", enc))
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                                      http_headers=http,
                                                      warc_headers_dict={"WARC-Date": "2024-04-30T12:00:00Z"}))
    return buf.getvalue()


def test_gzip_bomb_is_e113_not_expanded(tmp_path, pipe):
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(_warc_with_bomb(200_000_000))  # 200 MB of "A" in about 200 KB
    assert path.stat().st_size < 1_000_000
    before = _rss_mb()
    start = time.monotonic()
    items = list(read_inputs([str(path)], max_bytes=Settings().max_document_bytes, max_record_bytes=1_000_000))
    assert [type(i).__name__ for i in items] == ["Rejected", "RawDoc"]
    assert items[0].code == "E113"
    assert time.monotonic() - start < 5 and _rss_mb() - before < 100
    out = _run(pipe, items)
    assert list(out.values())[1] >= 1  # the batch went on


def test_time_limit_rejects_a_slow_document_as_e114_and_the_batch_goes_on(nlp):
    slow = " ".join(f"Russian troops attacked village number {i} near Kharkiv on Monday." for i in range(3000))
    pipe = Pipeline(Settings(max_seconds_per_document=0.3))
    start = time.monotonic()
    out = _run(pipe, [RawDoc("slow", text=slow, date="2024-04-30"), RawDoc("good", text=GOOD, date="2024-04-30")])
    assert out["slow"] == "E114" and out["good"] >= 1
    assert time.monotonic() - start < 15


def test_time_limit_is_a_no_op_off_the_main_thread_and_restores_the_handler():
    import signal
    import threading

    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        time.sleep(1)
    assert signal.getsignal(signal.SIGALRM) == before and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    done = []

    def worker() -> None:
        with time_limit(0.01):
            time.sleep(0.05)
        done.append(True)

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert done == [True]
