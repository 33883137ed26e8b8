"""Ingest: files, folders, JSON lines, HTML and standard input become ``RawDoc`` records (or ``Rejected``)."""

from newsevents.ingest.decode import decode_bytes, looks_binary
from newsevents.ingest.readers import read_inputs

__all__ = ["decode_bytes", "looks_binary", "read_inputs"]
