"""Settings for a run, validated in one place and passed down explicitly (no globals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsevents.nlp import DEFAULT_MODEL


@dataclass(frozen=True)
class Settings:
    """What a run may change: the model, extra dictionaries, limits and cleaning thresholds."""

    model: str = DEFAULT_MODEL
    dictionaries: Path | None = None
    default_date: str | None = None
    max_document_bytes: int = 20_000_000  # raw bytes of one document (a file, a JSON line, a feed item) -> E109
    max_record_bytes: int = 20_000_000  # one WARC record's body after decompression (gzip bombs) -> E113
    max_document_chars: int = 500_000  # characters after cleaning (parser memory grows with length) -> E109
    max_sentence_chars: int = 10_000  # longest run of text without a sentence end -> E116
    max_html_depth: int = 400  # element nesting of an HTML page -> E115
    max_seconds_per_document: float = 60.0  # per stage (clean, parse, extract) of one document -> E114
    near_duplicate_threshold: float = 0.9
    batch_size: int = 32
    merge_mentions: bool = True
    min_confidence: float = 0.5  # events the rules are less sure of are dropped (see extract/document.py)
    prefilter: bool = True  # parse only sentences that can hold an event (see nlp/prefilter.py)
