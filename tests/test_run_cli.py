"""``newsevents run/query/export`` end to end, and a SIGKILLed run that a re-run completes exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from newsevents.batch import KILL_HOOK_ENV, run_corpus
from newsevents.cli import app
from newsevents.config import Settings
from newsevents.store import open_store
from newsevents.store.schema import DATA_TABLES

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def test_run_query_export_commands(tmp_path, nlp):
    runner = CliRunner()
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["run", str(CORPUS / "articles.jsonl"), "--db", str(db), "--date", "2024-03-12",
                                 "--quiet"])
    assert result.exit_code == 0, result.output
    assert "5 new" in result.output
    again = runner.invoke(app, ["run", str(CORPUS / "articles.jsonl"), "--db", str(db), "--quiet"])
    assert "0 new, 5 skipped" in again.output
    out = runner.invoke(app, ["query", "--db", str(db), "--type", "ASSAULT", "--format", "jsonl"])
    assert out.exit_code == 0
    records = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert records and all(r["plover"]["event"] == "ASSAULT" and r["num_articles"] >= 1 for r in records)
    assert max(r["num_articles"] for r in records) == 3
    table = runner.invoke(app, ["query", "--db", str(db), "--actor", "INDGOV", "--format", "csv"])
    assert table.exit_code == 0 and table.stdout.startswith("event_key,")
    exported = runner.invoke(app, ["export", "--db", str(db), "--format", "gdelt-events", "--out",
                                   str(tmp_path / "g.tsv")])
    assert exported.exit_code == 0 and (tmp_path / "g.tsv").read_text().count("\t") % 60 == 0
    bad = runner.invoke(app, ["export", "--db", str(db), "--format", "xml", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "E901" in bad.output
    missing = runner.invoke(app, ["query", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with open_store(db, read_only=True) as store:
        return {t: store.ids(t) for t in DATA_TABLES}


def test_killed_run_then_rerun_equals_uninterrupted_run(tmp_path, nlp):
    corpus = CORPUS / "crash.jsonl"
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    env = dict(os.environ, **{KILL_HOOK_ENV: "1"})
    proc = subprocess.run([sys.executable, "-m", "newsevents", "run", str(corpus), "--db", str(killed_db),
                           "--batch", "8", "--quiet"], env=env, capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    partial = _snapshot(killed_db)
    assert len(partial["documents"]) == 8  # exactly the first committed batch survived

    settings = Settings()
    resumed = run_corpus([corpus], killed_db, settings, progress=False, batch_docs=8)
    assert (resumed.skipped, resumed.new) == (8, 32)
    run_corpus([corpus], clean_db, settings, progress=False, batch_docs=16)
    assert _snapshot(killed_db) == _snapshot(clean_db)
    assert len(_snapshot(clean_db)["documents"]) == 40

    again = run_corpus([corpus], killed_db, settings, progress=False, batch_docs=8)
    assert again.new == 0 and _snapshot(killed_db) == _snapshot(clean_db)
