"""The DuckDB event store: migrations on open, transactional idempotent batch writes, event recomputation.

Each ``write_batch`` is one transaction: documents, their mentions, actors, places and rejections, and the
merged ``events`` rows of every block the batch touched (recomputed from all stored mentions of the block).
A crash at any moment leaves the store at a batch boundary, and re-running skips documents already stored
with the same content hash, so an interrupted run plus a re-run equals one uninterrupted run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from newsevents.faults import crash_point
from newsevents.model import DocResult, RawDoc, Rejected
from newsevents.resolve.events import MergeItem, merge_items
from newsevents.store import rows as R
from newsevents.store.schema import DATA_TABLES, MIGRATIONS, MIGRATIONS_TABLE

DEFAULT_DB = "events.duckdb"


@dataclass(frozen=True)
class StoredDoc:
    """One processed input ready to store: its result, raw item, content hash and story cluster."""

    result: DocResult
    raw: RawDoc | Rejected
    content_hash: str | None
    cluster_id: str | None = None
    signature: bytes | None = None


@dataclass
class BatchCounts:
    """What one ``write_batch`` wrote."""

    documents: int = 0
    mentions: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    blocks: int = 0


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                       "AND database_name = current_database() AND schema_name = 'main'", [table]).fetchall()
    return {r[0]: r[1] for r in rows}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]], *,
            replace: bool = False, ignore: bool = False) -> None:
    """Insert ``rows`` with one set-based statement: each column is bound as one typed list and unnested."""
    if not rows:
        return
    cols = list(rows[0])
    types = _column_types(con, table)
    verb = "INSERT OR REPLACE" if replace else ("INSERT OR IGNORE" if ignore else "INSERT")
    select = ", ".join(f"unnest(?::{types[c]}[])" for c in cols)
    sql = f"{verb} INTO {table} ({', '.join(cols)}) SELECT {select}"
    con.execute(sql, [[r[c] for r in rows] for c in cols])


class Store:
    """An open DuckDB event store (use ``open_store``); the only class that runs SQL."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool):
        self.con = con
        self.path = path
        self.read_only = read_only

    # -- lifecycle -------------------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (checkpointing the write-ahead log)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> list[str]:
        """Apply every migration not yet recorded, in order, each in its own transaction; names applied."""
        self.con.execute(MIGRATIONS_TABLE)
        done = {r[0] for r in self.con.execute("SELECT name FROM migrations").fetchall()}
        applied = []
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                for statement in statements:
                    self.con.execute(statement)
                self.con.execute("INSERT INTO migrations VALUES (?, ?)", [name, dt.datetime.now()])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order applied."""
        return [r[0] for r in self.con.execute("SELECT name FROM migrations ORDER BY applied_at, name").fetchall()]

    # -- runs ------------------------------------------------------------------------------------------------
    def start_run(self, args: dict[str, Any]) -> int:
        """Record a new run and return its id."""
        (next_id,) = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()
        self.con.execute("INSERT INTO runs (id, started, args) VALUES (?, ?, ?)",
                         [next_id, dt.datetime.now(), json.dumps(args, default=str, sort_keys=True)])
        return int(next_id)

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        """Mark a run finished with its summary counts."""
        self.con.execute("UPDATE runs SET finished = ?, counts = ? WHERE id = ?",
                         [dt.datetime.now(), json.dumps(counts, sort_keys=True), run_id])

    # -- reads used by batch runs ----------------------------------------------------------------------------
    def stored_hashes(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        """Content hash of each of ``doc_ids`` already stored (absent ids are missing from the dict)."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        rows = self.con.execute("SELECT doc_id, content_hash FROM documents WHERE list_contains(?, doc_id)",
                                [ids]).fetchall()
        return {r[0]: r[1] for r in rows}

    def signatures(self) -> list[tuple[str, str, bytes]]:
        """``(doc_id, cluster_id, signature)`` of clustered documents in insertion order (to restore clusters)."""
        sql = ("SELECT doc_id, cluster_id, coalesce(signature, ''::BLOB) FROM documents "
               "WHERE cluster_id IS NOT NULL ORDER BY seq, doc_id")
        return [(r[0], r[1], bytes(r[2])) for r in self.con.execute(sql).fetchall()]

    # -- writes ----------------------------------------------------------------------------------------------
    def write_batch(self, docs: Sequence[StoredDoc], run_id: int) -> BatchCounts:
        """Store a batch of documents in one transaction, replacing older versions, and recompute their events."""
        counts = BatchCounts()
        self.con.execute("BEGIN TRANSACTION")
        try:
            blocks = self._write_docs(docs, run_id, counts)
            crash_point("write")  # test hook (newsevents/faults.py): rows written, nothing committed
            counts.blocks = len(blocks)
            self._recompute_blocks(sorted(blocks))
            crash_point("merge")  # test hook: events recomputed, not yet committed
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return counts

    def _seqs(self, doc_ids: list[str]) -> list[int]:
        """The ``seq`` each document of the batch gets, exactly as if each were deleted and then inserted with
        ``max(seq) + 1`` one after the other (a replaced document may have held the maximum)."""
        con = self.con
        (others,) = con.execute("SELECT coalesce(max(seq), 0) FROM documents WHERE NOT list_contains(?, doc_id)",
                                [sorted(set(doc_ids))]).fetchone()
        current = dict(con.execute("SELECT doc_id, coalesce(seq, 0) FROM documents WHERE list_contains(?, doc_id)",
                                   [sorted(set(doc_ids))]).fetchall())
        seqs = []
        for doc_id in doc_ids:
            current.pop(doc_id, None)
            seq = max(others, max(current.values(), default=0)) + 1
            current[doc_id] = seq
            seqs.append(seq)
        return seqs

    def _write_docs(self, docs: Sequence[StoredDoc], run_id: int, counts: BatchCounts) -> set[str]:
        """Delete the batch's older rows and insert its new ones, one statement per table; blocks touched.

        Same rows as writing the documents one by one: a document id repeated in the batch keeps its last
        version, a mention id repeated inside a document its first event, a mention id repeated across documents
        its last document's, a place key its first row."""
        con = self.con
        if not docs:
            return set()
        doc_ids = [doc.result.doc_id for doc in docs]
        ids = sorted(set(doc_ids))
        seqs = self._seqs(doc_ids)
        last = {doc_id: i for i, doc_id in enumerate(doc_ids)}
        documents, rejections = [], []
        mentions: dict[str, dict[str, Any]] = {}
        actors: dict[str, list[dict[str, Any]]] = {}
        places: dict[str, dict[str, Any]] = {}
        for i, doc in enumerate(docs):
            counts.documents += 1
            rej = doc.result.rejected
            if rej is not None:
                counts.rejected[rej.code] = counts.rejected.get(rej.code, 0) + 1
            seen: set[str] = set()
            for event in doc.result.events:
                if event.event_id in seen:
                    continue
                seen.add(event.event_id)
                counts.mentions += 1
                if last[doc.result.doc_id] != i:
                    continue  # replaced by a later version of the document in this batch
                mentions.pop(event.event_id, None)  # a later document's mention replaces an earlier one
                mentions[event.event_id] = R.mention_row(event)
                actors[event.event_id] = R.actor_rows(event)
                place = R.location_row(event)
                if place is not None:
                    places.setdefault(place["location_key"], place)
            if last[doc.result.doc_id] != i:
                continue
            row = R.document_row(doc.result, doc.raw, doc.content_hash, doc.cluster_id, doc.signature, run_id)
            row["seq"] = seqs[i]
            documents.append(row)
            if rej is not None:
                rejections.append(R.rejection_row(rej, run_id))
        old = {r[0] for r in con.execute("SELECT DISTINCT block_key FROM mentions WHERE list_contains(?, doc_id)",
                                         [ids]).fetchall()}
        mids = sorted(mentions)
        con.execute("DELETE FROM actors WHERE mention_id IN (SELECT mention_id FROM mentions "
                    "WHERE list_contains(?, doc_id)) OR list_contains(?, mention_id)", [ids, mids])
        con.execute("DELETE FROM mentions WHERE list_contains(?, doc_id) OR list_contains(?, mention_id)",
                    [ids, mids])
        con.execute("DELETE FROM rejections WHERE list_contains(?, doc_id)", [ids])
        con.execute("DELETE FROM documents WHERE list_contains(?, doc_id)", [ids])
        _insert(con, "documents", documents)
        _insert(con, "rejections", rejections)
        _insert(con, "mentions", list(mentions.values()))
        _insert(con, "actors", [a for rows in actors.values() for a in rows])
        _insert(con, "locations", list(places.values()), ignore=True)
        return old | {m["block_key"] for m in mentions.values()}

    def _recompute_blocks(self, blocks: Sequence[str]) -> None:
        """Recompute the merged events of ``blocks`` from all their stored mentions (inside a transaction)."""
        if not blocks:
            return
        con = self.con
        rows = con.execute(
            """SELECT m.mention_id, m.doc_id, m.cameo_root, m.source_codes, m.target_codes, m.date_status,
                      m.negated, m.date_value, m.loc_country, m.loc_admin1, m.loc_name, m.loc_precision,
                      m.loc_lat, m.loc_lon, d.site, d.cluster_id, m.mentions, m.block_key, d.pub_date,
                      m.date_start, m.date_end
               FROM mentions m JOIN documents d USING (doc_id)
               WHERE list_contains(?, m.block_key)""", [list(blocks)]).fetchall()
        items, extra = [], {}
        for r in rows:
            items.append(MergeItem(
                mention_id=r[0], doc_id=r[1], root=r[2],
                source_codes=tuple(c for c in (r[3] or "").split(",") if c),
                target_codes=tuple(c for c in (r[4] or "").split(",") if c),
                status=r[5], negated=bool(r[6]), date_value=r[7], country=r[8], admin1=r[9], place=r[10],
                precision=r[11], lat=r[12], lon=r[13], site=r[14], cluster_id=r[15], mentions=r[16] or 1))
            extra[r[0]] = (r[17], r[18], r[19], r[20])
        con.execute("DELETE FROM events WHERE list_contains(?, block_key)", [list(blocks)])
        event_rows, assign = [], []
        for merged in merge_items(items):
            rep = extra[merged.representative]
            pub = [extra[m][1] for m in merged.mention_ids if extra[m][1] is not None]
            event_rows.append({
                "event_key": merged.event_key, "block_key": rep[0], "representative": merged.representative,
                "num_mentions": merged.num_mentions, "num_sources": merged.num_sources,
                "num_articles": merged.num_articles, "first_seen": min(pub) if pub else None,
                "last_seen": max(pub) if pub else None, "event_start": rep[2], "event_end": rep[3],
            })
            assign.extend((merged.event_key, m) for m in merged.mention_ids)
        _insert(con, "events", event_rows)
        if assign:
            con.execute("UPDATE mentions SET event_key = a.event_key "
                        "FROM (SELECT unnest(?::VARCHAR[]) AS event_key, unnest(?::VARCHAR[]) AS mention_id) a "
                        "WHERE mentions.mention_id = a.mention_id",
                        [[k for k, _ in assign], [m for _, m in assign]])

    def recompute_all(self) -> int:
        """Recompute every merged event from the stored mentions (e.g. after a rule change); events written."""
        blocks = [r[0] for r in self.con.execute("SELECT DISTINCT block_key FROM mentions").fetchall()]
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM events")
            self._recompute_blocks(blocks)
            crash_point("merge")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return self.count("events")

    # -- small reads -----------------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        """Row count of one of the schema's tables."""
        if table not in DATA_TABLES + ("runs", "migrations"):
            raise ValueError(f"unknown table {table!r}")
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def counts(self) -> dict[str, int]:
        """Row counts of every data table."""
        return {t: self.count(t) for t in DATA_TABLES}

    def ids(self, table: str) -> list[tuple]:
        """The sorted key columns of a data table (to compare two stores row for row)."""
        keys = {"documents": "doc_id, content_hash, cluster_id", "mentions": "mention_id, event_key", "events":
                "event_key, representative, num_mentions, num_sources, num_articles", "actors":
                "mention_id, role, position", "locations": "location_key", "rejections": "doc_id, stage, code"}
        return [tuple(r) for r in self.con.execute(f"SELECT {keys[table]} FROM {table} ORDER BY ALL").fetchall()]

    def rejection_counts(self) -> dict[str, int]:
        """Stored rejections by code."""
        sql = "SELECT code, count(*) FROM rejections GROUP BY code ORDER BY code"
        return dict(self.con.execute(sql).fetchall())


def open_store(path: str | Path = DEFAULT_DB, read_only: bool = False) -> Store:
    """Open (creating and migrating when writable) the DuckDB store at ``path``."""
    spath = str(path)
    if read_only and not Path(spath).exists():
        raise FileNotFoundError(spath)
    con = duckdb.connect(spath, read_only=read_only)
    store = Store(con, spath, read_only)
    if not read_only:
        store.migrate()
    return store
