"""The JSON API under ``/api``: events (filtered, sorted, paged), one event with its evidence, actors, counts,
network, places, and extraction of pasted text without storing it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from newsevents.errors import NewsEventsError
from newsevents.serve.app import ApiError, ServeConfig, read_store
from newsevents.serve.highlight import event_spans
from newsevents.store import Store
from newsevents.store import views as V

router = APIRouter(prefix="/api", tags=["api"])

SortKey = Literal["date", "-date", "mentions", "-mentions", "goldstein", "-goldstein", "type"]
EVENT_KEY = r"^[A-Za-z0-9_.:-]{1,64}$"
DATE = r"^(\d{4}-\d{2}-\d{2})?$"


def _day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ApiError(422, "invalid_request", f"query.{name}: not a calendar date (YYYY-MM-DD)") from exc


def event_filters(
    actor: Annotated[str | None, Query(max_length=100, description="Actor code (exact, e.g. RUSMIL) or words "
                                       "of its name")] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$", description="ISO3 of an actor or the "
                                         "place")] = None,
    type_: Annotated[str | None, Query(alias="type", pattern=r"^([A-Za-z]{3,12}|\d{2,4})?$",
                                       description="PLOVER type (ASSAULT) or CAMEO code prefix (19, 190)")] = None,
    quad_class: Annotated[str | None, Query(pattern=r"^[1-4]?$", description="1 verbal cooperation, 2 material "
                                            "cooperation, 3 verbal conflict, 4 material conflict")] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="Events ending on or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="Events from before YYYY-MM-DD")] = None,
    place: Annotated[str | None, Query(max_length=100, description="Words of the place name, or its ISO3")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in an evidence sentence, trigger or "
                                   "title")] = None,
) -> V.EventQuery:
    """The shared event filters of the API and the pages (empty values mean no filter)."""
    s, u = _day(since, "since"), _day(until, "until")
    return V.EventQuery(actor=actor or None, country=country or None, type=type_ or None,
                        quad_class=int(quad_class) if quad_class else None, since=s, until=u,
                        place=place or None, q=q or None)


Filters = Annotated[V.EventQuery, Depends(event_filters)]
StoreDep = Annotated[Store, Depends(read_store)]


def _record(row: dict[str, Any]) -> dict[str, Any]:
    record = dict(row["record"])
    record.update(event_key=row["event_key"], num_mentions=row["num_mentions"], num_sources=row["num_sources"],
                  num_articles=row["num_articles"])
    return record


@router.get("/events", summary="Merged events matching filters, sorted and paged")
def list_events(
    request: Request, store: StoreDep, filters: Filters,
    sort: Annotated[SortKey, Query(description="date, mentions, goldstein (prefix - for descending) or type")]
    = "-date",
    limit: Annotated[int, Query(ge=1, le=200, description="Page size (at most 200)")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """One page of merged events as output-contract records plus ``event_key`` and mention/source counts."""
    config: ServeConfig = request.app.state.config
    total, rows = V.list_events(store, filters, sort, min(limit, config.max_page), offset)
    return {"total": total, "limit": limit, "offset": offset, "items": [_record(r) for r in rows]}


@router.get("/events/{event_key}", summary="One merged event with all its mentions and evidence")
def get_event(store: StoreDep, event_key: Annotated[str, Path(pattern=EVENT_KEY)]) -> dict[str, Any]:
    """The event's record, counts and every mention: document, record, evidence offsets and highlight spans."""
    detail = V.event_detail(store, event_key)
    if detail is None:
        raise ApiError(404, "not_found", "no event with this key")
    mentions = []
    for m in detail["mentions"]:
        rec = m["record"]
        mentions.append({
            "mention_id": m["mention_id"], "doc_id": m["doc_id"],
            "is_representative": bool(m["is_representative"]),
            "document": {"title": m["doc_title"], "url": m["doc_url"], "site": m["doc_site"],
                         "pub_date": m["doc_pub_date"]},
            "evidence": rec.get("evidence"), "record": rec, "highlights": event_spans(rec),
        })
    keys = ("event_key", "num_mentions", "num_sources", "num_articles", "first_seen", "last_seen", "event_start",
            "event_end")
    return {**{k: detail[k] for k in keys}, "record": detail["record"], "mentions": mentions}


@router.get("/actors", summary="Actors by number of events")
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=100, description="Code (exact) or words of a name")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """Actor codes with their most common name, country, sector and event counts as source and target."""
    return {"items": V.actors(store, q or None, limit)}


@router.get("/counts", summary="Event counts per day (by QuadClass), per type and per QuadClass")
def get_counts(store: StoreDep, filters: Filters) -> dict[str, Any]:
    """Counts for the timeline: a day is the event's own date when known to the day, else its first report."""
    return V.counts(store, filters)


@router.get("/network", summary="Who acts on whom: source to target edges")
def get_network(store: StoreDep, filters: Filters,
                limit: Annotated[int, Query(ge=1, le=300, description="Most edges")] = 60) -> dict[str, Any]:
    """The heaviest source→target actor edges (event counts per QuadClass) and their nodes."""
    return V.network(store, filters, limit)


@router.get("/places", summary="Geolocated places of the events (for the map)")
def get_places(store: StoreDep, filters: Filters,
               limit: Annotated[int, Query(ge=1, le=2000)] = 500) -> dict[str, Any]:
    """Places with coordinates and their event counts per QuadClass."""
    return {"items": V.places(store, filters, limit)}


@router.get("/health", summary="Server and store status")
def health(store: StoreDep) -> dict[str, Any]:
    """``ok`` and the store's sizes (documents, mentions, events, date span)."""
    return {"status": "ok", **V.totals(store)}


class ExtractRequest(BaseModel):
    """Body of POST /api/extract: the text and its publication date (relative dates resolve against it)."""

    text: str = Field(min_length=1, description="Article text (plain text)")
    date: str | None = Field(default=None, pattern=DATE, description="Publication date YYYY-MM-DD")


@router.post("/extract", summary="Events of pasted text (nothing is stored)")
def extract_text(request: Request, body: ExtractRequest) -> dict[str, Any]:
    """Run the pipeline on one text: output-contract records, each with ``highlights`` in its sentence."""
    config: ServeConfig = request.app.state.config
    if len(body.text) > config.max_text_chars:
        raise ApiError(413, "payload_too_large", f"text over {config.max_text_chars} characters")
    date = _day(body.date, "date")
    try:
        events = request.app.state.extractor.extract(body.text, date)
    except NewsEventsError as exc:
        raise ApiError(422, "unprocessable_text", str(exc).splitlines()[0][:300]) from exc
    items = []
    for ev in events:
        rec = ev.to_dict()
        offsets = {role: [(a.start, a.end) if a.start is not None and a.end is not None else None
                          for a in getattr(ev, role)] for role in ("source", "target")}
        rec["highlights"] = event_spans(rec, offsets)
        items.append(rec)
    return {"count": len(items), "events": items}
