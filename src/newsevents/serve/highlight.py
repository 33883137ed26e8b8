"""Where each part of an event sits in its evidence sentence: trigger, source, target, place, date, numbers.

Offsets stored with the record (trigger, place; actors when the caller has them) are used when they fall
inside the sentence; otherwise the words are searched for in the sentence. Pure functions on contract records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

KINDS: tuple[str, ...] = ("trigger", "source", "target", "place", "date", "number", "attribution")
KIND_LABELS: Mapping[str, str] = {"trigger": "event words", "source": "source actor", "target": "target actor",
                                  "place": "place", "date": "date", "number": "number",
                                  "attribution": "according to"}

_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                 "twenty")
_DATE_RE = re.compile(
    r"\b(?:(?:on|last|next|this)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?\b"
    r"|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{4})?\b"
    r"|\b(?:yesterday|today|tonight|last\s+(?:week|month|year)|earlier\s+this\s+(?:week|month|year))\b"
    r"|\b(?:19|20)\d{2}\b")


def _find(sentence: str, words: str | None, taken: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """First case-insensitive whole-word occurrence of ``words`` not overlapping ``taken``."""
    if not words or not words.strip():
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(words.strip()) + r"(?!\w)", re.IGNORECASE)
    for m in pattern.finditer(sentence):
        if not any(m.start() < e and s < m.end() for s, e in taken):
            return m.start(), m.end()
    return None


def _from_offsets(sentence: str, base: int, start: Any, end: Any) -> tuple[int, int] | None:
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    s, e = start - base, end - base
    if 0 <= s < e <= len(sentence):
        return s, e
    return None


def _count_strings(value: int) -> list[str]:
    out = [f"{value:,}", str(value)]
    if 0 <= value < len(_NUMBER_WORDS):
        out.append(_NUMBER_WORDS[value])
    return out


def event_spans(record: Mapping[str, Any], actor_offsets: Mapping[str, Sequence[tuple[int, int] | None]]
                | None = None) -> list[dict[str, Any]]:
    """Non-overlapping ``{start, end, kind, kinds, label, text}`` spans of ``record`` in its evidence sentence.

    Words that play two parts (a city both target and place) give one span with both ``kinds``.

    ``actor_offsets`` optionally maps "source"/"target" to each actor's (start, end) in the document text
    (the store does not keep them; the live extractor does).
    """
    ev = record.get("evidence") or {}
    sentence: str = ev.get("sentence") or ""
    base = ev.get("start") if isinstance(ev.get("start"), int) else 0
    found: list[tuple[int, int, list[str], list[str]]] = []

    def taken() -> list[tuple[int, int]]:
        return [(s, e) for s, e, _, _ in found]

    def add(span: tuple[int, int] | None, kind: str, label: str) -> None:
        if not span:
            return
        for s, e, kinds, labels in found:
            if (s, e) == span:  # the same words play two parts ("Kyiv" as target and place)
                kinds.append(kind)
                labels.append(label)
                return
        if not any(span[0] < e and s < span[1] for s, e in taken()):
            found.append((span[0], span[1], [kind], [label]))

    label = f"event: {ev.get('trigger') or ''}".strip()
    words = [w for w in ev.get("trigger_words") or () if isinstance(w, list | tuple) and len(w) == 2]
    if words:  # each run of event words on its own, so actors and places between them keep their marks
        for start, end in words:
            add(_from_offsets(sentence, base, start, end), "trigger", label)
    else:
        trig = _from_offsets(sentence, base, ev.get("trigger_start"), ev.get("trigger_end"))
        add(trig or _find(sentence, ev.get("trigger")), "trigger", label)
    for role in ("source", "target"):
        offsets = list((actor_offsets or {}).get(role) or ())
        for i, actor in enumerate(record.get(role) or ()):
            span = None
            if i < len(offsets) and offsets[i]:
                span = _from_offsets(sentence, base, offsets[i][0], offsets[i][1])
            for words, avoid in ((actor.get("text"), taken()), (actor.get("name"), taken()),
                                 (actor.get("text"), ()), (actor.get("name"), ())):
                span = span or _find(sentence, words, avoid)
            add(span, role, f"{role}: {actor.get('name')} ({actor.get('code')})")
    loc = record.get("location") or None
    if loc:
        span = _from_offsets(sentence, base, loc.get("start"), loc.get("end"))
        span = span or _find(sentence, loc.get("name")) or _find(sentence, loc.get("canonical"))
        add(span, "place", f"place: {loc.get('canonical') or loc.get('name')} ({loc.get('country') or '?'})")
    date = record.get("date") or {}
    for m in _DATE_RE.finditer(sentence):
        add((m.start(), m.end()), "date", f"date: {date.get('value') or 'unresolved'} ({date.get('status')})")
    for kind, count in (record.get("magnitude") or {}).items():
        if not count:
            continue
        for text in _count_strings(int(count.get("value", -1))):
            span = _find(sentence, text, taken())
            if span:
                add(span, "number", f"{kind}: {count.get('value')} ({count.get('qualifier')})")
                break
    att = record.get("attribution") or None
    if att:
        add(_find(sentence, att.get("text"), taken()), "attribution", f"according to: {att.get('text')}")
    found.sort(key=lambda f: (f[0], f[1]))
    return [{"start": s, "end": e, "kind": kinds[0], "kinds": kinds, "label": "; ".join(labels),
             "text": sentence[s:e]} for s, e, kinds, labels in found]


def segments(sentence: str, spans: Sequence[Mapping[str, Any]]) -> list[tuple[str, Mapping[str, Any] | None]]:
    """The sentence cut into (text, span or None) pieces in order, for rendering highlights."""
    out: list[tuple[str, Mapping[str, Any] | None]] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s["start"]):
        if span["start"] < pos:
            continue
        if span["start"] > pos:
            out.append((sentence[pos:span["start"]], None))
        out.append((sentence[span["start"]:span["end"]], span))
        pos = span["end"]
    if pos < len(sentence):
        out.append((sentence[pos:], None))
    return out
