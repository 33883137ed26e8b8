"""Unit tests of the evaluation metrics on tiny hand-made gold/prediction pairs, and agreement with the
independent reference scorer (``shared/eval/score.py``) when it is beside the project."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from itertools import islice
from pathlib import Path

import pytest

from newsevents.eval import compare_floors, flatten_figures, merge_floors, pin_floors, score_lines
from newsevents.eval.predictions import group_predictions, normalize_event
from newsevents.eval.runner import predict
from newsevents.eval.scoring import score_documents
from newsevents.eval.suite import plan, run_suite


def actor(text: str = "", country: str | None = None, sector: str | None = None, code: str | None = None) -> dict:
    return {"text": text, "code": code, "country": country, "sector": sector}


def pred(doc_id: str, plover: str | None = None, root: str | None = None, code: str | None = None,
         source=(), target=(), confidence: float = 0.5, negated: bool = False, mode: str | None = None,
         location: str | None = None, trigger: dict | None = None, killed: int | None = None) -> dict:
    """An output-contract event with just the fields the metrics read."""
    return {"doc_id": doc_id, "plover": {"event": plover, "mode": mode, "context": []},
            "cameo": {"code": code, "root": root}, "source": list(source), "target": list(target),
            "negated": negated, "confidence": confidence,
            "location": {"name": location} if location else None,
            "magnitude": {"killed": {"value": killed}} if killed else {},
            "evidence": {"trigger": trigger, "start": 0, "end": 0}}


def gold_event(plover: str | None = None, root: str | None = None, source=(), target=(), penta: int | None = None,
               trigger: dict | None = None, location: dict | None = None) -> dict:
    return {"plover": plover, "cameo_root": root, "penta": penta, "source": list(source), "target": list(target),
            "trigger": trigger, "location": location}


def gdoc(doc_id: str, set_: str, events=(), text: str = "x", labels=()) -> dict:
    return {"id": doc_id, "set": set_, "text": text, "date": None, "events": list(events), "labels": list(labels)}


def score(golds: list[dict], preds: list[dict]) -> dict:
    stats: Counter = Counter()
    grouped = group_predictions(preds, {g["id"] for g in golds}, stats)
    return score_documents(golds, grouped)


# ---------------------------------------------------------------- event sets
def test_one_to_one_matching_counts_extra_events():
    g = [gdoc("d1", "plover-gsr", [gold_event("PROTEST"), gold_event("PROTEST")]),
         gdoc("d2", "plover-gsr", [gold_event("AID")])]
    p = [pred("d1", "PROTEST"), pred("d1", "PROTEST"), pred("d1", "PROTEST"), pred("d1", "ASSAULT")]
    r = score(g, p)["plover-gsr"]
    assert r["plover"]["tp"] == 2 and r["plover"]["n_pred"] == 4 and r["plover"]["n_gold"] == 3
    assert r["plover"]["precision"] == 0.5 and r["plover"]["recall"] == 0.6667
    assert r["extra_event_rate"] == round(2 / 3, 4)
    assert r["docs_no_pred"] == 1 and r["docs_no_pred_rate"] == 0.5
    assert r["cameo_root"] is None


def test_matching_does_not_cross_documents():
    g = [gdoc("d1", "plover-gsr", [gold_event("AID")]), gdoc("d2", "plover-gsr", [gold_event("ASSAULT")])]
    r = score(g, [pred("d1", "ASSAULT"), pred("d2", "AID")])["plover-gsr"]
    assert r["plover"]["tp"] == 0 and r["extra_event_rate"] == 1.0


def test_matching_prefers_the_right_dyad_then_confidence():
    usa, irq = actor("US", "USA", "GOV"), actor("Iraq", "IRQ", "GOV")
    g = [gdoc("d1", "plover-gsr", [gold_event("ASSAULT", source=[usa], target=[irq])])]
    p = [pred("d1", "ASSAULT", source=[actor("France", "FRA")], target=[irq], confidence=0.9),
         pred("d1", "ASSAULT", source=[actor("Americans", "USA", "MIL")], target=[actor("Iraq", "IRQ", "GOV")],
              confidence=0.1)]
    r = score(g, p)["plover-gsr"]
    assert r["dyad_pairs"] == 1
    assert r["dyad_accuracy"] == 1.0  # the low-confidence candidate with the right countries was taken
    assert r["dyad_sector_accuracy"] == 0.0  # USA MIL is not USA GOV


def test_dyad_skips_pairs_without_gold_countries_and_empty_sides_agree():
    g = [gdoc("d1", "plover-gsr", [gold_event("AID", source=[actor("UN", None, "IGO")])]),
         gdoc("d2", "plover-gsr", [gold_event("AID", source=[actor("Kenya", "KEN")])])]
    p = [pred("d1", "AID"), pred("d2", "AID", source=[actor("Kenya", "KEN")])]
    r = score(g, p)["plover-gsr"]
    assert r["dyad_pairs"] == 1 and r["dyad_accuracy"] == 1.0


def test_cameo_sets_match_on_root_and_count_rootless_predictions_as_extra():
    g = [gdoc("d1", "petr-unit", [gold_event("ASSAULT", root="19"), gold_event("CONSULT", root="04")])]
    p = [pred("d1", "ASSAULT", code="190"), pred("d1", "CONSULT", root="05"), pred("d1", "AID")]
    r = score(g, p)["petr-unit"]
    assert r["cameo_root"]["tp"] == 1 and r["cameo_root"]["n_pred"] == 2  # root from code "190"
    assert r["plover"]["tp"] == 2 and r["plover"]["n_pred"] == 3
    assert r["extra_event_rate"] == 1.0  # 2 unmatched on CAMEO / 2 gold


# ---------------------------------------------------------------- penta, NER, glocon
def test_penta_uses_top_event_and_plover_fallback():
    g = [gdoc("a", "conflibert-class-train", [gold_event(penta=4)]),
         gdoc("b", "conflibert-class-train", [gold_event(penta=1)]),
         gdoc("c", "conflibert-class-train", [gold_event(penta=3)])]
    p = [pred("a", "AID", root="07", confidence=0.4), pred("a", "ASSAULT", root="19", confidence=0.9),
         pred("b", "CONSULT", confidence=0.5)]
    r = score(g, p)["conflibert-class-train"]
    assert r["accuracy"] == round(2 / 3, 4) and r["no_prediction"] == 1
    # classes 1 and 4 have F1 1.0; class 3 has F1 0; 0 and 2 are empty (F1 0): macro = 2/5
    assert r["macro_f1"] == 0.4


def test_ner_token_overlap():
    g = [gdoc("d", "conflibert-ner-train", [gold_event(source=[actor("the United States")],
                                                       target=[actor("Iraq")])])]
    p = [pred("d", "ASSAULT", source=[actor("United States army")], target=[actor("Baghdad")], confidence=0.9),
         pred("d", "AID", source=[actor("Iraq")], target=[actor("Iraq")], confidence=0.1)]
    r = score(g, p)["conflibert-ner-train"]
    assert r["source"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert r["target"]["f1"] == 0.0  # only the top event counts
    assert r["mean_f1"] == 0.3333


def test_glocon_protest_detection():
    g = [gdoc("a", "glocon", labels=["PROTEST"]), gdoc("b", "glocon"), gdoc("c", "glocon", labels=["PROTEST"])]
    p = [pred("a", "PROTEST"), pred("b", None, root="14"), pred("c", "ASSAULT")]
    r = score(g, p)["glocon"]
    assert (r["protest_precision"], r["protest_recall"], r["accuracy"]) == (0.5, 0.5, round(1 / 3, 4))


# ---------------------------------------------------------------- india police
def test_india_labels_need_police_source():
    cop = actor("police", "IND", "COP")
    g = [gdoc("a", "india-police", labels=["KILL", "FORCE", "ANY_ACTION"]),
         gdoc("b", "india-police", labels=["ARREST", "ANY_ACTION"]),
         gdoc("c", "india-police", labels=["FAIL"]),
         gdoc("d", "india-police", labels=["FORCE", "ANY_ACTION"])]
    p = [pred("a", "ASSAULT", source=[cop], killed=2),
         pred("b", "COERCE", mode="arrest", source=[actor("cops", code="INDCOP")]),
         pred("c", "ASSAULT", source=[cop], negated=True),
         pred("d", "ASSAULT", source=[actor("mob", "IND", "CVL")])]
    r = score(g, p)["india-police"]
    assert r["KILL"]["tp"] == 1 and r["KILL"]["n_pred"] == 1
    assert r["ARREST"]["f1"] == 1.0
    assert r["FORCE"]["n_pred"] == 1 and r["FORCE"]["recall"] == 0.5  # arrest is not force; mob is not police
    assert r["FAIL"]["f1"] == 1.0
    assert r["ANY_ACTION"]["tp"] == 2 and r["ANY_ACTION"]["n_pred"] == 2


def test_india_kill_from_cameo_trigger():
    g = [gdoc("a", "india-police-docs", labels=["KILL"])]
    p = [pred("a", None, code="190", source=[actor("police", sector="COP")], trigger={"text": "shot dead"})]
    assert score(g, p)["india-police-docs"]["KILL"]["f1"] == 1.0


# ---------------------------------------------------------------- event location
LOC_TEXT = "Troops fired on protesters in Jaffna on Monday, and talks were held."


def test_location_overlap_null_and_unmatched():
    fired = {"text": "fired", "start": 7, "end": 12}
    held = {"text": "held", "start": 64, "end": 68}
    jaffna = {"text": "Jaffna", "start": 31, "end": 37}
    g = [gdoc("d", "event-location", [gold_event(trigger=fired, location=jaffna), gold_event(trigger=held)],
              text=LOC_TEXT),
         gdoc("e", "event-location", [gold_event(trigger=fired, location=jaffna)], text=LOC_TEXT)]
    p = [pred("d", "ASSAULT", location="Jaffna", trigger={"text": "fired"}),
         pred("d", "CONSULT", location="Colombo", trigger={"text": "held", "start": 64, "end": 68})]
    r = score(g, p)["event-location"]
    assert r["gold_events"] == 3 and r["trigger_matched"] == 2
    assert r["accuracy_gold_has_location"] == 0.5  # doc e has no prediction on its verb
    assert r["accuracy_gold_no_location"] == 0.0  # Colombo predicted where gold has none
    assert r["accuracy_matched"] == 0.5 and r["accuracy_all"] == round(1 / 3, 4)
    # the project's own split over matched verbs: the place is right on the one matched verb that has one
    assert r["matched_accuracy_has_location"] == 1.0 and r["matched_accuracy_no_location"] == 0.0


def test_location_token_fallback():
    g = [gdoc("d", "event-location", [gold_event(trigger={"text": "fired", "start": 7, "end": 12},
                                                 location={"text": "Jaffna town", "start": None, "end": None})],
              text=LOC_TEXT)]
    p = [pred("d", "ASSAULT", location="Jaffna District", trigger={"start": 7, "end": 12})]
    assert score(g, p)["event-location"]["accuracy_all"] == 1.0


# ---------------------------------------------------------------- predictions, floors, plan
def test_garbage_predictions_are_counted_not_fatal():
    gold = [json.dumps(gdoc("d1", "plover-gsr", [gold_event("AID")]))]
    lines = ["not json", "[1, 2]", "", json.dumps({"doc_id": "zz"}), json.dumps({"plover": {"event": "AID"}}),
             json.dumps({"doc_id": "d1", "plover": "AID", "source": "x", "confidence": "high"}),
             json.dumps(pred("d1", "aid"))]
    out = score_lines(gold, lines)
    assert out["pred_stats"] == {"bad_json_lines": 2, "events_unknown_doc": 1, "events_without_doc_id": 1,
                                 "events": 2}
    assert out["sets"]["plover-gsr"]["plover"]["tp"] == 1


def test_normalize_event_defensive():
    e = normalize_event({"doc_id": 7, "cameo": {"root": "x1", "code": " 1831 "}, "confidence": float("nan"),
                         "source": [{"name": "Police", "sector": "cop"}], "location": {"name": 3}})
    assert (e.doc_id, e.root, e.cameo, e.confidence) == ("7", "18", "1831", 0.0)
    assert e.source[0].text == "Police" and e.source[0].sector == "COP" and e.location is None


def test_flatten_compare_pin_merge_floors():
    result = {"documents": 3, "plover": {"precision": 0.61234, "recall": 0.5, "f1": 0.55, "tp": 3},
              "extra_event_rate": 0.3712, "docs_no_pred": 2, "dyad_accuracy": None}
    figs = {"plover-gsr": flatten_figures(result)}
    assert figs["plover-gsr"] == {"plover_precision": 0.61234, "plover_recall": 0.5, "plover_f1": 0.55,
                                  "extra_event_rate": 0.3712}
    pinned = pin_floors(figs)["plover-gsr"]
    assert pinned["plover_precision"] == 0.612 and pinned["extra_event_rate"] == 0.372 and pinned["plover_f1"] == 0.55
    assert compare_floors(figs, {"plover-gsr": pinned}) == []
    drops = compare_floors(figs, {"plover-gsr": {"plover_f1": 0.56, "extra_event_rate": 0.37, "dyad_accuracy": 0.1},
                                  "other": {"x": 1.0}})
    assert sorted(d.figure for d in drops) == ["dyad_accuracy", "extra_event_rate", "plover_f1"]
    assert [d.ceiling for d in drops if d.figure == "extra_event_rate"] == [True]
    merged = merge_floors({"_comment": "c", "plover-gsr": {"plover_f1": 0.6, "extra_event_rate": 0.3, "old": 0.1}},
                          {"plover-gsr": {"plover_f1": 0.55, "extra_event_rate": 0.372, "plover_recall": 0.5}})
    assert merged["_comment"] == "c"
    assert merged["plover-gsr"] == {"plover_f1": 0.6, "extra_event_rate": 0.3, "old": 0.1, "plover_recall": 0.5}


def test_plan_samples_large_sets():
    docs = [gdoc(str(i), "event-location") for i in range(11)]
    run, scored = plan("event-location", docs, None, gate=False)
    assert len(run) == 11 and [k for k, _ in scored] == ["event-location", "event-location@sample"]
    assert [d["id"] for d in scored[1][1]] == ["0", "5", "10"]
    run, scored = plan("event-location", docs, None, gate=True)
    assert [d["id"] for d in run] == ["0", "5", "10"] and [k for k, _ in scored] == ["event-location@sample"]
    run, scored = plan("glocon", docs, 4, gate=True)
    assert len(run) == 4 and scored[0][0] == "glocon@first4"


class _FakeEvent:
    def __init__(self, doc_id: str, confidence: float):
        self.confidence = confidence
        self._d = pred(doc_id, "PROTEST", confidence=confidence)

    def to_dict(self) -> dict:
        return self._d


class _FakePipeline:
    """Stands in for Pipeline: one confident and one doubtful PROTEST per document."""

    def process(self, items):
        from types import SimpleNamespace

        for raw in items:
            yield SimpleNamespace(doc_id=raw.doc_id, events=(_FakeEvent(raw.doc_id, 0.9), _FakeEvent(raw.doc_id, 0.2)))


def test_min_confidence_drops_events_and_suite_reports_threshold():
    docs = [gdoc("a", "plover-gsr", [gold_event("PROTEST")]), gdoc("b", "plover-gsr", [gold_event("PROTEST")])]
    assert len(predict(_FakePipeline(), docs)) == 4
    assert len(predict(_FakePipeline(), docs, min_confidence=0.5)) == 2
    low = run_suite(_FakePipeline(), [docs])
    high = run_suite(_FakePipeline(), [docs], min_confidence=0.5)
    assert low.sets["plover-gsr"]["precision_at_min_confidence"] == 0.5
    assert high.sets["plover-gsr"]["precision_at_min_confidence"] == 1.0
    assert high.figures["plover-gsr"]["extra_event_rate"] == 0.0
    assert [s["precision"] for s in low.sweeps["plover-gsr"]][:2] == [0.5, 1.0]  # thresholds 0.0 and 0.3


# ---------------------------------------------------------------- agreement with the reference scorer
def _perturbed_predictions(gold: list[dict], seed: int) -> list[str]:
    """Predictions derived from gold with deterministic noise: dropped, relabelled, extra and garbage events."""
    rng = random.Random(seed)
    plovers = ["AGREE", "CONSULT", "PROTEST", "ASSAULT", "COERCE", "AID", "REQUEST"]
    lines = ["garbage", json.dumps({"doc_id": "unknown/doc", "plover": {"event": "AID"}})]
    for d in gold:
        police = {"plover": rng.choice(plovers), "source": [{"text": "police", "country": "IND", "sector": "COP"}]}
        for g in d["events"] or [police]:
            if rng.random() < 0.25:
                continue
            trig = g.get("trigger") or {}
            plover = g.get("plover") if rng.random() < 0.7 else rng.choice(plovers)
            root = g.get("cameo_root") if rng.random() < 0.7 else rng.choice(["01", "14", "17", "19", None])
            side = [{**a, "sector": a.get("sector") if rng.random() < 0.6 else "COP"} for a in g.get("source", [])]
            lines.append(json.dumps({**pred(d["id"], plover, code=root and root + "0", source=side,
                                            target=g.get("target", []), confidence=rng.choice([0.3, 0.5, 0.9]),
                                            negated=rng.random() < 0.1, mode=rng.choice([None, "arrest"]),
                                            location=rng.choice([None, "Delhi", (g.get("location") or {}).get("text")]),
                                            trigger={"text": trig.get("text")} if trig else None,
                                            killed=rng.choice([None, 2]))}))
            if rng.random() < 0.2:
                lines.append(json.dumps(pred(d["id"], rng.choice(plovers), confidence=0.4)))
    return lines


def _assert_same(ref, mine, path="") -> None:
    if isinstance(ref, dict):
        for k, v in ref.items():
            assert k in mine, f"{path}/{k} missing"
            _assert_same(v, mine[k], f"{path}/{k}")
    else:
        assert ref == mine, f"{path}: reference {ref!r} != project {mine!r}"


def test_agrees_with_reference_scorer(shared_dir: Path, tmp_path: Path):
    scorer = shared_dir / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip("shared/eval/score.py is absent")
    for i, gold_path in enumerate(sorted((shared_dir / "eval" / "dev").glob("*.jsonl"))):
        with gold_path.open(encoding="utf-8") as f:
            gold_lines = list(islice(f, 150))
        gold = [json.loads(line) for line in gold_lines]
        pred_lines = _perturbed_predictions(gold, seed=i)
        gp, pp = tmp_path / f"g{i}.jsonl", tmp_path / f"p{i}.jsonl"
        gp.write_text("".join(gold_lines), encoding="utf-8")
        pp.write_text("\n".join(pred_lines) + "\n", encoding="utf-8")
        ref = json.loads(subprocess.run([sys.executable, str(scorer), str(gp), str(pp), "--json"],
                                        capture_output=True, text=True, check=True, timeout=60).stdout)
        mine = score_lines(gold_lines, pred_lines)
        _assert_same(ref["pred_stats"], mine["pred_stats"], gold_path.name)
        _assert_same(ref["sets"], mine["sets"], gold_path.name)
        assert any(isinstance(v, float) and v > 0 for r in mine["sets"].values()
                   for v in flatten_figures(r).values()), gold_path.name


# ---------------------------------------------------------------- the command
def test_eval_command_floors_json_and_write(tmp_path: Path):
    from typer.testing import CliRunner

    from newsevents.cli import app

    gold = tmp_path / "tiny.jsonl"
    docs = [gdoc("plover-gsr/1", "plover-gsr", [gold_event("PROTEST")],
                 text="Thousands of farmers protested in Nairobi on Monday against the new tax."),
            gdoc("plover-gsr/2", "plover-gsr", [gold_event("ASSAULT")],
                 text="Rebels attacked an army base near Goma on Tuesday, killing four soldiers.")]
    gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    impossible = tmp_path / "floors.json"
    impossible.write_text(json.dumps({"plover-gsr": {"plover_f1": 1.01, "extra_event_rate": -1.0}}), encoding="utf-8")
    runner = CliRunner()
    out_dir = tmp_path / "pred"
    res = runner.invoke(app, ["eval", str(gold), "--json", "--floors", str(impossible),
                              "--predictions-out", str(out_dir)])
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout.strip().splitlines()[-1])
    assert data["sets"]["plover-gsr"]["documents"] == 2
    assert len(data["drops"]) == 2
    assert (out_dir / "plover-gsr.jsonl").is_file()
    written = tmp_path / "written.json"
    written.write_text(json.dumps({"plover-gsr": {"plover_f1": 0.999, "extra_event_rate": 0.0}}), encoding="utf-8")
    res = runner.invoke(app, ["eval", str(gold), "--write-floors", str(written)])
    assert res.exit_code == 0, res.output
    assert "== plover-gsr (2 docs)" in res.stdout
    merged = json.loads(written.read_text(encoding="utf-8"))["plover-gsr"]
    assert merged["plover_f1"] >= 0.999 and merged["extra_event_rate"] == 0.0  # floors only go up
    assert "plover_precision" in merged


# ---------------------------------------------------------------- the date test set
def test_date_cases_are_scored_by_the_eval_command(tmp_path: Path):
    from typer.testing import CliRunner

    from newsevents.cli import app

    cases = [{"sentence": "Hamas seized control of the Gaza Strip in 2007.", "trigger": "seized",
              "pub": "2024-04-30", "value": "2007", "precision": "year", "status": "historical"},
             {"sentence": "Hamas seized control of the Gaza Strip in 2007.", "trigger": "seized",
              "pub": "2024-04-30", "value": "2008", "precision": "year", "status": "historical"},
             {"sentence": "Talks will resume next week.", "trigger": "absent", "pub": "2024-04-30",
              "value": None, "precision": "unknown", "status": "future"}]
    path = tmp_path / "dates.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", str(path), "--json"])
    assert res.exit_code == 0, res.output
    dates = json.loads(res.stdout.strip().splitlines()[-1])["sets"]["dates"]
    assert dates["cases"] == 3 and dates["accuracy"] == round(1 / 3, 4)
    assert dates["value_accuracy"] == round(1 / 3, 4) and dates["status_accuracy"] == round(2 / 3, 4)
