"""Read-side SQL for the HTTP server: filtered, sorted, paged events, counts, actors, network and places.

Every value a user supplies travels as a bound parameter; the only SQL text chosen from user input is the sort
order, picked from the fixed ``SORTS`` table. Each view reads merged events through their representative
mention (the record the event list shows), like ``store.query``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from newsevents.store.db import Store
from newsevents.store.query import date_range_clauses

# Sort keys the API accepts and the ORDER BY each one means (never built from user input).
_DAY = "coalesce(e.event_start, e.first_seen)"
SORTS: dict[str, str] = {
    "date": f"{_DAY} NULLS LAST, e.event_key",
    "-date": f"{_DAY} DESC NULLS LAST, e.event_key",
    "mentions": "e.num_mentions, e.event_key",
    "-mentions": "e.num_mentions DESC, e.event_key",
    "goldstein": "m.goldstein NULLS LAST, e.event_key",
    "-goldstein": "m.goldstein DESC NULLS LAST, e.event_key",
    "type": "m.cameo_code, e.event_key",
}

_FROM = """FROM events e JOIN mentions m ON m.mention_id = e.representative
JOIN documents d ON d.doc_id = m.doc_id"""

_QUAD_COUNTS = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))

# The day an event counts on in the timeline: its own date when known to the day, else its first report.
_TIMELINE_DAY = "CASE WHEN m.date_precision = 'day' THEN e.event_start ELSE e.first_seen END"


@dataclass(frozen=True)
class EventQuery:
    """Filters of the event views; text filters are case-insensitive substrings, dates ISO ``YYYY-MM-DD``."""

    actor: str | None = None  # actor code (exact) or words of its name/text (substring)
    country: str | None = None  # ISO3 of an actor or the place
    type: str | None = None  # PLOVER type ("ASSAULT") or CAMEO code prefix ("19", "190")
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None  # words of the place name
    q: str | None = None  # words in an evidence sentence, trigger or document title


def _where(f: EventQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.actor:
        clauses.append("""EXISTS (SELECT 1 FROM actors a JOIN mentions mm ON mm.mention_id = a.mention_id
            WHERE mm.event_key = e.event_key AND (upper(a.code) = upper(?)
            OR contains(lower(a.name), lower(?)) OR contains(lower(a.text), lower(?))))""")
        params += [f.actor, f.actor, f.actor]
    if f.country:
        clauses.append("""(m.loc_country = upper(?) OR EXISTS (SELECT 1 FROM actors a JOIN mentions mm
            ON mm.mention_id = a.mention_id WHERE mm.event_key = e.event_key AND a.country = upper(?)))""")
        params += [f.country, f.country]
    if f.type:
        if f.type.isdigit():
            clauses.append("starts_with(m.cameo_code, ?)")
        else:
            clauses.append("m.plover_event = upper(?)")
        params.append(f.type)
    if f.quad_class is not None:
        clauses.append("m.quad_class = ?")
        params.append(int(f.quad_class))
    date_sql, date_params = date_range_clauses(f.since, f.until)
    clauses += date_sql
    params += date_params
    if f.place:
        clauses.append("(contains(lower(m.loc_name), lower(?)) OR upper(m.loc_country) = upper(?))")
        params += [f.place, f.place]
    if f.q:
        clauses.append("""EXISTS (SELECT 1 FROM mentions mm JOIN documents dd ON dd.doc_id = mm.doc_id
            WHERE mm.event_key = e.event_key AND (contains(lower(mm.evidence_sentence), lower(?))
            OR contains(lower(mm.trigger), lower(?)) OR contains(lower(coalesce(dd.title, '')), lower(?))))""")
        params += [f.q, f.q, f.q]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.con.cursor()
    try:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        cur.close()


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _listing(row: dict[str, Any]) -> dict[str, Any]:
    record = json.loads(row.pop("record"))
    out = {k: _iso(v) for k, v in row.items()}
    out["record"] = record
    return out


def list_events(store: Store, f: EventQuery, sort: str = "-date", limit: int = 50,
                offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Total matching merged events and one page of them (summary columns plus the contract ``record``)."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    where, params = _where(f)
    (total,) = store.con.execute(f"SELECT count(*) {_FROM}{where}", params).fetchone()
    sql = f"""SELECT e.event_key, e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen,
                     e.event_start, e.event_end, m.date_value, m.date_precision, m.date_status, m.negated,
                     m.plover_event, m.cameo_code, m.quad_class, m.goldstein,
                     m.source_code, m.source_name, m.target_code, m.target_name,
                     m.loc_name, m.loc_country, m.trigger, m.evidence_sentence, m.record,
                     d.title AS doc_title, d.url AS doc_url, d.site AS doc_site
              {_FROM}{where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?"""
    rows = _dicts(store, sql, [*params, int(limit), int(offset)])
    return int(total), [_listing(r) for r in rows]


def event_detail(store: Store, event_key: str) -> dict[str, Any] | None:
    """A merged event with every mention (its document, contract record and evidence offsets), or None."""
    head = _dicts(store, """SELECT e.* FROM events e WHERE e.event_key = ?""", [event_key])
    if not head:
        return None
    event = {k: _iso(v) for k, v in head[0].items()}
    mentions = _dicts(store, """SELECT m.mention_id, m.doc_id, m.record, m.evidence_sentence, m.evidence_start,
                                       m.evidence_end, m.trigger, m.trigger_start, m.trigger_end,
                                       m.mention_id = ? AS is_representative,
                                       d.title AS doc_title, d.url AS doc_url, d.site AS doc_site,
                                       d.pub_date AS doc_pub_date
                                FROM mentions m JOIN documents d ON d.doc_id = m.doc_id
                                WHERE m.event_key = ?
                                ORDER BY is_representative DESC, d.pub_date NULLS LAST, m.mention_id""",
                        [event["representative"], event_key])
    event["mentions"] = [_listing(m) for m in mentions]
    rep = next((m for m in event["mentions"] if m["is_representative"]), None)
    event["record"] = rep["record"] if rep else None
    return event


def counts(store: Store, f: EventQuery) -> dict[str, Any]:
    """Event counts per day split by QuadClass, per PLOVER/CAMEO type and per QuadClass."""
    where, params = _where(f)
    by_day = store.con.execute(
        f"""SELECT {_TIMELINE_DAY} AS day, m.quad_class, count(*) {_FROM}{where}
            GROUP BY ALL HAVING day IS NOT NULL ORDER BY day, m.quad_class""", params).fetchall()
    days: dict[str, dict[str, Any]] = {}
    for day, quad, n in by_day:
        entry = days.setdefault(day.isoformat(), {"day": day.isoformat(), "1": 0, "2": 0, "3": 0, "4": 0,
                                                  "total": 0})
        if quad in (1, 2, 3, 4):
            entry[str(quad)] += int(n)
        entry["total"] += int(n)
    by_type = store.con.execute(
        f"""SELECT coalesce(m.plover_event, 'CAMEO ' || m.cameo_root) AS type, count(*) AS n {_FROM}{where}
            GROUP BY ALL ORDER BY n DESC, type""", params).fetchall()
    by_quad = store.con.execute(
        f"SELECT m.quad_class, count(*) {_FROM}{where} GROUP BY ALL ORDER BY 1", params).fetchall()
    return {"by_day": list(days.values()), "by_type": [{"type": t, "count": int(n)} for t, n in by_type],
            "by_quad_class": {str(q): int(n) for q, n in by_quad if q is not None}}


def actors(store: Store, q: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Actor codes by number of merged events they take part in, with their most common name and roles."""
    params: list[Any] = []
    cond = ""
    if q:
        cond = """WHERE upper(a.code) = upper(?) OR contains(lower(a.name), lower(?))
                  OR contains(lower(a.text), lower(?))"""
        params += [q, q, q]
    sql = f"""SELECT a.code, mode(a.name) AS name, mode(a.country) AS country, mode(a.sector) AS sector,
                     count(DISTINCT m.event_key) AS events,
                     count(DISTINCT m.event_key) FILTER (WHERE a.role = 'source') AS as_source,
                     count(DISTINCT m.event_key) FILTER (WHERE a.role = 'target') AS as_target
              FROM actors a JOIN mentions m ON m.mention_id = a.mention_id
              {cond} GROUP BY a.code ORDER BY events DESC, a.code LIMIT ?"""
    return _dicts(store, sql, [*params, int(limit)])


def network(store: Store, f: EventQuery, limit: int = 60) -> dict[str, Any]:
    """Who acts on whom: the ``limit`` heaviest source→target edges (events, by QuadClass) and their nodes."""
    where, params = _where(f)
    sql = f"""WITH ev AS (SELECT e.event_key, e.representative, m.quad_class {_FROM}{where}),
              pairs AS (SELECT DISTINCT ev.event_key, ev.quad_class, s.code AS source, t.code AS target
                        FROM ev JOIN actors s ON s.mention_id = ev.representative AND s.role = 'source'
                        JOIN actors t ON t.mention_id = ev.representative AND t.role = 'target'
                        WHERE s.code <> t.code)
              SELECT source, target, count(*) AS events,
                     {_QUAD_COUNTS}
              FROM pairs GROUP BY source, target ORDER BY events DESC, source, target LIMIT ?"""
    edges = _dicts(store, sql, [*params, int(limit)])
    codes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    names = {}
    if codes:
        names = {r[0]: (r[1], r[2]) for r in store.con.execute(
            """SELECT code, mode(name), mode(country) FROM actors WHERE list_contains(?, code) GROUP BY code""",
            [codes]).fetchall()}
    degree: dict[str, int] = {}
    for e in edges:
        degree[e["source"]] = degree.get(e["source"], 0) + e["events"]
        degree[e["target"]] = degree.get(e["target"], 0) + e["events"]
    nodes = [{"code": c, "name": names.get(c, (c, None))[0] or c, "country": names.get(c, (None, None))[1],
              "events": degree[c]} for c in codes]
    return {"nodes": nodes, "edges": edges}


def places(store: Store, f: EventQuery, limit: int = 500) -> list[dict[str, Any]]:
    """Geolocated places of the matching events with their event counts per QuadClass (for the map)."""
    where, params = _where(f)
    cond = " AND " if where else " WHERE "
    sql = f"""SELECT coalesce(m.loc_name, '') AS name, m.loc_country AS country, m.loc_precision AS precision,
                     round(m.loc_lat, 4) AS lat, round(m.loc_lon, 4) AS lon, count(*) AS events,
                     {_QUAD_COUNTS}
              {_FROM}{where}{cond}m.loc_lat IS NOT NULL AND m.loc_lon IS NOT NULL
              GROUP BY ALL ORDER BY events DESC, name LIMIT ?"""
    return _dicts(store, sql, [*params, int(limit)])


def totals(store: Store) -> dict[str, Any]:
    """Sizes of the store for the page header: documents, mentions, merged events and their date span."""
    docs, mentions = store.con.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions)").fetchone()
    events, first, last = store.con.execute(
        "SELECT count(*), min(coalesce(event_start, first_seen)), max(coalesce(event_end, last_seen)) FROM events"
    ).fetchone()
    return {"documents": int(docs), "mentions": int(mentions), "events": int(events), "first_day": _iso(first),
            "last_day": _iso(last)}
