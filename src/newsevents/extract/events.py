"""The participants of an event trigger in one parsed sentence (triggers themselves: ``extract/triggers.py``).

A trigger comes from the lexicon (a verb, an event noun, or a light verb + noun); its source and target come
from the dependency parse: subject/object, passive agent, possessor ("Israel's offensive"), "between X and Y",
"with/against/on X", and for event nouns the subject of the clause that governs them ("Hamas and Fatah engaged
in talks"). Nouns that are the content of another event ("called for a ceasefire") are not events of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsevents.extract.actors import ActorResolver
from newsevents.extract.lexicon import TriggerMatch
from newsevents.model import Actor

_DEMAND_NOUNS = frozenset({"demand", "call", "appeal", "request", "ultimatum", "plea", "insistence", "warning"})
_PURPOSE_DEPS = frozenset({"advcl", "xcomp", "ccomp", "acl", "pcomp"})
_TARGET_PREPS = frozenset({"with", "against", "on", "upon", "to", "at", "toward", "towards", "into"})
# Roots whose compound source acts on itself ("Hamas and Fatah held talks", "... clashed"): CONSULT, AGREE,
# diplomatic and material cooperation, fighting.
_RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})
_OF_TARGET_NOUNS = frozenset({"arrest", "killing", "assassination", "release", "detention", "abduction",
                              "kidnapping", "execution", "expulsion", "deportation", "murder", "massacre",
                              "bombing", "shelling", "siege", "invasion", "occupation", "torture", "capture"})
_ADDRESSING_VERBS = frozenset({"demand", "urge", "call", "ask", "press", "pressure", "insist", "request",
                               "appeal", "order", "tell", "warn", "force", "persuade", "encourage", "invite"})
_DOMAIN_DEPS = frozenset({"dobj", "dative", "prep", "pobj", "xcomp", "poss", "compound", "amod", "attr"})
_DOMAIN_PREPS = frozenset({"to", "for", "with", "against", "on", "toward", "towards", "of", "into", "at", "from",
                           "by"})
# Role nouns that name the agent when they modify an event noun ("police firing", "army raid").
_HUMAN_AGENT_MODIFIERS = frozenset({"police", "army", "troop", "soldier", "rebel", "militant", "force", "government",
                                    "military", "guerrilla", "insurgent", "militia", "navy", "protester", "mob",
                                    "settler", "student", "worker", "farmer", "paramilitary", "jihadist", "gunman"})
_DEATH_VERBS = frozenset({"die", "perish", "succumb"})
_SPEECH_NOUNS = frozenset({"statement", "report", "letter", "communique", "declaration", "message", "resolution",
                           "press", "release", "speech", "interview", "video", "note", "memo", "appeal"})
_OWN_PRONOUNS = ("its ", "their ", "his ", "her ", "our ")  # "withdraw its troops": the source's own forces
_CONFLICT_NOUNS = frozenset({"conflict", "war", "fighting", "clash", "violence", "hostility", "crisis",
                             "confrontation", "standoff", "dispute", "insurgency"})
_TEMPORAL_PREPS = frozenset({"since", "after", "before", "following", "amid", "during", "until", "upon"})
_RESULT_VERBS = frozenset({"result", "cause", "kill", "leave", "claim", "lead"})
_SUBJECT_DEPS = ("nsubj", "csubj")
_MAX_CLIMB = 4


@dataclass(frozen=True)
class EventDraft:
    """A trigger with its participants, before dates, places and numbers are attached."""

    match: TriggerMatch
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    reciprocal: bool = False

    @property
    def head(self) -> Token:
        return self.match.head


def assign_roles(sent: Span, match: TriggerMatch, resolver: ActorResolver) -> EventDraft:
    """Source and target actors of a trigger, from the parse."""
    head = match.head
    if head.pos_ == "VERB":
        source, target = _verb_roles(head, resolver)
    elif head.pos_ == "ADJ" and head.dep_ in ("acomp", "attr") and head.head.pos_ in ("VERB", "AUX"):
        # "Pakistan is willing to withdraw", "Israel is opposed to mediation": the copula's subject acts
        source, _ = _verb_roles(head.head, resolver)
        target = _prep_target(head, resolver) or _object_domain_target(head, resolver, source)
    else:
        source, target = _noun_roles(head, resolver)
    if not target and match.rule.cameo[:2] == "14":
        # a protest targets whom it is against or what it demands of: "protested against Sweden's decision",
        # "staged a hunger strike to demand the resignation of President Ben Bella"
        target = _object_domain_target(head, resolver, source, deps=_PURPOSE_DEPS)
        if not target and head.dep_ == "dobj":  # "began a hunger strike to protest against X"
            target = _object_domain_target(head.head, resolver, source, deps=_PURPOSE_DEPS)
    own = {a.country for a in source if a.country}
    target = [a for a in target if not ((a.country in own or a.country is None)
                                        and a.text.lower().startswith(_OWN_PRONOUNS))]
    if not target and match.rule.cameo[:2] == "08":
        target = _prep_target(head, resolver, preps=frozenset({"from"}))  # "withdraw its force from Chad"
    if not target and match.rule.cameo[:2] == "13":
        target = _condition_subject(head, resolver)  # "... unless Israel rescinds", "if the US goes ahead"
    reciprocal = False
    root = match.rule.cameo[:2]
    if len(source) >= 2 and not target and (root in _RECIPROCAL_ROOTS or _has_between(head)):
        reciprocal = True  # PLOVER keeps joint actors together in the source list; the target stays empty
    source = [a for a in source if not _same_place_only(a)]
    return EventDraft(match=match, source=tuple(source), target=tuple(target), reciprocal=reciprocal)


def _same_place_only(actor: Actor) -> bool:
    return not actor.code and not actor.country and not actor.name


def _has_between(head: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in head.children)


def _verb_roles(verb: Token, resolver: ActorResolver) -> tuple[list[Actor], list[Actor]]:
    source: list[Actor] = []
    target: list[Actor] = []
    passive_subject = None
    # a subject the parser hung on the auxiliary ("soldiers are patrolling" with "soldiers" under "are")
    children = [*verb.children, *(g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children)]
    for child in children:
        if child.dep_ in _SUBJECT_DEPS:
            source = resolver.actors_for(child)
        elif child.dep_ == "nsubjpass":
            passive_subject = child
        elif child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                source = resolver.actors_for(pobj)
    if passive_subject is not None:
        target = resolver.actors_for(passive_subject)
    if verb.lemma_.lower() in _DEATH_VERBS:
        # "three persons died in police firing": the subject is the victim; the agent is in the cause phrase
        target, source = source, _instrument_agent(verb, resolver, preps=("in", "to", "from", "under", "of"))
        return source, target
    if not source:
        source = _inherited_subject(verb, resolver)
    if not source and passive_subject is not None:
        source = _instrument_agent(verb, resolver)
    if not source and verb.dep_ == "pobj":
        source = _modifier_actors(verb, resolver)  # "in police firing" with "firing" parsed as a verb
    if not source and verb.dep_ in ("pobj", "pcomp"):
        source = _clause_subject(verb, resolver)  # "police resorted to firing"
    if not target:
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                target = resolver.actors_for(child)
                if target:
                    break
    if not target:
        target = _prep_target(verb, resolver)
    if not target:
        target = _clause_object_target(verb, resolver)
    if not target:
        target = _object_domain_target(verb, resolver, source)
    if target and source and {a.country for a in target} <= {a.country for a in source if a.country}:
        # "Syria offered its troops to Lebanon": the source's own forces are what it acts with, not on
        other = [a for a in _prep_target(verb, resolver) + _object_domain_target(verb, resolver, source + target)
                 if a.country not in {s.country for s in source}]
        if other:
            target = other
    return source, target


def _clause_object_target(verb: Token, resolver: ActorResolver) -> list[Actor]:
    """'demanded that the US cancel ...', 'urged Iraq to ...': the subject of the demanded clause."""
    if verb.lemma_.lower() not in _ADDRESSING_VERBS:
        return []
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp"):
            found = _subject_actors(child, resolver)
            if found:
                return found
    return []


def _subject_actors(clause: Token, resolver: ActorResolver) -> list[Actor]:
    """The actors a clause's own subject names (relative pronouns do not count)."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in ("that", "which", "who"):
        return []
    return resolver.actors_for(subject)


def _object_domain_target(head: Token, resolver: ActorResolver, source: list[Actor],
                          deps: frozenset[str] = frozenset()) -> list[Actor]:
    """The first actor in the trigger's object domain: "agreed to provide aid for Romania" -> Romania,
    "praised Haiti's efforts" -> Haiti. Breadth-first, never into the subject; ``deps`` adds clause links to
    follow (a protest's purpose clause: "to demand the resignation of President Mubarak")."""
    source_names = {a.name for a in source}
    follow = _DOMAIN_DEPS | deps
    frontier = [c for c in head.children if c.dep_ in follow
                and not (c.dep_ == "prep" and c.lower_ not in _DOMAIN_PREPS)]
    seen = 0
    while frontier and seen < 25:
        node = frontier.pop(0)
        seen += 1
        nationality = node.pos_ == "ADJ" and node.ent_type_ == "NORP"  # "rejected an Indian proposal"
        if nationality or node.pos_ in ("NOUN", "PROPN") and (node.dep_ in ("dobj", "dative", "poss", "pobj") or
                                                             node.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")):
            role_ok = nationality or node.dep_ != "pobj" or node.head.lower_ in _DOMAIN_PREPS
            if role_ok:
                found = [a for a in resolver.actors_for(node) if a.name not in source_names]
                if found and any(a.country or a.code for a in found):
                    return found
        frontier.extend(c for c in node.children if c.dep_ in follow
                        and not (c.dep_ == "prep" and c.lower_ not in _DOMAIN_PREPS))
    return []


def _instrument_agent(verb: Token, resolver: ActorResolver,
                      preps: tuple[str, ...] = ("in", "during", "by")) -> list[Actor]:
    """'were killed in police firing', 'died in an Israeli airstrike': the agent named inside the event noun
    of a passive clause."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ != "pobj" or pobj.pos_ not in ("NOUN", "VERB"):
                    continue
                found = _modifier_actors(pobj, resolver)
                direct = resolver.actor_for(pobj)  # "killed in police firing" misparsed as "in police [firing]"
                misparsed = any(c.dep_ == "acl" for c in pobj.children)
                if not found and misparsed and direct is not None and direct.sector in ("COP", "MIL", "REB", "GOV"):
                    found = [direct]
                for sub in pobj.children:
                    if not found and sub.dep_ == "poss":
                        found = resolver.actors_for(sub)
                    if not found and sub.dep_ == "prep" and sub.lower_ == "by":
                        agent = next((c for c in sub.children if c.dep_ == "pobj"), None)
                        found = resolver.actors_for(agent) if agent is not None else []
                if found:
                    return found
    return []


_CROWD_WORDS = frozenset({"hundreds", "thousands", "dozens", "scores", "millions", "tens"})


def _inherited_subject(verb: Token, resolver: ActorResolver) -> list[Actor]:
    """Subject shared through coordination, control ('agreed to meet'), relative and participle clauses."""
    node = verb
    for _ in range(_MAX_CLIMB):
        if node.dep_ == "xcomp" and node.head.dep_ == "acomp" and node.head.head.pos_ in ("VERB", "AUX"):
            node = node.head.head  # "Norway is willing to send": the subject of the copula
            for child in node.children:
                if child.dep_ in _SUBJECT_DEPS:
                    return resolver.actors_for(child)
            continue
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head.pos_ in ("VERB", "AUX"):
            node = node.head
            for child in node.children:
                if child.dep_ in _SUBJECT_DEPS:
                    return resolver.actors_for(child)
                if child.dep_ == "nsubjpass" and node is verb.head and verb.dep_ == "xcomp":
                    return resolver.actors_for(child)  # "police were forced to open fire"
                if child.dep_ == "nsubjpass" and verb.dep_ == "conj":
                    return []
        elif node.dep_ == "acl" and node.head.lemma_.lower() in _SPEECH_NOUNS and node.head.head.pos_ == "VERB":
            # "X issued a statement calling on Y": the statement's author calls
            for child in node.head.head.children:
                if child.dep_ in _SUBJECT_DEPS:
                    return resolver.actors_for(child)
            return []
        elif node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
            # "Hundreds of students protested in Rabat" parsed as a noun phrase with a participle
            misparsed_clause = node.head.dep_ == "ROOT" and (any(c.dep_ == "dobj" for c in node.children) or
                                                            node.head.lower_ in _CROWD_WORDS)
            if node.tag_ == "VBN" and not misparsed_clause:
                return []  # "refugees ordered out of Nigeria": the noun is the patient, not the agent
            return resolver.actors_for(node.head)
        else:
            return []
    return []


def _condition_subject(head: Token, resolver: ActorResolver) -> list[Actor]:
    """The subject of a threat's condition ("will boycott ... unless the president steps down")."""
    verbs = [head, head.head] if head.dep_ in ("xcomp", "dobj") else [head]
    verbs += [c for c in head.children if c.dep_ == "xcomp"]  # "threatened to stop talks if ..."
    for verb in verbs:
        for clause in verb.children:
            if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                              for c in clause.children):
                found = _subject_actors(clause, resolver)
                if found:
                    return found
    return []


def _prep_target(head: Token, resolver: ActorResolver, preps: frozenset[str] = _TARGET_PREPS) -> list[Actor]:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = resolver.actors_for(pobj)
                    if found:
                        return found
    return []


def _modifier_actors(noun: Token, resolver: ActorResolver, countries_only: bool = False) -> list[Actor]:
    """Actors named by a noun's left modifiers: "Israeli airstrikes", "the Israel-Hamas conflict"."""
    found: list[Actor] = []
    for child in noun.lefts:
        if child.dep_ not in ("amod", "compound", "nmod"):
            continue
        for token in child.subtree:
            if token.dep_ in ("amod", "compound", "nmod", "npadvmod") or token.i == child.i:
                actor = resolver.actor_for(token)
                named = actor is not None and actor.country is not None
                human = actor is not None and token.pos_ in ("NOUN", "PROPN") and \
                    token.lemma_.lower() in _HUMAN_AGENT_MODIFIERS
                if (named or (human and not countries_only)) and all(a.name != actor.name for a in found):
                    found.append(actor)
    return found


def _noun_roles(noun: Token, resolver: ActorResolver) -> tuple[list[Actor], list[Actor]]:
    source: list[Actor] = []
    target: list[Actor] = []
    for child in noun.children:
        if child.dep_ == "poss":
            source = resolver.actors_for(child)
        elif child.dep_ == "prep" and child.lower_ in ("by", "between", "among") and not source:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                source = resolver.actors_for(pobj)
    if not source:
        source = _modifier_actors(noun, resolver, countries_only=True)
    if not source:
        # "the outbreak of the Israel-Hamas conflict": the participants of the complement
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.lemma_.lower() in _CONFLICT_NOUNS:
                    source = _modifier_actors(pobj, resolver, countries_only=True)
    target = _prep_target(noun, resolver)
    if not target and noun.lemma_.lower() in _DEMAND_NOUNS:
        for clause in noun.children:  # "reiterated its demand that Israel ease restrictions"
            if clause.dep_ in ("acl", "ccomp", "relcl") and (target := _subject_actors(clause, resolver)):
                break
    if not target and noun.lemma_.lower() in _OF_TARGET_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    target = resolver.actors_for(pobj)
    if not source and (target or not _under_temporal_prep(noun)):
        source = _clause_subject(noun, resolver)
    if not source:
        source = _modifier_actors(noun, resolver)  # "police firing", "army raid"
    if not target and noun.dep_ in _SUBJECT_DEPS and noun.head.lemma_.lower() in _RESULT_VERBS:
        target = _result_target(noun.head, resolver)
    return source, target


def _under_temporal_prep(noun: Token) -> bool:
    """True for "since the outbreak", "after the attack": the clause's subject is not the noun's agent."""
    return noun.dep_ == "pobj" and noun.head.lower_ in _TEMPORAL_PREPS


def _clause_subject(noun: Token, resolver: ActorResolver) -> list[Actor]:
    """For an event noun, the subject of the clause it sits in ("X engaged in talks", "X launched an attack")."""
    node = noun
    for _ in range(_MAX_CLIMB):
        if node.dep_ not in ("dobj", "pobj", "prep", "pcomp", "attr", "advcl", "xcomp", "conj", "acl"):
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            for child in node.children:
                if child.dep_ in _SUBJECT_DEPS:
                    return resolver.actors_for(child)
                if child.dep_ == "nsubjpass":
                    return []
    return []


def _result_target(verb: Token, resolver: ActorResolver) -> list[Actor]:
    """'... resulted in the deaths of 34,535 people' -> the people; '... killed 12 soldiers' -> the soldiers."""
    for child in verb.children:
        if child.dep_ == "dobj":
            return resolver.actors_for(child)
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                found = resolver.actors_for(pobj)
                if found:
                    return found
                for sub in pobj.children:
                    if sub.dep_ == "prep" and sub.lower_ == "of":
                        inner = next((c for c in sub.children if c.dep_ == "pobj"), None)
                        if inner is not None:
                            return resolver.actors_for(inner)
    return []
