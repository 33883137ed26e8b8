"""``newsevents run --engine dask``: the same pipeline over a Dask cluster, one loaded model per worker.

The client reads the input, skips documents already stored (same content hash) and splits the rest into
partitions in input order. Each worker process loads the pipeline once (a cache keyed by the settings) and
writes its partition's results as one Parquet shard (pickled ``DocResult`` per row, via DuckDB) in a run
folder next to the store. The client then loads the shards in partition order into the store with the same
transactional batch writer as the local engine, so cross-article event merging, story clusters and event ids
come out the same. The only module that imports dask.
"""

from __future__ import annotations

import pickle
import shutil
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from newsevents.batch import RunSummary, _Clusters, _pipeline, content_hasher
from newsevents.config import Settings
from newsevents.errors import Code, NewsEventsError
from newsevents.ingest import read_inputs
from newsevents.model import DocResult, RawDoc, Rejected
from newsevents.store import StoredDoc
from newsevents.store.access import BatchWriter
from newsevents.store.rows import raw_text

INSTALL_HINT = "the dask engine needs the optional extra: pip install 'newsevents[dask]'"


def _distributed() -> Any:
    """The ``distributed`` module, or a NewsEventsError saying how to install it."""
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as exc:
        raise NewsEventsError(Code.E902, f"{INSTALL_HINT} ({exc})") from exc
    return distributed


def process_partition(settings: Settings, items: list[RawDoc | Rejected], shard: str) -> int:
    """Worker task: run the pipeline (loaded once per worker process) and write one Parquet shard; rows."""
    results = list(_pipeline(settings).process(items))
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE shard (seq INTEGER, doc_id VARCHAR, result BLOB)")
        con.executemany("INSERT INTO shard VALUES (?, ?, ?)",
                        [[i, r.doc_id, pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)]
                         for i, r in enumerate(results)])
        tmp = shard + ".tmp"
        con.execute(f"COPY shard TO '{_quote(tmp)}' (FORMAT PARQUET)")
    finally:
        con.close()
    Path(tmp).replace(shard)  # a shard is either complete or absent
    return len(results)


def read_shard(shard: str | Path) -> Iterator[DocResult]:
    """The results of one shard in input order."""
    con = duckdb.connect()
    try:
        rows = con.execute(f"SELECT result FROM read_parquet('{_quote(str(shard))}') ORDER BY seq").fetchall()
    finally:
        con.close()
    for (blob,) in rows:
        yield pickle.loads(bytes(blob))  # noqa: S301 - our own shards, written by this run's workers


def _quote(path: str) -> str:
    return path.replace("'", "''")


def _split(items: list[Any], parts: int) -> list[list[Any]]:
    step = max(1, -(-len(items) // max(1, parts)))
    return [items[i:i + step] for i in range(0, len(items), step)]


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    distributed = _distributed()
    if scheduler:
        return distributed.Client(scheduler), None
    cluster = distributed.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    return distributed.Client(cluster), cluster


def run_dask(paths: Sequence[str | Path], db_path: str | Path, settings: Settings | None = None,
             workers: int = 2, scheduler: str | None = None, partitions: int | None = None,
             batch_docs: int = 64, keep_shards: bool = False) -> RunSummary:
    """Process ``paths`` into the store at ``db_path`` on a Dask cluster (a LocalCluster of ``workers``
    processes when ``scheduler`` is None); the same store contents as ``batch.run_corpus``."""
    settings = settings or Settings()
    _distributed()  # fail before touching the store when dask is missing
    started = time.monotonic()
    store = BatchWriter(db_path)  # opened per batch, as the local engine does: servers read in between
    run_id = store.start_run({"paths": [str(p) for p in paths], "engine": "dask", "scheduler": scheduler,
                              "workers": workers, "partitions": partitions,
                              "default_date": settings.default_date,
                              "dictionaries": str(settings.dictionaries) if settings.dictionaries else None})
    summary = RunSummary(run_id=run_id, db_path=str(db_path))
    shard_dir = Path(db_path).resolve().parent / f".{Path(db_path).name}.run{run_id}.shards"
    client = cluster = None
    try:
        todo, raws, hashes = _todo(store, paths, settings, summary)
        if todo:
            client, cluster = _client(scheduler, workers)
            n_parts = partitions or max(1, 2 * len(client.scheduler_info().get("workers", {})) or 2)
            shard_dir.mkdir(parents=True, exist_ok=True)
            parts = _split(todo, n_parts)
            shards = [str(shard_dir / f"part-{i:05d}.parquet") for i in range(len(parts))]
            futures = client.map(process_partition, [settings] * len(parts), parts, shards, pure=False)
            client.gather(futures)
            _load(store, shards, raws, hashes, run_id, summary, batch_docs)
        summary.total_documents = store.count("documents")
        summary.total_mentions = store.count("mentions")
        summary.total_events = store.count("events")
        summary.seconds = round(time.monotonic() - started, 3)
        store.finish_run(run_id, summary.to_dict())
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        store.close()
        if not keep_shards and shard_dir.exists():
            shutil.rmtree(shard_dir, ignore_errors=True)
    return summary


def _todo(store: Any, paths: Sequence[str | Path], settings: Settings, summary: RunSummary
          ) -> tuple[list[RawDoc | Rejected], list[RawDoc | Rejected], list[str | None]]:
    """Inputs not yet stored with the same content hash, in input order, with their hashes."""
    content_hash = content_hasher()
    items = list(read_inputs([str(p) for p in paths], stdin=None, default_date=settings.default_date,
                             max_bytes=settings.max_document_bytes))
    summary.documents = len(items)
    hashes = []
    for item in items:
        text = raw_text(item)
        hashes.append(content_hash(text) if text is not None else None)
    stored = store.stored_hashes(i.doc_id for i in items)
    todo, todo_hashes = [], []
    for item, h in zip(items, hashes, strict=True):
        if item.doc_id in stored and stored[item.doc_id] == h:
            summary.skipped += 1
            continue
        stored[item.doc_id] = h
        todo.append(item)
        todo_hashes.append(h)
    return todo, todo, todo_hashes


def _load(store: Any, shards: list[str], raws: list[RawDoc | Rejected], hashes: list[str | None], run_id: int,
          summary: RunSummary, batch_docs: int) -> None:
    """Write the shards' results into the store in input order, ``batch_docs`` per transaction."""
    clusters = _Clusters(store.signatures())
    results = (r for shard in shards for r in read_shard(shard))
    batch: list[StoredDoc] = []
    for raw, h, result in zip(raws, hashes, results, strict=True):
        cluster, signature = (clusters.add(result.doc_id, result.article.text)
                              if result.article is not None else (None, None))
        batch.append(StoredDoc(result, raw, h, cluster, signature))
        if len(batch) >= batch_docs:
            _write(store, batch, run_id, summary)
            batch = []
    if batch:
        _write(store, batch, run_id, summary)


def _write(store: Any, batch: list[StoredDoc], run_id: int, summary: RunSummary) -> None:
    counts = store.write_batch(batch, run_id)
    summary.new += counts.documents
    summary.mentions += counts.mentions
    for code, n in counts.rejected.items():
        summary.rejected[code] = summary.rejected.get(code, 0) + n
