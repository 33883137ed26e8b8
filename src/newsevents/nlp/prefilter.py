"""Sentence pre-filter: parse only the sentences that can hold an event, keep exact character offsets.

Parsing dominates the cost of event coding. ``plan`` splits a cleaned text into sentences with a cheap regex
and keeps those where some trigger rule could fire: a surface form of its head lemma and, for a rule with
conditions ("take" + dobj=control), a word each condition names. The opening sentences (dateline, document
focus) are kept too; cross-sentence coreference only uses earlier events, which lie in kept sentences.
``parse_sparse`` parses only the kept stretches; each dropped stretch becomes one inert token, so the rebuilt
``Doc`` has exactly the article's text and every character offset stays right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.nlp.pipeline import parse_fast

if TYPE_CHECKING:
    from newsevents.extract.lexicon import Lexicon

# Sentence ends: terminal punctuation (plus closing quotes/brackets) then whitespace, or a blank line.
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+|\n\s*\n\s*")
_WORD = re.compile(r"[a-z]+")
# Trigger lemmas the extractor never codes on their own ("said" frames other events; see extract/events.py).
_REPORTING_ONLY = frozenset({"say", "tell", "add", "note", "report", "quote", "write", "state", "explain",
                             "stress", "tweet", "post", "cite", "inform", "indicate", "suggest", "estimate",
                             "brief", "publish", "argue", "contend", "think", "believe", "describe"})
# De-inflections the lexicon's form generator misses ("dying" -> "die", "crises" -> "crisis" via "crise").
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ying", "ie"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
             ("es", ""), ("es", "is"), ("s", ""), ("d", ""))
LEAD_SENTENCES = 2  # the dateline and the document's focus country come from the opening sentences
CONTEXT_BEFORE = 0  # sentences kept before each candidate (1 keeps 0.2% more identical events, 10% slower)
MIN_SAVING = 0.15  # parse the whole text when the filter would drop less than this share of its characters


@dataclass(frozen=True)
class Segment:
    """A stretch ``[start, end)`` of the text: parsed (``keep``) or passed over as one inert token."""

    start: int
    end: int
    keep: bool


@dataclass(frozen=True)
class TriggerIndex:
    """Per trigger surface word, the word groups each of its rules needs (one word of every group must occur)."""

    needs: dict[str, tuple[tuple[frozenset[str], ...], ...]]

    def candidate(self, words: set[str]) -> bool:
        """True when some rule could fire on these words (over-inclusive: the parse is never checked)."""
        for word in words & self.needs.keys():
            for groups in self.needs[word]:
                if all(g & words for g in groups):
                    return True
        return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of rough sentences covering ``text`` end to end (trailing whitespace included)."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.end()))
            start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _value_words(values: str) -> frozenset[str] | None:
    """Surface words one condition value ("ceasefire|truce") accepts; None when it needs no particular word."""
    from newsevents.extract.lexicon import inflections

    out: set[str] = set()
    for value in values.split("|"):
        words = _WORD.findall(value)
        if value == "*" or not words:
            return None
        for w in words:
            out |= inflections(w, "VERB") | inflections(w, "NOUN") | {w}
    return frozenset(out)


@lru_cache(maxsize=4)
def trigger_index(lexicon: Lexicon) -> TriggerIndex:
    """The pre-filter's view of a lexicon: each rule's head forms and the words its conditions name."""
    from newsevents.extract.lexicon import inflections

    needs: dict[str, set[tuple[frozenset[str], ...]]] = {}
    for rule in lexicon.rules:
        if rule.lemma in _REPORTING_ONLY and rule.cameo.startswith("01"):
            continue  # never coded on its own
        groups = []
        for key, value in rule.conditions:
            if not value or key == "tag":
                continue
            outer, _, nested = value.partition(":")
            for part in (outer, nested.partition("=")[2]):
                words = _value_words(part) if part else None
                if words is not None:
                    groups.append(words)
        for form in inflections(rule.lemma, rule.pos) | {rule.lemma}:
            for word in _WORD.findall(form):
                needs.setdefault(word, set()).add(tuple(groups))
    return TriggerIndex({w: tuple(g) for w, g in needs.items()})


def sentence_words(text: str) -> set[str]:
    """Lower-case words of a sentence plus de-inflected variants of each."""
    words = set(_WORD.findall(text.lower()))
    extra = set()
    for word in words:
        for suffix, repl in _SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                extra.add(word[: -len(suffix)] + repl)
    return words | extra


def plan(text: str, index: TriggerIndex, lead: int = LEAD_SENTENCES, context: int = CONTEXT_BEFORE
         ) -> list[Segment]:
    """Kept and dropped stretches of ``text`` in order, covering it end to end (neighbours of a kind joined)."""
    spans = split_sentences(text)
    keep = [False] * len(spans)
    for i, (a, b) in enumerate(spans):
        if i < lead or index.candidate(sentence_words(text[a:b])):
            for j in range(max(0, i - context), i + 1):
                keep[j] = True
    segments: list[Segment] = []
    for (a, b), k in zip(spans, keep, strict=True):
        if segments and segments[-1].keep == k:
            segments[-1] = Segment(segments[-1].start, b, k)
        else:
            segments.append(Segment(a, b, k))
    return segments


def _inert(nlp: Language, text: str) -> Doc:
    """One token holding a dropped stretch: its own sentence, no entity, nothing the extractor can match."""
    return Doc(nlp.vocab, words=[text], spaces=[False], pos=["X"], tags=["XX"], deps=["dep"], heads=[0],
               lemmas=[""], sent_starts=[True], ents=["O"])


def parse_sparse(nlp: Language, texts: Sequence[str], index: TriggerIndex, batch_size: int = 64,
                 min_saving: float = MIN_SAVING, context: int = CONTEXT_BEFORE) -> list[Doc]:
    """Docs for ``texts`` (the same text, the same offsets) with only the candidate sentences parsed."""
    plans = []
    pieces: list[str] = []
    for text in texts:
        segments = plan(text, index, context=context)
        dropped = sum(s.end - s.start for s in segments if not s.keep)
        if dropped <= min_saving * len(text):
            segments = [Segment(0, len(text), True)]
        plans.append(segments)
        pieces.extend(text[s.start:s.end] for s in segments if s.keep)
    parsed = iter(parse_fast(nlp, pieces, batch_size=batch_size))
    out = []
    for text, segments in zip(texts, plans, strict=True):
        parts = [next(parsed) if s.keep else _inert(nlp, text[s.start:s.end]) for s in segments]
        out.append(parts[0] if len(parts) == 1 else _join(parts))
    return out


def _join(docs: list[Doc]) -> Doc:
    for d in docs:
        d.tensor = numpy.zeros((len(d), 0), dtype="float32")  # inert pieces have no tensor; none is needed
    return Doc.from_docs(docs, ensure_whitespace=False)
