"""The Dask engine gives the same store as the local engine: event ids, counts and merged events."""

from __future__ import annotations

import pytest

from newsevents.batch import run_corpus
from newsevents.store import open_store

pytest.importorskip("dask")
pytest.importorskip("distributed")


def _snapshot(db):
    with open_store(db, read_only=True) as store:
        return store.counts(), {t: store.ids(t) for t in ("documents", "mentions", "events", "actors")}


def test_dask_local_cluster_matches_local_engine(fixtures_dir, tmp_path):
    corpus = [fixtures_dir / "corpus" / "crash.jsonl", fixtures_dir / "corpus" / "articles.jsonl"]
    local = run_corpus(corpus, tmp_path / "local.duckdb", workers=1, progress=False, batch_docs=7)
    dask = run_corpus(corpus, tmp_path / "dask.duckdb", workers=2, progress=False, batch_docs=7,
                      engine="dask", partitions=3)
    assert local.total_mentions > 0 and local.total_events > 0
    assert (dask.documents, dask.new, dask.mentions, dask.total_events) == \
           (local.documents, local.new, local.mentions, local.total_events)
    assert dask.rejected == local.rejected
    assert _snapshot(tmp_path / "dask.duckdb") == _snapshot(tmp_path / "local.duckdb")
    assert not list(tmp_path.glob(".dask.duckdb.run*.shards"))  # shards are removed after loading
    again = run_corpus(corpus, tmp_path / "dask.duckdb", workers=2, progress=False, engine="dask")
    assert again.new == 0 and again.skipped == local.documents  # re-running skips stored documents


def test_shard_round_trip(tmp_path):
    from newsevents.config import Settings
    from newsevents.engines.dask_engine import process_partition, read_shard
    from newsevents.model import RawDoc

    items = [RawDoc(doc_id="a", text="Police arrested 12 protesters in Delhi on Monday.", date="2024-05-01"),
             RawDoc(doc_id="b", text="Nothing happened.", date="2024-05-01")]
    shard = tmp_path / "part-00000.parquet"
    assert process_partition(Settings(), items, str(shard)) == 2
    results = list(read_shard(shard))
    assert [r.doc_id for r in results] == ["a", "b"]
    assert results[0].events and results[0].events[0].type.plover_mode == "arrest"
