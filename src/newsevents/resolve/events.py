"""Merge mentions of one real event across articles into events with GDELT-style counts.

Rules (also in ``docs/merging.md``):

1. **Block**: mentions can only merge when they share the CAMEO root, the *set* of source actor codes, the
   *set* of target actor codes (a code falls back to the lower-cased name when empty), the date status
   (current, historical, future, hypothetical) and negation. Historical and current reports never merge.
2. **Compatibility** inside a block: dates are equal or overlap (``2024-03`` covers ``2024-03-11``; a range
   covers its days; an unknown date is compatible with any), and places agree: when both sides know the
   country it must be the same, when both know the admin1 it must be the same, and two city/point places
   with coordinates more than ``MAX_PLACE_KM`` apart stay apart. An unknown place is compatible with any.
3. **Clustering** is order-independent: a block's mentions are sorted most specific first (day before
   month, year and range before unknown dates; then city before admin1 and country before unknown places;
   then by date, place and mention id); each mention joins the first earlier event
   it is compatible with (date bounds narrow to the overlap), else it starts a new event. The same set of
   mentions therefore always gives the same events, whatever order or batch they arrived in.
4. **Keys**: ``event_key`` is a hash of the normalised block fields plus the anchor (first, most specific)
   mention's date and place, so it does not depend on insertion order; the rare clash gets a counter.
5. **Counts** (as GDELT): ``num_mentions`` sums the per-document mention counts, ``num_articles`` counts
   distinct documents, ``num_sources`` distinct sites (a document without a known site counts as its own).
   A syndicated copy of a story (same story cluster) extracts the same mentions, so it lands in the same event
   and adds an article and a source, never a new event.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsevents.model import Actor, Event

MAX_PLACE_KM = 50.0
_HIGH = "\uffff"


def actor_codes(actors: Iterable[Actor]) -> tuple[str, ...]:
    """The sorted, de-duplicated codes of a side (name, lower-cased, where the code is empty)."""
    return tuple(sorted({(a.code or a.name.lower()).strip() for a in actors}))


@dataclass(frozen=True)
class MergeItem:
    """What cross-article merging needs to know about one stored mention (an extracted, document-level event)."""

    mention_id: str
    doc_id: str
    root: str
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]
    status: str = "current"
    negated: bool = False
    date_value: str | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    precision: str | None = None
    lat: float | None = None
    lon: float | None = None
    site: str | None = None
    cluster_id: str | None = None
    mentions: int = 1

    @classmethod
    def from_event(cls, event: Event, site: str | None = None, cluster_id: str | None = None) -> MergeItem:
        """Build the merge view of an extracted event."""
        loc = event.location
        return cls(
            mention_id=event.event_id, doc_id=event.doc_id, root=event.type.cameo_root,
            source_codes=actor_codes(event.source), target_codes=actor_codes(event.target),
            status=event.date.status, negated=event.negated, date_value=event.date.value,
            country=loc.country if loc else None, admin1=loc.admin1 if loc else None,
            place=loc.name if loc else None, precision=loc.precision if loc else None,
            lat=loc.lat if loc else None, lon=loc.lon if loc else None,
            site=site, cluster_id=cluster_id, mentions=event.mentions,
        )


@dataclass(frozen=True)
class MergedEvent:
    """One real event: its key, the mentions it merges (anchor first) and GDELT-style counts."""

    event_key: str
    mention_ids: tuple[str, ...]
    num_mentions: int
    num_sources: int
    num_articles: int

    @property
    def representative(self) -> str:
        """The anchor mention: the most specific one, whose fields stand for the event."""
        return self.mention_ids[0]


def block_key(item: MergeItem) -> str:
    """The normalised fields that must be equal for two mentions to merge, as one string."""
    return "|".join([item.root, ",".join(item.source_codes), ",".join(item.target_codes), item.status,
                     "neg" if item.negated else "pos"])


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """First and last day-strings a date value covers, comparable as text; None when unknown."""
    if not value:
        return None
    lo, _, hi = value.partition("/")
    return lo, (hi or lo) + _HIGH


def _km(a: MergeItem, b: MergeItem) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)  # type: ignore[arg-type]
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)  # type: ignore[operator]
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: MergeItem, b: MergeItem) -> bool:
    """Same country and admin1 where both are known; fine places no more than ``MAX_PLACE_KM`` apart."""
    if a.country and b.country and a.country != b.country:
        return False
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False
    fine = ("city", "point")
    if a.precision in fine and b.precision in fine and a.place != b.place:
        km = _km(a, b)
        if km is not None and km > MAX_PLACE_KM:
            return False
    return True


_PLACE_RANK = {"point": 0, "city": 1, "admin1": 2, "country": 3}


def _date_rank(value: str | None) -> int:
    if not value:
        return 9
    if "/" in value:
        return 3
    return {10: 0, 7: 1}.get(len(value), 2)  # day, month, year


def _specificity(item: MergeItem) -> tuple:
    """Sort key: most precise date, then most precise place first; ties broken by values and mention id."""
    bounds = date_bounds(item.date_value)
    place_rank = _PLACE_RANK.get(item.precision or "", 4) if (item.country or item.admin1) else 9
    return (_date_rank(item.date_value), place_rank, bounds or ("", ""), item.country or "", item.admin1 or "",
            item.place or "", item.mention_id)


def _key_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def cluster_block(items: Sequence[MergeItem]) -> list[list[MergeItem]]:
    """Split the mentions of one block into events (rule 3); anchor first in each, order-independent."""
    groups: list[tuple[list[MergeItem], list[tuple[str, str] | None]]] = []
    for item in sorted(items, key=_specificity):
        bounds = date_bounds(item.date_value)
        for members, window in groups:
            w = window[0]
            if bounds is not None and w is not None and not (bounds[0] <= w[1] and w[0] <= bounds[1]):
                continue
            if not all(places_compatible(item, m) for m in members if m.country or m.admin1):
                continue
            members.append(item)
            if bounds is not None:
                window[0] = bounds if w is None else (max(w[0], bounds[0]), min(w[1], bounds[1]))
            break
        else:
            groups.append(([item], [bounds]))
    return [members for members, _ in groups]


def merge_items(items: Iterable[MergeItem]) -> list[MergedEvent]:
    """Merge mentions (of any documents) into events, sorted by key; the result depends only on the set."""
    blocks: dict[str, list[MergeItem]] = defaultdict(list)
    seen: set[str] = set()
    for item in items:
        if item.mention_id not in seen:
            seen.add(item.mention_id)
            blocks[block_key(item)].append(item)
    merged: dict[str, MergedEvent] = {}
    for bkey in sorted(blocks):
        for members in cluster_block(blocks[bkey]):
            anchor = members[0]
            base = _key_hash(bkey, anchor.date_value or "", anchor.country or "", anchor.admin1 or "",
                             anchor.place or "")
            key, n = base, 1
            while key in merged:
                n += 1
                key = _key_hash(base, str(n))
            merged[key] = MergedEvent(
                event_key=key,
                mention_ids=tuple(m.mention_id for m in members),
                num_mentions=sum(max(1, m.mentions) for m in members),
                num_sources=len({m.site or f"doc:{m.doc_id}" for m in members}),
                num_articles=len({m.doc_id for m in members}),
            )
    return [merged[k] for k in sorted(merged)]


def merge_events(events: Iterable[tuple[Event, str | None, str | None]]) -> list[MergedEvent]:
    """Merge extracted events given as ``(event, site, story_cluster_id)`` triples (see ``merge_items``)."""
    return merge_items(MergeItem.from_event(e, site, cluster) for e, site, cluster in events)
