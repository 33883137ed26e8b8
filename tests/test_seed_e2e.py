"""End to end on the seed story: every expected event of ../shared/seed/expected.json, field by field."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsevents import Pipeline
from newsevents.model import RawDoc


def _matches(event: dict, spec: dict) -> list[str]:
    """Why ``event`` is not the expected event ``spec`` (empty list: it is)."""
    problems = []
    if event["plover"]["event"] not in spec["plover_any"]:
        problems.append(f"plover {event['plover']['event']} not in {spec['plover_any']}")
    if event["cameo"]["root"] not in spec["cameo_root_any"]:
        problems.append(f"root {event['cameo']['root']} not in {spec['cameo_root_any']}")
    src_countries = {a["country"] for a in event["source"]}
    if "source_countries" in spec and not set(spec["source_countries"]) & src_countries:
        problems.append(f"source countries {src_countries}")
    if "source_names_any" in spec and not {a["name"] for a in event["source"]} & set(spec["source_names_any"]):
        problems.append(f"source names {[a['name'] for a in event['source']]}")
    if "target_countries" in spec and not set(spec["target_countries"]) & {a["country"] for a in event["target"]}:
        problems.append(f"target countries {[a['country'] for a in event['target']]}")
    loc = event["location"] or {}
    if "location_country" in spec and loc.get("country") != spec["location_country"]:
        problems.append(f"location {loc}")
    if "location_name" in spec and loc.get("name") != spec["location_name"]:
        problems.append(f"location name {loc.get('name')}")
    date = event["date"]
    if "date_status" in spec and date["status"] != spec["date_status"]:
        problems.append(f"status {date['status']}")
    if "date_value" in spec and date["value"] != spec["date_value"]:
        problems.append(f"date {date['value']}")
    value = date["value"] or ""
    if "date_before_or_on" in spec and not (value and value.split("/")[-1] <= spec["date_before_or_on"]):
        problems.append(f"date {value} not on/before {spec['date_before_or_on']}")
    if "date_after_or_on" in spec and not (value and value.split("/")[0] >= spec["date_after_or_on"]):
        problems.append(f"date {value} not on/after {spec['date_after_or_on']}")
    if "killed" in spec and event["magnitude"]["killed"] != spec["killed"]:
        problems.append(f"killed {event['magnitude']['killed']}")
    attribution = event["attribution"] or {}
    if "attribution_contains" in spec and spec["attribution_contains"] not in (attribution.get("text") or ""):
        problems.append(f"attribution {attribution}")
    if "attribution_cue" in spec and attribution.get("cue") != spec["attribution_cue"]:
        problems.append(f"attribution cue {attribution.get('cue')}")
    return problems


@pytest.fixture(scope="module")
def seed(shared_dir):
    text = (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    expected = json.loads((shared_dir / "seed" / "expected.json").read_text(encoding="utf-8"))
    return text, expected


@pytest.fixture(scope="module")
def seed_result(seed):
    text, _ = seed
    (result,) = list(Pipeline().process([RawDoc(doc_id="seed", text=text, date="2024-04-30")]))
    return result


def test_seed_cleaning_removes_repeated_paragraphs(seed_result, seed):
    expected = seed[1]["doc"]
    article = seed_result.article
    assert (article.paragraphs_in, article.paragraphs_out, article.paragraphs_removed) == (
        expected["paragraphs_in"], expected["paragraphs_out"], expected["paragraphs_removed"])


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 7])
def test_seed_required_event_found(seed_result, seed, n):
    spec = next(e for e in seed[1]["events"] if e["n"] == n)
    events = [e.to_dict() for e in seed_result.events]
    reasons = {e["evidence"]["trigger"]: _matches(e, spec) for e in events}
    assert any(not r for r in reasons.values()), f"event {n} not found; closest misses: {reasons}"


def _assign(specs: list[dict], events: list[dict], used: frozenset[int] = frozenset()) -> bool:
    """True when every spec can be given its own distinct predicted event (a one-to-one matching)."""
    if not specs:
        return True
    first, rest = specs[0], specs[1:]
    return any(i not in used and not _matches(e, first) and _assign(rest, events, used | {i})
               for i, e in enumerate(events))


def test_seed_required_events_one_to_one_and_none_twice(seed_result, seed):
    events = [e.to_dict() for e in seed_result.events]
    required = [s for s in seed[1]["events"] if s["required"]]
    assert _assign(required, events), "the 7 required events do not each have their own predicted event"
    keys = [(e["cameo"]["code"], tuple(sorted(a["name"] for a in e["source"])), e["date"]["value"])
            for e in events]
    assert len(keys) == len(set(keys)), f"an event is reported twice: {keys}"
    assert len(events) <= 10, f"too many events for a 6-paragraph story: {len(events)}"


def test_seed_standing_state_not_a_current_event(seed_result, seed):
    for spec in seed[1]["not_events"]:
        for event in seed_result.events:
            if spec["text_contains"] in event.evidence.sentence and event.date.status == "current":
                trigger = event.evidence.trigger
                assert trigger not in ("maintain", "continues", "control"), f"standing state coded: {trigger}"


def test_seed_every_event_has_provenance(seed_result):
    text = seed_result.article.text
    for event in seed_result.events:
        ev = event.evidence
        assert text[ev.start:ev.end] == ev.sentence
        assert text[ev.trigger_start:ev.trigger_end].split()[0] == ev.trigger.split()[0]
        assert event.extractor.startswith("newsevents.rules.")
        assert event.event_id


def test_seed_without_date_keeps_relative_dates_unresolved(seed):
    text, _ = seed
    (result,) = list(Pipeline().process([RawDoc(doc_id="seed", text=text)]))
    by_trigger = {e.evidence.trigger: e for e in result.events}
    years = [e for e in result.events if e.date.value == "2007"]
    assert years, f"'2007' no longer resolves without a publication date: {list(by_trigger)}"
    confirm = [e for e in result.events if e.type.cameo_root == "01" and "Tuesday" in e.evidence.sentence]
    assert confirm and all(e.date.value is None and e.date.precision == "unknown" for e in confirm)


def test_cli_jsonl_on_seed(shared_dir, tmp_path):
    report = tmp_path / "report.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "newsevents", "extract", str(shared_dir / "seed" / "article.txt"),
         "--date", "2024-04-30", "--format", "jsonl", "--report", str(report)],
        capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) >= 7 and all(line["doc_id"] == "article" for line in lines)
    record = json.loads(report.read_text().splitlines()[0])
    assert record["paragraphs_removed"] == 5
    assert "5 repeated paragraphs removed" in proc.stderr
