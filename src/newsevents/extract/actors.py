"""Actors from noun phrases: named actors, countries and capitals (metonymy), agent nouns with country context,
compound and reciprocal actors, and simple document-level coreference ("both sides", "the two factions", "he").

An ``ActorResolver`` lives for one document: it remembers the people and groups already seen so later mentions
("Lin Jian noted ...", "the two factions") resolve to the same coded actor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from newsevents.extract.attribution import SPEECH_LEMMAS
from newsevents.knowledge.actors import ActorEntry, ActorKB
from newsevents.model import Actor

# Dependency labels of left modifiers that belong to a noun phrase's name (not its clauses or attachments).
_NAME_DEPS = frozenset({"compound", "amod", "nmod", "det", "nummod", "quantmod", "npadvmod", "punct", "predet",
                        "poss", "case", "advmod"})
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Role nouns whose "of X" complement names the actor they stand for ("representatives of Hamas").
_PROXY_NOUNS = frozenset({
    "representative", "delegation", "delegate", "member", "leader", "leadership", "official", "spokesman",
    "spokeswoman", "spokesperson", "envoy", "fighter", "militant", "supporter", "government", "army", "force",
    "troop", "soldier", "police", "head", "chief", "minister", "ministry", "president", "ambassador", "wing",
    "base", "depot", "headquarters", "convoy", "post", "position", "checkpoint", "camp", "office", "embassy",
    "barracks", "stronghold", "outpost", "unit", "patrol", "vehicle", "positions", "compound",
})
_GROUP_COREF = re.compile(
    r"^(?:both(?: the)?|the two|the|these|those|the rival)\s+(?:sides|factions|parties|groups|movements|"
    r"countries|nations|leaders|governments|delegations|rivals|organisations|organizations)$|^both$|^the pair$",
    re.IGNORECASE,
)
# Institutions whose "in/of X" complement is part of their name ("the health ministry in Gaza").
_BODY_NOUNS = frozenset({"ministry", "government", "authority", "police", "army", "court", "office"})
_REPORTED_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
_DECLARING = frozenset({"warn", "threaten", "vow", "pledge", "promise", "insist", "decide", "agree", "believe"})
# Nouns that name places, not actors, even with a country adjective ("the Chinese capital").
_PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "border", "region", "province", "territory",
                          "coast", "enclave", "area", "soil", "side", "part", "district", "state", "island",
                          "port", "airspace", "water", "waters", "sea", "frontier", "zone", "camp", "embassy"})
# Quantities whose "of X" names the actor ("hundreds of thousands of people", "a group of soldiers").
_QUANTITY_NOUNS = frozenset({"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "score", "scores",
                             "million", "millions", "ten", "tens", "group", "number", "crowd", "band", "handful",
                             "some", "many", "most", "all", "several", "majority", "one", "two", "three", "few",
                             "truckload", "truckloads", "busload", "busloads", "carload", "carloads", "throng",
                             "throngs", "wave", "waves"})
_CROWD_NUMBERS = frozenset({"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "score", "scores",
                            "million", "millions", "tens"})
_FORMER = frozenset({"former", "ousted", "ex", "deposed", "exiled", "late", "erstwhile", "retired"})
_GROUP_KINDS = frozenset({"group", "party", "igo", "ngo", "gov_body", "person"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _code(country: str | None, sector: str | None) -> str:
    return f"{country or ''}{sector or ''}"


@dataclass
class ActorResolver:
    """Codes noun phrases of one document into actors, with the knowledge base and what the document said so far."""

    kb: ActorKB
    when: dt.date | None = None
    focus_country: str | None = None
    people: dict[str, Actor] = field(default_factory=dict)
    last_group: tuple[Actor, ...] = ()
    last_person: Actor | None = None
    countries_seen: Counter = field(default_factory=Counter)

    # ------------------------------------------------------------------ document context
    def observe_sentence(self, sent: Span) -> None:
        """Update the document's country focus from a sentence's country mentions (before coding its events)."""
        for ent in sent.ents:
            if ent.label_ in ("GPE", "NORP"):
                iso = self.kb.country_of(ent.text)
                if iso:
                    self.countries_seen[iso] += 1
                    if self.focus_country is None and ent.root.dep_ in ("nsubj", "nsubjpass"):
                        self.focus_country = iso

    def context_country(self) -> str | None:
        """The country an unqualified state role ("the foreign ministry spokesman") most likely belongs to."""
        if self.focus_country:
            return self.focus_country
        if self.countries_seen:
            return self.countries_seen.most_common(1)[0][0]
        return None

    def remember(self, actors: list[Actor]) -> None:
        """Record actors just used as event participants, for later coreference."""
        if len(actors) >= 2:
            self.last_group = tuple(actors)
        for actor in actors:
            if actor.name and " " in actor.name and actor.sector and actor.name not in self.people:
                self.people[actor.name] = actor
            if actor.country and actor.sector in _STATE_SECTORS and self.focus_country is None:
                self.focus_country = actor.country

    # ------------------------------------------------------------------ phrases
    def actors_for(self, head: Token) -> list[Actor]:
        """All actors a noun phrase headed by ``head`` names: conjuncts and appositions expanded."""
        text = _phrase(head).text
        antecedent = _pronoun_antecedent(head)
        if antecedent is not None:
            return self.actors_for(antecedent)  # keep the antecedent's words: "it" alone tells a reader nothing
        if _GROUP_COREF.match(text) and self.last_group:
            return [_at(a, head) for a in self.last_group]
        if head.lower_ in _PERSON_PRONOUNS and self.last_person:
            return [_at(self.last_person, head)]
        if head.lower_ == "they" and self.last_group:
            return [_at(a, head) for a in self.last_group]
        # "rival factions Hamas and Fatah": the apposition names the actors more precisely than the head noun.
        appos = [c for c in head.children if c.dep_ == "appos"]
        members: list[Token] = []
        if appos and self._is_named(appos[0]) and self.actor_for(appos[0]) is not None and not self._is_named(head):
            members = _conjuncts(appos[0])
            # "A member of the Syrian parliament, Mohammed Mamoun": the head noun gives the role and country
            role = self.actor_for(head) or next(iter(self._proxy(head)), None)
            if role is not None and role.country:
                named = [self.actor_for(m) for m in members]
                merged = [a if a is None or a.country else
                          Actor(text=a.text, name=a.name, code=_code(role.country, a.sector or role.sector),
                                country=role.country, sector=a.sector or role.sector, start=a.start, end=a.end)
                          for a in named]
                return [a for a in merged if a is not None]
        else:
            members = _conjuncts(head)
            if appos and self._is_named(head) and not self._is_named(appos[0]):
                # "Francesco Rocca, the president of the Red Cross": the apposition says who the person acts for
                person = self.actor_for(head)
                role = next(iter(self._proxy(appos[0])), None) or self.actor_for(appos[0])
                if person is not None and role is not None and not person.country and (role.country or role.code):
                    coded = Actor(text=person.text, name=person.name, code=role.code, country=role.country,
                                  sector=role.sector, start=person.start, end=person.end)
                    self.people[person.name] = coded
                    return [coded]
        out: list[Actor] = []
        split = self._split_adjective_conjuncts(head)
        if split:
            return split
        for member in members:
            proxied = self._proxy(member)
            if proxied:
                out.extend(proxied)
                continue
            actor = self.actor_for(member)
            if actor is not None:
                out.append(actor)
        unique: list[Actor] = []
        seen: set[tuple[str, str]] = set()
        for actor in out:
            key = (actor.name, actor.code)
            if key not in seen:
                seen.add(key)
                unique.append(actor)
        for actor in unique:
            if actor.sector and actor.name in self.people:
                self.last_person = actor
        return unique

    def _split_adjective_conjuncts(self, head: Token) -> list[Actor]:
        """'Hungarian and Romanian officials' -> a Hungarian and a Romanian government actor."""
        adjectives = [c for c in head.children if c.dep_ in ("amod", "compound") and
                      any(g.dep_ == "conj" for g in c.children)]
        if not adjectives:
            return []
        countries = [self.kb.country_of(t.text) for t in _conjuncts(adjectives[0])]
        if len(countries) < 2 or not all(countries):
            return []
        sector = self._sector(_phrase(head), head)
        return [Actor(text=_phrase(head).text, name=iso, code=_code(iso, sector), country=iso, sector=sector,
                      start=_phrase(head).start_char, end=_phrase(head).end_char) for iso in countries]

    def _proxy(self, member: Token) -> list[Actor]:
        """'representatives of Hamas and Fatah' -> Hamas, Fatah; 'officials of China' -> China's government;
        'thousands of students' -> the students; bare 'thousands' (protested) -> a crowd of civilians."""
        lemma = member.lemma_.lower()
        if lemma in _QUANTITY_NOUNS or member.lower_ in _QUANTITY_NOUNS:
            for prep in member.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return self.actors_for(pobj)
            if member.dep_ in ("nsubj", "nsubjpass") and lemma in _CROWD_NUMBERS:
                phrase = _phrase(member)
                return [Actor(text=phrase.text, name="civilians", code="CVL", sector="CVL",
                              start=phrase.start_char, end=phrase.end_char)]
            return []
        if lemma not in _PROXY_NOUNS:
            return []
        for prep in member.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                inner = [self.actor_for(t) for t in _conjuncts(pobj)]
                found = [a for a in inner if a is not None]
                if not found:
                    return []
                sector = self.kb.agent_sector(member.lemma_.lower())
                result = []
                for actor in found:
                    if actor.sector is None and sector:
                        actor = Actor(text=_phrase(member).text, name=actor.name, code=_code(actor.country, sector),
                                      country=actor.country, sector=sector, start=member.idx,
                                      end=_phrase(member).end_char)
                    result.append(actor)
                return result
        return []

    def _is_named(self, token: Token) -> bool:
        return token.pos_ == "PROPN" or token.ent_type_ in _ENTITY_LABELS

    def actor_for(self, head: Token) -> Actor | None:
        """The single actor named by the noun phrase whose head is ``head`` (no conjunct expansion), or None."""
        phrase = _phrase(head)
        text = phrase.text
        entity = _entity_of(head)
        # 1. a named actor, country or capital covering the head word
        for candidate in _candidates(phrase, entity):
            entry = self._lookup(candidate.text)
            if entry is not None and candidate.start <= head.i < candidate.end:
                actor = self._from_entry(entry, phrase, candidate)
                if actor is not None:
                    return actor
        # 1b. a named group modifying a role noun: "Taliban fighters", "Hamas militants", "UN peacekeepers";
        # or an organisation's named official: "U.N. peacekeeping chief Jean-Pierre Lacroix"
        person = entity is not None and entity.label_ == "PERSON"
        if self.kb.agent_sector(head.lemma_.lower()) is not None or person:
            for candidate in _candidates(phrase, entity):
                if candidate.end > head.i:
                    continue
                entry = self._lookup(candidate.text)
                if entry is not None and entry.kind in _GROUP_KINDS and not (person and entry.kind == "person"):
                    name = entity.text if person and entity is not None else entry.name
                    return Actor(text=text, name=name, code=entry.code, country=entry.country,
                                 sector=entry.sector, start=phrase.start_char, end=phrase.end_char)
        # 2. a person known from earlier in the document
        if entity is not None and entity.label_ == "PERSON":
            known = self._known_person(entity.text)
            if known is not None:
                return _at(known, head, phrase)
        # 3. an agent noun (role) with a country from the phrase or the document
        sector = self._sector(phrase, head)
        country = self._country_in(phrase, head)
        if sector is not None:
            if country is None:
                country = self._context_for(sector)
            name = entity.text if entity is not None and entity.label_ == "PERSON" else _strip_det(text)
            actor = Actor(text=text, name=name, code=_code(country, sector), country=country, sector=sector,
                          start=phrase.start_char, end=phrase.end_char)
            if entity is not None and entity.label_ == "PERSON":
                self.people[entity.text] = actor
                self.last_person = actor
            return actor
        # 4. a country adjective on a plain noun: "Russian aircraft", "Danish web sites"
        if country is not None and head.pos_ == "NOUN" and head.tag_ == "NNS" and entity is None \
                and head.lemma_.lower() not in _PLACE_NOUNS and self._country_modifier(phrase, head):
            return Actor(text=text, name=_strip_det(text), code=country, country=country, sector=None,
                         start=phrase.start_char, end=phrase.end_char)
        # 5. a named entity the knowledge base does not know: keep it, coded by country where the phrase says
        if entity is not None and entity.label_ in ("PERSON", "ORG", "NORP"):
            if entity.label_ == "NORP":
                iso = self.kb.country_of(entity.text)
                if iso:
                    return Actor(text=text, name=entity.text, code=iso, country=iso, sector=None,
                                 start=phrase.start_char, end=phrase.end_char)
            if entity.label_ == "PERSON":
                self.last_person = Actor(text=text, name=entity.text, code=_code(country, None), country=country,
                                         sector=None, start=phrase.start_char, end=phrase.end_char)
                return self.last_person
            return Actor(text=text, name=entity.text, code=_code(country, None), country=country, sector=None,
                         start=phrase.start_char, end=phrase.end_char)
        return None

    def _lookup(self, text: str) -> ActorEntry | None:
        """The knowledge base's entry for a name at the document's date; a person outside their term of office
        is still known, as an elite (ELI) of their country rather than its government."""
        entry = self.kb.lookup(text, self.when)
        if entry is None and self.when is not None:
            undated = self.kb.lookup(text, None)
            if undated is not None and undated.kind == "person" and undated.country:
                return replace(undated, sector="ELI", code=f"{undated.country}ELI")
        return entry

    def _country_modifier(self, phrase: Span, head: Token) -> bool:
        """True when a country adjective or name modifies the noun itself ("Danish web sites")."""
        return any(t.i < head.i and self.kb.country_of(t.text) for t in phrase)

    def _known_person(self, name: str) -> Actor | None:
        if name in self.people:
            return self.people[name]
        for known, actor in self.people.items():
            if known.split()[-1] == name.split()[-1]:
                return actor
        return None

    def _from_entry(self, entry: ActorEntry, phrase: Span, candidate: Span) -> Actor | None:
        country, sector = entry.country, entry.sector
        head_lemma = phrase.root.lemma_.lower()
        # "Chinese foreign ministry": the entry is a country adjective, the head noun is the role.
        if entry.kind == "country" and candidate.end <= phrase.root.i:
            role = self.kb.agent_sector(head_lemma)
            if role is None:
                return None
            sector = role
        if entry.kind == "demonym" and sector is None and phrase.root.tag_ in ("NNPS", "NNS"):
            sector = "CVL"  # "Palestinians", "Ghanaians": the people of a country
            if any(t.lower_ == "ethnic" for t in phrase):
                # "ethnic Albanians in Serbia": an ethnic group is coded by where it lives, taken from the place
                return Actor(text=phrase.text, name=entry.name, code="CVL", country=None, sector="CVL",
                             start=phrase.start_char, end=phrase.end_char)
        code = entry.code if sector == entry.sector else _code(country, sector)
        name = entry.name
        return Actor(text=phrase.text, name=name, code=code, country=country, sector=sector,
                     start=phrase.start_char, end=phrase.end_char)

    def _sector(self, phrase: Span, head: Token) -> str | None:
        """Sector of the role the phrase names; a former office holder is an elite (ELI), not the government."""
        sector = self._role_sector(phrase, head)
        if sector in _STATE_SECTORS and any(t.lower_ in _FORMER for t in phrase):
            return "ELI"
        return sector

    def _role_sector(self, phrase: Span, head: Token) -> str | None:
        """Sector from the longest role expression ending at the head ("foreign ministry spokesman" -> GOV)."""
        words = [t for t in phrase if t.i <= head.i and t.dep_ in ("compound", "amod") or t.i == head.i]
        for start in range(len(words)):
            expr = " ".join(t.lemma_.lower() for t in words[start:])
            sector = self.kb.agent_sector(expr)
            if sector:
                return sector
        # A role noun before a name: "spokesman Lin Jian", "President Biden".
        for t in phrase:
            if t.i < head.i and t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN"):
                sector = self.kb.agent_sector(t.lemma_.lower())
                if sector:
                    return sector
        return None

    def _country_in(self, phrase: Span, head: Token) -> str | None:
        """A country named inside the phrase: adjective, compound, possessor, or 'of/in X' complement."""
        for t in phrase:
            if t.i == head.i:
                continue
            iso = self.kb.country_of(t.text)
            if iso:
                return iso
        for ent in phrase.ents:
            iso = self.kb.country_of(ent.text)
            if iso:
                return iso
            entry = self._lookup(ent.text)
            if entry is not None and entry.country:
                return entry.country
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        iso = self.kb.country_of(pobj.text) or self.kb.country_of(_phrase(pobj).text)
                        if iso:
                            return iso
        return None

    def _context_for(self, sector: str) -> str | None:
        if sector in _STATE_SECTORS or sector in ("PTY", "OPP", "REB", "ELI"):
            return self.context_country()
        return None

    def actor_for_span(self, span: Span) -> Actor | None:
        """Code an arbitrary span (e.g. the source of an attribution) by its syntactic root."""
        found = self.actors_for(span.root)
        return found[0] if found else None


def _pronoun_antecedent(pronoun: Token) -> Token | None:
    """The noun a pronoun stands for when the sentence says it: the speaker of a reported clause ("Hungary said
    it will ...") or the noun a relative pronoun hangs on ("rebels, who attacked ...")."""
    lower = pronoun.lower_
    if lower in ("who", "which", "that") and pronoun.head.dep_ == "relcl":
        noun = pronoun.head.head
        return noun if noun.pos_ in ("NOUN", "PROPN") else None
    if lower not in _REPORTED_PRONOUNS or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = pronoun.head
    for _ in range(3):
        if verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            speech = verb.head
            if speech.lemma_.lower() in SPEECH_LEMMAS or speech.lemma_.lower() in _DECLARING:
                subject = next((c for c in speech.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.lower_ not in _REPORTED_PRONOUNS:
                    return subject
                return None
            verb = speech
        else:
            return None
    return None


def _at(actor: Actor, head: Token, phrase: Span | None = None) -> Actor:
    """The same coded actor, re-anchored at this mention's words."""
    span = phrase if phrase is not None else _phrase(head)
    return Actor(text=span.text, name=actor.name, code=actor.code, country=actor.country, sector=actor.sector,
                 start=span.start_char, end=span.end_char)


def _conjuncts(head: Token) -> list[Token]:
    out = [head]
    for child in head.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


def _phrase(head: Token) -> Span:
    """The name part of the noun phrase headed by ``head``: left modifiers and compounds, not clauses."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NAME_DEPS:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        name_part = child.dep_ in ("compound", "flat", "nummod") or (child.dep_ == "punct" and child.text == "-")
        body_of = (child.dep_ == "prep" and child.lower_ in ("in", "of")
                   and head.lemma_.lower() in _BODY_NOUNS)
        if name_part or body_of:
            end = max(end, child.right_edge.i + 1)
    doc = head.doc
    # keep the possessive marker off the end and leading punctuation off the start
    while end - 1 > start and doc[end - 1].dep_ in ("case", "punct"):
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _entity_of(token: Token) -> Span | None:
    if token.ent_type_ not in _ENTITY_LABELS:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _candidates(phrase: Span, entity: Span | None) -> list[Span]:
    """Sub-spans to look up, most specific first: the entity, the phrase, the phrase without its determiner."""
    doc = phrase.doc
    out: list[Span] = []
    if entity is not None:
        out.append(entity)
    out.append(phrase)
    root = phrase.root
    for start in range(phrase.start, root.i + 1):
        out.append(doc[start:root.i + 1])
    for ent in phrase.ents:
        if ent.end <= root.i:
            out.append(ent)
    # proper-noun modifiers the NER missed: "the Bush administration", "Hamas fighters"
    run_start = None
    for t in phrase:
        if t.i < root.i and t.pos_ == "PROPN":
            run_start = t.i if run_start is None else run_start
            out.append(doc[run_start:t.i + 1])
            out.append(doc[t.i:t.i + 1])
        else:
            run_start = None
    if entity is not None and entity.start > 0 and doc[entity.start - 1].lower_ == "the":
        out.append(doc[entity.start - 1:entity.end])
    return out


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
