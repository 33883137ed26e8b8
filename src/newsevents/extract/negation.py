"""Whether the text says an event did not happen ("did not meet", "never attacked", "no talks were held",
"denied attacking", "failed to reach", "without firing"), so negated mentions are flagged instead of counted.

A refusal ("refused to meet") is not a negation: it is an event of its own (REJECT).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nt", "cannot"})
_NEG_PRONOUNS = frozenset({"nobody", "none", "nothing", "noone", "no-one"})
# Governing verbs (or adjectives) whose complement did not happen.
_FAILURE_HEADS = frozenset({"fail", "neglect", "unable", "omit", "cease", "stop"})
_DENIAL_HEADS = frozenset({"deny", "dismiss", "refute", "rebut"})
# Governing verbs whose complement is a separate event (refusal, rejection), never a negation of it.
_REFUSAL_HEADS = frozenset({"refuse", "decline", "reject", "rule"})
# Verbs of occurrence whose subject or object is the event noun ("the meeting did not take place").
_LIGHT_VERBS = frozenset({"hold", "take", "happen", "occur", "materialize", "materialise", "go", "come",
                          "launch", "carry", "conduct", "make", "stage", "have", "reach", "sign",
                          "be", "exist"})
_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "advcl", "acomp"})


def is_negated(sent: Span, trigger: Token) -> bool:
    """True when ``trigger``'s event is stated not to have happened within ``sent``."""
    if _has_neg(trigger):
        return True
    if trigger.pos_ in ("NOUN", "PROPN"):
        return _noun_negated(trigger)
    if _object_negated(trigger):
        return True
    # conjoined under a negation ("did not meet or talk"): "or"/"nor" distribute the negation
    if trigger.dep_ == "conj" and trigger.head.i != trigger.i and _has_neg(trigger.head) and any(
            c.lower_ in ("or", "nor") for c in trigger.head.children if c.dep_ == "cc"):
        return True
    return _governor_negated(trigger)


def _has_neg(tok: Token) -> bool:
    """A ``neg`` child that is not "not only/just" (which affirms), or a "no" determiner."""
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low == "no") or (c.dep_ == "advmod" and low == "never"):
            nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
            if nxt is not None and nxt.lower_ in ("only", "just", "merely", "simply") and low in ("not", "n't"):
                continue
            if low in _NEG_WORDS or c.dep_ == "neg":
                return True
        if c.dep_ == "advmod" and low == "longer" and any(g.lower_ == "no" for g in c.children):
            return True
    return False


def _negative_argument(tok: Token) -> bool:
    """"no one", "nobody", "none", "no civilians": an argument that says zero."""
    return tok.lower_ in _NEG_PRONOUNS or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children) or (
        tok.lower_ == "one" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "no")


def _object_negated(verb: Token) -> bool:
    """"no one was killed", "the strike killed nobody"."""
    return any(c.dep_ in ("nsubjpass", "dobj") and _negative_argument(c) for c in verb.children)


def _noun_negated(noun: Token) -> bool:
    """An event noun negated through its determiner or its occurrence verb ("talks were not held")."""
    head = noun.head
    if head.i == noun.i:
        return False
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and head.lemma_.lower() in _LIGHT_VERBS:
        if _has_neg(head):
            return True
        return _governor_negated(head)
    if noun.dep_ == "pobj" and head.head.i != head.i:
        prep_head = head.head
        if head.lower_ == "without":
            return True
        if prep_head.lemma_.lower() in ("take", "engage", "participate") and _has_neg(prep_head):
            return True
    return noun.dep_ == "dobj" and head.lemma_.lower() in _DENIAL_HEADS and noun.tag_ == "VBG"


def _governor_negated(tok: Token) -> bool:
    """Walk up complement links: "did not agree to meet", "failed to reach", "denied attacking"."""
    cur = tok
    for _ in range(4):
        head = cur.head
        if head.i == cur.i:
            return False
        hlemma = head.lemma_.lower()
        if cur.dep_ == "pcomp" and head.lower_ == "without":
            return True
        if cur.dep_ not in _CLAUSE_LINKS and cur.dep_ != "conj":
            return False
        if cur.dep_ == "conj":
            cur = head
            continue
        if hlemma in _REFUSAL_HEADS:
            return False
        if hlemma in _FAILURE_HEADS and cur.dep_ in ("xcomp", "ccomp", "dobj", "pcomp", "advcl"):
            return not _has_neg(head)  # "did not fail to" affirms
        if hlemma in _DENIAL_HEADS and cur.dep_ in ("xcomp", "ccomp", "dobj", "pcomp"):
            return not _has_neg(head)
        if cur.dep_ == "xcomp" and _has_neg(head):
            return True
        if cur.dep_ == "xcomp" and hlemma in ("have", "be") and any(c.lower_ == "yet" for c in head.children):
            return True  # "has yet to respond"
        if cur.dep_ == "advcl" or cur.dep_ == "ccomp":
            return False
        cur = head
    return False
