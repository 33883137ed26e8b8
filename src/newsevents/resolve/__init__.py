"""Resolve: merge mentions of one real event (within a document here; across articles in the store)."""

from newsevents.resolve.document import dates_compatible, merge_document_events

__all__ = ["dates_compatible", "merge_document_events"]
