"""Tests for the actor knowledge base: builtin tables, dated roles, text scanning and the Phoenix importer."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pycountry
import pytest

from newsevents.knowledge import dictionaries
from newsevents.knowledge.actors import ActorKB, country_rows, named_actor_rows, split_code
from newsevents.knowledge.names import case_key, is_case_sensitive, lower_key, singular_candidates

SEED_DATE = dt.date(2024, 4, 30)


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


@pytest.fixture(scope="module")
def phoenix_kb(shared_dir: Path) -> ActorKB:
    folder = shared_dir / "data" / "phoenix"
    if not folder.is_dir():
        pytest.skip("Phoenix dictionaries not available")
    return ActorKB.load(folder)


# ---- normalisation --------------------------------------------------------------------------------------
def test_keys_normalise_articles_possessives_acronyms_and_accents():
    assert lower_key("the Islamic Resistance Movement") == "islamic resistance movement"
    assert case_key("the U.S.") == "US"
    assert lower_key("Israel's") == "israel"
    assert lower_key("Kurdistan Workers' Party") == lower_key("Kurdistan Workers Party")
    assert lower_key("Erdoğan") == "erdogan"
    assert lower_key("al-Qaeda") == "al qaeda"
    assert is_case_sensitive("US") and is_case_sensitive("U.N.") and not is_case_sensitive("Hamas")
    assert "authority" in singular_candidates("authorities")
    assert "policeman" in singular_candidates("policemen")


# ---- seed actors --------------------------------------------------------------------------------------
def test_country_capital_and_demonym(kb):
    china = kb.lookup("China")
    assert china and china.code == "CHN" and china.sector is None and china.kind == "country"
    beijing = kb.lookup("Beijing")
    assert beijing and beijing.code == "CHNGOV" and beijing.kind == "capital" and beijing.country == "CHN"
    assert kb.country_of("Chinese") == "CHN"
    assert kb.country_of("Palestinian") == "PSE"
    assert kb.country_of("Gazan") == "PSE"
    assert kb.country_of("Israeli") == "ISR"
    assert kb.country_of("Beijing") == "CHN"
    assert kb.country_of("Britain") == "GBR"
    assert kb.country_of("DPRK") == "PRK"
    assert kb.country_of("Ivory Coast") == "CIV"
    assert kb.country_of("Burma") == "MMR"
    assert kb.country_of("Kosovar") == "XKX"
    israel = kb.lookup("Israel")
    assert israel and israel.code == "ISR"


@pytest.mark.parametrize(
    ("phrase", "name", "code"),
    [
        ("Hamas", "Hamas", "PSEREB"),
        ("the Islamic Resistance Movement", "Hamas", "PSEREB"),
        ("Fatah", "Fatah", "PSEPTY"),
        ("the Palestine National Liberation Movement", "Fatah", "PSEPTY"),
        ("Palestinian Authority", "Palestinian Authority", "PSEGOV"),
        ("the Palestinian Authority's", "Palestinian Authority", "PSEGOV"),
        ("the Kremlin", "the Kremlin", "RUSGOV"),
        ("Pentagon", "the Pentagon", "USAMIL"),
        ("IDF", "Israel Defense Forces", "ISRMIL"),
        ("Hamas-run health ministry in Gaza", "Gaza health ministry", "PSEGOV"),
        ("UN", "United Nations", "IGOUNO"),
        ("the United Nations", "United Nations", "IGOUNO"),
        ("Ansar Allah", "Houthis", "YEMREB"),
        ("Daesh", "Islamic State", "IMGREB"),
    ],
)
def test_named_actor_aliases(kb, phrase, name, code):
    entry = kb.lookup(phrase, SEED_DATE)
    assert entry is not None, phrase
    assert (entry.name, entry.code) == (name, code)


def test_named_group_block_kept_apart_from_code(kb):
    hamas = kb.lookup("Hamas")
    assert hamas.code == "PSEREB" and hamas.group == "HMS" and hamas.sector == "REB" and hamas.country == "PSE"
    un = kb.lookup("United Nations")
    assert un.country is None and un.sector == "IGO"


def test_agent_nouns(kb):
    assert kb.agent_sector("spokesman") == "GOV"
    assert kb.agent_sector("Spokesmen") == "GOV"
    assert kb.agent_sector("foreign ministry") == "GOV"
    assert kb.agent_sector("police") == "COP"
    assert kb.agent_sector("policemen") == "COP"
    assert kb.agent_sector("rebels") == "REB"
    assert kb.agent_sector("authorities") == "GOV"
    assert kb.agent_sector("troops") == "MIL"
    assert kb.agent_sector("judge") == "JUD"
    assert kb.agent_sector("lawmakers") == "LEG"
    assert kb.agent_sector("refugees") == "REF"
    assert kb.agent("health ministry") == ("GOV", "HLH")
    assert kb.agent_sector("banana") is None
    assert len(kb.counts) and kb.counts["agents"] > 500


# ---- dated roles ------------------------------------------------------------------------------------------
def test_person_roles_follow_their_terms(kb):
    assert kb.lookup("Joe Biden", dt.date(2022, 6, 1)).code == "USAGOV"
    assert kb.lookup("Biden", dt.date(2030, 1, 1)) is None
    assert kb.lookup("Donald Trump", dt.date(2019, 1, 1)).code == "USAGOV"
    assert kb.lookup("Donald Trump", dt.date(2023, 1, 1)) is None
    assert kb.lookup("Netanyahu", dt.date(2022, 1, 1)).sector == "OPP"
    assert kb.lookup("Netanyahu", SEED_DATE).sector == "GOV"
    assert kb.lookup("Xi Jinping", SEED_DATE).code == "CHNGOV"
    assert kb.lookup("Xi Jinping", dt.date(2005, 1, 1)) is None


def test_group_roles_change_over_time(kb):
    assert kb.lookup("Taliban", dt.date(2020, 1, 1)).code == "AFGREB"
    assert kb.lookup("Taliban", dt.date(2022, 1, 1)).code == "AFGGOV"
    assert kb.lookup("Taliban").code == "AFGGOV"  # no date: the current role
    assert kb.lookup("Ismail Haniyeh", dt.date(2006, 6, 1)).code == "PSEGOV"
    assert kb.lookup("Ismail Haniyeh", dt.date(2010, 6, 1)).code == "PSEREB"


def test_case_rules(kb):
    assert kb.lookup("us") is None
    assert kb.lookup("US").code == "USA"
    assert kb.lookup("U.S.").code == "USA"
    assert kb.lookup("who") is None and kb.lookup("WHO").code == "IGOUNO"
    assert kb.lookup("gallant") is None  # a person's surname only when capitalised
    assert kb.lookup("china") is None and kb.lookup("turkey") is None
    assert kb.lookup("hamas").name == "Hamas"  # other names are case-insensitive
    assert kb.country_of("us") is None and kb.country_of("US") == "USA"


# ---- find -------------------------------------------------------------------------------------------------
def test_find_longest_non_overlapping(kb):
    text = "The UN Security Council and Hamas-run health ministry in Gaza met US envoys in Beijing, not us."
    found = [(text[s:e], entry.code) for s, e, entry in kb.find(text, SEED_DATE)]
    assert found == [
        ("UN Security Council", "IGOUNO"),
        ("Hamas-run health ministry in Gaza", "PSEGOV"),
        ("US", "USA"),
        ("Beijing", "CHNGOV"),
    ]


def test_find_seed_sentence(kb):
    text = (
        "Foreign ministry spokesman Lin Jian disclosed the meeting, stating that representatives of Hamas, "
        "formally known as the Islamic Resistance Movement, and Fatah, the Palestine National Liberation "
        "Movement, recently convened in the Chinese capital."
    )
    found = [(text[s:e], entry.name) for s, e, entry in kb.find(text, SEED_DATE)]
    assert found == [
        ("Hamas", "Hamas"),
        ("Islamic Resistance Movement", "Hamas"),
        ("Fatah", "Fatah"),
        ("Palestine National Liberation Movement", "Fatah"),
    ]
    with_demonyms = kb.find(text, SEED_DATE, demonyms=True)
    assert any(e.kind == "demonym" and e.country == "CHN" for _, _, e in with_demonyms)


def test_find_possessive_blockers_and_lowercase(kb):
    text = "Israel's offensive; the South China Sea; new york; china plates; Xi met Putin."
    found = [(text[s:e], entry.code) for s, e, entry in kb.find(text, SEED_DATE)]
    assert found == [("Israel", "ISR"), ("Xi", "CHNGOV"), ("Putin", "RUSGOV")]


# ---- tables ---------------------------------------------------------------------------------------------
def test_every_iso3_has_a_country_row():
    rows = {r["iso3"]: r for r in country_rows()}
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in rows]
    assert not missing
    assert "XKX" in rows and "PSE" in rows
    with_capital = sum(1 for r in rows.values() if r["capitals"])
    with_demonym = sum(1 for r in rows.values() if r["demonyms"])
    assert with_capital > 220 and with_demonym > 220


def test_named_actor_table_is_well_formed(kb):
    rows = named_actor_rows()
    assert len(rows) > 400
    kinds = {"group", "party", "igo", "ngo", "gov_body", "person"}
    for r in rows:
        assert r["kind"] in kinds, r
        assert r["country"] == "" or r["country"] in kb.iso3, r
        assert r["sector"], r
        for d in (r["start"], r["end"]):
            assert d == "" or dt.date.fromisoformat(d)
        if r["start"] and r["end"]:
            assert r["start"] < r["end"], r


def test_split_code():
    iso = frozenset({"PSE", "USA"})
    assert split_code("PSEREBHMS", iso) == ("PSE", "REB")
    assert split_code("IGOUNOHLHWHO", iso) == (None, "IGO")
    assert split_code("IMGMUSALQ", iso) == (None, "REB")
    assert split_code("PSE", iso) == ("PSE", None)


# ---- PETRARCH / Phoenix dictionaries ------------------------------------------------------------------
def test_parse_actor_block_with_dates():
    lines = [
        "# comment",
        "PALESTINE_  [PSE]",
        "+PALESTINIAN",
        "MAHMOUD_ABBAS_  # CountryInfo.txt",
        "\t[PSEELI 530101-030430]",
        "\t[PSEGOV >050115]",
        "\t[PSEELI]",
        "KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]",
    ]
    blocks = list(dictionaries.parse_actor_lines(lines))
    assert [b.names for b in blocks] == [("PALESTINE", "PALESTINIAN"), ("MAHMOUD ABBAS",), ("KOFI ANNAN",)]
    abbas = blocks[1]
    assert abbas.person
    assert abbas.codes[0] == dictionaries.CodeSpan("PSEELI", dt.date(1953, 1, 1), dt.date(2003, 4, 30))
    assert abbas.codes[1] == dictionaries.CodeSpan("PSEGOV", dt.date(2005, 1, 15), None)
    assert dictionaries.parse_date("19940913") == dt.date(1994, 9, 13)


def test_parse_agent_lines():
    lines = ["!PERSON! = MAN, WOMAN", "SPOKES!PERSON!  [~MED]", "RIOT_POLICE {} [~COP]", "HEALTH_MINIST [~GOVHLH]"]
    pairs = set(dictionaries.parse_agent_lines(lines))
    assert ("SPOKESMAN", "MED") in pairs and ("SPOKESWOMAN", "MED") in pairs
    assert ("RIOT POLICE", "COP") in pairs and ("HEALTH MINISTRY", "GOVHLH") in pairs


def test_phoenix_import(shared_dir: Path):
    folder = shared_dir / "data" / "phoenix"
    if not folder.is_dir():
        pytest.skip("Phoenix dictionaries not available")
    started = time.perf_counter()
    kb = ActorKB.load(folder)
    assert time.perf_counter() - started < 10
    counts = kb.counts
    assert counts["dictionary_roles"] + counts["dictionary_agents"] > 50_000
    assert counts["dictionary_names"] > 30_000 and counts["dictionary_agents"] > 2_000
    assert len(kb) > 30_000
    # a date-restricted dictionary role (Said Barkat: health portfolio 2008-07-01..2010-06-30, then GOV)
    assert kb.lookup("Said Barkat", dt.date(2009, 1, 1)).code == "DZAGOVHLH"
    assert kb.lookup("Said Barkat", dt.date(2012, 1, 1)).code == "DZAGOV"
    annan = kb.lookup("Kofi Annan", dt.date(2000, 1, 1))
    assert annan.code == "IGOUNO" and annan.source == "dictionary" and annan.kind == "person"


def test_builtin_wins_over_dictionary(phoenix_kb):
    fatah = phoenix_kb.lookup("Fatah")  # Phoenix files list it as a synonym of the country PSE
    assert fatah.code == "PSEPTY" and fatah.source == "builtin"
    assert phoenix_kb.agent_sector("spokesman") == "GOV"  # Phoenix says MED
    assert phoenix_kb.agent_sector("riot police") == "COP"
    # demonyms stay out of find() even though the dictionary lists "PALESTINIAN" as a name of PSE
    text = "rival Palestinian factions met in the Chinese capital"
    assert phoenix_kb.find(text, SEED_DATE) == []
