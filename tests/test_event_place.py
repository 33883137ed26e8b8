"""Where an event happened and which words carry it, on short sentences in the phrasing of conflict news: the
evidence trigger as written, words that report the same event (tolls, support and occurrence verbs), the most
precise place of a phrase, mistagged place names, and figurative uses of force verbs — one pipeline."""

from __future__ import annotations

import pytest

from newsevents import Pipeline, extract
from newsevents.knowledge.gazetteer import Gazetteer, is_demonym


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str) -> list[dict]:
    return [e.to_dict() for e in extract(text, date="2016-05-10", pipeline=pipeline)]


def _only(pipeline: Pipeline, text: str) -> dict:
    events = _events(pipeline, text)
    assert len(events) == 1, events
    return events[0]


def _place(pipeline: Pipeline, text: str, plover: str) -> str | None:
    events = [e for e in _events(pipeline, text) if e["plover"]["event"] == plover]
    assert events, _events(pipeline, text)
    return (events[0]["location"] or {}).get("name")


def test_trigger_is_the_text_as_written(pipeline):
    text = "Several thousand settlers demonstrated Tuesday in the southern Gaza Strip against the plan."
    event = _only(pipeline, text)
    ev = event["evidence"]
    assert ev["trigger"] == text[ev["trigger_start"]:ev["trigger_end"]] == "demonstrated Tuesday in"
    assert [text[s:e] for s, e in ev["trigger_words"]] == ["demonstrated", "in"]


def test_toll_verbs_belong_to_the_attack(pipeline):
    text = ("A suicide car bomb that went off near a wedding convoy killed 15 people and wounded 17 others in "
            "the town of Rawa.")
    event = _only(pipeline, text)
    words = [text[s:e] for s, e in event["evidence"]["trigger_words"]]
    assert words[0] == "car bomb" and "killed" in words and "wounded" in words
    assert event["location"]["name"] == "Rawa"
    assert event["magnitude"]["killed"]["value"] == 15


def test_occurrence_and_support_verbs(pipeline):
    event = _only(pipeline, "The attack occurred on 28 March in Kanambe village.")
    assert event["plover"]["event"] == "ASSAULT" and "occurred" in event["evidence"]["trigger"]
    assert event["location"]["name"] == "Kanambe"
    event = _only(pipeline, "The army continued their offensive in the Aleppo countryside on Saturday.")
    assert event["evidence"]["trigger"].startswith("continued")


def test_targeting_is_the_same_offensive(pipeline):
    event = _only(pipeline, "The Islamic State launched a major offensive in southwest Deir Ezzor on Wednesday, "
                            "targeting the strategic Thardeh Mountains.")
    assert event["evidence"]["trigger"].endswith("targeting")
    assert event["location"]["name"] == "Deir Ezzor"


def test_attack_with_a_toll_and_no_named_attacker(pipeline):
    event = _only(pipeline, "Another attack, also in July, killed at least 50 civilians in the city of Qamishli.")
    assert event["plover"]["event"] == "ASSAULT" and event["location"]["name"] == "Qamishli"


@pytest.mark.parametrize("text, plover, place", [
    ("Suspected gunmen killed a village elder in Mogadishu's Yaqshid district on Sunday night.", "ASSAULT",
     "Yaqshid"),
    ("Hundreds of students protested in front of Morocco's parliament in Rabat on Monday.", "PROTEST", "Rabat"),
    ("She was murdered at Olangur in Villupuram district.", "ASSAULT", "Olangur"),
    ("Israeli soldiers shot dead five Palestinians in the West Bank city of Nablus.", "ASSAULT", "Nablus"),
    ("Rebels first captured Birao on Oct. 29, but lost it a month later.", "COERCE", "Birao"),
    ("A massive car bomb destroyed an upscale Baghdad restaurant, killing eight people.", "ASSAULT", "Baghdad"),
    ("He was captured last year in the Philippines after four years on the run.", "COERCE", "Philippines"),
])
def test_event_place(pipeline, text, plover, place):
    assert _place(pipeline, text, plover) == place


def test_local_actor_seat_when_no_phrase_says(pipeline):
    assert _place(pipeline, "Dallas police shot and killed a gorilla at the zoo.", "ASSAULT") == "Dallas"
    assert _place(pipeline, "Iraqi police shot a Kurdish politician on Saturday.", "ASSAULT") is None


@pytest.mark.parametrize("text", [
    "The documentary was shot on location in neighbouring Slovenia.",
    "Ward shot to sudden fame after winning the award.",
    "The team captured the title with a flawless performance.",
])
def test_figurative_force_is_no_event(pipeline, text):
    assert not [e for e in _events(pipeline, text) if e["plover"]["event"] in ("ASSAULT", "COERCE")]


def test_country_names_are_not_demonym_plurals():
    assert not is_demonym("Philippines") and not is_demonym("Netherlands")
    assert is_demonym("Filipinos") and is_demonym("Ukrainians")
    assert Gazetteer.load().resolve("Philippines").country == "PHL"


@pytest.mark.parametrize("text, country", [
    ("Police fired tear gas at protesters in Tripoli on Monday, Lebanese officials said.", "LBN"),
    ("Police fired tear gas at protesters in Tripoli on Monday, Libyan officials said.", "LBY"),
    ("Police arrested 20 protesters in Georgia on Saturday, Atlanta officials said.", "USA"),
    ("Russian troops attacked villages in Georgia.", "GEO"),
])
def test_namesakes_follow_the_sentence(pipeline, text, country):
    (event,) = _events(pipeline, text)
    assert event["location"]["country"] == country


@pytest.mark.parametrize("text", [
    "Police fired shots in the air to disperse the crowd in Nairobi.",
    "Troops fired several rounds at protesters in Lagos.",
    "Gunmen fatally shot a village elder in the Thantho district.",
])
def test_real_force_is_kept(pipeline, text):
    assert [e for e in _events(pipeline, text) if e["plover"]["event"] == "ASSAULT"]
