"""Casualty and crowd figures for one event: killed, injured, arrested and crowd size, each with a qualifier.

Numbers are read from the event's sentence (digits, Indian grouping, words, "1.2 million", "a dozen"), typed by
the word they count for ("killed 12", "12 people died", "the deaths of 34,535 people", "a crowd of 5,000") and
kept only when that word belongs to the trigger's event; vague plurals ("thousands of") give no figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsevents.extract.attribution import SPEECH_LEMMAS
from newsevents.model import Count, Magnitude

KILLED, INJURED, ARRESTED, CROWD = "killed", "injured", "arrested", "crowd"

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_HUNDRED = {"hundred": 100}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "lakh": 100_000,
           "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000, "dozen": 12}
_VAGUE = frozenset({"dozens", "hundreds", "thousands", "millions", "scores", "tens", "several", "many"})
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{2,3})+$|^\d+(?:\.\d+)?$")
_SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_CURRENCY = frozenset({"$", "£", "€", "¥", "₹", "rs", "rs.", "inr", "usd", "eur", "gbp", "rupees", "dollars"})
_UNIT_NOUNS = frozenset({
    "year", "month", "week", "day", "hour", "minute", "second", "percent", "%", "time", "km", "kilometre",
    "kilometer", "mile", "metre", "meter", "kg", "tonne", "ton", "dollar", "rupee", "euro", "pound", "age",
    "crore", "lakh", "billion", "vote", "seat", "rocket", "missile", "shell", "house", "home", "building",
    "vehicle", "car", "truck", "acre", "hectare", "page", "point", "round", "bullet",
})

# Qualifier cues, read right-to-left from the word before the number (longest first).
_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("no", "fewer", "than"), "at_least"), (("no", "less", "than"), "at_least"),
    (("not", "less", "than"), "at_least"), (("not", "fewer", "than"), "at_least"),
    (("in", "excess", "of"), "at_least"), (("a", "minimum", "of"), "at_least"),
    (("no", "more", "than"), "up_to"), (("not", "more", "than"), "up_to"),
    (("as", "many", "as"), "up_to"), (("as", "much", "as"), "up_to"),
    (("at", "least"), "at_least"), (("more", "than"), "at_least"), (("upwards", "of"), "at_least"),
    (("well", "over"), "at_least"), (("well", "above"), "at_least"), (("at", "most"), "up_to"),
    (("up", "to"), "up_to"), (("fewer", "than"), "up_to"), (("less", "than"), "up_to"),
    (("close", "to"), "up_to"), (("just", "under"), "up_to"), (("an", "estimated"), "about"),
    (("over",), "at_least"), (("above",), "at_least"), (("nearly",), "up_to"), (("almost",), "up_to"),
    (("under",), "up_to"), (("about",), "about"), (("around",), "about"), (("some",), "about"),
    (("approximately",), "about"), (("approx.",), "about"), (("roughly",), "about"),
    (("estimated",), "about"), (("circa",), "about"), (("c.",), "about"),
)

# Verbs whose object (or passive subject) is counted: "killed 12", "12 were detained".
_TRANSITIVE = {
    "kill": KILLED, "slay": KILLED, "murder": KILLED, "massacre": KILLED, "execute": KILLED, "behead": KILLED,
    "injure": INJURED, "wound": INJURED, "hurt": INJURED, "maim": INJURED,
    "arrest": ARRESTED, "detain": ARRESTED, "apprehend": ARRESTED, "nab": ARRESTED, "jail": ARRESTED,
    "imprison": ARRESTED, "round": ARRESTED,
}
# Verbs whose subject is counted: "12 people died", "5,000 people marched".
_INTRANSITIVE = {
    "die": KILLED, "perish": KILLED,
    "protest": CROWD, "rally": CROWD, "march": CROWD, "demonstrate": CROWD, "gather": CROWD,
    "assemble": CROWD, "converge": CROWD, "throng": CROWD, "congregate": CROWD, "riot": CROWD,
}
# Nouns whose "of" complement is counted: "the deaths of 34,535 people", "a crowd of 5,000".
_OF_NOUNS = {
    "death": KILLED, "killing": KILLED, "murder": KILLED, "massacre": KILLED, "toll": KILLED, "life": KILLED,
    "body": KILLED, "execution": KILLED, "slaying": KILLED,
    "injury": INJURED, "wounding": INJURED,
    "arrest": ARRESTED, "detention": ARRESTED, "roundup": ARRESTED,
    "crowd": CROWD, "rally": CROWD, "march": CROWD, "protest": CROWD, "demonstration": CROWD,
    "gathering": CROWD, "procession": CROWD, "throng": CROWD, "turnout": CROWD, "sit-in": CROWD,
}
# Counted nouns that carry their own type: "5 dead", "20 wounded", "12 deaths".
_SELF_NOUNS = {
    "dead": KILLED, "death": KILLED, "fatality": KILLED, "casualty": KILLED, "body": KILLED, "corpse": KILLED,
    "wounded": INJURED, "injured": INJURED, "injury": INJURED, "detainee": ARRESTED, "arrestee": ARRESTED,
}
# Weak self-typing, used last: "police fired on 5,000 protesters".
_CROWD_NOUNS = frozenset({"protester", "protestor", "demonstrator", "marcher", "rioter", "rally-goer",
                          "striker", "picketer"})
# Adjectives and participles after a counted noun: "left 3 people injured", "5 dead".
_STATE_WORDS = {"dead": KILLED, "killed": KILLED, "injured": INJURED, "wounded": INJURED, "hurt": INJURED,
                "arrested": ARRESTED, "detained": ARRESTED}
# Trigger lemmas that are themselves a figure's type (an arrest event keeps its own count first).
_TRIGGER_TYPES = {**_TRANSITIVE, **_INTRANSITIVE, **_OF_NOUNS, "dead": KILLED, "fatality": KILLED,
                  "casualty": KILLED, "protester": CROWD, "demonstrator": CROWD, "strike": CROWD}
_TRIGGER_TYPES.pop("life")
_TRIGGER_TYPES.pop("body")
_SEPARATING_MARKS = frozenset({"after", "before", "since", "until", "because", "once", "although", "though",
                               "whereas", "unless", "if"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "pcomp", "acl", "csubj",
                          "parataxis", "csubjpass"})
_BE_AUX = frozenset({"be", "have", "get"})


@dataclass(frozen=True)
class _Figure:
    """One typed number in the sentence, with the word that gave it its type."""

    category: str
    value: int
    qualifier: str
    anchor: Token
    noun: Token
    via_conj: bool = False


def magnitudes(sent: Span, trigger: Token) -> Magnitude:
    """Killed, injured, arrested and crowd figures that belong to ``trigger``'s event in ``sent``.

    A speech verb trigger ("said") gets none: its figures belong to the event it reports.
    """
    if trigger.lemma_.lower() in SPEECH_LEMMAS and trigger.pos_ in ("VERB", "AUX"):
        return Magnitude()
    own = _TRIGGER_TYPES.get(trigger.lemma_.lower())
    best: dict[str, tuple[int, int, Count, _Figure]] = {}
    for fig in _figures(sent):
        if fig.category != own and own is not None and _separated(trigger, fig.anchor):
            continue
        prev = best.get(fig.category)
        key = (_distance(trigger, fig.anchor), fig.anchor.i)
        if prev is not None and fig.via_conj and prev[3].anchor.i == fig.anchor.i:
            total = Count(prev[2].value + fig.value, prev[2].qualifier)
            best[fig.category] = (prev[0], prev[1], total, prev[3])
            continue
        if prev is None or key < (prev[0], prev[1]):
            best[fig.category] = (key[0], key[1], Count(fig.value, fig.qualifier), fig)
    picked = {cat: entry[2] for cat, entry in best.items()}
    return Magnitude(killed=picked.get(KILLED), injured=picked.get(INJURED), arrested=picked.get(ARRESTED),
                     crowd=picked.get(CROWD))


def parse_number(words: list[str]) -> int | None:
    """The integer a run of number words/digits spells ("34,535", "1,00,000", "1.2 million", "two dozen")."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        w = raw.lower()
        if w in ("a", "an"):
            current = 1.0 if not seen else current
            continue
        if w in ("-", "and"):
            continue
        if _DIGITS.match(w):
            current += float(w.replace(",", ""))
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _HUNDRED:
            current = (current or 1.0) * 100
        elif w in _SCALES:
            total += (current or 1.0) * _SCALES[w]
            current = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return int(round(value)) if value == value else None


def _is_number_word(tok: Token) -> bool:
    low = tok.lower_
    if low in _UNITS or low in _HUNDRED or low in _SCALES:
        return True
    return bool(_DIGITS.match(low))


def _number_runs(sent: Span) -> list[list[Token]]:
    """Maximal runs of number tokens ("1.2 million", "two hundred and fifty", "a dozen")."""
    runs: list[list[Token]] = []
    toks = list(sent)
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not _is_number_word(tok):
            i += 1
            continue
        run = [tok]
        j = i + 1
        while j < len(toks):
            nxt = toks[j]
            word_after = _is_number_word(nxt) and (not _DIGITS.match(nxt.lower_) or run[-1].lower_ == "-")
            joiner = nxt.text in ("-", "and") and j + 1 < len(toks) and _is_number_word(toks[j + 1]) and (
                nxt.text == "-" or run[-1].lower_ in ("hundred", "thousand"))
            if not (word_after or joiner):
                break
            run.append(nxt)
            j += 1
        if run[0].lower_ in ("dozen", "hundred", "thousand", "million") and i > 0 and \
                toks[i - 1].lower_ in ("a", "an"):
            run.insert(0, toks[i - 1])
        runs.append(run)
        i = j
    return runs


def _qualifier(sent: Span, run: list[Token]) -> str:
    start = run[0].i
    before = [t.lower_ for t in sent.doc[max(sent.start, start - 3):start]]
    for pattern, qual in _QUALIFIERS:
        if tuple(before[-len(pattern):]) == pattern:
            return qual
    after = [t.lower_ for t in sent.doc[run[-1].i + 1:min(sent.end, run[-1].i + 3)]]
    if after[:2] == ["or", "more"] or after[:1] in (["plus"], ["-plus"], ["+"]):
        return "at_least"
    return "exact"


def _excluded(sent: Span, run: list[Token]) -> bool:
    """Years, money, percentages, ages and other non-head-counts."""
    first, last = run[0], run[-1]
    if any(t.ent_type_ in _SKIP_ENTS for t in run if t.lower_ not in ("a", "an")):
        return True
    prev = sent.doc[first.i - 1] if first.i > sent.start else None
    nxt = sent.doc[last.i + 1] if last.i + 1 < sent.end else None
    if prev is not None and (prev.lower_ in _CURRENCY or prev.lower_ in ("aged", "age", "ages", "no", "number",
                                                                          "no.", "#", "page", "article")):
        return True
    if nxt is not None and (nxt.lower_ in ("%", "percent", "per", "pc", "crore", "lakh", "rupees", "dollars")
                            or nxt.lower_.startswith("-year") or nxt.lower_ in ("years", "year")):
        return True
    if len(run) == 1 and re.fullmatch(r"(1[89]|20)\d\d", first.text):
        return True
    return first.lower_ == "one" and prev is not None and prev.lower_ in ("any", "every", "someone", "each")


def _figures(sent: Span) -> list[_Figure]:
    """Every typed, non-vague number in the sentence."""
    out: list[_Figure] = []
    for run in _number_runs(sent):
        if _excluded(sent, run):
            continue
        value = parse_number([t.text for t in run])
        if value is None or value <= 0:
            continue
        head = _run_head(run)
        noun = head.head if head.dep_ in ("nummod", "quantmod", "compound", "nmod") and head.head not in run \
            else head
        if noun.lemma_.lower() in _UNIT_NOUNS or noun.lower_ in _UNIT_NOUNS:
            continue
        if noun.dep_ == "pobj" and noun.head.lower_ in ("including", "includes", "among", "excluding"):
            continue
        typed = _type_of(sent, run, noun)
        if typed is None:
            continue
        category, anchor, via_conj = typed
        qual = _qualifier(sent, run)
        if qual == "exact" and anchor.lemma_.lower() == "estimate":
            qual = "about"
        out.append(_Figure(category, value, qual, anchor, noun, via_conj))
    return out


def _run_head(run: list[Token]) -> Token:
    ids = {t.i for t in run}
    for tok in run:
        if (tok.head.i not in ids or tok.head.i == tok.i) and tok.lower_ not in ("a", "an", "-", "and"):
            return tok
    return run[-1]


def _type_of(sent: Span, run: list[Token], noun: Token) -> tuple[str, Token, bool] | None:
    """The category a counted noun phrase belongs to, and the word that says so."""
    lemma = noun.lemma_.lower()
    if noun.lower_ in _SELF_NOUNS or lemma in _SELF_NOUNS:
        return _SELF_NOUNS.get(noun.lower_) or _SELF_NOUNS[lemma], noun, False
    pre = _preceding_verb(sent, run)
    if pre is not None:
        return pre
    found = _dependency_type(noun, set())
    if found is not None:
        return found
    post = _following_verb(sent, run)
    if post is not None:
        return post
    if lemma in _CROWD_NOUNS:
        return CROWD, noun, False
    return None


def _preceding_verb(sent: Span, run: list[Token]) -> tuple[str, Token, bool] | None:
    """An active casualty verb right before the number ("killing 7", "arrested at least 20")."""
    i = run[0].i - 1
    qual_words = {w for pattern, _ in _QUALIFIERS for w in pattern}
    while i >= sent.start and sent.doc[i].lower_ in qual_words:
        i -= 1
    if i < sent.start:
        return None
    verb = sent.doc[i]
    cat = _TRANSITIVE.get(verb.lemma_.lower())
    if cat is None or not verb.tag_.startswith("VB"):
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return None
    return cat, verb, False


def _following_verb(sent: Span, run: list[Token]) -> tuple[str, Token, bool] | None:
    """A passive or intransitive casualty word soon after the number ("7 wounded", "12 people were killed")."""
    i = run[-1].i + 1
    skipped = 0
    while i < sent.end and skipped < 4:
        tok = sent.doc[i]
        low, lemma = tok.lower_, tok.lemma_.lower()
        if low in _STATE_WORDS and (tok.tag_ in ("VBN", "JJ") or low == "dead"):
            return _STATE_WORDS[low], tok, False
        if lemma in _INTRANSITIVE and tok.pos_ == "VERB":
            return _INTRANSITIVE[lemma], tok, False
        if lemma in _TRANSITIVE and tok.tag_ == "VBN":
            return _TRANSITIVE[lemma], tok, False
        if tok.pos_ in ("NOUN", "ADJ", "AUX", "ADV", "PROPN") or low in ("were", "was", "been", "have", "had"):
            i += 1
            skipped += 1
            continue
        break
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children))


def _dependency_type(noun: Token, seen: set[int]) -> tuple[str, Token, bool] | None:
    """Type a counted noun from its place in the parse: object of "kill", "of"-complement of "deaths", ..."""
    if noun.i in seen:
        return None
    seen.add(noun.i)
    for child in noun.children:
        if child.dep_ in ("acl", "amod", "relcl") and child.lower_ in _STATE_WORDS:
            return _STATE_WORDS[child.lower_], child, False
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _TRANSITIVE and _is_passive(child):
            return _TRANSITIVE[child.lemma_.lower()], child, False
    dep, gov = noun.dep_, noun.head
    glemma = gov.lemma_.lower()
    if dep in ("dobj", "nsubjpass", "oprd") and glemma in _TRANSITIVE:
        return _TRANSITIVE[glemma], gov, False
    if dep == "nsubj" and glemma in _TRANSITIVE and gov.tag_ == "VBN":
        return _TRANSITIVE[glemma], gov, False
    if dep == "nsubj" and glemma in _INTRANSITIVE:
        return _INTRANSITIVE[glemma], gov, False
    if dep == "nsubj" and glemma == "lose" and any(c.lemma_ == "life" for c in gov.children):
        return KILLED, gov, False
    if dep == "dobj" and glemma == "leave":
        for sib in gov.children:
            if sib.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and sib.lower_ in _STATE_WORDS:
                return _STATE_WORDS[sib.lower_], sib, False
    if dep == "dobj" and glemma in ("shoot", "gun", "beat", "stab", "hack", "burn", "club") and any(
            c.lower_ == "dead" for c in gov.children):
        return KILLED, gov, False
    if dep in ("dobj", "attr") and glemma in ("number", "be", "reach", "stand", "hit", "top", "draw", "attract",
                                             "exceed", "swell", "total"):
        subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
        if subj is not None and (_is_crowd_word(subj) or subj.lemma_.lower() == "toll"):
            if glemma in ("draw", "attract") and subj.lemma_.lower() == "toll":
                return None
            return _of_type(subj), subj, False
    if dep == "nsubj" and glemma in ("attend", "join", "go", "take", "stage", "hold", "participate"):
        for c in gov.children:
            obj = c if c.dep_ == "dobj" else next((g for g in c.children if g.dep_ == "pobj"), None) \
                if c.dep_ == "prep" else None
            if obj is not None and (_is_crowd_word(obj) or obj.lemma_.lower() == "strike"):
                return CROWD, obj, False
    if dep == "pobj":
        prep = gov
        target = prep.head
        plemma = prep.lower_
        tlemma = target.lemma_.lower()
        if plemma == "of" and tlemma in _OF_NOUNS:
            if tlemma == "life" and target.head.lemma_.lower() not in ("claim", "take", "cost", "lose"):
                return None
            return _of_type(target), target, False
        if plemma in ("to", "at") and tlemma == "toll":
            return _of_type(target), target, False
        if plemma in ("to", "at", "of") and target.pos_ in ("VERB", "AUX"):
            subj = next((c for c in target.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lemma_.lower() in ("toll", "crowd", "turnout", "number"):
                return _of_type(subj), subj, False
            if tlemma in ("estimate", "put", "number") and target.head.lemma_.lower() in _OF_NOUNS and \
                    _OF_NOUNS[target.head.lemma_.lower()] == CROWD:
                return CROWD, target, False
        if plemma == "by" and target.lemma_.lower() in ("join", "attend"):
            return None
        return None
    if dep == "conj" and gov.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
        found = _dependency_type(gov, seen)
        if found is not None:
            return found[0], found[1], True
    if dep == "appos":
        return _dependency_type(gov, seen)
    return None


def _is_crowd_word(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return _OF_NOUNS.get(lemma) == CROWD or lemma in _CROWD_NOUNS or lemma == "turnout"


def _of_type(noun: Token) -> str:
    """The category of an "of"/toll noun, reading "injury toll" or "death toll" from its compound."""
    lemma = noun.lemma_.lower()
    if lemma == "toll":
        mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
        if mods & {"injury", "casualty-injury"}:
            return INJURED
        return KILLED
    if lemma in ("crowd", "turnout", "number") or lemma in _CROWD_NOUNS:
        return CROWD
    return _OF_NOUNS.get(lemma, KILLED)


def _clause_head(tok: Token) -> Token:
    cur = tok
    while True:
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ in _CLAUSE_DEPS:
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head


def _path_to_root(tok: Token) -> list[Token]:
    path = [tok]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def _distance(a: Token, b: Token) -> int:
    pa, pb = _path_to_root(a), _path_to_root(b)
    ids_b = {t.i: n for n, t in enumerate(pb)}
    for n, t in enumerate(pa):
        if t.i in ids_b:
            return n + ids_b[t.i]
    return len(pa) + len(pb)


def _separated(trigger: Token, anchor: Token) -> bool:
    """True when ``anchor`` sits in a clause set off from the trigger's ("after clashes killed 5")."""
    a, b = _clause_head(trigger), _clause_head(anchor)
    if a.i == b.i:
        return False
    pa, pb = _path_to_root(a), _path_to_root(b)
    ids_b = {t.i for t in pb}
    lca = next((t for t in pa if t.i in ids_b), None)
    for path in (pa, pb):
        for tok in path:
            if lca is not None and tok.i == lca.i:
                break
            if tok.dep_ in ("ccomp", "parataxis", "csubj"):
                return True
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SEPARATING_MARKS
                                           for c in tok.children):
                return True
            if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
                    tok.pos_ in ("VERB", "AUX"):
                # an independent clause with its own subject: same story, possibly another event
                return _TRIGGER_TYPES.get(tok.lemma_.lower()) not in (None, INJURED, KILLED)
    return False
