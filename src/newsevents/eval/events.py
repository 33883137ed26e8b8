"""Event-set metrics: one-to-one matching within a document on CAMEO root and PLOVER type, dyads, extras."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from newsevents.eval.common import prf, ratio
from newsevents.eval.gold import GoldDoc
from newsevents.eval.predictions import PredActor, PredEvent


def _countries(actors: Sequence[Any]) -> set[str]:
    return {_get(a, "country") for a in actors if _get(a, "country")}


def _country_sectors(actors: Sequence[Any]) -> set[tuple[str, str | None]]:
    return {(_get(a, "country"), _get(a, "sector")) for a in actors if _get(a, "country")}


def _get(actor: Any, key: str) -> Any:
    return getattr(actor, key) if isinstance(actor, PredActor) else actor.get(key)


def side_ok(gold: Sequence[Any], pred: Sequence[Any], with_sector: bool = False) -> bool:
    """One side of a dyad is right when gold and predicted country sets intersect, or both are empty."""
    if with_sector:
        g, p = _country_sectors(gold), _country_sectors(pred)
    else:
        g, p = _countries(gold), _countries(pred)
    return (not g and not p) or bool(g & p)


def dyad_score(gold: Mapping[str, Any], pred: PredEvent) -> int:
    """How many sides (0-2) of the dyad have the right country; breaks ties between matching candidates."""
    return int(side_ok(gold["source"], pred.source)) + int(side_ok(gold["target"], pred.target))


def match_events(gold: Sequence[Mapping[str, Any]], preds: Sequence[PredEvent],
                 gold_key: Callable[[Mapping[str, Any]], str | None],
                 pred_key: Callable[[PredEvent], str | None]) -> tuple[list[tuple[Mapping[str, Any], int]], set[int]]:
    """Greedy one-to-one matching in gold order: among unused predictions with the same key, take the best
    dyad, then the highest confidence, then the earliest. Returns (gold, prediction index) pairs and used indices."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        key = gold_key(g)
        if key is None:
            continue
        cands = [i for i, p in enumerate(preds) if i not in used and pred_key(p) == key]
        if not cands:
            continue
        best = max(cands, key=lambda i: (dyad_score(g, preds[i]), preds[i].confidence, -i))
        used.add(best)
        pairs.append((g, best))
    return pairs, used


def score_events(docs: Sequence[GoldDoc], preds: Mapping[str, list[PredEvent]]) -> dict[str, Any]:
    """Event P/R/F1 on CAMEO root and PLOVER type, dyad accuracy, extra-event rate, documents without output."""
    tp_c = np_c = ng_c = tp_p = np_p = ng_p = 0
    dyad_n = dyad_ok = dyad_sec_ok = extra = no_pred = with_gold = 0
    any_cameo = any(g.get("cameo_root") for d in docs for g in d["events"])
    for doc in docs:
        pe, ge = preds.get(doc["id"], []), doc["events"]
        if ge:
            with_gold += 1
            no_pred += not pe
        gold_c, pred_c, pairs_c, used_c = _matched(ge, pe, "cameo_root", "root")
        ng_c, np_c, tp_c = ng_c + len(gold_c), np_c + len(pred_c), tp_c + len(pairs_c)
        gold_p, pred_p, pairs_p, used_p = _matched(ge, pe, "plover", "plover")
        ng_p, np_p, tp_p = ng_p + len(gold_p), np_p + len(pred_p), tp_p + len(pairs_p)
        pairs, pool, used = (pairs_c, pred_c, used_c) if any_cameo else (pairs_p, pred_p, used_p)
        extra += len(pe) - len(used)
        for g, i in pairs:
            if not (_countries(g["source"]) or _countries(g["target"])):
                continue
            p = pool[i]
            dyad_n += 1
            dyad_ok += side_ok(g["source"], p.source) and side_ok(g["target"], p.target)
            dyad_sec_ok += side_ok(g["source"], p.source, True) and side_ok(g["target"], p.target, True)
    n_gold = ng_c if any_cameo else ng_p
    return {"documents": len(docs), "cameo_root": prf(tp_c, np_c, ng_c) if ng_c else None,
            "plover": prf(tp_p, np_p, ng_p) if ng_p else None,
            "dyad_accuracy": ratio(dyad_ok, dyad_n), "dyad_sector_accuracy": ratio(dyad_sec_ok, dyad_n),
            "dyad_pairs": dyad_n, "extra_event_rate": ratio(extra, n_gold),
            "docs_no_pred": no_pred, "docs_with_gold": with_gold, "docs_no_pred_rate": ratio(no_pred, with_gold)}


def _matched(gold: Sequence[Mapping[str, Any]], preds: Sequence[PredEvent], gold_key: str, pred_attr: str
             ) -> tuple[list, list, list, set]:
    """Gold and predicted events that have the key, and their one-to-one matches on it."""
    gold_k = [g for g in gold if g.get(gold_key)]
    pred_k = [p for p in preds if getattr(p, pred_attr)]
    pairs, used = match_events(gold_k, pred_k, lambda g: g[gold_key], lambda p: getattr(p, pred_attr))
    return gold_k, pred_k, pairs, used
