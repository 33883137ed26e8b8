"""Merge the mentions of one real event inside one document, so a story that repeats itself counts it once.

Two mentions merge when they share the CAMEO root, the same source and target actors (by code or name; for
statements by country), the same status and negation, and compatible dates (equal, or one inside the other's
range). The first mention keeps its evidence; gaps (place, numbers, attribution, date precision) are filled
from the others, and ``mentions`` counts them.
"""

from __future__ import annotations

from dataclasses import replace

from newsevents.model import Actor, Event, EventDate


def _actor_key(actors: tuple[Actor, ...], by_country: bool) -> frozenset[str]:
    if by_country:
        return frozenset(a.country or a.name for a in actors)
    return frozenset(a.code or a.name for a in actors)


def _key(event: Event) -> tuple:
    statement = event.type.cameo_root in ("01", "02")
    return (event.type.cameo_root, _actor_key(event.source, statement), _actor_key(event.target, statement),
            event.date.status, event.negated)


def _bounds(date: EventDate) -> tuple[str, str] | None:
    """The first and last day-string a date value covers, comparable as text ("2023-10" covers 2023-10-..)."""
    if not date.value:
        return None
    if "/" in date.value:
        lo, hi = date.value.split("/", 1)
    else:
        lo = hi = date.value
    return lo, hi + "\uffff"


def dates_compatible(a: EventDate, b: EventDate) -> bool:
    """True when two dates can describe the same event: unknown, equal, or overlapping ranges."""
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return True
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def _better_date(a: EventDate, b: EventDate) -> EventDate:
    order = {"day": 0, "month": 1, "year": 2, "range": 3, "unknown": 4}
    return a if order.get(a.precision, 5) <= order.get(b.precision, 5) else b


def _absorb(kept: Event, other: Event) -> Event:
    return replace(
        kept,
        date=_better_date(kept.date, other.date),
        location=kept.location or other.location,
        magnitude=kept.magnitude if not kept.magnitude.is_empty() else other.magnitude,
        attribution=kept.attribution or other.attribution,
        target=kept.target or other.target,
        confidence=min(0.99, max(kept.confidence, other.confidence) + 0.05),
        mentions=kept.mentions + other.mentions,
    )


def merge_document_events(events: list[Event]) -> list[Event]:
    """One event per real event of the document, in order of first mention."""
    merged: list[Event] = []
    for event in events:
        for i, kept in enumerate(merged):
            if _key(kept) == _key(event) and dates_compatible(kept.date, event.date):
                merged[i] = _absorb(kept, event)
                break
        else:
            merged.append(event)
    return merged
