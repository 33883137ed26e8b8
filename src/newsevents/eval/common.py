"""Small shared helpers of the metrics: P/R/F1 with 4-decimal rounding, top event, token bags."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsevents.eval.predictions import PredEvent

_TOKEN = re.compile(r"[a-z0-9]+")


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    """Precision, recall and F1 rounded to 4 decimals, with the counts they come from (0.0 when undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "n_pred": n_pred,
            "n_gold": n_gold}


def ratio(num: int, den: int) -> float | None:
    """``num / den`` rounded to 4 decimals, or None when there is nothing to divide by."""
    return round(num / den, 4) if den else None


def top_event(events: Sequence[PredEvent]) -> PredEvent | None:
    """The highest-confidence event (the first of equals), or None."""
    return max(events, key=lambda e: e.confidence) if events else None


def tokens(text: str | None) -> list[str]:
    """Lower-cased alphanumeric tokens."""
    return _TOKEN.findall((text or "").lower())
