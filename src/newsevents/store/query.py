"""Read-side SQL: filtered merged events, rows for the exports, Parquet copies of tables."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.store.db import Store
from newsevents.store.schema import DATA_TABLES

_EVENT_SELECT = """
SELECT e.event_key, e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen,
       e.event_start, e.event_end, m.*, d.url AS doc_url, d.site AS doc_site, d.pub_date AS doc_pub_date,
       d.title AS doc_title
FROM events e JOIN mentions m ON m.mention_id = e.representative JOIN documents d ON d.doc_id = m.doc_id
"""


@dataclass(frozen=True)
class EventFilter:
    """Filters of ``query``: actor name/code substring, ISO3 country, PLOVER type or CAMEO code prefix, dates."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if f.actor:
        clauses.append("""EXISTS (SELECT 1 FROM actors a JOIN mentions mm ON mm.mention_id = a.mention_id
                          WHERE mm.event_key = e.event_key
                          AND (a.code ILIKE ? OR a.name ILIKE ? OR a.text ILIKE ?))""")
        like = f"%{f.actor}%"
        params += [f.actor, like, like]
    if f.country:
        clauses.append("""(m.loc_country = ? OR EXISTS (SELECT 1 FROM actors a JOIN mentions mm
                          ON mm.mention_id = a.mention_id WHERE mm.event_key = e.event_key AND a.country = ?))""")
        params += [f.country.upper(), f.country.upper()]
    if f.type:
        if f.type.isdigit():
            clauses.append("starts_with(m.cameo_code, ?)")
            params.append(f.type)
        else:
            clauses.append("m.plover_event = ?")
            params.append(f.type.upper())
    date_sql, date_params = date_range_clauses(f.since, f.until)
    clauses += date_sql
    params += date_params
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def date_range_clauses(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """SQL conditions (on events ``e``) for events overlapping [since, until]; shared by query and the server."""
    clauses: list[str] = []
    params: list[Any] = []
    if since:
        clauses.append("coalesce(e.event_end, e.last_seen) >= CAST(? AS DATE)")
        params.append(since)
    if until:
        clauses.append("coalesce(e.event_start, e.first_seen) <= CAST(? AS DATE)")
        params.append(until)
    return clauses, params


def _rows(store: Store, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    cur = store.con.cursor()
    cur.execute(sql, params)
    names = [d[0] for d in cur.description]
    while True:
        chunk = cur.fetchmany(1000)
        if not chunk:
            break
        for row in chunk:
            yield dict(zip(names, row, strict=True))
    cur.close()


def event_rows(store: Store, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Merged events joined with their representative mention and document, ordered by date then key."""
    where, params = _where(f or EventFilter())
    sql = _EVENT_SELECT + where + " ORDER BY coalesce(e.event_start, e.first_seen) NULLS LAST, e.event_key"
    if f is not None and f.limit is not None:
        sql += " LIMIT ?"
        params.append(int(f.limit))
    return _rows(store, sql, params)


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """The output contract's object for a merged event row, plus its key and GDELT-style counts."""
    record = json.loads(row["record"])
    record.update(event_key=row["event_key"], num_mentions=row["num_mentions"], num_sources=row["num_sources"],
                  num_articles=row["num_articles"])
    return record


def query_events(store: Store, f: EventFilter | None = None) -> list[dict[str, Any]]:
    """Merged events matching ``f`` as output-contract records with ``num_mentions/sources/articles``."""
    return [event_record(r) for r in event_rows(store, f)]


def mention_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every mention with its event key and document (url, site, pub date), ordered by event then mention."""
    sql = """SELECT m.*, d.url AS doc_url, d.site AS doc_site, d.pub_date AS doc_pub_date,
                    e.representative = m.mention_id AS is_representative
             FROM mentions m JOIN documents d USING (doc_id) LEFT JOIN events e USING (event_key)
             ORDER BY m.event_key, m.mention_id"""
    return _rows(store, sql, [])


def copy_table_parquet(store: Store, table: str, path: Path) -> None:
    """Write one data table to a Parquet file with DuckDB's own writer."""
    if table not in DATA_TABLES + ("runs",):
        raise ValueError(f"unknown table {table!r}")
    target = str(path).replace("'", "''")
    store.con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{target}' (FORMAT parquet)")
