"""Event extraction phenomena on short sentences: roles, compound and reciprocal actors, metonymy, agents,
modality, statements, negation and merging — the real model, one pipeline for the module."""

from __future__ import annotations

import pytest

from newsevents import Pipeline, extract


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str, date: str = "2024-03-04") -> list[dict]:
    return [e.to_dict() for e in extract(text, date=date, pipeline=pipeline)]


def _one(pipeline: Pipeline, text: str, plover: str | None) -> dict:
    events = [e for e in _events(pipeline, text) if e["plover"]["event"] == plover]
    assert events, f"no {plover} event in {text!r}: {_events(pipeline, text)}"
    return events[0]


def _codes(actors: list[dict]) -> set[str]:
    return {a["code"] for a in actors}


def test_reciprocal_talks_between(pipeline):
    event = _one(pipeline, "Talks between Israel and Hamas resumed in Cairo on Monday.", "CONSULT")
    assert _codes(event["source"]) == {"ISR", "PSEREB"}
    assert event["target"] == []  # PLOVER: joint actors stay together in the source list
    assert event["location"]["name"] == "Cairo" and event["location"]["country"] == "EGY"
    assert event["date"] == {"value": "2024-03-04", "precision": "day", "status": "current"}


def test_passive_with_agent(pipeline):
    event = _one(pipeline, "The convoy was attacked by Taliban fighters near Kandahar on Sunday.", "ASSAULT")
    assert any(a["name"] == "Taliban" for a in event["source"])
    assert event["location"]["name"] == "Kandahar"


def test_capital_metonymy_is_the_government(pipeline):
    event = _one(pipeline, "Moscow condemned the sanctions on Monday.", "ACCUSE")
    assert event["source"][0]["code"] == "RUSGOV"


def test_agent_noun_with_country_adjective_and_numbers(pipeline):
    event = _one(pipeline, "Kenyan police arrested at least 20 protesters in Nairobi on Monday.", "COERCE")
    assert event["source"][0]["code"] == "KENCOP"
    assert event["magnitude"]["arrested"] == {"value": 20, "qualifier": "at_least"}
    assert event["plover"]["mode"] == "arrest"


def test_compound_source_with_country_adjectives(pipeline):
    event = _one(pipeline, "Senior Hungarian and Romanian officials met in Budapest on Friday.", "CONSULT")
    assert {a["country"] for a in event["source"]} == {"HUN", "ROU"}


def test_reported_refusal_is_reject_with_speaker_pronoun(pipeline):
    event = _one(pipeline, "Syria says it will not accept any more refugees.", "REJECT")
    assert event["source"][0]["country"] == "SYR"
    assert event["cameo"]["root"] == "12" and event["negated"] is False


def test_reported_commitment_is_agree(pipeline):
    event = _one(pipeline, "Hungary said it will support the resolution.", "AGREE")
    assert event["cameo"]["code"].startswith("03") and event["source"][0]["country"] == "HUN"


def test_reported_obligation_is_a_demand_on_the_other_actor(pipeline):
    event = _one(pipeline, "Russia said Ukraine must withdraw its troops.", "REQUEST")
    assert event["source"][0]["country"] == "RUS" and event["target"][0]["country"] == "UKR"
    assert event["date"]["status"] == "current"


def test_threat_covers_the_threatened_action(pipeline):
    events = _events(pipeline, "Iran threatened to close the Strait of Hormuz.")
    assert [e["plover"]["event"] for e in events] == ["THREATEN"]


def test_plain_reporting_verb_is_not_an_event(pipeline):
    events = _events(pipeline, "Officials said the weather was fine on Monday.")
    assert events == []


def test_negation(pipeline):
    event = _one(pipeline, "The Israeli prime minister did not meet the Palestinian delegation.", "CONSULT")
    assert event["negated"] is True


def test_violence_with_victims_but_no_perpetrator_is_kept(pipeline):
    event = _one(pipeline, "Three civilians were killed in an airstrike in Idlib on Sunday.", "ASSAULT")
    assert event["source"] == []
    assert event["target"][0]["code"] == "SYRCVL"
    assert event["magnitude"]["killed"] == {"value": 3, "qualifier": "exact"}


def test_no_actor_no_event(pipeline):
    assert _events(pipeline, "The meeting was postponed because of the weather.") == []


def test_historical_background_is_marked(pipeline):
    event = _one(pipeline, "The rebels seized the town in 2015, and still hold it.", "COERCE")
    assert event["date"]["value"] == "2015" and event["date"]["status"] == "historical"


def test_event_ids_are_stable(pipeline):
    text = "Rebels attacked an army base near Goma on Sunday."
    assert [e["event_id"] for e in _events(pipeline, text)] == [e["event_id"] for e in _events(pipeline, text)]


def test_repeated_mention_in_one_document_is_one_event(pipeline):
    text = ("Rebels attacked an army base near Goma on Sunday, the army said.\n"
            "The attack by the rebels on the base near Goma began at dawn on Sunday.")
    events = [e for e in _events(pipeline, text) if e["plover"]["event"] == "ASSAULT"]
    assert len(events) == 1 and events[0]["mentions"] == 2


def test_casualties_belong_to_the_attack_that_caused_them(pipeline):
    events = _events(pipeline, "Rebels attacked a camp for refugees near Goma, killing at least 15 people.")
    assert [e["plover"]["event"] for e in events] == ["ASSAULT"]
    assert events[0]["magnitude"]["killed"] == {"value": 15, "qualifier": "at_least"}
    events = _events(pipeline, "A roadside bomb near Samarra killed one U.S. soldier and wounded two others.")
    assert len(events) == 1
    assert events[0]["magnitude"]["killed"]["value"] == 1 and events[0]["magnitude"]["injured"]["value"] == 2
