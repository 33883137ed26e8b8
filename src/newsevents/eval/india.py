"""IndiaPoliceEvents labels (KILL, ARREST, FORCE, FAIL, ANY_ACTION) from events with a police source."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.eval.common import prf
from newsevents.eval.gold import GoldDoc
from newsevents.eval.predictions import PredActor, PredEvent

INDIA_LABELS = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")
KILL_TRIGGER = re.compile(
    r"kill|shot dead|shoot dead|gunned down|murder|slain|slew|lynch|execut|massacr|\bdead\b|death|\bdied\b")
_VIOLENT_ROOTS = ("18", "19", "20")
_KILL_CODES = ("1823", "186", "200", "202")
_KILL_MODES = ("execute", "massacre", "assassinate")


def is_police(actor: PredActor) -> bool:
    """Police actor: sector COP, or a code that starts with COP or has COP at the sector position."""
    if actor.sector == "COP":
        return True
    code = (actor.code or "").upper()
    return code.startswith("COP") or code[3:6] == "COP"


def _trigger_text(e: PredEvent) -> str:
    t = e.trigger
    if isinstance(t, dict):
        t = t.get("text")
    return t if isinstance(t, str) else ""


def india_labels(events: Sequence[PredEvent]) -> set[str]:
    """The labels a document's predicted events give it (only events with a police source count)."""
    labels: set[str] = set()
    for e in events:
        if not any(is_police(a) for a in e.source):
            continue
        if e.negated:
            labels.add("FAIL")
            continue
        labels.add("ANY_ACTION")
        code, root = e.cameo or "", e.root or ""
        violent = e.plover == "ASSAULT" or root in _VIOLENT_ROOTS
        arrest = code.startswith("173") or (e.plover == "COERCE" and (e.mode == "arrest" or e.arrested > 0))
        if ((violent and e.killed > 0) or (root in _VIOLENT_ROOTS and KILL_TRIGGER.search(_trigger_text(e).lower()))
                or code in _KILL_CODES or (violent and e.mode in _KILL_MODES)):
            labels.add("KILL")
        if arrest:
            labels.add("ARREST")
        force = e.plover in ("ASSAULT", "COERCE") or (not e.plover and root in ("17", *_VIOLENT_ROOTS))
        if force and not arrest:
            labels.add("FORCE")
    return labels


def score_india(docs: Sequence[GoldDoc], preds: Mapping[str, list[PredEvent]]) -> dict[str, Any]:
    """Per-label P/R/F1 over the documents, and their macro-F1."""
    counts = {label: [0, 0, 0] for label in INDIA_LABELS}
    for d in docs:
        gold = set(d.get("labels") or [])
        pred = india_labels(preds.get(d["id"], []))
        for label in INDIA_LABELS:
            counts[label][0] += label in gold and label in pred
            counts[label][1] += label in pred
            counts[label][2] += label in gold
    res: dict[str, Any] = {"documents": len(docs)}
    for label in INDIA_LABELS:
        res[label] = prf(*counts[label])
    res["macro_f1"] = round(sum(res[label]["f1"] for label in INDIA_LABELS) / len(INDIA_LABELS), 4)
    return res
