"""Exports of a store: GDELT 2.0 Events/Mentions TSV, PLOVER JSON lines, Parquet tables, CSV of merged events."""

from __future__ import annotations

import csv
import json
from enum import StrEnum
from pathlib import Path

from newsevents.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, event_fields, mention_fields
from newsevents.export.plover import plover_record, validate_plover
from newsevents.store import Store, event_rows, mention_rows
from newsevents.store.query import copy_table_parquet
from newsevents.store.schema import DATA_TABLES

__all__ = ["CSV_COLUMNS", "EVENT_COLUMNS", "MENTION_COLUMNS", "ExportFormat", "export_store", "plover_record",
           "validate_plover"]

# Columns of the merged-events CSV (taken from the event row: representative mention plus counts).
CSV_COLUMNS: tuple[str, ...] = (
    "event_key", "num_mentions", "num_sources", "num_articles", "first_seen", "last_seen", "date_value",
    "date_precision", "date_status", "cameo_code", "cameo_root", "quad_class", "goldstein", "plover_event",
    "plover_mode", "source_codes", "source_name", "target_codes", "target_name", "negated", "loc_name",
    "loc_country", "loc_admin1", "loc_lat", "loc_lon", "killed", "injured", "arrested", "crowd",
    "attribution_text", "confidence", "mention_id", "doc_id", "doc_url", "evidence_sentence",
)


class ExportFormat(StrEnum):
    """Formats of ``newsevents export``."""

    gdelt_events = "gdelt-events"
    gdelt_mentions = "gdelt-mentions"
    plover = "plover"
    parquet = "parquet"
    csv = "csv"


def export_store(store: Store, fmt: ExportFormat | str, out: str | Path) -> int:
    """Write ``store`` in ``fmt`` to ``out`` (a file; a folder for parquet); returns rows (files) written."""
    fmt, out = ExportFormat(fmt), Path(out)
    if fmt is ExportFormat.parquet:
        out.mkdir(parents=True, exist_ok=True)
        for table in DATA_TABLES:
            copy_table_parquet(store, table, out / f"{table}.parquet")
        return len(DATA_TABLES)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        if fmt is ExportFormat.gdelt_events:
            for row in event_rows(store):
                fh.write("\t".join(event_fields(row)) + "\n")
                n += 1
        elif fmt is ExportFormat.gdelt_mentions:
            for row in mention_rows(store):
                fh.write("\t".join(mention_fields(row)) + "\n")
                n += 1
        elif fmt is ExportFormat.plover:
            for row in event_rows(store):
                record = plover_record(row)
                if record is not None:
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                    n += 1
        else:
            writer = csv.writer(fh)
            writer.writerow(CSV_COLUMNS)
            for row in event_rows(store):
                writer.writerow(["" if row.get(c) is None else row.get(c) for c in CSV_COLUMNS])
                n += 1
    return n
