"""Ingest: files, folders, JSON lines, HTML, RSS/Atom feeds, WARC archives and stdin become ``RawDoc`` records."""

from newsevents.ingest.decode import decode_bytes, looks_binary
from newsevents.ingest.feeds import looks_like_feed, parse_feed
from newsevents.ingest.readers import read_inputs
from newsevents.ingest.stats import IngestStats
from newsevents.ingest.warc import read_warc

__all__ = ["IngestStats", "decode_bytes", "looks_binary", "looks_like_feed", "parse_feed", "read_inputs",
           "read_warc"]
