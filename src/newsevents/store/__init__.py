"""The event store: DuckDB schema (named migrations), idempotent transactional batch writes and queries.

This package is the only place in newsevents that holds SQL.
"""

from newsevents.store.db import DEFAULT_DB, BatchCounts, Store, StoredDoc, open_store
from newsevents.store.query import EventFilter, event_rows, mention_rows, query_events

__all__ = ["DEFAULT_DB", "BatchCounts", "EventFilter", "Store", "StoredDoc", "event_rows", "mention_rows",
           "open_store", "query_events"]
