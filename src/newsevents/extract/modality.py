"""Recode events by modality, as PLOVER and CAMEO code them: what an actor says it will do is an intent
(AGREE, CAMEO 03) or a threat (THREATEN, 13); what it says it will not do is a rejection (REJECT, 12); what a
speaker says another actor must do is a demand (REQUEST, 10).

"Hungary said it will support the resolution" -> AGREE; "farmers said they would blockade Paris" -> THREATEN;
"Syria says it will not accept refugees" -> REJECT; "Russia said Sudan must return the helicopter" -> REQUEST.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.extract.attribution import SPEECH_LEMMAS

# Root of a cooperative action -> CAMEO "express intent to ..." code.
_INTENT = {"03": "030", "04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
# Root of a conflictual action -> CAMEO "threaten to ..." code.
_THREAT = {"14": "133", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138", "12": "130"}
# Root of a cooperative action -> CAMEO "reject ..." code when the actor says it will not do it.
_REFUSAL = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
# Root of the demanded action -> CAMEO "demand ..." code.
_DEMAND = {"04": "106", "06": "101", "07": "103", "08": "105", "03": "100", "05": "100"}

# Verbs that, like speech verbs, put another actor's obligation in their clause ("insisted that Iraq must ...").
DEMANDING_VERBS = frozenset({"insist", "demand", "warn", "conclude", "reiterate", "declare", "urge", "remind",
                             "stress", "believe", "argue", "decide"})
_COMMITMENT_HEADS = frozenset({"ready", "willing", "prepared", "committed", "determined", "set", "poised"})
_COMMITMENT_VERBS = frozenset({"plan", "intend", "pledge", "promise", "vow", "commit", "undertake", "aim",
                               "offer", "swear", "decide", "resolve", "prepare"})
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
_OBLIGATION_AUX = frozenset({"must", "should"})


def _aux_lemmas(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _governing_verb(trigger: Token) -> Token:
    """The verb a nominal trigger is the object of ("will extend the curfew" -> extend), else the trigger."""
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.pos_ == "VERB":
        return trigger.head
    return trigger


def conditional_threat(trigger: Token) -> bool:
    """True for an action made conditional with a modal: "may halt mediation if cooperation founders"."""
    verb = _governing_verb(trigger)
    if verb.pos_ != "VERB" or not _aux_lemmas(verb) & {"may", "might", "could", "would", "will"}:
        return False
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in verb.children)


def failure(trigger: Token) -> bool:
    """True for "failed to reach an agreement": a cooperative act that did not come about is coded a rejection."""
    verb = _governing_verb(trigger)
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "fail"


def commitment(trigger: Token) -> bool:
    """True when the trigger is something its subject says it will do: "will support", "is ready to send",
    "plans to impose", "pledged to provide", "will extend the curfew"."""
    trigger = _governing_verb(trigger)
    if trigger.pos_ != "VERB":
        return False
    if _aux_lemmas(trigger) & _FUTURE_AUX:
        return True
    head = trigger.head
    if trigger.dep_ == "xcomp":
        if head.lemma_.lower() in _COMMITMENT_VERBS:
            return True
        if head.lower_ in _COMMITMENT_HEADS or head.lemma_.lower() in _COMMITMENT_HEADS:
            return True
        if head.dep_ == "acomp" and head.lower_ in _COMMITMENT_HEADS:
            return True
    if trigger.dep_ == "xcomp" and head.dep_ == "acomp" and head.head.lemma_ == "be":
        return head.lower_ in _COMMITMENT_HEADS
    return False


def obligation(trigger: Token) -> bool:
    """True for "X must/should do Y" (and "has to")."""
    if trigger.pos_ != "VERB":
        return False
    if _aux_lemmas(trigger) & _OBLIGATION_AUX:
        return True
    return trigger.dep_ == "xcomp" and trigger.head.lemma_ == "have" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)


def recode(cameo: str, *, committed: bool, demanded: bool, negated: bool) -> tuple[str, bool] | None:
    """The CAMEO code an event takes under its modality, and whether it is still negated; None: unchanged."""
    root = cameo[:2]
    if demanded:
        return (_DEMAND.get(root, "100"), False)
    if not committed:
        return None
    if negated and root in _REFUSAL:
        return (_REFUSAL[root], False)
    if negated:
        return None
    if root in _INTENT:
        return (_INTENT[root], False)
    if root in _THREAT:
        return (_THREAT[root], False)
    return None


def reports_or_demands(verb: Token) -> bool:
    """True for a speech verb or a verb of demanding, whose clause reports what someone says or demands."""
    lemma = verb.lemma_.lower()
    return lemma in SPEECH_LEMMAS or lemma in DEMANDING_VERBS


def reported_speaker(trigger: Token) -> Token | None:
    """The subject of the speech verb whose reported clause holds the trigger ("Russia said Sudan must ...")."""
    node = trigger
    for _ in range(3):
        if node.dep_ in ("ccomp", "conj") and node.head.pos_ in ("VERB", "AUX"):
            head = node.head
            if reports_or_demands(head):
                return next((c for c in head.children if c.dep_ == "nsubj"), None)
            node = head
        else:
            return None
    return None
