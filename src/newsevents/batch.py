"""Whole corpora: ingest -> pipeline (one per worker process) -> store in transactional batches.

``run_corpus`` skips documents already stored with the same content hash, so re-running a corpus adds nothing
and a run killed at any moment can simply be re-run. Test hook: with the environment variable
``NEWSEVENTS_TEST_KILL_AFTER_BATCHES=N`` the process SIGKILLs itself right after its N-th committed batch
(used by the crash test; never set it otherwise).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from newsevents.config import Settings
from newsevents.ingest import read_inputs
from newsevents.model import DocResult, RawDoc, Rejected
from newsevents.store import StoredDoc
from newsevents.store.access import BatchWriter
from newsevents.store.rows import fallback_content_hash, raw_text

KILL_HOOK_ENV = "NEWSEVENTS_TEST_KILL_AFTER_BATCHES"
DEFAULT_BATCH_DOCS = 64
LOOKAHEAD = 2  # chunks the worker pool parses ahead of the one being written


@dataclass
class RunSummary:
    """What a corpus run did: inputs seen, new and skipped documents, rejections by code, store totals."""

    run_id: int
    db_path: str
    documents: int = 0
    new: int = 0
    skipped: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    total_documents: int = 0
    total_mentions: int = 0
    total_events: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (stored in ``runs.counts``)."""
        return asdict(self)

    def text(self) -> str:
        """The human summary printed at the end of ``newsevents run``."""
        rej = ", ".join(f"{code} {n}" for code, n in sorted(self.rejected.items())) or "none"
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.documents} documents ({self.new} new, {self.skipped} skipped as already stored), "
                f"rejected: {rej}; {self.mentions} new mentions; "
                f"store now holds {self.total_documents} documents, "
                f"{self.total_mentions} mentions, {self.total_events} merged events; "
                f"{self.seconds:.1f} s ({rate:.1f} documents/s) -> {self.db_path}")


class _Clusters:
    """Story clusters: ``clean.clusters.StoryClusterer`` when available, else exact content-hash clusters."""

    def __init__(self, stored: Sequence[tuple[str, str, bytes]]):
        self.impl: Any = None
        try:
            from newsevents.clean.clusters import StoryClusterer  # type: ignore[import-not-found]
        except ImportError:
            return
        try:
            self.impl = StoryClusterer.from_signatures(stored) if stored else StoryClusterer()
        except Exception:  # noqa: BLE001 - an incompatible clusterer must not stop a run; fall back
            self.impl = None

    def add(self, doc_id: str, text: str) -> tuple[str, bytes | None]:
        """The story cluster id of a document (and its signature to store)."""
        if self.impl is not None:
            try:
                cluster = self.impl.add(doc_id, text)
                return str(cluster), self.impl.signature(doc_id)
            except Exception:  # noqa: BLE001
                self.impl = None
        return "h" + fallback_content_hash(text)[:16], None


def content_hasher() -> Callable[[str], str]:
    """The content hash used to skip stored documents: ``clean.clusters.content_hash``, else a local fallback."""
    try:
        from newsevents.clean.clusters import content_hash  # type: ignore[import-not-found]
    except ImportError:
        return fallback_content_hash
    return content_hash


@functools.lru_cache(maxsize=2)
def _pipeline(settings: Settings):  # noqa: ANN202 - Pipeline imported lazily (spaCy)
    from newsevents.pipeline import Pipeline

    return Pipeline(settings)


def _work(task: tuple[Settings, list[RawDoc | Rejected]]) -> list[DocResult]:
    """Worker entry point (module level, so ``spawn`` can pickle it): one loaded pipeline per process."""
    settings, items = task
    return list(_pipeline(settings).process(items))


def _gather(parts: list[Any]) -> list[DocResult]:
    """The results of one chunk's pool tasks (``AsyncResult``s), in order."""
    return [r for part in parts for r in part.get()]


@dataclass
class _Chunk:
    """A chunk of inputs whose documents to process were submitted and are waiting to be written."""

    index: int
    todo: list[RawDoc | Rejected]
    hashes: dict[int, str | None]
    results: Callable[[], list[DocResult]]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _split(items: list[Any], parts: int) -> list[list[Any]]:
    step = max(1, -(-len(items) // parts))
    return [items[i:i + step] for i in range(0, len(items), step)]


class _Progress:
    """A rich progress line on a terminal (articles, articles/s, events, rejected); silent when piped."""

    def __init__(self, enabled: bool):
        self.bar: Any = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("starting")
        self.start = time.monotonic()

    def update(self, s: RunSummary, events: int) -> None:
        if self.bar is None:
            return
        rate = s.documents / max(1e-9, time.monotonic() - self.start)
        self.bar.update(self.task, description=f"{s.documents} articles  {rate:.1f}/s  {events} events  "
                                               f"{sum(s.rejected.values())} rejected  {s.skipped} skipped")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def run_corpus(paths: Sequence[str | Path], db_path: str | Path, settings: Settings | None = None,
               workers: int = 1, progress: bool = True, batch_docs: int = DEFAULT_BATCH_DOCS,
               engine: str = "local", scheduler: str | None = None, partitions: int | None = None) -> RunSummary:
    """Process every document under ``paths`` into the store at ``db_path``; returns the run's summary.

    ``engine="dask"`` runs the pipeline on a Dask cluster instead (``scheduler`` address, or a LocalCluster
    of ``workers`` processes; see ``engines/dask_engine.py``); the store ends up the same.
    """
    settings = settings or Settings()
    if engine == "dask":
        from newsevents.engines.dask_engine import run_dask

        return run_dask(paths, db_path, settings, workers=workers, scheduler=scheduler, partitions=partitions,
                        batch_docs=batch_docs)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
    started = time.monotonic()
    kill_after = int(os.environ.get(KILL_HOOK_ENV, "0") or 0)
    store = BatchWriter(db_path)  # opened per batch, closed after commit: servers read in between
    run_id = store.start_run({"paths": [str(p) for p in paths], "workers": workers,
                              "default_date": settings.default_date,
                              "dictionaries": str(settings.dictionaries) if settings.dictionaries else None})
    summary = RunSummary(run_id=run_id, db_path=str(db_path))
    clusters = _Clusters(store.signatures())
    content_hash = content_hasher()
    pool = multiprocessing.get_context("spawn").Pool(workers) if workers > 1 else None
    bar = _Progress(progress)
    events_seen = 0
    batches = 0
    # Chunks submitted to the pool and not yet written, oldest first: the workers parse up to LOOKAHEAD chunks
    # ahead while this process writes the oldest. Writes (and story clusters) stay in input order, one
    # transaction per chunk, so a kill still leaves a prefix of the chunks committed.
    inflight: deque[_Chunk] = deque()
    pending: dict[str, tuple[str | None, int]] = {}  # doc id -> (content hash, chunk) submitted, not yet stored

    def submit(index: int, chunk: list[RawDoc | Rejected]) -> None:
        summary.documents += len(chunk)
        hashes = {}
        for item in chunk:
            text = raw_text(item)
            hashes[id(item)] = content_hash(text) if text is not None else None
        stored = store.stored_hashes(i.doc_id for i in chunk)
        stored.update((i.doc_id, pending[i.doc_id][0]) for i in chunk if i.doc_id in pending)
        todo: list[RawDoc | Rejected] = []
        for item in chunk:
            h = hashes[id(item)]
            if item.doc_id in stored and stored[item.doc_id] == h:
                summary.skipped += 1
                continue
            stored[item.doc_id] = h  # a repeated id later in this batch is skipped too
            pending[item.doc_id] = (h, index)
            todo.append(item)
        if not todo:
            results: Callable[[], list[DocResult]] = list
        elif pool is None:
            results = functools.partial(_work, (settings, todo))
        else:
            parts = [pool.apply_async(_work, ((settings, part),)) for part in _split(todo, workers)]
            results = functools.partial(_gather, parts)
        inflight.append(_Chunk(index, todo, hashes, results))

    def write_oldest() -> None:
        nonlocal events_seen, batches
        chunk = inflight.popleft()
        if chunk.todo:
            docs = []
            for raw, result in zip(chunk.todo, chunk.results(), strict=True):
                cluster, signature = (clusters.add(result.doc_id, result.article.text)
                                      if result.article is not None else (None, None))
                docs.append(StoredDoc(result, raw, chunk.hashes[id(raw)], cluster, signature))
                events_seen += len(result.events)
            counts = store.write_batch(docs, run_id)
            for raw in chunk.todo:
                if pending.get(raw.doc_id, (None, -1))[1] == chunk.index:
                    del pending[raw.doc_id]
            summary.new += counts.documents
            summary.mentions += counts.mentions
            for code, n in counts.rejected.items():
                summary.rejected[code] = summary.rejected.get(code, 0) + n
            batches += 1
            if kill_after and batches >= kill_after:
                os.kill(os.getpid(), signal.SIGKILL)
        bar.update(summary, events_seen)

    lookahead = LOOKAHEAD if pool is not None else 0
    finished = False
    try:
        items = read_inputs([str(p) for p in paths], stdin=None, default_date=settings.default_date,
                            max_bytes=settings.max_document_bytes, max_record_bytes=settings.max_record_bytes)
        for index, chunk in enumerate(_chunks(items, batch_docs)):
            submit(index, chunk)
            while len(inflight) > lookahead:
                write_oldest()
        while inflight:
            write_oldest()
        summary.total_documents = store.count("documents")
        summary.total_mentions = store.count("mentions")
        summary.total_events = store.count("events")
        summary.seconds = round(time.monotonic() - started, 3)
        store.finish_run(run_id, summary.to_dict())
        finished = True
    finally:
        bar.stop()
        if pool is not None:
            if finished:
                pool.close()
            else:
                pool.terminate()  # do not wait for chunks parsed ahead
            pool.join()
        store.close()
    return summary
