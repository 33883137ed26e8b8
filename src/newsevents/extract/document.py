"""Events of one parsed document: triggers and roles per sentence, then date, place, numbers, negation and
attribution for each, as typed ``Event`` records with provenance (document, offsets, extractor version).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsevents.extract.actors import ActorResolver
from newsevents.extract.attribution import attribution
from newsevents.extract.dates import event_date
from newsevents.extract.events import EventDraft, assign_roles
from newsevents.extract.lexicon import Lexicon
from newsevents.extract.magnitudes import magnitudes
from newsevents.extract.modality import (
    commitment,
    conditional_threat,
    failure,
    obligation,
    recode,
    reported_speaker,
)
from newsevents.extract.negation import is_negated
from newsevents.extract.place_mentions import parse_dateline
from newsevents.extract.places import event_location
from newsevents.extract.triggers import find_triggers
from newsevents.knowledge.actors import ActorKB
from newsevents.knowledge.gazetteer import Gazetteer
from newsevents.knowledge.ontology import Ontology
from newsevents.model import Actor, Article, Event, EventDate, Evidence, Location

EXTRACTOR = "newsevents.rules.v1"
_MAX_SENTENCE_CHARS = 2_000
# Sectors a country-only source takes for an event of this PLOVER type ("Israel's offensive" -> ISRMIL).
# Violence reported with its victims but no perpetrator ("three civilians were killed in a bombing") is kept.
_UNKNOWN_SOURCE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
_VIOLENCE_ROOTS = frozenset({"18", "19", "20"})
# Verbs that assert that their subject event took place ("the attack occurred", "clashes erupted").
_HAPPENED_VERBS = frozenset({"occur", "happen", "take", "erupt", "break", "unfold", "rage", "flare", "hit",
                             "strike", "rock", "shake", "destroy", "damage", "kill", "wound", "injure", "leave",
                             "target"})
_TOLL_LEMMAS = frozenset({"kill", "wound", "injure", "die", "destroy", "damage", "maim"})
_EXERCISE_NOUNS = frozenset({"exercise", "drill", "game", "maneuver", "manoeuvre", "wargame"})
_DOMESTIC_SECTORS = frozenset({"CVL", "GOV", "ELI", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "MIL", "EDU", "LAB",
                               "MED", "REL", "BUS"})
_TYPE_SECTOR = {"ASSAULT": "MIL", "MOBILIZE": "MIL"}


@dataclass(frozen=True)
class Resources:
    """Everything extraction reads: lexicon, ontology, actor knowledge base and gazetteer (loaded once)."""

    lexicon: Lexicon
    ontology: Ontology
    kb: ActorKB
    gazetteer: Gazetteer

    @classmethod
    def load(cls, dictionaries: Path | None = None) -> Resources:
        """Load the project's tables (and optional PETRARCH/Phoenix dictionaries) once per process."""
        return _load_resources(str(dictionaries) if dictionaries else None)


@lru_cache(maxsize=4)
def _load_resources(dictionaries: str | None) -> Resources:
    return Resources(lexicon=Lexicon.load(), ontology=Ontology.load(),
                     kb=ActorKB.load(Path(dictionaries) if dictionaries else None), gazetteer=Gazetteer.load())


def extract_document(article: Article, doc: Doc, resources: Resources) -> list[Event]:
    """All event mentions of one document, in text order, each with its evidence sentence."""
    resolver = ActorResolver(kb=resources.kb, when=article.date)
    dateline = parse_dateline(article.text[:200], resources.gazetteer)
    events: list[Event] = []
    for sent in doc.sents:
        if len(sent.text) > _MAX_SENTENCE_CHARS or not sent.text.strip():
            continue
        resolver.observe_sentence(sent)
        sentence_events: list[Event] = []
        here = _sentence_countries(sent, resolver, resources.gazetteer)
        context = here + _context_countries(resolver, dateline)
        for match in find_triggers(sent, resources.lexicon):
            draft = assign_roles(sent, match, resolver)
            if not draft.source and not _keep_without_source(draft):
                continue
            event = _build_event(article, sent, draft, resources, resolver, context, dateline, here)
            if event is not None:
                sentence_events.append(event)
                resolver.remember(list(draft.source))
        events.extend(_drop_self_reports(sentence_events))
    return events


def _drop_self_reports(events: list[Event]) -> list[Event]:
    """A statement whose speaker is also the source of another event in the sentence only reports that event
    ("Syria announced it will withdraw" is the withdrawal, not a second event)."""
    actions = [e for e in events if e.type.cameo_root != "01"]
    kept = []
    for event in events:
        if event.type.cameo_root == "01":
            speakers = {a.country or a.name for a in event.source}
            if any(speakers & {a.country or a.name for a in other.source} for other in actions):
                continue
        kept.append(event)
    return kept


def _keep_without_source(draft: EventDraft) -> bool:
    """Material conflict reported without its perpetrator is still an event ("three civilians were killed",
    "the town was captured", "protesters marched"): a verb trigger of roots 14-20, or any with a victim."""
    root = draft.match.rule.cameo[:2]
    if root not in _UNKNOWN_SOURCE_ROOTS:
        return False
    if _natural_cause(draft.head):
        return False  # "destroyed by the earthquake", "homes burned in the blaze": no political actor
    if draft.target or draft.match.rule.cameo.startswith(("173", "1712")):
        return True  # a victim is named, an arrest (made by the police, see _implied_police), property destroyed
    verb = draft.head.head
    if draft.head.pos_ == "NOUN" and draft.head.dep_ == "nsubj" and verb in draft.match.linked \
            and verb.lemma_.lower() in _HAPPENED_VERBS:
        return True  # "the attack occurred in Kanambe", "clashes erupted": the sentence says it happened
    if draft.head.pos_ == "NOUN" and any(t.lemma_.lower() in _TOLL_LEMMAS for t in draft.match.linked):
        return True  # "another attack, also in July, killed 50": an attack with a toll happened
    return draft.head.pos_ == "VERB" and root in _VIOLENCE_ROOTS and draft.head.dep_ not in ("relcl", "acl")


_NATURAL_CAUSES = frozenset({"earthquake", "quake", "tremor", "flood", "floods", "flooding", "storm", "hurricane",
                             "cyclone", "typhoon", "tornado", "tsunami", "landslide", "mudslide", "avalanche",
                             "blaze", "fire", "fires", "wildfire", "wildfires", "lightning", "eruption", "volcano",
                             "drought", "accident", "crash", "collision", "heat", "wind", "winds", "rain", "rains"})


def _natural_cause(head: Token) -> bool:
    """True when the trigger's agent or cause is a disaster or an accident ("destroyed by the earthquake",
    "killed in a car crash"), which makes no political event."""
    for child in head.children:
        locative = child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("in", "by", "during"))
        if locative and any(g.dep_ == "pobj" and g.lemma_.lower() in _NATURAL_CAUSES for g in child.children):
            return True
        if child.dep_ == "nsubj" and child.lemma_.lower() in _NATURAL_CAUSES:
            return True
    return False


def _sentence_countries(sent: Span, resolver: ActorResolver, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Countries the sentence itself names, for telling namesake places apart ("Tripoli ... Lebanese",
    "Georgia ... Atlanta"). A name that is itself a namesake ("Tripoli") gives no country."""
    found: list[str] = []
    for ent in sent.ents:
        if ent.label_ not in ("GPE", "NORP"):
            continue
        places = gazetteer.candidates(ent.text) if ent.label_ == "GPE" else []
        countries = {p.country for p in places if p.country}
        iso = resolver.kb.country_of(ent.text)
        if len(countries) > 1 and not any(p.precision == "country" and p.country == iso for p in places):
            continue  # an ambiguous town name says nothing about the country
        iso = iso or (next(iter(countries)) if len(countries) == 1 else None)
        if iso and iso not in found:
            found.append(iso)
    return tuple(found)


def _context_countries(resolver: ActorResolver, dateline) -> tuple[str, ...]:
    countries = [iso for iso, _ in resolver.countries_seen.most_common(5)]
    if dateline is not None and dateline.country and dateline.country not in countries:
        countries.insert(0, dateline.country)
    return tuple(countries)


def _build_event(article: Article, sent: Span, draft: EventDraft, resources: Resources,
                 resolver: ActorResolver, context: tuple[str, ...], dateline,
                 here: tuple[str, ...] = ()) -> Event | None:
    match = draft.match
    head = match.head
    rule = match.rule
    date: EventDate = event_date(sent, head, article.date)
    negated = is_negated(sent, head)
    cameo, plover, mode = rule.cameo, rule.plover, rule.mode
    source, target = draft.source, draft.target
    speaker = reported_speaker(head)
    demanded = obligation(head) and speaker is not None
    if failure(head) and cameo[:2] in ("03", "04", "05", "06", "07", "08"):
        negated = True  # "failed to reach agreement" -> a refusal below
    committed = commitment(head) or failure(head) or (conditional_threat(head) and cameo[:2] >= "12")
    recoded = recode(cameo, committed=committed, demanded=demanded, negated=negated)
    if recoded is not None:
        cameo, negated = recoded
        if date.status == "hypothetical":  # the intent, threat, refusal or demand itself was expressed now
            date = replace(date, status="current")
        plover = mode = None
        if demanded and speaker is not None:
            speaker_actors = tuple(resolver.actors_for(speaker))
            if not speaker_actors:
                return None
            source, target = speaker_actors, source
    if cameo.startswith("15") and head.lemma_.lower() in _EXERCISE_NOUNS and \
            len({a.country for a in source if a.country}) >= 2:
        cameo, plover, mode = "062", None, None  # exercises held by several countries together: cooperation
    event_type = resources.ontology.event_type(cameo, plover=plover, mode=mode)
    if cameo.startswith("01") and not any(a.country or a.code for a in source):
        return None  # an uncoded speaker's statement is noise, not data
    location: Location | None = event_location(sent, head, resources.gazetteer, context, dateline,
                                                     linked=match.linked, sentence_countries=here)
    if not source and (event_type.plover_mode == "arrest" or cameo.startswith("173")):
        source = (_implied_police(head, location, context),)  # "17 men were arrested": arrests are police acts
    visit = cameo[:2] == "04" and _national_place(location, resources.gazetteer)
    if not target and (event_type.quad_class >= 3 or visit):
        target = _place_as_target(head, location)  # "shelled Juba"; "arrived in Amman" visits Jordan
    if event_type.plover == "MOBILIZE":  # the mobilised forces are the source's own, not a target
        own = {a.country for a in source}
        target = tuple(a for a in target if a.country not in own)
    source = tuple(_fill_country(_sector_for_type(a, event_type.plover), location) for a in source)
    target = tuple(_fill_country(a, location) for a in target)
    trigger_tokens = sorted({*match.tokens, *match.linked}, key=lambda t: t.i)
    trigger_start, trigger_end = trigger_tokens[0].idx, trigger_tokens[-1].idx + len(trigger_tokens[-1].text)
    # the words as written, from the first trigger word to the last ("demonstrated Tuesday in"), so that the
    # text is found verbatim in the document and equals the trigger_start..trigger_end slice
    trigger_text = sent.text[trigger_start - sent.start_char:trigger_end - sent.start_char]
    evidence = Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char, trigger=trigger_text,
                        trigger_start=trigger_start, trigger_end=trigger_end,
                        trigger_words=_word_runs(trigger_tokens))
    confidence = _confidence(source, target, rule.conditions != (), cameo, head)
    return Event(
        doc_id=article.doc_id,
        event_id=_event_id(article.doc_id, evidence.trigger_start or 0, cameo),
        type=event_type,
        source=source,
        target=target,
        date=date,
        evidence=evidence,
        negated=negated,
        location=location,
        magnitude=magnitudes(sent, head),
        attribution=attribution(sent, head, resolver.actor_for_span),
        confidence=max(0.05, min(confidence, 0.95)),
        extractor=EXTRACTOR,
    )


def _word_runs(tokens: list[Token]) -> tuple[tuple[int, int], ...]:
    """Character spans of the runs of adjacent tokens ("car bomb", "killed")."""
    runs: list[list[int]] = []
    for tok in tokens:
        if runs and tok.i == runs[-1][2] + 1:
            runs[-1][1], runs[-1][2] = tok.idx + len(tok.text), tok.i
        else:
            runs.append([tok.idx, tok.idx + len(tok.text), tok.i])
    return tuple((start, end) for start, end, _ in runs)


def _confidence(source: tuple[Actor, ...], target: tuple[Actor, ...], specific: bool, cameo: str,
                head: Token) -> float:
    """How sure the rules are that this is a real, well-coded event: coded actors and a specific trigger pattern
    raise it; talk (statements), background clauses and a missing perpetrator lower it. Events under
    ``Settings.min_confidence`` (default 0.5) are dropped."""
    confidence = 0.55
    confidence += 0.15 if any(a.country or a.sector for a in source) else (-0.05 if not source else 0.0)
    confidence += 0.1 if target else 0.0
    confidence += 0.1 if specific else 0.0
    confidence -= 0.2 if cameo.startswith("01") else 0.0
    confidence -= 0.25 if _background_clause(head) else 0.0
    return confidence


def _background_clause(head: Token) -> bool:
    """An event mentioned in passing: a relative clause ("in which 20 people were killed") or a noun after
    "since/after/before"."""
    node = head
    for _ in range(4):
        if node.dep_ == "relcl" or (node.dep_ == "pobj" and node.head.lower_ in ("since", "after", "before")):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _implied_police(head: Token, location: Location | None, context: tuple[str, ...]) -> Actor:
    """The police of the place (or the story's country) as the implied agent of an arrest."""
    country = location.country if location is not None and location.country else (context[0] if context else None)
    return Actor(text="", name="police", code=f"{country or ''}COP", country=country, sector="COP")


def _national_place(location: Location | None, gazetteer: Gazetteer) -> bool:
    """A country, or a capital city standing for its government ("arrived in Amman")."""
    if location is None or not location.country:
        return False
    if location.precision == "country":
        return True
    capital = gazetteer.capital_of(location.country)
    return capital is not None and capital.name == (location.canonical or location.name)


def _place_as_target(head: Token, location: Location | None) -> tuple[Actor, ...]:
    """A conflict event aimed at a place ("shelled Juba", "imposed a curfew in Cizre") targets that place's
    country, as CAMEO codes it; only for a place inside the trigger's own clause."""
    if location is None or not location.country or location.start is None:
        return ()
    lo = min(t.idx for t in head.subtree)
    hi = max(t.idx + len(t.text) for t in head.subtree)
    if not lo <= location.start < hi:
        return ()
    return (Actor(text=location.name, name=location.name, code=location.country,
                  country=location.country, sector=None, start=location.start, end=location.end),)


def _sector_for_type(actor: Actor, plover: str | None) -> Actor:
    sector = _TYPE_SECTOR.get(plover or "")
    if sector and actor.country and actor.sector is None and actor.code == actor.country:
        return replace(actor, sector=sector, code=actor.country + sector)
    return actor


def _fill_country(actor: Actor, location: Location | None) -> Actor:
    """Domestic actors with no country named (civilians, "President X", "police") take the country of the place
    where the event happened."""
    if actor.country is None and actor.sector in _DOMESTIC_SECTORS and location is not None and location.country:
        return replace(actor, country=location.country, code=location.country + actor.sector)
    return actor


def _event_id(doc_id: str, trigger_start: int, cameo: str) -> str:
    """Stable id: the same document text and extractor give the same id."""
    digest = hashlib.sha1(f"{doc_id}\x1f{trigger_start}\x1f{cameo}\x1f{EXTRACTOR}".encode()).hexdigest()
    return digest[:16]

