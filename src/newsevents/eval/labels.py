"""Label metrics: penta class (ConfliBERT), actor-span token overlap (NER), protest sentences (GloCon)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.eval.common import prf, ratio, tokens, top_event
from newsevents.eval.gold import GoldDoc
from newsevents.eval.predictions import PredEvent

PLOVER_PENTA: Mapping[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
    "COERCE": 4, "ASSAULT": 4,
}
PENTA_CLASSES = (0, 1, 2, 3, 4)


def penta_of_root(root: str | None) -> int | None:
    """ConfliBERT's 5-way class of a 2-digit CAMEO root (01-02, 03-05, 06-08, 09-13, 14-20), else None."""
    try:
        r = int(root)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    # the reference scorer's bands: "00" falls in class 1 like 03-05 (no real root is 00)
    if r > 20:
        return None
    return 0 if 1 <= r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def predicted_penta(events: Sequence[PredEvent]) -> int | None:
    """Penta class of the most confident event that has one (CAMEO root first, else its PLOVER type)."""
    for e in sorted(events, key=lambda e: -e.confidence):
        k = penta_of_root(e.root) if e.root else PLOVER_PENTA.get(e.plover or "")
        if k is not None:
            return k
    return None


def macro_f1(pairs: Sequence[tuple[Any, Any]], classes: Sequence[Any]) -> float:
    """Mean of per-class F1 (each rounded to 4 decimals) over (gold, predicted) pairs."""
    fs = []
    for c in classes:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fs.append(prf(tp, sum(1 for _, p in pairs if p == c), sum(1 for g, _ in pairs if g == c))["f1"])
    return round(sum(fs) / len(fs), 4) if fs else 0.0


def score_penta(docs: Sequence[GoldDoc], preds: Mapping[str, list[PredEvent]]) -> dict[str, Any]:
    """Accuracy and macro-F1 of the penta class; a document without a classifiable event counts as wrong."""
    pairs = [(d["events"][0]["penta"] if d["events"] else None, predicted_penta(preds.get(d["id"], [])))
             for d in docs]
    correct = sum(1 for g, p in pairs if g == p and p is not None)
    return {"documents": len(docs), "accuracy": round(correct / len(pairs), 4) if pairs else 0.0,
            "macro_f1": macro_f1(pairs, PENTA_CLASSES), "no_prediction": sum(1 for _, p in pairs if p is None)}


def score_ner(docs: Sequence[GoldDoc], preds: Mapping[str, list[PredEvent]]) -> dict[str, Any]:
    """Micro token-overlap P/R/F1 of the top event's source and target texts against the gold spans."""
    res: dict[str, Any] = {}
    for side in ("source", "target"):
        overlap = n_pred = n_gold = 0
        for d in docs:
            gold = Counter(t for e in d["events"] for a in e[side] for t in tokens(a.get("text")))
            top = top_event(preds.get(d["id"], []))
            pred = Counter(t for a in (getattr(top, side) if top else ()) for t in tokens(a.text))
            overlap += sum((gold & pred).values())
            n_pred += sum(pred.values())
            n_gold += sum(gold.values())
        r = prf(overlap, n_pred, n_gold)
        res[side] = {"precision": r["precision"], "recall": r["recall"], "f1": r["f1"]}
    res["documents"] = len(docs)
    res["mean_f1"] = round((res["source"]["f1"] + res["target"]["f1"]) / 2, 4)
    return res


def is_protest(events: Sequence[PredEvent]) -> bool:
    """A sentence is protest when it has a PLOVER PROTEST (or CAMEO 14) event."""
    return any(e.plover == "PROTEST" or e.root == "14" for e in events)


def score_glocon(docs: Sequence[GoldDoc], preds: Mapping[str, list[PredEvent]]) -> dict[str, Any]:
    """Accuracy and protest P/R/F1 of sentence-level protest detection."""
    tp = n_pred = n_gold = correct = 0
    for d in docs:
        g = "PROTEST" in (d.get("labels") or [])
        p = is_protest(preds.get(d["id"], []))
        tp += g and p
        n_pred += p
        n_gold += g
        correct += g == p
    r = prf(tp, n_pred, n_gold)
    return {"documents": len(docs), "accuracy": ratio(correct, len(docs)), "protest_precision": r["precision"],
            "protest_recall": r["recall"], "protest_f1": r["f1"]}
