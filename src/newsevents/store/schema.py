"""The DuckDB schema as named migrations, applied in order on open and recorded in the ``migrations`` table."""

from __future__ import annotations

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
)
"""

_M001 = (
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TIMESTAMP NOT NULL,
        finished TIMESTAMP,
        args VARCHAR,
        counts VARCHAR
    )""",
    """CREATE TABLE documents (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR,
        url VARCHAR,
        site VARCHAR,
        title VARCHAR,
        pub_date DATE,
        origin VARCHAR,
        cluster_id VARCHAR,
        signature BLOB,
        chars INTEGER,
        paragraphs_in INTEGER,
        paragraphs_out INTEGER,
        paragraphs_removed INTEGER,
        status VARCHAR NOT NULL,
        events INTEGER NOT NULL DEFAULT 0,
        run_id INTEGER
    )""",
    """CREATE TABLE mentions (
        mention_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        cameo_code VARCHAR NOT NULL,
        cameo_root VARCHAR NOT NULL,
        quad_class INTEGER,
        goldstein DOUBLE,
        plover_event VARCHAR,
        plover_mode VARCHAR,
        plover_context VARCHAR,
        source_json VARCHAR,
        target_json VARCHAR,
        source_codes VARCHAR,
        target_codes VARCHAR,
        source_code VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
        target_code VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
        date_value VARCHAR,
        date_precision VARCHAR,
        date_status VARCHAR,
        date_start DATE,
        date_end DATE,
        negated BOOLEAN,
        loc_name VARCHAR, loc_country VARCHAR, loc_admin1 VARCHAR, loc_lat DOUBLE, loc_lon DOUBLE,
        loc_geonameid BIGINT, loc_precision VARCHAR,
        killed INTEGER, killed_q VARCHAR, injured INTEGER, injured_q VARCHAR,
        arrested INTEGER, arrested_q VARCHAR, crowd INTEGER, crowd_q VARCHAR,
        attribution_text VARCHAR, attribution_cue VARCHAR, attribution_code VARCHAR,
        evidence_sentence VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
        trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
        confidence DOUBLE,
        extractor VARCHAR,
        mentions INTEGER,
        record VARCHAR NOT NULL,
        block_key VARCHAR NOT NULL,
        event_key VARCHAR
    )""",
    """CREATE TABLE events (
        event_key VARCHAR PRIMARY KEY,
        block_key VARCHAR NOT NULL,
        representative VARCHAR NOT NULL,
        num_mentions INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        first_seen DATE,
        last_seen DATE,
        event_start DATE,
        event_end DATE
    )""",
    """CREATE TABLE actors (
        mention_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        text VARCHAR, name VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR,
        PRIMARY KEY (mention_id, role, position)
    )""",
    """CREATE TABLE locations (
        location_key VARCHAR PRIMARY KEY,
        name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
        precision VARCHAR
    )""",
    """CREATE TABLE rejections (
        doc_id VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        code VARCHAR NOT NULL,
        reason VARCHAR,
        origin VARCHAR,
        run_id INTEGER,
        PRIMARY KEY (doc_id, stage)
    )""",
    "CREATE INDEX mentions_doc ON mentions (doc_id)",
    "CREATE INDEX mentions_block ON mentions (block_key)",
    "CREATE INDEX events_block ON events (block_key)",
)

# Append new migrations at the end, never edit an applied one: (name, statements).
MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("001_initial", _M001),
    # Insertion order of documents, so story clusters can be restored in the order they were built.
    ("002_document_seq", ("ALTER TABLE documents ADD COLUMN seq BIGINT",)),
)

# Tables every export and test iterates over, in dependency order.
DATA_TABLES: tuple[str, ...] = ("documents", "mentions", "events", "actors", "locations", "rejections")
