"""The command line: formats, bad input reported with codes while the rest is processed, exit statuses."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsevents.cli import app

GOOD = "Police arrested 20 protesters in Nairobi on Monday, officials said.\n"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def bad_inputs(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                       encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"id": "j1", "text": GOOD, "date": "2024-03-04"}) + "\n{not json\n"
        + json.dumps({"id": "j3"}) + "\n", encoding="utf-8")
    return tmp_path


def test_bad_inputs_are_reported_and_the_rest_processed(runner, bad_inputs, tmp_path):
    report = tmp_path / "report.jsonl"
    paths = [str(bad_inputs / name) for name in ("good.txt", "empty.txt", "binary.txt", "nav.html",
                                                  "lines.jsonl")] + [str(bad_inputs / "missing.txt")]
    result = runner.invoke(app, ["extract", *paths, "--format", "jsonl", "--date", "2024-03-04",
                                 "--report", str(report)])
    assert result.exit_code == 0, result.output
    records = {r["doc_id"]: r for r in map(json.loads, report.read_text().splitlines())}
    assert records["good"]["status"] == "ok" and records["j1"]["status"] == "ok"
    codes = {doc: r.get("code") for doc, r in records.items() if r["status"] == "rejected"}
    assert "E102" in codes.values()  # empty
    assert "E103" in codes.values()  # binary
    assert "E105" in codes.values()  # not JSON
    assert "E106" in codes.values()  # no text
    assert "E101" in codes.values()  # missing path
    assert "E201" in codes.values()  # html without article text
    assert "Traceback" not in result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {e["doc_id"] for e in events} >= {"good", "j1"}


def test_usage_error_exits_2(runner):
    result = runner.invoke(app, ["extract", "x.txt", "--date", "30/04/2024"])
    assert result.exit_code == 2


def test_stdin_and_json_format(runner):
    result = runner.invoke(app, ["extract", "-", "--format", "json", "--date", "2024-03-04"], input=GOOD)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload and payload[0]["doc_id"] == "stdin"
    event = payload[0]
    assert event["plover"]["event"] == "COERCE" and event["cameo"]["root"] == "17"
    assert event["magnitude"]["arrested"] == {"value": 20, "qualifier": "exact"}
    assert event["source"][0]["sector"] == "COP"


def test_table_format_shows_cleaning_counts(runner, tmp_path):
    path = tmp_path / "story.txt"
    para = "Rebels attacked a military base near Goma on Sunday, the army said in a statement."
    path.write_text(f"{para}\n{para}\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--date", "2024-03-04"])
    assert result.exit_code == 0, result.output
    assert "1 repeated removed" in result.stdout
    assert "ASSAULT" in result.stdout
