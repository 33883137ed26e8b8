"""Place mentions in a parsed sentence: GPE/LOC/FAC entities resolved in the gazetteer, names the tagger
mislabels that the syntax marks as places, descriptors ("the Chinese capital") and wire datelines."""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Span, Token

from newsevents.knowledge.gazetteer import NOT_PLACES, Gazetteer, Place, demonyms, is_demonym, normalize

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that put an event somewhere, best first; movement origins ("from") only when nothing else.
LOCATIVE_PREPS = ("in", "at", "near", "outside", "inside", "across", "throughout", "around", "within", "along",
                  "over", "off", "on", "into", "onto", "beyond", "between", "through", "above", "north", "south",
                  "east",
                  "west", "northeast", "northwest", "southeast", "southwest", "downtown")
DIRECTIONAL_PREPS = ("to", "toward", "towards", "from")
# Nouns whose "of X" or whose own modifier names the place itself ("the town of Rawa", "Jamaica's capital").
PLACE_NOUNS = frozenset({
    "town", "city", "village", "province", "district", "region", "area", "capital", "outskirts", "suburb",
    "suburbs", "neighbourhood", "neighborhood", "state", "county", "country", "border", "street", "streets",
    "centre", "center", "middle", "heart", "north", "south", "east", "west", "part", "parts", "camp", "enclave",
    "territory", "governorate", "oblast", "coast", "port", "island", "municipality", "department", "prefecture",
    "valley", "mountains", "hills", "desert", "countryside", "zone", "strip", "areas", "regions", "provinces",
    "towns", "villages", "cities", "districts", "locality", "hamlet", "settlement", "frontier",
    "outpost", "base", "airport", "square", "highway", "road", "refugee", "quarter", "market", "mosque",
    "stronghold", "bastion", "edge", "vicinity", "environs", "hilltop", "slope", "flank", "front", "banks",
    "shores", "township", "cantonment", "commune", "canton", "slum", "shantytown", "downtown", "resort", "hub",
    "perimeter", "periphery", "rim", "end", "entrance", "approaches", "sector", "tehsil", "agency",
})
# Buildings and streets: their possessor or modifier names where they are ("Jerusalem's main thoroughfares",
# "his central Tehran office", "a Baghdad cafe").
FACILITY_NOUNS = frozenset({
    "streets", "thoroughfares", "hospital", "office", "home", "house", "university", "campus", "embassy",
    "prison", "jail", "cafe", "restaurant", "hotel", "school", "church", "mosque", "temple", "station",
    "checkpoint", "compound", "headquarters", "palace", "court", "stadium", "mall", "bazaar", "port", "harbour",
    "harbor", "bridge", "avenue", "neighborhoods", "neighbourhoods", "suburbs", "outskirts", "airport",
    "airbase", "base", "dam", "plant", "factory", "depot", "depots", "barracks", "field", "fields", "crossing",
    "highway", "river", "island", "hideout", "system", "districts", "countryside", "plains", "apartment", "flat",
    "residence", "shop", "store", "building", "garage", "warehouse", "consulate", "parliament", "installations",
    "installation", "coastline", "belt", "airspace", "skies", "waters", "gates", "gate", "junction", "terminal",
})
# Nouns of extent: "sections of Mongolia's capital", "70 percent of Bosnia", "much of the city".
EXTENT_NOUNS = frozenset({"control", "much", "most", "all", "rest", "half", "swathes", "swaths", "parts", "part",
                          "section", "sections", "percent", "areas", "area", "streets", "stretch", "stretches",
                          "portion", "portions", "outskirts", "heart", "centre", "center"})
# Entity labels that are never places, even when a gazetteer has a namesake.
NON_PLACE_LABELS = frozenset({"NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL",
                              "LAW", "LANGUAGE", "WORK_OF_ART", "EVENT", "PRODUCT"})
# Labels the small tagger often puts on unfamiliar place names ("Thessaloniki" WORK_OF_ART, "Jezzine" NORP):
# such names count as places only where the syntax and the gazetteer both say so.
MISTAGGED_LABELS = frozenset({"NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
# Verbs whose object is territory: a name the tagger calls an organisation is still the place taken or hit.
TERRITORIAL_VERBS = frozenset({"capture", "recapture", "seize", "retake", "storm", "overrun", "enter", "shell",
                               "bomb", "besiege", "liberate", "bombard", "occupy", "annex", "invade", "raid"})
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
# Arabic articles that start place names written in lower case ("al-Bab", "el-Arish").
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|an|az|ath)-[A-Z]")
# Attack nouns whose "on X" names the place attacked ("the attack on Azaz", "an assault on Souran").
_ATTACK_NOUNS = frozenset({"attack", "attacks", "assault", "offensive", "raid", "raids", "strike", "strikes",
                           "airstrike", "airstrikes", "bombardment", "shelling", "push", "advance", "counteroffensive",
                           "counter-offensive", "siege", "incursion"})
_STRONG_LOCATIVE = frozenset({"in", "near", "at", "outside", "inside", "around", "across", "throughout", "into"})
# Verbs whose direct object is the place itself even when it is a country ("invaded Ukraine").
PLACE_OBJECT_VERBS = frozenset({
    "invade", "enter", "visit", "attack", "bomb", "strike", "shell", "hit", "raid", "occupy", "annex", "leave",
    "tour", "reach", "flee", "seize", "capture", "recapture", "storm", "overrun", "patrol", "besiege",
    "blockade", "control", "liberate", "retake", "take", "bombard", "rock", "shake", "target", "pound",
})
DIRECTION_WORDS = frozenset({
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "northeastern",
    "northwestern", "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
    "south-western", "upper", "lower", "greater", "occupied", "rural", "downtown",
})
_GENERIC_SUFFIXES = ("province", "region", "district", "governorate", "state", "city", "county", "oblast",
                     "area", "town", "village", "municipality")
# A capitalised common noun alone ("Street", "Governorate") is a fragment of a name, not a place.
_GENERIC_WORDS = frozenset({*_GENERIC_SUFFIXES, "street", "road", "square", "avenue", "bridge", "camp", "base",
                            "airport", "river", "mountains", "valley", "countryside", "border", "capital"})
# Descriptors news uses instead of a name: ("the Chinese capital" is handled through country capitals).
DESCRIPTORS = {("PSE", "enclave"): "Gaza Strip", ("PSE", "territory"): "Palestinian Territories"}
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z.'\- ]{1,40}?)(?:,\s*([A-Z][A-Za-z.' ]{1,30}?))?\s*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?"
    r"(?:\(([A-Za-z .]{2,30})\))?\s*(?:-|\u2013|\u2014|:)")


def _unresolved(name: str) -> Place:
    """A place named in the text that the gazetteer does not know: kept, without coordinates."""
    return Place(name, None, None, None, None, None, "U", "point", 0)


def _trim(span: Span) -> Span:
    """Drop leading determiners and trailing possessive markers from a mention."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return span.doc[start:end]


def resolve_mention(text: str, gazetteer: Gazetteer, context_countries: Collection[str] = ()) -> Place | None:
    """Resolve a mention as written, then without direction words ("northern Iraq") or generic suffixes
    ("Anbar province"), then its "of X" tail ("the town of Rawa")."""
    place = gazetteer.resolve(text, context_countries)
    if place is not None:
        return place
    words = text.split()
    while words and words[0].lower().strip(",") in DIRECTION_WORDS:
        words = words[1:]
    if words and len(words) > 1 and words[-1].lower() in _GENERIC_SUFFIXES:
        words = words[:-1]
    if words and " ".join(words) != text:
        place = gazetteer.resolve(" ".join(words), context_countries)
        if place is not None:
            return place
    if " of " in text:
        return gazetteer.resolve(text.rsplit(" of ", 1)[1], context_countries)
    return None


def _demonym_country(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < token.i:
            iso3 = demonyms().get(normalize(child.text))
            if iso3:
                return iso3
    return None


def find_places(sent: Span, gazetteer: Gazetteer) -> list[tuple[Span, Place]]:
    """Place mentions in a sentence, in text order: GPE/LOC/FAC entities (resolved when the gazetteer knows
    them), gazetteer names the tagger missed, and descriptors such as "the Chinese capital"."""
    found: list[tuple[Span, Place]] = []
    covered: set[int] = set()
    for ent in sent.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        span = _trim(ent)
        if not len(span) or is_demonym(span.text) or normalize(span.text) in NOT_PLACES:
            continue
        place = resolve_mention(span.text, gazetteer) or _unresolved(span.text)
        found.append((span, place))
        covered.update(range(span.start, span.end))
    for span in _proper_runs(sent, covered):
        place = _syntactic_place(span, gazetteer)
        if place is not None:
            found.append((span, place))
            covered.update(range(span.start, span.end))
    i = sent.start
    while i < sent.end:
        tok = sent.doc[i]
        if i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            i += 1
            continue
        for n in range(min(4, sent.end - i), 0, -1):
            span = sent.doc[i:i + n]
            if any(t.i in covered or not t.text[:1].isupper() for t in span):
                continue
            place = gazetteer.resolve(span.text)
            if place is None or not gazetteer.is_primary_name(span.text, place) and place.precision == "city":
                continue
            if not _plausible_outside_entity(span, place):
                continue
            found.append((span, place))
            covered.update(range(span.start, span.end))
            i += n - 1
            break
        i += 1
    for tok in sent:
        if tok.i in covered or tok.pos_ != "NOUN":
            continue
        iso3 = _demonym_country(tok)
        if not iso3:
            continue
        place = gazetteer.capital_of(iso3) if tok.lemma_ == "capital" else None
        if place is None and (iso3, tok.lemma_) in DESCRIPTORS:
            place = gazetteer.resolve(DESCRIPTORS[(iso3, tok.lemma_)])
        if place is not None:
            left = min(c.i for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i)
            found.append((_trim(sent.doc[left:tok.i + 1]), place))
            covered.update(range(left, tok.i + 1))
    found = [(sp, p) for sp, p in found if normalize(sp.text) not in _GENERIC_WORDS]
    return sorted(found, key=lambda sp: sp[0].start)


def _proper_runs(sent: Span, covered: set[int]) -> list[Span]:
    """Proper-name stretches the tagger did not call places: entities of other labels and untagged PROPN runs."""
    runs: list[Span] = []
    for ent in sent.ents:
        if ent.label_ not in PLACE_LABELS and (ent.label_ not in NON_PLACE_LABELS or ent.label_ in MISTAGGED_LABELS):
            span = _trim(ent)
            if len(span) and not any(t.i in covered for t in span):
                runs.append(span)
    taken = {t.i for r in runs for t in r} | covered
    i = sent.start
    while i < sent.end:
        tok = sent.doc[i]
        if tok.i in taken or tok.pos_ != "PROPN" or tok.ent_type_ or not tok.text[:1].isupper():
            i += 1
            continue
        j = i
        while j < sent.end and sent.doc[j].pos_ == "PROPN" and not sent.doc[j].ent_type_ \
                and sent.doc[j].i not in taken:
            j += 1
        runs.append(sent.doc[i:j])
        i = j
    return runs


def _syntactic_place(span: Span, gazetteer: Gazetteer) -> Place | None:
    """A proper name the tagger missed that the syntax marks as a place: "the city of Daraa", "downtown Calais",
    "Qlaiaa village", or the object of "in"/"near" when the gazetteer knows it or it is no organisation."""
    root = span.root
    text = span.text
    if is_demonym(text) or normalize(text) in NOT_PLACES or not (text[:1].isupper() or _ARTICLE.match(text)):
        return None
    head = root.head
    strong = (root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS
              and head.head.lemma_.lower() not in ("part", "parts", "middle"))
    # "Kasese district", "the Butitian village" (the name tagged as a nationality adjective)
    strong = strong or (head.lemma_.lower() in PLACE_NOUNS and head.pos_ == "NOUN" and (
        root.dep_ == "compound" or (root.dep_ == "amod" and root.pos_ == "PROPN")))
    strong = strong or any(t.lower_ == "downtown" for t in span.doc[max(span.start - 1, 0):span.start])
    strong = strong or (object_of(root) is not None and object_of(root).head.lemma_ in PLACE_OBJECT_VERBS
                        and root.ent_type_ in ("", "GPE", "LOC", "FAC"))
    place = resolve_mention(text, gazetteer)
    obj = object_of(root)
    if (not strong and obj is not None and obj.head.lemma_ in PLACE_OBJECT_VERBS and place is not None
            and (place.population >= 100_000 or place.precision in ("country", "admin1")
                 or obj.head.lemma_ in TERRITORIAL_VERBS)):
        return place  # "will patrol Athens" with Athens tagged as an organisation; "captured Birao"
    if strong:
        return place or _unresolved(text)
    if place is not None and (
            (root.dep_ == "poss" and head.lemma_.lower() in FACILITY_NOUNS | PLACE_NOUNS)  # "Bethlehem's church"
            or (root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in COMPASS_WORDS)  # "north of Karmah"
            or (root.dep_ == "pobj" and head.lower_ in ("on", "against") and head.head.lemma_.lower() in
                _ATTACK_NOUNS)):  # "the attack on Azaz"
        return place
    if root.dep_ == "pobj" and (head.lower_ in _STRONG_LOCATIVE or (
            head.lower_ == "of" and head.head.lower_ in COMPASS_WORDS)):
        if place is not None:
            return place
        if root.ent_type_ in ("", "PERSON", "GPE", "LOC", "FAC") or _has_locative_place(root, gazetteer) \
                or _looks_like_place_name(span):
            return _unresolved(text)  # "murdered at Olangur in Villupuram district", "killed in Saqlawiya"
    return None


# Words that make a name an organisation, a group or an event rather than a place.
_ORGANISATION_WORDS = frozenset({
    "party", "front", "army", "forces", "force", "council", "ministry", "university", "company", "corporation",
    "inc", "ltd", "bank", "group", "brigade", "brigades", "movement", "committee", "commission", "agency",
    "organisation", "organization", "union", "association", "institute", "court", "police", "guard", "guards",
    "division", "regiment", "battalion", "militia", "state", "news", "times", "post", "television", "radio",
    "network", "foundation", "fund", "office", "department", "federation", "league", "alliance", "coalition",
    "congress", "assembly", "parliament", "cabinet", "government", "administration", "service", "services",
    "hospital", "school", "college", "club", "team", "fc", "church", "summit", "conference", "games", "cup",
})


def _looks_like_place_name(span: Span) -> bool:
    """A name the tagger called an organisation that reads like a town: capitalised words, no acronym, no word
    of organisations ("killed in Saqlawiya", "attacked Nwonko"), as the object of a locative preposition."""
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > 3 or span.root.ent_type_ != "ORG":
        return False
    return not any(t.lower_ in _ORGANISATION_WORDS or t.text.isupper() or not t.text[:1].isupper() for t in words)


def _has_locative_place(root: Token, gazetteer: Gazetteer) -> bool:
    """True when a name is itself located by a following "in/near <place>" ("Olangur in Villupuram district")."""
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "near"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            words = [t for t in obj.subtree if t.pos_ == "PROPN"]
            if obj.lemma_.lower() in PLACE_NOUNS and words or words and gazetteer.resolve(
                    " ".join(t.text for t in words)) is not None:
                return True
    return False


def compound_head(tok: Token) -> Token:
    """The noun a chain of compound modifiers ends in ("Gamba" -> "station" in "Gamba police station")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("compound", "nmod") or cur.head.i == cur.i:
            break
        cur = cur.head
    return cur


def _plausible_outside_entity(span: Span, place: Place) -> bool:
    """A gazetteer name the tagger put in another entity type counts only when it is a big, unambiguous place."""
    types = {t.ent_type_ for t in span if t.ent_type_}
    if not types:
        return place.precision in ("country", "admin1") or place.population >= 20_000
    if types & {"PERSON", "ORG"}:
        whole = span[0].ent_iob_ == "B" and all(t.ent_iob_ == "I" for t in span[1:]) and (
            span.end >= len(span.doc) or span.doc[span.end].ent_iob_ != "I")
        return whole and (place.precision in ("country", "admin1") or place.population >= 500_000)
    return False



def object_of(tok: Token) -> Token | None:
    """The direct object that names the place ``tok`` ("attacked Kyiv", "shells the city of Kilis")."""
    cur = tok
    for _ in range(6):
        if cur.dep_ == "dobj":
            return cur
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.lemma_.lower() in PLACE_NOUNS | \
                EXTENT_NOUNS:
            cur = cur.head.head
        elif cur.dep_ in ("conj", "appos") or cur.dep_ in ("compound", "poss") and (
                cur.head.lemma_.lower() in PLACE_NOUNS | FACILITY_NOUNS or cur.head.lower_ in FACILITY_NOUNS
                or cur.dep_ == "compound" and cur.head.pos_ == "NOUN"):
            cur = cur.head
        else:
            return None
    return None




def parse_dateline(text: str, gazetteer: Gazetteer) -> Place | None:
    """The place of a wire dateline at the start of an article ("BEIJING, April 30 (Reuters) -",
    "KYIV, Ukraine (AP) --"), or None when the text has none."""
    head = text.lstrip()[:120]
    m = _DATELINE.match(head)
    if not m:
        return None
    city = m.group(1).strip(" .")
    if not city.isupper() or len(city) < 3:
        return None
    context: tuple[str, ...] = ()
    if m.group(2):
        qualifier = gazetteer.resolve(m.group(2).strip())
        if qualifier is not None and qualifier.country:
            context = (qualifier.country,)
    cities = [p for p in gazetteer.candidates(city)
              if p.precision == "city" and (not context or p.country in context)]
    place = max(cities, key=lambda p: p.population) if cities else gazetteer.resolve(city.title(), context)
    if place is None and context and m.group(2):
        return gazetteer.resolve(m.group(2).strip())
    return place
