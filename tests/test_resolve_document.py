"""Merging mentions of one event inside a document: what must merge and what must stay apart."""

from __future__ import annotations

from newsevents.model import Actor, Event, EventDate, EventType, Evidence, Location
from newsevents.resolve import dates_compatible, merge_document_events

ASSAULT = EventType(cameo_code="190", cameo_root="19", quad_class=4, goldstein=-10.0, plover="ASSAULT")
REBELS = Actor(text="rebels", name="rebels", code="CODREB", country="COD", sector="REB")
ARMY = Actor(text="the army", name="army", code="CODMIL", country="COD", sector="MIL")
GOMA = Location(name="Goma", country="COD", admin1="North Kivu", precision="city")
BENI = Location(name="Beni", country="COD", admin1="North Kivu", precision="city")


def _event(start: int, *, target=(ARMY,), date="2024-03-03", location=GOMA, status="current") -> Event:
    return Event(doc_id="d", event_id=f"e{start}", type=ASSAULT, source=(REBELS,), target=tuple(target),
                 date=EventDate(date, "day" if date and len(date) == 10 else "range", status),
                 evidence=Evidence(sentence="s", start=start, end=start + 1, trigger="attacked"), location=location)


def test_repeated_report_merges_and_counts_mentions():
    merged = merge_document_events([_event(0), _event(100, target=())])
    assert len(merged) == 1 and merged[0].mentions == 2 and merged[0].target == (ARMY,)


def test_two_attacks_in_different_towns_stay_apart():
    assert len(merge_document_events([_event(0), _event(100, location=BENI)])) == 2


def test_different_days_stay_apart_but_a_range_covering_the_day_merges():
    assert len(merge_document_events([_event(0), _event(100, date="2024-03-01")])) == 2
    assert len(merge_document_events([_event(0), _event(100, date="2024-02-25/2024-03-04")])) == 1


def test_historical_and_current_stay_apart():
    assert len(merge_document_events([_event(0), _event(100, status="historical")])) == 2


def test_two_triggers_of_one_sentence_are_two_events():
    assert len(merge_document_events([_event(0), _event(0)])) == 2


def test_dates_compatible():
    assert dates_compatible(EventDate("2007", "year"), EventDate("2007-06-14", "day"))
    assert not dates_compatible(EventDate("2007", "year"), EventDate("2008", "year"))
    assert dates_compatible(EventDate(None, "unknown"), EventDate("2008", "year"))
