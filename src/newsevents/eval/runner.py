"""Running the pipeline over gold documents: ``{"id","text","date"}`` in, output-contract events out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from newsevents.eval.gold import GoldDoc
from newsevents.model import DocResult, RawDoc


class _Processor(Protocol):
    def process(self, items: Iterable[RawDoc]) -> Iterator[DocResult]: ...


def raw_docs(docs: Iterable[GoldDoc]) -> Iterator[RawDoc]:
    """The extractor's input for gold documents: id, text and date only (never the annotations)."""
    for d in docs:
        yield RawDoc(doc_id=d["id"], text=d.get("text") or "", date=d.get("date"))


def predict(pipeline: _Processor, docs: Sequence[GoldDoc], min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Output-contract event dicts for the documents, dropping events with confidence below ``min_confidence``
    (rejected documents simply have no events, as in ``newsevents extract``)."""
    out = []
    for result in pipeline.process(raw_docs(docs)):
        events = (e.to_dict() for e in result.events)
        out.extend(e for e in events if e["confidence"] >= min_confidence)  # the rounded figure users see
    return out
