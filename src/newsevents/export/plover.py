"""PLOVER JSON records of merged events, with the field names of the PLOVER/POLECAT event records.

Fields: ``id``, ``date``, ``event_type``, ``mode``, ``context``, ``source`` (words), ``source_actor``
(country/IGO code), ``source_agent`` (sector), the same three for ``target``, ``country``, ``admin1``,
``placename``, ``geonameID``, ``lat``, ``lon``, magnitudes, ``text`` (evidence sentence), ``url``,
``publication_date``, ``num_mentions``/``num_sources``/``num_articles`` and ``version``. CAMEO 01/02
statements have no PLOVER type and are not exported.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

PLOVER_VERSION = "PLOVER-0.8"

REQUIRED_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str, "date": (str, type(None)), "date_precision": str, "event_type": str, "mode": (str, type(None)),
    "context": list, "source": str, "source_actor": str, "source_agent": (str, type(None)), "target": str,
    "target_actor": str, "target_agent": (str, type(None)), "country": (str, type(None)),
    "admin1": (str, type(None)), "placename": (str, type(None)), "geonameID": (int, type(None)),
    "lat": (float, type(None)), "lon": (float, type(None)), "fatalities": (int, type(None)),
    "injuries": (int, type(None)), "arrests": (int, type(None)), "crowd_size": (int, type(None)),
    "text": str, "url": (str, type(None)), "publication_date": (str, type(None)), "num_mentions": int,
    "num_sources": int, "num_articles": int, "cameo_code": str, "version": str,
}


def _side(actors: list[dict[str, Any]]) -> tuple[str, str, str | None]:
    words = "; ".join(a.get("text") or a.get("name") or "" for a in actors)
    codes = ";".join(dict.fromkeys(a.get("country") or a.get("code") or "" for a in actors))
    sectors = [a.get("sector") for a in actors if a.get("sector")]
    return words, codes, (";".join(dict.fromkeys(sectors)) or None)


def plover_record(row: dict[str, Any]) -> dict[str, Any] | None:
    """One PLOVER record for a merged-event row (``store.event_rows``); None for events PLOVER lacks."""
    if not row.get("plover_event"):
        return None
    source, source_actor, source_agent = _side(json.loads(row.get("source_json") or "[]"))
    target, target_actor, target_agent = _side(json.loads(row.get("target_json") or "[]"))
    pub = row.get("doc_pub_date")
    return {
        "id": row["event_key"],
        "date": row.get("date_value"),
        "date_precision": row.get("date_precision") or "unknown",
        "event_type": row["plover_event"],
        "mode": row.get("plover_mode"),
        "context": json.loads(row.get("plover_context") or "[]"),
        "source": source, "source_actor": source_actor, "source_agent": source_agent,
        "target": target, "target_actor": target_actor, "target_agent": target_agent,
        "country": row.get("loc_country"), "admin1": row.get("loc_admin1"), "placename": row.get("loc_name"),
        "geonameID": row.get("loc_geonameid"), "lat": row.get("loc_lat"), "lon": row.get("loc_lon"),
        "fatalities": row.get("killed"), "injuries": row.get("injured"), "arrests": row.get("arrested"),
        "crowd_size": row.get("crowd"),
        "text": row.get("evidence_sentence") or "",
        "url": row.get("doc_url"),
        "publication_date": pub.isoformat() if isinstance(pub, dt.date) else pub,
        "num_mentions": row["num_mentions"], "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
        "cameo_code": row["cameo_code"],
        "version": PLOVER_VERSION,
    }


def validate_plover(record: dict[str, Any]) -> list[str]:
    """Problems of one PLOVER record against ``REQUIRED_FIELDS`` (empty when valid)."""
    problems = [f"missing {k}" for k in REQUIRED_FIELDS if k not in record]
    for key, kind in REQUIRED_FIELDS.items():
        if key in record and not isinstance(record[key], kind):
            problems.append(f"{key}: {type(record[key]).__name__}")
    if record.get("date") is not None and not str(record["date"])[:4].isdigit():
        problems.append("date: not ISO 8601")
    return problems
