"""GDELT 2.0 Events (61 columns) and Mentions (16 columns) rows from stored merged events and mentions.

Conventions follow the GDELT 2.0 codebooks: tab-separated, no header, dates as YYYYMMDD / YYYYMMDDHHMMSS,
actor country codes as CAMEO 3-letter codes, geography country codes as FIPS 10-4 (``data/fips.tsv``),
ADM1 codes as FIPS country + admin1 code, AvgTone 0 (tone is not measured). GLOBALEVENTID is the first 60
bits of the event key read as an integer, so it is stable across runs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from importlib import resources
from typing import Any

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText",
    "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)

# Sectors GDELT puts in KnownGroupCode rather than a type code.
_KNOWN_GROUPS = frozenset({"IGO", "NGO", "MNC", "UNO"})
# Geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (admin1).
_GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "point": 4}
_GAZA_WORDS = ("gaza", "rafah", "khan younis", "khan yunis", "jabalia", "deir al-balah", "beit hanoun")


@functools.lru_cache(maxsize=1)
def fips_table() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> FIPS 10-4 country code, from ``export/data/fips.tsv``."""
    text = resources.files("newsevents.export").joinpath("data/fips.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:
        iso3, fips = line.split("\t")[:2]
        table[iso3] = fips
    return table


def fips_code(iso3: str | None, place: str | None = None, admin1: str | None = None) -> str:
    """The FIPS code of an ISO3 country; Palestinian places in Gaza get GZ, the rest WE; '' when unknown."""
    if not iso3:
        return ""
    if iso3 == "PSE":
        words = f"{place or ''} {admin1 or ''}".lower()
        return "GZ" if any(w in words for w in _GAZA_WORDS) else "WE"
    return fips_table().get(iso3, "")


def global_event_id(event_key: str) -> int:
    """A stable integer id for a merged event (first 60 bits of its hex key)."""
    return int(event_key[:15], 16)


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _actor(code: str | None, name: str | None, country: str | None, sector: str | None) -> list[Any]:
    if not code and not name:
        return [""] * 10
    sector = sector or ""
    known = sector if sector in _KNOWN_GROUPS else ""
    types = [t for t in (sector,) if t and t not in _KNOWN_GROUPS]
    return [code or "", (name or "").upper(), country or "", known, "", "", "",
            types[0] if types else "", "", ""]


def _country_geo(iso3: str | None) -> list[Any]:
    if not iso3:
        return [0, "", "", "", "", "", "", ""]
    import pycountry

    rec = pycountry.countries.get(alpha_3=iso3)
    fips = fips_code(iso3)
    return [1, rec.name if rec else iso3, fips, fips, "", "", "", fips]


def _action_geo(row: dict[str, Any]) -> list[Any]:
    name, iso3 = row.get("loc_name"), row.get("loc_country")
    if not name and not iso3:
        return [0, "", "", "", "", "", "", ""]
    fips = fips_code(iso3, name, row.get("loc_admin1"))
    admin1 = row.get("loc_admin1") or ""
    gtype = _GEO_TYPE.get(row.get("loc_precision") or "city", 4)
    if iso3 == "USA" and gtype in (4, 5):
        gtype = 3 if gtype == 4 else 2
    country_name = ""
    if iso3:
        import pycountry

        rec = pycountry.countries.get(alpha_3=iso3)
        country_name = rec.name if rec else iso3
    parts = [p for p in (name, country_name) if p]
    full = ", ".join(dict.fromkeys(parts))
    adm1 = (fips + admin1) if (fips and admin1 and gtype != 1) else fips
    feature = row.get("loc_geonameid")
    return [gtype, full, fips, adm1, "", row.get("loc_lat"), row.get("loc_lon"),
            feature if feature is not None else (fips if gtype == 1 else "")]


def _day(row: dict[str, Any]) -> dt.date | None:
    return row.get("event_start") or row.get("first_seen") or row.get("doc_pub_date")


def event_fields(row: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 Events fields of one merged-event row (``store.event_rows``)."""
    day = _day(row)
    sqldate = day.strftime("%Y%m%d") if day else ""
    month = day.strftime("%Y%m") if day else ""
    year = str(day.year) if day else ""
    fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else ""
    code = row["cameo_code"]
    src = json.loads(row.get("source_json") or "[]")
    tgt = json.loads(row.get("target_json") or "[]")
    a1 = src[0] if src else {}
    a2 = tgt[0] if tgt else {}
    added = row.get("first_seen") or row.get("doc_pub_date") or day
    fields: list[Any] = [global_event_id(row["event_key"]), sqldate, month, year, fraction]
    fields += _actor(a1.get("code"), a1.get("name"), a1.get("country"), a1.get("sector"))
    fields += _actor(a2.get("code"), a2.get("name"), a2.get("country"), a2.get("sector"))
    fields += [1 if (row.get("evidence_start") or 0) == 0 else 0, code, code[:3], row["cameo_root"],
               row["quad_class"], row["goldstein"], row["num_mentions"], row["num_sources"], row["num_articles"],
               0]
    fields += _country_geo(a1.get("country"))
    fields += _country_geo(a2.get("country"))
    fields += _action_geo(row)
    fields += [added.strftime("%Y%m%d") + "000000" if added else "", row.get("doc_url") or ""]
    out = [_fmt(f) for f in fields]
    assert len(out) == len(EVENT_COLUMNS)
    return out


def mention_fields(row: dict[str, Any]) -> list[str]:
    """The 16 GDELT 2.0 Mentions fields of one stored mention row (``store.mention_rows``)."""
    def stamp(value: dt.date | None) -> str:
        return value.strftime("%Y%m%d") + "000000" if value else ""

    url = row.get("doc_url") or ""
    mention_type = 1 if url else 6  # 1 web, 6 other (no URL known)
    extras = json.dumps({"mention_id": row["mention_id"], "doc_id": row["doc_id"]})
    fields: list[Any] = [
        global_event_id(row["event_key"]) if row.get("event_key") else "", stamp(row.get("date_start")),
        stamp(row.get("doc_pub_date")), mention_type, row.get("doc_site") or "", url or row["doc_id"],
        "", -1, -1, row.get("trigger_start") if row.get("trigger_start") is not None else -1, 1,
        round(100 * float(row.get("confidence") or 0)), "", 0, "", extras,
    ]
    out = [_fmt(f) for f in fields]
    assert len(out) == len(MENTION_COLUMNS)
    return out
