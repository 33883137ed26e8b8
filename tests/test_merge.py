"""Cross-article merging (resolve/events.py) with constructed events: what merges and what stays apart."""

from __future__ import annotations

import itertools

from newsevents.model import Actor, Event, EventDate, EventType, Evidence, Location
from newsevents.resolve.events import MergeItem, block_key, date_bounds, merge_events, merge_items

MILITANTS = Actor("Militants", "militants", "INDREB", "IND", "REB")
POLICE = Actor("police", "police", "INDCOP", "IND", "COP")
SOLDIERS = Actor("soldiers", "soldiers", "INDMIL", "IND", "MIL")
SRINAGAR = Location("Srinagar", "IND", "12", 34.0857, 74.8055, 1255634, "city")
JAMMU = Location("Jammu", "IND", "12", 32.7357, 74.8691, 1269321, "city")  # same admin1, ~150 km away
DANTEWADA = Location("Dantewada", "IND", "37", 18.9, 81.35, 1273375, "city")
KASHMIR = Location("Jammu and Kashmir", "IND", "12", None, None, None, "admin1")
ATTACK = EventType("190", "19", 4, -10.0, "ASSAULT")


def ev(doc: str, n: int = 0, *, date: str | None = "2024-03-11", status: str = "current",
       loc: Location | None = SRINAGAR, source=(MILITANTS,), target=(POLICE,), etype=ATTACK,
       negated: bool = False, mentions: int = 1) -> Event:
    return Event(doc_id=doc, event_id=f"{doc}-{n}", type=etype, source=tuple(source), target=tuple(target),
                 date=EventDate(date, "day" if date and len(date) == 10 else "unknown", status),
                 evidence=Evidence("s", 0, 1, "attacked"), negated=negated, location=loc, mentions=mentions)


def test_syndicated_copies_merge_and_count_sources():
    merged = merge_events([(ev("wire"), "reuters.com", "c1"), (ev("copy"), "yahoo.com", "c1")])
    assert len(merged) == 1
    m = merged[0]
    assert (m.num_mentions, m.num_sources, m.num_articles) == (2, 2, 2)


def test_same_site_counts_one_source_and_mentions_add_up():
    merged = merge_events([(ev("a", mentions=3), "bbc.com", None), (ev("b"), "bbc.com", None)])
    assert [(m.num_mentions, m.num_sources, m.num_articles) for m in merged] == [(4, 1, 2)]


def test_follow_up_report_merges_with_less_precise_date_and_admin1_place():
    follow = ev("follow", date="2024-03", loc=KASHMIR)
    unknown = ev("later", date=None, loc=None)
    merged = merge_events([(ev("first"), "a.com", None), (follow, "b.com", None), (unknown, "c.com", None)])
    assert len(merged) == 1
    assert merged[0].representative == "first-0"  # the most specific mention stands for the event
    assert merged[0].num_articles == 3


def test_two_attacks_same_day_in_different_admin1_stay_apart():
    merged = merge_events([(ev("kashmir"), None, None), (ev("chhattisgarh", loc=DANTEWADA), None, None)])
    assert len(merged) == 2


def test_two_attacks_same_day_far_apart_places_in_one_admin1_stay_apart():
    merged = merge_events([(ev("x"), None, None), (ev("y", loc=JAMMU), None, None)])
    assert len(merged) == 2


def test_unknown_place_joins_one_event_only():
    items = [(ev("x"), None, None), (ev("y", loc=DANTEWADA), None, None), (ev("z", loc=None), None, None)]
    merged = merge_events(items)
    assert len(merged) == 2
    assert sorted(m.num_articles for m in merged) == [1, 2]


def test_different_actors_stay_apart():
    merged = merge_events([(ev("a"), None, None), (ev("b", source=(SOLDIERS,)), None, None)])
    assert len(merged) == 2
    merged = merge_events([(ev("a"), None, None), (ev("b", target=(SOLDIERS,)), None, None)])
    assert len(merged) == 2


def test_actor_sets_ignore_order():
    a = ev("a", source=(MILITANTS, SOLDIERS))
    b = ev("b", source=(SOLDIERS, MILITANTS))
    assert len(merge_events([(a, None, None), (b, None, None)])) == 1


def test_historical_and_current_stay_apart():
    merged = merge_events([(ev("a"), None, None), (ev("b", status="historical"), None, None)])
    assert len(merged) == 2


def test_different_dates_and_negation_stay_apart():
    assert len(merge_events([(ev("a"), None, None), (ev("b", date="2024-03-12"), None, None)])) == 2
    assert len(merge_events([(ev("a"), None, None), (ev("b", negated=True), None, None)])) == 2


def test_overlapping_ranges_merge():
    a = ev("a", date="2024-03-05/2024-03-12")
    b = ev("b", date="2024-03-11")
    assert len(merge_events([(a, None, None), (b, None, None)])) == 1
    assert date_bounds("2024-03")[0] == "2024-03"


def test_keys_do_not_depend_on_order():
    events = [(ev("a"), "x", None), (ev("b", date="2024-03"), "y", None), (ev("c", loc=DANTEWADA), "z", None),
              (ev("d", loc=None, date=None), "w", None), (ev("e", status="historical"), "v", None)]
    results = {tuple(merge_events(list(p))) for p in itertools.permutations(events)}
    assert len(results) == 1


def test_block_key_normalises_codes():
    item = MergeItem.from_event(ev("a", source=(SOLDIERS, MILITANTS)))
    assert block_key(item) == "19|INDMIL,INDREB|INDCOP|current|pos"
    assert merge_items([]) == []
