"""Merge the mentions of one real event inside one document, so a story that repeats itself counts it once.

Two mentions merge when they share the CAMEO root, the source countries (or names), the status and negation,
compatible targets (same countries, or one unnamed), compatible places (either unknown, the same name, or a
coarser place containing the other) and compatible dates (equal, or overlapping ranges); two triggers of
one sentence are two events. The first mention keeps its evidence; gaps (place, numbers, attribution, date
precision) are filled from the others, and ``mentions`` counts them.
"""

from __future__ import annotations

from dataclasses import replace

from newsevents.model import Actor, Event, EventDate


def _actor_key(actors: tuple[Actor, ...], by_country: bool) -> frozenset[str]:
    if by_country:
        return frozenset(a.country or a.name for a in actors)
    return frozenset(a.code or a.name for a in actors)


def _key(event: Event) -> tuple:
    return (event.type.cameo_root, _actor_key(event.source, True), event.date.status, event.negated)


def _targets_compatible(a: Event, b: Event) -> bool:
    """Same target countries, or one mention names no target ("the attack" vs "attacked the army base")."""
    ta, tb = _actor_key(a.target, True), _actor_key(b.target, True)
    return not ta or not tb or ta == tb


def _places_compatible(a: Event, b: Event) -> bool:
    """Two places can be one event's place when either is unknown, or they share a name, admin1 or country
    at the coarser precision."""
    la, lb = a.location, b.location
    if la is None or lb is None:
        return True
    if la.name == lb.name:
        return True
    if la.country != lb.country:
        return False
    coarse = {"country", "admin1"}
    if la.precision in coarse or lb.precision in coarse:
        return la.admin1 == lb.admin1 or "country" in (la.precision, lb.precision)
    return False


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
            if (_key(kept) == _key(event) and kept.evidence.start != event.evidence.start
                    and dates_compatible(kept.date, event.date)
                    and _targets_compatible(kept, event) and _places_compatible(kept, event)):
                merged[i] = _absorb(kept, event)
                break
        else:
            merged.append(event)
    return merged
