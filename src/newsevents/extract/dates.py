"""The date and status of one event: which date mention belongs to the trigger, and whether it is current.

``find_dates`` (rules in ``dates_rules``) finds every date expression; ``event_date`` attaches one of them to an
event trigger through the dependency parse and decides current / historical / future / hypothetical. A current
event with no date of its own is dated to the week before publication (the story reports it as recent), never
silently to the publication day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsevents.extract.dates_calendar import RECENT_WINDOW_DAYS, DateMention, bounds, precision_of
from newsevents.extract.dates_rules import find_dates
from newsevents.model import EventDate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["DateMention", "event_date", "find_dates", "recent_range"]

HYPOTHETICAL_AUX = frozenset({"could", "might", "would", "may", "should", "must", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
# Verbs whose xcomp is an action still to come: "plans to visit", "is scheduled to meet", "threatened to strike".
FUTURE_GOVERNORS = frozenset({
    "plan", "schedule", "set", "expect", "due", "intend", "aim", "prepare", "vow", "pledge", "promise",
    "threaten", "propose", "agree", "decide", "hope", "want", "seek", "offer", "go",
})
# Edges a date may not cross on its way from a governing clause down to the trigger: reported speech keeps its
# own time ("China confirmed on Tuesday that the factions met" does not date the meeting).
CLAUSE_BARRIERS = frozenset({"ccomp", "parataxis"})
HISTORICAL_DAYS = 62  # a day or range ending more than about two months before publication is background
_SKIP_POS = frozenset({"ADP", "ADV", "PART", "SCONJ", "DET", "PUNCT", "CCONJ"})


def recent_range(pub_date: dt.date) -> str:
    """The ISO interval for "reported as recent": the seven days up to and including publication."""
    return f"{(pub_date - dt.timedelta(days=RECENT_WINDOW_DAYS)).isoformat()}/{pub_date.isoformat()}"


def _clause_chain(trigger: Token) -> list[Token]:
    """The trigger and its heads up to the edge of its clause (ccomp, relcl, advcl, parataxis heads excluded)."""
    chain = [trigger]
    tok = trigger
    while tok.head is not tok and tok.dep_ not in CLAUSE_BARRIERS | {"relcl", "advcl"} and len(chain) < 12:
        tok = tok.head
        chain.append(tok)
    return chain


def grammar_status(trigger: Token) -> str | None:
    """Status the grammar alone gives the trigger: hypothetical, future, historical (past perfect) or None."""
    chain = _clause_chain(trigger)
    future = False
    for i, tok in enumerate(chain):
        kids = list(tok.children)
        aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
        if aux & HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in kids):
            return "hypothetical"
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in kids):
            return "hypothetical"
        if aux & FUTURE_AUX:
            future = True
        lemma = tok.lemma_.lower()
        if (i > 0 and chain[i - 1].dep_ == "xcomp" and lemma in FUTURE_GOVERNORS
                and (lemma != "go" or tok.tag_ == "VBG")):
            future = True
    if future:
        return "future"
    if chain[-1].dep_ == "ccomp":  # "said that troops had shelled": reported speech backshifts the tense
        return None
    for tok in chain:
        if tok.pos_ in ("VERB", "AUX"):
            if tok.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d")
                                         for c in tok.children):
                return "historical"
            return None
    return None


class _Attached:
    """A date mention placed in the parse: its tokens and the tokens it dates (as a point or a since-interval)."""

    __slots__ = ("mention", "tokens", "point_at", "since_at")

    def __init__(self, mention: DateMention, sent: Span) -> None:
        self.mention = mention
        doc = sent.doc
        base = sent.start_char
        span = doc.char_span(base + mention.start, base + mention.end, alignment_mode="expand")
        toks = list(span) if span is not None else []
        self.tokens = {t.i for t in toks}
        core = [t for t in toks if t.lower_ not in ("since", "between", "from", "ever")] or toks
        core_ids = {t.i for t in core}
        anchors = [t for t in core if t.head.i not in core_ids or t.head is t]
        self.point_at = _content_head(anchors[0], self.tokens) if anchors else None
        self.since_at: Token | None = None
        if mention.kind == "since":
            if mention.since_at is not None:
                since_span = doc.char_span(base + mention.since_at, base + mention.since_at + 5,
                                           alignment_mode="expand")
                since_tok = since_span[0] if since_span is not None and len(since_span) else None
            else:
                since_tok = next((t for t in toks if t.lower_ == "since"), None)
            if since_tok is not None and since_tok.dep_ == "mark":  # "since the war began in ...": clause's head
                self.since_at = _content_head(since_tok.head, self.tokens | {since_tok.i})
            elif since_tok is not None:
                self.since_at = _content_head(since_tok, self.tokens | {since_tok.i})


def _content_head(tok: Token, skip: set[int]) -> Token | None:
    """The nearest ancestor of ``tok`` that carries content (a verb or noun outside the date's own tokens)."""
    cur = tok
    for _ in range(12):
        if cur.head is cur:
            return None
        cur = cur.head
        if cur.i not in skip and cur.pos_ not in _SKIP_POS:
            return cur
    return None


def _ongoing(trigger: Token) -> bool:
    """Whether the trigger's clause is perfect or present ("has called since", "are fleeing since"): only then
    does a "since" phrase give it an interval; with a simple past, "since" is causal ("since talks failed...")."""
    verb = next((t for t in _clause_chain(trigger) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return True
    if any(c.dep_ in ("aux", "auxpass") and (c.lemma_.lower() == "have" or c.tag_ in ("VBZ", "VBP"))
           for c in verb.children):
        return True
    return verb.tag_ in ("VBZ", "VBP", "VBG")


def _find_attachment(trigger: Token, placed: list[_Attached]) -> tuple[_Attached, bool] | None:
    """The mention dating ``trigger`` and whether its since-interval applies (else its point value)."""
    if not placed:
        return None
    ongoing = _ongoing(trigger)
    # The trigger's own modifiers, then heads within its clause; a relative clause reaches its head only when
    # that head is the date itself ("dates back to 2007 when Hamas seized ...").
    node = trigger
    first = True
    for _ in range(14):
        for a in placed:
            if a.since_at is not None and a.since_at.i == node.i and ongoing:
                return a, True
        for a in placed:
            if a.point_at is not None and a.point_at.i == node.i:
                return a, False
            if node.i in a.tokens and not first:
                return a, False
        if first:
            sub = {t.i for t in trigger.subtree}
            for a in placed:
                pa = a.point_at
                if pa is not None and pa.i in sub and pa.i != trigger.i and (
                        pa.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP") or pa.dep_ == "dobj"
                        and pa.head.i == trigger.i):
                    return a, False
        first = False
        if node.head is node or node.dep_ in CLAUSE_BARRIERS:
            return None
        if node.dep_ == "relcl" and not any(node.head.i in a.tokens for a in placed):
            return None
        node = node.head
    return None


def _date_status(value: str | None, precision: str, pub: dt.date) -> str:
    """current, historical or future by comparing a resolved value with the publication date."""
    lo, hi = bounds(value)
    if lo is None and hi is None:
        return "current"
    if lo is not None and lo > pub:
        return "future"
    if precision == "year" and value is not None and int(value[:4]) < pub.year:
        return "historical"
    if precision == "month" and value is not None:
        months_back = (pub.year * 12 + pub.month) - (int(value[:4]) * 12 + int(value[5:7]))
        return "historical" if months_back > 2 else "current"
    if hi is not None and hi < pub - dt.timedelta(days=HISTORICAL_DAYS):
        return "historical"
    return "current"


def _background_cue(a: _Attached, trigger: Token) -> bool:
    """"dates back to 2007", "in 2007 when ...": the clause presents the date as background."""
    head = a.point_at
    if head is not None and head.lemma_.lower() == "date" and any(c.lower_ == "back" for c in head.children):
        return True
    return any(t.dep_ == "relcl" and t.head.i in a.tokens and any(c.lower_ == "when" for c in t.children)
               for t in [trigger, *trigger.ancestors])


def event_date(sent: Span, trigger: Token, pub_date: dt.date | None) -> EventDate:
    """The date of the event ``trigger`` names in ``sent``, and its status (current, historical, future...).

    Dates reach a trigger through its own modifiers or its clause's; a current event with none is dated to
    the week before ``pub_date`` (precision range); without ``pub_date`` relative dates stay unresolved.
    """
    gstatus = grammar_status(trigger)
    direction = "future" if gstatus in ("future", "hypothetical") else "past"
    placed = [_Attached(m, sent) for m in find_dates(sent.text, pub_date, direction=direction)
              if m.kind != "duration"]
    found = _find_attachment(trigger, placed)
    value: str | None = None
    precision = "unknown"
    if found is not None:
        att, use_since = found
        m = att.mention
        if m.kind == "since" and not use_since:
            value, precision = m.point, precision_of(m.point)
        else:
            value, precision = m.value, m.precision
        if value is None:
            precision = "unknown"
    if gstatus in ("hypothetical", "future"):
        status = gstatus
    elif value is not None and pub_date is not None:
        status = _date_status(value, precision, pub_date)
        if status == "current" and gstatus == "historical" and precision not in ("day", "range"):
            status = "historical"
    elif gstatus == "historical" or (found is not None and value is not None and precision == "year"
                                     and _background_cue(found[0], trigger)):
        status = "historical"
    else:
        status = "current"
    if value is None and found is None and status == "current" and pub_date is not None:
        value, precision = recent_range(pub_date), "range"
    return EventDate(value=value, precision=precision, status=status)
