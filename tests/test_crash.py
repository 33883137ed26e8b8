"""Crash safety: a ``newsevents run`` SIGKILLed during extraction, inside a store write and inside event merging,
then restarted, leaves exactly the store of an uninterrupted run: same ids and counts, no partial rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.batch import run_corpus
from newsevents.config import Settings
from newsevents.faults import CRASH_ENV
from newsevents.store import open_store
from newsevents.store.schema import DATA_TABLES

CORPUS = Path(__file__).parent / "fixtures" / "corpus" / "crash.jsonl"
BATCH = 8
SETTINGS = Settings(default_date="2024-03-12")


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with open_store(db, read_only=True) as store:
        return {t: store.ids(t) for t in DATA_TABLES}


def _orphans(db: Path) -> dict[str, int]:
    """Rows whose parent is missing: a partial batch would leave some."""
    checks = {
        "mentions_without_document": "SELECT count(*) FROM mentions WHERE doc_id NOT IN (SELECT doc_id FROM "
                                     "documents)",
        "actors_without_mention": "SELECT count(*) FROM actors WHERE mention_id NOT IN (SELECT mention_id FROM "
                                  "mentions)",
        "mentions_without_event": "SELECT count(*) FROM mentions WHERE event_key IS NULL OR event_key NOT IN "
                                  "(SELECT event_key FROM events)",
        "events_without_mention": "SELECT count(*) FROM events WHERE event_key NOT IN (SELECT event_key FROM "
                                  "mentions WHERE event_key IS NOT NULL)",
        "rejections_without_document": "SELECT count(*) FROM rejections WHERE doc_id NOT IN (SELECT doc_id "
                                       "FROM documents)",
    }
    with open_store(db, read_only=True) as store:
        return {name: int(store.con.execute(sql).fetchone()[0]) for name, sql in checks.items()}


def _killed_run(db: Path, crash_at: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **{CRASH_ENV: crash_at})
    return subprocess.run([sys.executable, "-m", "newsevents", "run", str(CORPUS), "--db", str(db), "--batch",
                           str(BATCH), "--date", "2024-03-12", "--quiet"], env=env, capture_output=True,
                          timeout=180)


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory, nlp) -> dict[str, list[tuple]]:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    summary = run_corpus([CORPUS], db, SETTINGS, progress=False, batch_docs=BATCH)
    assert summary.new == summary.documents == 40
    assert all(n == 0 for n in _orphans(db).values())
    return _snapshot(db)


@pytest.mark.parametrize("crash_at, committed", [
    ("extract:20", 16),  # the 20th document's extraction: two batches of 8 committed, the third lost in memory
    ("write:2", 8),  # inside the second batch's transaction, rows written but not committed
    ("merge:3", 16),  # inside the third batch's transaction, events recomputed but not committed
])
def test_sigkill_then_restart_equals_uninterrupted_run(tmp_path, clean_store, crash_at, committed):
    db = tmp_path / "killed.duckdb"
    proc = _killed_run(db, crash_at)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    partial = _snapshot(db)
    assert len(partial["documents"]) == committed  # exactly the committed batches, nothing of the killed one
    assert all(n == 0 for n in _orphans(db).values()), _orphans(db)
    with open_store(db, read_only=True) as store:
        unfinished = store.con.execute("SELECT count(*) FROM runs WHERE finished IS NULL").fetchone()[0]
    assert unfinished == 1
    resumed = run_corpus([CORPUS], db, SETTINGS, progress=False, batch_docs=BATCH)
    assert resumed.skipped == committed and resumed.new == 40 - committed
    assert _snapshot(db) == clean_store
    assert all(n == 0 for n in _orphans(db).values())


def test_killed_twice_during_restart_still_converges(tmp_path, clean_store):
    db = tmp_path / "twice.duckdb"
    assert _killed_run(db, "write:2").returncode == -signal.SIGKILL
    assert _killed_run(db, "merge:2").returncode == -signal.SIGKILL  # the restart dies too, one batch later
    assert len(_snapshot(db)["documents"]) == 16
    run_corpus([CORPUS], db, SETTINGS, progress=False, batch_docs=BATCH)
    assert _snapshot(db) == clean_store


def test_sigkill_during_recompute_all_keeps_the_old_events(tmp_path, clean_store):
    db = tmp_path / "recompute.duckdb"
    run_corpus([CORPUS], db, SETTINGS, progress=False, batch_docs=BATCH)
    code = ("import sys; from newsevents.store import open_store; s = open_store(sys.argv[1]); "
            "s.recompute_all()")
    env = dict(os.environ, **{CRASH_ENV: "merge:1"})
    proc = subprocess.run([sys.executable, "-c", code, str(db)], env=env, capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    assert _snapshot(db) == clean_store  # the transaction was lost whole: events as before
    with open_store(db) as store:
        assert store.recompute_all() == len(clean_store["events"])
    assert _snapshot(db) == clean_store
