"""Who says so: the source an event is attributed to ("according to the health ministry", "Lin Jian noted that",
"reportedly"), so a claim is stored as a claim with its source rather than asserted as fact.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from newsevents.model import Actor, Attribution

# Reporting verbs: an event in their complement clause is attributed to their subject.
SPEECH_LEMMAS = frozenset({
    "say", "tell", "state", "note", "claim", "allege", "report", "announce", "disclose", "confirm", "declare",
    "reveal", "add", "assert", "insist", "explain", "write", "tweet", "testify", "acknowledge", "admit",
    "indicate", "stress", "emphasize", "emphasise", "maintain", "contend", "argue", "suggest", "estimate",
    "quote", "cite", "inform", "brief", "post", "publish",
})
# Reporting verbs whose direct object can name the reported event ("announced the arrest of 20 people").
_OBJECT_REPORTERS = frozenset({"announce", "disclose", "confirm", "report", "reveal", "claim", "acknowledge",
                               "admit"})
_HEDGES = {"reportedly": "reportedly", "allegedly": "allegedly", "purportedly": "allegedly",
           "reputedly": "reportedly", "supposedly": "allegedly"}
_PASSIVE_HEDGE = {"allege": "allegedly", "claim": "allegedly", "say": "reportedly", "report": "reportedly",
                  "believe": "reportedly", "understand": "reportedly", "think": "reportedly",
                  "rumor": "reportedly", "rumour": "reportedly"}
# Container nouns stripped from an "according to" source when a real source follows ("figures from X").
_CONTAINERS = frozenset({
    "figure", "data", "datum", "report", "statement", "estimate", "tally", "count", "number", "statistic",
    "information", "account", "document", "record", "survey", "toll", "announcement", "release", "bulletin",
    "update", "assessment", "analysis", "study", "note", "list", "quote", "comment", "remark",
})
_SOURCE_PREPS = frozenset({"from", "by", "of"})


def attribution(sent: Span, trigger: Token,
                resolve_actor: Callable[[Span], Actor | None] | None = None) -> Attribution | None:
    """The attribution of ``trigger``'s event inside ``sent``, or None when the sentence asserts it plainly.

    A reporting verb's own subject is not its attribution: "Lin Jian disclosed the meeting" attributes the
    meeting (to Lin Jian), not the disclosing.
    """
    found = _speech_source(sent, trigger) or _according_to(sent, trigger)
    if found is not None:
        span, cue = found
        actor = resolve_actor(span) if resolve_actor is not None and span is not None and len(span) else None
        return Attribution(text=span.text if span is not None else "", cue=cue, actor=actor)
    hedge = _hedge(sent, trigger)
    if hedge is not None:
        return Attribution(text="", cue=hedge)
    return None


def _ancestors_with_child(trigger: Token, sent: Span) -> list[tuple[Token, Token]]:
    """(ancestor, child on the path) pairs from the trigger up to the sentence root."""
    pairs: list[tuple[Token, Token]] = []
    cur = trigger
    while cur.head.i != cur.i and sent.start <= cur.head.i < sent.end:
        pairs.append((cur.head, cur))
        cur = cur.head
    return pairs


def _speech_source(sent: Span, trigger: Token) -> tuple[Span | None, str] | None:
    """The speaker of the nearest reporting verb whose complement holds the trigger."""
    for head, child in _ancestors_with_child(trigger, sent):
        lemma = head.lemma_.lower()
        if lemma not in SPEECH_LEMMAS or head.pos_ not in ("VERB", "AUX"):
            continue
        reported = child.dep_ in ("ccomp", "parataxis") or (
            child.dep_ in ("dobj", "nsubjpass") and lemma in _OBJECT_REPORTERS and child.pos_ in ("NOUN", "PROPN")
            and child.i <= trigger.i <= max(t.i for t in child.subtree))
        if child.dep_ == "xcomp" and _is_passive(head):
            return None  # "is said to have attacked": handled as a hedge
        if not reported:
            continue
        speaker = _speaker(head, sent)
        if speaker is None:
            if _is_passive(head) and lemma in _PASSIVE_HEDGE:
                agent = _agent(head, sent)
                if agent is not None:
                    return agent, head.lower_
                return None  # "it is reported that ...": a hedge
            return None, head.lower_
        return speaker, head.lower_
    # Parenthetical speech verb hanging off the trigger's clause: "Five people were killed, police said."
    for head, _child in [(trigger, trigger), *_ancestors_with_child(trigger, sent)]:
        for kid in head.children:
            if kid.dep_ in ("parataxis", "advcl") and kid.lemma_.lower() in SPEECH_LEMMAS and kid.i != trigger.i \
                    and kid.i > head.i and not any(c.dep_ == "mark" for c in kid.children):
                speaker = _speaker(kid, sent)
                if speaker is not None and kid.dep_ == "parataxis" or speaker is not None and kid.tag_ != "VBG":
                    return speaker, kid.lower_
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _speaker(verb: Token, sent: Span) -> Span | None:
    """The subject of a reporting verb, borrowed from the governing verb for participles ("..., stating that")."""
    cur = verb
    for _ in range(3):
        subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            if subj.lower_ == "it" or subj.lower_ in ("which", "that", "who"):
                return None
            return _np_span(subj, sent)
        if cur.dep_ in ("advcl", "conj", "xcomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None


def _agent(verb: Token, sent: Span) -> Span | None:
    for c in verb.children:
        if c.dep_ == "agent":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return _np_span(pobj, sent)
    return None


def _np_span(head: Token, sent: Span) -> Span:
    """The noun phrase around ``head``, cut before a comma, relative clause or trailing punctuation."""
    left = head.left_edge.i
    right = head.i
    for tok in head.rights:
        if tok.dep_ in ("relcl", "punct", "appos", "acl", "cc", "conj", "advcl", "parataxis"):
            break
        right = max(right, tok.right_edge.i)
    # stop at the first comma inside the phrase after the head
    for i in range(head.i + 1, right + 1):
        if sent.doc[i].text in (",", ";", "(", "—", "–"):
            right = i - 1
            break
    left = max(left, sent.start)
    while left <= head.i and sent.doc[left].is_punct:
        left += 1
    return sent.doc[left:right + 1]


def _according_to(sent: Span, trigger: Token) -> tuple[Span, str] | None:
    """"According to X" anywhere in the sentence, with container nouns ("figures from") stripped."""
    for tok in sent:
        if tok.lower_ != "according":
            continue
        nxt = tok.nbor(1) if tok.i + 1 < sent.end else None
        if nxt is None or nxt.lower_ != "to":
            continue
        pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        return _strip_container(pobj, sent), "according to"
    return None


def _strip_container(noun: Token, sent: Span) -> Span:
    """"figures from the ministry" -> "the ministry"; "the ministry's figures" -> "the ministry"."""
    for _ in range(3):
        if noun.lemma_.lower() not in _CONTAINERS and noun.lower_ not in _CONTAINERS:
            break
        inner = _container_source(noun)
        if inner is None:
            break
        noun = inner
    if noun.lemma_.lower() in _CONTAINERS:
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None:
            span = _np_span(poss, sent)
            if len(span) > 1 and span[-1].tag_ == "POS":
                span = span[:-1]
            return span
    return _np_span(noun, sent)


def _container_source(noun: Token) -> Token | None:
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in _SOURCE_PREPS:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if c.dep_ in ("acl", "relcl"):  # "figures released by the ministry"
            for g in c.children:
                if g.dep_ in ("agent", "prep") and g.lower_ in ("by", "from"):
                    pobj = next((h for h in g.children if h.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
    return None


def _hedge(sent: Span, trigger: Token) -> str | None:
    """"reportedly"/"allegedly" on the trigger's clause, or "X is said to ...", "it is alleged that ..."."""
    chain = [trigger] + [h for h, _ in _ancestors_with_child(trigger, sent)]
    for tok in chain:
        for c in tok.children:
            if c.lower_ in _HEDGES:
                return _HEDGES[c.lower_]
    for head, child in _ancestors_with_child(trigger, sent):
        lemma = head.lemma_.lower()
        if lemma in _PASSIVE_HEDGE and _is_passive(head) and child.dep_ in ("xcomp", "ccomp"):
            return _PASSIVE_HEDGE[lemma]
    return None
