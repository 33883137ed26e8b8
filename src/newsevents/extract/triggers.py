"""Which words of a sentence are event triggers: lexicon matches, minus what is not a new event of its own.

Not events: words consumed by a more specific rule ("hold talks"), nouns that frame ("during the talks"),
the content of appeals, offers, demands, refusals and threats ("rejected an offer to host a summit"), plain
reporting verbs ("said"), casualty words that give the toll of an attack ("..., killing 15"), the purpose of a
meeting ("met to discuss"), figurative violence ("fight the epidemic") and descriptive participles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Span, Token

from newsevents.extract.lexicon import Lexicon, TriggerMatch, TriggerRule
from newsevents.extract.modality import reports_or_demands

# Prepositions that frame a noun as circumstance, not as a new event ("during the talks", "through dialogue").
_FRAMING_PREPS = frozenset({"during", "through", "via", "despite", "regarding", "about", "concerning", "over",
                            "of", "into", "like", "as", "before"})
# Prepositions whose object is the content of the governing event ("called for a ceasefire", "sanctions on").
_CONTENT_PREPS = frozenset({"for", "on", "about", "over", "to", "against", "in", "into", "at", "of", "upon"})
# Verbs that only report speech; "confirmed", "announced", "denied" are statement events of their own.
_REPORTING_ONLY = frozenset({"say", "tell", "add", "note", "report", "quote", "write", "state", "explain",
                             "stress", "tweet", "post", "cite", "inform", "indicate", "suggest", "estimate",
                             "brief", "publish", "argue", "contend", "think", "believe", "describe"})
# Roots whose object is something wanted, offered, refused or threatened, not something that happened.
_DESIRED_CONTENT_ROOTS = frozenset({"02", "03", "10", "12", "13"})
_CONTENT_DEPS = frozenset({"dobj", "pobj", "prep", "pcomp", "acl", "xcomp", "ccomp", "advcl", "conj", "relcl",
                           "compound", "attr", "oprd", "nsubjpass"})
# Objects that make a violent verb figurative ("fight the epidemic", "combat corruption", "attack poverty").
_ABSTRACT_OBJECTS = frozenset({"epidemic", "pandemic", "virus", "covid", "covid-19", "disease", "ebola", "malaria",
                               "poverty", "corruption", "crime", "terrorism", "extremism", "drought", "hunger",
                               "inflation", "fire", "fires", "blaze", "flame", "climate", "smuggling", "trafficking",
                               "unemployment", "illiteracy", "racism", "discrimination", "injustice", "problem",
                               "issue", "crisis", "impunity", "misinformation", "disinformation", "piracy", "famine"})
_CASUALTY_LEMMAS = frozenset({"kill", "wound", "injure", "hurt", "die", "maim", "death", "casualty", "fatality",
                              "toll", "killing", "injury",
                              "destroy", "damage", "demolish", "raze"})  # the damage an attack did, too
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_FORCE_ROOTS = frozenset({"17", "18", "19", "20"})
_VERBAL_ADVERBS = frozenset({"fatally", "critically", "seriously", "mortally", "brutally", "allegedly",
                             "reportedly", "severely", "repeatedly"})
# Objects with which capture/shoot/strike/storm/beat are not force: sport, elections, media, fame.
_NON_FORCE_OBJECTS = frozenset({
    "title", "titles", "lead", "crown", "championship", "medal", "gold", "silver", "bronze", "wicket", "wickets",
    "seat", "seats", "vote", "votes", "majority", "nomination", "primary", "attention", "imagination", "heart",
    "hearts", "moment", "essence", "spirit", "mood", "image", "images", "footage", "photo", "photos", "photograph",
    "photographs", "picture", "pictures", "video", "videos", "film", "films", "scene", "scenes", "movie",
    "movies", "episode", "documentary", "prize", "award", "trophy", "pennant", "cup", "fame", "prominence",
    "stardom", "goal", "goals", "game", "pole", "basket", "baskets", "putt", "birdie", "eagle", "par", "deal",
    "chord", "glance", "smile", "nerve",
})
# Participles that only say what an attack aimed at or hit ("..., targeting the town"): the same attack.
_ELABORATION_LEMMAS = frozenset({"target", "hit", "strike", "shell", "pound", "bomb", "storm", "destroy"})
_PARTITIVE_NOUNS = frozenset({"round", "series", "wave", "spate", "string", "flurry", "barrage", "volley",
                              "day", "days", "week", "weeks", "month", "months", "hour", "hours", "night",
                              "number", "lot", "couple", "campaign", "cycle", "outbreak", "surge", "escalation"})


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
    tolls: dict[int, list[Token]] = {}
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
        # "captured the title", "the film was shot in Slovenia", "shot to fame": sport, media and fame
        if m.rule.cameo[:2] in _FORCE_ROOTS and head.pos_ == "VERB" and _figurative_object(head, m):
            continue
        # "the besieged town", "an occupying army": a participle describing a noun is not a report of an event
        # (unless an adverb of manner shows a verb the parser took for an adjective: "fatally shot X")
        if head.dep_ == "amod" and head.tag_ in ("VBN", "VBG", "JJ") and not any(
                c.dep_ == "advmod" and c.lower_ in _VERBAL_ADVERBS for c in head.children):
            continue
        # what an actor demands, offers, refuses or threatens is the content of that event, not an event itself
        if _content_of_verbal_event(head, matches_by_head):
            continue
        # plain reporting verbs ("said", "told") frame other events; they are not events themselves
        if _is_statement_match(m) and head.lemma_.lower() in _REPORTING_ONLY:
            continue
        # "attacked the camp, killing 156", "killed one soldier and wounded two": casualties of the same attack
        governing_attack = _casualty_of(m, matches_by_head)
        if governing_attack is not None:
            tolls.setdefault(governing_attack.head.i, []).append(head)
            continue
        # "met Biden to discuss trade": the purpose of a meeting is the same meeting
        if head.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            # ... also "began a hunger strike to protest": the purpose of the verb's event object
            candidates = [head.head, *(c for c in head.head.children if c.dep_ == "dobj")]
            if any((g := matches_by_head.get(t.i)) is not None and g.head.i != head.i
                   and g.rule.cameo[:2] == m.rule.cameo[:2] for t in candidates):
                continue
        # "threatened to attack", "agreed to meet": the governing event covers the embedded one
        if head.dep_ == "xcomp" and head.head.i in trigger_heads and not _is_statement_match(m):
            continue
        kept.append(m)
    owner = {t.i: i for i, words in tolls.items() for t in words}  # "killed 15 and wounded 17": to the attack
    for i in list(tolls):
        top = i
        for _ in range(4):
            if top not in owner:
                break
            top = owner[top]
        if top != i:
            tolls.setdefault(top, []).extend(tolls.pop(i))
    return [_with_linked_words(m, tolls.get(m.head.i, ())) for m in kept]


# Verbs whose object is the event noun and that report the same event: "launched an assault", "continued
# their offensive", "carried out airstrikes".
_SUPPORT_VERBS = frozenset({"begin", "start", "continue", "resume", "launch", "conduct", "carry", "stage",
                            "mount", "wage", "intensify", "escalate", "step", "renew", "unleash", "hold",
                            "organize", "organise", "lead", "execute", "perform", "complete", "undertake",
                            "make", "commit", "perpetrate", "spearhead", "expand", "widen", "press"})
# Verbs whose subject is the event noun and that report the same event: "the attack occurred", "clashes
# erupted", "an explosion destroyed the building", "airstrikes targeting the town".
_OCCURRENCE_VERBS = frozenset({"occur", "happen", "take", "erupt", "break", "unfold", "begin", "start",
                               "continue", "resume", "rage", "intensify", "escalate", "hit", "strike", "target",
                               "destroy", "damage", "leave", "rock", "shake", "tear", "rip", "go", "come",
                               "flare", "spread", "end"})


def _with_linked_words(m: TriggerMatch, tolls: Iterable[Token]) -> TriggerMatch:
    """The match with the other words that report its event: its casualty verbs and, for an event noun, the
    verb it is the object (support verb) or subject (occurrence verb) of, and a participle on it."""
    linked = list(tolls)
    head = m.head
    if head.pos_ == "NOUN":
        verb = head.head
        if verb.i != head.i and verb.pos_ in ("VERB", "AUX") and verb not in m.tokens and (
                (head.dep_ == "dobj" and verb.lemma_.lower() in _SUPPORT_VERBS)
                or (head.dep_ == "nsubj" and verb.lemma_.lower() in _OCCURRENCE_VERBS)):
            linked.append(verb)
        linked.extend(c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBG"
                      and c.lemma_.lower() in _ELABORATION_LEMMAS | _CASUALTY_LEMMAS)
        # "an attack that targeted the checkpoint": the attack's own relative clause
        linked.extend(c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in _ELABORATION_LEMMAS
                      and any(g.lower_ in ("that", "which") for g in c.children))
    elif head.dep_ == "advcl" and head.tag_ == "VBG" and head.head.lemma_.lower() in _SUPPORT_VERBS \
            and m.rule.cameo[:2] in _VIOLENT_ROOTS and head.lemma_.lower() in _ELABORATION_LEMMAS:
        linked.append(head.head)  # "continued their counter-operations ..., targeting X": one operation
    if m.rule.cameo[:2] in _VIOLENT_ROOTS:  # "launched an offensive ..., targeting the mountains"
        verbs = [head, *(t for t in linked if t.pos_ == "VERB")]
        linked.extend(c for v in verbs for c in v.children if c.dep_ == "advcl" and c.tag_ == "VBG"
                      and c.lemma_.lower() in _ELABORATION_LEMMAS and c not in linked)
    return replace(m, linked=tuple(linked)) if linked else m


_DEMAND_RULE_CAMEO = "100"


def _figurative_object(head: Token, m: TriggerMatch) -> bool:
    """True when the verb's object (or passive subject, or "to" goal) is sport, media or fame: "captured the
    title", "the documentary was shot in Slovenia", "shot to fame"."""
    for child in head.children:
        if child in m.tokens:
            continue
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in _NON_FORCE_OBJECTS:
            return True
        if child.dep_ == "prep" and child.lower_ in ("to", "on") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in _NON_FORCE_OBJECTS | {"location", "camera", "tape"}
                for g in child.children):
            return True
    return False


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
        if not reports_or_demands(speech):
            continue
        rule = TriggerRule(lemma=token.lemma_.lower(), pos="VERB", conditions=(("aux", "must"),),
                           cameo=_DEMAND_RULE_CAMEO, plover=None, mode=None, priority=3,
                           note="obligation in reported speech")
        found.append(TriggerMatch(rule=rule, head=token, tokens=(token,)))
    return found


def _casualty_of(m: TriggerMatch, matches_by_head: dict[int, TriggerMatch]) -> TriggerMatch | None:
    """The violent event whose toll this casualty word reports (advcl/conj/xcomp, its subject), else None."""
    head = m.head
    if m.rule.cameo[:2] not in _VIOLENT_ROOTS:
        return None
    relative = head.dep_ == "relcl" and any(c.lower_ in ("that", "which") for c in head.children)
    if head.lemma_.lower() in _ELABORATION_LEMMAS and (
            head.tag_ == "VBG" and head.dep_ in ("advcl", "acl", "xcomp") or relative):
        # "launched an offensive in Deir Ezzor, targeting the Thardeh Mountains": the same offensive
        governing = matches_by_head.get(head.head.i)
        if governing is not None and governing.rule.cameo[:2] in _VIOLENT_ROOTS:
            return governing
        for child in head.head.children:  # "continued their offensive ..., targeting": the support verb's object
            governing = matches_by_head.get(child.i)
            if child.dep_ == "dobj" and governing is not None and governing.rule.cameo[:2] in _VIOLENT_ROOTS:
                return governing
        return None
    if head.lemma_.lower() not in _CASUALTY_LEMMAS:
        return None
    if head.pos_ == "NOUN":
        # "the offensive has resulted in the deaths of 34,535 people": the toll of the offensive
        node = head
        for _ in range(3):
            if node.dep_ not in ("pobj", "prep", "dobj", "attr") or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return next((g for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
                             and (g := matches_by_head.get(c.i)) is not None
                             and g.rule.cameo[:2] in _VIOLENT_ROOTS), None)
        return None
    for child in head.children:  # "a roadside bombing killed one soldier": the bombing is the event
        governing = matches_by_head.get(child.i)
        if child.dep_ == "nsubj" and governing is not None and governing.rule.cameo[:2] in _VIOLENT_ROOTS:
            return governing
    node = head
    for _ in range(2):
        if node.dep_ not in ("advcl", "conj", "xcomp", "acl") or node.head.i == node.i:
            return None
        node = node.head
        governing = matches_by_head.get(node.i)
        if governing is not None and governing.rule.cameo[:2] in _VIOLENT_ROOTS:
            return governing
    return None


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
