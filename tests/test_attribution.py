"""Attribution: "according to", reporting verbs whose complement holds the event, and hedges."""

from __future__ import annotations

import pytest

from newsevents.extract.attribution import attribution
from newsevents.model import Actor

SEED_TOLL = ("According to figures from the Hamas-run health ministry in Gaza, Israel's retaliatory "
             "offensive has resulted in the deaths of at least 34,535 people in the Gaza Strip, "
             "predominantly women and children.")
SEED_DISCLOSE = ("Foreign ministry spokesman Lin Jian disclosed the meeting, stating that representatives of "
                 "Hamas, formally known as the Islamic Resistance Movement, and Fatah, the Palestine National "
                 "Liberation Movement, recently convened in the Chinese capital.")
SEED_EXPRESS = ("During the talks, both sides reportedly expressed their political will to achieve reconciliation "
                "through dialogue and consultation.")
SEED_NOTE = "Lin Jian noted that the two factions addressed various specific issues and made positive progress."


def _attr(nlp, text: str, trigger: str, resolve=None):
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == trigger.lower())
    return attribution(doc[:], tok, resolve)


def _pair(a):
    return None if a is None else (a.text, a.cue)


@pytest.mark.parametrize("trigger", ["offensive", "deaths", "resulted"])
def test_seed_according_to(nlp, trigger):
    assert _pair(_attr(nlp, SEED_TOLL, trigger)) == ("the Hamas-run health ministry in Gaza", "according to")


def test_seed_reportedly(nlp):
    assert _pair(_attr(nlp, SEED_EXPRESS, "expressed")) == ("", "reportedly")


@pytest.mark.parametrize("trigger", ["addressed", "made"])
def test_seed_noted(nlp, trigger):
    assert _pair(_attr(nlp, SEED_NOTE, trigger)) == ("Lin Jian", "noted")


def test_seed_stating(nlp):
    a = _attr(nlp, SEED_DISCLOSE, "convened")
    assert a is not None and a.text == "Foreign ministry spokesman Lin Jian"
    assert a.cue in ("stating", "disclosed")


@pytest.mark.parametrize("text, trigger", [
    (SEED_DISCLOSE, "disclosed"), (SEED_NOTE, "noted"), ("The president met the delegation on Monday.", "met"),
])
def test_no_attribution(nlp, text, trigger):
    assert _attr(nlp, text, trigger) is None


CASES = [
    ("Five people were killed, police said.", "killed", ("police", "said")),
    ("Police said five people were killed.", "killed", ("Police", "said")),
    ("Troops fired on protesters, the ministry said in a statement.", "fired", ("the ministry", "said")),
    ("The army shelled the town, sources said.", "shelled", ("sources", "said")),
    ("The rebels allegedly attacked a convoy.", "attacked", ("", "allegedly")),
    ("It is reported that rebels attacked a convoy.", "attacked", ("", "reportedly")),
    ("The rebels are said to have attacked a convoy.", "attacked", ("", "reportedly")),
    ("The minister told reporters that police had arrested 20 people.", "arrested", ("The minister", "told")),
    ("Hamas claimed that its fighters ambushed an Israeli patrol.", "ambushed", ("Hamas", "claimed")),
    ("The army announced the arrest of 20 militants.", "arrest", ("The army", "announced")),
    ("According to a statement released by the army, troops killed 5 militants.", "killed",
     ("the army", "according to")),
    ("According to the ministry's figures, 40 people died.", "died", ("the ministry", "according to")),
    ("According to Reuters, the talks collapsed.", "collapsed", ("Reuters", "according to")),
    ("The rebels attacked the base, according to local media.", "attacked", ("local media", "according to")),
    ("Israel's military said it struck a Hamas command centre.", "struck", ("Israel's military", "said")),
]


@pytest.mark.parametrize("text, trigger, expected", CASES)
def test_attribution(nlp, text, trigger, expected):
    assert _pair(_attr(nlp, text, trigger)) == expected


def test_resolve_actor_is_called_with_the_speaker_span(nlp):
    seen = []

    def resolve(span):
        seen.append(span.text)
        return Actor(text=span.text, name="Lin Jian", code="CHNGOV", country="CHN", sector="GOV")

    a = _attr(nlp, SEED_NOTE, "made", resolve)
    assert seen == ["Lin Jian"]
    assert a is not None and a.actor is not None and a.actor.code == "CHNGOV"
    assert a.to_dict()["actor"]["name"] == "Lin Jian"


def test_hedge_does_not_call_resolver(nlp):
    calls = []
    a = _attr(nlp, SEED_EXPRESS, "expressed", lambda span: calls.append(span) or None)
    assert a is not None and a.actor is None and calls == []
