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
    max_document_bytes: int = 20_000_000
    near_duplicate_threshold: float = 0.9
    batch_size: int = 32
    merge_mentions: bool = True
    min_confidence: float = 0.5  # events the rules are less sure of are dropped (see extract/document.py)
