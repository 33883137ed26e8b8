"""Typed records that flow between the pipeline stages (ingest -> clean -> nlp -> extract -> ...).

Every record is a frozen dataclass so stages cannot mutate each other's data; ``to_dict`` methods give the
output contract's JSON shape (``docs/output-contract.md``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawDoc:
    """One document as read from its container, before cleaning.

    ``text`` holds plain text; ``html`` holds markup still to be reduced to main text. Exactly one is set.
    """

    doc_id: str
    text: str | None = None
    html: str | None = None
    date: str | None = None  # publication date as given (ISO 8601 expected)
    url: str | None = None
    title: str | None = None
    origin: str = ""  # where it came from: a path, "path:line", "<stdin>"


@dataclass(frozen=True)
class Rejected:
    """A document (or part of one) that a stage could not process: the reason is data, never lost."""

    doc_id: str
    stage: str  # ingest | clean | nlp | extract | store
    code: str  # e.g. "E101", see errors.py
    reason: str
    origin: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "stage": self.stage, "code": self.code, "reason": self.reason,
                "origin": self.origin}


@dataclass(frozen=True)
class Article:
    """A cleaned document: the text every character offset downstream refers to."""

    doc_id: str
    text: str
    date: dt.date | None = None
    url: str | None = None
    title: str | None = None
    origin: str = ""
    paragraphs_in: int = 0
    paragraphs_out: int = 0
    paragraphs_removed: int = 0


@dataclass(frozen=True)
class Actor:
    """An actor as written in the text and as coded: ``code`` is country (ISO3 or IGO/NGO...) + sectors."""

    text: str
    name: str
    code: str
    country: str | None = None
    sector: str | None = None
    start: int | None = None  # character offsets in Article.text
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "code": self.code, "country": self.country,
                "sector": self.sector}


@dataclass(frozen=True)
class EventDate:
    """When the event happened: ISO value at a precision, and whether it is current, past, future or hypothetical."""

    value: str | None = None  # "2024-04-30", "2024-04", "2007", or None
    precision: str = "unknown"  # day | month | year | range | unknown
    status: str = "current"  # current | historical | future | hypothetical

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "status": self.status}


@dataclass(frozen=True)
class Location:
    """Where the event happened, resolved against the offline gazetteer."""

    name: str
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str = "city"  # country | admin1 | city | point
    start: int | None = None  # offsets of the place name in Article.text
    end: int | None = None
    canonical: str | None = None  # the gazetteer's name when the text spells it otherwise ("Kiev" -> "Kyiv")

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "admin1": self.admin1, "lat": self.lat,
                "lon": self.lon, "geonameid": self.geonameid, "precision": self.precision,
                "canonical": self.canonical or self.name, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Count:
    """A number of people with how sure the text is about it ("at least 34,535")."""

    value: int
    qualifier: str = "exact"  # exact | at_least | about | up_to

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "qualifier": self.qualifier}


@dataclass(frozen=True)
class Magnitude:
    """Casualty and size figures attached to an event."""

    killed: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    crowd: Count | None = None

    def is_empty(self) -> bool:
        return not (self.killed or self.injured or self.arrested or self.crowd)

    def to_dict(self) -> dict[str, Any]:
        def one(c: Count | None) -> dict[str, Any] | None:
            return c.to_dict() if c else None

        return {"killed": one(self.killed), "injured": one(self.injured), "arrested": one(self.arrested),
                "crowd": one(self.crowd)}


@dataclass(frozen=True)
class Attribution:
    """Who says so: the words naming the source, the cue ("according to", "said") and the coded actor."""

    text: str
    cue: str
    actor: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "cue": self.cue, "actor": self.actor.to_dict() if self.actor else None}


@dataclass(frozen=True)
class Evidence:
    """The sentence behind a record, as offsets into the cleaned text plus the trigger words."""

    sentence: str
    start: int
    end: int
    trigger: str  # the text from the first to the last word that carries the event
    trigger_start: int | None = None
    trigger_end: int | None = None
    # (start, end) of each run of words that carries the event ("car bomb", "killed"): what the UI marks
    trigger_words: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end, "trigger": self.trigger,
                "trigger_start": self.trigger_start, "trigger_end": self.trigger_end,
                "trigger_words": [list(w) for w in self.trigger_words]}


@dataclass(frozen=True)
class EventType:
    """An event's code in both ontologies, as looked up in the project's ontology table."""

    cameo_code: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None = None
    plover_mode: str | None = None
    plover_context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """One extracted event mention: who did what to whom, when, where, how many, per whom, with evidence."""

    doc_id: str
    event_id: str
    type: EventType
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    date: EventDate
    evidence: Evidence
    negated: bool = False
    location: Location | None = None
    magnitude: Magnitude = field(default_factory=Magnitude)
    attribution: Attribution | None = None
    confidence: float = 0.5
    extractor: str = ""
    mentions: int = 1  # sentences of this document that report the same event (merged by resolve)

    def to_dict(self) -> dict[str, Any]:
        """The output contract's JSON object for this event."""
        t = self.type
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "plover": {"event": t.plover, "mode": t.plover_mode, "context": list(t.plover_context)},
            "cameo": {"code": t.cameo_code, "root": t.cameo_root, "quad_class": t.quad_class,
                      "goldstein": t.goldstein},
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "date": self.date.to_dict(),
            "negated": self.negated,
            "location": self.location.to_dict() if self.location else None,
            "magnitude": self.magnitude.to_dict(),
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 3),
            "extractor": self.extractor,
            "mentions": self.mentions,
        }


@dataclass(frozen=True)
class DocResult:
    """Everything one document produced: its cleaned article (or rejection) and its events."""

    doc_id: str
    article: Article | None
    events: tuple[Event, ...] = ()
    rejected: Rejected | None = None
