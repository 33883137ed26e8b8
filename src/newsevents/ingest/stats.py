"""Counters a caller may pass to ingest to learn what was skipped on purpose (not rejected), e.g. WARC records."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class IngestStats:
    """Skipped-item counts by kind ("warc:request", "warc:non-html", ...); owned by one caller, never global."""

    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, kind: str, n: int = 1) -> None:
        """Count ``n`` items of ``kind`` that were skipped without a rejection."""
        self.skipped[kind] += n

    @property
    def total_skipped(self) -> int:
        """All skipped items together."""
        return sum(self.skipped.values())
