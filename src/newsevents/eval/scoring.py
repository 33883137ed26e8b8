"""Scoring per set: the gold record's ``set`` picks the metric family; also a whole gold+prediction file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsevents.eval.events import score_events
from newsevents.eval.gold import (
    EVENT_SETS,
    GLOCON_SET,
    INDIA_SETS,
    LOCATION_SET,
    NER_SETS,
    PENTA_SETS,
    GoldDoc,
    group_by_set,
    parse_gold,
)
from newsevents.eval.india import score_india
from newsevents.eval.labels import score_glocon, score_ner, score_penta
from newsevents.eval.location import score_location
from newsevents.eval.predictions import PredEvent, group_predictions, parse_prediction_lines

CONFIDENCE_STEPS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def score_set(name: str, docs: Sequence[GoldDoc], preds: Mapping[str, list[PredEvent]]) -> dict[str, Any]:
    """The metrics of one set (``name`` without any ``@sample`` suffix picks the family)."""
    family = name.split("@", 1)[0]
    if family in EVENT_SETS:
        return score_events(docs, preds)
    if family in PENTA_SETS:
        return score_penta(docs, preds)
    if family in NER_SETS:
        return score_ner(docs, preds)
    if family in INDIA_SETS:
        return score_india(docs, preds)
    if family == LOCATION_SET:
        return score_location(docs, preds)
    if family == GLOCON_SET:
        return score_glocon(docs, preds)
    return {"documents": len(docs), "note": "unknown set type"}


def above(preds: Mapping[str, list[PredEvent]], threshold: float) -> dict[str, list[PredEvent]]:
    """Only the events with confidence >= ``threshold`` (what a ``min_confidence`` setting keeps)."""
    return {k: [e for e in v if e.confidence >= threshold] for k, v in preds.items()}


def confidence_sweep(name: str, docs: Sequence[GoldDoc], preds: Mapping[str, list[PredEvent]],
                     steps: Iterable[float] = CONFIDENCE_STEPS) -> list[dict[str, Any]] | None:
    """For event sets: event P/R/F1 (CAMEO root when the set has CAMEO gold, else PLOVER) at each threshold."""
    if name.split("@", 1)[0] not in EVENT_SETS:
        return None
    any_cameo = any(g.get("cameo_root") for d in docs for g in d["events"])
    out = []
    for t in steps:
        r = score_events(docs, above(preds, t))[("cameo_root" if any_cameo else "plover")]
        if r is not None:
            out.append({"threshold": t, "precision": r["precision"], "recall": r["recall"], "f1": r["f1"],
                        "n_pred": r["n_pred"]})
    return out


def score_documents(docs: Sequence[GoldDoc], preds: Mapping[str, list[PredEvent]]) -> dict[str, dict[str, Any]]:
    """Metrics per set for gold documents of possibly several sets."""
    return {name: score_set(name, set_docs, preds) for name, set_docs in group_by_set(docs).items()}


def score_lines(gold_lines: Iterable[str], pred_lines: Iterable[str]) -> dict[str, Any]:
    """Score output-contract JSON lines against gold JSON lines: ``{"pred_stats": {...}, "sets": {...}}``.
    Garbage prediction lines, missing fields and unknown documents are counted, never fatal."""
    gold = parse_gold(gold_lines)
    stats: Counter = Counter()
    objs = parse_prediction_lines(pred_lines, stats)
    preds = group_predictions(objs, {g["id"] for g in gold}, stats)
    return {"pred_stats": dict(stats), "sets": score_documents(gold, preds)}
