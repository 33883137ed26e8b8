"""Tests for the offline gazetteer, place mentions and event locations (seed sentences, namesakes, actors)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.extract.place_mentions import find_places, parse_dateline
from newsevents.extract.places import event_location
from newsevents.knowledge.gazetteer import Gazetteer, extra_places_rows, is_demonym, normalize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _loc(nlp, gaz, text: str, trigger: str, **kw):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return doc, event_location(tok.sent, tok, gaz, **kw)


def test_load_is_once_per_process() -> None:
    assert Gazetteer.load() is Gazetteer.load()


def test_index_cache_is_written_reused_and_pruned(tmp_path: Path) -> None:
    """A fresh process builds the index once, keeps it under NEWSEVENTS_CACHE (removing stale indexes) and the
    next process reads it back with the same content. (Load times are reported by `make eval`, not tested.)"""
    stale = tmp_path / "gazetteer-0000000000000000.pickle"
    stale.write_bytes(b"an index of older data")
    script = ("from newsevents.knowledge.gazetteer import Gazetteer; g = Gazetteer.load(); "
              "print(len(g._index), g.resolve('Deir Ezzor').country)")
    env = {**os.environ, "NEWSEVENTS_CACHE": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    caches = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(caches) == 1 and caches[0] != stale
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout and first.stdout.split()[1] == "SYR"
    assert int(first.stdout.split()[0]) > 100_000


def test_extra_table_is_well_formed() -> None:
    rows = extra_places_rows()
    assert len(rows) > 50
    for row in rows:
        assert row["precision"] in ("country", "admin1", "city", "point"), row
        assert row["feature"] in ("A", "P", "L", "T", "H"), row
        assert not row["country"] or len(row["country"]) == 3, row
        if row["lat"]:
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row


@pytest.mark.parametrize("name, iso3, precision", [
    ("Gaza Strip", "PSE", "admin1"), ("West Bank", "PSE", "admin1"), ("Donbas", "UKR", "admin1"),
    ("Crimea", "UKR", "admin1"), ("Golan Heights", "SYR", "admin1"), ("Tigray", "ETH", "admin1"),
    ("Beijing", "CHN", "city"), ("Kiev", "UKR", "city"), ("China", "CHN", "country"),
    ("Russian Federation", "RUS", "country"), ("Deir Ezzor", "SYR", "city"),
])
def test_resolves_news_names(gaz: Gazetteer, name: str, iso3: str, precision: str) -> None:
    place = gaz.resolve(name)
    assert place is not None and place.country == iso3 and place.precision == precision


def test_city_has_coordinates(gaz: Gazetteer) -> None:
    beijing = gaz.resolve("Beijing")
    assert beijing is not None and beijing.geonameid and abs(beijing.lat - 39.9) < 0.2
    assert abs(beijing.lon - 116.4) < 0.2


def test_namesakes_follow_context(gaz: Gazetteer) -> None:
    assert gaz.resolve("Tripoli", ["LBY"]).country == "LBY"
    assert gaz.resolve("Tripoli", ["LBN"]).country == "LBN"
    assert gaz.resolve("Tripoli").country == "LBY"  # larger population without context
    assert gaz.resolve("Georgia", ["USA"]).precision == "admin1"
    assert gaz.resolve("Georgia").country == "GEO"
    assert gaz.resolve("Jordan").precision == "country"
    assert len(gaz.candidates("Tripoli")) >= 2


@pytest.mark.parametrize("word", ["Gazan", "Ukrainian", "Chinese", "Israelis", "Palestinian"])
def test_demonyms_are_not_places(gaz: Gazetteer, word: str) -> None:
    assert is_demonym(word)
    assert gaz.resolve(word) is None


def test_organisations_are_not_places(gaz: Gazetteer) -> None:
    assert gaz.resolve("Hamas") is None  # GeoNames lists it as an alternate name of Hamm


def test_normalize_folds_spelling() -> None:
    assert normalize("the Gaza Strip") == normalize("Gaza strip") == "gaza strip"
    assert normalize("Côte d’Ivoire") == normalize("Cote d'Ivoire")


def test_seed_talks_in_beijing(nlp, gaz: Gazetteer) -> None:
    text = ('China confirmed on Tuesday that rival Palestinian factions Hamas and Fatah engaged in "in-depth and '
            'candid talks" in Beijing aimed at advancing intra-Palestinian reconciliation.')
    doc, loc = _loc(nlp, gaz, text, "talks")
    assert loc is not None and loc.name == "Beijing" and loc.country == "CHN" and loc.precision == "city"
    assert loc.lat is not None and text[loc.start:loc.end] == "Beijing"


def test_seed_chinese_capital(nlp, gaz: Gazetteer) -> None:
    text = ("Foreign ministry spokesman Lin Jian disclosed the meeting, stating that representatives of Hamas "
            "and Fatah recently convened in the Chinese capital.")
    doc, loc = _loc(nlp, gaz, text, "convened")
    assert loc is not None and loc.name == "Beijing" and loc.country == "CHN"
    assert "capital" in text[loc.start:loc.end]


def test_seed_seized_gaza_strip(nlp, gaz: Gazetteer) -> None:
    text = ("The schism between Hamas and Fatah dates back to 2007 when Hamas seized control of the Gaza Strip "
            "following intense clashes with Fatah.")
    for trigger in ("seized", "clashes"):
        _, loc = _loc(nlp, gaz, text, trigger)
        assert loc is not None and loc.name == "Gaza Strip" and loc.country == "PSE", trigger


def test_seed_offensive_deaths_in_gaza_strip(nlp, gaz: Gazetteer) -> None:
    text = ("According to figures from the Hamas-run health ministry in Gaza, Israel's retaliatory offensive "
            "has resulted in the deaths of at least 34,535 people in the Gaza Strip, predominantly women and "
            "children.")
    doc, loc = _loc(nlp, gaz, text, "resulted")
    assert loc is not None and loc.name == "Gaza Strip"
    assert text[loc.start:loc.end] == "Gaza Strip" and loc.start > text.index("people")


def test_seed_west_bank(nlp, gaz: Gazetteer) -> None:
    text = ("Despite this division, Fatah continues to maintain partial administrative control in the West Bank "
            "through the Palestinian Authority.")
    _, loc = _loc(nlp, gaz, text, "maintain")
    assert loc is not None and loc.name == "West Bank" and loc.country == "PSE"


def test_actor_is_not_a_place(nlp, gaz: Gazetteer) -> None:
    text = ("Since the outbreak of the Israel-Hamas conflict in October last year, Beijing has consistently "
            "called for an immediate ceasefire.")
    _, loc = _loc(nlp, gaz, text, "called")
    assert loc is None
    _, loc = _loc(nlp, gaz, "China condemned the decision on Monday.", "condemned")
    assert loc is None


def test_possessor_is_not_a_place(nlp, gaz: Gazetteer) -> None:
    _, loc = _loc(nlp, gaz, "Israel's offensive killed dozens of people on Monday.", "killed")
    assert loc is None


def test_no_place_sentence(nlp, gaz: Gazetteer) -> None:
    _, loc = _loc(nlp, gaz, "The two sides expressed their political will to achieve reconciliation.",
                  "expressed")
    assert loc is None


def test_direct_object_place(nlp, gaz: Gazetteer) -> None:
    _, loc = _loc(nlp, gaz, "Russian forces attacked Kyiv overnight with drones.", "attacked")
    assert loc is not None and loc.name == "Kyiv" and loc.country == "UKR"


def test_context_picks_namesake(nlp, gaz: Gazetteer) -> None:
    text = "Gunmen opened fire on a crowd in Tripoli on Friday."
    _, loc = _loc(nlp, gaz, text, "opened", context_countries=["LBN"])
    assert loc is not None and loc.country == "LBN"
    _, loc = _loc(nlp, gaz, text, "opened")
    assert loc is not None and loc.country == "LBY"


def test_unknown_town_kept_by_name(nlp, gaz: Gazetteer) -> None:
    text = "Five people were killed in the village of Qaryat Zzyx on Sunday."
    _, loc = _loc(nlp, gaz, text, "killed")
    assert loc is not None and "Zzyx" in loc.name and loc.lat is None


def test_find_places_skips_demonyms(nlp, gaz: Gazetteer) -> None:
    doc = nlp("Ukrainian and Chinese officials met in Geneva.")
    names = [p.name for _, p in find_places(doc[:], gaz)]
    assert names == ["Geneva"]


def test_dateline(gaz: Gazetteer) -> None:
    beijing = parse_dateline("BEIJING, April 30 (Reuters) - China said on Tuesday ...", gaz)
    assert beijing is not None and beijing.name == "Beijing" and beijing.country == "CHN"
    tripoli = parse_dateline("TRIPOLI, Lebanon (AP) \u2014 Clashes erupted ...", gaz)
    assert tripoli is not None and tripoli.country == "LBN"
    washington = parse_dateline("WASHINGTON (Reuters) - The United States ...", gaz)
    assert washington is not None and washington.precision == "city"
    assert parse_dateline("China confirmed on Tuesday that talks took place.", gaz) is None


def test_dateline_is_the_fallback(nlp, gaz: Gazetteer) -> None:
    dateline = parse_dateline("BEIJING, April 30 (Reuters) -", gaz)
    _, loc = _loc(nlp, gaz, "Police arrested two men on Monday.", "arrested", dateline=dateline)
    assert loc is not None and loc.name == "Beijing" and loc.start is None
    _, loc = _loc(nlp, gaz, "Police arrested two men in Shanghai on Monday.", "arrested", dateline=dateline)
    assert loc is not None and loc.name == "Shanghai"


def test_us_states_have_coordinates(gaz: Gazetteer) -> None:
    """US states come without coordinates in the packaged data; they get their towns' population centre."""
    texas = next(p for p in gaz.candidates("Texas") if p.country == "USA" and p.precision == "admin1")
    assert 25.8 < texas.lat < 36.5 and -106.7 < texas.lon < -93.5
    georgia = gaz.resolve("Georgia", ["USA"])
    assert georgia.country == "USA" and 30.3 < georgia.lat < 35.0 and -85.6 < georgia.lon < -80.8
