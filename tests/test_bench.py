"""The sentence pre-filter (exact offsets, same events) and the throughput benchmark's report."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsevents.config import Settings
from newsevents.extract.lexicon import Lexicon
from newsevents.model import RawDoc
from newsevents.nlp.prefilter import parse_sparse, plan, sentence_words, split_sentences, trigger_index
from newsevents.pipeline import Pipeline

FILLER = ("The weather in the capital was mild for the season. The river was calm and the markets opened late. "
          "Tea prices were unchanged from last week. ")
TEXT = ("NEW DELHI, May 2 (Reuters) - Indian police arrested 12 protesters in Delhi on Monday. " + FILLER
        + "Pakistan accused India of violating the ceasefire along the border.\n\n" + FILLER
        + "The two governments agreed to hold talks in Geneva next month. " + FILLER)


@pytest.fixture(scope="module")
def index():
    return trigger_index(Lexicon.load())


@pytest.fixture(scope="module")
def pipelines(nlp):
    return Pipeline(Settings(prefilter=True)), Pipeline(Settings(prefilter=False))


def test_split_sentences_covers_text():
    spans = split_sentences(TEXT)
    assert spans[0][0] == 0 and spans[-1][1] == len(TEXT)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert len(spans) >= 10


def test_plan_drops_sentences_without_triggers(index):
    segments = plan(TEXT, index)
    dropped = [TEXT[s.start:s.end] for s in segments if not s.keep]
    kept = "".join(TEXT[s.start:s.end] for s in segments if s.keep)
    assert dropped and all("arrested" not in d and "accused" not in d for d in dropped)
    assert "arrested 12" in kept and "accused India" in kept and "agreed to hold talks" in kept
    assert "river was calm" not in kept  # two sentences before the next trigger, none of its own
    assert kept.count("was mild") == 1  # the opening two sentences are always kept


def test_conditional_rules_need_their_words(index):
    assert index.candidate(sentence_words("Police arrested him."))
    assert not index.candidate(sentence_words("The sky was blue and the tea was hot."))
    assert not index.candidate(sentence_words("Officials said the tea was hot."))  # "said" alone is no event


def test_sparse_parse_keeps_text_and_offsets(nlp, index):
    (doc,) = parse_sparse(nlp, [TEXT], index, min_saving=0.0)
    assert doc.text == TEXT
    assert any(t.pos_ == "X" and len(t.text) > 40 for t in doc)  # dropped stretches are inert tokens
    for token in doc:
        assert TEXT[token.idx:token.idx + len(token.text)] == token.text
    for sent in doc.sents:
        assert TEXT[sent.start_char:sent.end_char] == sent.text


def _check_offsets(result):
    text = result.article.text
    for event in result.events:
        ev = event.evidence
        assert text[ev.start:ev.end] == ev.sentence
        words = ev.trigger.split()
        span = text[ev.trigger_start:ev.trigger_end]
        assert span.startswith(words[0]) and span.endswith(words[-1])


def test_prefilter_same_events_with_correct_offsets(pipelines, fixtures_dir, shared_dir):
    on, off = pipelines
    raws = [RawDoc(doc_id="synthetic", text=TEXT, date="2024-05-02"),
            RawDoc(doc_id="gaza", text=(fixtures_dir / "corpus" / "gaza.txt").read_text(), date="2024-04-30")]
    seed = shared_dir / "seed" / "article.txt"
    raws.append(RawDoc(doc_id="seed", text=seed.read_text(encoding="utf-8"), date="2024-04-30"))
    lines = (shared_dir / "corpora" / "india-police-docs.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    raws += [RawDoc(doc_id=d["id"], text=d["text"], date="2002-03-01") for d in map(json.loads, lines)]
    with_filter, without = list(on.process(raws)), list(off.process(raws))
    assert sum(len(r.events) for r in with_filter) >= 10
    for a, b in zip(with_filter, without, strict=True):
        _check_offsets(a)
        assert a.article.text == b.article.text
    assert {e.event_id for e in with_filter[0].events} == {e.event_id for e in without[0].events}
    lost = {e.event_id for r in without for e in r.events} - {e.event_id for r in with_filter for e in r.events}
    assert len(lost) <= 1


def test_bench_reports_figures(fixtures_dir, nlp):
    from newsevents.bench import run_bench
    from newsevents.cli import app

    result = run_bench(fixtures_dir / "corpus" / "articles.jsonl", docs=3)
    assert result.documents == 3 and result.words > 0
    assert result.articles_per_s > 0 and result.spacy_words_per_s and result.ratio and result.peak_rss_mb > 0
    assert "ratio (b)/(a)" in result.text()
    out = CliRunner().invoke(app, ["bench", str(fixtures_dir / "corpus" / "articles.jsonl"), "--docs", "2",
                                   "--json", "--no-reference"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert {"articles_per_s", "words_per_s", "peak_rss_mb", "spacy_words_per_s", "ratio"} <= data.keys()
    assert data["documents"] == 2 and data["ratio"] is None
    bad = CliRunner().invoke(app, ["bench", str(fixtures_dir / "nope.jsonl")])
    assert bad.exit_code == 2 and "E901" in bad.output


def test_fast_attribute_ruler_matches_spacy(nlp, shared_dir):
    import numpy
    from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

    from newsevents.nlp.pipeline import parse_fast

    texts = [TEXT, "Gon na say it ain't so; they're gonna protest.  Rebels didn't attack, police said.",
             (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")]
    cols = [POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_TYPE]
    for a, b in zip(nlp.pipe(texts), parse_fast(nlp, texts), strict=True):
        assert numpy.array_equal(a.to_array(cols), b.to_array(cols))


def test_gazetteer_bench_reports_load_and_lookups(monkeypatch):
    import newsevents.bench_gazetteer as geo

    monkeypatch.setattr(geo, "_fresh_process_load", lambda cache: 1.5 if cache == "off" else 0.25)
    result = geo.run_gazetteer_bench(rounds=20)
    assert result.load_cached_s == 0.25 and result.build_s == 1.5
    assert result.lookups_per_s > 0 and result.names > 100_000
    text = result.text()
    assert "load from cache 0.25 s" in text and "lookups/s" in text and "target" in text
