"""Exports: GDELT 2.0 Events (61 columns) and Mentions (16), PLOVER records, Parquet tables, CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pycountry
import pytest

from newsevents.batch import run_corpus
from newsevents.config import Settings
from newsevents.export import CSV_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, export_store, validate_plover
from newsevents.export.gdelt import fips_code, fips_table, global_event_id
from newsevents.store import open_store
from newsevents.store.schema import DATA_TABLES

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    db = tmp_path_factory.mktemp("export") / "events.duckdb"
    run_corpus([CORPUS / "articles.jsonl", CORPUS / "gaza.txt"], db, Settings(default_date="2024-03-12"),
               progress=False)
    with open_store(db, read_only=True) as s:
        yield s


def _columns(names) -> dict[str, str]:
    return {name: "VARCHAR" for name in names}


def test_gdelt_events_has_61_fields_and_loads_in_duckdb(store, tmp_path):
    out = tmp_path / "events.tsv"
    n = export_store(store, "gdelt-events", out)
    assert n == store.count("events") > 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(EVENT_COLUMNS) == 61 and len(lines) == n
    assert all(len(line.split("\t")) == 61 for line in lines)
    rows = duckdb.sql(f"SELECT * FROM read_csv('{out}', delim='\t', header=false, quote='', "
                      f"columns={_columns(EVENT_COLUMNS)})").fetchall()
    assert len(rows) == n
    by = [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in rows]
    srinagar = [r for r in by if r["ActionGeo_FullName"] and r["ActionGeo_FullName"].startswith("Srinagar")]
    assert srinagar
    r = srinagar[0]
    assert r["SQLDATE"] == "20240311" and r["MonthYear"] == "202403" and r["Year"] == "2024"
    assert r["ActionGeo_CountryCode"] == "IN" and r["ActionGeo_ADM1Code"] == "IN12" and r["ActionGeo_Type"] == "4"
    assert r["EventRootCode"] == "19" and r["QuadClass"] == "4" and r["NumArticles"] == "3"
    assert r["Actor1CountryCode"] == "IND" and r["Actor1Type1Code"] == "REB" and r["AvgTone"] == "0"
    assert len(r["DATEADDED"]) == 14 and r["SOURCEURL"].startswith("https://")
    gaza = [r for r in by if (r["ActionGeo_FullName"] or "").startswith("Gaza")]
    assert gaza and gaza[0]["ActionGeo_CountryCode"] == "GZ"


def test_gdelt_mentions_has_16_fields_and_points_at_events(store, tmp_path):
    events, mentions = tmp_path / "e.tsv", tmp_path / "m.tsv"
    export_store(store, "gdelt-events", events)
    n = export_store(store, "gdelt-mentions", mentions)
    assert n == store.count("mentions")
    lines = mentions.read_text(encoding="utf-8").splitlines()
    assert all(len(line.split("\t")) == 16 for line in lines) and len(MENTION_COLUMNS) == 16
    ids = {line.split("\t")[0] for line in events.read_text().splitlines()}
    assert {line.split("\t")[0] for line in lines} == ids


def test_plover_records_validate(store, tmp_path):
    out = tmp_path / "plover.jsonl"
    n = export_store(store, "plover", out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == n > 0
    for rec in records:
        assert validate_plover(rec) == [], rec
        assert rec["event_type"] in PLOVER_TYPES
    assert validate_plover({"id": 1}) != []


def test_parquet_tables_read_back(store, tmp_path):
    assert export_store(store, "parquet", tmp_path / "pq") == len(DATA_TABLES)
    for table in DATA_TABLES:
        got = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path / 'pq' / (table + '.parquet')}')")
        assert got.fetchall()[0][0] == store.count(table)


def test_csv_of_merged_events(store, tmp_path):
    out = tmp_path / "events.csv"
    n = export_store(store, "csv", out)
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == n + 1


def test_fips_table_covers_every_country():
    table = fips_table()
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in table]
    assert missing == []
    assert (fips_code("ISR"), fips_code("CHN"), fips_code("DEU"), fips_code("GBR")) == ("IS", "CH", "GM", "UK")
    assert fips_code("PSE", "Khan Younis") == "GZ" and fips_code("PSE", "Jenin") == "WE"
    assert fips_code(None) == "" and global_event_id("ffffffffffffffff") == 2**60 - 1
