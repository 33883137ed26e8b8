"""Event triggers and their participants in one parsed sentence.

A trigger comes from the lexicon (a verb, an event noun, or a light verb + noun); its source and target come
from the dependency parse: subject/object, passive agent, possessor ("Israel's offensive"), "between X and Y",
"with/against/on X", and for event nouns the subject of the clause that governs them ("Hamas and Fatah engaged
in talks"). Nouns that are the content of another event ("called for a ceasefire") are not events of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsevents.extract.actors import ActorResolver
from newsevents.extract.attribution import SPEECH_LEMMAS
from newsevents.extract.lexicon import Lexicon, TriggerMatch, TriggerRule
from newsevents.model import Actor

# Prepositions that frame a noun as circumstance, not as a new event ("during the talks", "through dialogue").
_FRAMING_PREPS = frozenset({"during", "through", "via", "despite", "regarding", "about", "concerning", "over",
                            "of", "into", "like", "as", "before"})
_TARGET_PREPS = frozenset({"with", "against", "on", "upon", "to", "at", "toward", "towards", "into"})
# Roots whose compound source acts on itself ("Hamas and Fatah held talks", "... clashed"): CONSULT, AGREE,
# diplomatic and material cooperation, fighting.
_RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})
_OF_TARGET_NOUNS = frozenset({"arrest", "killing", "assassination", "release", "detention", "abduction",
                              "kidnapping", "execution", "expulsion", "deportation", "murder", "massacre",
                              "bombing", "shelling", "siege", "invasion", "occupation", "torture", "capture"})
# Prepositions whose object is the content of the governing event ("called for a ceasefire", "sanctions on").
_CONTENT_PREPS = frozenset({"for", "on", "about", "over", "to", "against", "in", "into", "at", "of", "upon"})
# Verbs that only report speech; "confirmed", "announced", "denied" are statement events of their own.
_REPORTING_ONLY = frozenset({"say", "tell", "add", "note", "report", "quote", "write", "state", "explain",
                             "stress", "tweet", "post", "cite", "inform", "indicate", "suggest", "estimate",
                             "brief", "publish", "argue", "contend", "think", "believe", "describe"})
_ADDRESSING_VERBS = frozenset({"demand", "urge", "call", "ask", "press", "pressure", "insist", "request",
                               "appeal", "order", "tell", "warn", "force", "persuade", "encourage", "invite"})
_DOMAIN_DEPS = frozenset({"dobj", "dative", "prep", "pobj", "xcomp", "poss", "compound", "amod", "attr"})
_DOMAIN_PREPS = frozenset({"to", "for", "with", "against", "on", "toward", "towards", "of", "into", "at", "from",
                           "by"})
# Roots whose object is something wanted, offered, refused or threatened, not something that happened.
_DESIRED_CONTENT_ROOTS = frozenset({"02", "03", "10", "12", "13"})
_CONTENT_DEPS = frozenset({"dobj", "pobj", "prep", "pcomp", "acl", "xcomp", "ccomp", "advcl", "conj", "relcl",
                           "compound", "attr", "oprd", "nsubjpass"})
_DEMAND_SPEECH = frozenset({"insist", "demand", "warn", "conclude", "reiterate", "declare", "urge", "remind",
                            "stress", "believe", "argue"})
# Role nouns that name the agent when they modify an event noun ("police firing", "army raid").
_HUMAN_AGENT_MODIFIERS = frozenset({"police", "army", "troop", "soldier", "rebel", "militant", "force", "government",
                                    "military", "guerrilla", "insurgent", "militia", "navy", "protester", "mob",
                                    "settler", "student", "worker", "farmer", "paramilitary", "jihadist", "gunman"})
# Objects that make a violent verb figurative ("fight the epidemic", "combat corruption", "attack poverty").
_ABSTRACT_OBJECTS = frozenset({"epidemic", "pandemic", "virus", "covid", "covid-19", "disease", "ebola", "malaria",
                               "poverty", "corruption", "crime", "terrorism", "extremism", "drought", "hunger",
                               "inflation", "fire", "fires", "blaze", "flame", "climate", "smuggling", "trafficking",
                               "unemployment", "illiteracy", "racism", "discrimination", "injustice", "problem",
                               "issue", "crisis", "impunity", "misinformation", "disinformation", "piracy", "famine"})
_DEATH_VERBS = frozenset({"die", "perish", "succumb"})
_CASUALTY_LEMMAS = frozenset({"kill", "wound", "injure", "hurt", "die", "maim", "death", "casualty", "fatality",
                              "toll", "killing", "injury"})
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_PARTITIVE_NOUNS = frozenset({"round", "series", "wave", "spate", "string", "flurry", "barrage", "volley",
                              "day", "days", "week", "weeks", "month", "months", "hour", "hours", "night",
                              "number", "lot", "couple", "campaign", "cycle", "outbreak", "surge", "escalation"})
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


def find_triggers(sent: Span, lexicon: Lexicon) -> list[TriggerMatch]:
    """Lexicon matches in the sentence, minus words consumed by a more specific match and framing nouns."""
    matches: list[TriggerMatch] = []
    for token in sent:
        if token.pos_ not in ("VERB", "NOUN", "ADJ") or token.dep_ in ("aux", "auxpass", "compound"):
            continue
        found = lexicon.match(token)
        if found is not None:
            matches.append(found)
    matches.extend(_obligation_matches(sent, {m.head.i for m in matches}))
    consumed: set[int] = set()
    for m in matches:
        consumed.update(t.i for t in m.tokens if t.i != m.head.i)
    trigger_heads = {m.head.i for m in matches if m.head.i not in consumed}
    matches_by_head = {m.head.i: m for m in matches if m.head.i not in consumed}
    kept: list[TriggerMatch] = []
    for m in matches:
        head = m.head
        if head.i in consumed:
            continue
        if head.pos_ == "NOUN" and _is_framed(head):
            continue
        if head.pos_ == "NOUN" and _governing_trigger(head, trigger_heads) is not None and not _own_source(head):
            continue
        # "fight the epidemic", "combat corruption": violence verbs used figuratively
        if m.rule.cameo[:2] in _VIOLENT_ROOTS and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _ABSTRACT_OBJECTS and c not in m.tokens
                for c in head.children):
            continue
        # "the besieged town", "an occupying army": a participle describing a noun is not a report of an event
        if head.dep_ == "amod" and head.tag_ in ("VBN", "VBG", "JJ"):
            continue
        # what an actor demands, offers, refuses or threatens is the content of that event, not an event itself
        if _content_of_verbal_event(head, matches_by_head):
            continue
        # plain reporting verbs ("said", "told") frame other events; they are not events themselves
        if _is_statement_match(m) and head.lemma_.lower() in _REPORTING_ONLY:
            continue
        # "attacked the camp, killing 156", "killed one soldier and wounded two": casualties of the same attack
        if _casualty_of(m, matches_by_head):
            continue
        # "met Biden to discuss trade": the purpose of a meeting is the same meeting
        if head.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            governing = matches_by_head.get(head.head.i)
            if governing is not None and governing.rule.cameo[:2] == m.rule.cameo[:2]:
                continue
        # "threatened to attack", "agreed to meet": the governing event covers the embedded one
        if head.dep_ == "xcomp" and head.head.i in trigger_heads and not _is_statement_match(m):
            continue
        kept.append(m)
    return kept


_DEMAND_RULE_CAMEO = "100"


def _obligation_matches(sent: Span, trigger_heads: set[int]) -> list[TriggerMatch]:
    """"Russia said Sudan must return the helicopter": what a speaker says another actor must do is a demand,
    even when the demanded action itself is not in the lexicon."""
    found = []
    for token in sent:
        if token.i in trigger_heads or token.pos_ not in ("VERB", "AUX") or token.dep_ != "ccomp":
            continue
        if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in token.children):
            continue
        speech = token.head
        if speech.lemma_.lower() not in SPEECH_LEMMAS and speech.lemma_.lower() not in _DEMAND_SPEECH:
            continue
        rule = TriggerRule(lemma=token.lemma_.lower(), pos="VERB", conditions=(("aux", "must"),),
                           cameo=_DEMAND_RULE_CAMEO, plover=None, mode=None, priority=3,
                           note="obligation in reported speech")
        found.append(TriggerMatch(rule=rule, head=token, tokens=(token,)))
    return found


def _casualty_of(m: TriggerMatch, matches_by_head: dict[int, TriggerMatch]) -> bool:
    """True for a casualty verb that reports the toll of a violent event it hangs on (advcl/conj/xcomp)."""
    head = m.head
    if head.lemma_.lower() not in _CASUALTY_LEMMAS or m.rule.cameo[:2] not in _VIOLENT_ROOTS:
        return False
    if head.pos_ == "NOUN":
        # "the offensive has resulted in the deaths of 34,535 people": the toll of the offensive
        node = head
        for _ in range(3):
            if node.dep_ not in ("pobj", "prep", "dobj", "attr") or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return any(c.dep_ in ("nsubj", "nsubjpass") and (g := matches_by_head.get(c.i)) is not None
                           and g.rule.cameo[:2] in _VIOLENT_ROOTS for c in node.children)
        return False
    for child in head.children:  # "a roadside bombing killed one soldier": the bombing is the event
        governing = matches_by_head.get(child.i)
        if child.dep_ == "nsubj" and governing is not None and governing.rule.cameo[:2] in _VIOLENT_ROOTS:
            return True
    node = head
    for _ in range(2):
        if node.dep_ not in ("advcl", "conj", "xcomp", "acl") or node.head.i == node.i:
            return False
        node = node.head
        governing = matches_by_head.get(node.i)
        if governing is not None and governing.rule.cameo[:2] in _VIOLENT_ROOTS:
            return True
    return False


def _content_of_verbal_event(head: Token, matches_by_head: dict[int, TriggerMatch]) -> bool:
    """True when the trigger sits in the object or complement of an appeal, intent, demand, rejection or
    threat ("rejected an offer to host a summit", "demanded that Israel ease restrictions") and names no agent
    of its own; accusations keep content that has its own agent."""
    node = head
    for _ in range(6):
        if node.dep_ not in _CONTENT_DEPS or node.head.i == node.i:
            return False
        node = node.head
        governing = matches_by_head.get(node.i)
        if governing is not None and governing.head.i != head.i:
            root = governing.rule.cameo[:2]
            if root in _DESIRED_CONTENT_ROOTS:
                return True
            if root == "11":
                return not (head.pos_ == "NOUN" and _own_source(head)) and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
            return False
    return False


def _is_statement_match(m: TriggerMatch) -> bool:
    return m.rule.cameo.startswith("01")


def _is_framed(noun: Token) -> bool:
    """True for a noun that is circumstance: object of a framing preposition, or a plain attribute."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _PARTITIVE_NOUNS:
        return False  # "a new round of talks", "a wave of arrests": the noun is the event
    if noun.dep_ == "pobj" and noun.head.lower_ in _FRAMING_PREPS:
        # "clashes between X and Y in Gaza" keep; "during the talks", "through dialogue" drop.
        return not _own_source(noun)
    return False


def _own_source(noun: Token) -> bool:
    """True when an event noun names its own agent: possessor, 'by X', 'between X and Y', country adjective."""
    for child in noun.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in ("by", "between", "among"):
            return True
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return True
    return False


def _governing_trigger(noun: Token, trigger_heads: set[int]) -> Token | None:
    """The trigger this noun is the content of: "called for a ceasefire", "agreed to postpone the
    demonstration", "killed in riots". Stops at clauses with their own subject and at temporal prepositions."""
    node = noun
    for _ in range(4):
        if node.dep_ not in ("dobj", "pobj", "attr", "oprd", "nsubjpass", "xcomp", "ccomp"):
            return None
        node = node.head
        if node.dep_ == "prep":
            if node.lower_ not in _CONTENT_PREPS:
                return None
            node = node.head
        if node.i in trigger_heads:
            return node
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return None
    return None


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
    own = {a.country for a in source if a.country}
    target = [a for a in target if not (a.country in own and a.text.lower().startswith(_OWN_PRONOUNS))]
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
    for child in verb.children:
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
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                found = resolver.actors_for(subject)
                if found:
                    return found
    return []


def _object_domain_target(head: Token, resolver: ActorResolver, source: list[Actor]) -> list[Actor]:
    """The first actor in the trigger's object domain: "agreed to provide aid for Romania" -> Romania,
    "praised Haiti's efforts" -> Haiti. Breadth-first, never into other clauses or the subject."""
    source_names = {a.name for a in source}
    frontier = [c for c in head.children if c.dep_ in _DOMAIN_DEPS
                and not (c.dep_ == "prep" and c.lower_ not in _DOMAIN_PREPS)]
    seen = 0
    while frontier and seen < 25:
        node = frontier.pop(0)
        seen += 1
        if node.pos_ in ("NOUN", "PROPN") and (node.dep_ in ("dobj", "dative", "poss", "pobj") or
                                              node.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")):
            role_ok = node.dep_ != "pobj" or node.head.lower_ in _DOMAIN_PREPS
            if role_ok:
                found = [a for a in resolver.actors_for(node) if a.name not in source_names]
                if found and any(a.country or a.code for a in found):
                    return found
        frontier.extend(c for c in node.children if c.dep_ in _DOMAIN_DEPS
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
            misparsed_clause = node.head.dep_ == "ROOT" and any(c.dep_ == "dobj" for c in node.children)
            if node.tag_ == "VBN" and not misparsed_clause:
                return []  # "refugees ordered out of Nigeria": the noun is the patient, not the agent
            return resolver.actors_for(node.head)
        else:
            return []
    return []


def _prep_target(head: Token, resolver: ActorResolver) -> list[Actor]:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
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
