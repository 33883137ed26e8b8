"""Pure conversions from pipeline records to table rows (dicts keyed by column name); no SQL here."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from typing import Any
from urllib.parse import urlsplit

from newsevents.model import Actor, Count, DocResult, Event, RawDoc, Rejected
from newsevents.resolve.events import MergeItem, actor_codes, block_key


def site_of(url: str | None) -> str | None:
    """The host of a URL without ``www.`` (the GDELT "source"), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def raw_text(item: RawDoc | Rejected) -> str | None:
    """The text (or markup) a content hash is computed over; None for ingest rejections."""
    if isinstance(item, Rejected):
        return None
    return item.text if item.text is not None else item.html


def fallback_content_hash(text: str) -> str:
    """Hash of whitespace-normalised, lower-cased text: equal for byte-different copies of one text."""
    norm = " ".join(text.lower().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]


def _parse_day(value: str, end: bool) -> dt.date | None:
    parts = value.strip().split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            day = int(parts[2][:2])
        else:
            day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def date_range(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last calendar day an ISO value ("2024", "2024-03", "2024-03-11", "a/b") covers."""
    if not value:
        return None, None
    lo, _, hi = value.partition("/")
    return _parse_day(lo, False), _parse_day(hi or lo, True)


def _actor_cols(prefix: str, actors: tuple[Actor, ...]) -> dict[str, Any]:
    first = actors[0] if actors else None
    return {
        f"{prefix}_json": json.dumps([a.to_dict() for a in actors], ensure_ascii=False),
        f"{prefix}_codes": ",".join(actor_codes(actors)),
        f"{prefix}_code": first.code if first else None,
        f"{prefix}_name": first.name if first else None,
        f"{prefix}_country": first.country if first else None,
        f"{prefix}_sector": first.sector if first else None,
    }


def _count(prefix: str, count: Count | None) -> dict[str, Any]:
    return {prefix: count.value if count else None, f"{prefix}_q": count.qualifier if count else None}


def mention_row(event: Event) -> dict[str, Any]:
    """One ``mentions`` row: every field of the event flattened, plus its full JSON record and block key."""
    t, loc, ev, att = event.type, event.location, event.evidence, event.attribution
    start, end = date_range(event.date.value)
    row: dict[str, Any] = {
        "mention_id": event.event_id, "doc_id": event.doc_id,
        "cameo_code": t.cameo_code, "cameo_root": t.cameo_root, "quad_class": t.quad_class,
        "goldstein": t.goldstein, "plover_event": t.plover, "plover_mode": t.plover_mode,
        "plover_context": json.dumps(list(t.plover_context)),
    }
    row.update(_actor_cols("source", event.source))
    row.update(_actor_cols("target", event.target))
    row.update({
        "date_value": event.date.value, "date_precision": event.date.precision, "date_status": event.date.status,
        "date_start": start, "date_end": end, "negated": event.negated,
        "loc_name": loc.name if loc else None, "loc_country": loc.country if loc else None,
        "loc_admin1": loc.admin1 if loc else None, "loc_lat": loc.lat if loc else None,
        "loc_lon": loc.lon if loc else None, "loc_geonameid": loc.geonameid if loc else None,
        "loc_precision": loc.precision if loc else None,
    })
    m = event.magnitude
    counts = (("killed", m.killed), ("injured", m.injured), ("arrested", m.arrested), ("crowd", m.crowd))
    for name, count in counts:
        row.update(_count(name, count))
    row.update({
        "attribution_text": att.text if att else None, "attribution_cue": att.cue if att else None,
        "attribution_code": att.actor.code if att and att.actor else None,
        "evidence_sentence": ev.sentence, "evidence_start": ev.start, "evidence_end": ev.end,
        "trigger": ev.trigger, "trigger_start": ev.trigger_start, "trigger_end": ev.trigger_end,
        "confidence": event.confidence, "extractor": event.extractor, "mentions": event.mentions,
        "record": json.dumps(event.to_dict(), ensure_ascii=False, sort_keys=True),
        "block_key": block_key(MergeItem.from_event(event)),
        "event_key": None,
    })
    return row


def actor_rows(event: Event) -> list[dict[str, Any]]:
    """``actors`` rows: one per actor per side, in the order the event lists them."""
    rows = []
    for role, actors in (("source", event.source), ("target", event.target)):
        for i, a in enumerate(actors):
            rows.append({"mention_id": event.event_id, "role": role, "position": i, "text": a.text, "name": a.name,
                         "code": a.code, "country": a.country, "sector": a.sector})
    return rows


def location_row(event: Event) -> dict[str, Any] | None:
    """A ``locations`` row for the event's place (keyed by a hash of all its fields), or None."""
    loc = event.location
    if loc is None:
        return None
    values = loc.to_dict()
    key = hashlib.sha1(json.dumps(values, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    return {"location_key": key, "name": loc.name, "country": loc.country, "admin1": loc.admin1, "lat": loc.lat,
            "lon": loc.lon, "geonameid": loc.geonameid, "precision": loc.precision}


def document_row(result: DocResult, raw: RawDoc | Rejected, content_hash: str | None, cluster_id: str | None,
                 signature: bytes | None, run_id: int) -> dict[str, Any]:
    """The ``documents`` row of one processed input."""
    article = result.article
    url = raw.url if isinstance(raw, RawDoc) else None
    title = raw.title if isinstance(raw, RawDoc) else None
    row: dict[str, Any] = {
        "doc_id": result.doc_id, "content_hash": content_hash, "url": url, "site": site_of(url),
        "title": (article.title if article and article.title else title), "pub_date": None,
        "origin": raw.origin, "cluster_id": cluster_id, "signature": signature,
        "chars": None, "paragraphs_in": None, "paragraphs_out": None, "paragraphs_removed": None,
        "status": "rejected" if result.rejected is not None else "ok", "events": len(result.events),
        "run_id": run_id,
    }
    if article is not None:
        row.update(url=article.url or url, site=site_of(article.url or url), pub_date=article.date,
                   chars=len(article.text), paragraphs_in=article.paragraphs_in,
                   paragraphs_out=article.paragraphs_out, paragraphs_removed=article.paragraphs_removed)
    return row


def rejection_row(rejected: Rejected, run_id: int) -> dict[str, Any]:
    """A ``rejections`` row."""
    return {"doc_id": rejected.doc_id, "stage": rejected.stage, "code": rejected.code, "reason": rejected.reason,
            "origin": rejected.origin, "run_id": run_id}
