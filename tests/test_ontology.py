"""Tests for the CAMEO/PLOVER ontology table (knowledge/ontology.py, data/cameo.tsv, data/plover.tsv)."""

from __future__ import annotations

import csv
import re

import pytest

from newsevents.knowledge.ontology import CAMEO_FILE, Ontology, quad_class_of
from newsevents.model import EventType

PLOVER_16 = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
             "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def test_load_is_cached(onto):
    assert Ontology.load() is onto


def test_about_300_codes_and_all_roots(onto):
    codes = onto.cameo_codes()
    assert 290 <= len(codes) <= 320
    assert len(set(codes)) == len(codes)
    assert {c for c in codes if len(c) == 2} == {f"{n:02d}" for n in range(1, 21)}


def test_every_row_is_valid(onto):
    types = set(onto.plover_types())
    contexts = set(onto.plover_contexts())
    for code in onto.cameo_codes():
        row = onto.cameo(code)
        assert re.fullmatch(r"\d{2,4}", row.code), row
        assert row.root == row.code[:2]
        assert row.quad_class == quad_class_of(row.root)
        assert -10.0 <= row.goldstein <= 10.0 and -10.0 <= row.goldstein_icews <= 10.0
        assert row.name and row.name[0].isupper()
        if row.plover is None:
            assert row.plover_mode is None and row.plover_context == ()
        else:
            assert row.plover in types
            assert row.plover_mode is None or row.plover_mode in onto.plover_modes(row.plover), row
        assert set(row.plover_context) <= contexts, row


def test_child_codes_have_their_parent(onto):
    codes = set(onto.cameo_codes())
    for c in codes:
        if len(c) > 2:
            assert c[:-1] in codes or c[:2] in codes, c


@pytest.mark.parametrize("root,quad", [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3),
                                       ("14", 4), ("20", 4)])
def test_quad_class_of(root, quad):
    assert quad_class_of(root) == quad


def test_quad_class_of_rejects_bad_root():
    with pytest.raises(ValueError):
        quad_class_of("21")


def test_sixteen_plover_types(onto):
    assert onto.plover_types() == PLOVER_16


def test_plover_modes(onto):
    assert {"visit", "third-party", "multilateral", "phone"} == set(onto.plover_modes("CONSULT"))
    assert {"aerial", "drone", "firearms", "massacre", "abduct", "execute"} <= set(onto.plover_modes("ASSAULT"))
    assert {"seize", "arrest", "ban", "curfew", "deport", "censor"} <= set(onto.plover_modes("COERCE"))
    assert {"demo", "riot", "strike", "hunger", "boycott", "obstruct"} == set(onto.plover_modes("PROTEST"))
    assert {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"} == set(
        onto.plover_modes("RETREAT"))
    assert onto.plover_modes("AGREE") == []
    with pytest.raises(KeyError, match="PLOVER type"):
        onto.plover_modes("FIGHT")


def test_plover_contexts(onto):
    assert {"military", "diplomatic", "economic", "legal", "human_rights", "humanitarian"} <= set(
        onto.plover_contexts())


@pytest.mark.parametrize("code,plover,mode", [
    ("010", None, None),  # statements have no PLOVER type
    ("019", None, None),
    ("020", "REQUEST", None),  # appeals are requests
    ("0256", "REQUEST", "yield"),
    ("037", "AGREE", None),  # intent to cooperate
    ("040", "CONSULT", None),
    ("042", "CONSULT", "visit"),
    ("057", "SUPPORT", None),
    ("073", "AID", None),
    ("0841", "RETREAT", "release"),
    ("0871", "RETREAT", "ceasefire"),
    ("083", "CONCEDE", None),
    ("090", "ACCUSE", "investigate"),
    ("1056", "REQUEST", "yield"),
    ("111", "ACCUSE", "disapprove"),
    ("125", "REJECT", "meet"),
    ("138", "THREATEN", "violence"),
    ("143", "PROTEST", "boycott"),
    ("154", "MOBILIZE", "troops"),
    ("163", "COERCE", "restrict"),  # PLOVER 2021 moves sanctions to COERCE
    ("166", "SANCTION", "expel"),
    ("173", "COERCE", "arrest"),
    ("175", "ASSAULT", "crowd-control"),
    ("186", "ASSAULT", "assassinate"),
    ("190", "ASSAULT", None),
    ("192", "COERCE", "seize"),  # occupy territory
    ("195", "ASSAULT", "aerial"),
    ("202", "ASSAULT", "massacre"),
])
def test_plover_mapping(onto, code, plover, mode):
    row = onto.cameo(code)
    assert (row.plover, row.plover_mode) == (plover, mode)


def test_goldstein_values(onto):
    assert onto.cameo("010").goldstein == 0.0
    assert onto.cameo("057").goldstein == 8.0
    assert onto.cameo("190").goldstein == -10.0
    assert onto.cameo("0874").goldstein == 10.0
    assert onto.cameo("173").goldstein == -5.0
    diff = {c for c in onto.cameo_codes() if onto.cameo(c).goldstein != onto.cameo(c).goldstein_icews}
    assert diff == {"016", "022", "164", "165"}  # the four codes where GDELT and ICEWS disagree
    assert (onto.cameo("016").goldstein, onto.cameo("016").goldstein_icews) == (-2.0, -5.0)


def test_unknown_code_is_a_helpful_key_error(onto):
    with pytest.raises(KeyError, match="Unknown CAMEO code '0299'.*root 02"):
        onto.cameo("0299")
    with pytest.raises(KeyError, match="Roots are 01-20"):
        onto.cameo("999")
    assert onto.cameo("1").code == "01"  # a one-digit root is padded
    assert "0256" in onto and "0299" not in onto


def test_event_type_defaults(onto):
    et = onto.event_type("192")
    assert isinstance(et, EventType)
    assert et == EventType(cameo_code="192", cameo_root="19", quad_class=4, goldstein=-9.5, plover="COERCE",
                           plover_mode="seize", plover_context=("military",))
    stmt = onto.event_type("010")
    assert (stmt.plover, stmt.plover_mode, stmt.plover_context, stmt.quad_class) == (None, None, (), 1)


def test_event_type_overrides(onto):
    et = onto.event_type("190", mode="aerial")
    assert (et.plover, et.plover_mode) == ("ASSAULT", "aerial")
    resign = onto.event_type("080", plover="RETREAT", mode="resign")
    assert (resign.plover, resign.plover_mode, resign.cameo_root) == ("RETREAT", "resign", "08")
    assert resign.quad_class == 2
    other = onto.event_type("0871", plover="AGREE")  # the table's mode belongs to RETREAT: dropped
    assert (other.plover, other.plover_mode) == ("AGREE", None)
    assert onto.event_type("190", context=("terrorism",)).plover_context == ("terrorism",)


@pytest.mark.parametrize("kwargs", [{"plover": "FIGHT"}, {"mode": "teleport"},
                                    {"plover": "AGREE", "mode": "visit"}, {"context": ("nonsense",)}])
def test_event_type_rejects_unknown_values(onto, kwargs):
    with pytest.raises(ValueError):
        onto.event_type("190", **kwargs)


def test_mode_without_type_is_rejected(onto):
    with pytest.raises(ValueError, match="no PLOVER type"):
        onto.event_type("010", mode="visit")


def test_agrees_with_reference_codebook(onto, shared_dir):
    """Every CAMEO code of the reference codebook is in the table with the same scores and QuadClass."""
    path = shared_dir / "data" / "cameo" / "cameo_codebook.tsv"
    if not path.exists():
        pytest.skip("reference codebook not present")
    with path.open(encoding="utf-8") as fh:
        ref = list(csv.DictReader(fh, delimiter="\t"))
    assert {r["code"] for r in ref} == set(onto.cameo_codes())
    for r in ref:
        row = onto.cameo(r["code"])
        assert row.quad_class == int(r["quad_class"]), r["code"]
        assert row.goldstein_icews == float(r["goldstein_icews"]), r["code"]
        if r["goldstein_gdelt"]:
            assert row.goldstein == float(r["goldstein_gdelt"]), r["code"]


def test_table_is_the_projects_own_format(shared_dir):
    ours = CAMEO_FILE.read_text(encoding="utf-8")
    theirs = (shared_dir / "data" / "cameo" / "cameo_codebook.tsv")
    if theirs.exists():
        assert ours.splitlines()[0] != theirs.read_text(encoding="utf-8").splitlines()[0]
    assert "code\troot\tquad_class\tgoldstein\tgoldstein_icews\tplover" in ours
