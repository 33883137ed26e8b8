"""A defensive view of output-contract events: wrong types and missing fields are tolerated, never fatal."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

_ROOT = re.compile(r"\d{2}")
_CODE_WITH_ROOT = re.compile(r"\d{2}[0-9A-Za-z]{0,2}")


@dataclass(frozen=True)
class PredActor:
    """One predicted actor as the metrics see it: text, code and upper-cased country / 3-letter sector."""

    text: str
    code: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class PredEvent:
    """One predicted event reduced to what the metrics read."""

    doc_id: str | None
    plover: str | None
    mode: str | None
    cameo: str | None
    root: str | None
    source: tuple[PredActor, ...]
    target: tuple[PredActor, ...]
    negated: bool
    confidence: float
    killed: float
    arrested: float
    location: str | None
    trigger: Any
    ev_start: Any
    ev_end: Any


def _str(x: Any) -> str | None:
    return x if isinstance(x, str) else None


def _dict(x: Any) -> dict:
    return x if isinstance(x, dict) else {}


def _list(x: Any) -> list:
    return x if isinstance(x, list) else []


def _float(x: Any, default: float = 0.0) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return default
    return v if v == v else default


def _actors(value: Any) -> tuple[PredActor, ...]:
    out = []
    for raw in _list(value):
        a = _dict(raw)
        country, sector = _str(a.get("country")), _str(a.get("sector"))
        out.append(PredActor(text=_str(a.get("text")) or _str(a.get("name")) or "", code=_str(a.get("code")),
                             country=country.upper() if country else None,
                             sector=sector.upper()[:3] if sector else None))
    return tuple(out)


def _magnitude(mag: dict, key: str) -> float:
    m = mag.get(key)
    return _float(m.get("value")) if isinstance(m, dict) else _float(m)


def _doc_id(value: Any) -> str | None:
    if isinstance(value, (int, float)):
        return str(value)
    return _str(value)


def normalize_event(obj: Mapping[str, Any]) -> PredEvent:
    """The metrics' view of one output-contract event (``shared/docs/output-contract.md``)."""
    plover, cameo = _dict(obj.get("plover")), _dict(obj.get("cameo"))
    code = _str(cameo.get("code"))
    code = code.strip() if code else None
    root = _str(cameo.get("root"))
    if root and not _ROOT.fullmatch(root.strip()):
        root = None
    if not root and code and _CODE_WITH_ROOT.fullmatch(code):
        root = code[:2]
    evidence, mag = _dict(obj.get("evidence")), _dict(obj.get("magnitude"))
    loc = obj.get("location")
    event = _str(plover.get("event"))
    return PredEvent(
        doc_id=_doc_id(obj.get("doc_id")),
        plover=event.upper() if event else None,
        mode=(_str(plover.get("mode")) or "").lower() or None,
        cameo=code,
        root=root.strip() if root else None,
        source=_actors(obj.get("source")),
        target=_actors(obj.get("target")),
        negated=obj.get("negated") is True,
        confidence=_float(obj.get("confidence")),
        killed=_magnitude(mag, "killed"),
        arrested=_magnitude(mag, "arrested"),
        location=_str(loc.get("name")) if isinstance(loc, dict) else None,
        trigger=evidence.get("trigger"),
        ev_start=evidence.get("start"),
        ev_end=evidence.get("end"),
    )


def parse_prediction_lines(lines: Iterable[str], stats: Counter) -> list[dict]:
    """JSON objects from prediction lines; blank lines skipped, unparsable or non-object lines counted."""
    out = []
    for line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            stats["bad_json_lines"] += 1
            continue
        if not isinstance(obj, dict):
            stats["bad_json_lines"] += 1
            continue
        out.append(obj)
    return out


def group_predictions(objs: Iterable[Mapping[str, Any]], gold_ids: set[str],
                      stats: Counter) -> dict[str, list[PredEvent]]:
    """Normalized predicted events per gold document id; events of unknown documents are counted, not kept."""
    preds: dict[str, list[PredEvent]] = {}
    for obj in objs:
        try:
            event = normalize_event(obj)
        except Exception:  # noqa: BLE001 - a malformed prediction is counted, never fatal
            stats["bad_events"] += 1
            continue
        if not event.doc_id:
            stats["events_without_doc_id"] += 1
            continue
        if event.doc_id not in gold_ids:
            stats["events_unknown_doc"] += 1
            continue
        stats["events"] += 1
        preds.setdefault(event.doc_id, []).append(event)
    return preds
