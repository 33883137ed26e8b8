"""A whole evaluation: run the pipeline once per gold file, score every set (and its fixed gate sample)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsevents.eval.dates import DATES_SET, score_dates
from newsevents.eval.floors import flatten_figures
from newsevents.eval.gold import EVENT_SETS, GATE_SAMPLES, SAMPLE_SUFFIX, GoldDoc, group_by_set, sample_docs
from newsevents.eval.predictions import group_predictions
from newsevents.eval.runner import predict
from newsevents.eval.scoring import confidence_sweep, score_set


@dataclass
class SuiteResult:
    """Per scored set (key ``set``, ``set@sample`` or ``set@firstN``): metrics, flat figures, confidence
    sweep (event sets), and the predicted events per gold set."""

    min_confidence: float
    sets: dict[str, dict[str, Any]] = field(default_factory=dict)
    figures: dict[str, dict[str, float]] = field(default_factory=dict)
    sweeps: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    predictions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    pred_stats: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        """JSON view (predictions left out)."""
        return {"min_confidence": self.min_confidence, "pred_stats": dict(self.pred_stats), "sets": self.sets,
                "figures": self.figures, "confidence_sweep": self.sweeps}


def plan(name: str, docs: list[GoldDoc], limit: int | None, gate: bool) -> tuple[list[GoldDoc], list[tuple[str,
                                                                                                        list]]]:
    """What to run and what to score for one set: (documents to run, [(result key, documents to score)]).
    ``limit`` keeps the first N documents (key ``set@firstN``, never compared with full-set floors); ``gate``
    runs only the fixed sample of the large sets."""
    every = GATE_SAMPLES.get(name)
    if limit is not None:
        run = docs[:limit]
        return run, [(f"{name}@first{limit}" if len(run) < len(docs) else name, run)]
    if every is None:
        return docs, [(name, docs)]
    sample = sample_docs(docs, every)
    if gate:
        return sample, [(name + SAMPLE_SUFFIX, sample)]
    return docs, [(name, docs), (name + SAMPLE_SUFFIX, sample)]


def _with_threshold(name: str, result: dict[str, Any], min_confidence: float) -> dict[str, Any]:
    if name.split("@", 1)[0] not in EVENT_SETS:
        return result
    block = result.get("cameo_root") or result.get("plover")
    out = dict(result)
    out["min_confidence"] = min_confidence
    out["precision_at_min_confidence"] = block["precision"] if block else None
    return out


def run_suite(pipeline: Any, gold_files: Iterable[Sequence[GoldDoc]], min_confidence: float = 0.0,
              limit: int | None = None, gate: bool = False) -> SuiteResult:
    """Evaluate a loaded pipeline on gold files (each a list of gold documents): one pipeline pass per set."""
    res = SuiteResult(min_confidence=min_confidence)
    for docs in gold_files:
        for name, set_docs in group_by_set(docs).items():
            for key, value in _score_one(pipeline, name, set_docs, min_confidence, limit, gate, res):
                res.sets[key] = value
                res.figures[key] = flatten_figures(value)
    return res


def _score_one(pipeline: Any, name: str, docs: list[GoldDoc], min_confidence: float, limit: int | None,
               gate: bool, res: SuiteResult) -> Iterator[tuple[str, dict[str, Any]]]:
    if name == DATES_SET:  # the project's date test set: event dates of parsed sentences, no extraction run
        yield name, score_dates(pipeline.nlp, docs[:limit] if limit else docs)
        return
    run, scored = plan(name, docs, limit, gate)
    objs = predict(pipeline, run, min_confidence)
    res.predictions[name] = objs
    preds = group_predictions(objs, {d["id"] for d in run}, res.pred_stats)
    for key, key_docs in scored:
        sweep = confidence_sweep(key, key_docs, preds)
        if sweep is not None:
            res.sweeps[key] = sweep
        yield key, _with_threshold(key, score_set(key, key_docs, preds), min_confidence)
