"""Event-location accuracy: for each gold event verb, does the predicted event on that verb have its place?"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.eval.common import ratio, tokens, top_event
from newsevents.eval.gold import GoldDoc
from newsevents.eval.predictions import PredEvent


def trigger_span(e: PredEvent, text: str) -> tuple[int, int] | None:
    """Character span of the predicted trigger: its offsets, else its text found from the evidence start,
    anywhere, or case-insensitively."""
    t = e.trigger
    if isinstance(t, dict):
        start, end = t.get("start"), t.get("end")
        if isinstance(start, int) and isinstance(end, int):
            return (start, end)
        t = t.get("text")
    if not isinstance(t, str) or not t.strip():
        return None
    t = t.strip()
    lo = e.ev_start if isinstance(e.ev_start, int) else 0
    i = text.find(t, max(lo, 0))
    if i < 0:
        i = text.find(t)
    if i < 0:
        i = text.lower().find(t.lower())
    return (i, i + len(t)) if i >= 0 else None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def location_ok(gold: Mapping[str, Any], pred: PredEvent, text: str) -> bool:
    """Right place: the predicted name occurs in the text overlapping a gold span (or shares a token of 3+
    characters with one); right absence: gold has no location and neither does the prediction."""
    spans = gold.get("locations") or ([gold["location"]] if gold.get("location") else [])
    if not spans:
        return pred.location is None
    name = pred.location
    if not name:
        return False
    low, needle = text.lower(), name.lower().strip()
    i = low.find(needle) if needle else -1
    while i >= 0:
        if any(overlaps((i, i + len(needle)), (s["start"], s["end"])) for s in spans if s.get("start") is not None):
            return True
        i = low.find(needle, i + 1)
    pred_tokens = {t for t in tokens(name) if len(t) > 2}
    return any(pred_tokens & {t for t in tokens(s.get("text")) if len(t) > 2} for s in spans)


def score_location(docs: Sequence[GoldDoc], preds: Mapping[str, list[PredEvent]]) -> dict[str, Any]:
    """Location accuracy over all gold verbs, over verbs a prediction matched, and split by gold with/without."""
    n = correct = matched = n_loc = ok_loc = n_none = ok_none = m_loc = m_none = 0
    for d in docs:
        spans = [(p, trigger_span(p, d["text"])) for p in preds.get(d["id"], [])]
        for g in d["events"]:
            trig = g.get("trigger") or {}
            if trig.get("start") is None:
                continue
            n += 1
            has = bool(g.get("locations") or g.get("location"))
            n_loc += has
            n_none += not has
            cands = [p for p, sp in spans if sp and overlaps(sp, (trig["start"], trig["end"]))]
            if not cands:
                continue
            matched += 1
            good = location_ok(g, top_event(cands), d["text"])  # type: ignore[arg-type]
            correct += good
            if has:
                ok_loc += good
                m_loc += 1
            else:
                ok_none += good
                m_none += 1
    # the last two figures are the project's own (not in the reference scorer): the same split over the gold
    # verbs a predicted event matched, i.e. how well the place is chosen once the event is found
    return {"documents": len(docs), "gold_events": n, "trigger_matched": matched,
            "accuracy_all": ratio(correct, n), "accuracy_matched": ratio(correct, matched),
            "accuracy_gold_has_location": ratio(ok_loc, n_loc), "accuracy_gold_no_location": ratio(ok_none, n_none),
            "matched_accuracy_has_location": ratio(ok_loc, m_loc),
            "matched_accuracy_no_location": ratio(ok_none, m_none)}
