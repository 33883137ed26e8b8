"""Negation: events the text says did not happen, and the look-alikes that are events of their own."""

from __future__ import annotations

import pytest

from newsevents.extract.negation import is_negated

SEED_DATE = "However, the specific date of the meeting was not disclosed."
SEED_NOTE = ("Although details regarding the discussions were not provided, Lin Jian noted that the two factions "
             "addressed various specific issues and made positive progress.")


def _neg(nlp, text: str, trigger: str) -> bool:
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == trigger.lower())
    return is_negated(doc[:], tok)


CASES = [
    ("The two leaders did not meet.", "meet", True),
    ("The army never attacked the village.", "attacked", True),
    ("No one was killed in the blast.", "killed", True),
    ("The strike killed nobody.", "killed", True),
    ("Hamas denied attacking the convoy.", "attacking", True),
    ("Israel denied that it struck the hospital.", "struck", True),
    ("The sides failed to reach an agreement.", "reach", True),
    ("The troops took the town without firing a shot.", "firing", True),
    (SEED_DATE, "disclosed", True),
    (SEED_NOTE, "provided", True),
    ("No talks were held.", "talks", True),
    ("Talks were not held.", "talks", True),
    ("The meeting did not take place.", "meeting", True),
    ("There was no attack on the base.", "attack", True),
    ("China did not agree to mediate.", "mediate", True),
    ("The rebels didn't attack or loot the town.", "loot", True),
    ("Police were unable to arrest the suspects.", "arrest", True),
    ("He has not been arrested.", "arrested", True),
    ("Hamas has yet to respond.", "respond", True),
    ("The ministry said no civilians were killed.", "killed", True),
    # not negated
    ("Hamas refused to meet the envoy.", "meet", False),
    ("The minister declined to comment.", "comment", False),
    ("The troops took the town without firing a shot.", "took", False),
    (SEED_DATE, "meeting", False),
    (SEED_NOTE, "addressed", False),
    ("The army did not only attack the village but also burned it.", "attack", False),
    ("The leaders met on Monday.", "met", False),
    ("The ministry said no civilians were killed.", "said", False),
    ("The government did not deny that troops fired on protesters.", "fired", False),
]


@pytest.mark.parametrize("text, trigger, expected", CASES)
def test_is_negated(nlp, text, trigger, expected):
    assert _neg(nlp, text, trigger) is expected
