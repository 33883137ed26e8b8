"""The location of one event: the place attached to the event's trigger (a locative phrase, then its clause,
then the sentence, then a local actor's seat, then the dateline), never a place used as an actor; mentions come
from ``place_mentions``."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from newsevents.extract.place_mentions import (
    COMPASS_WORDS,
    EXTENT_NOUNS,
    FACILITY_NOUNS,
    LOCATIVE_PREPS,
    PLACE_LABELS,
    PLACE_NOUNS,
    PLACE_OBJECT_VERBS,
    compound_head,
    find_places,
    object_of,
    resolve_mention,
)
from newsevents.knowledge.gazetteer import Gazetteer, Place
from newsevents.model import Location


def _up_to_prep(tok: Token) -> Token | None:
    """The preposition whose phrase contains the place word ``tok`` as its location, if any
    ("in the town of Rawa" -> in; "near the West Bank village of Beitunia" -> near)."""
    cur = tok
    for _ in range(8):
        dep = cur.dep_
        if dep == "pobj":
            prep = cur.head
            if prep.lower_ == "of" and prep.head.lower_ in COMPASS_WORDS and prep.head.dep_ in ("advmod", "npadvmod",
                                                                                          "prep", "pobj"):
                return prep.head  # "west of Baghdad"
            if prep.lower_ == "of" and prep.head.lower_ in ("outside", "out", "north", "inside") and \
                    prep.head.dep_ in ("prep", "advmod"):
                return prep.head  # "outside of Kawkab"
            if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS | EXTENT_NOUNS:
                cur = prep.head
                continue
            return prep if prep.dep_ in ("prep", "agent", "dative", "advmod", "pcomp", "conj") else None
        if dep in ("conj", "appos"):
            cur = cur.head
            continue
        if dep in ("compound", "poss", "amod", "nmod") and (
                cur.head.lemma_.lower() in PLACE_NOUNS | FACILITY_NOUNS or cur.head.lower_ in FACILITY_NOUNS
                or dep in ("compound", "nmod") and cur.head.pos_ == "NOUN"):
            cur = cur.head
            continue
        if dep == "npadvmod" and cur.head.lower_ in ("outside", "near"):
            return cur.head
        return None
    return None


def _is_actor(span: Span, trigger: Token) -> bool:
    """True when the mention acts rather than locates: subject, possessor, agent, or a modifier of a noun
    that is not a place ("Israel's offensive", "China confirmed", "the Israel-Hamas conflict")."""
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    dep = root.dep_
    if dep in ("nsubj", "csubj", "expl"):
        return True
    if dep == "poss":
        head = root.head
        return head.lemma_.lower() not in PLACE_NOUNS | FACILITY_NOUNS and head.lower_ not in FACILITY_NOUNS
    if dep == "pobj" and root.head.dep_ == "agent":
        return True
    if dep in ("compound", "amod", "nmod", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN"):
        if root.head.lemma_.lower() in PLACE_NOUNS | FACILITY_NOUNS or root.head.ent_type_ in PLACE_LABELS:
            return False  # "the town of", "a Baghdad restaurant": where the thing is
        prep = _up_to_prep(root)  # "in a Lima safe house" locates; "the Israel-Hamas conflict" does not
        return prep is None or prep.lower_ not in LOCATIVE_PREPS
    return False


def _depth(tok: Token, ancestor: Token) -> int:
    """Number of head steps from ``tok`` up to ``ancestor`` (large when it is not an ancestor)."""
    cur, n = tok, 0
    while cur.i != ancestor.i:
        if cur.head.i == cur.i or n > 40:
            return 99
        cur, n = cur.head, n + 1
    return n


def _under_attribution(tok: Token, trigger: Token) -> bool:
    """True when the path from the place up to the trigger passes an "according to" phrase."""
    cur = tok
    while cur.i != trigger.i and cur.head.i != cur.i:
        if cur.lower_ in ("according", "citing", "quoted"):
            return True
        cur = cur.head
    return False


def _in_attribution(tok: Token) -> bool:
    """True for a place inside an "according to ..." phrase: where the source sits, not the event."""
    cur = tok
    for _ in range(12):
        if cur.lower_ in ("according", "citing", "quoted"):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _specificity(place: Place) -> int:
    """0 for a point, 1 for a town (or a name the gazetteer does not know), 2 for a province, 3 for a country:
    the gold standard of the field is the most specific place the text gives."""
    if place.feature == "U":
        return 1
    return {"point": 0, "city": 1, "admin1": 2, "country": 3}.get(place.precision, 1)


def _names_a_modifier(span: Span) -> bool:
    """True for a mention that only modifies a place noun named elsewhere ("the Azov Sea port city of
    Mariupol", "Iran's province of Khuzestan"): the named place is the more precise one."""
    root = span.root
    if root.dep_ not in ("compound", "poss", "nmod", "amod"):
        return False
    head = compound_head(root) if root.dep_ != "poss" else root.head
    return head.lemma_.lower() in PLACE_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


def _refined(best: tuple[Span, Place], mentions: list[tuple[Span, Place]]) -> tuple[Span, Place]:
    """A more precise place inside the chosen place's own phrase: a town or locality within a chosen province
    or country ("in front of Morocco's parliament in Rabat" -> Rabat), or the locality a chosen town only
    qualifies ("in Mogadishu's Yaqshid district" -> Yaqshid). The first place of a phrase is otherwise kept:
    "at Olangur in Villupuram district" is at Olangur."""
    span, place = best
    prep = _up_to_prep(span.root)
    if prep is None:
        return best
    phrase = {t.i for t in prep.subtree}
    size = _size(span, place)
    noun = span.root.head
    # a possessor yields to the place it qualifies even at the same size ("Baghdad's Sadr City neighbourhood")
    ties = span.root.dep_ == "poss" and size < 2

    def better(s: Span, p: Place) -> bool:
        if s is span or s.root.i not in phrase or not (_size(s, p) < size or ties and _size(s, p) == size):
            return False
        if size >= 2:  # any town inside a chosen province or country
            return True
        return s.root.head.i == noun.i or (  # otherwise only what names the same place noun
            s.root.dep_ == "pobj" and s.root.head.lower_ == "of" and s.root.head.head.i == noun.i)

    smaller = [(s, p) for s, p in mentions if better(s, p)]
    return min(smaller, key=lambda sp: (_size(*sp), sp[0].start), default=best)


_LOCALITY_NOUNS = frozenset({"neighborhood", "neighbourhood", "district", "quarter", "suburb", "area", "village",
                             "camp", "hamlet", "locality", "settlement", "street", "square", "junction"})


def _size(span: Span, place: Place) -> float:
    """How large a place is, for choosing the smallest of nested places: a name the gazetteer does not know
    ranks between a town and a province, unless the text calls it a neighbourhood, district or village ("the
    Kadhimiya neighborhood of Baghdad", "the neighbourhood of Baba Amr"), which is smaller than the town."""
    if place.feature != "U":
        return float(_specificity(place))
    if span[-1].lemma_.lower() in _LOCALITY_NOUNS:  # "Yaqshid district", "Kabal area"
        return 0.5
    root = span.root
    noun = compound_head(root) if root.dep_ in ("compound", "nmod") else (
        root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None)
    if noun is not None and noun.i != root.i and noun.lemma_.lower() in _LOCALITY_NOUNS:
        return 0.5
    return 1.5


def _to_location(span: Span, place: Place) -> Location:
    """The place as the article names it ("Deir Ezzor", "Kiev") with the gazetteer's canonical name beside it;
    a descriptive mention ("the Chinese capital") takes the canonical name."""
    written = span.text.strip()
    descriptive = not written[:1].isupper() or any(t.lower_ in PLACE_NOUNS or t.pos_ == "ADJ" for t in span)
    name = place.name if descriptive and place.feature != "U" else written
    return Location(name=name, country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
                    geonameid=place.geonameid, precision=place.precision, start=span.start_char,
                    end=span.end_char, canonical=place.name)


def _with_context(span: Span, place: Place, gazetteer: Gazetteer, context: Collection[str],
                  neighbours: Collection[str] = (), sentence: Collection[str] = ()) -> Place:
    """Re-resolve a namesake with the countries of the sentence's other places first ("Georgia ... Atlanta"),
    then the countries the sentence names ("Tripoli ... Lebanese officials"), then the article's."""
    if place.feature == "U":
        return place
    for countries in (neighbours, sentence, context):
        if not countries or place.country in countries:
            if countries:
                return place
            continue
        better = resolve_mention(span.text, gazetteer, countries)
        if better is not None and better.country in countries:
            return better
    return place


def _heads(trigger: Token) -> list[Token]:
    """The trigger and the words that share its arguments: conjoined verbs and a governing light verb."""
    heads = [trigger, *trigger.conjuncts]
    if trigger.dep_ in ("xcomp", "dobj") and trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(trigger.head)
    heads.extend(c for c in trigger.children if c.dep_ == "xcomp")
    return heads


def event_location(sent: Span, trigger: Token, gazetteer: Gazetteer, context_countries: Collection[str] = (),
                   dateline: Place | None = None, linked: Collection[Token] = (),
                   sentence_countries: Collection[str] = ()) -> Location | None:
    """Where THIS event happened: a locative phrase on the trigger (or a verb ``linked`` to it: "the attack
    occurred in X"), else a place in its clause, else a locative place elsewhere in the sentence, else the
    seat of a local actor ("Dallas police shot"), else the dateline; places used as actors are never returned."""
    places = find_places(sent, gazetteer)
    mentions = [(s, p) for s, p in places if not _is_actor(s, trigger) and not _participant_country(s, p, trigger)]
    if mentions:
        mentions = [(s, _with_context(s, p, gazetteer, context_countries, _neighbour_countries(s, places),
                                      sentence_countries)) for s, p in mentions]
        best = _attached(mentions, trigger) or _in_clause(mentions, trigger)
        for verb in linked:
            if verb.pos_ in ("VERB", "AUX"):
                best = best or _attached(mentions, verb) or _in_clause(mentions, verb)
        for governor in _governing_verbs(trigger):  # "clashes" in "seized Gaza following clashes"
            # a nominal subject's event happens where its verb's clause says ("the offensive resulted in
            # deaths in the Gaza Strip"); otherwise only the governing verb's object counts
            whole = trigger.dep_ in ("nsubj", "nsubjpass") and governor.i == trigger.head.i
            best = best or _attached(mentions, governor) or _in_clause(mentions, governor, subtree=whole)
        best = best or _attached(mentions, trigger, origins=True) or _elsewhere(mentions, trigger)
        if best is not None:
            best = _refined(best, mentions)
            return _to_location(*(_smaller_in_clause(best, mentions, trigger) or best))
    seat = _local_actor_seat(places, trigger)
    if seat is not None:
        return _to_location(*seat)
    if dateline is not None and (any(c.lower_ == "here" for c in trigger.children) or not mentions):
        return Location(name=dateline.name, country=dateline.country, admin1=dateline.admin1, lat=dateline.lat,
                        lon=dateline.lon, geonameid=dateline.geonameid, precision=dateline.precision)
    return None


def _smaller_in_clause(best: tuple[Span, Place], mentions: list[tuple[Span, Place]], trigger: Token
                       ) -> tuple[Span, Place] | None:
    """A town or village the trigger's own clause names when the chosen place is a province or country ("In
    the Latakia province, militants shelled the village of Jourin" -> Jourin)."""
    if _size(*best) < 2:
        return None
    heads = {h.i for h in _heads(trigger)}
    found = []
    for span, place in mentions:
        if _size(span, place) >= 1.5 or span.start == best[0].start:
            continue
        prep = _up_to_prep(span.root)
        obj = object_of(span.root)
        if (prep is not None and prep.lower_ in LOCATIVE_PREPS and prep.head.i in heads) or (
                obj is not None and obj.head.i in heads):
            found.append((span.start, (span, place)))
    return min(found, key=lambda f: f[0])[1] if found else None


def _local_actor_seat(places: list[tuple[Span, Place]], trigger: Token) -> tuple[Span, Place] | None:
    """A town or province naming the event's own actor ("Dallas police shot", "the Kano governor said"): local
    actors act where they are. Countries are not seats ("Iraqi police" can act anywhere in Iraq)."""
    actors = [c for c in trigger.children if c.dep_ in ("nsubj", "agent")]
    actors += [c for a in actors if a.dep_ == "agent" for c in a.children if c.dep_ == "pobj"]
    if trigger.pos_ == "NOUN":
        actors.append(trigger)
    for span, place in places:
        root = span.root
        if place.feature == "U" or place.precision not in ("city", "admin1"):
            continue
        if root.dep_ in ("compound", "poss") and any(root.head.i == a.i for a in actors):
            return span, place
    return None


def _neighbour_countries(span: Span, places: list[tuple[Span, Place]]) -> tuple[str, ...]:
    """Countries of the sentence's other places that are cities or provinces (not namesake countries)."""
    return tuple(p.country for s, p in places
                 if s.start != span.start and p.country and p.feature != "U" and p.precision != "country")


def _participant_country(span: Span, place: Place, trigger: Token) -> bool:
    """A country in "talks between Israel and Hamas" or "clashes with Russia" is a participant, not a place."""
    if place.precision != "country":
        return False
    prep = _up_to_prep(span.root)
    return prep is not None and prep.lower_ in ("between", "among", "with", "against") and prep.head.i == trigger.i


def _attached(mentions: list[tuple[Span, Place]], trigger: Token, origins: bool = False
              ) -> tuple[Span, Place] | None:
    """A place inside a locative prepositional phrase on the trigger (or a conjoined verb); with ``origins``
    also movement origins ("from Jordan"), which count only when nothing else does."""
    heads = {h.i for h in _heads(trigger)}
    scored = []
    for span, place in mentions:
        prep = _up_to_prep(span.root)
        if prep is None or prep.head.i not in heads:
            continue
        word = prep.lower_
        if word in COMPASS_WORDS:
            rank = 1  # "60 km northeast of Baghdad" is a reference point
        elif word in LOCATIVE_PREPS:
            rank = 0
        elif word in ("to", "toward", "towards"):
            rank = 2
        elif word == "from" and origins:
            rank = 3
        else:
            continue
        scored.append(((rank, prep.head.i != trigger.i, _names_a_modifier(span), _specificity(place), prep.i,
                        span.start), (span, place)))
    return min(scored, key=lambda s: s[0])[1] if scored else None


def _governing_verbs(trigger: Token) -> list[Token]:
    """Verbs a nominal, participial or conjoined trigger hangs from ("clashes" in "seized ... following
    clashes", "wounding" in "struck the city, killing five and wounding 64"), nearest first."""
    found: list[Token] = []
    cur = trigger
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX"):
        return [trigger.head]  # "talks between X and Y resumed in Cairo"
    for _ in range(5):
        if cur.dep_ in ("nsubj", "nsubjpass", "ROOT", "ccomp", "relcl") or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "prep":  # "following", "including" are prepositions
            found.append(cur)
    return found


def _in_clause(mentions: list[tuple[Span, Place]], trigger: Token, subtree: bool = True
               ) -> tuple[Span, Place] | None:
    """A place in the trigger's subtree: in a locative phrase, or its direct object ("attacked Kyiv");
    with ``subtree`` False only the direct object counts."""
    heads = {h.i for h in _heads(trigger)}
    scored = []
    for span, place in mentions:
        root = span.root
        if _depth(root, trigger) == 99 or _under_attribution(root, trigger):
            continue
        prep = _up_to_prep(root)
        obj = object_of(root)
        if subtree and prep is not None and prep.lower_ in LOCATIVE_PREPS:
            rank, anchor = (1 if prep.lower_ in COMPASS_WORDS else 0), prep
        elif obj is not None and obj.head.i in heads and (
                place.precision != "country" or obj.head.lemma_ in PLACE_OBJECT_VERBS):
            rank, anchor = 0, obj
        elif subtree and obj is not None and obj.head.pos_ == "VERB" and place.precision != "country":
            rank, anchor = 1, obj  # "shot dead when troops raided their West Bank hideout"
        elif root.dep_ == "npadvmod" and root.head.i in heads and place.feature != "U" \
                and root.ent_type_ in PLACE_LABELS:
            rank, anchor = 1, root  # "in the capital, Islamabad, on Monday" parsed as a bare noun phrase
        elif root.dep_ == "nsubjpass" and root.head.i in heads and place.feature != "U" and (
                place.precision != "country" or root.head.lemma_ in PLACE_OBJECT_VERBS):
            rank, anchor = 0, root  # "Kabul is patrolled by ...", "Utah Beach was captured"
        else:
            continue
        scored.append(((rank, _names_a_modifier(span), _depth(anchor, trigger), _specificity(place), span.start),
                       (span, place)))
    return min(scored, key=lambda s: s[0])[1] if scored else None


def _elsewhere(mentions: list[tuple[Span, Place]], trigger: Token) -> tuple[Span, Place] | None:
    """A place in a locative phrase elsewhere in the sentence, nearest the trigger."""
    scored = []
    for span, place in mentions:
        prep = _up_to_prep(span.root)
        if prep is None or prep.lower_ not in LOCATIVE_PREPS or _in_attribution(span.root):
            continue
        scored.append(((abs(span.start - trigger.i), _specificity(place)), (span, place)))
    return min(scored, key=lambda s: s[0])[1] if scored else None
