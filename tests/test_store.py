"""The DuckDB store: migrations, idempotent batch writes, replacement of changed documents, recomputed events."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.batch import run_corpus
from newsevents.config import Settings
from newsevents.model import Article, DocResult, RawDoc, Rejected
from newsevents.store import EventFilter, StoredDoc, open_store, query_events
from newsevents.store.schema import DATA_TABLES, MIGRATIONS

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, nlp) -> Path:
    db = tmp_path_factory.mktemp("store") / "events.duckdb"
    run_corpus([CORPUS / "articles.jsonl", CORPUS / "gaza.txt"], db, Settings(default_date="2024-03-12"),
               progress=False)
    return db


def test_migrations_recorded_once(tmp_path):
    db = tmp_path / "m.duckdb"
    with open_store(db) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
    with open_store(db) as store:
        assert store.migrate() == []
        assert store.counts() == dict.fromkeys(DATA_TABLES, 0)


def test_read_only_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "nope.duckdb", read_only=True)


def test_corpus_merges_syndicated_copy_and_follow_up(corpus_db):
    with open_store(corpus_db, read_only=True) as store:
        assert store.count("documents") == 6
        attacks = query_events(store, EventFilter(type="ASSAULT", actor="INDREB"))
        srinagar = [e for e in attacks if (e["location"] or {}).get("name") == "Srinagar"]
        assert len(srinagar) == 1
        assert srinagar[0]["num_articles"] == 3 and srinagar[0]["num_sources"] == 3
        dantewada = [e for e in attacks if (e["location"] or {}).get("name") == "Dantewada"]
        assert len(dantewada) == 1 and dantewada[0]["num_articles"] == 1
        # every mention points at an existing event, every event at one of its mentions
        orphans = store.con.execute("SELECT count(*) FROM mentions m LEFT JOIN events e USING (event_key) "
                                    "WHERE e.event_key IS NULL").fetchone()[0]
        assert orphans == 0


def test_query_filters(corpus_db):
    with open_store(corpus_db, read_only=True) as store:
        everything = query_events(store)
        keys = {"num_mentions", "num_sources", "num_articles", "cameo", "source"}
        assert all(keys <= set(e) for e in everything)
        assert len(query_events(store, EventFilter(limit=2))) == 2
        assert query_events(store, EventFilter(since="2030-01-01")) == []
        assert len(query_events(store, EventFilter(until="2024-03-31"))) == len(everything)
        usa = query_events(store, EventFilter(country="USA"))
        assert usa and all(any(a["country"] == "USA" for a in e["source"] + e["target"])
                           or (e["location"] or {}).get("country") == "USA" for e in usa)
        assert not any((e["location"] or {}).get("name") == "Dantewada" for e in usa)
        assert all(e["cameo"]["code"].startswith("19") for e in query_events(store, EventFilter(type="19")))
        assert query_events(store, EventFilter(actor="'; DROP TABLE events; --")) == []
        assert store.count("events") == len(everything)


def test_rerun_adds_nothing(corpus_db):
    with open_store(corpus_db, read_only=True) as store:
        before = {t: store.ids(t) for t in DATA_TABLES}
    summary = run_corpus([CORPUS / "articles.jsonl", CORPUS / "gaza.txt"], corpus_db,
                         Settings(default_date="2024-03-12"), progress=False)
    assert (summary.new, summary.skipped) == (0, 6)
    with open_store(corpus_db, read_only=True) as store:
        assert {t: store.ids(t) for t in DATA_TABLES} == before


def _doc(doc_id: str, text: str) -> StoredDoc:
    raw = RawDoc(doc_id=doc_id, text=text, url=f"https://ex.org/{doc_id}")
    return StoredDoc(DocResult(doc_id, Article(doc_id, text)), raw, text)


def test_changed_document_replaces_old_version_and_rejections_are_stored(tmp_path, nlp):
    from newsevents.pipeline import Pipeline

    pipe = Pipeline(Settings(default_date="2024-03-12"))
    first = next(pipe.process([RawDoc("d1", text="Militants attacked police in Srinagar on Monday.",
                                      date="2024-03-12")]))
    second = next(pipe.process([RawDoc("d1", text="Protesters criticized the government in Dhaka on Monday.",
                                       date="2024-03-12")]))
    assert first.events and second.events
    rej = Rejected("bad", "ingest", "E102", "[E102] Empty document", "x.txt")
    with open_store(tmp_path / "r.duckdb") as store:
        run = store.start_run({})
        store.write_batch([StoredDoc(first, RawDoc("d1", text="a"), "h1"),
                           StoredDoc(DocResult("bad", None, rejected=rej), rej, None)], run)
        assert store.rejection_counts() == {"E102": 1}
        store.write_batch([StoredDoc(second, RawDoc("d1", text="b"), "h2")], run)
        codes = {r[0] for r in store.con.execute("SELECT cameo_root FROM mentions").fetchall()}
        assert "19" not in codes
        assert store.count("events") == len({r[0] for r in store.con.execute(
            "SELECT event_key FROM mentions").fetchall()})
        assert store.stored_hashes(["d1", "bad", "zz"]) == {"d1": "h2", "bad": None}
        before = store.ids("events")
        store.recompute_all()
        assert store.ids("events") == before


def test_failed_batch_rolls_back(tmp_path):
    with open_store(tmp_path / "f.duckdb") as store:
        run = store.start_run({})
        broken = StoredDoc(DocResult("x", Article("x", "t")), RawDoc("x", text="t"), "h")
        object.__setattr__(broken, "result", None)  # make the write fail half-way
        with pytest.raises(AttributeError):
            store.write_batch([_doc("ok", "fine"), broken], run)
        assert store.count("documents") == 0
